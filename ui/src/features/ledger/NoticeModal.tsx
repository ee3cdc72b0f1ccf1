// The print preview of an item's paper: its 督办通知单, or the 催办单 of one reminder.
import { useQuery } from '@tanstack/react-query';
import { Modal } from 'antd';
import { reminderNoticePdf, supervisionNoticePdf } from '../../api/assignment';
import type { Assignment } from '../../api/types/Assignment';
import { PdfPreview } from '../../components/PdfPreview';

/** Which paper: the notice, or the 催办单 of a 催办 event (the latest when `eventId` is null). */
export type Paper = { kind: 'notice' } | { kind: 'reminder'; eventId: number | null };

export function NoticeModal({ item, paper, onClose }: { item: Assignment; paper: Paper; onClose: () => void }) {
  const pdf = useQuery({
    queryKey: ['notice-pdf', item.id, paper],
    queryFn: () => (paper.kind === 'notice' ? supervisionNoticePdf(item.id) : reminderNoticePdf(item.id, paper.eventId)),
    gcTime: 0,
  });
  const title = paper.kind === 'notice' ? '督办通知单' : '催办单';
  return (
    <Modal title={`${title}：${item.number}`} open width={900} footer={null} onCancel={onClose} destroyOnHidden>
      <PdfPreview
        pdf={pdf.data}
        error={pdf.isError ? pdf.error.message : null}
        fileName={`${title}-${item.number}`}
        height="calc(100vh - 260px)"
      />
    </Modal>
  );
}

// The summary as printed (GB/T 9704) or its 审批表, in the print preview.
import { useQuery } from '@tanstack/react-query';
import { Modal } from 'antd';
import { summaryPaperPdf } from '../../api/summary';
import type { Summary } from '../../api/types/Summary';
import type { SummaryPaper } from '../../api/types/SummaryPaper';
import { PdfPreview } from '../../components/PdfPreview';

export function PaperModal({ summary, paper, onClose }: { summary: Summary; paper: SummaryPaper; onClose: () => void }) {
  const pdf = useQuery({
    queryKey: ['summary-pdf', summary.id, paper, summary.revision, summary.state],
    queryFn: () => summaryPaperPdf(summary.id, paper),
    gcTime: 0,
  });
  const name = paper === 'document' ? summary.title : `${summary.title}-审批表`;
  return (
    <Modal
      title={paper === 'document' ? `打印预览：${summary.title}` : '审批表'}
      open
      width={900}
      footer={null}
      onCancel={onClose}
      destroyOnHidden
    >
      <PdfPreview pdf={pdf.data} error={pdf.isError ? pdf.error.message : null} fileName={name} height="calc(100vh - 260px)" />
    </Modal>
  );
}

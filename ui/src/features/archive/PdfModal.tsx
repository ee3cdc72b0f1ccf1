// A paper of the archive in a modal: a 件, the 归档文件目录 or the 备考表, as the backend renders it.
import { useQuery } from '@tanstack/react-query';
import { Modal } from 'antd';
import { PdfPreview } from '../../components/PdfPreview';

export interface PdfPaper {
  title: string;
  /** The suggested file name, without .pdf. */
  fileName: string;
  /** What identifies the paper, for the cache. */
  key: unknown[];
  load: () => Promise<Uint8Array>;
}

export function PdfModal({ paper, onClose }: { paper: PdfPaper; onClose: () => void }) {
  const pdf = useQuery({ queryKey: ['archive-pdf', ...paper.key], queryFn: paper.load, gcTime: 0 });
  return (
    <Modal title={paper.title} open width={1100} footer={null} onCancel={onClose} destroyOnHidden>
      <PdfPreview
        pdf={pdf.data}
        error={pdf.isError ? pdf.error.message : null}
        fileName={paper.fileName}
        height="calc(100vh - 260px)"
        initialZoom={0.75}
      />
    </Modal>
  );
}

// The preview of a paper of supervision (通报, 责任清单, 台账): the PDF the backend made, with
// 另存为 and 打印 from the preview, and 导出 Word for those who go on editing in WPS or Word.
import { FileWordOutlined } from '@ant-design/icons';
import { useMutation, useQuery } from '@tanstack/react-query';
import { App, Button, Modal } from 'antd';
import { exportReportDocxAs, reportPdf } from '../api/report';
import type { ReportPaper } from '../api/types/ReportPaper';
import { PdfPreview } from './PdfPreview';

interface ReportPreviewProps {
  paper: ReportPaper;
  /** The suggested file name, without its extension. */
  fileName: string;
  height?: string;
  initialZoom?: number;
}

export function ReportPreview({ paper, fileName, height = 'calc(100vh - 300px)', initialZoom }: ReportPreviewProps) {
  const { message } = App.useApp();
  const pdf = useQuery({ queryKey: ['report-pdf', paper], queryFn: () => reportPdf(paper), gcTime: 0 });
  const word = useMutation({
    mutationFn: () => exportReportDocxAs(paper, fileName),
    onSuccess: (path) => path && message.success(`已导出：${path}`),
    onError: (e) => message.error(e.message),
  });
  return (
    <>
      <Button
        icon={<FileWordOutlined />}
        loading={word.isPending}
        onClick={() => word.mutate()}
        style={{ float: 'right' }}
        data-testid="report-docx"
      >
        导出 Word
      </Button>
      <PdfPreview
        pdf={pdf.data}
        error={pdf.isError ? pdf.error.message : null}
        fileName={fileName}
        height={height}
        initialZoom={initialZoom}
      />
    </>
  );
}

/** A paper in a modal of its own (责任清单, 台账). */
export function ReportModal({ title, onClose, ...preview }: ReportPreviewProps & { title: string; onClose: () => void }) {
  return (
    <Modal title={title} open width={1100} footer={null} onCancel={onClose} destroyOnHidden>
      <ReportPreview {...preview} />
    </Modal>
  );
}

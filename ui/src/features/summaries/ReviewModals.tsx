// A review step of a summary (提交审核, 审核意见, 退回重写, 审核通过, 发布) in the form the core
// describes. 提交审核 shows the substance checks first: a failing draft needs a reason.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Spin } from 'antd';
import { actOnSummary, checkSummary } from '../../api/summary';
import type { AvailableAction } from '../../api/types/AvailableAction';
import type { SummaryAction } from '../../api/types/SummaryAction';
import type { SummaryActionRequest } from '../../api/types/SummaryActionRequest';
import type { SummaryDetail } from '../../api/types/SummaryDetail';
import { ActionFormModal } from '../../components/ActionFormModal';
import { RuleFigures } from './ChecksPanel';

export function ReviewModal({
  offered,
  detail,
  section,
  onClose,
  onDone,
}: {
  offered: AvailableAction<SummaryAction>;
  detail: SummaryDetail;
  /** The section the writer or reviewer is on (the default of a section opinion). */
  section?: number;
  onClose: () => void;
  onDone: () => void;
}) {
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const id = detail.summary.id;
  const check = useQuery({
    queryKey: ['summary-check', id, 'submit'],
    queryFn: () => checkSummary(id),
    enabled: offered.panel === 'checks',
    gcTime: 0,
  });
  const panel =
    offered.panel !== 'checks' ? undefined : check.isPending ? (
      <Spin description="正在检查……" />
    ) : check.data ? (
      <Alert
        type={check.data.passed ? 'success' : 'error'}
        showIcon
        style={{ marginBottom: 12 }}
        data-testid="submit-checks"
        title={check.data.passed ? '实质性检查全部通过' : '实质性检查未通过，审核人会先看到这些：'}
        description={<RuleFigures report={check.data} />}
      />
    ) : (
      <Alert type="error" title={check.error?.message} />
    );
  return (
    <ActionFormModal
      title={`${offered.label}：${detail.summary.title}`}
      offered={offered}
      testPrefix="review"
      context={{ section }}
      panel={panel}
      onClose={onClose}
      onSubmit={async (values) => {
        const request = { action: offered.action, input: values } as unknown as SummaryActionRequest;
        await actOnSummary(id, request);
        message.success(`已${offered.label}`);
        await queryClient.invalidateQueries({ queryKey: ['summary', id] });
        await queryClient.invalidateQueries({ queryKey: ['summaries'] });
        await queryClient.invalidateQueries({ queryKey: ['summary-versions', id] });
        onDone();
      }}
    />
  );
}

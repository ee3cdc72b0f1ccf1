// One item's action, in the form the core describes (who acted, and what the action needs). The
// backend takes the time and checks the transition.
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App } from 'antd';
import { actOnAssignment } from '../../api/assignment';
import type { ActionRequest } from '../../api/types/ActionRequest';
import type { Assignment } from '../../api/types/Assignment';
import type { AvailableAction } from '../../api/types/AvailableAction';
import type { Action } from '../../api/types/Action';
import { ActionFormModal } from '../../components/ActionFormModal';

export function ActionModal({
  item,
  offered,
  onClose,
  onDone,
}: {
  item: Assignment;
  offered: AvailableAction<Action>;
  onClose: () => void;
  onDone: (action: Action) => void;
}) {
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  return (
    <ActionFormModal
      title={`${offered.label}：${item.number}`}
      offered={offered}
      testPrefix="action"
      panel={<Alert type="info" title={item.title} style={{ marginBottom: 12 }} />}
      onClose={onClose}
      onSubmit={async (values) => {
        const request = { action: offered.action, input: values } as unknown as ActionRequest;
        await actOnAssignment(item.id, request);
        message.success(`已${offered.label}：${item.number}`);
        await queryClient.invalidateQueries({ queryKey: ['ledger'] });
        await queryClient.invalidateQueries({ queryKey: ['assignment', item.id] });
        onDone(offered.action);
      }}
    />
  );
}

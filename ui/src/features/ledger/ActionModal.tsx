// One form per action: who acted (a person from the directory, by default the local user), and
// what the action needs — a note or a reason, a satisfaction score, a new deadline, the revisit's
// day and result. The backend takes the time and checks the transition.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, DatePicker, Form, Input, InputNumber, Modal, Radio, Select, Space } from 'antd';
import type { Dayjs } from 'dayjs';
import { actOnAssignment } from '../../api/assignment';
import { actionLabels } from '../../api/labels';
import type { Action } from '../../api/types/Action';
import type { ActionRequest } from '../../api/types/ActionRequest';
import type { Assignment } from '../../api/types/Assignment';
import { cstDateTime } from '../../components/cst';
import { showApiError } from '../../components/formErrors';
import { personOptions, useDirectory } from '../../components/directory';

interface Values {
  actor_id: number;
  note?: string;
  /** The note of 申请延期, which the backend calls the reason. */
  reason?: string;
  satisfaction?: number;
  new_deadline?: Dayjs;
  day?: number;
  held?: boolean;
}

/** Who acts, in the words of each action. */
const ACTOR_LABELS: Partial<Record<Action, string>> = {
  assign: '交办人',
  accept: '签收人',
  progress: '反馈人',
  report: '反馈人',
  pass: '审核人',
  return: '审核人',
  extend: '申请人',
  approve_extension: '审批人',
  reject_extension: '审批人',
  remind: '催办人',
  revisit: '回访人',
};

/** The note's label and whether it is required. */
function noteOf(action: Action, held: boolean): { label: string; required: boolean } {
  switch (action) {
    case 'progress':
      return { label: '进展情况', required: true };
    case 'report':
      return { label: '办理结果', required: true };
    case 'return':
      return { label: '退回理由', required: true };
    case 'suspend':
      return { label: '中止理由', required: true };
    case 'extend':
      return { label: '延期理由', required: true };
    case 'remind':
      return { label: '催办事由', required: false };
    case 'revisit':
      return held ? { label: '回访情况', required: false } : { label: '反弹情况', required: true };
    default:
      return { label: '说明', required: false };
  }
}

function requestOf(action: Action, v: Values): ActionRequest {
  const input = { actor_id: v.actor_id, note: v.note?.trim() || undefined, satisfaction: v.satisfaction };
  switch (action) {
    case 'extend':
      return {
        action,
        input: { actor_id: v.actor_id, reason: v.reason ?? '', new_deadline: v.new_deadline?.format('YYYY-MM-DD') ?? '' },
      };
    case 'revisit':
      return { action, input: { ...input, day: v.day ?? 30, held: v.held ?? true } };
    default:
      return { action, input };
  }
}

export function ActionModal({
  item,
  action,
  defaultActorId,
  onClose,
  onDone,
}: {
  item: Assignment;
  action: Action;
  defaultActorId?: number;
  onClose: () => void;
  onDone: (action: Action) => void;
}) {
  const [form] = Form.useForm<Values>();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const { persons } = useDirectory();
  const held = Form.useWatch('held', form) ?? true;
  const note = noteOf(action, held);
  // Field names as the backend reports them, so its messages land at the right field.
  const noteField = action === 'extend' ? 'reason' : 'note';

  const save = useMutation({
    mutationFn: (values: Values) => actOnAssignment(item.id, requestOf(action, values)),
    onSuccess: async () => {
      message.success(`已${actionLabels[action]}：${item.number}`);
      await queryClient.invalidateQueries({ queryKey: ['ledger'] });
      await queryClient.invalidateQueries({ queryKey: ['assignment', item.id] });
      onDone(action);
    },
    onError: (error) =>
      showApiError(error, form, ['actor_id', noteField, 'satisfaction', 'new_deadline', 'day'] as const, message.error),
  });

  return (
    <Modal
      title={`${actionLabels[action]}：${item.number}`}
      open
      onCancel={onClose}
      footer={null}
      destroyOnHidden
      maskClosable={false}
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ actor_id: defaultActorId, day: 30, held: true }}
        onFinish={(values) => save.mutate(values)}
        onKeyDown={(e) => {
          // Enter in a one-line field submits the form by itself; Ctrl+Enter does it from a
          // multi-line one. Handling both here would save twice.
          if (e.key === 'Enter' && (e.ctrlKey || e.metaKey) && e.target instanceof HTMLTextAreaElement) {
            e.preventDefault();
            form.submit();
          }
        }}
      >
        <Alert type="info" title={item.title} style={{ marginBottom: 12 }} />
        {action === 'approve_extension' || action === 'reject_extension' ? (
          item.pending_extension && (
            <Alert
              type="warning"
              style={{ marginBottom: 12 }}
              title={`申请延期至 ${cstDateTime(item.pending_extension.new_deadline)}（现时限 ${cstDateTime(item.deadline)}）`}
              description={`理由：${item.pending_extension.reason}`}
            />
          )
        ) : null}
        <Form.Item name="actor_id" label={ACTOR_LABELS[action] ?? '办理人'} rules={[{ required: true, message: '请选择人员' }]}>
          <Select showSearch={{ optionFilterProp: 'label' }} options={personOptions(persons)} data-testid="action-actor" />
        </Form.Item>
        {action === 'revisit' && (
          <Space size="large">
            <Form.Item name="day" label="回访时点">
              <Radio.Group options={[{ value: 30, label: '办结后 30 天' }, { value: 90, label: '办结后 90 天' }]} />
            </Form.Item>
            <Form.Item name="held" label="回访结果">
              <Radio.Group
                options={[
                  { value: true, label: '成效保持' },
                  { value: false, label: '反弹，重新办理' },
                ]}
                data-testid="action-held"
              />
            </Form.Item>
          </Space>
        )}
        {action === 'extend' && (
          <Form.Item
            name="new_deadline"
            label="延期至"
            extra="按该日工作时间结束计；须晚于现在的时限"
            rules={[{ required: true, message: '请选择新的办理时限' }]}
          >
            <DatePicker style={{ width: '100%' }} data-testid="action-new-deadline" />
          </Form.Item>
        )}
        <Form.Item
          name={noteField}
          label={note.label}
          rules={note.required ? [{ required: true, whitespace: true, message: `请填写${note.label}` }] : []}
        >
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 10 }} maxLength={5000} autoFocus data-testid="action-note" />
        </Form.Item>
        {(action === 'pass' || action === 'revisit') && (
          <Form.Item name="satisfaction" label="满意度（0–100 分）">
            <InputNumber min={0} max={100} precision={0} style={{ width: 160 }} data-testid="action-satisfaction" />
          </Form.Item>
        )}
        <Space style={{ width: '100%', justifyContent: 'flex-end' }}>
          <Button onClick={onClose}>取消</Button>
          <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="action-submit">
            {`确定${actionLabels[action]}（Ctrl+Enter）`}
          </Button>
        </Space>
      </Form>
    </Modal>
  );
}

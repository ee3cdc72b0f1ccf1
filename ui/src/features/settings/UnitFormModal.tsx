import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Form, Input, InputNumber, Modal, Select, Space } from 'antd';
import { addUnit, updateUnit } from '../../api/org';
import { unitKindLabels } from '../../api/labels';
import type { Unit } from '../../api/types/Unit';
import type { UnitInput } from '../../api/types/UnitInput';
import { showApiError } from '../../components/formErrors';

const FIELDS = ['name', 'short_name', 'kind', 'sort_order'] as const;

/** Adds a unit (`unit` null) or edits one. Closes only when the backend accepted the input. */
export function UnitFormModal({ unit, onClose }: { unit: Unit | null; onClose: () => void }) {
  const [form] = Form.useForm<UnitInput>();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const save = useMutation({
    mutationFn: (input: UnitInput) => (unit ? updateUnit(unit.id, input) : addUnit(input)),
    onSuccess: async (saved) => {
      message.success(unit ? `已保存“${saved.name}”` : `已添加“${saved.name}”`);
      await queryClient.invalidateQueries();
      onClose();
    },
    onError: (error) => showApiError(error, form, FIELDS, message.error),
  });

  return (
    <Modal title={unit ? '编辑单位' : '添加单位'} open onCancel={onClose} footer={null} destroyOnHidden>
      <Form
        form={form}
        layout="vertical"
        initialValues={
          unit
            ? { name: unit.name, short_name: unit.short_name ?? undefined, kind: unit.kind, sort_order: unit.sort_order }
            : { kind: 'internal' }
        }
        onFinish={(values) => save.mutate(values)}
      >
        <Form.Item name="name" label="全称" rules={[{ required: true, whitespace: true, message: '请填写单位全称' }]}>
          <Input data-testid="unit-name" maxLength={60} autoFocus />
        </Form.Item>
        <Form.Item name="short_name" label="简称">
          <Input data-testid="unit-short" maxLength={60} />
        </Form.Item>
        <Form.Item name="kind" label="类型" rules={[{ required: true }]}>
          <Select
            data-testid="unit-kind"
            options={Object.entries(unitKindLabels).map(([value, label]) => ({ value, label }))}
          />
        </Form.Item>
        <Form.Item name="sort_order" label="排序" extra="数字小的排在前面；不填则排在最后。">
          <InputNumber style={{ width: '100%' }} />
        </Form.Item>
        <Space style={{ width: '100%', justifyContent: 'flex-end' }}>
          <Button onClick={onClose} data-testid="unit-cancel">取消</Button>
          <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="unit-submit">
            保存
          </Button>
        </Space>
      </Form>
    </Modal>
  );
}

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Checkbox, Form, Input, Modal, Select, Space } from 'antd';
import { roleLabels } from '../../api/labels';
import { addPerson, updatePerson } from '../../api/org';
import type { Person } from '../../api/types/Person';
import type { PersonInput } from '../../api/types/PersonInput';
import type { Unit } from '../../api/types/Unit';
import { unitOptions } from '../../components/directory';
import { showApiError } from '../../components/formErrors';

const FIELDS = ['name', 'unit_id', 'title', 'phone', 'roles'] as const;

/** Adds a person (`person` null) or edits one. Closes only when the backend accepted the input. */
export function PersonFormModal({
  person,
  units,
  unitId,
  onClose,
}: {
  person: Person | null;
  units: Unit[];
  /** A new person's unit, when added from that unit's row. */
  unitId?: number;
  onClose: () => void;
}) {
  const [form] = Form.useForm<PersonInput>();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const save = useMutation({
    mutationFn: (input: PersonInput) => (person ? updatePerson(person.id, input) : addPerson(input)),
    onSuccess: async (saved) => {
      message.success(person ? `已保存“${saved.name}”` : `已添加“${saved.name}”`);
      await queryClient.invalidateQueries();
      onClose();
    },
    onError: (error) => showApiError(error, form, FIELDS, message.error),
  });

  return (
    <Modal title={person ? '编辑人员' : '添加人员'} open onCancel={onClose} footer={null} destroyOnHidden>
      <Form
        form={form}
        layout="vertical"
        initialValues={
          person
            ? {
                name: person.name,
                unit_id: person.unit_id,
                title: person.title ?? undefined,
                phone: person.phone ?? undefined,
                roles: person.roles,
              }
            : { roles: ['handler'], unit_id: unitId }
        }
        onFinish={(values) => save.mutate({ ...values, roles: values.roles ?? [] })}
      >
        <Form.Item name="name" label="姓名" rules={[{ required: true, whitespace: true, message: '请填写姓名' }]}>
          <Input data-testid="person-name" maxLength={60} autoFocus />
        </Form.Item>
        <Form.Item name="unit_id" label="所属单位" rules={[{ required: true, message: '请选择所属单位' }]}>
          <Select
            data-testid="person-unit"
            showSearch={{ optionFilterProp: 'label' }}
            options={unitOptions(units)}
          />
        </Form.Item>
        <Form.Item name="title" label="职务">
          <Input data-testid="person-title" maxLength={60} />
        </Form.Item>
        <Form.Item name="phone" label="办公电话/手机" extra="手机号 11 位，座机如 010-12345678">
          <Input data-testid="person-phone" maxLength={30} />
        </Form.Item>
        <Form.Item name="roles" label="角色">
          <Checkbox.Group options={Object.entries(roleLabels).map(([value, label]) => ({ value, label }))} />
        </Form.Item>
        <Space style={{ width: '100%', justifyContent: 'flex-end' }}>
          <Button onClick={onClose} data-testid="person-cancel">取消</Button>
          <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="person-submit">
            保存
          </Button>
        </Space>
      </Form>
    </Modal>
  );
}

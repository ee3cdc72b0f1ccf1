// 登记 (and 分解 when `parent` is given): every field of an item, units and people from the
// directory. The number and, when 办理时限 is left empty, the deadline come from the backend; the
// form shows that deadline before saving. Enter in a one-line field or Ctrl+Enter anywhere saves.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Col, DatePicker, Form, Input, Modal, Row, Select, Space } from 'antd';
import type { Dayjs } from 'dayjs';
import { defaultDeadline, registerAssignment } from '../../api/assignment';
import {
  categoryLabels,
  classificationLabels,
  classificationNotice,
  feedbackCycleLabels,
  optionsOf,
  sourceLabels,
  urgencyLabels,
} from '../../api/labels';
import type { Assignment } from '../../api/types/Assignment';
import type { AssignmentInput } from '../../api/types/AssignmentInput';
import { ChoiceField } from '../../components/ChoiceField';
import { cstDateTime, wallClock } from '../../components/cst';
import { showApiError } from '../../components/formErrors';
import { personOptions, unitOptions, useDirectory } from '../../components/directory';

type Values = Omit<AssignmentInput, 'assigned_at' | 'deadline' | 'parent_id' | 'actor_id'> & {
  assigned_at?: Dayjs;
  deadline?: Dayjs;
};

const FIELDS = [
  'title',
  'source',
  'source_doc_no',
  'assigning_leader_id',
  'assigned_at',
  'content',
  'category',
  'urgency',
  'lead_unit_id',
  'cooperating_unit_ids',
  'responsible_id',
  'contact',
  'contact_phone',
  'leader_in_charge_id',
  'deadline',
  'feedback_cycle',
  'classification',
  'tags',
] as const;

export function RegisterModal({
  parent,
  onClose,
  onRegistered,
}: {
  parent: Assignment | null;
  onClose: () => void;
  onRegistered: (id: number) => void;
}) {
  const [form] = Form.useForm<Values>();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const { units, persons } = useDirectory();
  const category = Form.useWatch('category', form);
  const assignedAt = Form.useWatch('assigned_at', form);
  const leadUnit = Form.useWatch('lead_unit_id', form);
  const assignedText = assignedAt ? wallClock(assignedAt) : null;
  const preview = useQuery({
    queryKey: ['default-deadline', category, assignedText],
    queryFn: () => defaultDeadline(category!, assignedText),
    enabled: !!category,
  });

  const save = useMutation({
    mutationFn: (values: Values) =>
      registerAssignment({
        ...values,
        parent_id: parent?.id,
        assigned_at: values.assigned_at ? wallClock(values.assigned_at) : undefined,
        deadline: values.deadline ? wallClock(values.deadline) : undefined,
        cooperating_unit_ids: values.cooperating_unit_ids ?? [],
        tags: values.tags ?? [],
      }),
    onSuccess: async (id) => {
      message.success(parent ? '已分解登记' : '已登记');
      await queryClient.invalidateQueries({ queryKey: ['ledger'] });
      await queryClient.invalidateQueries({ queryKey: ['assignment'] });
      await queryClient.invalidateQueries({ queryKey: ['assignment-tags'] });
      onRegistered(id);
    },
    onError: (error) => showApiError(error, form, FIELDS, message.error),
  });

  const unitChoices = unitOptions(units);
  const people = personOptions(persons, leadUnit);
  const initialValues: Partial<Values> = parent
    ? {
        title: '',
        source: parent.source,
        category: parent.category,
        urgency: parent.urgency,
        content: '',
        feedback_cycle: parent.feedback_cycle,
        classification: parent.classification,
        tags: parent.tags,
      }
    : { source: 'instruction', category: 'routine', urgency: 'normal', feedback_cycle: 'none', classification: 'public' };

  return (
    <Modal
      title={parent ? `分解事项：${parent.number}` : '登记交办事项'}
      open
      width={860}
      onCancel={onClose}
      footer={null}
      destroyOnHidden
      maskClosable={false}
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={initialValues}
        onFinish={(values) => save.mutate(values)}
        onKeyDown={(e) => {
          // Enter in a one-line field submits the form by itself; Ctrl+Enter does it from a
          // multi-line one. Handling both here would save twice.
          if (e.key === 'Enter' && (e.ctrlKey || e.metaKey) && e.target instanceof HTMLTextAreaElement) {
            e.preventDefault();
            form.submit();
          }
        }}
        requiredMark
      >
        {parent && (
          <Alert
            type="info"
            showIcon
            style={{ marginBottom: 12 }}
            title={`分解事项有自己的承办单位、责任人和时限，办理进度汇总到“${parent.title}”。`}
          />
        )}
        <Form.Item name="title" label="标题" rules={[{ required: true, whitespace: true, message: '请填写标题' }]}>
          <Input maxLength={200} autoFocus data-testid="reg-title" />
        </Form.Item>
        <Row gutter={12}>
          <Col span={8}>
            <Form.Item name="source" label="来源" rules={[{ required: true }]}>
              <Select options={optionsOf(sourceLabels)} data-testid="reg-source" />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="source_doc_no" label="来源文号">
              <Input maxLength={60} placeholder="如 〔2026〕15号" />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="assigning_leader_id" label="交办领导">
              <Select allowClear showSearch={{ optionFilterProp: 'label' }} options={personOptions(persons)} />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={12}>
          <Col span={8}>
            {/* Empty means now, taken by the backend in CST: the PC's own zone never enters. */}
            <Form.Item name="assigned_at" label="交办时间" extra="留空为现在">
              <DatePicker
                showTime={{ format: 'HH:mm' }}
                format="YYYY-MM-DD HH:mm"
                placeholder="现在"
                style={{ width: '100%' }}
              />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="category" label="类别" rules={[{ required: true }]}>
              <Select options={optionsOf(categoryLabels)} data-testid="reg-category" />
            </Form.Item>
          </Col>
          <Col span={8}>
            <ChoiceField name="urgency" label="紧急程度" labels={urgencyLabels} />
          </Col>
        </Row>
        <Form.Item
          name="content"
          label="事项内容与要求"
          rules={[{ required: true, whitespace: true, message: '请填写事项内容与要求' }]}
        >
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} maxLength={20000} data-testid="reg-content" />
        </Form.Item>
        <Row gutter={12}>
          <Col span={8}>
            <Form.Item name="lead_unit_id" label="牵头单位" rules={[{ required: true, message: '请选择牵头单位' }]}>
              <Select showSearch={{ optionFilterProp: 'label' }} options={unitChoices} data-testid="reg-lead-unit" />
            </Form.Item>
          </Col>
          <Col span={16}>
            <Form.Item name="cooperating_unit_ids" label="协办单位">
              <Select
                mode="multiple"
                allowClear
                showSearch={{ optionFilterProp: 'label' }}
                options={unitChoices.filter((u) => u.value !== leadUnit)}
              />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={12}>
          <Col span={8}>
            <Form.Item
              name="responsible_id"
              label="第一责任人"
              rules={[{ required: true, message: '请选择第一责任人' }]}
            >
              <Select showSearch={{ optionFilterProp: 'label' }} options={people} data-testid="reg-responsible" />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="contact" label="联系人">
              <Input maxLength={60} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="contact_phone" label="联系电话">
              <Input maxLength={30} />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={12}>
          <Col span={8}>
            <Form.Item name="leader_in_charge_id" label="分管领导">
              <Select allowClear showSearch={{ optionFilterProp: 'label' }} options={personOptions(persons)} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item
              name="deadline"
              label="办理时限"
              extra={
                preview.data
                  ? `留空按类别时限：${cstDateTime(preview.data.due)}${preview.data.confirmed ? '' : '（未确认）'}`
                  : '留空按类别时限计算'
              }
            >
              <DatePicker
                showTime={{ format: 'HH:mm' }}
                format="YYYY-MM-DD HH:mm"
                style={{ width: '100%' }}
                data-testid="reg-deadline"
              />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="feedback_cycle" label="反馈周期">
              <Select options={optionsOf(feedbackCycleLabels)} />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={12}>
          <Col span={8}>
            <ChoiceField name="classification" label="密级" labels={classificationLabels} extra={classificationNotice} />
          </Col>
          <Col span={16}>
            <Form.Item name="tags" label="标签">
              <Select mode="tags" tokenSeparators={[',', '，', ' ']} placeholder="输入后回车" />
            </Form.Item>
          </Col>
        </Row>
        <Space style={{ width: '100%', justifyContent: 'flex-end' }}>
          <Button onClick={onClose}>取消</Button>
          <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="reg-submit">
            登记（Ctrl+Enter）
          </Button>
        </Space>
      </Form>
    </Modal>
  );
}

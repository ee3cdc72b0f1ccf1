// 新建总结: a template, the title, kind, period, drafting unit and drafter (the local user by default).
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Col, DatePicker, Form, Input, Modal, Row, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { classificationLabels, classificationNotice, optionsOf, summaryKindLabels } from '../../api/labels';
import { ChoiceField } from '../../components/ChoiceField';
import { createSummary, listSummaryTemplates } from '../../api/summary';
import type { Classification } from '../../api/types/Classification';
import type { SummaryKind } from '../../api/types/SummaryKind';
import { showApiError } from '../../components/formErrors';
import { personOptions, unitOptions, useDirectory, useProfile } from '../../components/directory';
import { periodAsOneField } from './InfoModal';

interface Values {
  template_id: number;
  title: string;
  kind: SummaryKind;
  period: [Dayjs, Dayjs];
  unit_id: number;
  drafter_id: number;
  classification: Classification;
}

const FIELDS = ['template_id', 'title', 'kind', 'period', 'unit_id', 'drafter_id', 'classification'] as const;

export function NewSummaryModal({ onClose, onCreated }: { onClose: () => void; onCreated: (id: number) => void }) {
  const [form] = Form.useForm<Values>();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const profile = useProfile();
  const { units, persons } = useDirectory();
  const templates = useQuery({ queryKey: ['summary-templates', false], queryFn: () => listSummaryTemplates(false) });
  const unitId = Form.useWatch('unit_id', form);

  const save = useMutation({
    mutationFn: (v: Values) =>
      createSummary({
        template_id: v.template_id,
        title: v.title,
        kind: v.kind,
        period_from: v.period[0].format('YYYY-MM-DD'),
        period_to: v.period[1].format('YYYY-MM-DD'),
        unit_id: v.unit_id,
        drafter_id: v.drafter_id,
        classification: v.classification,
      }),
    onSuccess: async (id) => {
      message.success('已新建总结');
      await queryClient.invalidateQueries({ queryKey: ['summaries'] });
      onCreated(id);
    },
    onError: (error) => showApiError(periodAsOneField(error), form, FIELDS, message.error),
  });

  return (
    <Modal
      title="新建总结"
      open
      width={720}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText="新建"
      okButtonProps={{ loading: save.isPending, 'data-testid': 'new-submit' }}
      destroyOnHidden
      maskClosable={false}
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{
          period: [dayjs().startOf('year'), dayjs()],
          classification: 'public',
          unit_id: profile?.unit_id,
          drafter_id: profile?.person_id,
        }}
        onFinish={(v) => save.mutate(v)}
      >
        <Form.Item name="template_id" label="模板" rules={[{ required: true, message: '请选择模板' }]}>
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            data-testid="new-template"
            loading={templates.isLoading}
            options={(templates.data ?? []).map((t) => ({
              value: t.id,
              label: `${t.name} · ${t.section_count} 章`,
            }))}
            onChange={(id: number) => {
              const t = templates.data?.find((x) => x.id === id);
              if (t) form.setFieldValue('kind', t.kind);
            }}
          />
        </Form.Item>
        <Form.Item name="title" label="标题" rules={[{ required: true, whitespace: true, message: '请填写标题' }]}>
          <Input maxLength={200} placeholder="如：市政务服务中心2026年上半年工作总结" data-testid="new-title" />
        </Form.Item>
        <Row gutter={12}>
          <Col span={10}>
            <Form.Item name="kind" label="总结类型" rules={[{ required: true, message: '请选择总结类型' }]}>
              <Select options={optionsOf(summaryKindLabels)} data-testid="new-kind" />
            </Form.Item>
          </Col>
          <Col span={14}>
            <Form.Item name="period" label="总结期间" rules={[{ required: true, message: '请选择总结期间' }]}>
              <DatePicker.RangePicker style={{ width: '100%' }} data-testid="new-period" />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={12}>
          <Col span={10}>
            <Form.Item name="unit_id" label="撰写单位" rules={[{ required: true, message: '请选择撰写单位' }]}>
              <Select
                showSearch={{ optionFilterProp: 'label' }}
                options={unitOptions(units)}
                data-testid="new-unit"
              />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="drafter_id" label="撰写人" rules={[{ required: true, message: '请选择撰写人' }]}>
              <Select
                showSearch={{ optionFilterProp: 'label' }}
                options={personOptions(persons, unitId)}
                data-testid="new-drafter"
              />
            </Form.Item>
          </Col>
          <Col span={6}>
            <ChoiceField name="classification" label="密级" labels={classificationLabels} extra={classificationNotice} />
          </Col>
        </Row>
      </Form>
    </Modal>
  );
}

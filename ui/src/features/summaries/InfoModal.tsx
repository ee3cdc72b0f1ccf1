// 基本信息 of a draft: title, kind, period, unit, drafter, classification.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Col, DatePicker, Form, Input, Modal, Row, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { ApiError, toApiError } from '../../api/invoke';
import { classificationLabels, classificationNotice, optionsOf, summaryKindLabels } from '../../api/labels';
import { ChoiceField } from '../../components/ChoiceField';
import { updateSummaryInfo } from '../../api/summary';
import type { Classification } from '../../api/types/Classification';
import type { Summary } from '../../api/types/Summary';
import type { SummaryKind } from '../../api/types/SummaryKind';
import { showApiError } from '../../components/formErrors';
import { personOptions, unitOptions, useDirectory } from '../../components/directory';

interface Values {
  title: string;
  kind: SummaryKind;
  period: [Dayjs, Dayjs];
  unit_id: number;
  drafter_id: number;
  classification: Classification;
}

const FIELDS = ['title', 'kind', 'period', 'unit_id', 'drafter_id', 'classification'] as const;

/** The core names the period's two ends; the form has one field for both. */
export function periodAsOneField(error: unknown): ApiError {
  const e = toApiError(error);
  return e.field?.startsWith('period_') ? new ApiError({ code: e.code, message: e.message, field: 'period' }) : e;
}

export function InfoModal({ summary, onClose }: { summary: Summary; onClose: () => void }) {
  const [form] = Form.useForm<Values>();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const { units, persons } = useDirectory();
  const unitId = Form.useWatch('unit_id', form);
  const save = useMutation({
    mutationFn: (v: Values) =>
      updateSummaryInfo(summary.id, {
        title: v.title,
        kind: v.kind,
        period_from: v.period[0].format('YYYY-MM-DD'),
        period_to: v.period[1].format('YYYY-MM-DD'),
        unit_id: v.unit_id,
        drafter_id: v.drafter_id,
        classification: v.classification,
      }),
    onSuccess: async () => {
      message.success('已保存');
      await queryClient.invalidateQueries({ queryKey: ['summary', summary.id] });
      await queryClient.invalidateQueries({ queryKey: ['summaries'] });
      onClose();
    },
    onError: (error) => showApiError(periodAsOneField(error), form, FIELDS, message.error),
  });
  return (
    <Modal
      title="基本信息"
      open
      width={680}
      onCancel={onClose}
      onOk={() => form.submit()}
      okButtonProps={{ loading: save.isPending, 'data-testid': 'info-submit' }}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{
          title: summary.title,
          kind: summary.kind,
          period: [dayjs(summary.period_from), dayjs(summary.period_to)],
          unit_id: summary.unit.id,
          drafter_id: summary.drafter.id,
          classification: summary.classification,
        }}
        onFinish={(v) => save.mutate(v)}
      >
        <Form.Item name="title" label="标题" rules={[{ required: true, whitespace: true, message: '请填写标题' }]}>
          <Input maxLength={200} data-testid="info-title" />
        </Form.Item>
        <Row gutter={12}>
          <Col span={10}>
            <Form.Item name="kind" label="总结类型">
              <Select options={optionsOf(summaryKindLabels)} />
            </Form.Item>
          </Col>
          <Col span={14}>
            <Form.Item name="period" label="总结期间" rules={[{ required: true, message: '请选择总结期间' }]}>
              <DatePicker.RangePicker style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={12}>
          <Col span={10}>
            <Form.Item name="unit_id" label="撰写单位" rules={[{ required: true }]}>
              <Select showSearch={{ optionFilterProp: 'label' }} options={unitOptions(units)} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="drafter_id" label="撰写人" rules={[{ required: true }]}>
              <Select showSearch={{ optionFilterProp: 'label' }} options={personOptions(persons, unitId)} />
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

import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Form, Input, InputNumber, Popconfirm, Select, Space, Spin, Typography } from 'antd';
import { useEffect, useState } from 'react';
import {
  getLimits,
  getWorkingHours,
  limitUnitLabels,
  resetLimits,
  resetWorkingHours,
  setLimits,
  setWorkingHours,
} from '../../../api/calendar';
import { categoryLabels, optionsOf } from '../../../api/labels';
import type { Category } from '../../../api/types/Category';
import type { CategoryLimits } from '../../../api/types/CategoryLimits';
import type { LimitUnit } from '../../../api/types/LimitUnit';
import type { WorkingHours } from '../../../api/types/WorkingHours';
import { showApiError } from '../../../components/formErrors';

const categories: { key: Category; label: string; hint: string }[] = [
  { key: 'immediate', label: categoryLabels.immediate, hint: '突发事件、紧急诉求' },
  { key: 'routine', label: categoryLabels.routine, hint: '常规交办事项' },
  { key: 'complex', label: categoryLabels.complex, hint: '多单位协同、需较长时间的事项' },
];
const steps = [
  { key: 'first_step', label: '首次时限', hint: '开始办理、签收、明确牵头单位' },
  { key: 'result', label: '结果时限', hint: '首次结果、办结、解决方案' },
] as const;
const unitOptions = optionsOf(limitUnitLabels);

// Form fields are flat names equal to the paths the backend names in its errors, e.g.
// `routine.result.amount`, so that an error lands at its field.
type LimitField = `${Category}.${'first_step' | 'result'}.${'amount' | 'unit'}`;
const limitFields: LimitField[] = categories.flatMap((c) =>
  steps.flatMap((s) => [`${c.key}.${s.key}.amount`, `${c.key}.${s.key}.unit`] as LimitField[]),
);

function toForm(limits: CategoryLimits): Record<string, number | LimitUnit> {
  const values: Record<string, number | LimitUnit> = {};
  for (const c of categories)
    for (const s of steps) {
      values[`${c.key}.${s.key}.amount`] = limits[c.key][s.key].amount;
      values[`${c.key}.${s.key}.unit`] = limits[c.key][s.key].unit;
    }
  return values;
}

function fromForm(values: Record<string, number | LimitUnit>): CategoryLimits {
  const limit = (c: Category, s: string) => ({
    amount: Number(values[`${c}.${s}.amount`] ?? 0),
    unit: values[`${c}.${s}.unit`] as LimitUnit,
  });
  const category = (c: Category) => ({ first_step: limit(c, 'first_step'), result: limit(c, 'result') });
  return { immediate: category('immediate'), routine: category('routine'), complex: category('complex') };
}

function LimitsCard() {
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm();
  const [saving, setSaving] = useState(false);
  const limits = useQuery({ queryKey: ['limits'], queryFn: getLimits });
  useEffect(() => {
    if (limits.data) form.setFieldsValue(toForm(limits.data));
  }, [limits.data, form]);

  const save = async (values: Record<string, number | LimitUnit>) => {
    setSaving(true);
    try {
      const saved = await setLimits(fromForm(values));
      queryClient.setQueryData(['limits'], saved);
      message.success('办理时限已保存');
    } catch (e) {
      showApiError(e, form, limitFields, (t) => message.error(t));
    } finally {
      setSaving(false);
    }
  };
  const reset = async () => {
    try {
      queryClient.setQueryData(['limits'], await resetLimits());
      message.success('已恢复默认时限');
    } catch (e) {
      message.error((e as Error).message);
    }
  };

  return (
    <Card title="办理时限" size="small" style={{ marginBottom: 16 }}>
      <Spin spinning={limits.isPending}>
        <Form form={form} onFinish={(v) => void save(v)} data-testid="limits-form">
          {categories.map((c) => (
            <div key={c.key} style={{ marginBottom: 8 }}>
              <Typography.Text strong>{c.label}</Typography.Text>{' '}
              <Typography.Text type="secondary">{c.hint}</Typography.Text>
              <Space wrap style={{ display: 'flex', marginTop: 6 }}>
                {steps.map((s) => (
                  <Space key={s.key} align="start" title={s.hint}>
                    <span style={{ lineHeight: '32px', display: 'inline-block', width: 64 }}>{s.label}</span>
                    <Form.Item name={`${c.key}.${s.key}.amount`} rules={[{ required: true, message: '请填写时限' }]}>
                      <InputNumber min={1} precision={0} style={{ width: 90 }} data-testid={`limit-${c.key}-${s.key}-amount`} />
                    </Form.Item>
                    <Form.Item name={`${c.key}.${s.key}.unit`}>
                      <Select options={unitOptions} style={{ width: 110 }} data-testid={`limit-${c.key}-${s.key}-unit`} />
                    </Form.Item>
                  </Space>
                ))}
              </Space>
            </div>
          ))}
          <Space>
            <Button type="primary" htmlType="submit" loading={saving} data-testid="limits-save">
              保存
            </Button>
            <Popconfirm title="恢复默认办理时限？" okText="恢复" cancelText="取消" onConfirm={() => void reset()}>
              <Button data-testid="limits-reset">恢复默认</Button>
            </Popconfirm>
          </Space>
        </Form>
      </Spin>
    </Card>
  );
}

function periodValues(h: WorkingHours): Record<string, string> {
  const values: Record<string, string> = {};
  h.periods.forEach((p, i) => {
    values[`periods[${i}].start`] = p.start;
    values[`periods[${i}].end`] = p.end;
  });
  return values;
}

function WorkingHoursCard() {
  const hours = useQuery({ queryKey: ['working-hours'], queryFn: getWorkingHours });
  return (
    <Card title="工作时间" size="small">
      <Typography.Paragraph type="secondary">
        工作日内计时的时段（北京时间），按“工作小时”“工作日”计算的期限只计入这些时段。
      </Typography.Paragraph>
      <Spin spinning={hours.isPending}>
        {hours.data && <WorkingHoursForm key={JSON.stringify(hours.data)} initial={hours.data} />}
      </Spin>
    </Card>
  );
}

function WorkingHoursForm({ initial }: { initial: WorkingHours }) {
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm();
  const [count, setCount] = useState(initial.periods.length);
  const [saving, setSaving] = useState(false);

  const load = (h: WorkingHours) => {
    form.resetFields();
    setCount(h.periods.length);
    form.setFieldsValue(periodValues(h));
  };

  const fields = Array.from({ length: count }, (_, i) => [`periods[${i}].start`, `periods[${i}].end`]).flat();
  const save = async () => {
    const values = form.getFieldsValue() as Record<string, string | undefined>;
    const periods = Array.from({ length: count }, (_, i) => ({
      start: values[`periods[${i}].start`] ?? '',
      end: values[`periods[${i}].end`] ?? '',
    }));
    setSaving(true);
    try {
      const saved = await setWorkingHours({ periods });
      queryClient.setQueryData(['working-hours'], saved);
      message.success('工作时间已保存');
    } catch (e) {
      showApiError(e, form, ['periods', ...fields], (t) => message.error(t));
    } finally {
      setSaving(false);
    }
  };
  const reset = async () => {
    try {
      queryClient.setQueryData(['working-hours'], await resetWorkingHours());
      message.success('已恢复默认工作时间');
    } catch (e) {
      message.error((e as Error).message);
    }
  };
  const remove = (index: number) => {
    const values = form.getFieldsValue() as Record<string, string | undefined>;
    const periods = Array.from({ length: count }, (_, i) => ({
      start: values[`periods[${i}].start`] ?? '',
      end: values[`periods[${i}].end`] ?? '',
    })).filter((_, i) => i !== index);
    load({ periods });
  };

  return (
        <Form form={form} initialValues={periodValues(initial)} onFinish={() => void save()} data-testid="hours-form">
          <Form.Item name="periods" style={{ marginBottom: 0 }}>
            <span />
          </Form.Item>
          {Array.from({ length: count }, (_, i) => (
            <div key={i}>
            <Space align="start">
              <span style={{ lineHeight: '32px' }}>第 {i + 1} 段</span>
              <Form.Item name={`periods[${i}].start`}>
                <Input placeholder="09:00" style={{ width: 90 }} data-testid={`hours-${i}-start`} />
              </Form.Item>
              <span style={{ lineHeight: '32px' }}>至</span>
              <Form.Item name={`periods[${i}].end`}>
                <Input placeholder="12:00" style={{ width: 90 }} data-testid={`hours-${i}-end`} />
              </Form.Item>
              <Button type="text" icon={<MinusCircleOutlined />} onClick={() => remove(i)} disabled={count <= 1} aria-label="删除此段" />
            </Space>
            </div>
          ))}
          <div style={{ marginBottom: 12 }}>
            <Button type="dashed" icon={<PlusOutlined />} onClick={() => setCount((n) => n + 1)} data-testid="hours-add">
              添加时段
            </Button>
          </div>
          <Space>
            <Button type="primary" htmlType="submit" loading={saving} data-testid="hours-save">
              保存
            </Button>
            <Popconfirm title="恢复默认工作时间？" okText="恢复" cancelText="取消" onConfirm={() => void reset()}>
              <Button data-testid="hours-reset">恢复默认</Button>
            </Popconfirm>
          </Space>
        </Form>
  );
}

export function LimitsSettings() {
  return (
    <>
      <LimitsCard />
      <WorkingHoursCard />
    </>
  );
}

// 设置 → 交办事项: the number prefix (督〔2026〕15号) and the thresholds of the warning lights.
import { Button, Card, Form, Input, InputNumber, Space, Spin, Switch, Typography } from 'antd';
import { getLightSettings, getNumberPrefix, setLightSettings, setNumberPrefix } from '../../api/assignment';
import type { LightSettings } from '../../api/types/LightSettings';
import { useConvertedSettingsForm } from '../../components/settingsForm';

const LIGHT_FIELDS = [
  'yellow_within_working_days',
  'yellow_fraction',
  'blue_enabled',
  'blue_fraction',
  'report_due_within_working_days',
] as const;

/** Shares are stored as fractions and typed as percentages. */
type LightForm = Omit<LightSettings, 'yellow_fraction' | 'blue_fraction'> & {
  yellow_fraction: number;
  blue_fraction: number;
};

function NumberPrefixCard() {
  const { form, initial, onFinish } = useConvertedSettingsForm<string, string, { number_prefix: string }, 'number_prefix'>({
    key: 'number-prefix',
    load: getNumberPrefix,
    save: setNumberPrefix,
    fields: ['number_prefix'] as const,
    saved: (prefix) => `已保存，新登记的事项编号如 ${prefix}〔2026〕1号`,
    toForm: (prefix) => ({ number_prefix: prefix }),
    fromForm: (v) => v.number_prefix,
  });
  if (!initial) return <Spin />;
  return (
    <Card size="small" title="编号">
      <Form form={form} layout="inline" initialValues={initial} onFinish={onFinish}>
        <Form.Item name="number_prefix" label="编号前缀" rules={[{ required: true, whitespace: true, message: '请填写编号前缀' }]}>
          <Input maxLength={10} style={{ width: 120 }} data-testid="number-prefix" />
        </Form.Item>
        <Form.Item>
          <Button type="primary" htmlType="submit" data-testid="number-prefix-save">
            保存
          </Button>
        </Form.Item>
      </Form>
      <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
        编号按年度顺排，如“督〔2026〕15号”；已用过的编号不会重复使用，改前缀只影响以后登记的事项。
      </Typography.Paragraph>
    </Card>
  );
}

function LightsCard() {
  const { form, initial, onFinish } = useConvertedSettingsForm<
    LightSettings,
    LightSettings,
    LightForm,
    (typeof LIGHT_FIELDS)[number]
  >({
    key: 'light-settings',
    load: getLightSettings,
    save: setLightSettings,
    fields: LIGHT_FIELDS,
    saved: '已保存预警规则',
    refresh: ['ledger'],
    toForm: (s) => ({ ...s, yellow_fraction: s.yellow_fraction * 100, blue_fraction: s.blue_fraction * 100 }),
    fromForm: (v) => ({ ...v, yellow_fraction: v.yellow_fraction / 100, blue_fraction: v.blue_fraction / 100 }),
  });
  const blue = Form.useWatch('blue_enabled', form);
  if (!initial) return <Spin />;
  return (
    <Card size="small" title="红黄绿灯预警">
      <Form form={form} layout="vertical" initialValues={initial} onFinish={onFinish}>
        <Typography.Paragraph type="secondary">
          红灯：超过办理时限未办结，或错过反馈周期。黄灯：满足下列任一条件。绿灯：正常推进。
        </Typography.Paragraph>
        <Space size="large" wrap>
          <Form.Item name="yellow_within_working_days" label="距时限不足（工作日）亮黄灯">
            <InputNumber min={0} max={30} precision={0} />
          </Form.Item>
          <Form.Item name="yellow_fraction" label="已用时间达到（%）亮黄灯">
            <InputNumber min={1} max={100} precision={0} data-testid="lights-yellow-fraction" />
          </Form.Item>
          <Form.Item name="report_due_within_working_days" label="距下次进展反馈不足（工作日）亮黄灯">
            <InputNumber min={0} max={30} precision={0} />
          </Form.Item>
        </Space>
        <Space size="large" wrap>
          <Form.Item name="blue_enabled" label="启用蓝灯（临近时限，先于黄灯）" valuePropName="checked">
            <Switch />
          </Form.Item>
          <Form.Item name="blue_fraction" label="已用时间达到（%）亮蓝灯">
            <InputNumber min={1} max={99} precision={0} disabled={!blue} />
          </Form.Item>
        </Space>
        <Button type="primary" htmlType="submit" data-testid="lights-save">
          保存
        </Button>
      </Form>
    </Card>
  );
}

export function AssignmentSettings() {
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <NumberPrefixCard />
      <LightsCard />
    </Space>
  );
}

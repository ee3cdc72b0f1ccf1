// 设置 → 交办事项: the number prefix (督〔2026〕15号) and the thresholds of the warning lights.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Form, Input, InputNumber, Space, Spin, Switch, Typography } from 'antd';
import { getLightSettings, getNumberPrefix, setLightSettings, setNumberPrefix } from '../../api/assignment';
import type { LightSettings } from '../../api/types/LightSettings';
import { showApiError } from '../../components/formErrors';

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
  const { message } = App.useApp();
  const [form] = Form.useForm<{ number_prefix: string }>();
  const prefix = useQuery({ queryKey: ['number-prefix'], queryFn: getNumberPrefix });
  const queryClient = useQueryClient();
  if (!prefix.data) return <Spin />;
  return (
    <Card size="small" title="编号">
      <Form
        form={form}
        layout="inline"
        initialValues={{ number_prefix: prefix.data }}
        onFinish={async ({ number_prefix: value }) => {
          try {
            const saved = await setNumberPrefix(value);
            message.success(`已保存，新登记的事项编号如 ${saved}〔2026〕1号`);
            await queryClient.invalidateQueries({ queryKey: ['number-prefix'] });
          } catch (error) {
            showApiError(error, form, ['number_prefix'] as const, message.error);
          }
        }}
      >
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
  const { message } = App.useApp();
  const [form] = Form.useForm<LightForm>();
  const settings = useQuery({ queryKey: ['light-settings'], queryFn: getLightSettings });
  const queryClient = useQueryClient();
  const blue = Form.useWatch('blue_enabled', form);
  if (!settings.data) return <Spin />;
  const s = settings.data;
  return (
    <Card size="small" title="红黄绿灯预警">
      <Form
        form={form}
        layout="vertical"
        initialValues={{ ...s, yellow_fraction: s.yellow_fraction * 100, blue_fraction: s.blue_fraction * 100 }}
        onFinish={async (v) => {
          try {
            await setLightSettings({ ...v, yellow_fraction: v.yellow_fraction / 100, blue_fraction: v.blue_fraction / 100 });
            message.success('已保存预警规则');
            await queryClient.invalidateQueries({ queryKey: ['light-settings'] });
            await queryClient.invalidateQueries({ queryKey: ['ledger'] });
          } catch (error) {
            showApiError(error, form, LIGHT_FIELDS, message.error);
          }
        }}
      >
        <Typography.Paragraph type="secondary">
          红灯：超过办理时限未办结，或错过反馈周期。黄灯：满足下列任一条件。绿灯：正常推进。
        </Typography.Paragraph>
        <Space size="large" wrap>
          <Form.Item name="yellow_within_working_days" label="距时限不足（工作日）亮黄灯">
            <InputNumber min={0} max={30} precision={0} />
          </Form.Item>
          <Form.Item name="yellow_fraction" label="已用时间达到（%）亮黄灯">
            <InputNumber min={1} max={100} precision={0} />
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
        <Button type="primary" htmlType="submit">
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

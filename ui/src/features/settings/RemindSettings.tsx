// 设置 → 提醒与目标: how far ahead reminders look, which kinds the bell and the desktop
// notifications carry, the quiet hours and how often the app looks; and the targets the figures
// of 工作台 are measured against (defaults of domain.md), and the weights of the units' scores.
import { Button, Card, Checkbox, Form, Input, InputNumber, Space, Spin, Typography } from 'antd';
import { optionsOf, remindKindLabels } from '../../api/labels';
import { getBulletinRules, setBulletinRules } from '../../api/report';
import {
  getRemindSettings,
  getScoreSettings,
  getStatsTargets,
  setRemindSettings,
  setScoreSettings,
  setStatsTargets,
} from '../../api/workbench';
import { useSettingsForm } from '../../components/settingsForm';

const REMIND_FIELDS = ['days_ahead', 'kinds', 'quiet_from', 'quiet_to', 'every_minutes'] as const;
const TARGET_FIELDS = [
  'response_hours',
  'closed_rate_min',
  'one_time_rate_min',
  'rebound_rate_max',
  'satisfaction_min',
  'routine_overdue_rate_below',
] as const;
const SCORE_FIELDS = ['on_time', 'response', 'one_time', 'satisfaction', 'overdue_deduction', 'min_items'] as const;
const BULLETIN_FIELDS = ['commend_score', 'urge_score', 'urge_overdue'] as const;
const TIME_RULE = { pattern: /^([01]\d|2[0-3]):[0-5]\d$/, message: '请写成 18:00 这样的时:分' };

function RemindCard() {
  const { form, initial: data, onFinish } = useSettingsForm({
    key: 'remind-settings',
    load: getRemindSettings,
    save: setRemindSettings,
    fields: REMIND_FIELDS,
    saved: '已保存提醒设置',
    refresh: ['reminders'],
  });
  if (!data) return <Spin />;
  return (
    <Card size="small" title="提醒">
      <Form
        form={form}
        layout="vertical"
        initialValues={data}
        onFinish={onFinish}
      >
        <Form.Item name="kinds" label="铃铛和桌面通知提醒以下事项（工作台总是列出全部）">
          <Checkbox.Group options={optionsOf(remindKindLabels)} data-testid="remind-kinds" />
        </Form.Item>
        <Space size="large" wrap>
          <Form.Item name="days_ahead" label="提前提醒（工作日）">
            <InputNumber min={0} max={30} precision={0} data-testid="remind-days-ahead" />
          </Form.Item>
          <Form.Item name="every_minutes" label="每隔（分钟）检查一次">
            <InputNumber min={1} max={120} precision={0} />
          </Form.Item>
          <Form.Item name="quiet_from" label="免打扰自" rules={[TIME_RULE]}>
            <Input style={{ width: 90 }} maxLength={5} />
          </Form.Item>
          <Form.Item name="quiet_to" label="至" rules={[TIME_RULE]}>
            <Input style={{ width: 90 }} maxLength={5} />
          </Form.Item>
        </Space>
        <Typography.Paragraph type="secondary">
          免打扰时段内不弹出桌面通知，铃铛照常更新；两个时间相同表示不设免打扰。桌面不支持通知时，提醒只在铃铛里。
        </Typography.Paragraph>
        <Button type="primary" htmlType="submit" data-testid="remind-save">
          保存
        </Button>
      </Form>
    </Card>
  );
}

function TargetsCard() {
  const { form, initial: data, onFinish } = useSettingsForm({
    key: 'stats-targets',
    load: getStatsTargets,
    save: setStatsTargets,
    fields: TARGET_FIELDS,
    saved: '已保存指标目标',
    refresh: ['workbench'],
  });
  if (!data) return <Spin />;
  const percent = (name: (typeof TARGET_FIELDS)[number], label: string) => (
    <Form.Item name={name} label={label}>
      <InputNumber min={0} max={100} step={0.5} addonAfter={name === 'satisfaction_min' ? '分' : '%'} />
    </Form.Item>
  );
  return (
    <Card size="small" title="指标目标">
      <Form
        form={form}
        layout="vertical"
        initialValues={data}
        onFinish={onFinish}
      >
        <Space size="large" wrap>
          <Form.Item name="response_hours" label="签收时限（小时）">
            <InputNumber min={1} max={720} precision={0} />
          </Form.Item>
          {percent('closed_rate_min', '闭环率（办结率）不低于')}
          {percent('one_time_rate_min', '一次性解决率不低于')}
          {percent('rebound_rate_max', '30天内反弹率不高于')}
          {percent('satisfaction_min', '满意度不低于')}
          {percent('routine_overdue_rate_below', '一般办理类超期率低于')}
        </Space>
        <div>
          <Button type="primary" htmlType="submit">
            保存
          </Button>
        </div>
      </Form>
    </Card>
  );
}

function ScoreCard() {
  const { form, initial: data, onFinish } = useSettingsForm({
    key: 'score-settings',
    load: getScoreSettings,
    save: setScoreSettings,
    fields: SCORE_FIELDS,
    saved: '已保存考核评分规则',
    refresh: ['workbench'],
  });
  if (!data) return <Spin />;
  const weight = (name: (typeof SCORE_FIELDS)[number], label: string) => (
    <Form.Item name={name} label={label}>
      <InputNumber min={0} max={100} step={1} />
    </Form.Item>
  );
  return (
    <Card size="small" title="考核评分">
      <Form
        form={form}
        layout="vertical"
        initialValues={data}
        onFinish={onFinish}
      >
        <Space size="large" wrap>
          {weight('on_time', '按期办结率权重')}
          {weight('response', '响应及时率权重')}
          {weight('one_time', '一次性解决率权重')}
          {weight('satisfaction', '满意度权重')}
          {weight('overdue_deduction', '每件超期未办结扣分')}
          <Form.Item name="min_items" label="参与排名最少事项数">
            <InputNumber min={1} max={1000} precision={0} />
          </Form.Item>
        </Space>
        <Typography.Paragraph type="secondary">
          各单位得分按上述权重折算，排名和公式显示在工作台与通报中；事项太少的单位单列，不参与排名。
        </Typography.Paragraph>
        <Button type="primary" htmlType="submit">
          保存
        </Button>
      </Form>
    </Card>
  );
}

/** Which units a 通报 commends and urges. */
function BulletinCard() {
  const { form, initial: data, onFinish } = useSettingsForm({
    key: 'bulletin-rules',
    load: getBulletinRules,
    save: setBulletinRules,
    fields: BULLETIN_FIELDS,
    saved: '已保存通报规则',
    refresh: ['bulletin-draft'],
  });
  if (!data) return <Spin />;
  return (
    <Card size="small" title="通报表扬与督促">
      <Form form={form} layout="vertical" initialValues={data} onFinish={onFinish}>
        <Space size="large" wrap>
          <Form.Item name="commend_score" label="表扬：得分不低于">
            <InputNumber min={0} max={100} step={1} data-testid="bulletin-rule-commend" />
          </Form.Item>
          <Form.Item name="urge_score" label="督促：得分低于">
            <InputNumber min={0} max={100} step={1} />
          </Form.Item>
          <Form.Item name="urge_overdue" label="督促：超期未办结不少于（件）">
            <InputNumber min={1} max={1000} precision={0} />
          </Form.Item>
        </Space>
        <Typography.Paragraph type="secondary">
          参加排名且没有超期未办结事项、得分达到表扬线的单位写入通报的表扬；得分低于督促线，或截至期末超期未办结事项达到件数的单位写入督促。通报草稿中的文字仍可修改。
        </Typography.Paragraph>
        <Button type="primary" htmlType="submit" data-testid="bulletin-rules-save">
          保存
        </Button>
      </Form>
    </Card>
  );
}

export function RemindSettingsPanel() {
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <RemindCard />
      <TargetsCard />
      <ScoreCard />
      <BulletinCard />
    </Space>
  );
}

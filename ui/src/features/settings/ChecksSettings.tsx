// 设置 → 检查: the bars of the substance checks (as percentages) and the 套话 list (a phrase a
// line), each with a return to the built-in defaults. The core validates and normalises both.
import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Form, Input, InputNumber, Popconfirm, Space, Spin, Typography } from 'antd';
import { checkSettings, resetCheckThresholds, resetStockPhrases, setCheckThresholds, setStockPhrases } from '../../api/summary';
import type { StockPhrases } from '../../api/types/StockPhrases';
import type { Thresholds } from '../../api/types/Thresholds';
import { useConvertedSettingsForm } from '../../components/settingsForm';

type Percent = Record<keyof Thresholds, number>;
type Lines = Record<keyof StockPhrases, string>;

const THRESHOLD_FIELDS = ['quant_min', 'problem_min', 'stock_max', 'copy_min'] as const;
const PHRASE_FIELDS = ['phrases', 'intensifiers', 'verbs'] as const;

const toPercent = (t: Thresholds): Percent => ({
  quant_min: Math.round(t.quant_min * 100),
  problem_min: Math.round(t.problem_min * 100),
  stock_max: Math.round(t.stock_max * 100),
  copy_min: Math.round(t.copy_min * 100),
});
const fromPercent = (p: Percent): Thresholds => ({
  quant_min: p.quant_min / 100,
  problem_min: p.problem_min / 100,
  stock_max: p.stock_max / 100,
  copy_min: p.copy_min / 100,
});
const toLines = (s: StockPhrases): Lines => ({
  phrases: s.phrases.join('\n'),
  intensifiers: s.intensifiers.join('\n'),
  verbs: s.verbs.join('\n'),
});
const fromLines = (l: Lines): StockPhrases => ({
  phrases: l.phrases.split('\n'),
  intensifiers: l.intensifiers.split('\n'),
  verbs: l.verbs.split('\n'),
});

/** 恢复默认: the stored value goes back to the built-in one; `reset` also puts it in the form. */
function ResetButton({ what, reset, testId }: { what: string; reset: () => Promise<void>; testId: string }) {
  const client = useQueryClient();
  const { message } = App.useApp();
  return (
    <Popconfirm
      title={`把${what}恢复为默认值？`}
      okText="恢复默认"
      cancelText="取消"
      onConfirm={async () => {
        await reset();
        message.success(`已恢复默认的${what}`);
        for (const key of ['check-thresholds', 'check-phrases', 'summary-check']) await client.invalidateQueries({ queryKey: [key] });
      }}
    >
      <Button data-testid={testId}>恢复默认</Button>
    </Popconfirm>
  );
}

function ThresholdsCard() {
  const { form, initial, onFinish } = useConvertedSettingsForm({
    key: 'check-thresholds',
    load: () => checkSettings().then((s) => s.thresholds),
    save: setCheckThresholds,
    fields: THRESHOLD_FIELDS,
    saved: '已保存检查阈值',
    refresh: ['summary-check'],
    toForm: toPercent,
    fromForm: fromPercent,
  });
  if (!initial) return <Spin />;
  const percent = (name: keyof Percent, label: string, testId: string) => (
    <Form.Item name={name} label={label} rules={[{ required: true, message: `请填写${label}` }]}>
      <InputNumber min={0} max={100} precision={0} suffix="%" style={{ width: 120 }} data-testid={testId} />
    </Form.Item>
  );
  return (
    <Card size="small" title="检查阈值">
      <Form form={form} layout="vertical" initialValues={initial} onFinish={onFinish}>
        <Space size="large" wrap>
          {percent('quant_min', '数据占比不低于', 'check-quant-min')}
          {percent('problem_min', '问题分析不低于', 'check-problem-min')}
          {percent('stock_max', '套话占比不超过', 'check-stock-max')}
          {percent('copy_min', '照搬判定：重合达到', 'check-copy-min')}
        </Space>
        <Space>
          <Button type="primary" htmlType="submit" data-testid="check-thresholds-save">
            保存
          </Button>
          <ResetButton
            what="检查阈值"
            reset={async () => {
              await resetCheckThresholds();
              form.setFieldsValue(toPercent((await checkSettings()).thresholds));
            }}
            testId="check-thresholds-reset"
          />
        </Space>
      </Form>
    </Card>
  );
}

function PhrasesCard() {
  const { form, initial, onFinish } = useConvertedSettingsForm({
    key: 'check-phrases',
    load: () => checkSettings().then((s) => s.stock_phrases),
    save: setStockPhrases,
    fields: PHRASE_FIELDS,
    saved: (saved: StockPhrases) => `已保存套话清单（固定说法 ${saved.phrases.length} 条）`,
    refresh: ['summary-check'],
    toForm: toLines,
    fromForm: fromLines,
  });
  if (!initial) return <Spin />;
  const lines = (name: keyof Lines, label: string, rows: number) => (
    <Form.Item name={name} label={label} style={{ flex: 1, minWidth: 220 }}>
      <Input.TextArea autoSize={{ minRows: rows, maxRows: 16 }} data-testid={`check-${name}`} />
    </Form.Item>
  );
  return (
    <Card size="small" title="套话清单">
      <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
        每行一条。句子含有固定说法，或“程度词 + 动词”（如“进一步加强”“不断提升”），且同句没有具体数据或事实时，算作套话。
      </Typography.Paragraph>
      <Form form={form} layout="vertical" initialValues={initial} onFinish={onFinish}>
        <div style={{ display: 'flex', gap: 16, flexWrap: 'wrap' }}>
          {lines('phrases', '固定说法', 8)}
          {lines('intensifiers', '程度词', 8)}
          {lines('verbs', '动词', 8)}
        </div>
        <Space>
          <Button type="primary" htmlType="submit" data-testid="check-phrases-save">
            保存
          </Button>
          <ResetButton
            what="套话清单"
            reset={async () => {
              await resetStockPhrases();
              form.setFieldsValue(toLines((await checkSettings()).stock_phrases));
            }}
            testId="check-phrases-reset"
          />
        </Space>
      </Form>
    </Card>
  );
}

export function ChecksSettings() {
  return (
    <Space direction="vertical" size={12} style={{ width: '100%' }}>
      <ThresholdsCard />
      <PhrasesCard />
    </Space>
  );
}

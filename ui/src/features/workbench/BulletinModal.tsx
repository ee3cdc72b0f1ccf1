// 月度通报 and 季度通报: the generated texts are a draft the clerk edits here; the figures in the
// tables (the ranking, the overdue items) are made anew from the ledger each time, so the paper
// agrees with the ledger whatever was edited. The preview shows what prints and what 导出 Word writes.
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Col, DatePicker, Form, Input, Modal, Row, Segmented, Space, Spin, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { bulletinDraft } from '../../api/report';
import type { BulletinDraft } from '../../api/types/BulletinDraft';
import type { BulletinPeriod } from '../../api/types/BulletinPeriod';
import { ReportPreview } from '../../components/ReportPreview';

type Kind = BulletinPeriod['kind'];
type TextField = 'title' | 'opening' | 'figures' | 'commend' | 'urge' | 'closing' | 'issuer';

const FIELDS: { name: TextField; label: string; long: boolean }[] = [
  { name: 'title', label: '标题', long: false },
  { name: 'opening', label: '开头', long: true },
  { name: 'figures', label: '一、总体情况', long: true },
  { name: 'commend', label: '表扬（留空则不印）', long: true },
  { name: 'urge', label: '督促（留空则不印）', long: true },
  { name: 'closing', label: '工作要求（留空则不印）', long: true },
  { name: 'issuer', label: '落款单位', long: false },
];

/** In the first ten days of a month the bulletin is usually the last month's (or quarter's). */
function defaultDay(kind: Kind, today = dayjs()) {
  return today.date() <= 10 ? today.subtract(kind === 'month' ? 1 : 3, 'month') : today;
}

function periodOf(kind: Kind, day: Dayjs): BulletinPeriod {
  return kind === 'month'
    ? { kind, year: day.year(), month: day.month() + 1 }
    : { kind, year: day.year(), quarter: Math.floor(day.month() / 3) + 1 };
}

export function BulletinModal({ onClose }: { onClose: () => void }) {
  const [kind, setKind] = useState<Kind>('month');
  const [day, setDay] = useState<Dayjs>(() => defaultDay('month'));
  const period = periodOf(kind, day);
  const draft = useQuery({ queryKey: ['bulletin-draft', period], queryFn: () => bulletinDraft(period), gcTime: 0 });
  // The texts as edited, and what the preview shows; a new period's draft replaces both.
  const [edited, setEdited] = useState<BulletinDraft | null>(null);
  const [shown, setShown] = useState<BulletinDraft | null>(null);
  const [taken, setTaken] = useState<BulletinDraft | undefined>(undefined);
  if (draft.data !== taken) {
    setTaken(draft.data);
    setEdited(draft.data ?? null);
    setShown(draft.data ?? null);
  }
  const set = (patch: Partial<BulletinDraft>) => setEdited((d) => (d ? { ...d, ...patch } : d));
  const stale = edited !== shown;
  const name = kind === 'month' ? '月度通报' : '季度通报';

  return (
    <Modal title={`${name}（草稿）`} open width={1240} footer={null} onCancel={onClose} destroyOnHidden>
      <Row gutter={16}>
        <Col span={10} style={{ maxHeight: 'calc(100vh - 220px)', overflowY: 'auto' }}>
          <Space wrap style={{ marginBottom: 12 }}>
            <Segmented<Kind>
              options={[
                { value: 'month', label: <span data-testid="bulletin-kind-month">月度</span> },
                { value: 'quarter', label: <span data-testid="bulletin-kind-quarter">季度</span> },
              ]}
              value={kind}
              onChange={(k) => {
                setKind(k);
                setDay(defaultDay(k));
              }}
            />
            <DatePicker
              picker={kind}
              value={day}
              allowClear={false}
              onChange={(d) => d && setDay(d)}
              data-testid="bulletin-period"
            />
          </Space>
          {draft.isError && <Alert type="error" showIcon message={draft.error.message} />}
          {draft.isPending && <Spin style={{ display: 'block', padding: 48 }} />}
          {edited && (
            <Form layout="vertical" size="small">
              <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
                以下文字可以修改；各单位考核评分表和超期未办结事项表按台账生成，不在此修改。
              </Typography.Paragraph>
              {FIELDS.map((f) => (
                <Form.Item key={f.name} label={f.label} style={{ marginBottom: 10 }}>
                  {f.long ? (
                    <Input.TextArea
                      value={edited[f.name]}
                      autoSize={{ minRows: 2, maxRows: 10 }}
                      onChange={(e) => set({ [f.name]: e.target.value })}
                      data-testid={`bulletin-${f.name}`}
                    />
                  ) : (
                    <Input value={edited[f.name]} onChange={(e) => set({ [f.name]: e.target.value })} data-testid={`bulletin-${f.name}`} />
                  )}
                </Form.Item>
              ))}
              <Form.Item label="成文日期" style={{ marginBottom: 10 }}>
                <DatePicker
                  value={dayjs(edited.date)}
                  allowClear={false}
                  onChange={(d) => d && set({ date: d.format('YYYY-MM-DD') })}
                  data-testid="bulletin-date"
                />
              </Form.Item>
              <Space>
                <Button type="primary" disabled={!stale} onClick={() => setShown(edited)} data-testid="bulletin-refresh">
                  更新预览
                </Button>
                <Button disabled={!stale} onClick={() => setEdited(shown)}>
                  撤销修改
                </Button>
                {stale && <Typography.Text type="warning">文字已修改，预览尚未更新</Typography.Text>}
              </Space>
            </Form>
          )}
        </Col>
        <Col span={14}>
          {shown && (
            <ReportPreview
              paper={{ paper: 'bulletin', draft: shown }}
              fileName={shown.title}
              height="calc(100vh - 280px)"
              initialZoom={0.75}
            />
          )}
        </Col>
      </Row>
    </Modal>
  );
}

// 工作台: the figures of the period beside their targets, the lists a clerk works from, the charts
// and the lead units' rows; 通报 and 责任清单 to print. Every number, bar, slice and list opens the
// ledger on exactly the items behind it.
import { useQuery } from '@tanstack/react-query';
import { FileTextOutlined, TeamOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, DatePicker, List, Row, Segmented, Select, Space, Spin, Table, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { lazy, Suspense, useEffect, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { lightColors, statsCountLabels } from '../../api/labels';
import type { Reminder } from '../../api/types/Reminder';
import type { StatsCard } from '../../api/types/StatsCard';
import type { StatsCount } from '../../api/types/StatsCount';
import type { StatsRow } from '../../api/types/StatsRow';
import type { WorkbenchList } from '../../api/types/WorkbenchList';
import type { WorkbenchPick } from '../../api/types/WorkbenchPick';
import type { WorkbenchQuery } from '../../api/types/WorkbenchQuery';
import { archiveCompleteness } from '../../api/archive';
import { followUpTotals } from '../../api/summary';
import { loadWorkbench } from '../../api/workbench';
import { unitOptions, useDirectory } from '../../components/directory';
import { ReportModal } from '../../components/ReportPreview';
import { BulletinModal } from './BulletinModal';
import { FirstSteps } from './FirstSteps';

// ECharts is fetched with the charts, when the page opens, not with the rest of the app.
const WorkbenchCharts = lazy(() => import('./WorkbenchCharts'));
import type { LedgerLink } from './ledgerLink';

type PeriodKind = 'month' | 'quarter' | 'year' | 'range';

const PERIODS: { value: PeriodKind; label: string }[] = [
  { value: 'month', label: '本月' },
  { value: 'quarter', label: '本季' },
  { value: 'year', label: '本年' },
  { value: 'range', label: '自定义' },
];

const DAY = 'YYYY-MM-DD';

/** 归档完整率 of this year, read apart from the figures (it looks at every candidate); opens 归档. */
function ArchiveRate() {
  const navigate = useNavigate();
  const year = dayjs().year();
  const report = useQuery({ queryKey: ['archive-completeness', year], queryFn: () => archiveCompleteness(year) });
  const rate = report.data?.rate;
  if (rate == null) return null;
  return (
    <Typography.Link onClick={() => navigate('/archive')} data-testid="wb-archive-rate">
      {year} 年归档完整率 {(rate * 100).toFixed(1)}%（{report.data?.complete}/{report.data?.total}）
    </Typography.Link>
  );
}

/** 成果应用 of every summary: how many of the items made from summaries are fixed; opens them. */
function FollowUpRate() {
  const navigate = useNavigate();
  const totals = useQuery({ queryKey: ['summary-follow-up', 'totals'], queryFn: followUpTotals });
  const rates = totals.data?.rates;
  if (!rates || rates.rectify_made + rates.plan_made + rates.experience_made === 0) return null;
  const link: LedgerLink = { pick: { what: 'follow_up' }, label: '总结成果应用事项' };
  return (
    <Typography.Link onClick={() => navigate('/ledger', { state: link })} data-testid="wb-follow-up">
      总结整改完成率 {rates.completion_rate == null ? '—' : `${rates.completion_rate}%`}（{rates.rectify_done}/{rates.rectify_made}）
    </Typography.Link>
  );
}

/** The first and last day of the period that contains today. */
function periodOf(kind: Exclude<PeriodKind, 'range'>, today: Dayjs): [Dayjs, Dayjs] {
  if (kind === 'quarter') {
    const first = today.month(Math.floor(today.month() / 3) * 3).startOf('month');
    return [first, first.add(2, 'month').endOf('month')];
  }
  return [today.startOf(kind), today.endOf(kind)];
}

function valueText(card: StatsCard) {
  if (card.value == null) return '—';
  return card.unit === '件' ? card.value.toLocaleString('zh-CN') : String(card.value);
}

// The period and unit chosen stay while the window is open: back from the ledger, 工作台 shows
// what it showed (the page itself is unmounted meanwhile).
const CHOICE_KEY = 'luoshi.workbench';
interface Choice {
  kind: PeriodKind;
  range: [string, string];
  unitId?: number;
}

function rememberedChoice(): Choice | null {
  try {
    return JSON.parse(sessionStorage.getItem(CHOICE_KEY) ?? 'null') as Choice | null;
  } catch {
    return null;
  }
}

export function WorkbenchPage() {
  const navigate = useNavigate();
  const { units } = useDirectory();
  const [remembered] = useState(rememberedChoice);
  const [kind, setKind] = useState<PeriodKind>(remembered?.kind ?? 'month');
  const [range, setRange] = useState<[Dayjs, Dayjs]>(() =>
    remembered ? [dayjs(remembered.range[0]), dayjs(remembered.range[1])] : periodOf('month', dayjs()),
  );
  const [unitId, setUnitId] = useState<number | undefined>(remembered?.unitId);
  useEffect(() => {
    const choice: Choice = { kind, range: [range[0].format(DAY), range[1].format(DAY)], unitId };
    sessionStorage.setItem(CHOICE_KEY, JSON.stringify(choice));
  }, [kind, range, unitId]);
  const [from, to] = kind === 'range' ? range : periodOf(kind, dayjs());
  const query: WorkbenchQuery = { from: from.format(DAY), to: to.format(DAY), unit_id: unitId };
  const data = useQuery({ queryKey: ['workbench', query], queryFn: () => loadWorkbench(query) });
  const periodName = kind === 'range' ? `${query.from} 至 ${query.to}` : PERIODS.find((p) => p.value === kind)?.label;
  const unitName = units.find((u) => u.id === unitId)?.name;
  const [paper, setPaper] = useState<'bulletin' | 'responsibility' | null>(null);

  const openPick = (pick: WorkbenchPick, label: string, ofPeriod: boolean) =>
    navigate('/ledger', { state: { pick, label: ofPeriod ? `${periodName} · ${label}` : label } satisfies LedgerLink });
  const openFigure = (count: StatsCount, label: string, unit = unitId) =>
    openPick(
      { what: 'figure', query: { ...query, unit_id: unit }, count },
      `${unit != null ? `${units.find((u) => u.id === unit)?.name ?? ''} · ` : ''}${label}`,
      true,
    );
  const openList = (list: WorkbenchList, openId?: number) =>
    navigate('/ledger', {
      state: {
        pick: { what: 'list', kind: list.kind, unit_id: unitId },
        label: `${unitName ? `${unitName} · ` : ''}${list.label}`,
        openId,
      } satisfies LedgerLink,
    });

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <FirstSteps />
      <Card size="small">
        <Space wrap>
          <Typography.Text strong>统计期间</Typography.Text>
          <Segmented<PeriodKind>
            options={PERIODS.map((p) => ({ value: p.value, label: <span data-testid={`wb-period-${p.value}`}>{p.label}</span> }))}
            value={kind}
            onChange={(k) => {
              if (k !== 'range') setRange(periodOf(k, dayjs()));
              setKind(k);
            }}
            data-testid="wb-period"
          />
          {kind === 'range' && (
            <DatePicker.RangePicker
              value={range}
              allowClear={false}
              onChange={(v) => v?.[0] && v[1] && setRange([v[0], v[1]])}
              data-testid="wb-range"
            />
          )}
          <Typography.Text type="secondary" data-testid="wb-period-text">
            {query.from} 至 {query.to}（按办理时限计入）
          </Typography.Text>
          <Select
            allowClear
            showSearch
            optionFilterProp="label"
            placeholder="全部牵头单位"
            style={{ width: 200 }}
            options={unitOptions(units)}
            value={unitId}
            onChange={setUnitId}
            data-testid="wb-unit"
          />
        </Space>
        <Space style={{ float: 'right' }}>
          <ArchiveRate />
          <FollowUpRate />
          <Button icon={<FileTextOutlined />} onClick={() => setPaper('bulletin')} data-testid="wb-bulletin">
            通报
          </Button>
          <Button icon={<TeamOutlined />} onClick={() => setPaper('responsibility')} data-testid="wb-responsibility">
            责任清单
          </Button>
        </Space>
      </Card>
      {paper === 'bulletin' && <BulletinModal onClose={() => setPaper(null)} />}
      {paper === 'responsibility' && (
        <ReportModal
          title={`责任清单${unitName ? `：${unitName}` : ''}`}
          paper={{ paper: 'responsibility', unit_id: unitId }}
          fileName={`责任清单${unitName ? `-${unitName}` : ''}-${dayjs().format(DAY)}`}
          onClose={() => setPaper(null)}
        />
      )}
      {data.isError && <Alert type="error" showIcon message={data.error.message} />}
      {data.isPending && <Spin style={{ display: 'block', padding: 48 }} />}
      {data.data && (
        <>
          <Row gutter={[12, 12]}>
            {data.data.cards.map((card, i) => (
              <Col span={24 / 5} key={card.label} style={{ flex: '0 0 20%', maxWidth: '20%' }}>
                <FigureCard card={card} index={i} onOpen={() => openFigure(card.count, statsCountLabels[card.count])} />
              </Col>
            ))}
          </Row>
          <Row gutter={[12, 12]}>
            {data.data.lists.map((list) => (
              <Col span={8} key={list.kind}>
                <AttentionList list={list} onOpen={(id) => openList(list, id)} />
              </Col>
            ))}
          </Row>
          <Suspense fallback={<Spin style={{ display: 'block', padding: 48 }} />}>
            <WorkbenchCharts workbench={data.data} query={query} onOpen={openPick} />
          </Suspense>
          <UnitRows rows={data.data.figures.rows} rule={data.data.figures.score_rule} onOpen={(count, label, unit) => openFigure(count, label, unit)} />
        </>
      )}
    </Space>
  );
}

function FigureCard({ card, index, onOpen }: { card: StatsCard; index: number; onOpen: () => void }) {
  const missed = card.target?.met === false;
  return (
    <Card
      size="small"
      hoverable
      onClick={onOpen}
      data-testid={`wb-card-${index}`}
      style={{ height: '100%' }}
      styles={{ body: { padding: 12 } }}
    >
      <Typography.Text type="secondary">{card.label}</Typography.Text>
      <div style={{ fontSize: 26, fontWeight: 600, color: missed ? '#cf1322' : undefined, lineHeight: 1.4 }}>
        <span data-testid={`wb-card-value-${index}`}>{valueText(card)}</span>
        {card.value != null && card.unit !== '件' && (
          <span style={{ fontSize: 14, fontWeight: 400, marginLeft: 2 }}>{card.unit}</span>
        )}
      </div>
      <Space size={4} wrap style={{ minHeight: 22 }}>
        {card.target && (
          <Tag color={card.target.met == null ? 'default' : card.target.met ? 'green' : 'red'} style={{ marginInlineEnd: 0 }}>
            {card.target.label === card.label ? '目标' : card.target.label} {card.target.target}
            {card.target.met == null ? '' : card.target.met ? ' 达标' : ' 未达标'}
          </Tag>
        )}
        <Typography.Link data-testid={`wb-card-items-${index}`}>{card.items} 件 ›</Typography.Link>
      </Space>
    </Card>
  );
}

function AttentionList({ list, onOpen }: { list: WorkbenchList; onOpen: (id?: number) => void }) {
  const shown = list.entries.slice(0, 5);
  return (
    <Card
      size="small"
      title={
        <Typography.Link onClick={() => onOpen()} data-testid={`wb-list-open-${list.kind}`}>
          {list.label}
        </Typography.Link>
      }
      extra={
        <Tag color={list.entries.length ? 'red' : 'default'} data-testid={`wb-list-count-${list.kind}`}>
          {list.entries.length}
        </Tag>
      }
      styles={{ body: { padding: '4px 12px', height: 200, overflow: 'hidden' } }}
    >
      <List<Reminder>
        size="small"
        dataSource={shown}
        locale={{ emptyText: '暂无' }}
        renderItem={(r) => (
          <List.Item style={{ padding: '4px 0', cursor: 'pointer' }} onClick={() => onOpen(r.id)}>
            <div style={{ minWidth: 0, width: '100%' }}>
              <Typography.Text ellipsis style={{ width: '100%' }}>
                <span style={{ color: lightColors[r.light] }}>●</span> {r.number} {r.title}
              </Typography.Text>
              <Typography.Text type="secondary" ellipsis style={{ width: '100%', fontSize: 12, display: 'block' }}>
                {r.lead_unit.name}：{r.reason}
              </Typography.Text>
            </div>
          </List.Item>
        )}
      />
      {list.entries.length > shown.length && (
        <Typography.Link onClick={() => onOpen()} style={{ fontSize: 12 }}>
          另有 {list.entries.length - shown.length} 项 ›
        </Typography.Link>
      )}
    </Card>
  );
}

const rate = (v: number | null) => (v == null ? '—' : `${v}%`);

function UnitRows({
  rows,
  rule,
  onOpen,
}: {
  rows: StatsRow[];
  rule?: string;
  onOpen: (count: StatsCount, label: string, unitId: number) => void;
}) {
  const link = (row: StatsRow, count: StatsCount, n: number) => (
    <Typography.Link onClick={() => onOpen(count, statsCountLabels[count], Number(row.key))}>{n}</Typography.Link>
  );
  return (
    <Card size="small" title="各牵头单位考核评分与办理情况">
      <Table<StatsRow>
        size="small"
        rowKey="key"
        pagination={false}
        dataSource={rows}
        locale={{ emptyText: '本期间没有到期的事项' }}
        data-testid="wb-units"
        columns={[
          { title: '排名', width: 60, render: (_, r) => r.rank ?? '—' },
          { title: '牵头单位', dataIndex: 'name', render: (name: string, r) => (r.rank == null ? `${name}（单列）` : name) },
          { title: '得分', render: (_, r) => (r.score == null ? '—' : <Typography.Text strong>{r.score}</Typography.Text>) },
          { title: '到期应办结', render: (_, r) => link(r, 'items', r.figures.counts.items) },
          { title: '已办结', render: (_, r) => link(r, 'closed', r.figures.counts.closed) },
          { title: '超期未办结', render: (_, r) => link(r, 'overdue', r.figures.counts.overdue) },
          { title: '办结率', render: (_, r) => rate(r.figures.rates.closed_rate) },
          { title: '按期办结率', render: (_, r) => rate(r.figures.rates.on_time_rate) },
          { title: '响应及时率', render: (_, r) => rate(r.figures.rates.response_rate) },
          { title: '满意度', render: (_, r) => r.figures.rates.satisfaction ?? '—' },
        ]}
      />
      {rule && (
        <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0, fontSize: 12 }} data-testid="wb-score-rule">
          {rule}
        </Typography.Paragraph>
      )}
    </Card>
  );
}

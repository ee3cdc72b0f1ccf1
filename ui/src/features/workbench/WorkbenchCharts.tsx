// The charts of 工作台, loaded only when the page opens (WorkbenchPage imports this module lazily,
// so ECharts is fetched then): the last twelve months, the lead units by score, categories and
// sources of the period, and the lights of the open items now. Every bar and slice opens the
// ledger on exactly its items, through the same picks as the numbers.
import { useQuery } from '@tanstack/react-query';
import { Card, Col, Empty, Row, Spin } from 'antd';
import { BarChart, PieChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';
import { categoryLabels, lightColors, lightLabels, sourceLabels } from '../../api/labels';
import type { StatsBy } from '../../api/types/StatsBy';
import type { StatsCount } from '../../api/types/StatsCount';
import type { StatsRow } from '../../api/types/StatsRow';
import type { Workbench } from '../../api/types/Workbench';
import type { WorkbenchPick } from '../../api/types/WorkbenchPick';
import type { WorkbenchQuery } from '../../api/types/WorkbenchQuery';
import { loadWorkbenchCharts } from '../../api/workbench';

echarts.use([BarChart, PieChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

type Option = echarts.EChartsCoreOption;

/** A ring of slices with their names and counts beside them, room left for the labels. */
function ring(data: { name: string; value: number; itemStyle?: { color: string } }[]): Option {
  return {
    tooltip: { trigger: 'item', formatter: '{b}：{c} 件（{d}%）' },
    series: [
      {
        type: 'pie',
        radius: ['28%', '50%'],
        label: { formatter: '{b}\n{c} 件', overflow: 'none', fontSize: 11 },
        labelLine: { length: 8, length2: 6 },
        labelLayout: { hideOverlap: false },
        data,
      },
    ],
  };
}
/** What a click on a bar or slice gives: its series and its place in the data. */
type Clicked = { seriesIndex?: number; dataIndex: number };

/** One chart: drawn into its box, redrawn when its option changes, resized with the window. */
function EChart({ option, onClick, testId, height = 240 }: { option: Option; onClick: (c: Clicked) => void; testId: string; height?: number }) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const click = useRef(onClick);
  useEffect(() => {
    click.current = onClick;
  }, [onClick]);
  useEffect(() => {
    if (!box.current) return;
    const c = echarts.init(box.current);
    chart.current = c;
    c.on('click', (p) => click.current(p as unknown as Clicked));
    const observer = new ResizeObserver(() => c.resize());
    observer.observe(box.current);
    return () => {
      observer.disconnect();
      c.dispose();
      chart.current = null;
    };
  }, []);
  useEffect(() => {
    chart.current?.setOption(option, true);
  }, [option]);
  return <div ref={box} style={{ height, cursor: 'pointer' }} data-testid={testId} />;
}

/** The bars of a month: each a count of the figures and a field of `MonthFigures` alike. */
const MONTH_SERIES: { count: Extract<StatsCount, 'items' | 'closed' | 'overdue'>; name: string; colour: string }[] = [
  { count: 'items', name: '到期应办结', colour: '#1677ff' },
  { count: 'closed', name: '已办结', colour: '#52c41a' },
  { count: 'overdue', name: '超期未办结', colour: '#d4380d' },
];

interface ChartsProps {
  workbench: Workbench;
  /** The period and unit of the page (the scores, categories and sources follow them). */
  query: WorkbenchQuery;
  /** `ofPeriod`: the items are the period's (the banner names the period too). */
  onOpen: (pick: WorkbenchPick, label: string, ofPeriod: boolean) => void;
}

export default function WorkbenchCharts({ workbench, query, onOpen }: ChartsProps) {
  const charts = useQuery({
    queryKey: ['workbench', 'charts', query.unit_id ?? null],
    queryFn: () => loadWorkbenchCharts(query.unit_id),
  });
  const ranked = workbench.figures.rows.filter((r) => r.rank != null);
  const slice = (by: StatsBy, rows: StatsRow[], names: Record<string, string>) => ({
    option: ring(rows.map((r) => ({ name: names[r.key] ?? r.name, value: r.figures.counts.items }))),
    open: ({ dataIndex }: Clicked) => {
      const row = rows[dataIndex];
      onOpen({ what: 'group', query, group: { by, key: row.key }, count: 'items' }, `${row.name} · 到期应办结`, true);
    },
  });
  const categories = slice('category', workbench.categories, categoryLabels);
  const sources = slice('source', workbench.sources, sourceLabels);

  return (
    <Row gutter={[12, 12]}>
      <Col span={12}>
        <Card size="small" title="近十二个月（按办理时限所在月份）">
          {charts.isPending && <Spin style={{ display: 'block', padding: 48 }} />}
          {charts.data && (
            <EChart
              testId="wb-chart-months"
              option={{
                tooltip: { trigger: 'axis' },
                legend: { top: 0 },
                grid: { left: 40, right: 12, top: 32, bottom: 24 },
                xAxis: { type: 'category', data: charts.data.months.map((m) => m.label) },
                yAxis: { type: 'value', minInterval: 1 },
                series: MONTH_SERIES.map((s) => ({
                  type: 'bar',
                  name: s.name,
                  itemStyle: { color: s.colour },
                  data: charts.data.months.map((m) => m[s.count]),
                })),
              }}
              onClick={({ seriesIndex = 0, dataIndex }) => {
                const month = charts.data.months[dataIndex];
                const series = MONTH_SERIES[seriesIndex];
                onOpen(
                  { what: 'group', query: charts.data.months_query, group: { by: 'month', key: month.key }, count: series.count },
                  `${month.label} · ${series.name}`,
                  false,
                );
              }}
            />
          )}
        </Card>
      </Col>
      <Col span={12}>
        <Card size="small" title="各牵头单位考核得分">
          {ranked.length === 0 ? (
            <Empty description="本期没有参加排名的单位" style={{ height: 216 }} />
          ) : (
            <EChart
              testId="wb-chart-scores"
              height={Math.max(240, 18 * ranked.length + 40)}
              option={{
                tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
                grid: { left: 130, right: 40, top: 8, bottom: 24 },
                xAxis: { type: 'value', min: 0, max: 100 },
                yAxis: { type: 'category', inverse: true, axisLabel: { interval: 0 }, data: ranked.map((r) => r.name) },
                series: [
                  {
                    type: 'bar',
                    name: '得分',
                    itemStyle: { color: '#c41d7f' },
                    label: { show: true, position: 'right' },
                    data: ranked.map((r) => r.score),
                  },
                ],
              }}
              onClick={({ dataIndex }) => {
                const row = ranked[dataIndex];
                onOpen({ what: 'figure', query: { ...query, unit_id: Number(row.key) }, count: 'items' }, `${row.name} · 到期应办结`, true);
              }}
            />
          )}
        </Card>
      </Col>
      <Col span={8}>
        <Card size="small" title="类别（本期到期）">
          <EChart testId="wb-chart-categories" option={categories.option} onClick={categories.open} />
        </Card>
      </Col>
      <Col span={8}>
        <Card size="small" title="来源（本期到期）">
          <EChart testId="wb-chart-sources" option={sources.option} onClick={sources.open} />
        </Card>
      </Col>
      <Col span={8}>
        <Card size="small" title="在办事项信号灯（当前）">
          {charts.data && (
            <EChart
              testId="wb-chart-lights"
              option={ring(
                charts.data.lights.map((l) => ({
                  name: lightLabels[l.light],
                  value: l.count,
                  itemStyle: { color: lightColors[l.light] },
                })),
              )}
              onClick={({ dataIndex }) => {
                const light = charts.data.lights[dataIndex].light;
                onOpen({ what: 'light', light, unit_id: query.unit_id }, `在办事项 · ${lightLabels[light]}`, false);
              }}
            />
          )}
        </Card>
      </Col>
    </Row>
  );
}

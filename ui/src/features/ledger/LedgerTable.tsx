// The ledger table: the scroll bar spans every matching item, but only the rows on screen exist in
// the page, and their data is fetched in pages of PAGE rows as they scroll into view. A ledger of
// 100,000 items scrolls like one of 100.
import { CaretDownOutlined, CaretUpOutlined } from '@ant-design/icons';
import { keepPreviousData, useQueries, useQuery } from '@tanstack/react-query';
import { useVirtualizer } from '@tanstack/react-virtual';
import { Spin, Tag, Typography, theme } from 'antd';
import { type KeyboardEvent, useEffect, useRef, useState } from 'react';
import { ledgerPage } from '../../api/assignment';
import { categoryLabels, lightColors, lightLabels, sourceLabels, stateLabels, urgencyLabels } from '../../api/labels';
import type { LedgerQuery } from '../../api/types/LedgerQuery';
import type { LedgerRow } from '../../api/types/LedgerRow';
import type { LedgerSort } from '../../api/types/LedgerSort';
import { cstDateTime } from '../../components/cst';

const PAGE = 100;
const ROW_HEIGHT = 40;

/** The filters of the ledger: the query without sort and paging. */
export type LedgerFilter = Omit<LedgerQuery, 'sort' | 'descending' | 'limit' | 'offset'>;
export type SortState = { sort: LedgerSort; descending: boolean };

interface Column {
  key: string;
  title: string;
  /** Width in pixels: wide enough for the whole value (编号 督〔2026〕1234号, 办理时限 with 未确认). */
  width: number;
  /** The one column that takes the room left over (at least its width). */
  grows?: boolean;
  /** The text a cut cell shows in its tooltip. */
  full?: (row: LedgerRow) => string;
  sort?: LedgerSort;
  render: (row: LedgerRow) => React.ReactNode;
}

export const COLUMNS: Column[] = [
  { key: 'light', title: '灯色', width: 76, sort: 'light', render: (r) => <LightBadge row={r} /> },
  { key: 'number', title: '编号', width: 150, sort: 'number', render: (r) => r.number },
  {
    key: 'title',
    title: '标题',
    width: 220,
    grows: true,
    full: (r) => r.title,
    render: (r) => (
      <>
        {r.urgency !== 'normal' && <Tag color={r.urgency === 'extra_urgent' ? 'red' : 'orange'}>{urgencyLabels[r.urgency]}</Tag>}
        {r.parent_id != null && <Tag>分解</Tag>}
        {r.classification === 'internal' && <Tag color="orange">内部</Tag>}
        {r.title}
      </>
    ),
  },
  { key: 'category', title: '类别', width: 84, render: (r) => categoryLabels[r.category] },
  { key: 'source', title: '来源', width: 100, render: (r) => sourceLabels[r.source] },
  { key: 'unit', title: '牵头单位', width: 120, full: (r) => r.lead_unit.name, render: (r) => r.lead_unit.name },
  { key: 'person', title: '责任人', width: 68, render: (r) => r.responsible.name },
  {
    key: 'deadline',
    title: '办理时限',
    width: 184,
    sort: 'deadline',
    render: (r) => (
      <Typography.Text type={r.overdue ? 'danger' : undefined}>
        {cstDateTime(r.deadline)}
        {!r.deadline_confirmed && (
          <span
            data-testid="deadline-unconfirmed"
            title="未确认：当年工作日历尚未发布，按周一至周五推算"
            style={{ marginLeft: 4, color: '#d48806', fontSize: 12 }}
          >
            未确认
          </span>
        )}
      </Typography.Text>
    ),
  },
  { key: 'state', title: '状态', width: 64, render: (r) => stateLabels[r.state] },
];

/** Which columns show and how wide, as the clerk left them. */
export interface ColumnLayout {
  hidden: string[];
  widths: Record<string, number>;
}

/** 来源 is one filter away and the least read, so 1280 px leaves the title room by default. */
export const DEFAULT_LAYOUT: ColumnLayout = { hidden: ['source'], widths: {} };
const MIN_WIDTH = 48;

const shownColumns = (layout: ColumnLayout) =>
  COLUMNS.filter((c) => !layout.hidden.includes(c.key)).map((c) => ({ ...c, width: layout.widths[c.key] ?? c.width }));

/** A light in the words of the core's labels, the same in the filter, the cell and the drawer. */
export function LightBadge({ row }: { row: Pick<LedgerRow, 'light' | 'overdue'> }) {
  const color = lightColors[row.light];
  return (
    <span
      data-testid="light"
      data-light={row.light}
      title={row.overdue ? '已超过办理时限' : undefined}
      style={{ whiteSpace: 'nowrap' }}
    >
      <span
        style={{
          display: 'inline-block',
          width: 10,
          height: 10,
          borderRadius: 5,
          background: color,
          marginRight: 4,
          verticalAlign: 'middle',
        }}
      />
      <span style={{ color, fontSize: 12 }}>{lightLabels[row.light]}</span>
    </span>
  );
}

const pageOf = (index: number) => Math.floor(index / PAGE);

interface LedgerTableProps {
  filter: LedgerFilter;
  layout: ColumnLayout;
  onLayout: (layout: ColumnLayout) => void;
  /** What an empty page says: `ledgerEmpty` when the ledger has no item at all. */
  renderEmpty: (ledgerEmpty: boolean) => React.ReactNode;
  sort: SortState;
  onSort: (sort: SortState) => void;
  /** The item whose detail is open, highlighted. */
  openId: number | null;
  onOpen: (id: number) => void;
  onTotal: (total: number | null) => void;
}

export function LedgerTable({ filter, layout, onLayout, renderEmpty, sort, onSort, openId, onOpen, onTotal }: LedgerTableProps) {
  const { token } = theme.useToken();
  const columns = shownColumns(layout);
  const grid = columns.map((c) => (c.grows ? `minmax(${c.width}px, 1fr)` : `${c.width}px`)).join(' ');
  const minWidth = columns.reduce((sum, c) => sum + c.width, 0);
  // Dragging a header's right edge sets that column's width as the mouse moves.
  const resize = (key: string, startX: number, startWidth: number) => {
    const onMove = (e: MouseEvent) => {
      const width = Math.max(MIN_WIDTH, Math.round(startWidth + e.clientX - startX));
      onLayout({ ...layout, widths: { ...layout.widths, [key]: width } });
    };
    const onUp = () => {
      window.removeEventListener('mousemove', onMove);
      window.removeEventListener('mouseup', onUp);
    };
    window.addEventListener('mousemove', onMove);
    window.addEventListener('mouseup', onUp);
  };
  const scroller = useRef<HTMLDivElement>(null);
  const [active, setActive] = useState(0);
  const query = { ...filter, ...sort };
  const fetchPage = (page: number) => ledgerPage({ ...query, offset: page * PAGE, limit: PAGE });
  // The first page gives the total; it keeps showing the previous result while a new filter loads.
  const first = useQuery({
    queryKey: ['ledger', query, 0],
    queryFn: () => fetchPage(0),
    placeholderData: keepPreviousData,
  });
  const total = first.data?.total ?? 0;
  // The app does not use the React Compiler; the virtualizer re-renders the table as it scrolls.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: total,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 10,
  });
  const visible = virtualizer.getVirtualItems();
  const pages = [...new Set(visible.map((v) => pageOf(v.index)))];
  const loaded = useQueries({
    queries: pages.map((page) => ({ queryKey: ['ledger', query, page], queryFn: () => fetchPage(page) })),
  });
  const rowAt = (index: number): LedgerRow | undefined => {
    const page = pageOf(index);
    const data = page === 0 ? first.data : loaded[pages.indexOf(page)]?.data;
    return data?.rows[index - page * PAGE];
  };

  const key = JSON.stringify(query);
  useEffect(() => {
    scroller.current?.scrollTo({ top: 0 });
    setActive(0);
  }, [key]);
  useEffect(() => onTotal(first.data ? first.data.total : null), [first.data, onTotal]);

  const move = (to: number) => {
    const next = Math.max(0, Math.min(total - 1, to));
    setActive(next);
    virtualizer.scrollToIndex(next, { align: 'auto' });
  };
  const onKeyDown = (e: KeyboardEvent) => {
    const perScreen = Math.max(1, Math.floor((scroller.current?.clientHeight ?? 400) / ROW_HEIGHT) - 1);
    const steps: Record<string, number> = { ArrowDown: 1, ArrowUp: -1, PageDown: perScreen, PageUp: -perScreen };
    if (e.key in steps) move(active + steps[e.key]);
    else if (e.key === 'Home') move(0);
    else if (e.key === 'End') move(total - 1);
    else if (e.key === 'Enter') {
      const row = rowAt(active);
      if (row) onOpen(row.id);
    } else return;
    e.preventDefault();
  };

  const header = (
    <div
      role="row"
      style={{
        display: 'grid',
        gridTemplateColumns: grid,
        position: 'sticky',
        top: 0,
        zIndex: 1,
        background: token.colorFillAlter,
        borderBottom: `1px solid ${token.colorBorderSecondary}`,
        fontWeight: 600,
      }}
    >
      {columns.map((c) => {
        const sorted = c.sort && sort.sort === c.sort;
        return (
          <div
            key={c.key}
            role="columnheader"
            data-testid={`ledger-col-${c.key}`}
            aria-sort={sorted ? (sort.descending ? 'descending' : 'ascending') : undefined}
            onClick={c.sort ? () => onSort({ sort: c.sort!, descending: sorted ? !sort.descending : false }) : undefined}
            style={{ position: 'relative', padding: '8px 6px', cursor: c.sort ? 'pointer' : undefined, whiteSpace: 'nowrap' }}
          >
            {c.title}
            {sorted && (sort.descending ? <CaretDownOutlined /> : <CaretUpOutlined />)}
            <span
              data-testid={`ledger-resize-${c.key}`}
              title="拖动调整列宽"
              onClick={(e) => e.stopPropagation()}
              onMouseDown={(e) => {
                e.preventDefault();
                e.stopPropagation();
                resize(c.key, e.clientX, c.width);
              }}
              style={{ position: 'absolute', top: 0, right: 0, width: 6, height: '100%', cursor: 'col-resize' }}
            />
          </div>
        );
      })}
    </div>
  );

  return (
    <div
      ref={scroller}
      role="grid"
      aria-rowcount={total}
      tabIndex={0}
      onKeyDown={onKeyDown}
      data-testid="ledger-table"
      style={{
        flex: 1,
        minHeight: 240,
        overflow: 'auto',
        border: `1px solid ${token.colorBorderSecondary}`,
        borderRadius: token.borderRadius,
        outline: 'none',
      }}
    >
      <div style={{ minWidth }}>
        {header}
        {first.isLoading ? (
          <Spin style={{ display: 'block', padding: 48 }} />
        ) : total === 0 ? (
          <div style={{ padding: 48 }}>{renderEmpty(first.data?.ledger_empty ?? false)}</div>
        ) : (
          <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
            {visible.map((v) => {
              const row = rowAt(v.index);
              const selected = row != null && row.id === openId;
              return (
                <div
                  key={v.key}
                  role="row"
                  aria-rowindex={v.index + 1}
                  data-testid={row ? `ledger-row-${row.id}` : undefined}
                  onClick={() => {
                    setActive(v.index);
                    if (row) onOpen(row.id);
                  }}
                  style={{
                    position: 'absolute',
                    top: 0,
                    left: 0,
                    right: 0,
                    height: ROW_HEIGHT,
                    transform: `translateY(${v.start}px)`,
                    display: 'grid',
                    gridTemplateColumns: grid,
                    alignItems: 'center',
                    cursor: 'pointer',
                    borderBottom: `1px solid ${token.colorSplit}`,
                    background: selected
                      ? token.controlItemBgActive
                      : v.index === active
                        ? token.controlItemBgHover
                        : undefined,
                  }}
                >
                  {row
                    ? columns.map((c) => (
                        <div
                          key={c.key}
                          role="gridcell"
                          data-testid={`cell-${c.key}`}
                          title={c.full?.(row)}
                          style={{ padding: '0 6px', overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}
                        >
                          {c.render(row)}
                        </div>
                      ))
                    : <div style={{ padding: '0 8px', color: token.colorTextQuaternary }}>加载中…</div>}
                </div>
              );
            })}
          </div>
        )}
      </div>
    </div>
  );
}

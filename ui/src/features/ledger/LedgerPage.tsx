// 交办事项台账: filters, the virtual table, the detail drawer and the registration form.
import { FileExcelOutlined, ImportOutlined, PlusOutlined, PrinterOutlined, TableOutlined } from '@ant-design/icons';
import { useMutation, useQuery } from '@tanstack/react-query';
import { Alert, App, Button, Card, Checkbox, Empty, Popover, Segmented, Space, Spin, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { useLocation, useNavigate } from 'react-router-dom';
import { exportLedger } from '../../api/assignment';
import { workbenchItemIds } from '../../api/workbench';
import type { LedgerLink } from '../workbench/ledgerLink';
import { AssignmentDrawer } from './AssignmentDrawer';
import { useDirectory } from '../../components/directory';
import { ReportModal } from '../../components/ReportPreview';
import { ImportModal } from './ImportModal';
import { EMPTY_FILTER, LedgerFilters } from './LedgerFilters';
import { COLUMNS, type ColumnLayout, DEFAULT_LAYOUT, type LedgerFilter, LedgerTable, type SortState } from './LedgerTable';
import { ledgerScopeLabels } from '../../api/labels';
import type { LedgerScope } from '../../api/types/LedgerScope';
import { useRemembered } from '../../components/remembered';
import { RegisterModal } from './RegisterModal';

export function LedgerPage() {
  const { units } = useDirectory();
  const location = useLocation();
  const navigate = useNavigate();
  const link = (location.state ?? null) as LedgerLink | null;
  const [filter, setFilter] = useState<LedgerFilter>(EMPTY_FILTER);
  // Opened from 工作台 or the bell: the set behind what was clicked, once its ids have come.
  const [picked, setPicked] = useState<{ label: string; count: number } | null>(null);
  const [sort, setSort] = useState<SortState>({ sort: 'light', descending: false });
  const [total, setTotal] = useState<number | null>(null);
  const [openId, setOpenId] = useState<number | null>(null);
  const [registering, setRegistering] = useState(false);
  const [importing, setImporting] = useState(false);
  const [printing, setPrinting] = useState(false);
  const onTotal = useCallback((n: number | null) => setTotal(n), []);
  const [layout, setLayout] = useRemembered<ColumnLayout>('ledger.columns', DEFAULT_LAYOUT);
  const { message } = App.useApp();

  // Opened from 工作台 or the bell: the ids of the set behind what was clicked, then, once per
  // navigation (React's "adjust state while rendering"), the filter on them and the item to open.
  const pick = link?.pick;
  const ids = useQuery({
    queryKey: ['ledger-pick', location.key],
    queryFn: () => workbenchItemIds(pick!),
    enabled: pick != null,
    staleTime: Infinity,
  });
  const [seenKey, setSeenKey] = useState<string | null>(null);
  if (seenKey !== location.key && (pick == null || ids.data || ids.isError)) {
    setSeenKey(location.key);
    if (link?.openId != null) setOpenId(link.openId);
    if (pick && ids.data) {
      // Reminders cover sub-items too; the figures count top-level items, as the ledger does.
      setFilter({ ...EMPTY_FILTER, scope: 'all', ids: ids.data, include_sub_items: pick.what === 'list' });
      setPicked({ label: link?.label ?? '工作台', count: ids.data.length });
    } else if (!pick && filter.ids) {
      // The menu's 交办事项 shows the whole ledger again.
      setFilter(EMPTY_FILTER);
      setPicked(null);
    }
  }
  const picking = pick != null && seenKey !== location.key;

  const showAll = () => {
    setPicked(null);
    setFilter({ ...EMPTY_FILTER, scope: 'all' });
    navigate('/ledger', { replace: true, state: null });
  };
  // 导出 takes the filters and the order on screen; every matching item, not one page.
  const exporting = useMutation({
    mutationFn: () => exportLedger({ ...filter, ...sort }),
    onSuccess: (report) => {
      if (report) message.success(`已导出 ${report.rows} 件事项到 ${report.path}${report.internal ? '（含内部事项，已标注“内部”）' : ''}`);
    },
    onError: (e) => message.error(e.message),
  });

  // Ctrl+N (or ⌘N) registers a new item from anywhere on the page.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'n') {
        e.preventDefault();
        setRegistering(true);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  return (
    <Card
      title={
        <Space size={16}>
          交办事项台账
          <Segmented<LedgerScope>
            value={filter.scope}
            onChange={(scope) => setFilter({ ...filter, scope })}
            options={(Object.keys(ledgerScopeLabels) as LedgerScope[]).map((scope) => ({
              value: scope,
              label: <span data-testid={`ledger-scope-${scope}`}>{ledgerScopeLabels[scope]}</span>,
            }))}
          />
        </Space>
      }
      extra={
        <Space>
          <Typography.Text type="secondary" data-testid="ledger-total">
            {total == null ? '' : `共 ${total.toLocaleString('zh-CN')} 件`}
          </Typography.Text>
          <Popover
            trigger="click"
            placement="bottomRight"
            title="显示的列"
            content={
              <Space direction="vertical" data-testid="ledger-columns">
                <Checkbox.Group
                  value={COLUMNS.map((c) => c.key).filter((k) => !layout.hidden.includes(k))}
                  onChange={(shown) => setLayout({ ...layout, hidden: COLUMNS.map((c) => c.key).filter((k) => !shown.includes(k)) })}
                  options={COLUMNS.map((c) => ({ value: c.key, label: <span data-testid={`ledger-column-${c.key}`}>{c.title}</span> }))}
                  style={{ display: 'flex', flexDirection: 'column', gap: 4 }}
                />
                <Button size="small" onClick={() => setLayout(DEFAULT_LAYOUT)} data-testid="ledger-columns-reset">
                  恢复默认列和列宽
                </Button>
              </Space>
            }
          >
            <Button icon={<TableOutlined />} data-testid="ledger-columns-open">
              列
            </Button>
          </Popover>
          <Button icon={<ImportOutlined />} onClick={() => setImporting(true)} data-testid="ledger-import">
            导入台账
          </Button>
          <Button icon={<FileExcelOutlined />} loading={exporting.isPending} onClick={() => exporting.mutate()} data-testid="ledger-export">
            导出 Excel
          </Button>
          <Button icon={<PrinterOutlined />} onClick={() => setPrinting(true)} data-testid="ledger-print">
            打印台账
          </Button>
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setRegistering(true)} data-testid="register-open">
            登记事项
          </Button>
        </Space>
      }
      // The card fills the window below the header (64 px and its border, the content's 24 px
      // padding), and the table takes what the filters leave: no page scroll bar at 1280×800.
      style={{ height: 'calc(100vh - 113px)', display: 'flex', flexDirection: 'column' }}
      styles={{ body: { display: 'flex', flexDirection: 'column', gap: 12, flex: 1, minHeight: 0 } }}
    >
      {ids.isError && <Alert type="error" showIcon message={ids.error.message} />}
      {picked && filter.ids && (
        <Alert
          type="info"
          showIcon
          data-testid="ledger-picked"
          message={`来自工作台：${picked.label}，共 ${picked.count} 件`}
          action={
            <Button size="small" onClick={showAll} data-testid="ledger-show-all">
              显示全部事项
            </Button>
          }
        />
      )}
      <LedgerFilters filter={filter} units={units} onChange={setFilter} />
      {picking ? <Spin style={{ display: 'block', padding: 48 }} /> : <LedgerTable
        filter={filter}
        layout={layout}
        onLayout={setLayout}
        renderEmpty={(ledgerEmpty) => (
          <LedgerEmpty
            ledgerEmpty={ledgerEmpty}
            scope={filter.scope}
            onRegister={() => setRegistering(true)}
            onImport={() => setImporting(true)}
            onAll={() => setFilter({ ...filter, scope: 'all' })}
          />
        )}
        sort={sort}
        onSort={setSort}
        openId={openId}
        onOpen={setOpenId}
        onTotal={onTotal}
      />}
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        ↑↓ 选择，Enter 打开，Ctrl+N 登记；点击“灯色”“编号”“办理时限”列头排序。
      </Typography.Text>
      <AssignmentDrawer id={openId} onClose={() => setOpenId(null)} onOpen={setOpenId} />
      {importing && <ImportModal onClose={() => setImporting(false)} />}
      {printing && (
        <ReportModal
          title="打印台账（当前筛选和排序）"
          paper={{ paper: 'ledger', query: { ...filter, ...sort } }}
          fileName={`交办事项台账-${new Date().toISOString().slice(0, 10)}`}
          onClose={() => setPrinting(false)}
        />
      )}
      {registering && (
        <RegisterModal
          parent={null}
          onClose={() => setRegistering(false)}
          onRegistered={(id) => {
            setRegistering(false);
            setOpenId(id);
          }}
        />
      )}
    </Card>
  );
}

/** What an empty page says: how to start when the ledger has nothing yet, else where to look. */
function LedgerEmpty({
  ledgerEmpty,
  scope,
  onRegister,
  onImport,
  onAll,
}: {
  ledgerEmpty: boolean;
  scope: LedgerScope;
  onRegister: () => void;
  onImport: () => void;
  onAll: () => void;
}) {
  if (ledgerEmpty) {
    return (
      <Empty data-testid="ledger-empty" description="台账里还没有事项。可以逐件登记，也可以把现有的 Excel 或 WPS 台账一次导入。">
        <Space>
          <Button type="primary" onClick={onRegister}>
            登记第一件事项
          </Button>
          <Button onClick={onImport}>导入现有台账</Button>
        </Space>
      </Empty>
    );
  }
  return (
    <Empty data-testid="ledger-empty" description={`${scope === 'all' ? '' : `${ledgerScopeLabels[scope]}事项中`}没有符合条件的事项`}>
      {scope !== 'all' && (
        <Button onClick={onAll} data-testid="ledger-empty-all">
          在全部事项中查找
        </Button>
      )}
    </Empty>
  );
}

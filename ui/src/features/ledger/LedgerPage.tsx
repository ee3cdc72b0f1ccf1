// 交办事项台账: filters, the virtual table, the detail drawer and the registration form.
import { FileExcelOutlined, ImportOutlined, PlusOutlined, PrinterOutlined } from '@ant-design/icons';
import { useMutation, useQuery } from '@tanstack/react-query';
import { Alert, App, Button, Card, Space, Spin, Typography } from 'antd';
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
import { type LedgerFilter, LedgerTable, type SortState } from './LedgerTable';
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
      setFilter({ ...EMPTY_FILTER, ids: ids.data, include_sub_items: pick.what === 'list' });
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
    setFilter(EMPTY_FILTER);
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
      title="交办事项台账"
      extra={
        <Space>
          <Typography.Text type="secondary" data-testid="ledger-total">
            {total == null ? '' : `共 ${total.toLocaleString('zh-CN')} 件`}
          </Typography.Text>
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
      styles={{ body: { display: 'flex', flexDirection: 'column', gap: 12 } }}
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

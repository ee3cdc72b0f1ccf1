// 交办事项台账: filters, the virtual table, the detail drawer and the registration form.
import { FileExcelOutlined, ImportOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { App, Button, Card, Space, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { exportLedger } from '../../api/assignment';
import { AssignmentDrawer } from './AssignmentDrawer';
import { useDirectory } from '../../components/directory';
import { ImportModal } from './ImportModal';
import { EMPTY_FILTER, LedgerFilters } from './LedgerFilters';
import { type LedgerFilter, LedgerTable, type SortState } from './LedgerTable';
import { RegisterModal } from './RegisterModal';

export function LedgerPage() {
  const { units } = useDirectory();
  const [filter, setFilter] = useState<LedgerFilter>(EMPTY_FILTER);
  const [sort, setSort] = useState<SortState>({ sort: 'light', descending: false });
  const [total, setTotal] = useState<number | null>(null);
  const [openId, setOpenId] = useState<number | null>(null);
  const [registering, setRegistering] = useState(false);
  const [importing, setImporting] = useState(false);
  const onTotal = useCallback((n: number | null) => setTotal(n), []);
  const { message } = App.useApp();
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
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setRegistering(true)} data-testid="register-open">
            登记事项
          </Button>
        </Space>
      }
      styles={{ body: { display: 'flex', flexDirection: 'column', gap: 12 } }}
    >
      <LedgerFilters filter={filter} units={units} onChange={setFilter} />
      <LedgerTable
        filter={filter}
        sort={sort}
        onSort={setSort}
        openId={openId}
        onOpen={setOpenId}
        onTotal={onTotal}
      />
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        ↑↓ 选择，Enter 打开，Ctrl+N 登记；点击“灯色”“编号”“办理时限”列头排序。
      </Typography.Text>
      <AssignmentDrawer id={openId} onClose={() => setOpenId(null)} onOpen={setOpenId} />
      {importing && <ImportModal onClose={() => setImporting(false)} />}
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

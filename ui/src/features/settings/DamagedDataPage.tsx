import { FolderOpenOutlined, UndoOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Result, Space, Typography } from 'antd';
import { listBackups } from '../../api/backup';
import { backupReasonLabels } from '../../api/labels';
import { cstDateTime } from '../../components/cst';
import { BackupTable, useRestore } from './BackupPanel';

/** The codes of a data file the app will not use: damaged, or missing while backups exist. */
export const DAMAGED_CODES = ['database_damaged', 'database_missing'];

/** Shown instead of the app when the data file is damaged or missing: what happened, and the way back. */
export function DamagedDataPage({ message }: { message: string }) {
  const restore = useRestore();
  const backups = useQuery({ queryKey: ['backups'], queryFn: listBackups });
  const newest = backups.data?.find((b) => b.checked);
  return (
    <div style={{ maxWidth: 960, margin: '24px auto' }} data-testid="damaged-page">
      <Result
        status="warning"
        title="数据文件无法使用"
        subTitle={<Typography.Text data-testid="damaged-message">{message}</Typography.Text>}
        extra={
          <Space wrap>
            {newest && (
              <Button
                type="primary"
                icon={<UndoOutlined />}
                disabled={restore.busy}
                loading={restore.busy}
                onClick={() => restore.ask(newest.path, `${cstDateTime(newest.created_at)} ${backupReasonLabels[newest.reason]}`)}
                data-testid="damaged-restore-newest"
              >
                恢复最新的完好备份（{cstDateTime(newest.created_at)}）
              </Button>
            )}
            <Button icon={<FolderOpenOutlined />} disabled={restore.busy} onClick={() => void restore.fromFile()}>
              从文件恢复…
            </Button>
          </Space>
        }
      />
      <Card size="small" title="备份">
        <Typography.Paragraph type="secondary">
          落实不会写入损坏的数据文件。恢复前，现在的文件会原样另存到备份文件夹（“损坏的原数据文件”），以便日后请技术人员查看。
        </Typography.Paragraph>
        <BackupTable busy={restore.busy} onRestore={(b) => restore.ask(b.path, `${cstDateTime(b.created_at)} ${backupReasonLabels[b.reason]}`)} />
      </Card>
    </div>
  );
}

import { CloudDownloadOutlined, FolderOpenOutlined, SaveOutlined, UndoOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Form, InputNumber, Space, Table, Tag, Typography } from 'antd';
import { useEffect } from 'react';
import {
  createBackup,
  getBackupRetention,
  listBackups,
  restoreBackup,
  saveBackupTo,
  setBackupRetention,
} from '../../api/backup';
import { askOpenPath, askSavePath } from '../../api/dialogs';
import { backupReasonLabels } from '../../api/labels';
import type { BackupInfo } from '../../api/types/BackupInfo';
import type { Retention } from '../../api/types/Retention';
import { cstDateTime } from '../../components/cst';
import { EncryptionCard } from './EncryptionCard';

const megabytes = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;
const count = (n: number | null) => (n === null ? '—' : String(n));

/** 从备份恢复, from the list or from a file: a confirmation that says the current data is backed up first. */
export function useRestore() {
  const { modal, message } = App.useApp();
  const queryClient = useQueryClient();
  const restore = useMutation({
    mutationFn: restoreBackup,
    onSuccess: (report) => {
      message.success(`已恢复：${report.items} 件交办事项、${report.summaries} 篇总结`);
      // Everything the window shows came from the old file.
      void queryClient.invalidateQueries();
    },
    onError: (e) => message.error(e.message),
  });
  const ask = (path: string, name: string) =>
    modal.confirm({
      title: '从备份恢复',
      content: (
        <>
          <Typography.Paragraph>{`将用“${name}”替换现在的数据。`}</Typography.Paragraph>
          <Typography.Paragraph>
            恢复前会先把现在的数据备份一份（可在列表中找到“恢复前”的备份），恢复后窗口显示备份中的数据。
          </Typography.Paragraph>
        </>
      ),
      okText: '恢复',
      cancelText: '取消',
      okButtonProps: { 'data-testid': 'backup-restore-confirm' } as React.ComponentProps<typeof Button>,
      onOk: () => restore.mutateAsync(path).catch(() => undefined),
    });
  const fromFile = async () => {
    const path = await askOpenPath('选择要恢复的备份文件', { name: '落实数据文件', extensions: ['sqlite3', 'db'] });
    if (path) ask(path, path);
  };
  return { ask, fromFile, busy: restore.isPending };
}

/** The list of backups with a restore button on each row. */
export function BackupTable({ onRestore, busy }: { onRestore: (b: BackupInfo) => void; busy: boolean }) {
  const backups = useQuery({ queryKey: ['backups'], queryFn: listBackups });
  return (
    <>
      {backups.isError && <Alert type="error" showIcon title={backups.error.message} />}
      <Table<BackupInfo>
        rowKey="file"
        size="middle"
        loading={backups.isPending}
        dataSource={backups.data}
        pagination={{ pageSize: 10, hideOnSinglePage: true }}
        data-testid="backup-table"
        columns={[
          { title: '时间', dataIndex: 'created_at', render: (t: string) => cstDateTime(t), width: 150 },
          { title: '原因', dataIndex: 'reason', render: (r: BackupInfo['reason']) => backupReasonLabels[r] },
          { title: '大小', dataIndex: 'bytes', render: megabytes, width: 100 },
          { title: '交办事项', dataIndex: 'items', render: count, width: 90 },
          { title: '总结', dataIndex: 'summaries', render: count, width: 70 },
          {
            title: '检查',
            dataIndex: 'checked',
            width: 90,
            render: (ok: boolean) => (ok ? <Tag color="green">完好</Tag> : <Tag color="red">未检查</Tag>),
          },
          {
            title: '',
            key: 'restore',
            width: 100,
            render: (_: unknown, b: BackupInfo) =>
              b.checked && (
                <Button
                  size="small"
                  icon={<UndoOutlined />}
                  disabled={busy}
                  onClick={() => onRestore(b)}
                  data-testid={`backup-restore-${b.file}`}
                >
                  恢复
                </Button>
              ),
          },
        ]}
      />
    </>
  );
}

function RetentionForm() {
  const { message } = App.useApp();
  const [form] = Form.useForm<Retention>();
  const retention = useQuery({ queryKey: ['backup-retention'], queryFn: getBackupRetention });
  useEffect(() => {
    if (retention.data) form.setFieldsValue(retention.data);
  }, [retention.data, form]);
  const save = useMutation({
    mutationFn: setBackupRetention,
    onSuccess: () => message.success('已保存保留份数'),
    onError: (e) => message.error(e.message),
  });
  const number = <InputNumber min={1} max={366} precision={0} style={{ width: 90 }} />;
  return (
    <Form form={form} layout="inline" onFinish={(v) => save.mutate(v)} disabled={!retention.data}>
      <Form.Item name="daily" label="每日备份保留" rules={[{ required: true }]}>
        {number}
      </Form.Item>
      <Form.Item name="monthly" label="每月备份保留" rules={[{ required: true }]}>
        {number}
      </Form.Item>
      <Form.Item name="before_change" label="改动前备份各保留" rules={[{ required: true }]}>
        {number}
      </Form.Item>
      <Form.Item>
        <Button htmlType="submit" loading={save.isPending}>
          保存
        </Button>
      </Form.Item>
    </Form>
  );
}

/** 设置 → 数据与备份: the backups, 立即备份, 另存到…, 从备份恢复 and how many are kept. */
export function BackupPanel() {
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const restore = useRestore();
  const create = useMutation({
    mutationFn: createBackup,
    onSuccess: (b) => {
      message.success(`已备份：${b.file}（${megabytes(b.bytes)}，已检查完好）`);
      void queryClient.invalidateQueries({ queryKey: ['backups'] });
    },
    onError: (e) => message.error(e.message),
  });
  const saveTo = useMutation({
    mutationFn: saveBackupTo,
    onSuccess: (b) => message.success(`已另存：${b.path}（${megabytes(b.bytes)}，已检查完好）`),
    onError: (e) => message.error(e.message),
  });
  const askSaveTo = async () => {
    const today = new Date().toISOString().slice(0, 10);
    const path = await askSavePath('另存备份到…', `落实备份-${today}.sqlite3`, {
      name: '落实数据文件',
      extension: 'sqlite3',
    });
    if (path) saveTo.mutate(path);
  };
  const busy = create.isPending || saveTo.isPending || restore.busy;
  const working = create.isPending ? '正在备份并检查……' : saveTo.isPending ? '正在另存并检查……' : restore.busy ? '正在检查并恢复……' : null;

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }} data-testid="backup-panel">
      <Card size="small" title="备份">
        <Typography.Paragraph type="secondary">
          每天第一次打开落实时自动备份（每月第一次为月备份），升级数据结构、导入和恢复之前也会先备份。备份在数据文件夹的
          backups 文件夹中，每份写完后都检查过能否打开、是否完好。请定期“另存到…”U 盘或其他电脑，并试着恢复一次。
        </Typography.Paragraph>
        <Space wrap>
          <Button type="primary" icon={<SaveOutlined />} loading={create.isPending} disabled={busy} onClick={() => create.mutate()} data-testid="backup-create">
            立即备份
          </Button>
          <Button icon={<CloudDownloadOutlined />} loading={saveTo.isPending} disabled={busy} onClick={() => void askSaveTo()} data-testid="backup-save-to">
            另存到…
          </Button>
          <Button icon={<FolderOpenOutlined />} disabled={busy} onClick={() => void restore.fromFile()} data-testid="backup-restore-file">
            从文件恢复…
          </Button>
        </Space>
        {working && <Alert style={{ marginTop: 12 }} type="info" showIcon title={`${working}数据较多时需要几秒到几十秒，请稍候。`} data-testid="backup-busy" />}
      </Card>
      <Card size="small" title="已有的备份">
        <BackupTable busy={busy} onRestore={(b) => restore.ask(b.path, `${cstDateTime(b.created_at)} ${backupReasonLabels[b.reason]}`)} />
      </Card>
      <Card size="small" title="保留份数">
        <Typography.Paragraph type="secondary">
          超出份数的自动备份从最旧的开始删除；手动备份和损坏的原数据文件不会自动删除。
        </Typography.Paragraph>
        <RetentionForm />
      </Card>
      <EncryptionCard />
    </Space>
  );
}

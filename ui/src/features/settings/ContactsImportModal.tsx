// 导入通讯录: choose a sheet of 单位, 姓名, 职务, 电话, 角色; see who would be added, which units are
// new and every problem by row and column; import in one step (the core's dry run is the preview).
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Checkbox, Modal, Space, Spin, Table, Typography } from 'antd';
import { useState } from 'react';
import { chooseContactsFile, importContacts } from '../../api/org';
import type { ContactReport } from '../../api/types/ContactReport';
import type { ImportProblem } from '../../api/types/ImportProblem';

const problemColumns = [
  { title: '工作表', dataIndex: 'sheet', width: 100 },
  { title: '行', dataIndex: 'row', width: 60 },
  { title: '列', dataIndex: 'column', width: 100 },
  { title: '问题', dataIndex: 'message' },
];

function summary(r: ContactReport) {
  const parts = [`${r.dry_run ? '可添加' : '已添加'} ${r.dry_run ? r.importable : r.imported} 人`];
  if (r.duplicates) parts.push(`已在组织机构中的 ${r.duplicates} 人不变`);
  if (r.created.units.length) parts.push(`${r.dry_run ? '将新建' : '新建'}单位：${r.created.units.join('、')}`);
  if (r.errors.length) parts.push(`${r.errors.length} 处问题`);
  return parts.join('；');
}

export function ContactsImportModal({ onClose }: { onClose: () => void }) {
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [path, setPath] = useState<string | null>(null);
  const [createMissing, setCreateMissing] = useState(false);
  const [skipBadRows, setSkipBadRows] = useState(false);
  const [done, setDone] = useState<ContactReport | null>(null);
  const options = (dryRun: boolean) => ({
    dry_run: dryRun,
    create_missing: createMissing,
    skip_bad_rows: skipBadRows,
    unit_aliases: [],
  });
  const preview = useQuery({
    queryKey: ['contacts-import-preview', path, createMissing, skipBadRows],
    queryFn: () => importContacts(path as string, options(true)),
    enabled: path != null && done == null,
    retry: false,
    gcTime: 0,
    staleTime: Infinity,
    refetchOnWindowFocus: false,
  });
  const run = useMutation({
    mutationFn: () => importContacts(path as string, options(false)),
    onSuccess: async (r) => {
      setDone(r);
      await queryClient.invalidateQueries({ queryKey: ['persons'] });
      await queryClient.invalidateQueries({ queryKey: ['units'] });
    },
    onError: (e) => message.error(e.message),
  });
  const choose = async () => {
    try {
      const chosen = await chooseContactsFile();
      if (chosen) setPath(chosen);
    } catch (e) {
      message.error((e as Error).message);
    }
  };
  const report = done ?? preview.data;
  const blocked = report != null && report.errors.length > 0 && !skipBadRows;
  return (
    <Modal
      open
      title="导入通讯录"
      width={860}
      onCancel={onClose}
      maskClosable={false}
      destroyOnHidden
      styles={{ body: { maxHeight: 'calc(100vh - 220px)', overflowY: 'auto' } }}
      footer={
        done
          ? [<Button key="ok" type="primary" onClick={onClose} data-testid="contacts-import-done">完成</Button>]
          : [
              <Button key="cancel" onClick={onClose}>取消</Button>,
              <Button
                key="run"
                type="primary"
                disabled={report == null || report.importable === 0 || blocked || preview.isFetching}
                loading={run.isPending}
                onClick={() => run.mutate()}
                data-testid="contacts-import-run"
              >
                {report ? `添加 ${report.importable} 人` : '导入'}
              </Button>,
            ]
      }
    >
      <Space direction="vertical" style={{ width: '100%' }}>
        {!done && (
          <Space>
            <Button onClick={() => void choose()} data-testid="contacts-import-choose">
              {path ? '重新选择文件' : '选择表格文件…'}
            </Button>
            {path && <Typography.Text type="secondary">{path}</Typography.Text>}
          </Space>
        )}
        {!path && (
          <Typography.Paragraph type="secondary">
            表格需有“单位”“姓名”两列，可有“职务”“电话”“角色”（领导、联络员、经办人）。已在该单位的人员保持不变。
          </Typography.Paragraph>
        )}
        {preview.isFetching && (
          <Spin tip="正在读取并检查……">
            <div style={{ height: 60 }} />
          </Spin>
        )}
        {preview.error && <Alert type="error" showIcon message={preview.error.message} />}
        {report && !preview.isFetching && (
          <>
            <Alert
              type={report.errors.length && !done ? 'warning' : 'success'}
              showIcon
              message={summary(report)}
              description={report.created.people.length ? `人员：${report.created.people.join('、')}` : undefined}
              data-testid="contacts-import-summary"
            />
            {!done && (
              <Space>
                <span data-testid="contacts-import-create">
                  <Checkbox checked={createMissing} onChange={(e) => setCreateMissing(e.target.checked)}>
                    创建组织机构中没有的单位
                  </Checkbox>
                </span>
                <span data-testid="contacts-import-skip">
                  <Checkbox checked={skipBadRows} onChange={(e) => setSkipBadRows(e.target.checked)}>
                    跳过有问题的行
                  </Checkbox>
                </span>
              </Space>
            )}
            {report.errors.length > 0 && (
              <Table<ImportProblem>
                size="small"
                rowKey={(p) => `${p.sheet}:${p.row}:${p.column}:${p.message}`}
                pagination={{ pageSize: 8, size: 'small' }}
                dataSource={report.errors}
                columns={problemColumns}
              />
            )}
          </>
        )}
      </Space>
    </Modal>
  );
}

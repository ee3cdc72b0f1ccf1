// 档案: the 件 of a year in 档号 order with the year's 归档完整率; each 件's bound PDF, 调整件号
// before 确认归档; the 归档文件目录 (PDF, Excel), the 备考表, 确认归档 and the 移交包.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Input, InputNumber, Popover, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import {
  archiveBoxesPdf,
  archiveCataloguePdf,
  archiveCompleteness,
  archiveConfirm,
  archiveFilePdf,
  archiveFiles,
  archiveMove,
  exportCatalogueXlsxAs,
  exportPackage,
} from '../../api/archive';
import { archiveFileStateLabels, optionsOf, retentionLabels } from '../../api/labels';
import type { ArchiveFile } from '../../api/types/ArchiveFile';
import type { ArchiveRetention } from '../../api/types/ArchiveRetention';
import { type PdfPaper, PdfModal } from './PdfModal';

function MoveButton({ file, onMoved }: { file: ArchiveFile; onMoved: () => void }) {
  const { message } = App.useApp();
  const [to, setTo] = useState<number | null>(file.item_no);
  const move = useMutation({
    mutationFn: () => archiveMove(file.id, to ?? file.item_no),
    onSuccess: (f) => {
      message.success(`已调整为 ${f.archival_code}`);
      onMoved();
    },
    onError: (e) => message.error(e.message),
  });
  return (
    <Popover
      trigger="click"
      title="调整件号"
      content={
        <Space>
          <InputNumber min={1} precision={0} value={to} onChange={setTo} data-testid="archive-move-to" />
          <Button type="primary" loading={move.isPending} onClick={() => move.mutate()} data-testid="archive-move-ok">
            确定
          </Button>
        </Space>
      }
    >
      <Button size="small" type="link" data-testid={`archive-move-${file.id}`}>
        调整件号
      </Button>
    </Popover>
  );
}

export function FilesPanel() {
  const { message, modal } = App.useApp();
  const client = useQueryClient();
  const [year, setYear] = useState(new Date().getFullYear());
  const [retention, setRetention] = useState<ArchiveRetention | null>(null);
  const [search, setSearch] = useState('');
  const [paper, setPaper] = useState<PdfPaper | null>(null);
  const [showIncomplete, setShowIncomplete] = useState(false);
  const all = useQuery({ queryKey: ['archive-files', 'all'], queryFn: () => archiveFiles({}) });
  const query = { year, retention: retention ?? undefined, search: search || undefined };
  const files = useQuery({ queryKey: ['archive-files', query], queryFn: () => archiveFiles(query) });
  const completeness = useQuery({ queryKey: ['archive-completeness', year], queryFn: () => archiveCompleteness(year) });
  const years = [...new Set([year, new Date().getFullYear(), ...(all.data ?? []).map((f) => f.year)])].sort((a, b) => b - a);
  const refresh = async () => {
    for (const key of ['archive-files', 'archive-completeness']) await client.invalidateQueries({ queryKey: [key] });
  };
  const confirm = useMutation({
    mutationFn: () => archiveConfirm(year),
    onSuccess: async (n) => {
      message.success(`已确认 ${year} 年度 ${n} 件，件号不再变动`);
      await refresh();
    },
    onError: (e) => message.error(e.message),
  });
  const done = (what: string) => (path: string | null) => path && message.success(`已导出${what}：${path}`);
  const xlsx = useMutation({ mutationFn: () => exportCatalogueXlsxAs(year, retention), onSuccess: done('目录'), onError: (e) => message.error(e.message) });
  const pack = useMutation({
    mutationFn: () => exportPackage(year),
    onSuccess: (r) => r && message.success(`已导出移交包：${r.path}（${r.items} 件，${r.files} 个文件）`),
    onError: (e) => message.error(e.message),
  });
  const open = files.data?.filter((f) => f.state === 'filed').length ?? 0;
  const rate = completeness.data?.rate;
  const incomplete = completeness.data?.incomplete ?? [];
  return (
    <>
      <Space style={{ marginBottom: 12 }} wrap>
        <Select value={year} onChange={setYear} options={years.map((y) => ({ value: y, label: `${y} 年度` }))} data-testid="archive-year" />
        <Select
          allowClear
          placeholder="全部保管期限"
          style={{ width: 150 }}
          value={retention}
          onChange={(v) => setRetention(v ?? null)}
          options={optionsOf(retentionLabels)}
        />
        <Input.Search allowClear placeholder="题名或文号" style={{ width: 200 }} onSearch={setSearch} />
        <Button
          onClick={() =>
            setPaper({
              title: `${year} 年度归档文件目录`,
              fileName: `${year}年归档文件目录`,
              key: ['catalogue', year, retention],
              load: () => archiveCataloguePdf(year, retention),
            })
          }
          data-testid="archive-catalogue"
        >
          归档文件目录
        </Button>
        <Button loading={xlsx.isPending} onClick={() => xlsx.mutate()}>
          导出目录 Excel
        </Button>
        <Button
          onClick={() =>
            setPaper({ title: `${year} 年度备考表与盒脊`, fileName: `${year}年备考表`, key: ['boxes', year], load: () => archiveBoxesPdf(year) })
          }
        >
          备考表
        </Button>
        <Button
          disabled={open === 0}
          loading={confirm.isPending}
          onClick={() =>
            modal.confirm({
              title: `确认 ${year} 年度归档？`,
              content: `确认后这 ${open} 件的件号固定，不能再调整，归档件只读。`,
              okText: '确认归档',
              onOk: () => confirm.mutate(),
            })
          }
          data-testid="archive-confirm"
        >
          确认归档
        </Button>
        <Button type="primary" loading={pack.isPending} onClick={() => pack.mutate()} data-testid="archive-export">
          导出移交包
        </Button>
      </Space>
      <Space style={{ marginBottom: 12 }} wrap>
        <Typography.Text data-testid="archive-summary">
          {year} 年度：归档 {files.data?.length ?? 0} 件；归档完整率{' '}
          {rate == null ? '—' : `${(rate * 100).toFixed(1)}%（${completeness.data?.complete}/${completeness.data?.total}）`}
        </Typography.Text>
        {incomplete.length > 0 && (
          <Typography.Link onClick={() => setShowIncomplete(!showIncomplete)} data-testid="archive-incomplete-toggle">
            {showIncomplete ? '收起' : `不完整 ${incomplete.length} 件`}
          </Typography.Link>
        )}
      </Space>
      {showIncomplete && (
        <Alert
          type="warning"
          style={{ marginBottom: 12 }}
          data-testid="archive-incomplete"
          message={incomplete.map((c) => `${c.title}（${c.lacks.join('、')}）`).join('；')}
        />
      )}
      <Table<ArchiveFile>
        size="small"
        rowKey="id"
        loading={files.isLoading}
        dataSource={files.data ?? []}
        pagination={{ pageSize: 50, showSizeChanger: false }}
        columns={[
          { title: '档号', dataIndex: 'archival_code', width: 250, render: (code: string) => <span data-testid="archive-code">{code}</span> },
          { title: '文号', dataIndex: 'doc_no', width: 110 },
          { title: '责任者', dataIndex: 'author', width: 120 },
          { title: '题名', render: (_, f) => (f.title_supplied ? `[${f.title}]` : f.title) },
          { title: '日期', dataIndex: 'date', width: 90 },
          { title: '页数', dataIndex: 'pages', width: 60 },
          {
            title: '状态',
            width: 76,
            render: (_, f) => <Tag color={f.state === 'confirmed' ? 'green' : 'blue'}>{archiveFileStateLabels[f.state]}</Tag>,
          },
          {
            title: '操作',
            width: 140,
            render: (_, f) => (
              <Space size={0}>
                <Button
                  size="small"
                  type="link"
                  onClick={() => setPaper({ title: f.archival_code, fileName: f.archival_code, key: ['file', f.id], load: () => archiveFilePdf(f.id) })}
                  data-testid={`archive-preview-${f.id}`}
                >
                  预览
                </Button>
                {f.state === 'filed' && <MoveButton file={f} onMoved={refresh} />}
              </Space>
            ),
          },
        ]}
      />
      {paper && <PdfModal paper={paper} onClose={() => setPaper(null)} />}
    </>
  );
}

// 版本: 保存版本 with a note, the list, the comparison of any two (or a version and the current
// text) with inline insertions and deletions from the core, and 恢复 (which keeps everything: the
// current text is saved as a version first when no version holds it).
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Drawer, Empty, Input, Popconfirm, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { diffSummaryVersions, listSummaryVersions, restoreSummaryVersion, saveSummaryVersion } from '../../api/summary';
import { sectionChangeLabels, summaryVersionKindLabels } from '../../api/labels';
import type { SummaryDiff } from '../../api/types/SummaryDiff';
import type { SummaryVersionInfo } from '../../api/types/SummaryVersionInfo';
import { cstDateTime } from '../../components/cst';

const CURRENT = 0;

export function DiffView({ diff }: { diff: SummaryDiff }) {
  const changed = diff.sections.filter((s) => s.change !== 'unchanged');
  return (
    <div data-testid="version-diff">
      {diff.old_title && (
        <p>
          标题：<del className="diff-del">{diff.old_title}</del> → <ins className="diff-ins">{diff.title}</ins>
        </p>
      )}
      {changed.length === 0 && <Empty description="两者内容相同" />}
      {changed.map((s) => (
        <div key={s.position} style={{ marginBottom: 16 }}>
          <Space>
            <Typography.Text strong>
              第{s.position + 1}章 {s.heading}
            </Typography.Text>
            <Tag>{sectionChangeLabels[s.change]}</Tag>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              +{s.inserted_chars} −{s.deleted_chars} 字{s.indicators_changed ? '，指标表有改动' : ''}
            </Typography.Text>
          </Space>
          <div style={{ whiteSpace: 'pre-wrap', lineHeight: 1.9, marginTop: 4 }}>
            {s.spans.map((sp, i) =>
              sp.op === 'insert' ? (
                <ins key={i} className="diff-ins" style={{ background: '#d9f7be', textDecoration: 'none' }}>
                  {sp.text}
                </ins>
              ) : sp.op === 'delete' ? (
                <del key={i} className="diff-del" style={{ background: '#ffccc7', color: '#a8071a' }}>
                  {sp.text}
                </del>
              ) : (
                <span key={i}>{sp.text}</span>
              ),
            )}
          </div>
        </div>
      ))}
    </div>
  );
}

export function VersionsDrawer({
  id,
  editable,
  open,
  onClose,
  beforeSave,
  onRestored,
}: {
  id: number;
  editable: boolean;
  open: boolean;
  onClose: () => void;
  /** Saves the text still waiting for autosave, so that a version holds what is on screen. */
  beforeSave: () => Promise<void>;
  onRestored: () => Promise<void>;
}) {
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [note, setNote] = useState('');
  const [from, setFrom] = useState<number | null>(null);
  const [to, setTo] = useState<number>(CURRENT);
  const versions = useQuery({ queryKey: ['summary-versions', id], queryFn: () => listSummaryVersions(id), enabled: open });
  const diff = useQuery({
    queryKey: ['summary-diff', id, from, to],
    queryFn: () => diffSummaryVersions(id, from!, to === CURRENT ? null : to),
    enabled: open && from != null,
    gcTime: 0,
  });
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['summary-versions', id] });
  const save = useMutation({
    mutationFn: async () => {
      await beforeSave();
      return saveSummaryVersion(id, note.trim() || null);
    },
    onSuccess: async (v) => {
      message.success(`已保存为第 ${v.number} 版`);
      setNote('');
      await refresh();
    },
    onError: (e) => message.error(e.message),
  });
  const restore = useMutation({
    mutationFn: async (number: number) => {
      await beforeSave();
      return restoreSummaryVersion(id, number);
    },
    onSuccess: async (v) => {
      message.success(`已恢复，恢复后的内容保存为第 ${v.number} 版`);
      await refresh();
      await onRestored();
    },
    onError: (e) => message.error(e.message),
  });

  const options = (versions.data ?? []).map((v) => ({ value: v.number, label: `第 ${v.number} 版` }));

  return (
    <Drawer title="版本" open={open} onClose={onClose} size={760} destroyOnHidden>
      {editable && (
        <Space.Compact style={{ width: '100%', marginBottom: 12 }}>
          <Input
            placeholder="版本说明，如：初稿、按科室意见修改"
            value={note}
            maxLength={200}
            onChange={(e) => setNote(e.target.value)}
            data-testid="version-note"
          />
          <Button type="primary" loading={save.isPending} onClick={() => save.mutate()} data-testid="version-save">
            保存版本
          </Button>
        </Space.Compact>
      )}
      <Table<SummaryVersionInfo>
        rowKey="number"
        size="small"
        pagination={false}
        loading={versions.isLoading}
        dataSource={[...(versions.data ?? [])].reverse()}
        scroll={{ y: 220 }}
        columns={[
          { title: '版本', dataIndex: 'number', width: 64, render: (n: number) => `第 ${n} 版` },
          { title: '类型', dataIndex: 'kind', width: 130, render: (k: SummaryVersionInfo['kind']) => summaryVersionKindLabels[k] },
          { title: '说明', dataIndex: 'note', ellipsis: true },
          { title: '字数', dataIndex: 'word_count', width: 64 },
          { title: '时间', dataIndex: 'created_at', width: 140, render: (t: string) => cstDateTime(t) },
          {
            title: '',
            width: 120,
            render: (_, v) => (
              <Space size={0}>
                <Button size="small" type="link" onClick={() => setFrom(v.number)} data-testid={`version-compare-${v.number}`}>
                  对比
                </Button>
                {editable && (
                  <Popconfirm
                    title={`恢复到第 ${v.number} 版？`}
                    description="当前正文会先保存为一个版本，不会丢失"
                    onConfirm={() => restore.mutate(v.number)}
                  >
                    <Button size="small" type="link" data-testid={`version-restore-${v.number}`}>
                      恢复
                    </Button>
                  </Popconfirm>
                )}
              </Space>
            ),
          },
        ]}
      />
      <Space style={{ margin: '16px 0 8px' }} wrap>
        <span>对比</span>
        <Select style={{ width: 110 }} value={from} onChange={setFrom} options={options} placeholder="旧版本" data-testid="diff-from" />
        <span>与</span>
        <Select
          style={{ width: 130 }}
          value={to}
          onChange={setTo}
          options={[{ value: CURRENT, label: '当前正文' }, ...options]}
          data-testid="diff-to"
        />
      </Space>
      {diff.isError && <Alert type="error" title={diff.error.message} />}
      {diff.data && <DiffView diff={diff.data} />}
    </Drawer>
  );
}

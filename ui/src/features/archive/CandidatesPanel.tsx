// 待归档: struck-off items and published summaries (and those nearly so) with what each lacks; the
// clerk picks several, a retention, and files them at once.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { archiveAdd, archiveCandidates, archiveChecklist } from '../../api/archive';
import { optionsOf, retentionLabels } from '../../api/labels';
import type { ArchiveCandidate } from '../../api/types/ArchiveCandidate';
import type { ArchiveRetention } from '../../api/types/ArchiveRetention';
import type { ArchiveTarget } from '../../api/types/ArchiveTarget';
import { editorPath } from '../summaries/reopen';
import type { LedgerLink } from '../workbench/ledgerLink';

const keyOf = (t: ArchiveTarget) => `${t.kind}-${t.id}`;

export function CandidatesPanel() {
  const { message, modal } = App.useApp();
  const client = useQueryClient();
  const candidates = useQuery({ queryKey: ['archive-candidates'], queryFn: archiveCandidates });
  const navigate = useNavigate();
  const openRecord = (t: ArchiveTarget) =>
    t.kind === 'item'
      ? navigate('/ledger', { state: { openId: t.id } satisfies LedgerLink })
      : navigate(editorPath(t.id, 0));
  const [selected, setSelected] = useState<ArchiveCandidate[]>([]);
  const [retention, setRetention] = useState<ArchiveRetention | undefined>(undefined);
  const add = useMutation({
    mutationFn: () => archiveAdd({ targets: selected.map((c) => c.target), retention }),
    onSuccess: async (files) => {
      message.success(`已归档 ${files.length} 件：${files.map((f) => f.archival_code).join('、')}`);
      setSelected([]);
      for (const key of ['archive-candidates', 'archive-files', 'archive-completeness', 'ledger', 'summaries']) {
        await client.invalidateQueries({ queryKey: [key] });
      }
    },
    onError: (e) => message.error(e.message),
  });
  const file = () => {
    const lacking = selected.filter((c) => c.lacks.length > 0);
    if (lacking.length === 0) return add.mutate();
    modal.confirm({
      title: `所选中有 ${lacking.length} 件材料不齐全`,
      content: lacking.map((c) => `${c.title}：${c.lacks.join('、')}`).join('；') + '。仍要归档吗？',
      okText: '仍然归档',
      cancelText: '先去补齐',
      onOk: () => add.mutate(),
    });
  };
  return (
    <>
      <Space style={{ marginBottom: 12 }} wrap>
        <Typography.Text>保管期限</Typography.Text>
        <Select
          allowClear
          placeholder="按设置的默认期限"
          style={{ width: 180 }}
          value={retention}
          onChange={setRetention}
          options={optionsOf(retentionLabels)}
          data-testid="archive-retention"
        />
        <Button type="primary" disabled={selected.length === 0} loading={add.isPending} onClick={file} data-testid="archive-add">
          归档所选（{selected.length}）
        </Button>
        <Typography.Text type="secondary">已销号的事项和已发布的总结可以归档；未销号、未发布的也列出，点题名去补齐。</Typography.Text>
      </Space>
      <Table<ArchiveCandidate>
        size="small"
        rowKey={(c) => keyOf(c.target)}
        loading={candidates.isLoading}
        dataSource={candidates.data ?? []}
        pagination={{ pageSize: 50, showSizeChanger: false }}
        rowSelection={{
          selectedRowKeys: selected.map((c) => keyOf(c.target)),
          onChange: (_, rows) => setSelected(rows),
          getCheckboxProps: (c) => ({ disabled: !c.ready }),
        }}
        expandable={{ expandedRowRender: (c) => <Checklist target={c.target} /> }}
        columns={[
          { title: '类型', width: 90, render: (_, c) => (c.target.kind === 'item' ? '交办事项' : '总结') },
          { title: '编号/类别', dataIndex: 'reference', width: 140 },
          {
            title: '题名',
            // The way to fix what it lacks: the item's drawer (销号 …) or the summary's editor (发布 …).
            render: (_, c) => (
              <Typography.Link onClick={() => openRecord(c.target)} data-testid={`archive-open-${keyOf(c.target)}`}>
                {c.title}
              </Typography.Link>
            ),
          },
          { title: '单位', dataIndex: 'unit_name', width: 150 },
          { title: '状态', dataIndex: 'state_label', width: 90 },
          { title: '办结/发布', dataIndex: 'finished', width: 110 },
          {
            title: '完整性',
            width: 220,
            render: (_, c) =>
              c.lacks.length === 0 ? (
                <Tag color="green">齐全</Tag>
              ) : (
                c.lacks.map((l) => (
                  <Tag color="red" key={l}>
                    {l}
                  </Tag>
                ))
              ),
          },
        ]}
      />
    </>
  );
}

/** 归档清单: what the candidate's 件 holds, in the order it is bound, with the pages of each part. */
function Checklist({ target }: { target: ArchiveTarget }) {
  const parts = useQuery({ queryKey: ['archive-checklist', target], queryFn: () => archiveChecklist(target) });
  if (parts.isError) return <Typography.Text type="danger">{parts.error.message}</Typography.Text>;
  if (!parts.data) return <Typography.Text type="secondary">正在生成归档清单……</Typography.Text>;
  return (
    <Space wrap data-testid={`archive-checklist-${keyOf(target)}`}>
      <Typography.Text strong>归档清单：</Typography.Text>
      {parts.data.map((p, i) => (
        <Tag key={p.name}>
          {i + 1}. {p.name}（{p.pages} 页）
        </Tag>
      ))}
    </Space>
  );
}

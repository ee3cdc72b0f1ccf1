// 模板: the templates with their sections and guidance; 复制, 停用/启用, 导出 and 导入 (a template
// file from another office). Templates are data: a summary copies its template's sections.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Drawer, Space, Switch, Table, Tag, Typography } from 'antd';
import { useRef, useState } from 'react';
import { copySummaryTemplate, exportSummaryTemplateAs, importSummaryTemplate, listSummaryTemplates, setSummaryTemplateActive, summaryTemplate } from '../../api/summary';
import { sectionRoleLabels, summaryFieldLabels, summaryKindLabels } from '../../api/labels';
import type { TemplateInfo } from '../../api/types/TemplateInfo';

export function TemplatesDrawer({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [shown, setShown] = useState<number | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const list = useQuery({
    queryKey: ['summary-templates', true],
    queryFn: () => listSummaryTemplates(true),
    enabled: open,
  });
  const detail = useQuery({
    queryKey: ['summary-template', shown],
    queryFn: () => summaryTemplate(shown!),
    enabled: shown != null,
  });
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['summary-templates'] });
  const act = useMutation({
    mutationFn: async (f: () => Promise<unknown>) => f(),
    onSuccess: async () => {
      await refresh();
    },
    onError: (e) => message.error(e.message),
  });

  return (
    <Drawer title="总结模板" open={open} onClose={onClose} size={900} destroyOnHidden>
      <input
        ref={fileInput}
        type="file"
        accept=".json,application/json"
        style={{ display: 'none' }}
        onChange={(e) => {
          const file = e.target.files?.[0];
          e.target.value = '';
          if (file)
            act.mutate(async () => {
              const t = await importSummaryTemplate(await file.text());
              message.success(`已导入模板“${t.name}”`);
            });
        }}
      />
      <Space style={{ marginBottom: 12 }}>
        <Button onClick={() => fileInput.current?.click()}>导入模板</Button>
        <Typography.Text type="secondary">新建总结时复制模板的章节和撰写说明；修改模板不影响已有总结。</Typography.Text>
      </Space>
      <Table<TemplateInfo>
        rowKey="id"
        size="small"
        loading={list.isLoading}
        dataSource={list.data ?? []}
        pagination={false}
        expandable={{
          expandedRowKeys: shown == null ? [] : [shown],
          onExpand: (expanded, row) => setShown(expanded ? row.id : null),
          expandedRowRender: () =>
            detail.data ? (
              <ol style={{ margin: 0, paddingLeft: 20 }}>
                {detail.data.sections.map((s, i) => (
                  <li key={i} style={{ marginBottom: 6 }}>
                    <b>{s.heading}</b> <Tag>{sectionRoleLabels[s.role]}</Tag>
                    <div style={{ color: '#666', fontSize: 12 }}>{s.guidance}</div>
                  </li>
                ))}
              </ol>
            ) : (
              '……'
            ),
        }}
        columns={[
          {
            title: '名称',
            dataIndex: 'name',
            render: (n: string, row) => (
              <>
                {n} {row.builtin && <Tag>内置</Tag>}
              </>
            ),
          },
          { title: '类型', dataIndex: 'kind', width: 120, render: (k: TemplateInfo['kind']) => summaryKindLabels[k] },
          { title: '领域', dataIndex: 'field', width: 100, render: (f: TemplateInfo['field']) => summaryFieldLabels[f] },
          { title: '章数', dataIndex: 'section_count', width: 56 },
          { title: '已用', dataIndex: 'summary_count', width: 56 },
          {
            title: '启用',
            dataIndex: 'active',
            width: 64,
            render: (a: boolean, row) => (
              <Switch size="small" checked={a} onChange={(v) => act.mutate(() => setSummaryTemplateActive(row.id, v))} />
            ),
          },
          {
            title: '操作',
            width: 120,
            render: (_, row) => (
              <Space size={4}>
                <Button
                  size="small"
                  type="link"
                  onClick={() =>
                    act.mutate(async () => {
                      const t = await copySummaryTemplate(row.id, null);
                      message.success(`已复制为“${t.name}”`);
                    })
                  }
                >
                  复制
                </Button>
                <Button
                  size="small"
                  type="link"
                  onClick={() =>
                    act.mutate(async () => {
                      const path = await exportSummaryTemplateAs(row.id, row.name);
                      if (path) message.success(`已导出：${path}`);
                    })
                  }
                >
                  导出
                </Button>
              </Space>
            ),
          },
        ]}
      />
    </Drawer>
  );
}

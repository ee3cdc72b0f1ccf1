// 总结 list: title, kind, period, unit, drafter, state, updated; 新建总结 from a template; 导入 a
// summary file from another PC.
import { ImportOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Input, Select, Space, Table, Tag, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { optionsOf, summaryKindLabels, summaryStateColors, summaryStateLabels } from '../../api/labels';
import { clearSummaryLastOpen, importSummaryJson, listSummaries } from '../../api/summary';
import type { Summary } from '../../api/types/Summary';
import type { SummaryState } from '../../api/types/SummaryState';
import { cstDateTime } from '../../components/cst';
import { NewSummaryModal } from './NewSummaryModal';
import { editorPath } from './reopen';
import { TemplatesDrawer } from './TemplatesDrawer';

export function SummaryListPage() {
  const navigate = useNavigate();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [states, setStates] = useState<SummaryState[]>([]);
  const [text, setText] = useState('');
  const [creating, setCreating] = useState(false);
  const [templatesOpen, setTemplatesOpen] = useState(false);
  const fileInput = useRef<HTMLInputElement>(null);
  const list = useQuery({
    queryKey: ['summaries', states, text],
    queryFn: () => listSummaries({ states, kinds: [], text: text.trim() || undefined }),
  });

  // Back at the list: the next start opens the list, not the draft left here.
  useEffect(() => {
    void clearSummaryLastOpen().catch(() => undefined);
  }, []);

  const open = (id: number) => navigate(editorPath(id, 0));

  const importFile = async (file: File) => {
    try {
      const id = await importSummaryJson(await file.text());
      message.success('已导入，已新建为撰写中的总结');
      await queryClient.invalidateQueries({ queryKey: ['summaries'] });
      open(id);
    } catch (e) {
      message.error(e instanceof Error ? e.message : String(e));
    }
  };

  return (
    <Card
      title="总结"
      extra={
        <Space>
          <Button onClick={() => setTemplatesOpen(true)} data-testid="summary-templates">
            模板
          </Button>
          <Button icon={<ImportOutlined />} onClick={() => fileInput.current?.click()} data-testid="summary-import">
            导入
          </Button>
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="summary-new">
            新建总结
          </Button>
        </Space>
      }
      styles={{ body: { display: 'flex', flexDirection: 'column', gap: 12 } }}
    >
      <input
        ref={fileInput}
        type="file"
        accept=".json,application/json"
        style={{ display: 'none' }}
        onChange={(e) => {
          const file = e.target.files?.[0];
          e.target.value = '';
          if (file) void importFile(file);
        }}
      />
      <Space wrap>
        <Input.Search
          allowClear
          placeholder="标题包含"
          style={{ width: 260 }}
          onSearch={setText}
          data-testid="summary-search"
        />
        <Select
          mode="multiple"
          allowClear
          placeholder="状态"
          style={{ minWidth: 220 }}
          options={optionsOf(summaryStateLabels)}
          value={states}
          onChange={setStates}
        />
      </Space>
      <Table<Summary>
        rowKey="id"
        size="middle"
        loading={list.isLoading}
        dataSource={list.data ?? []}
        pagination={{ pageSize: 12, showSizeChanger: false, showTotal: (n) => `共 ${n} 篇` }}
        onRow={(row) => ({ onClick: () => open(row.id), style: { cursor: 'pointer' }, 'data-testid': `summary-row-${row.id}` }) as React.HTMLAttributes<HTMLElement>}
        locale={{ emptyText: list.isError ? list.error.message : '还没有总结，点“新建总结”从模板开始' }}
        columns={[
          {
            title: '标题',
            dataIndex: 'title',
            ellipsis: true,
            render: (t: string, row) => (
              <Typography.Link data-testid={`summary-open-${row.id}`}>{t}</Typography.Link>
            ),
          },
          { title: '类型', dataIndex: 'kind', width: 130, render: (k: Summary['kind']) => summaryKindLabels[k] },
          {
            title: '总结期间',
            width: 190,
            render: (_, row) => `${row.period_from} 至 ${row.period_to}`,
          },
          { title: '撰写单位', width: 150, ellipsis: true, render: (_, row) => row.unit.name },
          { title: '撰写人', width: 90, render: (_, row) => row.drafter.name },
          {
            title: '状态',
            dataIndex: 'state',
            width: 100,
            render: (s: SummaryState) => <Tag color={summaryStateColors[s]}>{summaryStateLabels[s]}</Tag>,
          },
          { title: '更新时间', dataIndex: 'updated_at', width: 150, render: (t: string) => cstDateTime(t) },
        ]}
      />
      {creating && (
        <NewSummaryModal
          onClose={() => setCreating(false)}
          onCreated={(id) => {
            setCreating(false);
            open(id);
          }}
        />
      )}
      <TemplatesDrawer open={templatesOpen} onClose={() => setTemplatesOpen(false)} />
    </Card>
  );
}

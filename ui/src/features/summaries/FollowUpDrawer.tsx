// 成果应用 of an approved summary: the problems its checks found (with the cause and the measure
// matched to each), its experience and its plans; several of one kind become items at once
// (问题整改, 经验推广, 计划落地) in one dialog; the items made, with their lights, and the figures
// the next summary reports.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, DatePicker, Drawer, Form, Modal, Select, Space, Statistic, Table, Tabs, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { categoryLabels, followUpKindLabels, lightColors, lightLabels, optionsOf, stateLabels } from '../../api/labels';
import { makeFollowUpItems, summaryFollowUp } from '../../api/summary';
import type { FollowUpEntry } from '../../api/types/FollowUpEntry';
import type { FollowUpItem } from '../../api/types/FollowUpItem';
import type { FollowUpKind } from '../../api/types/FollowUpKind';
import { cstDateTime } from '../../components/cst';
import { personOptions, unitOptions, useDirectory } from '../../components/directory';
import type { LedgerLink } from '../workbench/ledgerLink';

const KINDS: { kind: FollowUpKind; list: 'problems' | 'experience' | 'plans'; noun: string }[] = [
  { kind: 'rectify', list: 'problems', noun: '存在问题' },
  { kind: 'experience', list: 'experience', noun: '经验做法' },
  { kind: 'plan', list: 'plans', noun: '下一步计划' },
];

const rate = (v: number | undefined) => (v == null ? '—' : `${v}%`);

export function FollowUpDrawer({ id, open, onClose }: { id: number; open: boolean; onClose: () => void }) {
  const followUp = useQuery({ queryKey: ['summary-follow-up', id], queryFn: () => summaryFollowUp(id), enabled: open });
  const navigate = useNavigate();
  const [kind, setKind] = useState<FollowUpKind>('rectify');
  const [chosen, setChosen] = useState<number[]>([]);
  const [dialog, setDialog] = useState(false);
  const data = followUp.data;
  const openItem = (itemId: number) => navigate('/ledger', { state: { openId: itemId } satisfies LedgerLink });
  const itemOf = (e: FollowUpEntry) => data?.items.find((i) => i.id === e.item_id);

  const entryTable = (list: FollowUpEntry[], withCause: boolean) => (
    <Table<FollowUpEntry>
      size="small"
      rowKey="n"
      dataSource={list}
      pagination={false}
      rowSelection={
        data?.blocked
          ? undefined
          : {
              selectedRowKeys: chosen,
              onChange: (keys) => setChosen(keys as number[]),
              getCheckboxProps: (e) => ({ disabled: e.item_id != null, 'data-testid': `follow-up-pick-${e.kind}-${e.n}` }) as never,
            }
      }
      columns={[
        { title: '序号', dataIndex: 'n', width: 56 },
        { title: '内容', dataIndex: 'text', render: (t: string) => <span style={{ whiteSpace: 'pre-wrap' }}>{t}</span> },
        ...(withCause
          ? [
              { title: '原因', dataIndex: 'cause', width: 200, render: (t?: string) => t ?? <Typography.Text type="warning">未找到</Typography.Text> },
              { title: '措施', dataIndex: 'measure', width: 200, render: (t?: string) => t ?? <Typography.Text type="warning">未找到</Typography.Text> },
            ]
          : []),
        {
          title: '事项',
          width: 150,
          render: (_: unknown, e: FollowUpEntry) => {
            const item = itemOf(e);
            if (!item) return <Typography.Text type="secondary">未转</Typography.Text>;
            return (
              <Space direction="vertical" size={0}>
                <Typography.Link onClick={() => openItem(item.id)} data-testid={`follow-up-entry-item-${e.kind}-${e.n}`}>
                  {item.number}
                </Typography.Link>
                <Tag color={lightColors[item.light]}>{lightLabels[item.light]}</Tag>
              </Space>
            );
          },
        },
      ]}
    />
  );

  const current = KINDS.find((k) => k.kind === kind)!;
  return (
    <Drawer title="成果应用" width={980} open={open} onClose={onClose} destroyOnHidden data-testid="follow-up-drawer">
      {data && (
        <Space direction="vertical" size={12} style={{ width: '100%' }}>
          {data.blocked && <Alert type="info" showIcon title={data.blocked} />}
          <Space size={32} wrap data-testid="follow-up-rates">
            <Statistic title="查找问题" value={data.problems_found} suffix="个" />
            <Statistic title="已转整改事项" value={data.rates.rectify_made} suffix="项" />
            <Statistic title="已整改" value={data.rates.rectify_done} suffix="项" />
            <Statistic title="整改完成率" value={rate(data.rates.completion_rate)} />
            <Statistic title="按期整改率" value={rate(data.rates.on_time_rate)} />
            <Statistic title="计划落地率" value={rate(data.rates.plan_rate)} />
            <Statistic title="经验推广" value={data.rates.experience_made} suffix="项" />
          </Space>
          <Typography.Text type="secondary" data-testid="follow-up-text">
            {data.text}。下一篇同单位总结“插入台账数据”时写入这句，可再修改。
          </Typography.Text>
          <Tabs
            activeKey={kind}
            onChange={(k) => {
              setKind(k as FollowUpKind);
              setChosen([]);
            }}
            items={KINDS.map((k) => ({
              key: k.kind,
              label: <span data-testid={`follow-up-tab-${k.kind}`}>{`${k.noun}（${data[k.list].length}）`}</span>,
              children: entryTable(data[k.list], k.kind === 'rectify'),
            }))}
          />
          {!data.blocked && (
            <Button type="primary" disabled={chosen.length === 0} onClick={() => setDialog(true)} data-testid="follow-up-make">
              所选转为{followUpKindLabels[kind]}事项（{chosen.length}）
            </Button>
          )}
          <Typography.Title level={5} style={{ margin: 0 }}>
            已转事项
          </Typography.Title>
          <Table<FollowUpItem>
            size="small"
            rowKey="id"
            dataSource={data.items}
            pagination={false}
            data-testid="follow-up-items"
            columns={[
              {
                title: '编号',
                dataIndex: 'number',
                width: 150,
                render: (t: string, i) => (
                  <Typography.Link onClick={() => openItem(i.id)} data-testid={`follow-up-item-${i.id}`}>
                    {t}
                  </Typography.Link>
                ),
              },
              { title: '类型', dataIndex: 'kind', width: 90, render: (k: FollowUpKind) => followUpKindLabels[k] },
              { title: '标题', dataIndex: 'title' },
              { title: '牵头单位', width: 130, render: (_, i) => i.lead_unit.name },
              { title: '办理时限', width: 150, render: (_, i) => cstDateTime(i.deadline) },
              { title: '状态', width: 80, render: (_, i) => stateLabels[i.state] },
              {
                title: '灯色',
                width: 90,
                render: (_, i) => <Tag color={lightColors[i.light]}>{lightLabels[i.light]}</Tag>,
              },
            ]}
          />
        </Space>
      )}
      {dialog && data && (
        <MakeItemsModal
          id={id}
          kind={kind}
          entries={data[current.list].filter((e) => chosen.includes(e.n))}
          onClose={() => setDialog(false)}
          onMade={() => {
            setDialog(false);
            setChosen([]);
          }}
        />
      )}
    </Drawer>
  );
}

type Values = { lead_unit_id: number; responsible_id: number; category: string; deadline?: Dayjs };

/** One dialog for all the chosen entries: lead unit, responsible person, category (whose limit
 * gives the deadline) or an explicit deadline. */
function MakeItemsModal({
  id,
  kind,
  entries,
  onClose,
  onMade,
}: {
  id: number;
  kind: FollowUpKind;
  entries: FollowUpEntry[];
  onClose: () => void;
  onMade: () => void;
}) {
  const [form] = Form.useForm<Values>();
  const { message } = App.useApp();
  const client = useQueryClient();
  const { units, persons } = useDirectory();
  const unit = Form.useWatch('lead_unit_id', form);
  const make = useMutation({
    mutationFn: (v: Values) =>
      makeFollowUpItems(id, {
        kind,
        numbers: entries.map((e) => e.n),
        lead_unit_id: v.lead_unit_id,
        responsible_id: v.responsible_id,
        category: v.category,
        deadline: v.deadline?.format('YYYY-MM-DD'),
      }),
    onSuccess: async (ids) => {
      message.success(`已登记 ${ids.length} 项${followUpKindLabels[kind]}事项，可在交办事项台账中交办`);
      for (const key of ['summary-follow-up', 'ledger', 'workbench']) await client.invalidateQueries({ queryKey: [key] });
      onMade();
    },
    onError: (e) => message.error(e.message),
  });
  return (
    <Modal
      open
      title={`转为${followUpKindLabels[kind]}事项（${entries.length} 项）`}
      okText="登记"
      cancelText="取消"
      confirmLoading={make.isPending}
      onCancel={onClose}
      onOk={() => form.submit()}
      okButtonProps={{ 'data-testid': 'follow-up-confirm' } as never}
      width={560}
    >
      <ol style={{ paddingLeft: 20, maxHeight: 160, overflow: 'auto' }}>
        {entries.map((e) => (
          <li key={e.n}>{e.text}</li>
        ))}
      </ol>
      <Form<Values> form={form} layout="vertical" initialValues={{ category: 'complex' }} onFinish={(v) => make.mutate(v)}>
        <Form.Item name="lead_unit_id" label="牵头单位" rules={[{ required: true, message: '请选择牵头单位' }]}>
          <Select showSearch optionFilterProp="label" options={unitOptions(units)} data-testid="follow-up-unit" />
        </Form.Item>
        <Form.Item name="responsible_id" label="第一责任人" rules={[{ required: true, message: '请选择第一责任人' }]}>
          <Select showSearch optionFilterProp="label" options={personOptions(persons, unit)} data-testid="follow-up-person" />
        </Form.Item>
        <Form.Item name="category" label="类别（按类别时限计算办理时限）">
          <Select options={optionsOf(categoryLabels)} data-testid="follow-up-category" />
        </Form.Item>
        <Form.Item name="deadline" label="办理时限（不填则按类别时限）">
          <DatePicker style={{ width: '100%' }} data-testid="follow-up-deadline" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

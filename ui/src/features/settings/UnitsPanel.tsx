import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Input, Popconfirm, Space, Switch, Table, Tag } from 'antd';
import { useState } from 'react';
import { deleteUnit, listUnits, setUnitActive } from '../../api/org';
import { unitKindLabels } from '../../api/labels';
import type { Unit } from '../../api/types/Unit';
import { UnitFormModal } from './UnitFormModal';

export function UnitsPanel() {
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [search, setSearch] = useState('');
  const [includeInactive, setIncludeInactive] = useState(false);
  const [editing, setEditing] = useState<Unit | 'new' | null>(null);
  const units = useQuery({
    queryKey: ['units', { search, includeInactive }],
    queryFn: () => listUnits({ search: search || undefined, include_inactive: includeInactive }),
  });
  const refresh = () => queryClient.invalidateQueries();
  const toggle = useMutation({
    mutationFn: (u: Unit) => setUnitActive(u.id, !u.active),
    onSuccess: (u) => {
      message.success(u.active ? `已启用“${u.name}”` : `已停用“${u.name}”`);
      return refresh();
    },
    onError: (e) => message.error(e.message),
  });
  const remove = useMutation({
    mutationFn: (u: Unit) => deleteUnit(u.id),
    onSuccess: () => {
      message.success('已删除');
      return refresh();
    },
    onError: (e) => message.error(e.message),
  });

  return (
    <>
      <Space style={{ marginBottom: 16 }} wrap>
        <Input.Search
          placeholder="按全称或简称查找"
          allowClear
          onSearch={setSearch}
          style={{ width: 260 }}
          data-testid="unit-search"
        />
        <Space>
          <Switch checked={includeInactive} onChange={setIncludeInactive} size="small" />
          显示已停用
        </Space>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="unit-add">
          添加单位
        </Button>
      </Space>
      <Table<Unit>
        rowKey="id"
        size="middle"
        loading={units.isPending}
        dataSource={units.data}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        data-testid="unit-table"
        columns={[
          { title: '排序', dataIndex: 'sort_order', width: 80 },
          { title: '全称', dataIndex: 'name' },
          { title: '简称', dataIndex: 'short_name', render: (v: string | null) => v ?? '—' },
          { title: '类型', dataIndex: 'kind', width: 110, render: (k: Unit['kind']) => unitKindLabels[k] },
          { title: '人员', dataIndex: 'person_count', width: 80 },
          {
            title: '状态',
            dataIndex: 'active',
            width: 90,
            render: (active: boolean) => (active ? <Tag color="green">启用</Tag> : <Tag>停用</Tag>),
          },
          {
            title: '操作',
            width: 200,
            render: (_, unit) => (
              <Space>
                <Button type="link" size="small" onClick={() => setEditing(unit)}>
                  编辑
                </Button>
                <Button type="link" size="small" onClick={() => toggle.mutate(unit)}>
                  {unit.active ? '停用' : '启用'}
                </Button>
                <Popconfirm
                  title="删除这个单位？"
                  description="只有没有任何人员和记录引用的单位才能删除。"
                  onConfirm={() => remove.mutate(unit)}
                >
                  <Button type="link" size="small" danger>
                    删除
                  </Button>
                </Popconfirm>
              </Space>
            ),
          },
        ]}
      />
      {editing && <UnitFormModal unit={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />}
    </>
  );
}

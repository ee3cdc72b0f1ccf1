import { PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Input, Space, Switch, Table } from 'antd';
import { useState } from 'react';
import { deleteUnit, listUnits, setUnitActive } from '../../api/org';
import { unitKindLabels } from '../../api/labels';
import type { Unit } from '../../api/types/Unit';
import { activeColumn, DirectoryRowActions } from './DirectoryRowActions';
import { UnitFormModal } from './UnitFormModal';

export function UnitsPanel() {
  const [search, setSearch] = useState('');
  const [includeInactive, setIncludeInactive] = useState(false);
  const [editing, setEditing] = useState<Unit | 'new' | null>(null);
  const units = useQuery({
    queryKey: ['units', { search, includeInactive }],
    queryFn: () => listUnits({ search: search || undefined, include_inactive: includeInactive }),
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
          activeColumn,
          {
            title: '操作',
            width: 200,
            render: (_, unit) => (
              <DirectoryRowActions
                record={unit}
                onEdit={setEditing}
                setActive={setUnitActive}
                remove={deleteUnit}
                deleteTitle="删除这个单位？"
                deleteHint="只有没有任何人员和记录引用的单位才能删除。"
              />
            ),
          },
        ]}
      />
      {editing && <UnitFormModal unit={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />}
    </>
  );
}

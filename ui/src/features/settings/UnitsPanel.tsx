import { PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Input, Space, Switch, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { deleteUnit, listPersons, listUnits, setUnitActive } from '../../api/org';
import { roleLabels, unitKindLabels } from '../../api/labels';
import type { Unit } from '../../api/types/Unit';
import { activeColumn, DirectoryRowActions } from './DirectoryRowActions';
import { PersonFormModal } from './PersonFormModal';
import { UnitFormModal } from './UnitFormModal';

/** A unit's people under its row: the directory as units with their people, added in place. */
function UnitPeople({ unit, units }: { unit: Unit; units: Unit[] }) {
  const [adding, setAdding] = useState(false);
  const persons = useQuery({
    queryKey: ['persons', { unitId: unit.id }],
    queryFn: () => listPersons({ unit_id: unit.id, include_inactive: false }),
  });
  return (
    <div data-testid={`unit-people-${unit.id}`} style={{ paddingLeft: 24 }}>
      {persons.data?.length ? (
        <Space wrap size={[16, 4]} style={{ marginBottom: 8 }}>
          {persons.data.map((p) => (
            <span key={p.id}>
              <Typography.Text strong>{p.name}</Typography.Text>
              {p.title && <Typography.Text type="secondary">（{p.title}）</Typography.Text>}
              {p.roles.map((r) => (
                <Tag key={r} style={{ marginLeft: 4 }}>
                  {roleLabels[r]}
                </Tag>
              ))}
            </span>
          ))}
        </Space>
      ) : (
        <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
          还没有人员：登记事项时，第一责任人要从这里选。
        </Typography.Paragraph>
      )}
      <div>
        <Button size="small" icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid={`unit-person-add-${unit.id}`}>
          在本单位添加人员
        </Button>
      </div>
      {adding && <PersonFormModal person={null} units={units} unitId={unit.id} onClose={() => setAdding(false)} />}
    </div>
  );
}

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
        expandable={{
          expandedRowRender: (unit) => <UnitPeople unit={unit} units={(units.data ?? []).filter((u) => u.active)} />,
          rowExpandable: (unit) => unit.active,
        }}
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

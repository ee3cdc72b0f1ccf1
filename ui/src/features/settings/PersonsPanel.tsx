import { ImportOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Input, Select, Space, Switch, Table, Tag } from 'antd';
import { useState } from 'react';
import { roleLabels } from '../../api/labels';
import { deletePerson, listPersons, listUnits, setPersonActive } from '../../api/org';
import type { Person } from '../../api/types/Person';
import { ContactsImportModal } from './ContactsImportModal';
import { activeColumn, DirectoryRowActions } from './DirectoryRowActions';
import { PersonFormModal } from './PersonFormModal';

export function PersonsPanel() {
  const [search, setSearch] = useState('');
  const [unitId, setUnitId] = useState<number | undefined>();
  const [includeInactive, setIncludeInactive] = useState(false);
  const [editing, setEditing] = useState<Person | 'new' | null>(null);
  const [importing, setImporting] = useState(false);
  const units = useQuery({ queryKey: ['units', 'active'], queryFn: () => listUnits({ include_inactive: false }) });
  const persons = useQuery({
    queryKey: ['persons', { search, unitId, includeInactive }],
    queryFn: () => listPersons({ search: search || undefined, unit_id: unitId, include_inactive: includeInactive }),
  });
  return (
    <>
      <Space style={{ marginBottom: 16 }} wrap>
        <Input.Search
          placeholder="按姓名、职务、电话或单位查找"
          allowClear
          onSearch={setSearch}
          style={{ width: 280 }}
          data-testid="person-search"
        />
        <Select
          placeholder="全部单位"
          allowClear
          style={{ width: 200 }}
          value={unitId}
          onChange={setUnitId}
          options={(units.data ?? []).map((u) => ({ value: u.id, label: u.name }))}
        />
        <Space>
          <Switch checked={includeInactive} onChange={setIncludeInactive} size="small" />
          显示已停用
        </Space>
        <Button
          type="primary"
          icon={<PlusOutlined />}
          onClick={() => setEditing('new')}
          disabled={!units.data?.length}
          data-testid="person-add"
        >
          添加人员
        </Button>
        <Button icon={<ImportOutlined />} onClick={() => setImporting(true)} data-testid="contacts-import">
          导入通讯录
        </Button>
      </Space>
      {importing && <ContactsImportModal onClose={() => setImporting(false)} />}
      <Table<Person>
        rowKey="id"
        size="middle"
        loading={persons.isPending}
        dataSource={persons.data}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        data-testid="person-table"
        columns={[
          { title: '姓名', dataIndex: 'name', width: 120 },
          { title: '所属单位', dataIndex: 'unit_name' },
          { title: '职务', dataIndex: 'title', render: (v: string | null) => v ?? '—' },
          { title: '办公电话/手机', dataIndex: 'phone', render: (v: string | null) => v ?? '—' },
          {
            title: '角色',
            dataIndex: 'roles',
            render: (roles: Person['roles']) => roles.map((r) => <Tag key={r}>{roleLabels[r]}</Tag>),
          },
          activeColumn,
          {
            title: '操作',
            width: 200,
            render: (_, person) => (
              <DirectoryRowActions
                record={person}
                onEdit={setEditing}
                setActive={setPersonActive}
                remove={deletePerson}
                deleteTitle="删除这个人员？"
                deleteHint="已被记录引用的人员不能删除，只能停用。"
              />
            ),
          },
        ]}
      />
      {editing && (
        <PersonFormModal
          person={editing === 'new' ? null : editing}
          units={units.data ?? []}
          onClose={() => setEditing(null)}
        />
      )}
    </>
  );
}

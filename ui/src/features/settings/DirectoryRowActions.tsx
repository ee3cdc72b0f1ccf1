import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Popconfirm, Space, Tag } from 'antd';

/** What units and people have in common: a name and an active flag. */
export interface DirectoryRecord {
  id: number;
  name: string;
  active: boolean;
}

/** The 状态 (启用/停用) column of the tables of 设置 → 单位 and 人员. */
export const activeColumn = {
  title: '状态',
  dataIndex: 'active',
  width: 90,
  render: (active: boolean) => (active ? <Tag color="green">启用</Tag> : <Tag>停用</Tag>),
};

/**
 * The 编辑 / 停用 (启用) / 删除 buttons of a directory row. Deleting is offered for every record; the
 * backend refuses it for records something refers to and the message says to deactivate instead.
 */
export function DirectoryRowActions<T extends DirectoryRecord>({
  record,
  onEdit,
  setActive,
  remove,
  deleteTitle,
  deleteHint,
}: {
  record: T;
  onEdit: (record: T) => void;
  setActive: (id: number, active: boolean) => Promise<T>;
  remove: (id: number) => Promise<void>;
  deleteTitle: string;
  deleteHint: string;
}) {
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const toggle = useMutation({
    mutationFn: () => setActive(record.id, !record.active),
    onSuccess: (saved) => {
      message.success(saved.active ? `已启用“${saved.name}”` : `已停用“${saved.name}”`);
      return queryClient.invalidateQueries();
    },
    onError: (e) => message.error(e.message),
  });
  const removal = useMutation({
    mutationFn: () => remove(record.id),
    onSuccess: () => {
      message.success(`已删除“${record.name}”`);
      return queryClient.invalidateQueries();
    },
    onError: (e) => message.error(e.message),
  });

  return (
    <Space>
      <Button type="link" size="small" onClick={() => onEdit(record)}>
        编辑
      </Button>
      <Button type="link" size="small" onClick={() => toggle.mutate()} loading={toggle.isPending}>
        {record.active ? '停用' : '启用'}
      </Button>
      <Popconfirm title={deleteTitle} description={deleteHint} onConfirm={() => removal.mutate()}>
        <Button type="link" size="small" danger>
          删除
        </Button>
      </Popconfirm>
    </Space>
  );
}

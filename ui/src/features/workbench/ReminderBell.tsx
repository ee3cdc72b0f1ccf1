// The bell: what needs attention now (the kinds of 设置 → 提醒), refreshed each time the app's
// reminder loop looks. Each entry opens its item in the ledger; 催办 is one click further, in its
// drawer, with the form prefilled.
import { BellOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Badge, Button, Empty, List, Popover, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { lightColors, remindKindLabels } from '../../api/labels';
import type { Reminder } from '../../api/types/Reminder';
import { bellReminders, onReminders } from '../../api/workbench';
import { cleanupOf } from '../../components/subscription';
import type { LedgerLink } from './ledgerLink';

export function ReminderBell() {
  const navigate = useNavigate();
  const client = useQueryClient();
  const [open, setOpen] = useState(false);
  const reminders = useQuery({ queryKey: ['reminders'], queryFn: bellReminders });
  useEffect(
    () =>
      cleanupOf(
        onReminders((list) => {
          client.setQueryData(['reminders'], list);
          // The lists of 工作台 are the same facts: let them follow.
          void client.invalidateQueries({ queryKey: ['workbench'] });
        }),
      ),
    [client],
  );
  const list = reminders.data ?? [];

  const openItem = (r: Reminder) => {
    setOpen(false);
    navigate('/ledger', {
      state: {
        pick: { what: 'list', kind: r.kind },
        label: kindLabel(r),
        openId: r.id,
      } satisfies LedgerLink,
    });
  };

  const content = (
    <div style={{ width: 420, maxHeight: 480, overflowY: 'auto' }} data-testid="bell-list">
      {list.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无需要关注的事项" />
      ) : (
        <List<Reminder>
          size="small"
          dataSource={list}
          renderItem={(r) => (
            <List.Item
              style={{ cursor: 'pointer' }}
              onClick={() => openItem(r)}
              data-testid={`bell-item-${r.id}-${r.kind}`}
            >
              <div style={{ minWidth: 0, width: '100%' }}>
                <div>
                  <Tag color={lightColors[r.light]}>{kindLabel(r)}</Tag>
                  <Typography.Text strong>{r.number}</Typography.Text> {r.title}
                </div>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {r.lead_unit.name}：{r.reason}
                </Typography.Text>
              </div>
            </List.Item>
          )}
        />
      )}
    </div>
  );

  return (
    <Popover content={content} title="提醒" trigger="click" open={open} onOpenChange={setOpen} placement="bottomRight">
      <Button type="text" data-testid="bell" data-count={list.length} aria-label="提醒">
        <Badge count={list.length} size="small" overflowCount={99}>
          <BellOutlined style={{ fontSize: 18 }} />
        </Badge>
      </Button>
    </Popover>
  );
}

function kindLabel(r: Reminder) {
  return remindKindLabels[r.kind];
}

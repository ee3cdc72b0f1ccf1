// The detail of one item: the actions its state offers, every field, the sub-items with their
// roll-up, the event timeline, and its paper (督办通知单, a 催办单 per reminder).
import { ApartmentOutlined, PrinterOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Descriptions,
  Drawer,
  Empty,
  Progress,
  Space,
  Spin,
  Table,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { assignmentDetail } from '../../api/assignment';
import {
  categoryLabels,
  classificationLabels,
  feedbackCycleLabels,
  followUpKindLabels,
  sourceLabels,
  stateLabels,
  urgencyLabels,
} from '../../api/labels';
import type { Action } from '../../api/types/Action';
import type { AvailableAction } from '../../api/types/AvailableAction';
import type { Event } from '../../api/types/Event';
import type { EventKind } from '../../api/types/EventKind';
import type { State } from '../../api/types/State';

type AssignmentEvent = Event<EventKind, State>;
import { cstDateTime } from '../../components/cst';
import { ActionModal } from './ActionModal';
import { LightBadge } from './LedgerTable';
import { type Paper, NoticeModal } from './NoticeModal';
import { RegisterModal } from './RegisterModal';
import { editorPath } from '../summaries/reopen';

export function AssignmentDrawer({
  id,
  onClose,
  onOpen,
}: {
  /** The item shown; null while the drawer is closed (it stays mounted so that it slides out). */
  id: number | null;
  onClose: () => void;
  onOpen: (id: number) => void;
}) {
  const detail = useQuery({
    queryKey: ['assignment', id],
    queryFn: () => assignmentDetail(id!),
    enabled: id != null,
  });
  const navigate = useNavigate();
  const [acting, setActing] = useState<AvailableAction<Action> | null>(null);
  const [paper, setPaper] = useState<Paper | null>(null);
  const [splitting, setSplitting] = useState(false);
  const d = id == null ? undefined : detail.data;
  const item = d?.item;

  return (
    <Drawer
      open={id != null}
      destroyOnHidden
      size={800}
      onClose={onClose}
      title={item ? `${item.number}\u3000${item.title}` : '交办事项'}
      data-testid="assignment-drawer"
      extra={
        item && (
          <Space>
            <LightBadge row={{ light: item.light, overdue: false }} />
            <Tag data-testid="detail-state">{stateLabels[item.state]}</Tag>
          </Space>
        )
      }
    >
      {detail.isLoading && <Spin />}
      {detail.isError && <Alert type="error" showIcon title={detail.error.message} />}
      {d && item && (
        <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
          <Space wrap>
            {d.available_actions.map((a) => (
              <Button
                key={a.action}
                type={a.primary ? 'primary' : 'default'}
                danger={a.danger}
                onClick={() => setActing(a)}
                data-testid={`action-${a.action}`}
              >
                {a.label}
              </Button>
            ))}
            {d.can_split && (
              <Button icon={<ApartmentOutlined />} onClick={() => setSplitting(true)} data-testid="split-open">
                分解
              </Button>
            )}
            <Button icon={<PrinterOutlined />} onClick={() => setPaper({ kind: 'notice' })} data-testid="print-notice">
              督办通知单
            </Button>
          </Space>
          {item.pending_extension && (
            <Alert
              type="warning"
              showIcon
              title={`延期申请待审批：申请延期至 ${cstDateTime(item.pending_extension.new_deadline)}`}
              description={`理由：${item.pending_extension.reason}（${cstDateTime(item.pending_extension.requested_at)} 提出）`}
            />
          )}
          <Descriptions bordered size="small" column={2} data-testid="detail-fields">
            <Descriptions.Item label="编号">{item.number}</Descriptions.Item>
            <Descriptions.Item label="密级">{classificationLabels[item.classification]}</Descriptions.Item>
            <Descriptions.Item label="标题" span={2}>{item.title}</Descriptions.Item>
            <Descriptions.Item label="来源">{sourceLabels[item.source]}</Descriptions.Item>
            <Descriptions.Item label="来源文号">{item.source_doc_no}</Descriptions.Item>
            {d.origin && (
              <Descriptions.Item label="来源总结" span={2}>
                <Typography.Link
                  onClick={() => navigate(editorPath(d.origin!.summary_id, d.origin!.position))}
                  data-testid="detail-origin"
                >
                  《{d.origin.summary_title}》{d.origin.heading} · {followUpKindLabels[d.origin.kind]}第 {d.origin.n} 条
                </Typography.Link>
              </Descriptions.Item>
            )}
            <Descriptions.Item label="交办领导">{item.assigning_leader?.name}</Descriptions.Item>
            <Descriptions.Item label="交办时间">{cstDateTime(item.assigned_at)}</Descriptions.Item>
            <Descriptions.Item label="事项内容与要求" span={2}>
              <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{item.content}</Typography.Paragraph>
            </Descriptions.Item>
            <Descriptions.Item label="类别">{categoryLabels[item.category]}</Descriptions.Item>
            <Descriptions.Item label="紧急程度">{urgencyLabels[item.urgency]}</Descriptions.Item>
            <Descriptions.Item label="牵头单位">{item.lead_unit.name}</Descriptions.Item>
            <Descriptions.Item label="协办单位">{item.cooperating_units.map((u) => u.name).join('、')}</Descriptions.Item>
            <Descriptions.Item label="第一责任人">{item.responsible.name}</Descriptions.Item>
            <Descriptions.Item label="联系人/电话">
              {[item.contact, item.contact_phone].filter(Boolean).join(' ')}
            </Descriptions.Item>
            <Descriptions.Item label="分管领导">{item.leader_in_charge?.name}</Descriptions.Item>
            <Descriptions.Item label="反馈周期">{feedbackCycleLabels[item.feedback_cycle]}</Descriptions.Item>
            <Descriptions.Item label="办理时限">
              <span data-testid="detail-deadline">{cstDateTime(item.deadline)}</span>
              {!item.deadline_confirmed && <Tag style={{ marginLeft: 4 }}>未确认</Tag>}
              {item.deadline_note && (
                <Typography.Text type="secondary" data-testid="detail-deadline-note" style={{ display: 'block', fontSize: 12 }}>
                  {item.deadline_note}
                </Typography.Text>
              )}
            </Descriptions.Item>
            <Descriptions.Item label="退回次数">{item.returned_count}</Descriptions.Item>
            <Descriptions.Item label="签收时间">{item.accepted_at && cstDateTime(item.accepted_at)}</Descriptions.Item>
            <Descriptions.Item label="办结时间">{item.closed_at && cstDateTime(item.closed_at)}</Descriptions.Item>
            <Descriptions.Item label="标签" span={2}>
              {item.tags.map((t) => (
                <Tag key={t}>{t}</Tag>
              ))}
            </Descriptions.Item>
            <Descriptions.Item label="登记人">{item.entered_by?.name}</Descriptions.Item>
            <Descriptions.Item label="登记时间">{cstDateTime(item.created_at)}</Descriptions.Item>
          </Descriptions>
          {d.sub_items.length > 0 && (
            <div data-testid="detail-sub-items">
              <Typography.Title level={5}>
                分解事项{'\u3000'}
                <Progress
                  percent={Math.round((100 * d.sub_items_finished) / d.sub_items.length)}
                  format={() => `${d.sub_items_finished}/${d.sub_items.length} 已办结`}
                  style={{ width: 260, display: 'inline-flex' }}
                  size="small"
                />
              </Typography.Title>
              <Table
                size="small"
                rowKey="id"
                pagination={false}
                dataSource={d.sub_items}
                onRow={(s) => ({ onClick: () => onOpen(s.id), style: { cursor: 'pointer' } })}
                columns={[
                  { title: '灯色', width: 80, render: (_, s) => <LightBadge row={{ light: s.light, overdue: false }} /> },
                  { title: '编号', dataIndex: 'number', width: 150 },
                  { title: '标题', dataIndex: 'title' },
                  { title: '承办单位', render: (_, s) => s.lead_unit.name },
                  { title: '责任人', render: (_, s) => s.responsible.name },
                  { title: '时限', render: (_, s) => cstDateTime(s.deadline), width: 140 },
                  { title: '状态', render: (_, s) => stateLabels[s.state], width: 70 },
                ]}
              />
            </div>
          )}
          <Typography.Title level={5}>办理过程</Typography.Title>
          {d.events.length === 0 ? (
            <Empty />
          ) : (
            <Timeline
              data-testid="timeline"
              items={d.events.map((e) => ({
                key: e.id,
                color: e.kind === 'return' || e.kind === 'revisit_rebound' ? 'red' : e.kind === 'pass' ? 'green' : 'blue',
                content: (
                  <TimelineEntry
                    event={e}
                    onPrintReminder={() => setPaper({ kind: 'reminder', eventId: e.id })}
                  />
                ),
              }))}
            />
          )}
        </Space>
      )}
      {acting && item && (
        <ActionModal
          item={item}
          offered={acting}
          onClose={() => setActing(null)}
          onDone={(done) => {
            setActing(null);
            // A reminder is handed over on paper: offer its 催办单 at once.
            if (done === 'remind') setPaper({ kind: 'reminder', eventId: null });
          }}
        />
      )}
      {paper && item && <NoticeModal item={item} paper={paper} onClose={() => setPaper(null)} />}
      {splitting && item && (
        <RegisterModal
          parent={item}
          onClose={() => setSplitting(false)}
          onRegistered={() => {
            setSplitting(false);
            void detail.refetch();
          }}
        />
      )}
    </Drawer>
  );
}

/** Details an event's payload holds, in words. */
function payloadText(e: AssignmentEvent): string[] {
  const p = e.payload as Record<string, unknown>;
  const lines: string[] = [];
  if (typeof p.old_deadline === 'string' && typeof p.new_deadline === 'string') {
    lines.push(`时限：${cstDateTime(p.old_deadline)} → ${cstDateTime(p.new_deadline)}`);
  }
  if (typeof p.requested_deadline === 'string') lines.push(`申请的时限：${cstDateTime(p.requested_deadline)}`);
  if (typeof p.satisfaction === 'number') lines.push(`满意度：${p.satisfaction} 分`);
  if (typeof p.on_time === 'boolean') lines.push(p.on_time ? '按期办结' : '超期办结');
  if (typeof p.day === 'number') lines.push(`办结后 ${p.day} 天回访`);
  return lines;
}

function TimelineEntry({ event: e, onPrintReminder }: { event: AssignmentEvent; onPrintReminder: () => void }) {
  return (
    <div data-testid={`event-${e.kind}`}>
      <Space wrap size={4}>
        <Typography.Text strong>{e.kind_label}</Typography.Text>
        <Typography.Text type="secondary">{cstDateTime(e.at)}</Typography.Text>
        {e.from_state && e.from_state !== e.to_state && (
          <Typography.Text type="secondary">
            {stateLabels[e.from_state]} → {stateLabels[e.to_state]}
          </Typography.Text>
        )}
        {e.kind === 'remind' && (
          <Button size="small" type="link" icon={<PrinterOutlined />} onClick={onPrintReminder} data-testid="print-reminder">
            催办单
          </Button>
        )}
      </Space>
      <div>
        <Typography.Text type="secondary">
          {e.actor && `办理人：${e.actor.name}`}
          {e.entered_by && e.entered_by.id !== e.actor?.id && `\u3000录入：${e.entered_by.name}`}
        </Typography.Text>
      </div>
      {e.note && <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{e.note}</Typography.Paragraph>}
      {payloadText(e).map((line) => (
        <div key={line}>
          <Typography.Text type="secondary">{line}</Typography.Text>
        </div>
      ))}
    </div>
  );
}

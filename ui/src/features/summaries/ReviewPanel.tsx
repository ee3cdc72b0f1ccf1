// What the reviewer looks at first, and the drafter after a return: the figures and the reason of
// the last submission, the general opinions of every round, and the timeline of events.
import { Alert, Empty, Timeline, Typography } from 'antd';
import { publicationChannelLabels } from '../../api/labels';
import type { PublicationChannel } from '../../api/types/PublicationChannel';
import type { ReviewOpinion } from '../../api/types/ReviewOpinion';
import type { RuleCheck } from '../../api/types/RuleCheck';
import type { SummaryDetail } from '../../api/types/SummaryDetail';
import type { Event } from '../../api/types/Event';
import type { SummaryEventKind } from '../../api/types/SummaryEventKind';
import type { SummaryState } from '../../api/types/SummaryState';

type SummaryEvent = Event<SummaryEventKind, SummaryState>;
import { cstDateTime } from '../../components/cst';
import { RuleFigures } from './ChecksPanel';

interface SubmitPayload {
  round?: number;
  reason?: string | null;
  check?: { passed?: boolean; checks?: RuleCheck[]; indicators?: 'no_section' | 'absent' | 'incomplete' | 'complete' };
}

export function OpinionLine({ o }: { o: ReviewOpinion }) {
  return (
    <div style={{ marginBottom: 4 }} data-testid={`opinion-${o.id}`}>
      <div style={{ whiteSpace: 'pre-wrap' }}>{o.text}</div>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        第{o.round}轮 · {o.reviewer.name} · {cstDateTime(o.at)}
      </Typography.Text>
    </div>
  );
}

export function ReviewPanel({ detail }: { detail: SummaryDetail }) {
  const lastSubmit = [...detail.events].reverse().find((e) => e.kind === 'submit');
  const payload = (lastSubmit?.payload ?? {}) as SubmitPayload;
  return (
    <div data-testid="review-panel">
      {lastSubmit ? (
        <>
          <Typography.Text strong>
            第{payload.round ?? 1}轮提交（{cstDateTime(lastSubmit.at)}，{lastSubmit.actor?.name}）
          </Typography.Text>
          {payload.check?.checks && (
            <div style={{ margin: '6px 0' }}>
              <RuleFigures report={{ checks: payload.check.checks, indicators: payload.check.indicators ?? 'absent' }} />
            </div>
          )}
          {payload.reason ? (
            <Alert
              type="warning"
              showIcon
              title="检查未通过，提交说明："
              description={<span data-testid="submit-reason">{payload.reason}</span>}
            />
          ) : (
            payload.check?.passed && <Alert type="success" showIcon title="提交时实质性检查全部通过" />
          )}
        </>
      ) : (
        <Typography.Text type="secondary">尚未提交审核</Typography.Text>
      )}
      <Typography.Title level={5} style={{ marginTop: 16 }}>
        总体意见
      </Typography.Title>
      {detail.general_opinions.length === 0 ? (
        <Typography.Text type="secondary">无</Typography.Text>
      ) : (
        <div data-testid="general-opinions">
          {detail.general_opinions.map((o) => (
            <OpinionLine key={o.id} o={o} />
          ))}
        </div>
      )}
    </div>
  );
}

const COLORS: Partial<Record<SummaryEvent['kind'], string>> = {
  submit: 'blue',
  return: 'red',
  approve: 'green',
  publish: 'green',
  opinion: 'orange',
  publication: 'cyan',
  training: 'cyan',
};

/** What a 发布记录 or 宣贯培训 recorded, in a line. */
function recordLine(e: SummaryEvent) {
  const p = e.payload as { channel?: PublicationChannel; date?: string; covered?: string; participants?: number };
  if (e.kind === 'publication') return `${p.date} · ${p.channel ? publicationChannelLabels[p.channel] : ''} · 覆盖：${p.covered}`;
  if (e.kind === 'training') return `${p.date} · ${p.participants} 人参加`;
  return null;
}

export function EventTimeline({ events }: { events: SummaryEvent[] }) {
  if (events.length === 0) return <Empty />;
  return (
    <Timeline
      data-testid="summary-timeline"
      items={[...events].reverse().map((e) => ({
        color: COLORS[e.kind] ?? 'gray',
        content: (
          <div data-testid={`event-${e.kind}`}>
            <div>
              <b>{e.kind_label}</b>
              {e.actor && <span> · {e.actor.name}</span>}
            </div>
            {recordLine(e) && <div style={{ fontSize: 13 }}>{recordLine(e)}</div>}
            {e.note && <div style={{ whiteSpace: 'pre-wrap', fontSize: 13 }}>{e.note}</div>}
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {cstDateTime(e.at)}
              {e.entered_by && e.actor && e.entered_by.id !== e.actor.id ? `（${e.entered_by.name}录入）` : ''}
            </Typography.Text>
          </div>
        ),
      }))}
    />
  );
}

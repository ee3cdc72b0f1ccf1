// 月度通报 and 季度通报: the generated texts are a draft the clerk edits here; the figures in the
// tables (the ranking, the overdue items) are made anew from the ledger each time, so the paper
// agrees with the ledger whatever was edited. The preview shows what prints and what 导出 Word writes.
import { useQuery } from '@tanstack/react-query';
import { Alert, DatePicker, Modal, Segmented, Space, Spin } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { bulletinDraft, discardBulletinDraft, saveBulletinDraft } from '../../api/report';
import type { BulletinDraft } from '../../api/types/BulletinDraft';
import type { BulletinPeriod } from '../../api/types/BulletinPeriod';
import { type DraftField, DraftPaper } from '../../components/DraftPaper';

type Kind = BulletinPeriod['kind'];
type TextField = 'title' | 'opening' | 'figures' | 'commend' | 'urge' | 'closing' | 'issuer';

const FIELDS: DraftField<TextField>[] = [
  { name: 'title', label: '标题', long: false },
  { name: 'opening', label: '开头', long: true },
  { name: 'figures', label: '一、总体情况', long: true },
  { name: 'commend', label: '表扬（留空则不印）', long: true },
  { name: 'urge', label: '督促（留空则不印）', long: true },
  { name: 'closing', label: '工作要求（留空则不印）', long: true },
  { name: 'issuer', label: '落款单位', long: false },
];

/** In the first ten days of a month the bulletin is usually the last month's (or quarter's). */
function defaultDay(kind: Kind, today = dayjs()) {
  return today.date() <= 10 ? today.subtract(kind === 'month' ? 1 : 3, 'month') : today;
}

function periodOf(kind: Kind, day: Dayjs): BulletinPeriod {
  return kind === 'month'
    ? { kind, year: day.year(), month: day.month() + 1 }
    : { kind, year: day.year(), quarter: Math.floor(day.month() / 3) + 1 };
}

export function BulletinModal({ onClose }: { onClose: () => void }) {
  const [kind, setKind] = useState<Kind>('month');
  const [day, setDay] = useState<Dayjs>(() => defaultDay('month'));
  const period = periodOf(kind, day);
  const draft = useQuery({ queryKey: ['bulletin-draft', period], queryFn: () => bulletinDraft(period), gcTime: 0 });
  const name = kind === 'month' ? '月度通报' : '季度通报';
  // Kept per period by the core: closing the modal or the window loses no edit.
  const periodKey = JSON.stringify(period);
  const { refetch } = draft;
  const keep = useMemo(
    () => ({
      save: saveBulletinDraft,
      discard: async () => {
        await discardBulletinDraft(JSON.parse(periodKey) as BulletinPeriod);
        await refetch();
      },
    }),
    [periodKey, refetch],
  );
  const header = (
    <>
      <Space wrap style={{ marginBottom: 12 }}>
        <Segmented<Kind>
          options={[
            { value: 'month', label: <span data-testid="bulletin-kind-month">月度</span> },
            { value: 'quarter', label: <span data-testid="bulletin-kind-quarter">季度</span> },
          ]}
          value={kind}
          onChange={(k) => {
            setKind(k);
            setDay(defaultDay(k));
          }}
        />
        <DatePicker picker={kind} value={day} allowClear={false} onChange={(d) => d && setDay(d)} data-testid="bulletin-period" />
      </Space>
      {draft.isError && <Alert type="error" showIcon message={draft.error.message} />}
      {draft.isPending && <Spin style={{ display: 'block', padding: 48 }} />}
    </>
  );
  return (
    <Modal title={`${name}（草稿）`} open width={1240} footer={null} onCancel={onClose} destroyOnHidden>
      <DraftPaper<TextField, BulletinDraft>
        draft={draft.data}
        fields={FIELDS}
        testPrefix="bulletin"
        note="以下文字可以修改；各单位考核评分表和超期未办结事项表按台账生成，不在此修改。"
        header={header}
        paper={(shown) => ({ paper: 'bulletin', draft: shown })}
        keep={keep}
      />
    </Modal>
  );
}

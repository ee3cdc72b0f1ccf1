import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Input, InputNumber, Modal, Popconfirm, Space, Spin, Tag, Typography } from 'antd';
import { useRef, useState } from 'react';
import {
  CALENDAR_FIRST_YEAR,
  CALENDAR_LAST_YEAR,
  calendarYear,
  exportCalendarYearAs,
  importCalendarJson,
  resetCalendarYear,
  setCalendarDay,
} from '../../../api/calendar';
import { toApiError } from '../../../api/invoke';
import type { DayInfo } from '../../../api/types/DayInfo';
import type { DayKind } from '../../../api/types/DayKind';
import type { YearSource } from '../../../api/types/YearSource';

const sourceLabels: Record<YearSource, string> = {
  shipped: '内置官方日历',
  imported: '已导入',
  missing: '无日历，按周一至周五上班推算',
};

const weekdayHeads = ['一', '二', '三', '四', '五', '六', '日'];

/** How a day looks: 上班 plain, 休息 grey, 节假日 red, 调休上班 orange, edited days underlined. */
function dayStyle(day: DayInfo): React.CSSProperties {
  const base: React.CSSProperties = {
    height: 30,
    borderRadius: 4,
    cursor: 'pointer',
    fontSize: 12,
    lineHeight: '14px',
    display: 'flex',
    flexDirection: 'column',
    alignItems: 'center',
    justifyContent: 'center',
    border: '1px solid transparent',
  };
  if (day.source === 'edited') base.border = '1px dashed #1677ff';
  if (day.adjusted) return { ...base, background: '#fff1e0', color: '#d46b08', fontWeight: 600 };
  if (day.kind === 'offday' && day.name && day.source !== 'edited') return { ...base, background: '#fff1f0', color: '#cf1322', fontWeight: 600 };
  if (day.kind === 'offday') return { ...base, background: '#f5f5f5', color: '#8c8c8c' };
  return { ...base, background: '#f6ffed', color: '#262626' };
}

function dayTitle(day: DayInfo): string {
  const kind = day.kind === 'workday' ? (day.adjusted ? '调休上班' : '上班') : '休息';
  return `${day.date} ${kind}${day.name ? `（${day.name}）` : ''}${day.source === 'edited' ? ' · 已修改' : ''}`;
}

function MonthGrid({ month, days, onPick }: { month: number; days: DayInfo[]; onPick: (d: DayInfo) => void }) {
  const blanks = days.length > 0 ? days[0].weekday - 1 : 0;
  return (
    <div style={{ border: '1px solid #f0f0f0', borderRadius: 6, padding: 8 }} data-testid={`cal-month-${month}`}>
      <div style={{ fontWeight: 600, marginBottom: 6 }}>{month} 月</div>
      <div style={{ display: 'grid', gridTemplateColumns: 'repeat(7, 1fr)', gap: 2 }}>
        {weekdayHeads.map((h) => (
          <div key={h} style={{ textAlign: 'center', fontSize: 12, color: '#8c8c8c' }}>
            {h}
          </div>
        ))}
        {Array.from({ length: blanks }, (_, i) => (
          <div key={`b${i}`} />
        ))}
        {days.map((day) => (
          <div
            key={day.date}
            style={dayStyle(day)}
            title={dayTitle(day)}
            onClick={() => onPick(day)}
            data-testid={`cal-day-${day.date}`}
            data-kind={day.kind}
            data-adjusted={day.adjusted ? 'true' : 'false'}
          >
            <span>{Number(day.date.slice(8))}</span>
{(day.adjusted || day.name) && (
              <span style={{ fontSize: 9, lineHeight: '10px', whiteSpace: 'nowrap', overflow: 'hidden', maxWidth: '100%' }}>
                {day.adjusted ? '班' : day.name?.slice(0, 3)}
              </span>
            )}
          </div>
        ))}
      </div>
    </div>
  );
}

function Legend() {
  const item = (style: React.CSSProperties, text: string) => (
    <Space size={4}>
      <span style={{ display: 'inline-block', width: 14, height: 14, borderRadius: 3, ...style }} />
      {text}
    </Space>
  );
  return (
    <Space wrap data-testid="cal-legend">
      {item({ background: '#f6ffed', border: '1px solid #d9f7be' }, '上班')}
      {item({ background: '#f5f5f5' }, '休息（周末）')}
      {item({ background: '#fff1f0' }, '法定节假日')}
      {item({ background: '#fff1e0' }, '调休上班')}
      {item({ border: '1px dashed #1677ff' }, '已手工修改')}
    </Space>
  );
}

function DayModal({ day, onClose, onSaved }: { day: DayInfo; onClose: () => void; onSaved: () => void }) {
  const { message } = App.useApp();
  const [kind, setKind] = useState<DayKind>(day.kind);
  const [note, setNote] = useState(day.source === 'edited' ? (day.name ?? '') : '');
  const save = useMutation({
    mutationFn: () => setCalendarDay(day.date, kind, note.trim() || null),
    onSuccess: () => {
      message.success('已保存');
      onSaved();
    },
    onError: (e) => message.error(toApiError(e).message),
  });
  return (
    <Modal
      open
      title={`设置 ${day.date}`}
      onCancel={onClose}
      footer={[
        <Button key="cancel" onClick={onClose} data-testid="cal-day-cancel">
          取消
        </Button>,
        <Button key="ok" type="primary" loading={save.isPending} onClick={() => save.mutate()} data-testid="cal-day-save">
          保存
        </Button>,
      ]}
    >
      <p>{dayTitle(day)}</p>
      <Space.Compact>
        <Button
          type={kind === 'workday' ? 'primary' : 'default'}
          onClick={() => setKind('workday')}
          data-testid="cal-day-workday"
        >
          上班
        </Button>
        <Button
          type={kind === 'offday' ? 'primary' : 'default'}
          onClick={() => setKind('offday')}
          data-testid="cal-day-offday"
        >
          休息
        </Button>
      </Space.Compact>
      <Input
        style={{ marginTop: 12 }}
        placeholder="备注（可选，最多 20 个字，如：单位调休）"
        maxLength={20}
        value={note}
        onChange={(e) => setNote(e.target.value)}
        data-testid="cal-day-note"
      />
    </Modal>
  );
}

export function CalendarSettings() {
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [year, setYear] = useState(() => new Date().getFullYear());
  const [picked, setPicked] = useState<DayInfo | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const view = useQuery({ queryKey: ['calendar', year], queryFn: () => calendarYear(year) });
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['calendar'] });

  const reset = useMutation({
    mutationFn: () => resetCalendarYear(year),
    onSuccess: () => {
      message.success(`${year} 年已恢复默认`);
      void refresh();
    },
    onError: (e) => message.error(toApiError(e).message),
  });

  const doExport = async () => {
    try {
      const path = await exportCalendarYearAs(year);
      if (path) message.success(`已导出 ${year} 年工作日历：${path}`);
    } catch (e) {
      message.error(toApiError(e).message);
    }
  };

  const doImport = async (file: File) => {
    try {
      const years = await importCalendarJson(await file.text());
      message.success(`已导入 ${years.join('、')} 年工作日历`);
      void refresh();
    } catch (e) {
      message.error(toApiError(e).message);
    }
  };

  const months = Array.from({ length: 12 }, (_, i) => i + 1);
  const data = view.data;
  return (
    <>
      <Space wrap style={{ marginBottom: 12 }}>
        <Button onClick={() => setYear((y) => Math.max(CALENDAR_FIRST_YEAR, y - 1))} data-testid="cal-prev-year">
          上一年
        </Button>
        <InputNumber
          min={CALENDAR_FIRST_YEAR}
          max={CALENDAR_LAST_YEAR}
          value={year}
          onChange={(v) => v && setYear(v)}
          suffix="年"
          style={{ width: 110 }}
          data-testid="cal-year"
        />
        <Button onClick={() => setYear((y) => Math.min(CALENDAR_LAST_YEAR, y + 1))} data-testid="cal-next-year">
          下一年
        </Button>
        {data &&
          (data.confirmed ? (
            <Tag color="green" data-testid="cal-status">
              已确认
            </Tag>
          ) : (
            <Tag color="orange" data-testid="cal-status">
              未确认
            </Tag>
          ))}
        {data && (
          <Typography.Text type="secondary" data-testid="cal-source">
            {sourceLabels[data.source]} · 工作日 {data.workday_count} 天
            {data.edited_count > 0 ? ` · 手工修改 ${data.edited_count} 天` : ''}
          </Typography.Text>
        )}
      </Space>
      <Space wrap style={{ marginBottom: 12 }}>
        <Button onClick={() => void doExport()} disabled={!data?.confirmed} data-testid="cal-export">
          导出
        </Button>
        <Button onClick={() => fileInput.current?.click()} data-testid="cal-import">
          导入
        </Button>
        <input
          ref={fileInput}
          type="file"
          accept=".json,application/json"
          style={{ display: 'none' }}
          data-testid="cal-import-file"
          onChange={(e) => {
            const file = e.target.files?.[0];
            e.target.value = '';
            if (file) void doImport(file);
          }}
        />
        <Popconfirm
          title={`恢复 ${year} 年默认日历？`}
          description="将撤销该年的导入数据和全部手工修改。"
          okText="恢复"
          cancelText="取消"
          onConfirm={() => reset.mutate()}
        >
          <Button danger loading={reset.isPending} data-testid="cal-reset">
            恢复默认
          </Button>
        </Popconfirm>
        <Legend />
      </Space>
      {!data?.confirmed && data && (
        <Typography.Paragraph type="warning" data-testid="cal-unconfirmed-note">
          {year} 年没有官方工作日历，按周一至周五上班推算，该年的期限显示为“未确认”。可导入该年的日历文件。
        </Typography.Paragraph>
      )}
      <Spin spinning={view.isPending}>
        <div
          style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(240px, 1fr))', gap: 12 }}
          data-testid="cal-grid"
        >
          {data &&
            months.map((m) => (
              <MonthGrid
                key={m}
                month={m}
                days={data.days.filter((d) => Number(d.date.slice(5, 7)) === m)}
                onPick={setPicked}
              />
            ))}
        </div>
      </Spin>
      {picked && (
        <DayModal
          key={picked.date}
          day={picked}
          onClose={() => setPicked(null)}
          onSaved={() => {
            setPicked(null);
            void refresh();
          }}
        />
      )}
    </>
  );
}

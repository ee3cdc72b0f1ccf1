// 工作日历 and 办理时限.
import { askSavePath } from './dialogs';
import { call } from './invoke';
import type { CategoryLimits } from './types/CategoryLimits';
import type { DayKind } from './types/DayKind';
import type { LimitUnit } from './types/LimitUnit';
import type { WorkingHours } from './types/WorkingHours';

/** The years the calendar supports (FIRST_YEAR..LAST_YEAR in the core). */
export const CALENDAR_FIRST_YEAR = 2000;
export const CALENDAR_LAST_YEAR = 2100;

export const calendarYear = (year: number) => call('calendar_year', { year });
export const setCalendarDay = (date: string, kind: DayKind, note: string | null) =>
  call('set_calendar_day', { date, kind, note });
export const resetCalendarYear = (year: number) => call('reset_calendar_year', { year });
export const importCalendarJson = (text: string) => call('import_calendar_json', { text });
/**
 * 导出: asks where to save (the system's save dialog) and writes the year's JSON there. Resolves with
 * the path written, or null when the user cancelled.
 */
export async function exportCalendarYearAs(year: number): Promise<string | null> {
  const path = await askSavePath('导出工作日历', `工作日历-${year}.json`, { name: 'JSON 文件', extension: 'json' });
  return path ? call('export_calendar_file', { year, path }) : null;
}

export const getLimits = () => call('get_limits');
export const setLimits = (limits: CategoryLimits) => call('set_limits', { limits });
export const resetLimits = () => call('reset_limits');

export const getWorkingHours = () => call('get_working_hours');
export const setWorkingHours = (hours: WorkingHours) => call('set_working_hours', { hours });
export const resetWorkingHours = () => call('reset_working_hours');

export const limitUnitLabels: Record<LimitUnit, string> = {
  natural_hours: '自然小时',
  working_hours: '工作小时',
  natural_days: '自然日',
  working_days: '工作日',
};

// 工作台 and 提醒: the start page's data, the items behind what was clicked, the bell, and the
// settings of reminders and of the figures' targets.
import { listen } from '@tauri-apps/api/event';
import { call } from './invoke';
import type { Reminder } from './types/Reminder';
import type { RemindSettings } from './types/RemindSettings';
import type { ScoreSettings } from './types/ScoreSettings';
import type { StatsTargets } from './types/StatsTargets';
import type { WorkbenchPick } from './types/WorkbenchPick';
import type { WorkbenchQuery } from './types/WorkbenchQuery';

export const loadWorkbench = (query: WorkbenchQuery) => call('workbench', { query });
export const workbenchItemIds = (pick: WorkbenchPick) => call('workbench_item_ids', { pick });
export const bellReminders = () => call('reminders');
/** The reminder loop's list, each time it looks (src-tauri/src/reminders.rs). */
export const onReminders = (handle: (list: Reminder[]) => void) =>
  listen<Reminder[]>('reminders', (e) => handle(e.payload));
export const getRemindSettings = () => call('get_remind_settings');
export const setRemindSettings = (settings: RemindSettings) => call('set_remind_settings', { settings });
export const getStatsTargets = () => call('get_stats_targets');
export const setStatsTargets = (targets: StatsTargets) => call('set_stats_targets', { targets });
export const getScoreSettings = () => call('get_score_settings');
export const setScoreSettings = (settings: ScoreSettings) => call('set_score_settings', { settings });
/** The charts that do not follow the period (twelve months, lights now); loaded after the page. */
export const loadWorkbenchCharts = (unitId?: number) => call('workbench_charts', { unitId: unitId ?? null });

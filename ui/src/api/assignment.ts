// 交办事项: the ledger, one item, registration, actions, the printed notices and their settings.
import { askOpenPath, askSavePath } from './dialogs';
import { call } from './invoke';
import type { ActionRequest } from './types/ActionRequest';
import type { AssignmentInput } from './types/AssignmentInput';
import type { ImportOptions } from './types/ImportOptions';
import type { LedgerQuery } from './types/LedgerQuery';
import type { LightSettings } from './types/LightSettings';

export const ledgerPage = (query: LedgerQuery) => call('ledger_page', { query });

/** 导出: asks where to save, then writes every item the query matches as .xlsx; null when cancelled. */
export async function exportLedger(query: LedgerQuery) {
  const today = new Date().toISOString().slice(0, 10);
  const path = await askSavePath('导出台账', `交办事项台账-${today}.xlsx`, { name: 'Excel 工作簿', extension: 'xlsx' });
  return path ? call('export_ledger', { query, path }) : null;
}
/** 导入台账: asks for the spreadsheet; null when cancelled. */
export const chooseLedgerFile = () =>
  askOpenPath('导入台账', { name: '表格文件（.xlsx、.xls、.csv）', extensions: ['xlsx', 'xlsm', 'xls', 'csv'] });
/** Imports (or, with dry_run, previews) the ledger at `path`. */
export const importLedger = (path: string, options: ImportOptions) => call('import_ledger', { path, options });
/** How far the running import (or preview) has got: its step and percent; null before the first report. */
export const importProgress = () => call('import_progress');
/** 导入模板: asks where to save, then writes the blank ledger; null when cancelled. */
export async function saveImportTemplate() {
  const path = await askSavePath('下载导入模板', '交办事项导入模板.xlsx', { name: 'Excel 工作簿', extension: 'xlsx' });
  return path ? call('write_import_template', { path }) : null;
}
export const assignmentTags = () => call('assignment_tags');
export const assignmentDetail = (id: number) => call('assignment_detail', { id });
/** 登记: resolves with the new item's id. */
export const registerAssignment = (input: AssignmentInput) => call('register_assignment', { input });
/** The deadline the category gives when 办理时限 is left empty. */
export const defaultDeadline = (category: string, assignedAt: string | null) =>
  call('default_deadline', { category, assignedAt });
export const actOnAssignment = (id: number, request: ActionRequest) =>
  call('act_on_assignment', { id, request });

export const supervisionNoticePdf = async (id: number) =>
  new Uint8Array(await call('supervision_notice_pdf', { id }));
export const reminderNoticePdf = async (id: number, eventId: number | null) =>
  new Uint8Array(await call('reminder_notice_pdf', { id, eventId }));

export const getNumberPrefix = () => call('get_number_prefix');
export const setNumberPrefix = (prefix: string) => call('set_number_prefix', { prefix });
export const getLightSettings = () => call('get_light_settings');
export const setLightSettings = (settings: LightSettings) => call('set_light_settings', { settings });

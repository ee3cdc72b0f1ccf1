// 总结: templates, drafts with autosave, versions, review, substance checks, papers and files.
import { askSavePath } from './dialogs';
import { call } from './invoke';
import type { FollowUpInput } from './types/FollowUpInput';
import type { IndicatorInput } from './types/IndicatorInput';
import type { LastOpen } from './types/LastOpen';
import type { NewSummaryInput } from './types/NewSummaryInput';
import type { SummaryInfoInput } from './types/SummaryInfoInput';
import type { SummaryPaper } from './types/SummaryPaper';
import type { SummaryActionRequest } from './types/SummaryActionRequest';
import type { StockPhrases } from './types/StockPhrases';
import type { SummaryQuery } from './types/SummaryQuery';
import type { Thresholds } from './types/Thresholds';
import type { TemplateInput } from './types/TemplateInput';

// Templates

export const listSummaryTemplates = (includeInactive: boolean) =>
  call('list_summary_templates', { includeInactive });
export const summaryTemplate = (id: number) => call('summary_template', { id });
export const copySummaryTemplate = (id: number, name: string | null) =>
  call('copy_summary_template', { id, name });
export const updateSummaryTemplate = (id: number, input: TemplateInput) =>
  call('update_summary_template', { id, input });
export const setSummaryTemplateActive = (id: number, active: boolean) =>
  call('set_summary_template_active', { id, active });
export const importSummaryTemplate = (text: string) => call('import_summary_template', { text });
/** 导出模板 through the save dialog; resolves with the path written, or null when cancelled. */
export async function exportSummaryTemplateAs(id: number, name: string): Promise<string | null> {
  const path = await askSavePath('导出模板', `${name}.json`, { name: 'JSON 文件', extension: 'json' });
  return path ? call('export_summary_template_file', { id, path }) : null;
}

// Summaries

export const listSummaries = (query: SummaryQuery) => call('list_summaries', { query });
export const createSummary = (input: NewSummaryInput) => call('create_summary', { input });
export const summaryDetail = (id: number) => call('summary_detail', { id });
export const updateSummaryInfo = (id: number, input: SummaryInfoInput) =>
  call('update_summary_info', { id, input });
export const saveSummarySection = (id: number, position: number, text: string) =>
  call('save_summary_section', { id, position, text });
export const saveSummaryIndicators = (id: number, position: number, rows: IndicatorInput[]) =>
  call('save_summary_indicators', { id, position, rows });

/** The draft the editor showed last (kept in the database, so it survives a crash). */
export const summaryLastOpen = () => call('summary_last_open');
export const setSummaryLastOpen = (value: LastOpen) => call('set_summary_last_open', { value });
export const clearSummaryLastOpen = () => call('clear_summary_last_open');

// Versions

export const listSummaryVersions = (id: number) => call('list_summary_versions', { id });
export const saveSummaryVersion = (id: number, note: string | null) =>
  call('save_summary_version', { id, note });
/** Compares version `from` with version `to`, or with the current text when `to` is null. */
export const diffSummaryVersions = (id: number, from: number, to: number | null) =>
  call('diff_summary_versions', { id, from, to });
export const restoreSummaryVersion = (id: number, number: number) =>
  call('restore_summary_version', { id, number });

// Review

/** A review step (提交审核, 审核意见, 退回重写, 审核通过, 发布) with its form's values. */
export const actOnSummary = (id: number, request: SummaryActionRequest) => call('act_on_summary', { id, request });

/** The substance checks on the stored text. */
export const checkSummary = (id: number) => call('check_summary', { id });

// Papers and files

/** The summary document or its 审批表 as PDF bytes. */
export const summaryPaperPdf = async (id: number, paper: SummaryPaper) =>
  new Uint8Array(await call('summary_paper_pdf', { id, paper }));

/** 导出 a summary's JSON file through the save dialog; the path written, or null when cancelled. */
export async function exportSummaryAs(id: number, title: string): Promise<string | null> {
  const path = await askSavePath('导出总结', `${title}.json`, { name: 'JSON 文件', extension: 'json' });
  return path ? call('export_summary_file', { id, path }) : null;
}
/** 导出 as a Word file (.docx) through the save dialog; null when the user cancelled. */
export async function exportSummaryDocxAs(id: number, title: string): Promise<string | null> {
  const path = await askSavePath('导出 Word 文档', `${title}.docx`, { name: 'Word 文档', extension: 'docx' });
  return path ? call('export_summary_docx_file', { id, path }) : null;
}
/** 插入台账数据: the ledger's figures for the summary's period, as a paragraph and indicator rows. */
export const summaryLedgerFigures = (id: number) => call('summary_ledger_figures', { id });
/** 插入台账数据 as one write: the paragraph into section `position`, new rows into the 指标表. */
export const insertSummaryLedgerFigures = (id: number, position: number) =>
  call('insert_summary_ledger_figures', { id, position });
/** 成果应用: the problems, experience and plans, the items made from them and the figures. */
export const summaryFollowUp = (id: number) => call('summary_follow_up', { id });
/** 设置 → 检查: the thresholds and the 套话 list. */
export const checkSettings = () => call('check_settings');
export const setCheckThresholds = (thresholds: Thresholds) => call('set_check_thresholds', { thresholds });
export const resetCheckThresholds = () => call('reset_check_thresholds');
export const setStockPhrases = (phrases: StockPhrases) => call('set_stock_phrases', { phrases });
export const resetStockPhrases = () => call('reset_stock_phrases');
/** 成果应用 across every summary, for 工作台. */
export const followUpTotals = () => call('summary_follow_up_totals');
/** 转为事项: items from the chosen entries of one kind, in one write; resolves with their ids. */
export const makeFollowUpItems = (id: number, input: FollowUpInput) => call('make_follow_up_items', { id, input });
/** 宣贯材料: the digest of a summary as a draft to edit (printed as the report paper `publicity`). */
export const publicityDraft = (id: number) => call('summary_publicity_draft', { id });
/** 导入 the text of a summary file; resolves with the new summary's id. */
export const importSummaryJson = (text: string) => call('import_summary_json', { text });

// 总结: templates, drafts with autosave, versions, review, substance checks, papers and files.
import { askSavePath } from './dialogs';
import { call } from './invoke';
import type { CheckReport } from './types/CheckReport';
import type { FiguresInserted } from './types/FiguresInserted';
import type { Indicator } from './types/Indicator';
import type { IndicatorInput } from './types/IndicatorInput';
import type { LastOpen } from './types/LastOpen';
import type { LedgerFigures } from './types/LedgerFigures';
import type { NewSummaryInput } from './types/NewSummaryInput';
import type { SectionSaved } from './types/SectionSaved';
import type { Summary } from './types/Summary';
import type { SummaryActionRequest } from './types/SummaryActionRequest';
import type { SummaryDetail } from './types/SummaryDetail';
import type { SummaryDiff } from './types/SummaryDiff';
import type { SummaryInfoInput } from './types/SummaryInfoInput';
import type { SummaryPaper } from './types/SummaryPaper';
import type { SummaryQuery } from './types/SummaryQuery';
import type { SummaryVersionInfo } from './types/SummaryVersionInfo';
import type { Template } from './types/Template';
import type { TemplateInfo } from './types/TemplateInfo';
import type { TemplateInput } from './types/TemplateInput';

// Templates

export const listSummaryTemplates = (includeInactive: boolean) =>
  call<TemplateInfo[]>('list_summary_templates', { includeInactive });
export const summaryTemplate = (id: number) => call<Template>('summary_template', { id });
export const copySummaryTemplate = (id: number, name: string | null) =>
  call<Template>('copy_summary_template', { id, name });
export const updateSummaryTemplate = (id: number, input: TemplateInput) =>
  call<Template>('update_summary_template', { id, input });
export const setSummaryTemplateActive = (id: number, active: boolean) =>
  call<Template>('set_summary_template_active', { id, active });
export const importSummaryTemplate = (text: string) => call<Template>('import_summary_template', { text });
/** 导出模板 through the save dialog; resolves with the path written, or null when cancelled. */
export async function exportSummaryTemplateAs(id: number, name: string): Promise<string | null> {
  const path = await askSavePath('导出模板', `${name}.json`, { name: 'JSON 文件', extension: 'json' });
  return path ? call<string>('export_summary_template_file', { id, path }) : null;
}

// Summaries

export const listSummaries = (query: SummaryQuery) => call<Summary[]>('list_summaries', { query });
export const createSummary = (input: NewSummaryInput) => call<number>('create_summary', { input });
export const summaryDetail = (id: number) => call<SummaryDetail>('summary_detail', { id });
export const updateSummaryInfo = (id: number, input: SummaryInfoInput) =>
  call<Summary>('update_summary_info', { id, input });
export const saveSummarySection = (id: number, position: number, text: string) =>
  call<SectionSaved>('save_summary_section', { id, position, text });
export const saveSummaryIndicators = (id: number, position: number, rows: IndicatorInput[]) =>
  call<Indicator[]>('save_summary_indicators', { id, position, rows });

/** The draft the editor showed last (kept in the database, so it survives a crash). */
export const summaryLastOpen = () => call<LastOpen | null>('summary_last_open');
export const setSummaryLastOpen = (value: LastOpen) => call<void>('set_summary_last_open', { value });
export const clearSummaryLastOpen = () => call<void>('clear_summary_last_open');

// Versions

export const listSummaryVersions = (id: number) => call<SummaryVersionInfo[]>('list_summary_versions', { id });
export const saveSummaryVersion = (id: number, note: string | null) =>
  call<SummaryVersionInfo>('save_summary_version', { id, note });
/** Compares version `from` with version `to`, or with the current text when `to` is null. */
export const diffSummaryVersions = (id: number, from: number, to: number | null) =>
  call<SummaryDiff>('diff_summary_versions', { id, from, to });
export const restoreSummaryVersion = (id: number, number: number) =>
  call<SummaryVersionInfo>('restore_summary_version', { id, number });

// Review

/** A review step (提交审核, 审核意见, 退回重写, 审核通过, 发布) with its form's values. */
export const actOnSummary = (id: number, request: SummaryActionRequest) =>
  call<void>('act_on_summary', { id, request });

/** The substance checks on the stored text. */
export const checkSummary = (id: number) => call<CheckReport>('check_summary', { id });

// Papers and files

/** The summary document or its 审批表 as PDF bytes. */
export const summaryPaperPdf = async (id: number, paper: SummaryPaper) =>
  new Uint8Array(await call<ArrayBuffer>('summary_paper_pdf', { id, paper }));

/** 导出 a summary's JSON file through the save dialog; the path written, or null when cancelled. */
export async function exportSummaryAs(id: number, title: string): Promise<string | null> {
  const path = await askSavePath('导出总结', `${title}.json`, { name: 'JSON 文件', extension: 'json' });
  return path ? call<string>('export_summary_file', { id, path }) : null;
}
/** 导出 as a Word file (.docx) through the save dialog; null when the user cancelled. */
export async function exportSummaryDocxAs(id: number, title: string): Promise<string | null> {
  const path = await askSavePath('导出 Word 文档', `${title}.docx`, { name: 'Word 文档', extension: 'docx' });
  return path ? call<string>('export_summary_docx_file', { id, path }) : null;
}
/** 插入台账数据: the ledger's figures for the summary's period, as a paragraph and indicator rows. */
export const summaryLedgerFigures = (id: number) => call<LedgerFigures>('summary_ledger_figures', { id });
/** 插入台账数据 as one write: the paragraph into section `position`, new rows into the 指标表. */
export const insertSummaryLedgerFigures = (id: number, position: number) =>
  call<FiguresInserted>('insert_summary_ledger_figures', { id, position });
/** 导入 the text of a summary file; resolves with the new summary's id. */
export const importSummaryJson = (text: string) => call<number>('import_summary_json', { text });

// 总结: templates, drafts with autosave, versions, review, substance checks, papers and files.
import { askSavePath } from './dialogs';
import { call } from './invoke';
import type { IndicatorInput } from './types/IndicatorInput';
import type { IndicatorsStatus } from './types/IndicatorsStatus';
import type { LastOpen } from './types/LastOpen';
import type { NewSummaryInput } from './types/NewSummaryInput';
import type { OpinionInput } from './types/OpinionInput';
import type { ReturnInput } from './types/ReturnInput';
import type { ReviewInput } from './types/ReviewInput';
import type { SectionChange } from './types/SectionChange';
import type { SectionRole } from './types/SectionRole';
import type { SummaryField } from './types/SummaryField';
import type { SummaryInfoInput } from './types/SummaryInfoInput';
import type { SummaryKind } from './types/SummaryKind';
import type { SummaryPaper } from './types/SummaryPaper';
import type { SummaryQuery } from './types/SummaryQuery';
import type { SummaryState } from './types/SummaryState';
import type { SummaryVersionKind } from './types/SummaryVersionKind';
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

export const submitSummary = (id: number, input: ReviewInput) => call('submit_summary', { id, input });
export const addSummaryOpinion = (id: number, actorId: number, input: OpinionInput) =>
  call('add_summary_opinion', { id, actorId, input });
export const returnSummary = (id: number, input: ReturnInput) => call('return_summary', { id, input });
export const approveSummary = (id: number, input: ReviewInput) => call('approve_summary', { id, input });
export const publishSummary = (id: number, input: ReviewInput) => call('publish_summary', { id, input });

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
/** 导入 the text of a summary file; resolves with the new summary's id. */
export const importSummaryJson = (text: string) => call('import_summary_json', { text });

// Chinese names of the codes (the Rust enums carry the same labels for the CLI and the papers).

export const summaryKindLabels: Record<SummaryKind, string> = {
  phase: '阶段性工作总结',
  project: '项目总结',
  annual: '年度总结',
  special: '专项总结',
};

export const summaryFieldLabels: Record<SummaryField, string> = {
  general: '通用',
  government_service: '政务服务',
  enterprise: '企业生产经营',
  research: '科技研发',
  engineering: '工程建设',
  education_health: '教育卫生',
};

export const summaryStateLabels: Record<SummaryState, string> = {
  drafting: '撰写中',
  submitted: '审核中',
  returned: '退回重写',
  approved: '审核通过',
  published: '已发布',
  archived: '已归档',
};

export const summaryStateColors: Record<SummaryState, string> = {
  drafting: 'blue',
  submitted: 'gold',
  returned: 'red',
  approved: 'green',
  published: 'cyan',
  archived: 'default',
};

export const sectionRoleLabels: Record<SectionRole, string> = {
  background: '基本情况',
  targets_vs_results: '目标与完成情况',
  measures: '主要举措',
  experience: '经验做法',
  problems: '存在问题',
  causes: '原因分析',
  improvements: '改进措施',
  plan: '下一步计划',
  other: '其他',
};

export const versionKindLabels: Record<SummaryVersionKind, string> = {
  manual: '保存版本',
  submit: '提交审核时自动保存',
  restore: '恢复版本',
  before_restore: '恢复前自动保存',
  import: '导入',
};

export const sectionChangeLabels: Record<SectionChange, string> = {
  unchanged: '未改动',
  changed: '有改动',
  added: '新增',
  removed: '删除',
};

export const indicatorsStatusLabels: Record<IndicatorsStatus, string> = {
  no_section: '没有“目标与完成情况”章节',
  absent: '未填指标表',
  incomplete: '指标表未填齐（目标值、实际值须为数字）',
  complete: '指标表已填齐',
};

/** Whether the text of a summary in this state may be edited. */
export const isEditable = (state: SummaryState) => state === 'drafting' || state === 'returned';

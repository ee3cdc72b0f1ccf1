// The paper of supervision: 通报 (a draft the clerk edits, then prints), 责任清单 and the printed
// ledger, as PDF bytes for the preview or as a Word file through the save dialog.
import { askSavePath } from './dialogs';
import { call } from './invoke';
import type { BulletinDraft } from './types/BulletinDraft';
import type { BulletinPeriod } from './types/BulletinPeriod';
import type { BulletinRules } from './types/BulletinRules';
import type { ReportPaper } from './types/ReportPaper';

export const bulletinDraft = (period: BulletinPeriod) => call('bulletin_draft', { period });
/** Keeps the clerk's edits of a bulletin; resolves with them and the time they were kept. */
export const saveBulletinDraft = (draft: BulletinDraft) => call('save_bulletin_draft', { draft });
/** 恢复自动生成: forgets the kept edits and resolves with a draft written anew from the ledger. */
export const discardBulletinDraft = (period: BulletinPeriod) => call('discard_bulletin_draft', { period });
export const reportPdf = async (paper: ReportPaper) => new Uint8Array(await call('report_pdf', { paper }));
/** The paper as a Word file through the save dialog; the path written, or null when cancelled. */
export async function exportReportDocxAs(paper: ReportPaper, fileName: string): Promise<string | null> {
  const path = await askSavePath('导出 Word 文档', `${fileName}.docx`, { name: 'Word 文档', extension: 'docx' });
  return path ? call('report_docx_file', { paper, path }) : null;
}
export const getBulletinRules = () => call('get_bulletin_rules');
export const setBulletinRules = (rules: BulletinRules) => call('set_bulletin_rules', { rules });

// 归档: settings, candidates and their completeness, filing, 件号 and 确认归档, and the paper
// (each 件, the 归档文件目录, the 备考表) and the package of a year.
import { askFolderPath, askSavePath } from './dialogs';
import { call } from './invoke';
import type { ArchiveFileRequest } from './types/ArchiveFileRequest';
import type { ArchiveQuery } from './types/ArchiveQuery';
import type { ArchiveRetention } from './types/ArchiveRetention';
import type { ArchiveSettings } from './types/ArchiveSettings';
import type { ArchiveTarget } from './types/ArchiveTarget';

export const getArchiveSetup = () => call('get_archive_setup');
export const saveArchiveSettings = (settings: ArchiveSettings) => call('save_archive_settings', { settings });
export const archiveCandidates = () => call('archive_candidates');
/** 归档清单: the parts a candidate's 件 holds, with their pages. */
export const archiveChecklist = (target: ArchiveTarget) => call('archive_checklist', { target });
export const archiveFiles = (query: ArchiveQuery) => call('archive_files', { query });
export const archiveAdd = (request: ArchiveFileRequest) => call('archive_add', { request });
export const archiveMove = (id: number, to: number) => call('archive_move', { id, to });
export const archiveConfirm = (year: number) => call('archive_confirm', { year });
export const archiveCompleteness = (year: number) => call('archive_completeness', { year });
export const archiveFilePdf = async (id: number) => new Uint8Array(await call('archive_file_pdf', { id }));
export const archiveCataloguePdf = async (year: number, retention: ArchiveRetention | null) =>
  new Uint8Array(await call('archive_catalogue_pdf', { year, retention }));
export const archiveBoxesPdf = async (year: number) => new Uint8Array(await call('archive_boxes_pdf', { year }));

/** The catalogue as .xlsx through the save dialog; the path written, or null when cancelled. */
export async function exportCatalogueXlsxAs(year: number, retention: ArchiveRetention | null): Promise<string | null> {
  const path = await askSavePath('导出归档文件目录', `${year}年归档文件目录.xlsx`, { name: 'Excel 工作簿', extension: 'xlsx' });
  return path ? call('archive_catalogue_xlsx_file', { year, retention, path }) : null;
}

/** The package of a year into a folder the clerk picks; what was written, or null when cancelled. */
export async function exportPackage(year: number) {
  const dir = await askFolderPath(`导出 ${year} 年度移交包到文件夹`);
  return dir ? call('archive_export', { year, dir }) : null;
}

//! 归档: the settings, the candidates with their completeness, filing, reordering and 确认归档, each
//! 件's bound PDF, the 归档文件目录 (PDF, .xlsx), the 备考表 and the package of a year.

use std::path::PathBuf;

use luoshi_core::archive::{
    self, ArchiveFile, ArchiveQuery, ArchiveSettings, ArchiveSetup, Candidate, CompletenessReport,
    FileRequest, PackageReport, Part, Retention, Target,
};
use luoshi_core::print;

use super::Bytes;

commands! {
    fn get_archive_setup(state) -> ArchiveSetup {
        state.with(|s| archive::get_setup(s.conn()))
    }

    fn save_archive_settings(state, settings: ArchiveSettings) -> ArchiveSetup {
        state.with(|s| archive::save_settings(s.conn_mut(), &settings))
    }

    /// Struck-off items and published summaries (and those nearly so) not yet filed.
    fn archive_candidates(state) -> Vec<Candidate> {
        state.with(|s| archive::candidates(s.conn()))
    }

    fn archive_files(state, query: ArchiveQuery) -> Vec<ArchiveFile> {
        state.with(|s| archive::list_files(s.conn(), &query))
    }

    /// 归档: files several in one transaction.
    fn archive_add(state, request: FileRequest) -> Vec<ArchiveFile> {
        state.with(|s| archive::file(s.conn_mut(), &request))
    }

    /// 调整件号.
    fn archive_move(state, id: i64, to: i64) -> ArchiveFile {
        state.with(|s| archive::move_file(s.conn_mut(), id, to, None))
    }

    /// 确认归档 of a year: how many 件 were confirmed.
    fn archive_confirm(state, year: i32) -> i64 {
        state.with(|s| archive::confirm_year(s.conn_mut(), year, None))
    }

    /// 归档清单: the parts a candidate's 件 holds, with their pages.
    fn archive_checklist(state, target: Target) -> Vec<Part> {
        state.with(|s| archive::checklist(s.conn(), target))
    }

    fn archive_completeness(state, year: i32) -> CompletenessReport {
        state.with(|s| archive::completeness(s.conn(), year))
    }

    /// One 件 bound as PDF with its 归档章.
    fn archive_file_pdf(state, id: i64) -> Bytes {
        let doc = state.with(|s| archive::file_paper(s.conn(), id))?;
        print::render(&doc).map(Bytes).map_err(|e| e.body())
    }

    /// 归档文件目录 of a year (of one retention) as PDF.
    fn archive_catalogue_pdf(state, year: i32, retention: Option<Retention>) -> Bytes {
        let doc = state.with(|s| archive::catalogue_paper(s.conn(), year, retention))?;
        print::render(&doc).map(Bytes).map_err(|e| e.body())
    }

    /// 归档文件目录 as .xlsx, to the path chosen in the save dialog.
    fn archive_catalogue_xlsx_file(state, year: i32, retention: Option<Retention>, path: PathBuf) -> PathBuf {
        state.with(|s| archive::save_catalogue_xlsx(s.conn(), year, retention, &path))
    }

    /// 备考表 and spine labels of a year's boxes as PDF.
    fn archive_boxes_pdf(state, year: i32) -> Bytes {
        let doc = state.with(|s| archive::boxes_paper(s.conn(), year))?;
        print::render(&doc).map(Bytes).map_err(|e| e.body())
    }

    /// 导出移交包 of a year into the folder chosen.
    fn archive_export(state, year: i32, dir: PathBuf) -> PackageReport {
        state.with(|s| archive::export_year(s.conn(), year, &dir))
    }
}

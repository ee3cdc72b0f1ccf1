//! 交办事项: the ledger page, one item's detail, registration, every action through one command,
//! the paper of an item (督办通知单, 催办单), and the settings of numbers and lights.

use luoshi_core::assignment::{
    self, lights, notice, number, ActionRequest, AssignmentDetail, AssignmentInput, LedgerPage, LedgerQuery,
    LightSettings,
};
use luoshi_core::calendar::Due;
use luoshi_core::exchange::{self, ExportReport, ImportOptions, ImportProgress, ImportReport};
use luoshi_core::print;

use super::Bytes;

commands! {
    fn ledger_page(state, query: LedgerQuery) -> LedgerPage {
        state.with(|s| assignment::ledger(s.conn(), &query))
    }

    /// 导出: every item the query matches (its limit and offset aside) as .xlsx at `path`.
    fn export_ledger(state, query: LedgerQuery, path: String) -> ExportReport {
        state.with(|s| exchange::export_ledger(s.conn(), &query, std::path::Path::new(&path)))
    }

    /// 导入台账 (or, with `dry_run`, the preview of it): the report of what came in and what is wrong.
    /// How far it has got meanwhile: `import_progress`.
    fn import_ledger(state, path: String, options: ImportOptions) -> ImportReport {
        // Cleared before and after, so the bar of the next import never starts from this one's end.
        state.set_import_progress(None);
        let report = |p: ImportProgress| state.set_import_progress(Some(p));
        let result =
            state.with(|s| exchange::import_ledger(s.conn_mut(), std::path::Path::new(&path), &options, &report));
        state.set_import_progress(None);
        result
    }

    /// The running ledger import's step and share done, for the progress bar (null before its first).
    fn import_progress(state) -> Option<ImportProgress> {
        Ok(state.import_progress())
    }

    /// 导入模板: a blank ledger in the import's columns, with dropdowns.
    fn write_import_template(state, path: String) -> ExportReport {
        state.with(|s| exchange::write_import_template(s.conn(), std::path::Path::new(&path)))
    }

    fn assignment_tags(state) -> Vec<String> {
        state.with(|s| assignment::tags_in_use(s.conn()))
    }

    fn assignment_detail(state, id: i64) -> AssignmentDetail {
        state.with(|s| assignment::get_assignment_detail(s.conn(), id))
    }

    /// 登记: returns the new item's id.
    fn register_assignment(state, input: AssignmentInput) -> i64 {
        state.with(|s| assignment::register(s.conn_mut(), &input))
    }

    /// The deadline the category gives when 办理时限 is left empty.
    fn default_deadline(state, category: String, assigned_at: Option<String>) -> Due {
        state.with(|s| assignment::default_deadline(s.conn(), &category, assigned_at.as_deref()))
    }

    fn act_on_assignment(state, id: i64, request: ActionRequest) -> () {
        state.with(|s| assignment::perform(s.conn_mut(), id, &request))
    }

    /// 督办通知单 as PDF bytes.
    fn supervision_notice_pdf(state, id: i64) -> Bytes {
        let doc = state.with(|s| notice::supervision_notice(s.conn(), id))?;
        print::render(&doc).map(Bytes).map_err(|e| e.body())
    }

    /// 催办单 of one 催办 event (the latest when `event_id` is omitted) as PDF bytes.
    fn reminder_notice_pdf(state, id: i64, event_id: Option<i64>) -> Bytes {
        let doc = state.with(|s| notice::reminder_notice(s.conn(), id, event_id))?;
        print::render(&doc).map(Bytes).map_err(|e| e.body())
    }

    fn get_number_prefix(state) -> String {
        state.with(|s| number::get_prefix(s.conn()))
    }

    fn set_number_prefix(state, prefix: String) -> String {
        state.with(|s| number::set_prefix(s.conn(), &prefix))
    }

    fn get_light_settings(state) -> LightSettings {
        state.with(|s| lights::get_settings(s.conn()))
    }

    fn set_light_settings(state, settings: LightSettings) -> LightSettings {
        state.with(|s| lights::set_settings(s.conn(), &settings))
    }
}

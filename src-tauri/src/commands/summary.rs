//! 总结: templates, drafting section by section with autosave, versions and their comparison, the
//! review cycle, the substance checks, the papers (as PDF bytes) and the JSON file between PCs.

use std::path::PathBuf;

use luoshi_core::check::{self, CheckReport, CheckSettings, StockPhrases, Thresholds};
use luoshi_core::print;
use luoshi_core::summary::{
    self, FollowUp, FollowUpInput, FollowUpTotals, Indicator, IndicatorInput, LastOpen, NewSummaryInput,
    PublicityDraft, SectionSaved, Summary, SummaryActionRequest, SummaryDetail, SummaryDiff,
    SummaryInfoInput, SummaryPaper, SummaryQuery, SummaryVersionInfo, Template, TemplateInfo, TemplateInput,
};

use super::Bytes;

commands! {
    // Templates

    fn list_summary_templates(state, include_inactive: bool) -> Vec<TemplateInfo> {
        state.with(|s| summary::list_templates(s.conn(), include_inactive))
    }

    fn summary_template(state, id: i64) -> Template {
        state.with(|s| summary::get_template(s.conn(), id))
    }

    fn copy_summary_template(state, id: i64, name: Option<String>) -> Template {
        state.with(|s| summary::copy_template(s.conn_mut(), id, name.as_deref()))
    }

    fn update_summary_template(state, id: i64, input: TemplateInput) -> Template {
        state.with(|s| summary::update_template(s.conn_mut(), id, &input))
    }

    fn set_summary_template_active(state, id: i64, active: bool) -> Template {
        state.with(|s| summary::set_template_active(s.conn_mut(), id, active))
    }

    /// 导入模板 from the text of a template file the UI read.
    fn import_summary_template(state, text: String) -> Template {
        state.with(|s| summary::import_template(s.conn_mut(), &text))
    }

    /// 导出模板 to the path chosen in the save dialog; returns the path written.
    fn export_summary_template_file(state, id: i64, path: PathBuf) -> PathBuf {
        state.with(|s| summary::export_template_to_file(s.conn(), id, &path))
    }

    // Summaries

    fn list_summaries(state, query: SummaryQuery) -> Vec<Summary> {
        state.with(|s| summary::list_summaries(s.conn(), &query))
    }

    /// 新建总结: returns the new summary's id.
    fn create_summary(state, input: NewSummaryInput) -> i64 {
        state.with(|s| summary::create_summary(s.conn_mut(), &input))
    }

    fn summary_detail(state, id: i64) -> SummaryDetail {
        state.with(|s| summary::get_summary_detail(s.conn(), id))
    }

    fn update_summary_info(state, id: i64, input: SummaryInfoInput) -> Summary {
        state.with(|s| summary::update_summary_info(s.conn_mut(), id, &input))
    }

    /// Autosave of one section's text.
    fn save_summary_section(state, id: i64, position: i64, text: String) -> SectionSaved {
        state.with(|s| summary::save_section(s.conn_mut(), id, position, &text))
    }

    /// The 指标表 of a section; returns the rows with the gaps the core computed.
    fn save_summary_indicators(state, id: i64, position: i64, rows: Vec<IndicatorInput>) -> Vec<Indicator> {
        state.with(|s| summary::save_indicators(s.conn_mut(), id, position, &rows))
    }

    /// The draft the editor showed last, to reopen it at start.
    fn summary_last_open(state) -> Option<LastOpen> {
        state.with(|s| summary::last_open(s.conn()))
    }

    fn set_summary_last_open(state, value: LastOpen) -> () {
        state.with(|s| summary::set_last_open(s.conn(), &value))
    }

    fn clear_summary_last_open(state) -> () {
        state.with(|s| summary::clear_last_open(s.conn()))
    }

    // Versions

    fn list_summary_versions(state, id: i64) -> Vec<SummaryVersionInfo> {
        state.with(|s| summary::list_versions(s.conn(), id))
    }

    fn save_summary_version(state, id: i64, note: Option<String>) -> SummaryVersionInfo {
        state.with(|s| summary::save_version(s.conn_mut(), id, note.as_deref()))
    }

    /// Two versions compared, or a version and the current text when `to` is omitted.
    fn diff_summary_versions(state, id: i64, from: i64, to: Option<i64>) -> SummaryDiff {
        state.with(|s| summary::diff_versions(s.conn(), id, from, to))
    }

    fn restore_summary_version(state, id: i64, number: i64) -> SummaryVersionInfo {
        state.with(|s| summary::restore_version(s.conn_mut(), id, number))
    }

    // Review

    /// A review step (提交审核, 审核意见, 退回重写, 审核通过, 发布) with its form's values.
    fn act_on_summary(state, id: i64, request: SummaryActionRequest) -> () {
        state.with(|s| summary::perform(s.conn_mut(), id, &request))
    }

    /// The substance checks on the stored text.
    fn check_summary(state, id: i64) -> CheckReport {
        state.with(|s| summary::run_check(s.conn(), id))
    }

    /// 设置 → 检查: the thresholds and the 套话 list (the defaults for what was never saved).
    fn check_settings(state) -> CheckSettings {
        state.with(|s| check::load_settings(s.conn()))
    }

    fn set_check_thresholds(state, thresholds: Thresholds) -> () {
        state.with(|s| check::save_thresholds(s.conn(), &thresholds))
    }

    fn reset_check_thresholds(state) -> () {
        state.with(|s| check::reset_thresholds(s.conn()))
    }

    /// Saves the 套话 list as normalised (trimmed, without repeats); returns what was saved.
    fn set_stock_phrases(state, phrases: StockPhrases) -> StockPhrases {
        state.with(|s| check::save_stock_phrases(s.conn(), phrases.clone()))
    }

    fn reset_stock_phrases(state) -> () {
        state.with(|s| check::reset_stock_phrases(s.conn()))
    }

    // Papers and files

    /// The summary document or its 审批表 as PDF bytes.
    fn summary_paper_pdf(state, id: i64, paper: SummaryPaper) -> Bytes {
        let doc = state.with(|s| summary::paper(s.conn(), id, paper))?;
        print::render(&doc).map(Bytes).map_err(|e| e.body())
    }

    /// 导出 a summary's JSON file to the path chosen in the save dialog; returns the path written.
    fn export_summary_file(state, id: i64, path: PathBuf) -> PathBuf {
        state.with(|s| summary::export_summary_to_file(s.conn(), id, &path))
    }

    /// 导出 a summary as a Word file (.docx) to the path chosen in the save dialog.
    fn export_summary_docx_file(state, id: i64, path: PathBuf) -> PathBuf {
        state.with(|s| summary::export_summary_docx_to_file(s.conn(), id, &path))
    }

    /// 插入台账数据: the ledger's figures for the summary's period and unit.
    fn summary_ledger_figures(state, id: i64) -> summary::LedgerFigures {
        state.with(|s| summary::ledger_figures(s.conn(), id))
    }

    /// 插入台账数据 as one write: the paragraph into section `position`, new rows into the 指标表.
    fn insert_summary_ledger_figures(state, id: i64, position: i64) -> summary::FiguresInserted {
        state.with(|s| summary::insert_ledger_figures(s.conn_mut(), id, position))
    }

    // 成果应用

    /// The problems, experience and plans of a summary, the items made from them and the figures.
    fn summary_follow_up(state, id: i64) -> FollowUp {
        state.with(|s| summary::follow_up(s.conn(), id))
    }

    /// 成果应用 across every summary, for 工作台.
    fn summary_follow_up_totals(state) -> FollowUpTotals {
        state.with(|s| summary::follow_up::totals(s.conn()))
    }

    /// 转为事项: items from the chosen entries, in one write; returns their ids.
    fn make_follow_up_items(state, id: i64, input: FollowUpInput) -> Vec<i64> {
        state.with(|s| summary::make_items(s.conn_mut(), id, &input))
    }

    /// 宣贯材料 as a draft for the writer to edit; `report_pdf` prints it.
    fn summary_publicity_draft(state, id: i64) -> PublicityDraft {
        state.with(|s| summary::publicity_draft(s.conn(), id))
    }

    /// 导入 a summary file the UI read: returns the new summary's id.
    fn import_summary_json(state, text: String) -> i64 {
        state.with(|s| summary::import_summary(s.conn_mut(), &text))
    }
}

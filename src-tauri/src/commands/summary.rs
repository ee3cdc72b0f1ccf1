//! 总结: templates, drafting section by section with autosave, versions and their comparison, the
//! review cycle, the substance checks, the papers (as PDF bytes) and the JSON file between PCs.

use std::path::PathBuf;

use luoshi_core::check::CheckReport;
use luoshi_core::print;
use luoshi_core::summary::{
    self, Indicator, IndicatorInput, LastOpen, NewSummaryInput, SectionSaved, Summary, SummaryActionRequest,
    SummaryDetail, SummaryDiff, SummaryInfoInput, SummaryPaper, SummaryQuery, SummaryVersionInfo, Template,
    TemplateInfo, TemplateInput,
};
use tauri::ipc::Response;
use tauri::State;

use super::CommandResult;
use crate::state::AppState;

// Templates

#[tauri::command(async)]
pub fn list_summary_templates(
    state: State<'_, AppState>,
    include_inactive: bool,
) -> CommandResult<Vec<TemplateInfo>> {
    state.with(|s| summary::list_templates(s.conn(), include_inactive))
}

#[tauri::command(async)]
pub fn summary_template(state: State<'_, AppState>, id: i64) -> CommandResult<Template> {
    state.with(|s| summary::get_template(s.conn(), id))
}

#[tauri::command(async)]
pub fn copy_summary_template(
    state: State<'_, AppState>,
    id: i64,
    name: Option<String>,
) -> CommandResult<Template> {
    state.with(|s| summary::copy_template(s.conn_mut(), id, name.as_deref()))
}

#[tauri::command(async)]
pub fn update_summary_template(
    state: State<'_, AppState>,
    id: i64,
    input: TemplateInput,
) -> CommandResult<Template> {
    state.with(|s| summary::update_template(s.conn_mut(), id, &input))
}

#[tauri::command(async)]
pub fn set_summary_template_active(
    state: State<'_, AppState>,
    id: i64,
    active: bool,
) -> CommandResult<Template> {
    state.with(|s| summary::set_template_active(s.conn_mut(), id, active))
}

/// 导入模板 from the text of a template file the UI read.
#[tauri::command(async)]
pub fn import_summary_template(state: State<'_, AppState>, text: String) -> CommandResult<Template> {
    state.with(|s| summary::import_template(s.conn_mut(), &text))
}

/// 导出模板 to the path chosen in the save dialog; returns the path written.
#[tauri::command(async)]
pub fn export_summary_template_file(
    state: State<'_, AppState>,
    id: i64,
    path: PathBuf,
) -> CommandResult<PathBuf> {
    state.with(|s| summary::export_template_to_file(s.conn(), id, &path))
}

// Summaries

#[tauri::command(async)]
pub fn list_summaries(state: State<'_, AppState>, query: SummaryQuery) -> CommandResult<Vec<Summary>> {
    state.with(|s| summary::list_summaries(s.conn(), &query))
}

/// 新建总结: returns the new summary's id.
#[tauri::command(async)]
pub fn create_summary(state: State<'_, AppState>, input: NewSummaryInput) -> CommandResult<i64> {
    state.with(|s| summary::create_summary(s.conn_mut(), &input))
}

#[tauri::command(async)]
pub fn summary_detail(state: State<'_, AppState>, id: i64) -> CommandResult<SummaryDetail> {
    state.with(|s| summary::get_summary_detail(s.conn(), id))
}

#[tauri::command(async)]
pub fn update_summary_info(
    state: State<'_, AppState>,
    id: i64,
    input: SummaryInfoInput,
) -> CommandResult<Summary> {
    state.with(|s| summary::update_summary_info(s.conn_mut(), id, &input))
}

/// Autosave of one section's text.
#[tauri::command(async)]
pub fn save_summary_section(
    state: State<'_, AppState>,
    id: i64,
    position: i64,
    text: String,
) -> CommandResult<SectionSaved> {
    state.with(|s| summary::save_section(s.conn_mut(), id, position, &text))
}

/// The 指标表 of a section; returns the rows with the gaps the core computed.
#[tauri::command(async)]
pub fn save_summary_indicators(
    state: State<'_, AppState>,
    id: i64,
    position: i64,
    rows: Vec<IndicatorInput>,
) -> CommandResult<Vec<Indicator>> {
    state.with(|s| summary::save_indicators(s.conn_mut(), id, position, &rows))
}

/// The draft the editor showed last, to reopen it at start.
#[tauri::command(async)]
pub fn summary_last_open(state: State<'_, AppState>) -> CommandResult<Option<LastOpen>> {
    state.with(|s| summary::last_open(s.conn()))
}

#[tauri::command(async)]
pub fn set_summary_last_open(state: State<'_, AppState>, value: LastOpen) -> CommandResult<()> {
    state.with(|s| summary::set_last_open(s.conn(), &value))
}

#[tauri::command(async)]
pub fn clear_summary_last_open(state: State<'_, AppState>) -> CommandResult<()> {
    state.with(|s| summary::clear_last_open(s.conn()))
}

// Versions

#[tauri::command(async)]
pub fn list_summary_versions(state: State<'_, AppState>, id: i64) -> CommandResult<Vec<SummaryVersionInfo>> {
    state.with(|s| summary::list_versions(s.conn(), id))
}

#[tauri::command(async)]
pub fn save_summary_version(
    state: State<'_, AppState>,
    id: i64,
    note: Option<String>,
) -> CommandResult<SummaryVersionInfo> {
    state.with(|s| summary::save_version(s.conn_mut(), id, note.as_deref()))
}

/// Two versions compared, or a version and the current text when `to` is omitted.
#[tauri::command(async)]
pub fn diff_summary_versions(
    state: State<'_, AppState>,
    id: i64,
    from: i64,
    to: Option<i64>,
) -> CommandResult<SummaryDiff> {
    state.with(|s| summary::diff_versions(s.conn(), id, from, to))
}

#[tauri::command(async)]
pub fn restore_summary_version(
    state: State<'_, AppState>,
    id: i64,
    number: i64,
) -> CommandResult<SummaryVersionInfo> {
    state.with(|s| summary::restore_version(s.conn_mut(), id, number))
}

// Review

/// A review step (提交审核, 审核意见, 退回重写, 审核通过, 发布) with its form's values.
#[tauri::command(async)]
pub fn act_on_summary(
    state: State<'_, AppState>,
    id: i64,
    request: SummaryActionRequest,
) -> CommandResult<()> {
    state.with(|s| summary::perform(s.conn_mut(), id, &request))
}

/// The substance checks on the stored text.
#[tauri::command(async)]
pub fn check_summary(state: State<'_, AppState>, id: i64) -> CommandResult<CheckReport> {
    state.with(|s| summary::run_check(s.conn(), id))
}

// Papers and files

/// The summary document or its 审批表 as PDF bytes.
#[tauri::command(async)]
pub fn summary_paper_pdf(
    state: State<'_, AppState>,
    id: i64,
    paper: SummaryPaper,
) -> CommandResult<Response> {
    let doc = state.with(|s| summary::paper(s.conn(), id, paper))?;
    print::render(&doc).map(Response::new).map_err(|e| e.body())
}

/// 导出 a summary's JSON file to the path chosen in the save dialog; returns the path written.
#[tauri::command(async)]
pub fn export_summary_file(state: State<'_, AppState>, id: i64, path: PathBuf) -> CommandResult<PathBuf> {
    state.with(|s| summary::export_summary_to_file(s.conn(), id, &path))
}

/// 导出 a summary as a Word file (.docx) to the path chosen in the save dialog.
#[tauri::command(async)]
pub fn export_summary_docx_file(
    state: State<'_, AppState>,
    id: i64,
    path: PathBuf,
) -> CommandResult<PathBuf> {
    state.with(|s| summary::export_summary_docx_to_file(s.conn(), id, &path))
}

/// 插入台账数据: the ledger's figures for the summary's period and unit.
#[tauri::command(async)]
pub fn summary_ledger_figures(state: State<'_, AppState>, id: i64) -> CommandResult<summary::LedgerFigures> {
    state.with(|s| summary::ledger_figures(s.conn(), id))
}

/// 插入台账数据 as one write: the paragraph into section `position`, new rows into the 指标表.
#[tauri::command(async)]
pub fn insert_summary_ledger_figures(
    state: State<'_, AppState>,
    id: i64,
    position: i64,
) -> CommandResult<summary::FiguresInserted> {
    state.with(|s| summary::insert_ledger_figures(s.conn_mut(), id, position))
}

/// 导入 a summary file the UI read: returns the new summary's id.
#[tauri::command(async)]
pub fn import_summary_json(state: State<'_, AppState>, text: String) -> CommandResult<i64> {
    state.with(|s| summary::import_summary(s.conn_mut(), &text))
}

//! 工作日历 and 办理时限: the year grid of 设置 → 工作日历, day edits, import and export of a year, the
//! limits per category and the working hours.

use std::path::PathBuf;

use luoshi_core::calendar::{
    self, limits, working_hours, CategoryLimits, DayInfo, DayKind, WorkingHours, YearView,
};
use tauri::State;

use super::CommandResult;
use crate::state::AppState;

#[tauri::command(async)]
pub fn calendar_year(state: State<'_, AppState>, year: i32) -> CommandResult<YearView> {
    state.with(|s| calendar::year_view(s.conn(), year))
}

#[tauri::command(async)]
pub fn set_calendar_day(
    state: State<'_, AppState>,
    date: String,
    kind: DayKind,
    note: Option<String>,
) -> CommandResult<DayInfo> {
    state.with(|s| {
        calendar::set_day(s.conn_mut(), calendar::parse_date("date", &date)?, kind, note.as_deref())
    })
}

#[tauri::command(async)]
pub fn reset_calendar_year(state: State<'_, AppState>, year: i32) -> CommandResult<()> {
    state.with(|s| calendar::reset_year(s.conn_mut(), year))
}

#[tauri::command(async)]
pub fn import_calendar_json(state: State<'_, AppState>, text: String) -> CommandResult<Vec<i32>> {
    state.with(|s| calendar::import_year_json(s.conn_mut(), &text))
}

#[tauri::command(async)]
pub fn export_calendar_file(state: State<'_, AppState>, year: i32, path: PathBuf) -> CommandResult<PathBuf> {
    state.with(|s| calendar::export_year_to_file(s.conn(), year, &path))
}

#[tauri::command(async)]
pub fn get_limits(state: State<'_, AppState>) -> CommandResult<CategoryLimits> {
    state.with(|s| limits::get(s.conn()))
}

#[tauri::command(async)]
pub fn set_limits(state: State<'_, AppState>, limits: CategoryLimits) -> CommandResult<CategoryLimits> {
    state.with(|s| limits::set(s.conn(), &limits))
}

#[tauri::command(async)]
pub fn reset_limits(state: State<'_, AppState>) -> CommandResult<CategoryLimits> {
    state.with(|s| limits::reset(s.conn()))
}

#[tauri::command(async)]
pub fn get_working_hours(state: State<'_, AppState>) -> CommandResult<WorkingHours> {
    state.with(|s| working_hours::get(s.conn()))
}

#[tauri::command(async)]
pub fn set_working_hours(state: State<'_, AppState>, hours: WorkingHours) -> CommandResult<WorkingHours> {
    state.with(|s| working_hours::set(s.conn(), &hours))
}

#[tauri::command(async)]
pub fn reset_working_hours(state: State<'_, AppState>) -> CommandResult<WorkingHours> {
    state.with(|s| working_hours::reset(s.conn()))
}

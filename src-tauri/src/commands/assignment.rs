//! 交办事项: the ledger page, one item's detail, registration, every action through one command,
//! the paper of an item (督办通知单, 催办单), and the settings of numbers and lights.

use luoshi_core::assignment::{
    self, lights, notice, number, ActionRequest, AssignmentDetail, AssignmentInput, LedgerPage, LedgerQuery,
    LightSettings,
};
use luoshi_core::calendar::Due;
use luoshi_core::print;
use tauri::ipc::Response;
use tauri::State;

use super::CommandResult;
use crate::state::AppState;

#[tauri::command(async)]
pub fn ledger_page(state: State<'_, AppState>, query: LedgerQuery) -> CommandResult<LedgerPage> {
    state.with(|s| assignment::ledger(s.conn(), &query))
}

#[tauri::command(async)]
pub fn assignment_tags(state: State<'_, AppState>) -> CommandResult<Vec<String>> {
    state.with(|s| assignment::tags_in_use(s.conn()))
}

#[tauri::command(async)]
pub fn assignment_detail(state: State<'_, AppState>, id: i64) -> CommandResult<AssignmentDetail> {
    state.with(|s| assignment::get_assignment_detail(s.conn(), id))
}

/// 登记: returns the new item's id.
#[tauri::command(async)]
pub fn register_assignment(state: State<'_, AppState>, input: AssignmentInput) -> CommandResult<i64> {
    state.with(|s| assignment::register(s.conn_mut(), &input))
}

#[tauri::command(async)]
pub fn default_deadline(
    state: State<'_, AppState>,
    category: String,
    assigned_at: Option<String>,
) -> CommandResult<Due> {
    state.with(|s| assignment::default_deadline(s.conn(), &category, assigned_at.as_deref()))
}

#[tauri::command(async)]
pub fn act_on_assignment(state: State<'_, AppState>, id: i64, request: ActionRequest) -> CommandResult<()> {
    state.with(|s| assignment::perform(s.conn_mut(), id, &request))
}

/// 督办通知单 as PDF bytes.
#[tauri::command(async)]
pub fn supervision_notice_pdf(state: State<'_, AppState>, id: i64) -> CommandResult<Response> {
    let doc = state.with(|s| notice::supervision_notice(s.conn(), id))?;
    print::render(&doc).map(Response::new).map_err(|e| e.body())
}

/// 催办单 of one 催办 event (the latest when `event_id` is omitted) as PDF bytes.
#[tauri::command(async)]
pub fn reminder_notice_pdf(
    state: State<'_, AppState>,
    id: i64,
    event_id: Option<i64>,
) -> CommandResult<Response> {
    let doc = state.with(|s| notice::reminder_notice(s.conn(), id, event_id))?;
    print::render(&doc).map(Response::new).map_err(|e| e.body())
}

#[tauri::command(async)]
pub fn get_number_prefix(state: State<'_, AppState>) -> CommandResult<String> {
    state.with(|s| number::get_prefix(s.conn()))
}

#[tauri::command(async)]
pub fn set_number_prefix(state: State<'_, AppState>, prefix: String) -> CommandResult<String> {
    state.with(|s| number::set_prefix(s.conn(), &prefix))
}

#[tauri::command(async)]
pub fn get_light_settings(state: State<'_, AppState>) -> CommandResult<LightSettings> {
    state.with(|s| lights::get_settings(s.conn()))
}

#[tauri::command(async)]
pub fn set_light_settings(
    state: State<'_, AppState>,
    settings: LightSettings,
) -> CommandResult<LightSettings> {
    state.with(|s| lights::set_settings(s.conn(), &settings))
}

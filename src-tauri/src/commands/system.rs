use luoshi_core::profile::{self, Profile, ProfileInput};
use luoshi_core::AppInfo;
use tauri::State;

use super::CommandResult;
use crate::state::AppState;

#[tauri::command(async)]
pub fn app_info(state: State<'_, AppState>) -> CommandResult<AppInfo> {
    state.with(|s| s.info())
}

#[tauri::command(async)]
pub fn get_profile(state: State<'_, AppState>) -> CommandResult<Option<Profile>> {
    state.with(|s| profile::get_profile(s.conn()))
}

#[tauri::command(async)]
pub fn set_profile(state: State<'_, AppState>, input: ProfileInput) -> CommandResult<Profile> {
    state.with(|s| profile::set_profile(s.conn_mut(), &input))
}

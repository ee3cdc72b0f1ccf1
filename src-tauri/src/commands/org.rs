use luoshi_core::org::{self, Person, PersonInput, PersonQuery, Unit, UnitInput, UnitQuery};
use tauri::State;

use super::CommandResult;
use crate::state::AppState;

#[tauri::command(async)]
pub fn list_units(state: State<'_, AppState>, query: UnitQuery) -> CommandResult<Vec<Unit>> {
    state.with(|s| org::list_units(s.conn(), &query))
}

#[tauri::command(async)]
pub fn add_unit(state: State<'_, AppState>, input: UnitInput) -> CommandResult<Unit> {
    state.with(|s| org::add_unit(s.conn_mut(), &input))
}

#[tauri::command(async)]
pub fn update_unit(state: State<'_, AppState>, id: i64, input: UnitInput) -> CommandResult<Unit> {
    state.with(|s| org::update_unit(s.conn_mut(), id, &input))
}

#[tauri::command(async)]
pub fn set_unit_active(state: State<'_, AppState>, id: i64, active: bool) -> CommandResult<Unit> {
    state.with(|s| org::set_unit_active(s.conn_mut(), id, active))
}

#[tauri::command(async)]
pub fn delete_unit(state: State<'_, AppState>, id: i64) -> CommandResult<()> {
    state.with(|s| org::delete_unit(s.conn_mut(), id))
}

#[tauri::command(async)]
pub fn list_persons(state: State<'_, AppState>, query: PersonQuery) -> CommandResult<Vec<Person>> {
    state.with(|s| org::list_persons(s.conn(), &query))
}

#[tauri::command(async)]
pub fn add_person(state: State<'_, AppState>, input: PersonInput) -> CommandResult<Person> {
    state.with(|s| org::add_person(s.conn_mut(), &input))
}

#[tauri::command(async)]
pub fn update_person(state: State<'_, AppState>, id: i64, input: PersonInput) -> CommandResult<Person> {
    state.with(|s| org::update_person(s.conn_mut(), id, &input))
}

#[tauri::command(async)]
pub fn set_person_active(state: State<'_, AppState>, id: i64, active: bool) -> CommandResult<Person> {
    state.with(|s| org::set_person_active(s.conn_mut(), id, active))
}

#[tauri::command(async)]
pub fn delete_person(state: State<'_, AppState>, id: i64) -> CommandResult<()> {
    state.with(|s| org::delete_person(s.conn_mut(), id))
}

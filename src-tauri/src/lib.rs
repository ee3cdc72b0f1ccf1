//! The desktop shell: opens the data folder, registers the commands, starts the window.
//! It only translates between the web UI and `luoshi-core`.

mod commands;
mod state;

use state::AppState;

pub fn run() {
    tauri::Builder::default()
        .manage(AppState::open())
        .invoke_handler(tauri::generate_handler![
            commands::system::app_info,
            commands::system::get_profile,
            commands::system::set_profile,
            commands::org::list_units,
            commands::org::add_unit,
            commands::org::update_unit,
            commands::org::set_unit_active,
            commands::org::delete_unit,
            commands::org::list_persons,
            commands::org::add_person,
            commands::org::update_person,
            commands::org::set_person_active,
            commands::org::delete_person,
        ])
        .run(tauri::generate_context!())
        .expect("error while running the 落实 window");
}

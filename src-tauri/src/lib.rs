//! The desktop shell: opens the data folder, registers the commands, starts the window.
//! It only translates between the web UI and `luoshi-core`.

mod commands;
mod state;

use state::AppState;

pub fn run() {
    // Parse the fonts while the window starts, so the first preview does not wait for them. A
    // failure here shows again, with its message, at the first print.
    std::thread::spawn(|| {
        let _ = luoshi_core::print::preload();
    });
    tauri::Builder::default()
        .plugin(tauri_plugin_dialog::init())
        .plugin(tauri_plugin_opener::init())
        .manage(AppState::open())
        .invoke_handler(commands::handler())
        .run(tauri::generate_context!())
        .expect("error while running the 落实 window");
}

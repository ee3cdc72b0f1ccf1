//! The desktop shell: opens the data folder, registers the commands, starts the window.
//! It only translates between the web UI and `luoshi-core`.

// Nothing a user can reach may panic on a value: errors go back as Chinese messages.
#![deny(clippy::unwrap_used, clippy::expect_used)]

mod commands;
mod state;

use state::AppState;

pub fn run() {
    // Parse the fonts while the window starts, so the first preview does not wait for them. A
    // failure here shows again, with its message, at the first print.
    std::thread::spawn(|| {
        let _ = luoshi_core::print::preload();
    });
    let ran = tauri::Builder::default()
        .plugin(tauri_plugin_dialog::init())
        .plugin(tauri_plugin_opener::init())
        .manage(AppState::open())
        .invoke_handler(commands::handler())
        .run(tauri::generate_context!());
    // The window could not start (no display, no WebView): say so and exit, not a panic trace.
    if let Err(e) = ran {
        eprintln!("落实的窗口无法启动：{e}");
        std::process::exit(1);
    }
}

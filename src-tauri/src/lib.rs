//! The desktop shell: opens the data folder, registers the commands, starts the window.
//! It only translates between the web UI and `luoshi-core`.

// Nothing a user can reach may panic on a value: errors go back as Chinese messages.
#![deny(clippy::unwrap_used, clippy::expect_used)]

mod commands;
mod reminders;
mod state;
#[cfg(windows)]
mod webview_check;

use state::AppState;
use tauri::Manager;

/// One window per data folder: a second start hands over to the first, which comes forward.
/// Two windows on one file would each keep their own unsaved text and settings.
fn single_instance() -> tauri::plugin::TauriPlugin<tauri::Wry> {
    let mut plugin = tauri_plugin_single_instance::Builder::new().callback(|app, _args, _cwd| {
        if let Some(window) = app.get_webview_window("main") {
            let _ = window.unminimize();
            let _ = window.show();
            let _ = window.set_focus();
        }
    });
    // On Linux the guard is a D-Bus name, which can carry the data folder; on Windows it is the
    // app's identifier (one data folder per user there).
    if let Ok(dir) = luoshi_core::paths::resolve_data_dir(None) {
        plugin = plugin.dbus_id(luoshi_core::paths::instance_id(&dir));
    }
    plugin.build()
}

pub fn run() {
    #[cfg(windows)]
    if !webview_check::webview_present() {
        std::process::exit(1);
    }
    // Parse the fonts while the window starts, so the first preview does not wait for them. A
    // failure here shows again, with its message, at the first print.
    std::thread::spawn(|| {
        let _ = luoshi_core::print::preload();
    });
    let ran = tauri::Builder::default()
        // First, so that a second start on the same data folder exits before it opens the store.
        .plugin(single_instance())
        .plugin(tauri_plugin_dialog::init())
        .plugin(tauri_plugin_opener::init())
        .plugin(tauri_plugin_notification::init())
        .manage(AppState::new())
        .setup(|app| {
            app.state::<AppState>().open();
            reminders::start(app.handle().clone());
            Ok(())
        })
        .invoke_handler(commands::handler())
        .run(tauri::generate_context!());
    // The window could not start (no display, no WebView): say so and exit, not a panic trace.
    if let Err(e) = ran {
        eprintln!("落实的窗口无法启动：{e}");
        std::process::exit(1);
    }
}

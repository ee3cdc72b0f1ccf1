//! The reminder loop: Tauri's notification plugin cannot schedule on desktop, so the app looks
//! itself, at start and every few minutes (设置 → 提醒), sends the bell's list to the window
//! (`reminders` event) and shows a desktop notification of what was not yet notified today, across
//! restarts ([`Notified`]). A notification is best effort: where the desktop shows none, the failure
//! is logged, never fatal.

use std::time::Duration;

use luoshi_core::remind::{self, Notified, Reminder};
use luoshi_core::time;
use tauri::{AppHandle, Emitter, Manager};
use tauri_plugin_notification::NotificationExt;

use crate::state::AppState;

/// The event the window listens to; its payload is the bell's list.
pub const EVENT: &str = "reminders";

/// Starts the loop on its own thread.
pub fn start(app: AppHandle) {
    std::thread::spawn(move || {
        let mut notified: Option<Notified> = None;
        loop {
            let now = time::now();
            let looked = app.state::<AppState>().with(|s| {
                let settings = remind::get_settings(s.conn())?;
                Ok((remind::for_bell(s.conn(), now)?, settings, s.data_dir().to_path_buf()))
            });
            let wait = match looked {
                Ok((list, settings, dir)) => {
                    let known = notified.get_or_insert_with(|| Notified::load(&dir));
                    let fresh = known.fresh(&list, now);
                    // In quiet hours nothing is notified, and nothing counts as notified.
                    if !settings.is_quiet(now) {
                        if !fresh.is_empty() {
                            notify(&app, &fresh);
                        }
                        if known.remember(&list, now) {
                            if let Err(e) = known.save(&dir) {
                                eprintln!("落实：无法记下已通知的提醒：{e}");
                            }
                        }
                    }
                    if let Err(e) = app.emit(EVENT, &list) {
                        eprintln!("落实：提醒无法送到窗口：{e}");
                    }
                    Duration::from_secs(u64::from(settings.every_minutes) * 60)
                }
                // Locked (encrypted) or not opened: look again soon.
                Err(_) => Duration::from_secs(30),
            };
            // Under the test clock a test moves "now" and waits for the bell: look every 2 s.
            let wait =
                if std::env::var_os(time::TEST_CLOCK_ENV).is_some() { Duration::from_secs(2) } else { wait };
            std::thread::sleep(wait);
        }
    });
}

/// One notification for what is new: the first entry, and how many more.
fn notify(app: &AppHandle, fresh: &[&Reminder]) {
    let Some(first) = fresh.first() else { return };
    let mut body = format!("{}：{} {}", first.kind.label(), first.number, first.title);
    if fresh.len() > 1 {
        body.push_str(&format!("，另有 {} 项需要关注", fresh.len() - 1));
    }
    let shown = app.notification().builder().title("落实 · 提醒").body(body).show();
    if let Err(e) = shown {
        eprintln!("落实：桌面通知未能显示（{e}），提醒仍在窗口的铃铛里");
    }
}

//! The reminder loop: Tauri's notification plugin cannot schedule on desktop, so the app looks
//! itself, at start and every few minutes (设置 → 提醒), sends the bell's list to the window
//! (`reminders` event) and shows a desktop notification of what is new since the last look. A
//! notification is best effort: where the desktop shows none, the failure is logged, never fatal.

use std::collections::HashSet;
use std::time::Duration;

use luoshi_core::remind::{self, RemindKind, Reminder};
use luoshi_core::time;
use tauri::{AppHandle, Emitter, Manager};
use tauri_plugin_notification::NotificationExt;

use crate::state::AppState;

/// The event the window listens to; its payload is the bell's list.
pub const EVENT: &str = "reminders";

/// Starts the loop on its own thread.
pub fn start(app: AppHandle) {
    std::thread::spawn(move || {
        let mut seen: HashSet<(i64, RemindKind)> = HashSet::new();
        loop {
            let now = time::now();
            let looked = app.state::<AppState>().with(|s| {
                let settings = remind::get_settings(s.conn())?;
                Ok((remind::for_bell(s.conn(), now)?, settings))
            });
            let wait = match looked {
                Ok((list, settings)) => {
                    let fresh: Vec<&Reminder> =
                        list.iter().filter(|r| !seen.contains(&(r.id, r.kind))).collect();
                    if !fresh.is_empty() && !settings.is_quiet(now) {
                        notify(&app, &fresh);
                    }
                    seen = list.iter().map(|r| (r.id, r.kind)).collect();
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

//! The window itself: one window per data folder. A second start on the same folder hands over to
//! the first window and exits before it opens the store; a start on another folder gets its own.

use std::time::{Duration, Instant};

use crate::harness::{Workspace, WAIT};

/// Waits up to `WAIT` for a child process to end; `None` if it is still running.
async fn wait_exit(child: &mut std::process::Child) -> Option<std::process::ExitStatus> {
    let deadline = Instant::now() + WAIT;
    while Instant::now() < deadline {
        if let Some(status) = child.try_wait().expect("poll the second start") {
            return Some(status);
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    None
}

#[tokio::test(flavor = "multi_thread")]
async fn a_second_start_on_the_same_data_folder_hands_over_and_exits() {
    let ws = Workspace::new().await;
    let app = ws.launch().await;
    app.by_test_id("profile-setup").await;

    let mut second = app.start_again(None);
    let status = wait_exit(&mut second).await;
    if status.is_none() {
        let _ = second.kill();
    }
    let status = status.expect("a second start on the same data folder exits by itself");
    assert!(status.success(), "the second start exits quietly: {status}");

    // Another data folder is another office's file: it gets its own window.
    let other = ws.data_dir().with_file_name("other-data");
    let mut third = app.start_again(Some(&other));
    tokio::time::sleep(Duration::from_secs(3)).await;
    let still_running = third.try_wait().expect("poll the third start").is_none();
    let _ = third.kill();
    let _ = third.wait();
    assert!(still_running, "a start on another data folder runs beside the first");
    assert!(other.join("luoshi.sqlite3").exists(), "and opens its own data file");

    // The first window still answers, and has the focus back.
    app.type_into("profile-name", "王玥").await;
    app.type_into("profile-unit", "综合办公室").await;
    app.click("profile-submit").await;
    app.by_test_id("current-user").await;
    app.screenshot("window-01-after-second-start").await;
    app.quit().await;
}

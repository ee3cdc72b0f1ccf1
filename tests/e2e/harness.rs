//! Starting and stopping the app for a test, and the few actions every test needs.

use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::Duration;

use thirtyfour::prelude::*;
use tokio::process::{Child, Command};

pub const WAIT: Duration = Duration::from_secs(15);
const POLL: Duration = Duration::from_millis(150);

/// The app binary: `LUOSHI_APP_BIN`, or `luoshi` in the target folder this test was built into.
pub fn app_binary() -> PathBuf {
    if let Some(bin) = std::env::var_os("LUOSHI_APP_BIN") {
        return PathBuf::from(bin);
    }
    let mut dir = std::env::current_exe().expect("test exe");
    dir.pop();
    if dir.ends_with("deps") {
        dir.pop();
    }
    dir.join("luoshi")
}

/// A fresh data folder (and XDG folders) for one test; kept across restarts of the app within it.
pub struct Workspace {
    pub root: tempfile::TempDir,
    /// tauri-driver's ports are fixed, so only one window runs at a time on this machine, across
    /// test threads and processes alike: an exclusive lock on a file, held while the workspace lives.
    _one_at_a_time: std::fs::File,
    xvfb: Option<std::process::Child>,
    display: String,
}

impl Workspace {
    pub async fn new() -> Workspace {
        let lock_path = std::env::temp_dir().join("luoshi-e2e.lock");
        let serial = tokio::task::spawn_blocking(move || {
            let file = std::fs::File::create(lock_path).expect("lock file");
            file.lock().expect("lock");
            file
        })
        .await
        .expect("lock task");
        let root = tempfile::tempdir().expect("temp dir");
        for sub in ["data", "xdg-data", "xdg-cache", "xdg-config", "xdg-runtime"] {
            std::fs::create_dir_all(root.path().join(sub)).expect("mkdir");
        }
        let (display, xvfb) = match std::env::var("DISPLAY") {
            Ok(d) if !d.is_empty() => (d, None),
            _ => start_xvfb(),
        };
        Workspace { root, _one_at_a_time: serial, xvfb, display }
    }

    pub fn data_dir(&self) -> PathBuf {
        self.root.path().join("data")
    }

    /// The ledgers another program wrote (`tests/fixtures/ledgers/make.py`, openpyxl and xlwt), in a
    /// folder of this workspace.
    pub fn ledgers(&self) -> PathBuf {
        let dir = self.root.path().join("ledgers");
        let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/ledgers/make.py");
        let made =
            std::process::Command::new("/usr/bin/python3").arg(&script).arg(&dir).output().expect("python3");
        assert!(made.status.success(), "make.py: {}", String::from_utf8_lossy(&made.stderr));
        dir
    }

    /// Sets the app's clock (RFC 3339) through the test clock file (`luoshi_core::time::TEST_CLOCK_ENV`);
    /// an app started after the first call reads "now" from it, and the next reminder look (every
    /// 2 s under the test clock) sees the new time.
    pub fn set_clock(&self, at: chrono::DateTime<chrono::FixedOffset>) {
        std::fs::write(self.clock_file(), luoshi_core::time::to_text(at)).expect("clock file");
    }

    fn clock_file(&self) -> PathBuf {
        self.root.path().join("clock")
    }

    pub fn database(&self) -> rusqlite::Connection {
        rusqlite::Connection::open(self.data_dir().join("luoshi.sqlite3")).expect("open database")
    }

    /// Starts the app on this workspace's data folder.
    pub async fn launch(&self) -> App {
        self.launch_binary(&app_binary()).await
    }

    /// Starts any Tauri binary the same way (the start-up benchmark launches a bare window too).
    pub async fn launch_binary(&self, bin: &Path) -> App {
        assert!(
            bin.exists(),
            "{} is missing: build it with `cargo build -p luoshi --features tauri/custom-protocol`",
            bin.display()
        );
        let bin = bin.to_path_buf();
        let root = self.root.path();
        kill_stale_drivers();
        let mut cmd = if which("dbus-run-session") {
            let mut c = Command::new("dbus-run-session");
            c.args(["--", "tauri-driver"]);
            c
        } else {
            Command::new("tauri-driver")
        };
        cmd.env("DISPLAY", &self.display)
            .env("LUOSHI_DATA_DIR", self.data_dir())
            .env("XDG_DATA_HOME", root.join("xdg-data"))
            .env("XDG_CACHE_HOME", root.join("xdg-cache"))
            .env("XDG_CONFIG_HOME", root.join("xdg-config"))
            .env("XDG_RUNTIME_DIR", root.join("xdg-runtime"))
            .env("NO_AT_BRIDGE", "1")
            .env("WEBKIT_DISABLE_COMPOSITING_MODE", "1")
            .envs(self.clock_file().exists().then(|| (luoshi_core::time::TEST_CLOCK_ENV, self.clock_file())))
            // WebKit and the portals are chatty on stderr; the test's own messages say what failed.
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .kill_on_drop(true);
        let driver_process =
            cmd.spawn().expect("tauri-driver must be installed (cargo install tauri-driver)");

        let mut caps = Capabilities::new();
        caps.set("browserName", "wry").expect("capability");
        caps.set("tauri:options", serde_json::json!({ "application": bin })).expect("capability");
        let mut last_error = None;
        for _ in 0..100 {
            match WebDriver::new("http://127.0.0.1:4444", caps.clone()).await {
                Ok(driver) => {
                    driver.set_implicit_wait_timeout(Duration::from_secs(0)).await.expect("timeouts");
                    return App { driver, driver_process, binary: bin };
                }
                Err(e) => {
                    last_error = Some(e);
                    tokio::time::sleep(Duration::from_millis(200)).await;
                }
            }
        }
        panic!("could not start the app through tauri-driver: {last_error:?}");
    }

    /// Where screenshots go (ignored by git): tests/e2e/screenshots/.
    pub fn screenshot_path(name: &str) -> PathBuf {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("e2e").join("screenshots");
        std::fs::create_dir_all(&dir).expect("screenshot dir");
        dir.join(format!("{name}.png"))
    }
}

impl Drop for Workspace {
    fn drop(&mut self) {
        if let Some(mut xvfb) = self.xvfb.take() {
            let _ = xvfb.kill();
            let _ = xvfb.wait();
        }
    }
}

/// Every process below `pid`, children before their parents' siblings, read from /proc.
/// Kills drivers left over by a test that died (a killed app can leave WebKitWebDriver orphaned),
/// and waits until they are gone: their ports are fixed, and this window holds the only lock, so
/// any still running are stale, and a new driver started while one still holds its port dies.
fn kill_stale_drivers() {
    let Ok(entries) = std::fs::read_dir("/proc") else { return };
    let mut stale = Vec::new();
    for entry in entries.flatten() {
        let Ok(pid) = entry.file_name().to_string_lossy().parse::<u32>() else { continue };
        let Ok(cmdline) = std::fs::read(entry.path().join("cmdline")) else { continue };
        let program = cmdline.split(|&b| b == 0).next().unwrap_or_default();
        let name = String::from_utf8_lossy(program);
        if name.ends_with("WebKitWebDriver") || name.ends_with("tauri-driver") {
            let _ = std::process::Command::new("kill").args(["-KILL", &pid.to_string()]).status();
            stale.push(pid);
        }
    }
    for pid in stale {
        for _ in 0..100 {
            // Gone, or a zombie (which holds no port).
            let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
            if stat.rsplit_once(')').is_none_or(|(_, rest)| rest.trim_start().starts_with('Z')) {
                break;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

fn descendants(pid: u32) -> Vec<u32> {
    let mut parents: Vec<(u32, u32)> = Vec::new();
    if let Ok(entries) = std::fs::read_dir("/proc") {
        for entry in entries.flatten() {
            let Ok(child) = entry.file_name().to_string_lossy().parse::<u32>() else { continue };
            let Ok(stat) = std::fs::read_to_string(entry.path().join("stat")) else { continue };
            // The parent pid is the second field after the parenthesised command name.
            let ppid =
                stat.rsplit_once(')').and_then(|(_, rest)| rest.split_whitespace().nth(1)?.parse().ok());
            if let Some(ppid) = ppid {
                parents.push((child, ppid));
            }
        }
    }
    let mut found = Vec::new();
    let mut frontier = vec![pid];
    while let Some(parent) = frontier.pop() {
        for &(child, ppid) in &parents {
            if ppid == parent && child != pid {
                found.push(child);
                frontier.push(child);
            }
        }
    }
    found
}

#[allow(dead_code)] // used by the start-up benchmark (tests/bench/startup.rs)
fn rss_kib(pid: u32) -> u64 {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .ok()
        .and_then(|status| {
            let line = status.lines().find(|l| l.starts_with("VmRSS:"))?.to_owned();
            line.split_whitespace().nth(1)?.parse().ok()
        })
        .unwrap_or(0)
}

fn which(program: &str) -> bool {
    std::env::var_os("PATH")
        .map(|paths| std::env::split_paths(&paths).any(|p| p.join(program).is_file()))
        .unwrap_or(false)
}

/// Starts a private X server on a free display number.
fn start_xvfb() -> (String, Option<std::process::Child>) {
    for number in 90..140 {
        let lock = format!("/tmp/.X{number}-lock");
        if Path::new(&lock).exists() {
            // A lock whose server is gone (a test run that was killed) frees its number.
            let pid = std::fs::read_to_string(&lock).unwrap_or_default().trim().to_string();
            if pid.is_empty() || Path::new(&format!("/proc/{pid}")).exists() {
                continue;
            }
            let _ = std::fs::remove_file(&lock);
            let _ = std::fs::remove_file(format!("/tmp/.X11-unix/X{number}"));
        }
        let display = format!(":{number}");
        #[allow(clippy::zombie_processes)] // waited for in Workspace::drop
        let child = std::process::Command::new("Xvfb")
            .args([display.as_str(), "-screen", "0", "1366x900x24", "-nolisten", "tcp"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("Xvfb must be installed when there is no DISPLAY");
        for _ in 0..50 {
            if Path::new(&format!("/tmp/.X11-unix/X{number}")).exists() {
                return (display, Some(child));
            }
            std::thread::sleep(Duration::from_millis(100));
        }
    }
    panic!("could not start Xvfb");
}

/// A running app window.
pub struct App {
    pub driver: WebDriver,
    driver_process: Child,
    #[allow(dead_code)] // used by the start-up benchmark (tests/bench/startup.rs)
    binary: PathBuf,
}

impl App {
    /// The first element matching a `data-testid`, waiting until it is shown.
    pub async fn by_test_id(&self, id: &str) -> WebElement {
        self.css(&format!("[data-testid='{id}']")).await
    }

    /// The text of an element found by `data-testid`.
    pub async fn text_of(&self, id: &str) -> String {
        self.by_test_id(id).await.text().await.unwrap_or_else(|e| panic!("text of {id}: {e}"))
    }

    /// An attribute of an element found by `data-testid` ("" when it has none).
    pub async fn attr(&self, id: &str, name: &str) -> String {
        let element = self.by_test_id(id).await;
        element.attr(name).await.unwrap_or_else(|e| panic!("{name} of {id}: {e}")).unwrap_or_default()
    }

    /// Waits until the text of the element found by `data-testid` contains `want`.
    pub async fn wait_text(&self, id: &str, want: &str) {
        let deadline = std::time::Instant::now() + WAIT;
        loop {
            let text = self.text_of(id).await;
            if text.contains(want) {
                return;
            }
            assert!(std::time::Instant::now() < deadline, "{id} shows “{text}”, expected “{want}”");
            tokio::time::sleep(POLL).await;
        }
    }

    pub async fn css(&self, selector: &str) -> WebElement {
        match self.visible(By::Css(selector)).await {
            Ok(element) => element,
            Err(e) => self.fail(&format!("no visible element {selector}: {e}")).await,
        }
    }

    /// The first displayed element `by` finds, waiting for it. A list that re-renders while it is
    /// looked at leaves the element just found stale: then it is looked for again.
    async fn visible(&self, by: By) -> WebDriverResult<WebElement> {
        let deadline = std::time::Instant::now() + WAIT;
        loop {
            match self.driver.query(by.clone()).wait(WAIT, POLL).and_displayed().first().await {
                Err(e) if e.to_string().contains("stale") && std::time::Instant::now() < deadline => {
                    tokio::time::sleep(POLL).await
                }
                found => return found,
            }
        }
    }

    /// The start of the HTML of whatever covers the centre of the element: what took the click.
    async fn element_on_top_of(&self, selector: &str) -> String {
        let script = format!(
            "const r = document.querySelector({selector:?}).getBoundingClientRect();
             const e = document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2);
             return e ? e.outerHTML.slice(0, 300) : 'nothing';"
        );
        match self.driver.execute(&script, vec![]).await {
            Ok(value) => value.json().to_string(),
            Err(e) => format!("unknown ({e})"),
        }
    }

    /// Fails the test with a screenshot of what the window showed at that moment.
    async fn fail(&self, why: &str) -> ! {
        let path = Workspace::screenshot_path("failure");
        let _ = self.driver.screenshot(&path).await;
        // Messages and field errors on screen usually say why.
        let shown = self
            .driver
            .execute(
                "return Array.from(document.querySelectorAll('.ant-message-notice, .ant-form-item-explain-error, .ant-alert'))
                   .map(e => e.innerText).join(' | ');",
                vec![],
            )
            .await
            .map(|v| v.json().to_string())
            .unwrap_or_default();
        panic!("{why} (on screen: {shown}; screenshot: {})", path.display());
    }

    /// An element whose text contains `text`, waiting until it appears.
    pub async fn text(&self, text: &str) -> WebElement {
        let xpath = format!("//*[not(self::script)][contains(normalize-space(text()), '{text}')]");
        match self.visible(By::XPath(&xpath)).await {
            Ok(element) => element,
            Err(e) => self.fail(&format!("“{text}” never appeared: {e}")).await,
        }
    }

    /// Clicks an element found by `data-testid`. An element under a dialog or drawer that is still
    /// opening or closing does not take the click yet: try again until it does.
    pub async fn click(&self, id: &str) {
        self.click_css(&format!("[data-testid='{id}']")).await;
    }

    pub async fn click_css(&self, selector: &str) {
        self.settle().await;
        let deadline = std::time::Instant::now() + WAIT;
        while let Err(e) = self.css(selector).await.click().await {
            if std::time::Instant::now() > deadline {
                let on_top = self.element_on_top_of(selector).await;
                self.fail(&format!("{selector} never took a click: {e}; on top of it: {on_top}")).await;
            }
            tokio::time::sleep(POLL).await;
        }
    }

    /// Types into an input found by `data-testid`, replacing what it held (select all, delete), as a
    /// person does; WebDriver's own clear() bypasses React and leaves the form's value in place.
    pub async fn type_into(&self, id: &str, text: &str) {
        // antd puts the test id on the input itself, or on a wrapper around it (Input.Search).
        let input = self
            .css(&format!(
                "input[data-testid='{id}'], textarea[data-testid='{id}'], [data-testid='{id}'] input"
            ))
            .await;
        input.send_keys(Key::Control + "a").await.expect("select all");
        input.send_keys(Key::Backspace).await.expect("delete");
        if !text.is_empty() {
            input.send_keys(text).await.unwrap_or_else(|e| panic!("type into {id}: {e}"));
        }
    }

    /// Opens an antd Select (by the `data-testid` on it) and picks the option with this label.
    pub async fn choose(&self, id: &str, label: &str) {
        self.click(id).await;
        self.pick_option(label).await;
    }

    /// Opens an antd Select with search, types `search` as a person narrowing a long list does (the
    /// list draws only the options in view), and picks the option with this label.
    pub async fn search_and_choose(&self, id: &str, search: &str, label: &str) {
        self.click(id).await;
        let input = self.css(&format!("[data-testid='{id}'] input")).await;
        input.send_keys(search).await.unwrap_or_else(|e| panic!("type into {id}: {e}"));
        self.pick_option(label).await;
    }

    /// Clicks the option with this label in the open Select's dropdown.
    async fn pick_option(&self, label: &str) {
        let option = self
            .driver
            .query(By::Css(format!(".ant-select-dropdown .ant-select-item-option[title='{label}']")))
            .wait(WAIT, POLL)
            .and_displayed()
            .first()
            .await
            .unwrap_or_else(|e| panic!("no option {label}: {e}"));
        option.click().await.expect("choose option");
    }

    /// Waits until dialogs have finished zooming and drawers sliding: a click during the animation
    /// can land beside its target, and a drawer that finishes closing gives the focus back to the
    /// button that opened it, taking any typing that follows.
    pub async fn settle(&self) {
        self.wait_gone(
            "[class*='ant-zoom-appear'], [class*='ant-zoom-enter'], [class*='ant-zoom-leave'], \
             [class*='ant-drawer-panel-motion']",
        )
        .await;
    }

    /// Closes the open modal by its ×, as a person does, and waits until it has gone.
    pub async fn close_modal(&self) {
        self.click_css(".ant-modal-close").await;
        self.wait_gone(".ant-modal-wrap").await;
    }

    /// Waits until no element matching `selector` is shown (e.g. a closed dialog), and fails with
    /// a screenshot when one still is after the wait. An element removed while being looked at is
    /// gone.
    pub async fn wait_gone(&self, selector: &str) {
        let deadline = std::time::Instant::now() + WAIT;
        loop {
            let mut shown = false;
            for element in self.driver.find_all(By::Css(selector)).await.unwrap_or_default() {
                shown |= element.is_displayed().await.unwrap_or(false);
            }
            if !shown {
                return;
            }
            if std::time::Instant::now() > deadline {
                self.fail(&format!("{selector} did not go away")).await;
            }
            tokio::time::sleep(POLL).await;
        }
    }

    pub async fn screenshot(&self, name: &str) {
        let path = Workspace::screenshot_path(name);
        self.driver.screenshot(&path).await.expect("screenshot");
    }

    /// Closes the window and the driver, as a user quitting the app.
    pub async fn quit(mut self) {
        self.driver.clone().quit().await.expect("quit");
        self.stop_driver();
        let _ = self.driver_process.wait().await;
    }

    /// Resident memory of the app and the WebKit processes it started, in KiB.
    #[allow(dead_code)] // used by the start-up benchmark (tests/bench/startup.rs)
    pub fn app_memory_kib(&self) -> u64 {
        let Some(driver) = self.driver_process.id() else { return 0 };
        let tree = descendants(driver);
        // WebKit's web and network processes are children of the app.
        let binary = std::fs::canonicalize(&self.binary).unwrap_or_else(|_| self.binary.clone());
        let app = tree
            .into_iter()
            .find(|&pid| std::fs::read_link(format!("/proc/{pid}/exe")).is_ok_and(|exe| exe == binary));
        let Some(app) = app else { return 0 };
        std::iter::once(app).chain(descendants(app)).map(rss_kib).sum()
    }

    /// Stops the driver, WebKitWebDriver and the app: the driver's whole process tree.
    fn stop_driver(&mut self) {
        if let Some(pid) = self.driver_process.id() {
            let mut tree = descendants(pid);
            tree.push(pid);
            let pids: Vec<String> = tree.iter().map(u32::to_string).collect();
            let _ = std::process::Command::new("kill").arg("-TERM").args(&pids).status();
        }
    }

    /// Kills the app's own process with SIGKILL, as a crash or a power cut would: nothing that runs
    /// at exit (window close handlers, page hide) gets a chance. The driver stays; drop the App.
    pub fn kill_app(&self) {
        let app = self.app_pid();
        let status =
            std::process::Command::new("kill").args(["-KILL", &app.to_string()]).status().expect("run kill");
        assert!(status.success(), "kill -KILL {app} failed");
    }
}

impl App {
    /// The app's own process, among the driver's descendants.
    pub fn app_pid(&self) -> u32 {
        let driver = self.driver_process.id().expect("tauri-driver is running");
        let binary = std::fs::canonicalize(&self.binary).unwrap_or_else(|_| self.binary.clone());
        descendants(driver)
            .into_iter()
            .find(|&pid| std::fs::read_link(format!("/proc/{pid}/exe")).is_ok_and(|exe| exe == binary))
            .expect("the app's process among the driver's descendants")
    }

    /// Makes the app's open and save dialogs answer `path` at once, as if the person had chosen it:
    /// WebDriver cannot reach the system's dialogs (`testAnswer` in `ui/src/api/dialogs.ts`).
    pub async fn answer_dialogs_with(&self, path: &Path) {
        let script =
            format!("window.__luoshiDialogAnswer = {};", serde_json::json!(path.display().to_string()));
        self.driver.execute(&script, vec![]).await.expect("set the dialog answer");
    }

    /// Closes the window as the title bar's × does: the same close request reaches the app (Tauri's
    /// `close` emits the window's CloseRequested event first), so its close guard runs. Waits until
    /// the app's process has ended, then stops the driver.
    pub async fn close_as_user(mut self) {
        let app = self.app_pid();
        // Asked on the next tick, so the script returns before the page goes away.
        let script = "setTimeout(() => window.__TAURI_INTERNALS__.invoke('plugin:window|close', { label: 'main' }), 0);";
        self.driver.execute(script, vec![]).await.expect("request the close");
        let deadline = std::time::Instant::now() + WAIT;
        while Path::new(&format!("/proc/{app}")).exists() && !is_zombie(app) {
            assert!(std::time::Instant::now() < deadline, "the window did not close within {WAIT:?}");
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        self.stop_driver();
        let _ = self.driver_process.wait().await;
    }

    /// Starts the app binary again as a second process in the first one's session (its D-Bus, display
    /// and data folder, or `data_dir` instead), and returns it running.
    pub fn start_again(&self, data_dir: Option<&Path>) -> std::process::Child {
        let environ =
            std::fs::read(format!("/proc/{}/environ", self.app_pid())).expect("the app's environment");
        let mut cmd = std::process::Command::new(&self.binary);
        cmd.env_clear().stdout(Stdio::null()).stderr(Stdio::null());
        for pair in environ.split(|&b| b == 0).filter(|p| !p.is_empty()) {
            let pair = String::from_utf8_lossy(pair);
            if let Some((key, value)) = pair.split_once('=') {
                cmd.env(key, value);
            }
        }
        if let Some(dir) = data_dir {
            cmd.env("LUOSHI_DATA_DIR", dir);
        }
        cmd.spawn().expect("start the app a second time")
    }
}

fn is_zombie(pid: u32) -> bool {
    std::fs::read_to_string(format!("/proc/{pid}/stat"))
        .map(|stat| stat.rsplit_once(')').is_some_and(|(_, rest)| rest.trim_start().starts_with('Z')))
        .unwrap_or(true)
}

/// A failed test must not leave the driver holding its fixed ports for the next one.
impl Drop for App {
    fn drop(&mut self) {
        self.stop_driver();
    }
}

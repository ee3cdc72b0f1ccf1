//! The Windows build under Wine (run by `.ci/windows --test`, which cross-builds it first): the
//! installer installs per user, puts the window, the CLI and the WebView2 loader in place with
//! their shortcuts and uninstall entry, the installed CLI keeps its data in %APPDATA%, and the
//! uninstaller removes the program but keeps the data. The CLI's own smoke suite is the integration
//! tests run against the Windows `luoshi-cli.exe` (`.ci/windows`, tests/wine/smoke-suite.txt).

#[path = "../integration/fixtures.rs"]
#[allow(dead_code)]
mod fixtures;

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Output, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

const UNINSTALL_KEY: &str = r"HKCU\Software\Microsoft\Windows\CurrentVersion\Uninstall\cn.luoshi.desktop";

/// A path `.ci/windows` passes in the environment.
fn given(name: &str) -> PathBuf {
    PathBuf::from(
        std::env::var_os(name).unwrap_or_else(|| panic!("{name} is not set: run bash .ci/windows --test")),
    )
}

fn wine(exe: &Path, args: &[&str]) -> Output {
    fixtures::wine_command(exe).args(args).output().expect("wine runs")
}

/// The Wine prefix's drive C: and the user's folders in it.
struct Prefix {
    c: PathBuf,
    user: PathBuf,
}

impl Prefix {
    fn new() -> Self {
        let c = given("WINEPREFIX").join("drive_c");
        let user = std::fs::read_dir(c.join("users"))
            .expect("users")
            .filter_map(|e| e.ok().map(|e| e.path()))
            .find(|p| !p.ends_with("Public"))
            .expect("a user folder");
        Prefix { c, user }
    }

    fn programs(&self) -> PathBuf {
        self.user.join("AppData/Local/Programs/落实")
    }

    fn data_dir(&self) -> PathBuf {
        self.user.join("AppData/Roaming/cn.luoshi.desktop")
    }

    fn start_menu_link(&self) -> PathBuf {
        self.user.join("AppData/Roaming/Microsoft/Windows/Start Menu/Programs/落实.lnk")
    }

    /// Wine may link the Windows desktop to the Linux one; either way it shows through this path.
    fn desktop_link(&self) -> PathBuf {
        self.user.join("Desktop/落实.lnk")
    }
}

/// `reg query KEY /v NAME` through Wine: the value's text, or None when it is absent.
fn registry_value(name: &str) -> Option<String> {
    let out = fixtures::wine_command(Path::new("reg"))
        .args(["query", UNINSTALL_KEY, "/v", name])
        .output()
        .expect("reg");
    if !out.status.success() {
        return None;
    }
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    let line = text.lines().find(|l| l.trim_start().starts_with(name))?;
    Some(line.split("REG_").nth(1)?.split_once(char::is_whitespace)?.1.trim().to_string())
}

/// The NSIS uninstaller copies itself away and returns at once; the files go a moment later.
fn wait_until_gone(path: &Path) {
    let started = Instant::now();
    while path.exists() {
        assert!(
            started.elapsed() < Duration::from_secs(60),
            "{} still there after uninstalling",
            path.display()
        );
        std::thread::sleep(Duration::from_millis(200));
    }
}

/// A string of an executable's version resource: the UTF-16LE key, its terminator and padding to
/// four bytes, then the value up to its terminator.
fn version_string(exe: &[u8], key: &str) -> Option<String> {
    let key: Vec<u8> = key.encode_utf16().chain([0]).flat_map(u16::to_le_bytes).collect();
    let at = exe.windows(key.len()).position(|w| w == key.as_slice())? + key.len();
    let units: Vec<u16> = exe[at..]
        .chunks_exact(2)
        .map(|c| u16::from_le_bytes([c[0], c[1]]))
        .skip_while(|&u| u == 0)
        .take_while(|&u| u != 0)
        .collect();
    String::from_utf16(&units).ok()
}

/// The window's first start on a PC without WebView2 (Wine has none): it stops at a message box
/// that says in Chinese what to install, rather than exiting without a word. The test sees the
/// check's log line, finds the box still waiting for the clerk, and closes it.
fn window_says_webview2_is_missing(exe: &Path) {
    let mut window =
        fixtures::wine_command(exe).stdout(Stdio::null()).stderr(Stdio::piped()).spawn().expect("window");
    let stderr = window.stderr.take().expect("stderr");
    let (lines, said) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            let _ = lines.send(line);
        }
    });
    let deadline = Instant::now() + Duration::from_secs(90);
    let mut other = Vec::new();
    let found = loop {
        match said.recv_timeout(Duration::from_millis(200)) {
            Ok(line) if line.contains("WebView2 not found") => break true,
            Ok(line) => other.push(line),
            Err(mpsc::RecvTimeoutError::Timeout) if Instant::now() < deadline => {}
            Err(_) => break false,
        }
    };
    std::thread::sleep(Duration::from_secs(1));
    let waiting = window.try_wait().expect("status").is_none();
    let _ = window.kill();
    let _ = window.wait();
    assert!(found, "the WebView2 check ran: {other:?}");
    assert!(waiting, "the message box waits for the clerk instead of the window vanishing");
}

#[test]
fn installer_installs_for_the_user_and_uninstalling_keeps_the_data() {
    let installer = given("LUOSHI_TEST_WINDOWS_INSTALLER");
    let name = installer.file_name().expect("name").to_string_lossy().into_owned();
    assert!(name.starts_with("落实-") && name.ends_with("-x64-setup.exe"), "{name}");

    // The installer's own properties: product, version and publisher, in Chinese.
    let bytes = std::fs::read(&installer).expect("installer");
    for (key, value) in [
        ("ProductName", "落实"),
        ("ProductVersion", env!("CARGO_PKG_VERSION")),
        ("CompanyName", "落实开发组"),
    ] {
        assert_eq!(version_string(&bytes, key).as_deref(), Some(value), "version key {key}");
    }
    assert!(
        !bytes.windows(b"ProcessPrng".len()).any(|w| w == b"ProcessPrng"),
        "the Wine stand-in must never be shipped"
    );

    let prefix = Prefix::new();
    let _ = std::fs::remove_dir_all(prefix.data_dir());
    let out = wine(&installer, &["/S"]);
    assert!(out.status.success(), "installer: {}", String::from_utf8_lossy(&out.stderr));

    let programs = prefix.programs();
    for file in ["luoshi.exe", "luoshi-cli.exe", "WebView2Loader.dll", "uninstall.exe"] {
        assert!(programs.join(file).is_file(), "{file} installed in {}", programs.display());
    }
    assert!(!programs.join("bcryptprimitives.dll").exists());
    assert!(prefix.start_menu_link().is_file(), "Start-menu entry 落实");
    assert!(prefix.desktop_link().is_file(), "desktop entry 落实");
    assert_eq!(registry_value("DisplayVersion").as_deref(), Some(env!("CARGO_PKG_VERSION")));
    assert!(registry_value("UninstallString").is_some_and(|v| v.contains("uninstall.exe")));
    assert!(registry_value("EstimatedSize").is_some());
    assert!(prefix.programs().starts_with(&prefix.c), "installed under the user's own folder");

    // The installed CLI with no data folder named uses %APPDATA%\cn.luoshi.desktop. Wine 8 lacks
    // ProcessPrng: the test (only) puts the stand-in beside it, and takes it away again.
    let stand_in = programs.join("bcryptprimitives.dll");
    std::fs::copy(given("LUOSHI_TEST_WINE_STAND_IN"), &stand_in).expect("stand-in");
    let cli = programs.join("luoshi-cli.exe");
    let info = fixtures::json(
        &fixtures::wine_command(&cli).arg("info").env_remove("LUOSHI_DATA_DIR").output().expect("info"),
    );
    let shown = info["data_dir"].as_str().expect("data_dir");
    assert!(shown.starts_with("C:\\") && shown.ends_with("\\AppData\\Roaming\\cn.luoshi.desktop"), "{shown}");
    let added = wine(&cli, &["unit", "add", "--name", "市政府督查室（王玥、陈堃）", "--json"]);
    fixtures::json(&added);
    window_says_webview2_is_missing(&programs.join("luoshi.exe"));
    std::fs::remove_file(&stand_in).expect("stand-in removed");

    let out = wine(&programs.join("uninstall.exe"), &["/S"]);
    assert!(out.status.success(), "uninstaller: {}", String::from_utf8_lossy(&out.stderr));
    wait_until_gone(&programs.join("luoshi.exe"));
    wait_until_gone(&prefix.start_menu_link());
    wait_until_gone(&prefix.desktop_link());
    wait_until_gone(&programs);
    assert_eq!(registry_value("DisplayName"), None, "the uninstall entry is gone");

    // The data stays, and the Linux build reads the file the Windows build wrote.
    let store = luoshi_core::Store::open(&prefix.data_dir()).expect("the data folder kept");
    let units = luoshi_core::org::find_active_unit_by_name(store.conn(), "市政府督查室（王玥、陈堃）");
    assert!(units.expect("reads").is_some(), "the unit added under Windows");
}

//! Shared by the integration tests: the CLI binary, the outside tools that read our files back, and
//! the directory the item tests start from. Builders that the core's unit tests use too (a unit, a
//! person, a directory, a file of tests/fixtures/) are in `luoshi_core::test_support`.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use luoshi_core::test_support::ItemDirectory;
use luoshi_core::Store;

/// The `luoshi-cli` binary built beside this test.
pub fn cli_bin() -> PathBuf {
    let mut dir = std::env::current_exe().expect("test exe");
    dir.pop();
    if dir.ends_with("deps") {
        dir.pop();
    }
    dir.join(format!("luoshi-cli{}", std::env::consts::EXE_SUFFIX))
}

/// Set to a Windows `luoshi-cli.exe` (by `.ci/windows`), the tests run that under Wine instead of
/// the CLI built beside them: the Windows build's smoke suite.
pub const WINDOWS_CLI_ENV: &str = "LUOSHI_TEST_WINDOWS_CLI";

/// `luoshi-cli --data-dir DIR ARGS…`, with none of the caller's data folder or secrets in its
/// environment but `env`; the caller chooses how to run it.
pub fn cli_command(data_dir: &Path, args: &[&str], env: &[(&str, &str)]) -> Command {
    let mut command = match std::env::var_os(WINDOWS_CLI_ENV) {
        Some(exe) => wine_command(Path::new(&exe)),
        None => {
            let bin = cli_bin();
            assert!(
                bin.exists(),
                "{} is missing: build the workspace first (cargo build --workspace)",
                bin.display()
            );
            Command::new(bin)
        }
    };
    command
        .arg("--data-dir")
        .arg(cli_path(data_dir))
        .args(args)
        .env_remove("LUOSHI_DATA_DIR")
        .env_remove(luoshi_core::encryption::PASSWORD_ENV)
        .env_remove(luoshi_core::encryption::RECOVERY_KEY_ENV)
        .envs(env.iter().copied());
    command
}

/// `path` as the CLI under test is given it: under Wine as a Windows path, `Z:\…` (Wine's drive
/// for `/`), as a Windows user would type it.
pub fn cli_path(path: &Path) -> String {
    match std::env::var_os(WINDOWS_CLI_ENV) {
        Some(_) => format!("Z:{}", path.display()).replace('/', "\\"),
        None => path.display().to_string(),
    }
}

/// A path the CLI under test printed, as this test opens it (the inverse of [`cli_path`]).
pub fn host_path(printed: &str) -> PathBuf {
    match printed.strip_prefix("Z:") {
        Some(rest) if std::env::var_os(WINDOWS_CLI_ENV).is_some() => PathBuf::from(rest.replace('\\', "/")),
        _ => PathBuf::from(printed),
    }
}

/// `wine EXE`, quiet, in the prefix `.ci/windows` prepared (`WINEPREFIX`), decoding arguments as UTF-8.
pub fn wine_command(exe: &Path) -> Command {
    let mut command = Command::new("wine");
    command.arg(exe).env("WINEDEBUG", "-all").env("LANG", "C.UTF-8").env("LC_ALL", "C.UTF-8");
    command
}

/// Runs `luoshi-cli --data-dir DIR ARGS…`.
pub fn cli(data_dir: &Path, args: &[&str]) -> Output {
    cli_command(data_dir, args, &[]).output().expect("runs")
}

/// The JSON the CLI printed on success.
pub fn json(output: &Output) -> serde_json::Value {
    assert!(output.status.success(), "failed: {}", String::from_utf8_lossy(&output.stderr));
    serde_json::from_slice(&output.stdout).expect("JSON on stdout")
}

/// Runs a reading tool (pdftotext, pdffonts, qpdf…) and returns what it printed.
pub fn tool(name: &str, args: &[&str]) -> String {
    let out = Command::new(name)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("{name} is needed for these tests (poppler-utils, qpdf): {e}"));
    assert!(out.status.success(), "{name} {args:?}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).expect("utf-8")
}

/// Runs a Python script with openpyxl (Debian's python3-openpyxl, so the system interpreter) on
/// `args` and returns the JSON it prints: spreadsheets are read back by another program.
pub fn openpyxl(script: &str, args: &[&str]) -> serde_json::Value {
    let out = Command::new("/usr/bin/python3")
        .arg("-c")
        .arg(script)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("/usr/bin/python3 is needed for these tests: {e}"));
    assert!(
        out.status.success(),
        "openpyxl (apt-get install python3-openpyxl): {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("JSON from the script")
}

/// LibreOffice reads the files back: a different program from the one that wrote them.
pub fn soffice() -> &'static str {
    let found = Command::new("soffice").arg("--version").output().is_ok_and(|o| o.status.success());
    assert!(
        found,
        "soffice (LibreOffice) is needed for these tests: apt-get install libreoffice-writer-nogui"
    );
    "soffice"
}

/// Converts `file` with LibreOffice into `dir`, with a private profile so that runs in parallel do
/// not share one, and returns the converted file's path.
pub fn convert(soffice: &str, file: &Path, to: &str, ext: &str, dir: &Path) -> PathBuf {
    let profile = dir.join("lo-profile");
    let out = Command::new(soffice)
        .arg(format!("-env:UserInstallation=file://{}", profile.display()))
        .args(["--headless", "--convert-to", to, "--outdir"])
        .arg(dir)
        .arg(file)
        .output()
        .expect("soffice runs");
    assert!(out.status.success(), "soffice: {}", String::from_utf8_lossy(&out.stderr));
    let converted = dir.join(file.file_stem().expect("stem")).with_extension(ext);
    assert!(converted.exists(), "{} missing: {}", converted.display(), String::from_utf8_lossy(&out.stdout));
    converted
}

/// The directory of the item tests: 市住房和城乡建设局 (lead) and 市城市管理局, and 王建国 in the first.
pub fn item_directory(store: &mut Store) -> ItemDirectory {
    ItemDirectory::add(store.conn_mut(), ["市住房和城乡建设局", "市城市管理局"], "王建国")
}

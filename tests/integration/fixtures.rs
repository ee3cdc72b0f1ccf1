//! Shared by the integration tests: the CLI binary and the JSON it prints.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The `luoshi-cli` binary built beside this test.
pub fn cli_bin() -> PathBuf {
    let mut dir = std::env::current_exe().expect("test exe");
    dir.pop();
    if dir.ends_with("deps") {
        dir.pop();
    }
    dir.join(format!("luoshi-cli{}", std::env::consts::EXE_SUFFIX))
}

/// Runs `luoshi-cli --data-dir DIR ARGS…`.
pub fn cli(data_dir: &Path, args: &[&str]) -> Output {
    let bin = cli_bin();
    assert!(
        bin.exists(),
        "{} is missing: build the workspace first (cargo build --workspace)",
        bin.display()
    );
    Command::new(bin)
        .arg("--data-dir")
        .arg(data_dir)
        .args(args)
        .env_remove("LUOSHI_DATA_DIR")
        .output()
        .expect("runs")
}

/// The JSON the CLI printed on success.
pub fn json(output: &Output) -> serde_json::Value {
    assert!(output.status.success(), "failed: {}", String::from_utf8_lossy(&output.stderr));
    serde_json::from_slice(&output.stdout).expect("JSON on stdout")
}

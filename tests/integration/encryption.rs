//! 数据加密 through the CLI on a real data folder: switched on with a password read from stdin,
//! the file and its backups unreadable without it, opened with the password or the recovery key
//! from the environment, the rest of the CLI working on it, switched off again. The recovery sheet
//! is rendered and read back with pdftotext and pdffonts.

use std::io::Write;
use std::path::Path;
use std::process::{Output, Stdio};

use luoshi_core::encryption::{self, RecoveryKey};

use crate::fixtures::{cli, cli_command, json, tool};

const PASSWORD: &str = "督查室2026春";

/// `luoshi-cli --data-dir DIR ARGS…` with environment variables and a line on stdin.
fn cli_with(data_dir: &Path, args: &[&str], env: &[(&str, &str)], stdin: &str) -> Output {
    let mut child = cli_command(data_dir, args, env)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("runs");
    child.stdin.take().expect("stdin").write_all(stdin.as_bytes()).expect("write");
    child.wait_with_output().expect("waits")
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn has_bytes(path: &Path, needle: &str) -> bool {
    std::fs::read(path).expect("read").windows(needle.len()).any(|w| w == needle.as_bytes())
}

#[test]
fn an_encrypted_folder_opens_only_with_its_password_or_recovery_key() {
    let dir = tempfile::tempdir().expect("temp dir");
    let data = dir.path();
    json(&cli(data, &["unit", "add", "--name", "王玥督查组"]));
    json(&cli(data, &["backup", "create"]));

    let short = cli_with(data, &["encryption", "enable"], &[], "1234567\n");
    assert_eq!(short.status.code(), Some(2), "{}", stderr(&short));
    assert!(stderr(&short).contains("密码应为 8—128 个字符"), "{}", stderr(&short));
    assert_eq!(json(&cli(data, &["encryption", "status"]))["enabled"], false, "nothing changed");

    let on = cli_with(data, &["encryption", "enable"], &[], &format!("{PASSWORD}\n"));
    let recovery = json(&on)["recovery_key"].as_str().expect("recovery key").to_string();
    RecoveryKey::parse(&recovery).expect("a well-formed key");
    assert_eq!(
        json(&cli(data, &["encryption", "status"])),
        serde_json::json!({"enabled": true, "has_password": true})
    );
    let key_file: serde_json::Value =
        serde_json::from_slice(&std::fs::read(data.join(encryption::KEY_FILE)).expect("key file"))
            .expect("JSON");
    assert_eq!(key_file["rounds"], encryption::PBKDF2_ROUNDS, "{key_file}");
    assert!(!key_file.to_string().contains(&recovery), "the key file does not hold the recovery key");

    let db = data.join(luoshi_core::paths::DATABASE_FILE);
    assert!(!has_bytes(&db, "王玥督查组"));
    assert!(!String::from_utf8_lossy(&std::fs::read(&db).expect("read")[..16]).starts_with("SQLite format"));
    for b in json(&cli(data, &["backup", "list"])).as_array().expect("list") {
        let path = Path::new(b["path"].as_str().expect("path"));
        assert!(!has_bytes(path, "王玥督查组"), "{} still holds plain text", path.display());
    }

    let locked = cli(data, &["unit", "list"]);
    assert_eq!(locked.status.code(), Some(2));
    assert!(
        stderr(&locked).contains("数据文件已加密") && stderr(&locked).contains("LUOSHI_PASSWORD"),
        "{}",
        stderr(&locked)
    );
    let wrong = cli_with(data, &["unit", "list"], &[(encryption::PASSWORD_ENV, "不对的密码不对的")], "");
    assert_eq!(wrong.status.code(), Some(2));
    assert!(stderr(&wrong).contains("密码不正确"), "{}", stderr(&wrong));

    let with_password = [(encryption::PASSWORD_ENV, PASSWORD)];
    let listed = json(&cli_with(data, &["unit", "list"], &with_password, ""));
    assert!(listed.to_string().contains("王玥督查组"), "{listed}");
    json(&cli_with(data, &["unit", "add", "--name", "陈堃工作专班"], &with_password, ""));
    let made = json(&cli_with(data, &["backup", "create"], &with_password, ""));
    assert!(!has_bytes(Path::new(made["path"].as_str().expect("path")), "陈堃"));
    json(&cli_with(data, &["db", "check"], &with_password, ""));

    // A forgotten password: the recovery key (typed in lower case) sets a new one.
    let by_recovery = [(encryption::RECOVERY_KEY_ENV, recovery.to_lowercase())];
    let by_recovery: Vec<(&str, &str)> = by_recovery.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let changed = cli_with(data, &["encryption", "password"], &by_recovery, "张镕的新密码2027\n");
    assert!(changed.status.success(), "{}", stderr(&changed));
    let old = cli_with(data, &["unit", "list"], &with_password, "");
    assert_eq!(old.status.code(), Some(2), "the old password no longer opens it");
    let new_password = [(encryption::PASSWORD_ENV, "张镕的新密码2027")];
    let restored =
        cli_with(data, &["backup", "restore", made["path"].as_str().expect("path")], &new_password, "");
    assert!(restored.status.success(), "{}", stderr(&restored));

    let off = cli_with(data, &["encryption", "disable"], &new_password, "");
    assert!(off.status.success(), "{}", stderr(&off));
    let units = json(&cli(data, &["unit", "list"]));
    assert!(units.to_string().contains("陈堃工作专班"), "{units}");
    assert!(has_bytes(&db, "陈堃工作专班") || has_bytes(&data.join("luoshi.sqlite3-wal"), "陈堃工作专班"));
    json(&cli(data, &["audit", "verify"]));
}

#[test]
fn the_recovery_sheet_prints_the_key_in_embedded_fonts() {
    let dir = tempfile::tempdir().expect("temp dir");
    let key = RecoveryKey::generate().expect("random");
    let sheet =
        encryption::recovery_sheet(&key, "/home/王玥/.local/share/cn.luoshi.desktop", "2026年12月2日 22:40");
    let pdf = dir.path().join("sheet.pdf");
    std::fs::write(&pdf, luoshi_core::print::render(&sheet).expect("renders")).expect("write");
    let text = tool("pdftotext", &["-layout", pdf.to_str().expect("path"), "-"]);
    for expected in ["落实数据加密恢复密钥", "内部", "恢复密钥", "保管人", "王玥", &key.to_text()]
    {
        assert!(text.contains(expected), "{expected} missing from:\n{text}");
    }
    let fonts = tool("pdffonts", &[pdf.to_str().expect("path")]);
    assert!(fonts.lines().skip(2).all(|l| l.contains(" yes ")), "every font embedded:\n{fonts}");
}

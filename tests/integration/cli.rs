//! `luoshi-cli` as scripts use it: JSON out, exit 0 / 2 (bad input, Chinese on stderr) / 1.

use crate::fixtures::{cli, cli_bin, cli_path, json};

#[test]
fn info_reports_version_schema_and_data_dir() {
    let dir = tempfile::tempdir().expect("temp dir");
    let info = json(&cli(dir.path(), &["info"]));
    assert_eq!(info["version"], env!("CARGO_PKG_VERSION"));
    assert_eq!(info["schema_version"], luoshi_core::db::SCHEMA_VERSION);
    assert_eq!(info["data_dir"], cli_path(dir.path()));
}

#[test]
fn units_and_people_are_added_and_listed() {
    let dir = tempfile::tempdir().expect("temp dir");
    let unit =
        json(&cli(dir.path(), &["unit", "add", "--name", "市政府督查室", "--short", "督查室", "--json"]));
    assert_eq!(unit["kind"], "internal");
    json(&cli(dir.path(), &["unit", "add", "--name", "市水务集团", "--kind", "下属单位", "--json"]));
    let person = json(&cli(
        dir.path(),
        &[
            "person",
            "add",
            "--name",
            "陈堃",
            "--unit",
            "市政府督查室",
            "--title",
            "主任",
            "--phone",
            "13912345678",
        ]
        .into_iter()
        .chain(["--role", "领导", "--role", "handler", "--json"])
        .collect::<Vec<_>>(),
    ));
    assert_eq!(person["roles"], serde_json::json!(["leader", "handler"]));
    let units = json(&cli(dir.path(), &["unit", "list", "--json"]));
    let names: Vec<_> = units.as_array().expect("array").iter().map(|u| u["name"].clone()).collect();
    assert_eq!(names, ["市政府督查室", "市水务集团"]);
    let people = json(&cli(dir.path(), &["person", "list", "--json"]));
    assert_eq!(people[0]["unit_name"], "市政府督查室");
}

#[test]
fn bad_input_exits_2_with_a_chinese_message() {
    let dir = tempfile::tempdir().expect("temp dir");
    json(&cli(dir.path(), &["unit", "add", "--name", "办公室"]));
    for (args, expected) in [
        (vec!["unit", "add", "--name", "办公室"], "已有名为“办公室”的启用单位"),
        (vec!["unit", "add", "--name", "  "], "请填写单位全称"),
        (vec!["unit", "add", "--name", "财务处", "--kind", "科室"], "单位类型“科室”无效"),
        (
            vec!["person", "add", "--name", "王玥", "--unit", "办公室", "--phone", "12345"],
            "不是有效的电话号码",
        ),
        (
            vec!["person", "add", "--name", "王玥", "--unit", "不存在的单位"],
            "没有名为“不存在的单位”的启用单位",
        ),
        // Faults found by trying the CLI as an adversarial user would (issue 12).
        (vec!["unit", "add", "--name", "督查室", "--order", "9223372036854775807"], "排序应为 0 到"),
        (vec!["unit", "add", "--name", "督查\u{200B}室"], "看不见的字符"),
        (
            vec!["print", "sample", "--kind", "table", "--rows", "18446744073709551615", "-o", "x.pdf"],
            "样例表格的行数",
        ),
    ] {
        let out = cli(dir.path(), &args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.contains(expected), "{args:?}: {stderr}");
        assert!(out.stdout.is_empty());
    }
}

#[test]
fn an_unreadable_data_folder_exits_1() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("not-a-folder");
    std::fs::write(&file, "x").expect("write");
    let out = cli(&file, &["info"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(!out.stderr.is_empty());
}

#[test]
fn a_reader_that_stops_early_ends_the_cli_quietly() {
    use std::io::Read;
    use std::process::{Command, Stdio};
    let dir = tempfile::tempdir().expect("temp dir");
    json(&cli(dir.path(), &["demo", "--items", "300"]));
    // `luoshi-cli item list | head -c 100`: the reader closes the pipe after a few bytes.
    let mut child = Command::new(cli_bin())
        .arg("--data-dir")
        .arg(dir.path())
        .args(["item", "list", "--limit", "300"])
        .env_remove("LUOSHI_DATA_DIR")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("runs");
    let mut first = [0u8; 100];
    child.stdout.take().expect("stdout").read_exact(&mut first).expect("reads the start");
    let out = child.wait_with_output().expect("ends");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
}

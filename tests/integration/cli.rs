//! `luoshi-cli` as scripts use it: JSON out, exit 0 / 2 (bad input, Chinese on stderr) / 1.

use crate::fixtures::{cli, json};

#[test]
fn info_reports_version_schema_and_data_dir() {
    let dir = tempfile::tempdir().expect("temp dir");
    let info = json(&cli(dir.path(), &["info"]));
    assert_eq!(info["version"], env!("CARGO_PKG_VERSION"));
    assert_eq!(info["schema_version"], luoshi_core::db::SCHEMA_VERSION);
    assert_eq!(info["data_dir"], dir.path().display().to_string());
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

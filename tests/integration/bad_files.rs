//! Every file a user can hand the CLI (calendar, template, summary, print model) is tried in its
//! bad forms: tests/fixtures/bad/ plus the ones too large to ship, made here. Each must exit 2 with
//! a Chinese message naming the file by its role and path, and leave the data folder exactly as it
//! was: no row written, no backup taken, no built-in templates seeded.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use luoshi_core::test_support::fixture_file;

use crate::fixtures::{cli, json};

/// Every file under `dir`, by its path inside it, with its bytes.
fn snapshot(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut files = BTreeMap::new();
    let mut todo = vec![dir.to_path_buf()];
    while let Some(d) = todo.pop() {
        for entry in std::fs::read_dir(&d).expect("list") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                todo.push(path);
            } else {
                let bytes = std::fs::read(&path).expect("read");
                files.insert(path.strip_prefix(dir).expect("inside").to_path_buf(), bytes);
            }
        }
    }
    files
}

/// The command that reads a file of the role that `name` starts with, and the role's label.
fn command_for(name: &str, file: &Path, out: &Path) -> (Vec<String>, &'static str) {
    let file = file.display().to_string();
    let (args, role): (&[&str], _) = match name.split('-').next() {
        Some("calendar") => (&["calendar", "import"], "日历文件"),
        Some("template") => (&["template", "import"], "模板文件"),
        Some("summary") => (&["summary", "import"], "总结文件"),
        Some("print") => (&["print", "render", "--output", out.to_str().expect("utf-8")], "打印模型文件"),
        Some("ledger") => (&["item", "import"], "表格文件"),
        other => panic!("no command for {other:?}"),
    };
    let mut args: Vec<String> = args.iter().map(|s| s.to_string()).collect();
    if args[0] == "print" {
        args.insert(2, file);
    } else {
        args.push(file);
    }
    (args, role)
}

/// The files too large to ship, and missing ones, written into `dir`.
fn made_here(dir: &Path) -> Vec<PathBuf> {
    let mut made = Vec::new();
    let mut write = |name: &str, bytes: Vec<u8>| {
        let path = dir.join(name);
        std::fs::write(&path, bytes).expect("write");
        made.push(path);
    };
    // The issue's 50 MB calendar, and one with a 1,000,000-character value.
    let mut huge = br#"{"version": 1, "about": ""#.to_vec();
    huge.resize(50 * 1024 * 1024, b'x');
    huge.extend_from_slice(br#"", "years": {"2027": {"work": ["2027-02-07"]}}}"#);
    write("calendar-50mb.json", huge);
    write(
        "calendar-long-value.json",
        format!(r#"{{"version": 1, "years": {{"2027": {{"work": ["{}"]}}}}}}"#, "2".repeat(1_000_000))
            .into_bytes(),
    );
    let para = |text: &str| serde_json::json!({"type": "paragraph", "text": text});
    let model = |blocks: Vec<serde_json::Value>| {
        serde_json::to_vec(&serde_json::json!({"title": "通知", "blocks": blocks})).expect("json")
    };
    write("print-3mb.json", model(vec![para(&"落".repeat(1024 * 1024))]));
    write("print-many-chars.json", model(vec![para(&"a".repeat(300_001))]));
    write("print-many-blocks.json", model((0..10_001).map(|_| para("一")).collect()));
    write(
        "print-many-pages.json",
        model((0..2_001).flat_map(|_| [para("一"), serde_json::json!({"type": "page_break"})]).collect()),
    );
    write("summary-big.json", vec![b' '; 9 * 1024 * 1024]);
    write("template-big.json", vec![b' '; 2 * 1024 * 1024]);
    // Over the 64 MB a spreadsheet may have, refused before it is read.
    write("ledger-65mb.csv", vec![b' '; 65 * 1024 * 1024]);
    for role in ["calendar", "template", "summary", "print"] {
        made.push(dir.join(format!("{role}-missing.json")));
    }
    made.push(dir.join("ledger-missing.xlsx"));
    made
}

#[test]
fn every_bad_file_exits_2_in_chinese_naming_the_file_and_changes_nothing() {
    let data = tempfile::tempdir().expect("data dir");
    json(&cli(data.path(), &["unit", "add", "--name", "市政府督查室", "--json"]));
    let before = snapshot(data.path());
    let made = tempfile::tempdir().expect("made dir");
    let out = tempfile::tempdir().expect("out dir");

    let shipped =
        std::fs::read_dir(fixture_file("bad")).expect("tests/fixtures/bad").map(|e| e.expect("entry").path());
    let mut files: Vec<PathBuf> = shipped.chain(made_here(made.path())).collect();
    files.sort();
    assert!(files.len() >= 30, "{}", files.len());
    for file in &files {
        let name = file.file_name().expect("name").to_string_lossy().into_owned();
        let output_pdf = out.path().join(format!("{name}.pdf"));
        let (args, role) = command_for(&name, file, &output_pdf);
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let result = cli(data.path(), &args);
        let stderr = String::from_utf8_lossy(&result.stderr);
        assert_eq!(result.status.code(), Some(2), "{name}: {stderr}");
        assert!(
            stderr.contains(&format!("{role}“{}”", file.display())),
            "{name}: the message names the role and path: {stderr}"
        );
        for english in
            ["No such file", "valid UTF-8", "not a database", "expected", "invalid type", "recursion"]
        {
            assert!(!stderr.contains(english), "{name}: English leaks through: {stderr}");
        }
        assert!(!output_pdf.exists(), "{name}: nothing is printed");
        assert!(before == snapshot(data.path()), "{name}: the data folder changed");
    }
}

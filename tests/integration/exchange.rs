//! 导出台账 through the CLI, read back with openpyxl: the header, every item the filters match with
//! every field, real date cells, the light's word on its colour, a frozen header and an autofilter,
//! rare characters intact, and 内部 marked exactly when an exported item is 内部.

use luoshi_core::assignment::{self, AssignmentInput, Classification};
use luoshi_core::exchange::LEDGER_COLUMNS;
use luoshi_core::test_support::ItemDirectory;
use luoshi_core::Store;

use crate::fixtures::{cli, item_directory, json, openpyxl};

/// What openpyxl sees in the first sheet: its title, A1, the header, the rows, the types of the
/// date cells, the fills of the light column, the frozen cell, the autofilter and the print header.
const READ: &str = r#"
import json, sys, datetime, openpyxl
ws = openpyxl.load_workbook(sys.argv[1]).active
first = 2 if ws["A1"].value == "内部" else 1
rows = [[c.value for c in r] for r in ws.iter_rows(min_row=first)]
light_col = rows[0].index("亮灯")
print(json.dumps({
    "title": ws.title,
    "a1": ws["A1"].value,
    "header": rows[0],
    "rows": [[v.isoformat() if isinstance(v, datetime.datetime) else v for v in r] for r in rows[1:]],
    "dates": sorted({type(r[rows[0].index("交办时间")]).__name__ for r in rows[1:]}),
    "fills": sorted({ws.cell(row=first + 1 + i, column=light_col + 1).fill.fgColor.rgb for i in range(len(rows) - 1)}),
    "freeze": ws.freeze_panes,
    "filter": ws.auto_filter.ref,
    "print_header": ws.oddHeader.left.text,
}, ensure_ascii=False))
"#;

fn register(store: &mut Store, d: &ItemDirectory, title: &str, level: Classification) -> i64 {
    assignment::register(
        store.conn_mut(),
        &AssignmentInput {
            title: title.into(),
            source: "来信来访/群众诉求".into(),
            content: "群众反映𠮷祥小区供暖不达标，请王玥、陈堃、张镕核实。".into(),
            category: "routine".into(),
            lead_unit_id: d.unit,
            cooperating_unit_ids: vec![d.other_unit],
            responsible_id: d.person,
            classification: Some(level.label().into()),
            ..Default::default()
        },
    )
    .expect("register")
}

#[test]
fn the_exported_ledger_reads_back_with_every_item_and_field() {
    let dir = tempfile::tempdir().expect("temp dir");
    json(&cli(dir.path(), &["demo", "--items", "120"]));
    {
        let mut store = Store::open(dir.path()).expect("opens");
        let d = item_directory(&mut store);
        register(&mut store, &d, "关于𠮷祥小区供暖问题的整改（王玥督办）", Classification::Public);
    }
    let out = dir.path().join("台账");
    let report = json(&cli(dir.path(), &["item", "export", "-o", out.to_str().expect("path"), "--all"]));
    let path = report["path"].as_str().expect("path");
    assert!(path.ends_with("台账.xlsx"), "{path}");
    let total =
        json(&cli(dir.path(), &["item", "list", "--all", "--limit", "1"]))["total"].as_i64().expect("total");
    assert_eq!(report["rows"], total);
    let sheet = openpyxl(READ, &[path]);
    let header: Vec<&str> = LEDGER_COLUMNS.iter().map(|(h, _)| *h).collect();
    assert_eq!(sheet["header"], serde_json::json!(header));
    assert_eq!(sheet["title"], "台账");
    let rows = sheet["rows"].as_array().expect("rows");
    assert_eq!(rows.len() as i64, total);
    assert_eq!(sheet["dates"], serde_json::json!(["datetime"]), "交办时间 are date cells");
    assert!(
        sheet["fills"].as_array().expect("fills").len() >= 3,
        "lights have their colours: {}",
        sheet["fills"]
    );
    let mine = rows
        .iter()
        .find(|r| r[1] == "关于𠮷祥小区供暖问题的整改（王玥督办）")
        .expect("the item with rare characters");
    assert_eq!(mine[24], "群众反映𠮷祥小区供暖不达标，请王玥、陈堃、张镕核实。");
    assert_eq!(mine[8], "市城市管理局", "协办单位");
    assert_eq!(mine[16], "无", "反馈周期");
    // The demo has 内部 items: marked above the table and in the print header, the header row frozen.
    assert_eq!(report["internal"], true);
    assert_eq!(sheet["a1"], "内部");
    assert_eq!(sheet["print_header"], "内部");
    assert_eq!(sheet["freeze"], "C3");
    assert_eq!(sheet["filter"], format!("A2:Y{}", total + 2));
}

#[test]
fn an_export_follows_the_filters_and_marks_only_what_is_internal() {
    let dir = tempfile::tempdir().expect("temp dir");
    {
        let mut store = Store::open(dir.path()).expect("opens");
        let d = item_directory(&mut store);
        register(&mut store, &d, "公开的事项", Classification::Public);
        register(&mut store, &d, "内部的事项", Classification::Internal);
    }
    let out = dir.path().join("公开.xlsx");
    let public =
        json(&cli(dir.path(), &["item", "export", "-o", out.to_str().expect("path"), "--text", "公开"]));
    assert_eq!((public["rows"].as_i64(), public["internal"].as_bool()), (Some(1), Some(false)));
    let sheet = openpyxl(READ, &[out.to_str().expect("path")]);
    assert_eq!(sheet["a1"], "编号", "no mark on a sheet of 公开 items");
    assert_eq!(sheet["print_header"], serde_json::Value::Null);
    assert_eq!(sheet["rows"][0][22], "公开");
    let out = dir.path().join("全部.xlsx");
    let all = json(&cli(dir.path(), &["item", "export", "-o", out.to_str().expect("path")]));
    assert_eq!((all["rows"].as_i64(), all["internal"].as_bool()), (Some(2), Some(true)));
    assert_eq!(openpyxl(READ, &[out.to_str().expect("path")])["a1"], "内部");
    let bad = cli(dir.path(), &["item", "export", "-o", out.to_str().expect("path"), "--state", "不存在"]);
    assert_eq!(bad.status.code(), Some(2));
}

#[test]
fn the_import_template_has_the_columns_and_dropdowns() {
    let dir = tempfile::tempdir().expect("temp dir");
    {
        let mut store = Store::open(dir.path()).expect("opens");
        item_directory(&mut store);
    }
    let out = dir.path().join("导入模板.xlsx");
    json(&cli(dir.path(), &["item", "template", "-o", out.to_str().expect("path")]));
    let read = r#"
import json, sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
ws = wb["交办事项"]
rules = {}
for dv in ws.data_validations.dataValidation:
    header = ws.cell(row=1, column=openpyxl.utils.cell.column_index_from_string(str(dv.sqref).split(":")[0].rstrip("0123456789"))).value
    rules[header] = dv.formula1
print(json.dumps({
    "sheets": wb.sheetnames,
    "hidden": wb["单位"].sheet_state,
    "units": [c.value for c in wb["单位"]["A"]],
    "header": [c.value for c in ws[1]],
    "rules": rules,
    "help": [r[0].value for r in wb["填写说明"].iter_rows(min_row=2)],
}, ensure_ascii=False))
"#;
    let book = openpyxl(read, &[out.to_str().expect("path")]);
    assert_eq!(book["sheets"], serde_json::json!(["交办事项", "填写说明", "单位"]));
    assert_eq!(book["hidden"], "hidden");
    assert_eq!(book["units"], serde_json::json!(["市住房和城乡建设局", "市城市管理局"]));
    let headers: Vec<&str> = luoshi_core::exchange::TEMPLATE_COLUMNS.iter().map(|c| c.0).collect();
    assert_eq!(book["header"], serde_json::json!(headers));
    assert_eq!(book["help"], serde_json::json!(headers), "every column is explained");
    let rules = &book["rules"];
    // 总结整改 too: an exported ledger of items made from summaries goes back in with its 来源.
    assert_eq!(rules["来源"], "\"会议纪要,领导批示,上级交办,来信来访/群众诉求,巡视巡察整改,总结整改,其他\"");
    assert_eq!(rules["密级"], "\"公开,内部\"");
    assert_eq!(rules["牵头单位"], "单位!$A$1:$A$2");
    for coded in ["类别", "紧急程度", "反馈周期"] {
        assert!(rules[coded].is_string(), "{coded} has a dropdown: {rules}");
    }
}

/// A clerk exports over last month's ledger while it is still open in Excel or WPS: the office
/// program's owner file (`~$…`) beside it says so, and the old file stays as it was.
#[test]
fn an_export_onto_a_workbook_open_in_excel_or_wps_is_refused_and_the_file_kept() {
    let dir = tempfile::tempdir().expect("temp dir");
    json(&cli(dir.path(), &["demo", "--items", "8"]));
    let out_dir = tempfile::tempdir().expect("out");
    let file = out_dir.path().join("督查台账 2026年11月.xlsx");
    let owner = out_dir.path().join("~$督查台账 2026年11月.xlsx");
    std::fs::write(&file, b"last month").expect("old file");
    std::fs::write(&owner, b"excel").expect("owner file");
    let target = file.display().to_string();

    let out = cli(dir.path(), &["item", "export", "--scope", "all", "-o", &target]);
    assert_eq!(out.status.code(), Some(2));
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(said.contains("督查台账 2026年11月.xlsx") && said.contains("正被另一个程序"), "{said}");
    assert!(said.contains("~$督查台账 2026年11月.xlsx"), "names the owner file to delete if stale: {said}");
    assert_eq!(std::fs::read(&file).expect("read"), b"last month");

    std::fs::remove_file(&owner).expect("closed");
    let done = json(&cli(dir.path(), &["item", "export", "--scope", "all", "-o", &target]));
    assert!(done["rows"].as_u64() >= Some(8), "{done}");
    assert!(std::fs::read(&file).expect("read").starts_with(b"PK"), "a workbook now");
}

//! Integration tests of 总结 against a real SQLite file: templates in and out, versions and restore
//! across reopening, the review cycle, the JSON file between two PCs, and the PDFs through the CLI
//! (checked with pdftotext and pdffonts).

use std::path::Path;

use luoshi_core::summary::{
    self, DiffOp, IndicatorInput, NewSummaryInput, OpinionInput, ReturnInput, ReviewInput, SectionChange,
    SummaryEventKind, SummaryState, SummaryVersionKind,
};
use luoshi_core::test_support::SummaryDirectory;
use luoshi_core::Store;

use crate::fixtures::{cli, convert, json, soffice, tool};

/// A unit with a drafter and a reviewer: (unit, drafter, reviewer).
fn directory(dir: &Path) -> (i64, i64, i64) {
    let mut store = Store::open(dir).expect("opens");
    let d = SummaryDirectory::add(store.conn_mut(), "市政务服务中心", ["王玥", "陈堃"]);
    (d.unit, d.drafter, d.reviewer)
}

/// Text for the first shipped template (七段式) that passes the substance checks.
const TEXTS: [&str; 7] = [
    "“一窗通办”改造项目于2026年1月5日启动，投入资金320万元，涉及12个综合窗口、46名工作人员。",
    "上半年共受理办件3.2万件，按时办结率98.6%，较去年同期提高2.1个百分点。",
    "（一）系统对接\n3月完成6个部门业务系统对接，平均办理时长由5个工作日压缩到2个工作日。",
    "“一表申请”使申报材料由14份减至6份，已在3个区推广。",
    "一是跨部门数据共享不畅，11件事项因数据回传超过3天而超期，原因是两个部门的接口标准不一致。二是窗口人员流动大，上半年流失7人，原因是岗位补贴每月比同类岗位低约400元。",
    "针对数据共享不畅，9月30日前统一两个部门的接口标准，数据回传控制在1个工作日内。针对窗口人员流动大，10月起将岗位补贴提高到每月600元，流失率控制在5%以内。",
    "团队新建制度3项，开展培训8次共260人次。",
];

fn draft(dir: &Path, unit: i64, drafter: i64, classification: Option<&str>) -> i64 {
    let mut store = Store::open(dir).expect("opens");
    let template = summary::list_templates(store.conn(), false).expect("templates")[0].id;
    let id = summary::create_summary(
        store.conn_mut(),
        &NewSummaryInput {
            template_id: template,
            title: "市政务服务中心“一窗通办”改造项目总结".into(),
            period_from: Some("2026-01-01".into()),
            period_to: Some("2026-06-30".into()),
            unit_id: Some(unit),
            drafter_id: Some(drafter),
            classification: classification
                .map(|c| luoshi_core::assignment::Classification::parse(c).expect("c")),
            ..Default::default()
        },
    )
    .expect("create");
    for (i, text) in TEXTS.iter().enumerate() {
        summary::save_section(store.conn_mut(), id, i as i64, text).expect("save");
    }
    let rows = [("按时办结率", "≥95%", "98.6%"), ("平均办理时长（工作日）", "≤3", "2")].map(
        |(name, target, actual)| IndicatorInput {
            indicator: name.into(),
            target: target.into(),
            actual: actual.into(),
            ..Default::default()
        },
    );
    summary::save_indicators(store.conn_mut(), id, 1, &rows).expect("indicators");
    id
}

#[test]
fn a_malformed_template_file_is_refused_at_its_field_and_changes_nothing() {
    let dir = tempfile::tempdir().expect("temp dir");
    let listed = json(&cli(dir.path(), &["template", "list"]));
    let before = listed.as_array().expect("array").len();
    assert!(before >= 10, "the shipped templates are there");
    let file = dir.path().join("模板.json");
    let out = cli(dir.path(), &["template", "export", "1", "-o", file.to_str().expect("path")]);
    json(&out);
    let mut template: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&file).expect("read")).expect("json");
    assert_eq!(template["format"], "luoshi.summary-template");

    for (break_it, field) in [
        (
            Box::new(|t: &mut serde_json::Value| t["sections"][3]["role"] = "心得体会".into())
                as Box<dyn Fn(&mut serde_json::Value)>,
            "sections[3].role",
        ),
        (
            Box::new(|t: &mut serde_json::Value| t["sections"][0]["guidance"] = 12.into()),
            "sections[0].guidance",
        ),
        (
            Box::new(|t: &mut serde_json::Value| t["sections"][1]["headline"] = "x".into()),
            "sections[1].headline",
        ),
        (Box::new(|t: &mut serde_json::Value| t["field"] = "农业".into()), "field"),
    ] {
        let mut bad = template.clone();
        break_it(&mut bad);
        let bad_file = dir.path().join("坏模板.json");
        std::fs::write(&bad_file, bad.to_string()).expect("write");
        let out = cli(dir.path(), &["template", "import", bad_file.to_str().expect("path")]);
        assert_eq!(out.status.code(), Some(2), "bad input exits 2");
        let message = String::from_utf8_lossy(&out.stderr);
        assert!(message.contains(field), "{field} named in: {message}");
        assert!(message.contains("模板文件有误"), "{message}");
    }
    let after = json(&cli(dir.path(), &["template", "list", "--all"]));
    assert_eq!(after.as_array().expect("array").len(), before, "nothing was added");

    // The good file comes back in as a new template, the name marked as imported.
    template["name"] = "政务服务项目总结".into();
    std::fs::write(&file, template.to_string()).expect("write");
    let imported = json(&cli(dir.path(), &["template", "import", file.to_str().expect("path")]));
    assert_eq!(imported["name"], "政务服务项目总结");
    assert_eq!(imported["sections"].as_array().expect("sections").len(), 7);
}

#[test]
fn versions_and_restore_survive_reopening_and_history_is_append_only() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (unit, drafter, _) = directory(dir.path());
    let id = draft(dir.path(), unit, drafter, None);
    {
        let mut store = Store::open(dir.path()).expect("opens");
        summary::save_version(store.conn_mut(), id, Some("初稿")).expect("v1");
        summary::save_section(store.conn_mut(), id, 0, "项目于2026年1月5日启动，投入资金350万元。")
            .expect("edit");
        let saved =
            summary::save_section(store.conn_mut(), id, 0, "项目于2026年1月5日启动，投入资金350万元。")
                .expect("same text");
        assert!(!saved.changed);
    }
    let mut store = Store::open(dir.path()).expect("reopens");
    let diff = summary::diff_versions(store.conn(), id, 1, None).expect("diff");
    assert_eq!(diff.sections[0].change, SectionChange::Changed);
    let spans = &diff.sections[0].spans;
    let side =
        |skip: DiffOp| spans.iter().filter(|s| s.op != skip).map(|s| s.text.as_str()).collect::<String>();
    assert_eq!(side(DiffOp::Delete), "项目于2026年1月5日启动，投入资金350万元。");
    assert_eq!(side(DiffOp::Insert), TEXTS[0]);
    assert!(spans.iter().any(|s| s.op == DiffOp::Equal && s.text.contains("投入资金3")));
    assert!(diff.sections[1..].iter().all(|s| s.change == SectionChange::Unchanged));
    let restored = summary::restore_version(store.conn_mut(), id, 1).expect("restore");
    assert_eq!(restored.number, 3, "v2 keeps the text typed after v1, v3 is the restore");
    let versions = summary::list_versions(store.conn(), id).expect("versions");
    assert_eq!(versions[1].kind, SummaryVersionKind::BeforeRestore);
    let v2 = summary::get_version(store.conn(), id, 2).expect("v2");
    assert!(v2.content.sections[0].text.contains("350万元"));
    let now = summary::get_summary_detail(store.conn(), id).expect("detail");
    assert_eq!(now.sections[0].text, TEXTS[0]);
    assert!(now.events.iter().any(|e| e.kind == SummaryEventKind::Restore));
    let err = store.conn().execute("DELETE FROM summary_version", []).expect_err("append-only");
    assert!(err.to_string().contains("不可删除"), "{err}");
    let err = store.conn().execute("UPDATE summary_event SET note = 'x'", []).expect_err("append-only");
    assert!(err.to_string().contains("不可修改"), "{err}");

    // The CLI shows the same history.
    let listed = json(&cli(dir.path(), &["summary", "versions", &id.to_string()]));
    assert_eq!(listed.as_array().expect("array").len(), 3);
    let diff = json(&cli(dir.path(), &["summary", "diff", &id.to_string(), "--from", "2", "--to", "3"]));
    assert_eq!(diff["sections"][0]["change"], "changed");
}

#[test]
fn the_review_cycle_refuses_an_illegal_step_and_records_every_step() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (unit, drafter, reviewer) = directory(dir.path());
    let id = draft(dir.path(), unit, drafter, None);
    let sid = id.to_string();
    let (d, r) = (drafter.to_string(), reviewer.to_string());

    // Approving a draft that was never submitted is an illegal step: exit 2, a Chinese message.
    let out = cli(dir.path(), &["summary", "review", &sid, "approve", "--actor", &r]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("当前状态为“撰写中”，不能审核通过"));

    let after = json(&cli(dir.path(), &["summary", "review", &sid, "submit", "--actor", &d]));
    assert_eq!(after["summary"]["state"], "submitted");
    let submitted = after["events"].as_array().expect("events").last().expect("event").clone();
    assert_eq!(submitted["payload"]["check"]["passed"], true);
    assert_eq!(submitted["payload"]["version"], 1);

    let mut store = Store::open(dir.path()).expect("opens");
    let err = summary::save_section(store.conn_mut(), id, 0, "审核中改正文").expect_err("frozen");
    assert_eq!(err.code(), "not_allowed");
    summary::add_opinion(
        store.conn_mut(),
        id,
        reviewer,
        &OpinionInput { section: Some(4), text: "原因分析要写到制度层面".into() },
    )
    .expect("opinion");
    summary::return_for_rewrite(
        store.conn_mut(),
        id,
        &ReturnInput { actor_id: reviewer, note: Some("请修改后重报".into()), opinions: vec![] },
    )
    .expect("return");
    let detail = summary::get_summary_detail(store.conn(), id).expect("detail");
    assert_eq!(detail.summary.state, SummaryState::Returned);
    assert_eq!(detail.summary.returned_count, 1);
    assert_eq!(detail.sections[4].opinions[0].text, "原因分析要写到制度层面");
    summary::save_section(
        store.conn_mut(),
        id,
        4,
        &format!("{}制度层面缺少跨部门数据共享的考核办法。", TEXTS[4]),
    )
    .expect("rewrite");
    summary::submit(store.conn_mut(), id, &ReviewInput { actor_id: drafter, note: None }).expect("resubmit");
    summary::approve(store.conn_mut(), id, &ReviewInput { actor_id: reviewer, note: Some("同意".into()) })
        .expect("approve");
    drop(store);
    let published = json(&cli(dir.path(), &["summary", "review", &sid, "publish", "--actor", &r]));
    assert_eq!(published["summary"]["state"], "published");
    let kinds: Vec<&str> = published["events"]
        .as_array()
        .expect("events")
        .iter()
        .map(|e| e["kind"].as_str().expect("kind"))
        .collect();
    assert_eq!(kinds, ["create", "submit", "opinion", "return", "submit", "approve", "publish"]);
    let out = cli(dir.path(), &["summary", "review", &sid, "return", "--actor", &r, "--note", "再改"]);
    assert_eq!(out.status.code(), Some(2), "a published summary cannot be returned");
}

#[test]
fn export_and_import_move_a_summary_to_another_pc() {
    let (a, b) = (tempfile::tempdir().expect("a"), tempfile::tempdir().expect("b"));
    let (unit, drafter, _) = directory(a.path());
    directory(b.path());
    let id = draft(a.path(), unit, drafter, Some("内部"));
    let file = a.path().join("总结.json");
    json(&cli(
        a.path(),
        &["summary", "export", &id.to_string(), "--format", "json", "-o", file.to_str().expect("p")],
    ));
    let created = json(&cli(b.path(), &["summary", "import", file.to_str().expect("path")]));
    let new_id = created["id"].as_i64().expect("id");
    let (one, two) = (
        json(&cli(a.path(), &["summary", "show", &id.to_string()])),
        json(&cli(b.path(), &["summary", "show", &new_id.to_string()])),
    );
    for key in [
        "title",
        "kind",
        "field",
        "period_from",
        "period_to",
        "classification",
        "template_name",
        "word_count",
    ] {
        assert_eq!(one["summary"][key], two["summary"][key], "{key}");
    }
    assert_eq!(two["summary"]["classification"], "internal");
    assert_eq!(two["summary"]["state"], "drafting");
    for (x, y) in one["sections"].as_array().expect("s").iter().zip(two["sections"].as_array().expect("s")) {
        assert_eq!(x["text"], y["text"]);
        assert_eq!(x["indicators"], y["indicators"]);
    }

    // A PC whose directory lacks the unit refuses the file, naming the field, and keeps nothing.
    let c = tempfile::tempdir().expect("c");
    let out = cli(c.path(), &["summary", "import", file.to_str().expect("path")]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("撰写单位“市政务服务中心”不在本机的单位名录中"));
    let mut broken: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&file).expect("read")).expect("json");
    broken["sections"][2]["text"] = serde_json::json!(["不是字符串"]);
    std::fs::write(&file, broken.to_string()).expect("write");
    let out = cli(b.path(), &["summary", "import", file.to_str().expect("path")]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("sections[2].text"));
    assert_eq!(json(&cli(b.path(), &["summary", "list"])).as_array().expect("list").len(), 1);
}

#[test]
fn the_pdfs_carry_the_text_in_order_with_embedded_fonts() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (unit, drafter, _) = directory(dir.path());
    let id = draft(dir.path(), unit, drafter, Some("内部")).to_string();
    let doc = dir.path().join("总结.pdf");
    let sheet = dir.path().join("审批表.pdf");
    let out = json(&cli(
        dir.path(),
        &["summary", "export", &id, "--format", "pdf", "-o", doc.to_str().expect("p")],
    ));
    assert!(out["pages"].as_u64().expect("pages") >= 2);
    json(&cli(
        dir.path(),
        &["summary", "export", &id, "--format", "approval-pdf", "-o", sheet.to_str().expect("p")],
    ));

    let text: String = tool("pdftotext", &[doc.to_str().expect("p"), "-"]).split_whitespace().collect();
    let order = [
        "内部",
        "市政务服务中心“一窗通办”改造项目总结",
        "一、基本情况回顾",
        "投入资金320万元",
        "二、目标与完成情况",
        "按时办结率",
        "+3.6个百分点",
        "三、实施过程与关键举措",
        "（一）系统对接",
        "五、存在问题与原因分析",
        "六、改进方向与后续建议",
        "七、个人收获与团队成长",
        "市政务服务中心",
    ];
    let mut at = 0;
    for needle in order {
        let found =
            text[at..].find(needle).unwrap_or_else(|| panic!("“{needle}” missing after byte {at}: {text}"));
        at += found + needle.len();
    }

    let text: String = tool("pdftotext", &[sheet.to_str().expect("p"), "-"]).split_whitespace().collect();
    for needle in [
        "项目总结审批表",
        "撰写单位",
        "王玥",
        "科室审核意见",
        "领导审批意见",
        "签名",
        "备注",
        "2026年1月1日至6月30日",
    ] {
        assert!(text.contains(needle), "“{needle}” missing: {text}");
    }

    for pdf in [&doc, &sheet] {
        let fonts = tool("pdffonts", &[pdf.to_str().expect("p")]);
        let rows: Vec<&str> = fonts.lines().skip(2).collect();
        assert!(!rows.is_empty());
        for row in rows {
            let cols: Vec<&str> = row.split_whitespace().collect();
            let n = cols.len();
            assert_eq!(&cols[n - 5..n - 2], ["yes", "yes", "yes"], "emb sub uni: {row}");
        }
    }
}

#[test]
fn the_docx_opens_in_libreoffice_with_the_sections_in_order() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (unit, drafter, _) = directory(dir.path());
    let id = draft(dir.path(), unit, drafter, None).to_string();
    let file = dir.path().join("总结.docx");
    json(&cli(dir.path(), &["summary", "export", &id, "--format", "docx", "-o", file.to_str().expect("p")]));
    // LibreOffice, not the program that wrote it, reads it back, with a private profile.
    let text: String = std::fs::read_to_string(convert(soffice(), &file, "txt:Text", "txt", dir.path()))
        .expect("converted text")
        .split_whitespace()
        .collect();
    let mut at = 0;
    for needle in [
        "市政务服务中心“一窗通办”改造项目总结",
        "一、基本情况回顾",
        "投入资金320万元",
        "二、目标与完成情况",
        "按时办结率",
        "+3.6个百分点",
        "七、个人收获与团队成长",
    ] {
        let found =
            text[at..].find(needle).unwrap_or_else(|| panic!("“{needle}” missing after byte {at}: {text}"));
        at += found + needle.len();
    }
}

#[test]
fn check_summary_checks_the_stored_draft_section_by_section() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (unit, drafter, _) = directory(dir.path());
    let id = draft(dir.path(), unit, drafter, None).to_string();
    let report = json(&cli(dir.path(), &["check", "--summary", &id, "--json"]));
    assert!(report["quant_ratio"].as_f64().expect("quant_ratio") > 0.0, "{report}");
    let sentences = report["sentences"].as_array().expect("sentences");
    assert!(sentences.iter().any(|s| s["text"].as_str().is_some_and(|t| t.contains("投入资金320万元"))));
    // A summary that does not exist is bad input, exit 2, said in Chinese.
    let out = cli(dir.path(), &["check", "--summary", "9999"]);
    assert_eq!(out.status.code(), Some(2), "{}", String::from_utf8_lossy(&out.stderr));
}

/// Text a clerk saved in Notepad or WPS on Windows: a byte-order mark and CRLF line endings. It is
/// stored as the same text typed in the window (no mark, one newline per line), so the checks, the
/// word count and the paper do not see the difference.
#[test]
fn a_section_saved_in_notepad_with_bom_and_crlf_reads_as_typed() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (unit, drafter, _) = directory(dir.path());
    let id = draft(dir.path(), unit, drafter, None).to_string();
    let file = dir.path().join("第三部分 主要做法.txt");
    let typed = "（一）系统对接\n3月完成6个部门业务系统对接。\n（二）流程再造\n申报材料由14份减至6份。";
    std::fs::write(&file, format!("\u{feff}{}\r\n", typed.replace('\n', "\r\n"))).expect("notepad file");
    json(&cli(
        dir.path(),
        &["summary", "section", &id, "--section", "3", "--text-file", &file.display().to_string()],
    ));
    let shown = json(&cli(dir.path(), &["summary", "show", &id]));
    assert_eq!(shown["sections"][2]["text"].as_str().map(str::trim_end), Some(typed));
}

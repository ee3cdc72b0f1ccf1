//! The summary area end to end on an in-memory database.

use rusqlite::Connection;

use super::*;
use crate::check::SectionRole;
use crate::print::Block;
use crate::test_support::{self, SummaryDirectory};

pub(crate) struct Fixture {
    pub conn: Connection,
    pub unit: i64,
    pub drafter: i64,
    pub reviewer: i64,
    pub template: i64,
}

pub(crate) fn fixture() -> Fixture {
    let mut conn = test_support::memory_db();
    let SummaryDirectory { unit, drafter, reviewer } =
        SummaryDirectory::add(&mut conn, "市政务服务中心", ["王玥", "陈堃"]);
    let template = list_templates(&conn, false).expect("templates")[0].id;
    Fixture { conn, unit, drafter, reviewer, template }
}

pub(crate) fn new_summary(f: &mut Fixture) -> i64 {
    create_summary(
        &mut f.conn,
        &NewSummaryInput {
            template_id: f.template,
            title: "市政务服务中心“一窗通办”改造项目总结".into(),
            period_from: Some("2026-01-01".into()),
            period_to: Some("2026-06-30".into()),
            unit_id: Some(f.unit),
            drafter_id: Some(f.drafter),
            ..Default::default()
        },
    )
    .expect("create")
}

/// Text that passes every substance check, per section of the first shipped template.
pub(crate) const GOOD: [&str; 7] = [
    "项目于2026年1月5日启动，投入资金320万元，涉及12个窗口、46名工作人员。",
    "全年办件量3.2万件，按时办结率98.6%，较去年提高2.1个百分点。",
    "一是3月完成系统对接，平均办理时长由5个工作日压缩到2个工作日。二是4月起推行预约办理，日均排队时间缩短18分钟。",
    "“一表申请”使申报材料由14份减至6份，已在3个区推广。",
    "一是跨部门数据共享不畅，11件事项因数据回传超过3天而超期，原因是两个部门的接口标准不一致。二是窗口人员流动大，上半年流失7人，原因是岗位补贴低于同类岗位。",
    "针对数据共享不畅，9月30日前统一两个部门的接口标准，数据回传控制在1天内。针对窗口人员流动大，10月起将岗位补贴提高到每月600元，流失率控制在5%以内。",
    "团队新建制度3项，开展培训8次共260人次。",
];

pub(crate) fn fill(f: &mut Fixture, id: i64) {
    for (i, text) in GOOD.iter().enumerate() {
        save_section(&mut f.conn, id, i as i64, text).expect("save");
    }
    let rows = vec![
        IndicatorInput {
            indicator: "按时办结率".into(),
            unit: "%".into(),
            target: "≥95%".into(),
            actual: "98.6%".into(),
            note: String::new(),
        },
        IndicatorInput {
            indicator: "平均办理时长".into(),
            unit: "工作日".into(),
            target: "≤3".into(),
            actual: "2".into(),
            note: "较去年缩短3个工作日".into(),
        },
    ];
    save_indicators(&mut f.conn, id, 1, &rows).expect("indicators");
}

pub(crate) const PROBLEMS: &str =
    "一是跨部门数据共享不畅，11件事项因数据回传超过3天而超期，原因是两个部门的接口标准不一致。
二是窗口人员流动大，上半年流失7人，原因是岗位补贴低于同类岗位。
三是群众评价渠道单一，线上评价仅占12%，原因是评价二维码未覆盖全部窗口。";
pub(crate) const MEASURES: &str =
    "一是针对数据共享不畅，9月30日前统一两个部门的接口标准，数据回传控制在1天内。
二是针对窗口人员流动大，10月起将岗位补贴提高到每月600元，流失率控制在5%以内。
三是针对评价渠道单一，8月底前在46个窗口全部张贴评价二维码，线上评价占比提高到40%。";

/// A published summary whose problems section has three problems, each with a cause and a measure.
pub(crate) fn published(f: &mut Fixture) -> i64 {
    let id = new_summary(f);
    fill(f, id);
    save_section(&mut f.conn, id, 4, PROBLEMS).expect("problems");
    save_section(&mut f.conn, id, 5, MEASURES).expect("measures");
    let by = |actor| ReviewInput { actor_id: actor, note: Some("已核对".into()) };
    submit(&mut f.conn, id, &by(f.drafter)).expect("submit");
    approve(&mut f.conn, id, &by(f.reviewer)).expect("approve");
    publish(&mut f.conn, id, &by(f.reviewer)).expect("publish");
    id
}

#[test]
fn a_new_summary_copies_the_template_sections() {
    let mut f = fixture();
    let id = new_summary(&mut f);
    let d = get_summary_detail(&f.conn, id).expect("detail");
    assert_eq!(d.summary.state, SummaryState::Drafting);
    assert_eq!(d.summary.kind, SummaryKind::Project);
    assert_eq!(d.sections.len(), 7);
    assert_eq!(d.sections[1].role, SectionRole::TargetsVsResults);
    assert!(!d.sections[1].guidance.is_empty());
    assert_eq!(d.events.len(), 1);
    assert_eq!(d.events[0].kind, SummaryEventKind::Create);
    let err = create_summary(
        &mut f.conn,
        &NewSummaryInput {
            template_id: f.template,
            title: "x".into(),
            period_from: Some("2026-07-01".into()),
            period_to: Some("2026-06-30".into()),
            unit_id: Some(f.unit),
            drafter_id: Some(f.drafter),
            ..Default::default()
        },
    )
    .expect_err("period");
    assert_eq!(err.field().as_deref(), Some("period_to"));
    let err = create_summary(
        &mut f.conn,
        &NewSummaryInput { template_id: f.template, title: "x".into(), ..Default::default() },
    )
    .expect_err("no profile");
    assert_eq!(err.field().as_deref(), Some("unit_id"));
}

#[test]
fn autosave_writes_only_changes() {
    let mut f = fixture();
    let id = new_summary(&mut f);
    let first = save_section(&mut f.conn, id, 0, "第一段。\r\n第二段。").expect("save");
    assert!(first.changed);
    assert_eq!(first.revision, 1);
    let again = save_section(&mut f.conn, id, 0, "第一段。\n第二段。").expect("same");
    assert!(!again.changed, "the same text (after line-break normalising) writes nothing");
    assert_eq!(again.revision, 1);
    let d = get_summary_detail(&f.conn, id).expect("detail");
    assert_eq!(d.sections[0].text, "第一段。\n第二段。");
    assert_eq!(d.summary.word_count, word_count(["第一段。第二段。"]));
    assert_eq!(d.summary.word_count, d.sections.iter().map(|s| s.word_count).sum::<i64>(), "one count");
    let err = save_section(&mut f.conn, id, 9, "x").expect_err("no such section");
    assert_eq!(err.field().as_deref(), Some("position"));
    let err = save_indicators(
        &mut f.conn,
        id,
        0,
        &[IndicatorInput { indicator: "a".into(), ..Default::default() }],
    )
    .expect_err("wrong section");
    assert_eq!(err.field().as_deref(), Some("position"));
}

#[test]
fn versions_diff_and_restore_never_rewrite_history() {
    let mut f = fixture();
    let id = new_summary(&mut f);
    save_section(&mut f.conn, id, 0, "全年办件量3.2万件。").expect("save");
    let v1 = save_version(&mut f.conn, id, Some("初稿")).expect("v1");
    assert_eq!((v1.number, v1.kind), (1, SummaryVersionKind::Manual));
    save_section(&mut f.conn, id, 0, "全年办件量3.5万件，同比增长9%。").expect("save");
    let v2 = save_version(&mut f.conn, id, None).expect("v2");
    let diff = diff_versions(&f.conn, id, 1, Some(2)).expect("diff");
    assert_eq!(diff.sections[0].change, SectionChange::Changed);
    assert_eq!(diff.sections[1].change, SectionChange::Unchanged);
    let rebuilt: String =
        diff.sections[0].spans.iter().filter(|s| s.op != DiffOp::Delete).map(|s| s.text.as_str()).collect();
    assert_eq!(rebuilt, "全年办件量3.5万件，同比增长9%。");
    // Unsaved typing, then restore v1: the typing is saved first, v1 comes back as a new version.
    save_section(&mut f.conn, id, 0, "还没保存版本的修改。").expect("save");
    let restored = restore_version(&mut f.conn, id, 1).expect("restore");
    assert_eq!(restored.number, 4);
    assert_eq!(restored.kind, SummaryVersionKind::Restore);
    let list = list_versions(&f.conn, id).expect("list");
    let kinds: Vec<SummaryVersionKind> = list.iter().map(|v| v.kind).collect();
    assert_eq!(
        kinds,
        [
            SummaryVersionKind::Restore,
            SummaryVersionKind::BeforeRestore,
            SummaryVersionKind::Manual,
            SummaryVersionKind::Manual
        ]
    );
    assert_eq!(get_version(&f.conn, id, 3).expect("v3").content.sections[0].text, "还没保存版本的修改。");
    assert_eq!(get_summary_detail(&f.conn, id).expect("d").sections[0].text, "全年办件量3.2万件。");
    assert_eq!(
        get_version(&f.conn, id, v2.number).expect("v2").content.sections[0].text,
        "全年办件量3.5万件，同比增长9%。"
    );
    let to_current = diff_versions(&f.conn, id, 1, None).expect("diff to current");
    assert!(to_current.to.is_none());
    assert!(to_current.sections.iter().all(|s| s.change == SectionChange::Unchanged));
    let err = f.conn.execute("UPDATE summary_version SET note = 'x'", []).expect_err("append-only");
    assert!(err.to_string().contains("不可修改"));
}

#[test]
fn the_review_cycle_with_opinions_and_an_illegal_step() {
    let mut f = fixture();
    let id = new_summary(&mut f);
    let by = |actor: i64| ReviewInput { actor_id: actor, note: None };
    let err = submit(&mut f.conn, id, &by(f.drafter)).expect_err("empty");
    assert_eq!(err.code(), "not_allowed");
    // A thin draft fails the checks: a reason is required, and then it goes in with the figures.
    save_section(&mut f.conn, id, 0, "我们高度重视，稳步推进各项工作。").expect("save");
    let err = submit(&mut f.conn, id, &by(f.drafter)).expect_err("checks fail");
    assert_eq!(err.field().as_deref(), Some("note"));
    assert!(err.to_string().contains("数据占比"), "{err}");
    submit(&mut f.conn, id, &ReviewInput { actor_id: f.drafter, note: Some("时间紧，先报初稿".into()) })
        .expect("submit");
    let d = get_summary_detail(&f.conn, id).expect("detail");
    assert_eq!(d.summary.state, SummaryState::Submitted);
    let ev = d.events.last().expect("event");
    assert_eq!(ev.payload["reason"], "时间紧，先报初稿");
    assert_eq!(ev.payload["check"]["passed"], false);
    assert_eq!(ev.payload["check"]["checks"][0]["rule"], "quant_ratio");
    assert_eq!(ev.payload["version"], 1);
    // Text is frozen in review; publishing before approval is refused.
    let same = save_section(&mut f.conn, id, 0, "我们高度重视，稳步推进各项工作。").expect("same text");
    assert!(!same.changed, "a last autosave of unchanged text after submitting is no error");
    let err = save_section(&mut f.conn, id, 0, "改一下").expect_err("frozen");
    assert_eq!(err.code(), "not_allowed");
    assert!(err.to_string().contains("审核中"), "{err}");
    let err = publish(&mut f.conn, id, &by(f.reviewer)).expect_err("not approved");
    assert_eq!(err.code(), "not_allowed");
    add_opinion(&mut f.conn, id, f.reviewer, &OpinionInput { section: Some(0), text: "缺少数据".into() })
        .expect("opinion");
    let err = return_for_rewrite(
        &mut f.conn,
        id,
        &ReturnInput {
            actor_id: f.reviewer,
            note: None,
            opinions: vec![OpinionInput { section: Some(12), text: "x".into() }],
        },
    )
    .expect_err("bad section");
    assert_eq!(err.field().as_deref(), Some("opinions[0].section"));
    return_for_rewrite(
        &mut f.conn,
        id,
        &ReturnInput {
            actor_id: f.reviewer,
            note: Some("请补充数据后重报".into()),
            opinions: vec![OpinionInput { section: None, text: "问题分析不足".into() }],
        },
    )
    .expect("return");
    let d = get_summary_detail(&f.conn, id).expect("detail");
    assert_eq!(d.summary.state, SummaryState::Returned);
    assert_eq!(d.summary.returned_count, 1);
    assert_eq!(d.sections[0].opinions.len(), 1);
    assert_eq!(d.general_opinions.len(), 1);
    assert_eq!(d.general_opinions[0].round, 1);
    // Rewrite, resubmit without a reason (the checks pass), approve, publish.
    fill(&mut f, id);
    let report = run_check(&f.conn, id).expect("check");
    assert!(report.passed, "{:#?}", report.checks);
    submit(&mut f.conn, id, &by(f.drafter)).expect("resubmit");
    approve(&mut f.conn, id, &by(f.reviewer)).expect("approve");
    publish(&mut f.conn, id, &by(f.reviewer)).expect("publish");
    let d = get_summary_detail(&f.conn, id).expect("detail");
    assert_eq!(d.summary.state, SummaryState::Published);
    let kinds: Vec<SummaryEventKind> = d.events.iter().map(|e| e.kind).collect();
    assert_eq!(
        kinds,
        [
            SummaryEventKind::Create,
            SummaryEventKind::Submit,
            SummaryEventKind::Opinion,
            SummaryEventKind::Return,
            SummaryEventKind::Submit,
            SummaryEventKind::Approve,
            SummaryEventKind::Publish
        ]
    );
    assert_eq!(d.events[4].payload["round"], 2);
    let err = return_for_rewrite(
        &mut f.conn,
        id,
        &ReturnInput { actor_id: f.reviewer, note: Some("x".into()), opinions: vec![] },
    )
    .expect_err("published");
    assert!(err.to_string().contains("已发布"), "{err}");
    let err = f.conn.execute("DELETE FROM summary_event", []).expect_err("append-only");
    assert!(err.to_string().contains("不可删除"));
}

#[test]
fn export_import_round_trip_and_refusals() {
    let mut f = fixture();
    let id = new_summary(&mut f);
    fill(&mut f, id);
    let text = export_summary_json(&f.conn, id).expect("export");
    let copy = import_summary(&mut f.conn, &text).expect("import");
    assert_ne!(copy, id);
    let (a, b) = (get_summary_detail(&f.conn, id).expect("a"), get_summary_detail(&f.conn, copy).expect("b"));
    assert_eq!(b.summary.state, SummaryState::Drafting);
    assert_eq!(a.summary.title, b.summary.title);
    assert_eq!(a.summary.template_id, b.summary.template_id);
    assert_eq!(
        a.sections.iter().map(|s| (&s.heading, &s.text, &s.indicators)).collect::<Vec<_>>(),
        b.sections.iter().map(|s| (&s.heading, &s.text, &s.indicators)).collect::<Vec<_>>()
    );
    assert_eq!(list_versions(&f.conn, copy).expect("versions")[0].kind, SummaryVersionKind::Import);

    let count = |conn: &Connection| list_summaries(conn, &SummaryQuery::default()).expect("list").len();
    let before = count(&f.conn);
    let mut v: serde_json::Value = serde_json::from_str(&text).expect("json");
    v["unit"] = "不存在的单位".into();
    let err = import_summary(&mut f.conn, &v.to_string()).expect_err("unit");
    assert_eq!(err.field().as_deref(), Some("unit"));
    assert!(err.to_string().contains("不存在的单位"));
    let mut v: serde_json::Value = serde_json::from_str(&text).expect("json");
    v["drafter"]["name"] = "李四".into();
    assert_eq!(
        import_summary(&mut f.conn, &v.to_string()).expect_err("drafter").field().as_deref(),
        Some("drafter.name")
    );
    let mut v: serde_json::Value = serde_json::from_str(&text).expect("json");
    v["sections"][1]["indicators"][0]["target"] = 95.into();
    assert_eq!(
        import_summary(&mut f.conn, &v.to_string()).expect_err("type").field().as_deref(),
        Some("sections[1].indicators[0].target")
    );
    let mut v: serde_json::Value = serde_json::from_str(&text).expect("json");
    v["sections"][0]["indicators"] = v["sections"][1]["indicators"].clone();
    assert_eq!(
        import_summary(&mut f.conn, &v.to_string()).expect_err("role").field().as_deref(),
        Some("sections[0].indicators")
    );
    let mut v: serde_json::Value = serde_json::from_str(&text).expect("json");
    v["classification"] = "机密".into();
    assert_eq!(
        import_summary(&mut f.conn, &v.to_string()).expect_err("secret").field().as_deref(),
        Some("classification")
    );
    assert_eq!(count(&f.conn), before, "refused files change nothing");
}

#[test]
fn the_printed_papers() {
    let mut f = fixture();
    let id = new_summary(&mut f);
    fill(&mut f, id);
    save_section(
        &mut f.conn,
        id,
        2,
        "（一）系统对接\n3月完成系统对接，平均办理时长由5个工作日压缩到2个工作日。",
    )
    .expect("save");
    let doc = paper(&f.conn, id, SummaryPaper::Document).expect("doc");
    let headings: Vec<&str> = doc
        .blocks
        .iter()
        .filter_map(|b| match b {
            Block::Heading(h) => Some(h.text.as_str()),
            _ => None,
        })
        .collect();
    assert_eq!(
        headings[..4],
        ["一、基本情况回顾", "二、目标与完成情况", "三、实施过程与关键举措", "（一）系统对接"]
    );
    let table = doc.blocks.iter().find_map(|b| match b {
        Block::Table(t) => Some(t),
        _ => None,
    });
    assert_eq!(table.expect("table").rows[0][4], "+3.6个百分点");
    // Never submitted: the 落款 carries the print date and says so.
    let n = doc.blocks.len();
    assert!(matches!(&doc.blocks[n - 2], Block::Signature(s) if s.body == "市政务服务中心"));
    assert!(matches!(&doc.blocks[n - 1], Block::Paragraph(p) if p.text == print::DRAFT_DATE_MARK));
    assert_eq!(doc.classification, None);
    let sheet = paper(&f.conn, id, SummaryPaper::ApprovalSheet).expect("sheet");
    assert_eq!(sheet.title, "项目总结审批表");
    let Some(Block::Form(form)) = sheet.blocks.first() else { panic!("a form") };
    let labels: Vec<&str> = form.rows.iter().flatten().map(|f| f.label.as_str()).collect();
    assert!(labels.contains(&"科室审核意见") && labels.contains(&"领导审批意见") && labels.contains(&"备注"));
    assert!(form.rows.iter().flatten().filter(|f| f.sign).count() == 2);
    let rendered = render_paper(&f.conn, id, SummaryPaper::ApprovalSheet).expect("pdf");
    assert_eq!(rendered.pages, 1);
    assert!(render_paper(&f.conn, id, SummaryPaper::Document).expect("pdf").pdf.starts_with(b"%PDF-"));
    // Not submitted yet: no 报送日期 (never the print date).
    let value = |label: &str| form.rows.iter().flatten().find(|f| f.label == label).map(|f| f.value.clone());
    assert_eq!(value("报送日期").as_deref(), Some("（未报送）"));
    submit(&mut f.conn, id, &ReviewInput { actor_id: f.drafter, note: Some("按期报送".into()) })
        .expect("submit");
    let sheet = paper(&f.conn, id, SummaryPaper::ApprovalSheet).expect("sheet");
    let Some(Block::Form(form)) = sheet.blocks.first() else { panic!("a form") };
    let submitted = form.rows.iter().flatten().find(|f| f.label == "报送日期").map(|f| f.value.clone());
    assert_eq!(submitted, Some(crate::time::chinese_date(crate::time::now().date_naive())));
    // Submitted: the 落款 is dated that day and carries no draft mark.
    let doc = paper(&f.conn, id, SummaryPaper::Document).expect("doc");
    assert!(matches!(doc.blocks.last(), Some(Block::Signature(_))));
}

#[test]
fn an_empty_chapter_keeps_its_number_and_says_it_is_empty() {
    let mut f = fixture();
    let id = new_summary(&mut f);
    fill(&mut f, id);
    save_section(&mut f.conn, id, 1, "").expect("empty the second chapter");
    save_indicators(&mut f.conn, id, 1, &[]).expect("and its indicators");
    let doc = paper(&f.conn, id, SummaryPaper::Document).expect("doc");
    let at = doc
        .blocks
        .iter()
        .position(|b| matches!(b, Block::Heading(h) if h.text == "二、目标与完成情况"))
        .expect("the empty chapter is printed under its own number");
    assert!(matches!(&doc.blocks[at + 1], Block::Paragraph(p) if p.text == print::EMPTY_SECTION_MARK));
    assert!(doc.blocks.iter().any(|b| matches!(b, Block::Heading(h) if h.text == "三、实施过程与关键举措")));
}

#[test]
fn the_drafter_cannot_review_her_own_summary() {
    let mut f = fixture();
    let id = new_summary(&mut f);
    fill(&mut f, id);
    submit(&mut f.conn, id, &ReviewInput { actor_id: f.drafter, note: Some("按期报送".into()) })
        .expect("submit");
    let own = ReviewInput { actor_id: f.drafter, note: None };
    for err in [
        approve(&mut f.conn, id, &own).expect_err("approve her own"),
        add_opinion(&mut f.conn, id, f.drafter, &OpinionInput { section: None, text: "很好".into() })
            .expect_err("an opinion on her own"),
    ] {
        assert_eq!(err.field().as_deref(), Some("actor_id"));
        assert!(err.to_string().contains("不能审核自己撰写的总结"), "{err}");
    }
    assert_eq!(get_summary(&f.conn, id).expect("summary").state, SummaryState::Submitted, "nothing moved");
    // The form does not offer her as the reviewer.
    let d = get_summary_detail(&f.conn, id).expect("detail");
    let approve_form =
        d.available_actions.iter().find(|a| a.action == SummaryAction::Approve).expect("approve");
    assert!(approve_form.fields[0].hint.as_deref().is_some_and(|h| h.contains("王玥")));
    approve(&mut f.conn, id, &ReviewInput { actor_id: f.reviewer, note: None }).expect("another approves");
}

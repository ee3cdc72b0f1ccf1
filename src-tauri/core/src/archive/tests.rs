//! 归档 on an in-memory database: an office (督查室) whose items are led by an outside unit and by
//! its own 办公室, struck off across two years, and a published summary.

use rusqlite::Connection;

use super::*;
use crate::assignment::{self, Action, ActionRequest, ActionValues, AssignmentInput};
use crate::print::{self, Block, Orientation};
use crate::profile::{self, ProfileInput};
use crate::test_support::{add_person, add_unit, person, unit, ItemDirectory};

struct Office {
    conn: Connection,
    outside: ItemDirectory,
    own_unit: i64,
    own_person: i64,
}

fn office() -> Office {
    let mut conn = crate::test_support::memory_db();
    profile::set_profile(&mut conn, &ProfileInput { name: "王玥".into(), unit_name: "督查室".into() })
        .expect("profile");
    let outside = ItemDirectory::add(&mut conn, ["𠮷安街道", "城管局"], "陈堃");
    let own_unit = add_unit(&mut conn, &unit("办公室"));
    let own_person = add_person(&mut conn, &person("张镕", own_unit));
    let setup = ArchiveSettings {
        fonds_code: "z109".into(),
        fonds_name: "某市人民政府办公室".into(),
        ..Default::default()
    };
    save_settings(&mut conn, &setup).expect("settings");
    Office { conn, outside, own_unit, own_person }
}

impl Office {
    /// An item led by the outside unit (or the office's 办公室), taken to 已销号 on `day`.
    fn struck(&mut self, title: &str, day: &str, own: bool) -> i64 {
        let (lead, who) =
            if own { (self.own_unit, self.own_person) } else { (self.outside.unit, self.outside.person) };
        let id = self.registered(title, lead, who);
        self.steps(
            id,
            who,
            &[Action::Assign, Action::Accept, Action::Report, Action::Pass, Action::StrikeOff],
            day,
        );
        id
    }

    fn registered(&mut self, title: &str, lead: i64, who: i64) -> i64 {
        let input = AssignmentInput {
            title: title.into(),
            source: "meeting".into(),
            content: format!("{title}，按期报送办理结果。"),
            category: "routine".into(),
            lead_unit_id: lead,
            responsible_id: who,
            assigned_at: Some("2025-11-03T09:00".into()),
            deadline: Some("2027-12-31T17:30".into()),
            ..Default::default()
        };
        assignment::register(&mut self.conn, &input).expect("register")
    }

    fn steps(&mut self, id: i64, who: i64, actions: &[Action], day: &str) {
        let at = crate::calendar::parse_time("at", &format!("{day}T10:00")).expect("time");
        for &action in actions {
            let input = ActionValues {
                actor_id: who,
                note: Some(if action == Action::Report {
                    "已全部整改到位，附照片12张。".into()
                } else {
                    "同意".into()
                }),
                satisfaction: (action == Action::Pass).then_some(95),
                ..Default::default()
            };
            assignment::lifecycle::apply(&self.conn, id, &ActionRequest { action, input }, at).expect("step");
        }
    }

    fn file(&mut self, targets: &[Target], retention: Retention) -> Vec<ArchiveFile> {
        file(
            &mut self.conn,
            &FileRequest { targets: targets.to_vec(), retention: Some(retention), actor_id: None },
        )
        .expect("file")
    }

    fn codes(&self, year: i32) -> Vec<String> {
        let q = ArchiveQuery { year: Some(year), ..Default::default() };
        list_files(&self.conn, &q).expect("list").into_iter().map(|f| f.archival_code).collect()
    }
}

#[test]
fn numbers_run_by_date_within_year_retention_and_department() {
    let mut o = office();
    let late = o.struck("整治背街小巷", "2026-05-06", false);
    let early = o.struck("修复幸福路路面", "2026-03-16", false);
    let same_day = o.struck("更换路灯", "2026-03-16", false);
    let own = o.struck("规范公文处理", "2026-04-01", true);
    let last_year = o.struck("清理占道经营", "2025-12-22", false);
    let ten = o.struck("补栽行道树", "2026-06-01", false);
    // Filed out of order: the numbers follow date, then title.
    let filed = o.file(&[Target::Item(late)], Retention::Years30);
    assert_eq!(filed[0].archival_code, "Z109-WS·2026-D30-DCS-0001");
    o.file(
        &[Target::Item(early), Target::Item(same_day), Target::Item(own), Target::Item(last_year)],
        Retention::Years30,
    );
    o.file(&[Target::Item(ten)], Retention::Years10);
    assert_eq!(
        o.codes(2026),
        [
            "Z109-WS·2026-D30-BGS-0001",
            // 2026-03-16 twice: 修复… before 更换… as the titles sort.
            "Z109-WS·2026-D30-DCS-0001",
            "Z109-WS·2026-D30-DCS-0002",
            "Z109-WS·2026-D30-DCS-0003",
            "Z109-WS·2026-D10-DCS-0001",
        ]
    );
    assert_eq!(o.codes(2025), ["Z109-WS·2025-D30-DCS-0001"]);
    let f = get_file(&o.conn, filed[0].id).expect("file");
    assert_eq!((f.item_no, f.date.as_str(), f.year), (3, "20260506", 2026));
    assert!(
        f.title_supplied && f.printed_title() == "[关于整治背街小巷的督办办理材料]",
        "{}",
        f.printed_title()
    );
    assert_eq!(f.doc_no, assignment::get_assignment(&o.conn, late).expect("item").number);
    assert_eq!(f.author, "督查室");
    assert_eq!(assignment::get_assignment(&o.conn, late).expect("item").state, assignment::State::Archived);
    // Once only.
    let err = file(
        &mut o.conn,
        &FileRequest { targets: vec![Target::Item(late)], retention: None, actor_id: None },
    )
    .expect_err("twice");
    assert!(err.to_string().contains("已归档") && err.to_string().contains("0003"), "{err}");
}

#[test]
fn the_order_may_change_until_the_year_is_confirmed() {
    let mut o = office();
    let ids: Vec<i64> = ["一", "二", "三"]
        .iter()
        .enumerate()
        .map(|(i, t)| o.struck(&format!("第{t}件"), &format!("2026-03-1{}", i + 6), false))
        .collect();
    let files = o.file(&ids.iter().map(|&i| Target::Item(i)).collect::<Vec<_>>(), Retention::Years30);
    let moved = move_file(&mut o.conn, files[2].id, 1, None).expect("move");
    assert_eq!(moved.item_no, 1);
    let numbers: Vec<i64> = files.iter().map(|f| get_file(&o.conn, f.id).expect("file").item_no).collect();
    assert_eq!(numbers, [2, 3, 1]);
    assert!(move_file(&mut o.conn, files[0].id, 4, None)
        .expect_err("past the end")
        .to_string()
        .contains("1 到 3"));
    assert_eq!(confirm_year(&mut o.conn, 2026, None).expect("confirm"), 3);
    let err = move_file(&mut o.conn, files[0].id, 1, None).expect_err("confirmed");
    assert_eq!(err.code(), "not_allowed");
    let err = o
        .conn
        .execute("UPDATE archive_file SET title = 'x' WHERE id = ?1", [files[0].id])
        .expect_err("read-only");
    assert!(err.to_string().contains("已确认归档的件不可修改"), "{err}");
    // A 件 filed later into the confirmed year, though older, comes after the fixed numbers.
    let older = o.struck("第零件", "2026-01-05", false);
    assert_eq!(o.file(&[Target::Item(older)], Retention::Years30)[0].item_no, 4);
    assert!(confirm_year(&mut o.conn, 2025, None).is_err());
}

#[test]
fn only_the_archive_takes_the_archiving_step() {
    let mut o = office();
    let id = o.struck("修复幸福路路面", "2026-03-16", false);
    let input = ActionValues { actor_id: o.outside.person, ..Default::default() };
    let err = assignment::perform(&mut o.conn, id, &ActionRequest { action: Action::Archive, input })
        .expect_err("plain");
    assert!(err.to_string().contains("归档"), "{err}");
    let detail = assignment::get_assignment_detail(&o.conn, id).expect("detail");
    assert!(detail.available_actions.iter().all(|a| a.action != Action::Archive));
    // Without a 全宗号 nothing is filed.
    let mut bare = crate::test_support::memory_db();
    let err =
        file(&mut bare, &FileRequest { targets: vec![Target::Item(1)], retention: None, actor_id: None })
            .expect_err("no fonds");
    assert!(err.to_string().contains("全宗号"), "{err}");
}

#[test]
fn a_bound_file_carries_its_stamp_and_its_parts_in_order() {
    let mut o = office();
    let id = o.struck("修复幸福路路面", "2026-03-16", false);
    o.steps(id, o.outside.person, &[], "2026-03-16");
    let f = o.file(&[Target::Item(id)], Retention::Years30).remove(0);
    let doc = file_document(&o.conn, &f).expect("document");
    let stamp = doc.stamp.clone().expect("stamp");
    assert_eq!((stamp.fonds.as_str(), stamp.year.as_str(), stamp.item_no.as_str()), ("Z109", "2026", "0001"));
    assert_eq!((stamp.org.as_str(), stamp.retention.as_str()), ("DCS", "30年"));
    assert_eq!(doc.title, "办理结果反馈单");
    let titles: Vec<&str> = doc
        .blocks
        .iter()
        .filter_map(|b| if let Block::Title(t) = b { Some(t.text.as_str()) } else { None })
        .collect();
    assert_eq!(titles, ["销号审批表", "督办通知单"]);
    assert_eq!(print::page_count(&doc).expect("pages") as i64, f.pages);
    // The closing form prints on its own too, with the boxes leaders sign.
    let closing = assignment::notice::paper(&o.conn, id, assignment::notice::ItemPaper::Closing, None)
        .expect("closing");
    let Block::Form(form) = &closing.blocks[1] else { panic!("a form") };
    let labels: Vec<&str> = form.rows.iter().flatten().map(|f| f.label.as_str()).collect();
    for label in ["办结时间", "是否按期", "满意度", "承办单位意见", "督查部门意见", "领导审批意见"]
    {
        assert!(labels.contains(&label), "{label}");
    }
    if let Ok(dir) = std::env::var("LUOSHI_ARCHIVE_RENDERS") {
        let out = std::path::Path::new(&dir);
        std::fs::write(out.join("closing.pdf"), print::render(&closing).expect("pdf")).expect("write");
        std::fs::write(out.join("file.pdf"), print::render(&doc).expect("pdf")).expect("write");
    }
    assert_eq!(print::page_count(&closing).expect("pages"), 1);
}

#[test]
fn a_published_summary_is_filed_with_its_review_and_data() {
    let mut f = crate::summary::tests::fixture();
    profile::set_profile(&mut f.conn, &ProfileInput { name: "王玥".into(), unit_name: "督查室".into() })
        .expect("profile");
    save_settings(&mut f.conn, &ArchiveSettings { fonds_code: "Z109".into(), ..Default::default() })
        .expect("settings");
    let id = crate::summary::tests::new_summary(&mut f);
    crate::summary::tests::fill(&mut f, id);
    let by = |actor| crate::summary::ReviewInput { actor_id: actor, note: None };
    crate::summary::submit(&mut f.conn, id, &by(f.drafter)).expect("submit");
    crate::summary::approve(&mut f.conn, id, &by(f.reviewer)).expect("approve");
    let c = parts::candidate(&f.conn, Target::Summary(id)).expect("candidate");
    assert_eq!(c.lacks, ["未发布（审核通过）"]);
    crate::summary::publish(&mut f.conn, id, &by(f.reviewer)).expect("publish");
    let file = file(
        &mut f.conn,
        &FileRequest {
            targets: vec![Target::Summary(id)],
            retention: Some(Retention::Permanent),
            actor_id: None,
        },
    )
    .expect("file")
    .remove(0);
    assert_eq!(file.archival_code, "Z109-WS·2026-Y-SZWFWZX-0001");
    assert!(!file.title_supplied);
    assert_eq!(
        crate::summary::get_summary_detail(&f.conn, id).expect("detail").summary.state,
        crate::summary::SummaryState::Archived
    );
    let doc = file_document(&f.conn, &file).expect("document");
    let titles: Vec<&str> = doc
        .blocks
        .iter()
        .filter_map(|b| if let Block::Title(t) = b { Some(t.text.as_str()) } else { None })
        .collect();
    assert_eq!(titles, ["项目总结审批表", "审核意见", "指标完成情况表"]);
    let report = completeness(&f.conn, 2026).expect("completeness");
    assert_eq!((report.total, report.complete, report.rate), (1, 1, Some(1.0)));
}

#[test]
fn completeness_names_what_each_lacks() {
    let mut o = office();
    o.struck("修复幸福路路面", "2026-03-16", false);
    let who = o.outside.person;
    let closed = o.registered("更换路灯", o.outside.unit, who);
    o.steps(closed, who, &[Action::Assign, Action::Accept, Action::Report, Action::Pass], "2026-04-01");
    let report = completeness(&o.conn, 2026).expect("completeness");
    assert_eq!((report.total, report.complete), (2, 1));
    assert_eq!(report.incomplete[0].lacks, ["未销号（已办结）"]);
    assert!(!report.incomplete[0].ready);
}

#[test]
fn the_catalogue_lists_the_columns_in_order_landscape_with_a_cover() {
    let mut o = office();
    let ids: Vec<Target> =
        (0..3).map(|i| Target::Item(o.struck(&format!("第{i}件"), "2026-03-16", false))).collect();
    o.file(&ids, Retention::Years30);
    let cat = catalogue(&o.conn, 2026, None).expect("catalogue");
    let doc = catalogue_document(&cat);
    assert_eq!(doc.orientation, Orientation::Landscape);
    let Block::Form(cover) = &doc.blocks[1] else { panic!("cover") };
    let cover: Vec<(&str, &str)> =
        cover.rows.iter().flatten().map(|f| (f.label.as_str(), f.value.as_str())).collect();
    assert_eq!(cover[0], ("全宗号", "Z109"));
    assert_eq!(cover[3], ("保管期限", "定期30年"));
    assert_eq!(cover[4], ("机构(问题)", "督查室（DCS）"));
    let Block::Table(table) = &doc.blocks[3] else { panic!("table") };
    let columns: Vec<&str> = table.columns.iter().map(|c| c.title.as_str()).collect();
    assert_eq!(columns, ["序号", "档号", "文号", "责任者", "题名", "日期", "密级", "页数", "备注"]);
    assert_eq!(table.rows[0][1], "Z109-WS·2026-D30-DCS-0001");
    assert_eq!(table.rows[2][5], "20260316");
    assert!(table.rows[0][4].starts_with('['));
    print::render(&doc).expect("renders");
    let sheets = box_sheets(&o.conn, &cat).expect("box sheets");
    print::render(&sheets).expect("renders");
    assert!(catalogue_xlsx(&cat).expect("xlsx").starts_with(b"PK"));
    assert!(catalogue(&o.conn, 2024, None).expect_err("empty year").to_string().contains("2024"));
}

#[test]
fn a_package_is_verified_and_a_changed_file_is_found() {
    let mut o = office();
    let id = o.struck("修复幸福路路面", "2026-03-16", false);
    o.file(&[Target::Item(id)], Retention::Years30);
    let dir = tempfile::tempdir().expect("dir");
    let report = export_year(&o.conn, 2026, dir.path()).expect("export");
    assert_eq!(report.items, 1);
    let year = dir.path().join("2026");
    assert!(year.join("件/Z109-WS·2026-D30-DCS-0001.pdf").is_file());
    let ok = verify_package(&year).expect("verify");
    assert!(ok.ok, "{:?}", ok.problems);
    assert!(export_year(&o.conn, 2026, dir.path()).expect_err("there").to_string().contains("已存在"));
    std::fs::write(year.join("归档文件目录.xlsx"), b"changed").expect("tamper");
    std::fs::write(year.join("extra.txt"), b"x").expect("extra");
    let bad = verify_package(&year).expect("verify");
    assert!(!bad.ok);
    assert!(bad.problems.iter().any(|p| p.contains("归档文件目录.xlsx")), "{:?}", bad.problems);
    assert!(bad.problems.iter().any(|p| p.contains("extra.txt")), "{:?}", bad.problems);
    assert!(bad.error().expect("error").to_string().contains("校验未通过"));
}

#[test]
fn a_summarys_checklist_names_its_parts_with_the_publicity_records() {
    let mut f = crate::summary::tests::fixture();
    let id = crate::summary::tests::published(&mut f);
    let names = |f: &crate::summary::tests::Fixture| -> Vec<String> {
        parts::checklist(&f.conn, Target::Summary(id))
            .expect("checklist")
            .into_iter()
            .map(|p| p.name)
            .collect()
    };
    assert_eq!(names(&f), ["总结正文", "项目总结审批表", "审核意见", "指标完成情况表"]);
    let record = crate::summary::SummaryActionRequest {
        action: crate::summary::SummaryAction::RecordTraining,
        input: crate::summary::SummaryActionValues {
            actor_id: f.reviewer,
            date: Some("2026-07-15".into()),
            participants: Some(46),
            ..Default::default()
        },
    };
    crate::summary::perform(&mut f.conn, id, &record).expect("training");
    assert_eq!(names(&f).last().map(String::as_str), Some("发布与宣贯记录"));
    let parts = parts::checklist(&f.conn, Target::Summary(id)).expect("checklist");
    assert!(parts.iter().all(|p| p.pages >= 1), "{parts:?}");
}

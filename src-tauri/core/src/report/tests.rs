//! The paper of supervision on a small ledger: November 2026, three lead units, items closed on
//! time, overdue from this month and from October, and one cooperated on.

use rusqlite::Connection;

use super::*;
use crate::assignment::{self, Action, ActionRequest, ActionValues, AssignmentInput};
use crate::print::{Block, Orientation};
use crate::stats::{StatsBy, StatsCount, StatsQuery};
use crate::test_support::{add_person, add_unit, memory_db, person, unit};

struct Office {
    conn: Connection,
    units: [i64; 3],
    people: [i64; 3],
}

impl Office {
    fn new() -> Office {
        let mut conn = memory_db();
        let units = ["住建局", "城管局", "𠮷安街道"].map(|n| add_unit(&mut conn, &unit(n)));
        let people =
            [("王玥", 0), ("陈堃", 1), ("张镕", 2)].map(|(n, u)| add_person(&mut conn, &person(n, units[u])));
        Office { conn, units, people }
    }

    /// An item of unit `u` due on `deadline`, cooperated on by `with`.
    fn item(&mut self, u: usize, title: &str, deadline: &str, with: &[usize]) -> i64 {
        let input = AssignmentInput {
            title: title.into(),
            source: "meeting".into(),
            content: format!("{title}的具体要求。"),
            category: "routine".into(),
            lead_unit_id: self.units[u],
            responsible_id: self.people[u],
            cooperating_unit_ids: with.iter().map(|&w| self.units[w]).collect(),
            assigned_at: Some("2026-10-08T09:00".into()),
            deadline: Some(deadline.into()),
            ..Default::default()
        };
        assignment::register(&mut self.conn, &input).expect("register")
    }

    /// Assigned, accepted, reported and passed on 9 October, before any November cutoff.
    fn close(&mut self, id: i64, u: usize) {
        let at = crate::calendar::parse_time("at", "2026-10-09T10:00").unwrap();
        for action in [Action::Assign, Action::Accept, Action::Report, Action::Pass] {
            let input = ActionValues {
                actor_id: self.people[u],
                note: Some("已办结".into()),
                satisfaction: (action == Action::Pass).then_some(96),
                ..Default::default()
            };
            assignment::lifecycle::apply(&self.conn, id, &ActionRequest { action, input }, at).expect("step");
        }
    }

    fn number(&self, id: i64) -> String {
        assignment::get_assignment(&self.conn, id).expect("item").number
    }
}

/// Unit 0 closes four of five, unit 1 has three overdue (one from October), unit 2 has one item.
fn november() -> (Office, Vec<i64>) {
    let mut o = Office::new();
    let mut overdue = Vec::new();
    for n in 0..4 {
        let id = o.item(0, &format!("住建局第{n}件"), "2026-11-20T17:30", &[]);
        o.close(id, 0);
    }
    overdue.push(o.item(0, "修复幸福路破损路面", "2026-11-25T17:30", &[1]));
    for n in 0..2 {
        overdue.push(o.item(1, &format!("清理背街小巷第{n}处"), "2026-11-10T17:30", &[]));
    }
    let done = o.item(1, "更换路灯", "2026-11-12T17:30", &[]);
    o.close(done, 1);
    overdue.push(o.item(1, "整治占道经营（十月到期）", "2026-10-20T17:30", &[0]));
    overdue.push(o.item(2, "老旧小区改造", "2026-11-28T17:30", &[]));
    (o, overdue)
}

const NOVEMBER: BulletinPeriod = BulletinPeriod::Month { year: 2026, month: 11 };

fn texts(doc: &crate::print::Document) -> Vec<String> {
    let mut out = vec![doc.title.clone()];
    for b in &doc.blocks {
        match b {
            Block::Paragraph(p) => out.push(p.text.clone()),
            Block::Heading(h) => out.push(h.text.clone()),
            Block::Table(t) => out.extend(t.rows.iter().map(|r| r.join("|"))),
            Block::Signature(s) => out.push(s.body.clone()),
            _ => {}
        }
    }
    out
}

#[test]
fn periods_read_as_months_and_quarters_and_refuse_what_is_not_one() {
    assert_eq!(BulletinPeriod::parse_month("2026-11").unwrap(), NOVEMBER);
    assert_eq!(NOVEMBER.days().unwrap(), ("2026-11-01".parse().unwrap(), "2026-11-30".parse().unwrap()));
    let q4 = BulletinPeriod::parse_quarter("2026-q4").unwrap();
    assert_eq!(q4.days().unwrap(), ("2026-10-01".parse().unwrap(), "2026-12-31".parse().unwrap()));
    assert_eq!(q4.label(), "2026年第四季度");
    assert_eq!(BulletinPeriod::parse_quarter("2027Q1").unwrap().days().unwrap().1.to_string(), "2027-03-31");
    assert_eq!(BulletinPeriod::Month { year: 2028, month: 2 }.days().unwrap().1.to_string(), "2028-02-29");
    for bad in ["2026-13", "2026-0", "11月", "2026"] {
        let e = BulletinPeriod::parse_month(bad).unwrap_err().to_string();
        assert!(e.contains(bad) && e.contains("2026-11"), "{e}");
    }
    for bad in ["2026-Q5", "2026-Q0", "Q4"] {
        assert!(BulletinPeriod::parse_quarter(bad).unwrap_err().to_string().contains("2026-Q4"), "{bad}");
    }
}

#[test]
fn the_bulletin_says_what_stats_says_and_lists_every_overdue_item() {
    let (o, overdue) = november();
    let facts = bulletin_facts(&o.conn, NOVEMBER).unwrap();
    let q = StatsQuery {
        from: "2026-11-01".into(),
        to: "2026-11-30".into(),
        by: Some(StatsBy::Unit),
        score: true,
        ..StatsQuery::default()
    };
    assert_eq!(facts.stats, crate::stats::figures(&o.conn, &q).unwrap());
    let listed: Vec<i64> = facts.overdue.iter().map(|e| e.id).collect();
    let mut expected = overdue.clone();
    expected.sort_unstable();
    let mut sorted = listed.clone();
    sorted.sort_unstable();
    assert_eq!(sorted, expected, "every item overdue at 30 November, October's too");
    // Most days overdue first: October's item leads.
    assert_eq!(listed[0], overdue[3]);
    assert_eq!(facts.overdue[0].days, 41);
    assert!(!facts.overdue[0].due_in_period);
    // The period's own overdue items are exactly stats' overdue set.
    let in_period: Vec<i64> = facts.overdue.iter().filter(|e| e.due_in_period).map(|e| e.id).collect();
    let mut from_stats =
        crate::stats::item_ids(&o.conn, &StatsQuery { by: None, ..q }, StatsCount::Overdue).unwrap();
    from_stats.sort_unstable();
    let mut in_period_sorted = in_period;
    in_period_sorted.sort_unstable();
    assert_eq!(in_period_sorted, from_stats);

    let draft = bulletin_draft(&o.conn, NOVEMBER).unwrap();
    assert_eq!(draft.title, "关于2026年11月督查督办工作情况的通报");
    assert_eq!(draft.figures, crate::stats::summary_text(&facts.stats));
    let doc = bulletin_document(&o.conn, &draft).unwrap();
    let all = texts(&doc).join("\n");
    for id in &overdue {
        assert!(all.contains(&o.number(*id)), "{} missing from\n{all}", o.number(*id));
    }
    assert!(all.contains("超期未办结事项共5件（其中本期到期4件，此前到期1件）"), "{all}");
    crate::print::render(&doc).expect("prints");
    crate::print::render_docx(&doc).expect("as .docx");
}

#[test]
fn the_ranking_follows_the_scores_and_the_rules_pick_whom_to_commend_and_urge() {
    let (o, _) = november();
    let facts = bulletin_facts(&o.conn, NOVEMBER).unwrap();
    let ranked: Vec<(&str, f64)> = facts
        .stats
        .rows
        .iter()
        .filter(|r| r.rank.is_some())
        .map(|r| (r.name.as_str(), r.score.unwrap()))
        .collect();
    assert_eq!(ranked.iter().map(|r| r.0).collect::<Vec<_>>(), ["住建局", "城管局"]);
    assert!(ranked[0].1 > ranked[1].1);
    let doc = bulletin_document(&o.conn, &bulletin_draft(&o.conn, NOVEMBER).unwrap()).unwrap();
    let ranking = doc
        .blocks
        .iter()
        .find_map(|b| match b {
            Block::Table(t) if t.columns[0].title == "名次" => Some(t),
            _ => None,
        })
        .expect("the ranking table");
    assert_eq!(ranking.rows.iter().map(|r| r[1].as_str()).collect::<Vec<_>>(), ["住建局", "城管局"]);
    assert_eq!(ranking.rows[0][0], "1");
    // 𠮷安街道 has one item: shown apart, not ranked.
    assert!(texts(&doc).iter().any(|t| t.starts_with("𠮷安街道本期到期事项不足3件")));
    // 城管局 has three overdue (two this month, one from October): urged for it.
    assert!(
        facts.urged.iter().any(|(u, why)| u == "城管局" && why.contains("超期未办结3件")),
        "{:?}",
        facts.urged
    );
    // Nobody with an overdue item is commended.
    assert!(facts.commended.is_empty(), "{:?}", facts.commended);

    // Looser rules: 住建局's one overdue item no longer urges, and a lower bar changes nothing else.
    set_bulletin_rules(&o.conn, &BulletinRules { commend_score: 50.0, urge_score: 40.0, urge_overdue: 3 })
        .unwrap();
    let facts = bulletin_facts(&o.conn, NOVEMBER).unwrap();
    assert_eq!(facts.urged.iter().map(|u| u.0.as_str()).collect::<Vec<_>>(), ["城管局"]);
    let bad = set_bulletin_rules(
        &o.conn,
        &BulletinRules { commend_score: 60.0, urge_score: 70.0, urge_overdue: 1 },
    );
    assert!(bad.unwrap_err().to_string().contains("督促的分数线"));
}

#[test]
fn the_clerks_edits_print_and_the_tables_stay_the_ledgers() {
    let (o, overdue) = november();
    let mut draft = bulletin_draft(&o.conn, NOVEMBER).unwrap();
    draft.figures = "本月工作总体平稳。".into();
    draft.commend = String::new();
    draft.urge = "请城管局抓紧办理。".into();
    draft.issuer = "市政府督查室".into();
    let doc = bulletin_document(&o.conn, &draft).unwrap();
    let all = texts(&doc);
    assert!(all.contains(&"本月工作总体平稳。".to_string()));
    assert!(all.contains(&"请城管局抓紧办理。".to_string()));
    assert!(all.contains(&"市政府督查室".to_string()));
    assert!(all.iter().any(|t| t.contains(&o.number(overdue[0]))));
    draft.title = " ".into();
    assert!(bulletin_document(&o.conn, &draft).unwrap_err().to_string().contains("标题"));
    draft.title = "通报".into();
    draft.closing = "字".repeat(crate::text::MAX_DRAFT_TEXT_CHARS + 1);
    assert!(bulletin_document(&o.conn, &draft).unwrap_err().to_string().contains("工作要求"));
}

#[test]
fn the_clerks_edits_are_kept_per_period_until_discarded() {
    let (o, _) = november();
    let generated = bulletin_draft(&o.conn, NOVEMBER).unwrap();
    assert_eq!(generated.saved_at, None);
    let mut edited = generated.clone();
    edited.urge = "请城管局、住建局对照清单抓紧办理，王玥同志跟踪督办。".into();
    let kept = save_bulletin_draft(&o.conn, &edited).unwrap();
    assert!(kept.saved_at.is_some());
    // Opened again (another day, after a restart): the edits, not a new draft.
    let again = bulletin_draft(&o.conn, NOVEMBER).unwrap();
    assert_eq!(again, kept);
    // Another period has its own draft; the quarter holding November too.
    let october = BulletinPeriod::Month { year: 2026, month: 10 };
    assert_eq!(bulletin_draft(&o.conn, october).unwrap().saved_at, None);
    let q4 = BulletinPeriod::Quarter { year: 2026, quarter: 4 };
    assert_eq!(bulletin_draft(&o.conn, q4).unwrap().saved_at, None);
    // A draft that could not print is refused and the kept one stays.
    let mut bad = kept.clone();
    bad.title = " ".into();
    assert!(save_bulletin_draft(&o.conn, &bad).unwrap_err().to_string().contains("标题"));
    assert_eq!(bulletin_draft(&o.conn, NOVEMBER).unwrap(), kept);
    // 恢复自动生成: the edits go, the ledger's draft comes back.
    let fresh = discard_bulletin_draft(&o.conn, NOVEMBER).unwrap();
    assert_eq!(fresh.urge, generated.urge);
    assert_eq!(bulletin_draft(&o.conn, NOVEMBER).unwrap().saved_at, None);
}

#[test]
fn the_responsibility_list_puts_each_open_item_under_its_lead_and_its_cooperators() {
    let (o, overdue) = november();
    let doc = responsibility_document(&o.conn, None).unwrap();
    assert_eq!(doc.orientation, Orientation::Landscape);
    let all = texts(&doc);
    let headings: Vec<&String> = all.iter().filter(|t| t.contains("（牵头")).collect();
    assert_eq!(
        headings,
        [
            "一、住建局（牵头1项，配合1项）",
            "二、城管局（牵头3项，配合1项）",
            "三、𠮷安街道（牵头1项，配合0项）"
        ]
    );
    // 修复幸福路破损路面 is led by 住建局 and cooperated on by 城管局: listed under both.
    let number = o.number(overdue[0]);
    assert_eq!(all.iter().filter(|t| t.contains(&number)).count(), 2);
    // Closed items are not listed.
    assert!(!all.iter().any(|t| t.contains("住建局第0件")));
    let one = responsibility_document(&o.conn, Some(o.units[1])).unwrap();
    let one = texts(&one);
    assert!(one.iter().any(|t| t.contains("城管局牵头事项3项、配合事项1项")), "{one:?}");
    assert!(!one.iter().any(|t| t.contains("住建局（")));
    assert!(responsibility_document(&o.conn, Some(9999)).is_err());
    crate::print::render(&doc).expect("prints");
}

#[test]
fn the_printed_ledger_holds_the_filtered_rows_and_says_which_filters() {
    let (o, _) = november();
    let q =
        LedgerQuery {
            lead_unit_ids: vec![o.units[1]], text: Some("小巷".into()), ..LedgerQuery::default()
        };
    let doc = ledger_document(&o.conn, &q).unwrap();
    assert_eq!(doc.orientation, Orientation::Landscape);
    let all = texts(&doc);
    assert!(all[1].contains("牵头单位为城管局，含“小巷”的事项共2项"), "{}", all[1]);
    assert_eq!(all.iter().filter(|t| t.contains("清理背街小巷")).count(), 2);
    let everything = ledger_document(&o.conn, &LedgerQuery::default()).unwrap();
    assert!(texts(&everything)[1].ends_with("共10项。"));
    crate::print::render(&everything).expect("prints");
}

#[test]
fn the_longest_texts_and_titles_the_limits_allow_still_print() {
    let (mut o, _) = november();
    // A 60-character title (the register's limit) with rare characters, overdue and cooperated on.
    let long = "关于𠮷安街道王玥陈堃张镕反映背街小巷路灯不亮、排水不畅、占道经营问题的督办".repeat(6);
    let title: String = long.chars().take(60).collect();
    o.item(2, &title, "2026-11-27T17:30", &[0, 1]);
    let mut draft = bulletin_draft(&o.conn, NOVEMBER).unwrap();
    let text = "按照“一单四制”要求，逐件过堂、对账销号，确保件件有着落。".repeat(200);
    let most: String = text.chars().take(crate::text::MAX_DRAFT_TEXT_CHARS).collect();
    for field in
        [&mut draft.opening, &mut draft.figures, &mut draft.commend, &mut draft.urge, &mut draft.closing]
    {
        *field = most.clone();
    }
    draft.title = long.chars().take(crate::text::MAX_DRAFT_TITLE_CHARS).collect();
    draft.issuer = "市人民政府办公室督查室".repeat(3);
    let doc = bulletin_document(&o.conn, &draft).unwrap();
    let rendered = crate::print::render_counted(&doc).expect("the longest bulletin prints");
    assert!(rendered.pages >= 20, "{} pages", rendered.pages);
    crate::print::render_docx(&doc).expect("and as .docx");
    for doc in [
        responsibility_document(&o.conn, None).unwrap(),
        ledger_document(&o.conn, &LedgerQuery::default()).unwrap(),
    ] {
        crate::print::render_counted(&doc).unwrap_or_else(|e| panic!("{}: {e}", doc.title));
    }
}

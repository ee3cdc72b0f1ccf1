//! Unit tests of the figures: each item fact on hand-built histories, every rate with its
//! denominator (zero included), and the period, cutoff, filters and breakdowns on a small database.

use chrono::{DateTime, FixedOffset};
use rusqlite::{params, Connection};

use super::compute::{facts, percent, period, Acc, Ev, Facts, ItemRow};
use super::*;
use crate::assignment::model::{EventKind, Source, State};
use crate::calendar::{self, Calendar, Category, CategoryLimits};
use crate::test_support::{memory_db, ItemDirectory};

fn t(s: &str) -> DateTime<FixedOffset> {
    calendar::parse_time("t", s).expect("time")
}

fn cal() -> Calendar {
    calendar::load(&memory_db()).expect("calendar")
}

fn item(category: Category, assigned: &str, deadline: &str) -> ItemRow {
    ItemRow {
        id: 1,
        category,
        source: Source::Other,
        lead_unit_id: 1,
        assigned_at: t(assigned),
        deadline: t(deadline),
        suspensions: vec![],
    }
}

fn ev(kind: EventKind, to: State, at: &str) -> Ev {
    Ev { kind, to, at: t(at), satisfaction: None, day: None }
}

/// The main path: assigned Mon 9 March 2026 09:00, accepted at `accept`, reported, passed at `pass`.
fn closed_history(accept: &str, pass: &str) -> Vec<Ev> {
    vec![
        ev(EventKind::Register, State::Registered, "2026-03-09T09:00"),
        ev(EventKind::Assign, State::Assigned, "2026-03-09T09:05"),
        ev(EventKind::Accept, State::InProgress, accept),
        ev(EventKind::Report, State::Reported, pass),
        ev(EventKind::Pass, State::Closed, pass),
    ]
}

fn facts_of(item: &ItemRow, events: &[Ev], cutoff: &str) -> Facts {
    facts(item, events, t(cutoff), &cal(), &CategoryLimits::default(), &StatsTargets::default())
        .expect("facts")
}

// A routine item: first step 4 working hours (Mon 09:00 → 14:30), result 3 working days (Thu 17:30).
const ROUTINE: (&str, &str) = ("2026-03-09T09:00", "2026-03-12T17:30");

#[test]
fn stats_closed_on_time_and_late_and_the_handling_time_in_working_days() {
    let it = item(Category::Routine, ROUTINE.0, ROUTINE.1);
    let f = facts_of(&it, &closed_history("2026-03-09T10:00", "2026-03-11T17:30"), "2026-03-31T23:59:59");
    assert!(f.closed && f.on_time && f.first_time && f.ever_closed && !f.overdue);
    // Mon, Tue and Wed in full: 3 × 7 working hours.
    assert_eq!(f.handling_secs, Some(3 * 7 * 3600));
    let late = facts_of(&it, &closed_history("2026-03-09T10:00", "2026-03-13T09:30"), "2026-03-31T23:59:59");
    assert!(late.closed && !late.on_time);
    // Fri 09:00–09:30 is half an hour more than four full days.
    assert_eq!(late.handling_secs, Some(4 * 7 * 3600 + 1800));
}

#[test]
fn stats_open_items_are_overdue_only_once_the_deadline_is_behind_the_cutoff() {
    let it = item(Category::Routine, ROUTINE.0, ROUTINE.1);
    let open = &closed_history("2026-03-09T10:00", "2026-03-11T17:30")[..3];
    let f = facts_of(&it, open, "2026-03-12T17:30");
    assert!(!f.closed && !f.overdue, "due exactly at the cutoff is not yet overdue");
    let f = facts_of(&it, open, "2026-03-12T17:31");
    assert!(!f.closed && f.overdue && f.handling_secs.is_none());
}

#[test]
fn stats_a_returned_item_is_not_solved_first_time() {
    let it = item(Category::Routine, ROUTINE.0, ROUTINE.1);
    let mut h = closed_history("2026-03-09T10:00", "2026-03-10T10:00");
    h.insert(4, ev(EventKind::Return, State::InProgress, "2026-03-10T11:00"));
    h.insert(5, ev(EventKind::Report, State::Reported, "2026-03-10T15:00"));
    h.push(ev(EventKind::StrikeOff, State::StruckOff, "2026-04-20T09:00"));
    let f = facts_of(&it, &h, "2026-04-30T23:59:59");
    assert!(f.closed && !f.first_time, "struck off counts as closed, the return is remembered");
}

#[test]
fn stats_rebound_counts_at_the_30_day_revisit_or_within_30_days_when_no_day_is_recorded() {
    let it = item(Category::Routine, ROUTINE.0, ROUTINE.1);
    let base = closed_history("2026-03-09T10:00", "2026-03-10T10:00");
    let with = |e: Ev| {
        let mut h = base.clone();
        h.push(e);
        h
    };
    let rebound =
        |at: &str, day: Option<i64>| Ev { day, ..ev(EventKind::RevisitRebound, State::InProgress, at) };
    let cutoff = "2026-12-31T23:59:59";
    let f = facts_of(&it, &with(rebound("2026-04-13T10:00", Some(30))), cutoff);
    assert!(f.rebounded && f.ever_closed && !f.closed, "reopened: no longer closed");
    assert!(!f.overdue || it.deadline < t(cutoff));
    assert!(!facts_of(&it, &with(rebound("2026-06-10T10:00", Some(90))), cutoff).rebounded);
    assert!(facts_of(&it, &with(rebound("2026-04-09T10:00", None)), cutoff).rebounded);
    assert!(!facts_of(&it, &with(rebound("2026-06-10T10:00", None)), cutoff).rebounded);
    // A held revisit is no rebound.
    let held = Ev { day: Some(30), ..ev(EventKind::RevisitHeld, State::Closed, "2026-04-13T10:00") };
    let f = facts_of(&it, &with(held), cutoff);
    assert!(f.closed && !f.rebounded);
}

#[test]
fn stats_response_in_time_against_the_category_first_step_and_the_24_hour_target() {
    let it = item(Category::Routine, ROUTINE.0, ROUTINE.1);
    let cutoff = "2026-03-31T23:59:59";
    // 4 working hours from Mon 09:00: 09:00–12:00 and 13:30–14:30.
    let f = facts_of(&it, &closed_history("2026-03-09T14:30", "2026-03-10T10:00"), cutoff);
    assert!(f.response_due && f.responded_in_time && f.responded_within_target);
    let f = facts_of(&it, &closed_history("2026-03-09T14:31", "2026-03-10T10:00"), cutoff);
    assert!(f.response_due && !f.responded_in_time && f.responded_within_target);
    let f = facts_of(&it, &closed_history("2026-03-10T09:01", "2026-03-10T10:00"), cutoff);
    assert!(!f.responded_in_time && !f.responded_within_target, "25 hours later");
    // Never accepted: due once the first step's limit has passed, and then not in time.
    let assigned = &closed_history("2026-03-09T10:00", "2026-03-10T10:00")[..2];
    assert!(!facts_of(&it, assigned, "2026-03-09T14:00").response_due);
    let f = facts_of(&it, assigned, "2026-03-09T15:00");
    assert!(f.response_due && !f.responded_in_time);
    // 即时响应类: 2 natural hours.
    let urgent = item(Category::Immediate, "2026-03-07T20:00", "2026-03-08T20:00");
    let h = vec![
        ev(EventKind::Assign, State::Assigned, "2026-03-07T20:00"),
        ev(EventKind::Accept, State::InProgress, "2026-03-07T22:30"),
    ];
    let f = facts_of(&urgent, &h, cutoff);
    assert!(f.response_due && !f.responded_in_time && f.responded_within_target);
}

#[test]
fn stats_a_suspended_item_counts_only_as_suspended() {
    let it = item(Category::Routine, ROUTINE.0, ROUTINE.1);
    let mut h = closed_history("2026-03-09T10:00", "2026-03-10T10:00")[..3].to_vec();
    h.push(ev(EventKind::Suspend, State::Suspended, "2026-03-10T10:00"));
    let f = facts_of(&it, &h, "2026-03-31T23:59:59");
    assert_eq!(f, Facts { suspended: true, ..Facts::default() });
    let mut acc = Acc::default();
    acc.add(&f);
    let fig = acc.figures(7 * 3600);
    assert_eq!((fig.counts.items, fig.counts.suspended), (1, 1));
    assert_eq!(fig.rates.closed_rate, None, "no denominator left");
    assert_eq!(fig.rates.overdue_rate, None);
}

#[test]
fn stats_rates_divide_by_their_own_denominators_and_zero_gives_null() {
    assert_eq!(percent(0, 0), None);
    assert_eq!(percent(0, 3), Some(0.0));
    assert_eq!(percent(117, 128), Some(91.4));
    assert_eq!(percent(2, 3), Some(66.7));
    let empty = Acc::default().figures(7 * 3600);
    assert_eq!(empty.rates, StatsRates::default(), "all null, never 0 or 100");

    let mut acc = Acc::default();
    let closed = |on_time, first_time, hours: i64, scores: Vec<i64>| Facts {
        closed: true,
        on_time,
        ever_closed: true,
        first_time,
        response_due: true,
        responded_in_time: true,
        responded_within_target: true,
        handling_secs: Some(hours * 3600),
        scores,
        ..Facts::default()
    };
    acc.add(&closed(true, true, 7, vec![90]));
    acc.add(&closed(true, false, 14, vec![80, 100]));
    acc.add(&closed(false, true, 21, vec![]));
    // Closed once, then rebounded: open again and overdue.
    acc.add(&Facts {
        overdue: true,
        ever_closed: true,
        rebounded: true,
        response_due: true,
        responded_within_target: true,
        ..Facts::default()
    });
    // Not yet due and not yet accepted.
    acc.add(&Facts::default());
    let f = acc.figures(7 * 3600);
    let c = f.counts;
    assert_eq!(
        (c.items, c.closed, c.closed_on_time, c.closed_late, c.overdue, c.in_progress),
        (5, 3, 2, 1, 1, 1)
    );
    assert_eq!((c.ever_closed, c.rebounded, c.closed_first_time, c.response_due), (4, 1, 2, 4));
    let r = f.rates;
    assert_eq!(r.closed_rate, Some(60.0), "3 of 5");
    assert_eq!(r.on_time_rate, Some(66.7), "2 of 3 closed");
    assert_eq!(r.overdue_rate, Some(40.0), "1 late + 1 overdue of 5");
    assert_eq!(r.one_time_rate, Some(66.7), "2 of 3 closed");
    assert_eq!(r.rebound_rate, Some(25.0), "1 of 4 ever closed");
    assert_eq!(r.response_rate, Some(75.0), "3 of 4 due");
    assert_eq!(r.response_target_rate, Some(100.0));
    assert_eq!(r.avg_handling_days, Some(2.0), "(1 + 2 + 3) / 3 working days");
    assert_eq!(r.satisfaction, Some(90.0), "(90 + 80 + 100) / 3");
}

#[test]
fn stats_the_period_runs_to_the_end_of_its_last_day_or_now() {
    let d = |s: &str| calendar::parse_date("d", s).expect("date");
    let (start, end, cutoff) = period(d("2026-01-01"), d("2026-06-30"), t("2026-11-23T10:00")).expect("p");
    assert_eq!((start, end, cutoff), (t("2026-01-01T00:00"), t("2026-06-30T23:59:59"), end));
    let (_, _, cutoff) = period(d("2026-01-01"), d("2026-06-30"), t("2026-03-01T10:00")).expect("p");
    assert_eq!(cutoff, t("2026-03-01T10:00"));
}

/// A database with two units and items written as rows, with their histories as events.
struct Db {
    conn: Connection,
    a: i64,
    b: i64,
    person: i64,
    n: i64,
}

impl Db {
    fn new() -> Db {
        let mut conn = memory_db();
        let d = ItemDirectory::add(&mut conn, ["住建局", "城管局"], "王建国");
        Db { conn, a: d.unit, b: d.other_unit, person: d.person, n: 0 }
    }

    /// An item with `events` as (kind, to state, time, payload).
    fn item(
        &mut self,
        unit: i64,
        category: &str,
        source: &str,
        assigned: &str,
        deadline: &str,
        events: &[Step],
    ) -> i64 {
        self.n += 1;
        let state = events.last().map(|e| e.1).unwrap_or(State::Registered);
        self.conn
            .execute(
                "INSERT INTO assignment (number, year, seq, title, source, assigned_at, content, category,
                    urgency, lead_unit_id, responsible_id, deadline, deadline_confirmed, state, created_at,
                    updated_at)
                 VALUES (?1, 2026, ?2, '事项', ?3, ?4, '内容', ?5, 'normal', ?6, ?7, ?8, 1, ?9, ?4, ?4)",
                params![
                    format!("督〔2026〕{}号", self.n),
                    self.n,
                    source,
                    crate::time::to_text(t(assigned)),
                    category,
                    unit,
                    self.person,
                    crate::time::to_text(t(deadline)),
                    state.code(),
                ],
            )
            .expect("item");
        let id = self.conn.last_insert_rowid();
        for (kind, to, at, payload) in events {
            self.conn
                .execute(
                    "INSERT INTO assignment_event (assignment_id, kind, to_state, at, payload)
                     VALUES (?1, ?2, ?3, ?4, ?5)",
                    params![id, kind.code(), to.code(), crate::time::to_text(t(at)), payload],
                )
                .expect("event");
        }
        id
    }
}

fn q(from: &str, to: &str) -> StatsQuery {
    StatsQuery { from: from.into(), to: to.into(), ..Default::default() }
}

type Step = (EventKind, State, &'static str, &'static str);

fn path(accept: &'static str, pass: &'static str, payload: &'static str) -> Vec<Step> {
    vec![
        (EventKind::Register, State::Registered, "2026-03-09T09:00", "{}"),
        (EventKind::Assign, State::Assigned, "2026-03-09T09:00", "{}"),
        (EventKind::Accept, State::InProgress, accept, "{}"),
        (EventKind::Report, State::Reported, pass, "{}"),
        (EventKind::Pass, State::Closed, pass, payload),
    ]
}

#[test]
fn stats_figures_read_items_due_in_the_period_as_of_its_end() {
    let mut db = Db::new();
    let (a, b) = (db.a, db.b);
    // Due in March, closed on time with 95 points.
    db.item(
        a,
        "routine",
        "petition",
        ROUTINE.0,
        ROUTINE.1,
        &path("2026-03-09T10:00", "2026-03-11T10:00", r#"{"satisfaction": 95}"#),
    );
    // Due in March, closed late (in March), 85 points.
    db.item(
        a,
        "routine",
        "meeting",
        ROUTINE.0,
        ROUTINE.1,
        &path("2026-03-09T10:00", "2026-03-20T10:00", r#"{"satisfaction": 85}"#),
    );
    // Due in March, closed only in April: open and overdue as of 31 March.
    db.item(
        b,
        "complex",
        "meeting",
        ROUTINE.0,
        "2026-03-23T17:30",
        &path("2026-03-09T10:00", "2026-04-02T10:00", "{}"),
    );
    // Due in April: not in March's figures.
    db.item(b, "routine", "meeting", "2026-04-01T09:00", "2026-04-03T17:30", &[]);
    // A sub-item due in March: only with include_sub_items.
    let sub = db.item(b, "routine", "meeting", ROUTINE.0, ROUTINE.1, &[]);
    db.conn.execute("UPDATE assignment SET parent_id = 1 WHERE id = ?1", [sub]).expect("parent");

    let r = figures(&db.conn, &q("2026-03-01", "2026-03-31")).expect("figures");
    assert_eq!(r.cutoff, t("2026-03-31T23:59:59"));
    let c = r.totals.counts;
    assert_eq!(
        (c.items, c.closed, c.closed_on_time, c.closed_late, c.overdue, c.in_progress),
        (3, 2, 1, 1, 1, 0)
    );
    assert_eq!(r.totals.rates.closed_rate, Some(66.7));
    assert_eq!(r.totals.rates.on_time_rate, Some(50.0));
    assert_eq!(r.totals.rates.overdue_rate, Some(66.7));
    assert_eq!(r.totals.rates.satisfaction, Some(90.0));
    assert_eq!(r.totals.rates.one_time_rate, Some(100.0));
    assert_eq!(r.totals.rates.rebound_rate, Some(0.0));
    assert_eq!(r.routine.counts.items, 2);
    assert_eq!(r.routine.rates.overdue_rate, Some(50.0));
    assert!(r.rows.is_empty());
    let met: Vec<(StatsTargetKind, Option<bool>)> = r.targets.iter().map(|x| (x.kind, x.met)).collect();
    assert_eq!(
        met,
        vec![
            (StatsTargetKind::Response, Some(true)),
            (StatsTargetKind::ClosedRate, Some(false)),
            (StatsTargetKind::OneTimeRate, Some(true)),
            (StatsTargetKind::ReboundRate, Some(true)),
            (StatsTargetKind::Satisfaction, Some(true)),
            (StatsTargetKind::RoutineOverdueRate, Some(false)),
        ]
    );

    // April's figures see the third item closed (late), the fourth open and overdue.
    let april = figures(&db.conn, &q("2026-03-01", "2026-04-30")).expect("figures");
    assert_eq!((april.totals.counts.items, april.totals.counts.closed), (4, 3));
    let with_subs =
        figures(&db.conn, &StatsQuery { include_sub_items: true, ..q("2026-03-01", "2026-03-31") })
            .expect("figures");
    assert_eq!(with_subs.totals.counts.items, 4);

    // One unit, and a breakdown by unit, category and source.
    let only_b = figures(&db.conn, &StatsQuery { unit_id: Some(b), ..q("2026-03-01", "2026-03-31") })
        .expect("figures");
    assert_eq!(only_b.unit.as_ref().map(|u| u.name.as_str()), Some("城管局"));
    assert_eq!((only_b.totals.counts.items, only_b.totals.counts.overdue), (1, 1));
    let by_unit = figures(&db.conn, &StatsQuery { by: Some(StatsBy::Unit), ..q("2026-03-01", "2026-03-31") })
        .expect("figures");
    let rows: Vec<(&str, i64, i64)> = by_unit
        .rows
        .iter()
        .map(|r| (r.name.as_str(), r.figures.counts.items, r.figures.counts.closed))
        .collect();
    assert_eq!(rows, vec![("住建局", 2, 2), ("城管局", 1, 0)]);
    assert_eq!(by_unit.rows[0].key, a.to_string());
    let by_source =
        figures(&db.conn, &StatsQuery { by: Some(StatsBy::Source), ..q("2026-03-01", "2026-03-31") })
            .expect("figures");
    let keys: Vec<(&str, i64)> =
        by_source.rows.iter().map(|r| (r.key.as_str(), r.figures.counts.items)).collect();
    assert_eq!(keys, vec![("meeting", 2), ("petition", 1)], "in the order of the sources");
    let by_cat =
        figures(&db.conn, &StatsQuery { by: Some(StatsBy::Category), ..q("2026-03-01", "2026-03-31") })
            .expect("figures");
    assert_eq!(
        by_cat.rows.iter().map(|r| r.name.as_str()).collect::<Vec<_>>(),
        vec!["一般办理类", "复杂协同类"]
    );

    // Behind every count is the set of items the ledger opens, as many as the count says; each
    // card opens the set it counts.
    for query in [
        q("2026-03-01", "2026-03-31"),
        q("2026-03-01", "2026-04-30"),
        StatsQuery { unit_id: Some(b), ..q("2026-03-01", "2026-03-31") },
    ] {
        let r = figures(&db.conn, &query).expect("figures");
        let c = r.totals.counts;
        let expected = |count: StatsCount| match count {
            StatsCount::Items => c.items,
            StatsCount::Suspended => c.suspended,
            StatsCount::Closed => c.closed,
            StatsCount::ClosedOnTime => c.closed_on_time,
            StatsCount::ClosedLate => c.closed_late,
            StatsCount::Overdue => c.overdue,
            StatsCount::Late => c.closed_late + c.overdue,
            StatsCount::InProgress => c.in_progress,
            StatsCount::EverClosed => c.ever_closed,
            StatsCount::ClosedFirstTime => c.closed_first_time,
            StatsCount::Rebounded => c.rebounded,
            StatsCount::ResponseDue => c.response_due,
            StatsCount::RespondedInTime => c.responded_in_time,
            StatsCount::Scored => c.scored,
        };
        for count in StatsCount::ALL {
            let ids = item_ids(&db.conn, &query, *count).expect("ids");
            assert_eq!(ids.len() as i64, expected(*count), "{count:?}");
        }
        for card in cards(&r) {
            assert_eq!(card.items, expected(card.count), "{}", card.label);
        }
    }

    // A period with nothing due: every rate null, every target without data.
    let empty = figures(&db.conn, &q("2025-01-01", "2025-12-31")).expect("figures");
    assert_eq!(empty.totals.counts, StatsCounts::default());
    assert!(empty.targets.iter().all(|x| x.met.is_none() && x.value.is_none()));
}

#[test]
fn stats_bad_periods_and_units_are_refused_in_chinese() {
    let db = Db::new();
    let err = figures(&db.conn, &q("2026-06-30", "2026-01-01")).expect_err("reversed");
    assert_eq!(err.field().as_deref(), Some("to"));
    assert!(err.to_string().contains("不能早于"), "{err}");
    let err = figures(&db.conn, &q("2026-13-01", "2026-12-31")).expect_err("bad date");
    assert_eq!(err.field().as_deref(), Some("from"));
    let err = figures(&db.conn, &StatsQuery { unit_id: Some(999), ..q("2026-01-01", "2026-01-31") })
        .expect_err("no unit");
    assert_eq!(err.code(), "not_found");
    assert_eq!(StatsBy::parse("来源").expect("label"), StatsBy::Source);
    assert!(StatsBy::parse("人员").expect_err("bad").to_string().contains("分组方式"));
}

#[test]
fn stats_report_says_it_in_chinese_and_tables_fit_the_page() {
    let mut db = Db::new();
    let a = db.a;
    db.item(
        a,
        "routine",
        "petition",
        ROUTINE.0,
        ROUTINE.1,
        &path("2026-03-09T10:00", "2026-03-11T10:00", r#"{"satisfaction": 92}"#),
    );
    db.item(
        a,
        "routine",
        "petition",
        ROUTINE.0,
        ROUTINE.1,
        &path("2026-03-09T10:00", "2026-03-20T10:00", "{}"),
    );
    let r = figures(&db.conn, &StatsQuery { by: Some(StatsBy::Unit), ..q("2026-01-01", "2026-06-30") })
        .expect("figures");
    let rep = report(&r);
    assert!(
        rep.paragraph.starts_with("2026年1月1日至6月30日，到期应办结交办事项2件，已办结2件，办结率100%；其中按期办结1件，按期办结率50%；"),
        "{}",
        rep.paragraph
    );
    assert!(rep.paragraph.contains("满意度92分"), "{}", rep.paragraph);
    assert!(rep.paragraph.contains("一般办理类超期率未达到目标"), "{}", rep.paragraph);
    assert!(rep.paragraph.ends_with('。'));
    let breakdown = rep.breakdown.expect("breakdown");
    assert_eq!(breakdown.rows, vec![vec!["住建局", "2", "2", "100%", "50%", "1", "100%", "5.6", "92"]]);
    assert_eq!(breakdown.totals.as_ref().map(|t| t[0].as_str()), Some("合计"));
    for table in [&rep.targets, &breakdown] {
        let width: f32 = table.columns.iter().map(|c| c.width_mm).sum();
        assert!(width <= 156.0, "{width}");
    }
    // Both tables are valid print blocks.
    let doc = crate::print::Document {
        title: "月度通报".into(),
        classification: None,
        author: None,
        orientation: Default::default(),
        stamp: None,
        blocks: vec![crate::print::Block::Table(rep.targets.clone()), crate::print::Block::Table(breakdown)],
    };
    doc.validate().expect("valid tables");
    assert_eq!(rep.targets.rows[1], vec!["闭环率（办结率）", "≥95%", "100%", "达标"]);
    let none = report(&figures(&db.conn, &q("2025-01-01", "2025-01-31")).expect("figures"));
    assert_eq!(none.paragraph, "2025年1月1日至1月31日，没有到期应办结的交办事项。");
    assert!(none.breakdown.is_none());
    assert_eq!(
        super::report::period_text(r.from, calendar::parse_date("d", "2027-01-31").expect("d")),
        "2026年1月1日至2027年1月31日"
    );
}

#[test]
fn stats_overdue_at_a_cutoff_skips_only_items_closed_before_it() {
    let mut conn = memory_db();
    crate::assignment::fill_demo(&mut conn, 800).expect("demo");
    let today = crate::time::now().date_naive();
    for months_back in [0, 1, 3, 7, 12] {
        let to = (today - chrono::Months::new(months_back)).to_string();
        let mut all = item_ids(&conn, &q("2000-01-01", &to), StatsCount::Overdue).expect("ids");
        let mut quick = overdue_ids_at(&conn, &to, None).expect("ids");
        all.sort_unstable();
        quick.sort_unstable();
        assert_eq!(quick, all, "overdue at the end of {to}");
        assert!(months_back == 12 || !all.is_empty(), "a demo ledger has overdue items at {to}");
    }
}

//! Tests of the computations on a loaded calendar: the official days, each unit and its edges, and
//! properties checked against a naive day-by-day reference.

use chrono::{DateTime, Datelike, FixedOffset, NaiveDate, TimeDelta, Timelike, Weekday};
use proptest::prelude::*;

use super::official::{self, YearRules};
use super::working_hours::{WorkPeriod, WorkingHours};
use super::*;
use crate::time::cst;

fn shipped_calendar() -> Calendar {
    let (_, schedule) = WorkingHours::default().check().expect("default hours");
    Calendar::build(&official::shipped().expect("shipped"), &[], &[], schedule)
}

fn t(text: &str) -> DateTime<FixedOffset> {
    parse_time("t", text).expect(text)
}

fn d(text: &str) -> NaiveDate {
    parse_date("d", text).expect(text)
}

fn due(cal: &Calendar, from: &str, amount: u32, unit: LimitUnit) -> Due {
    cal.add(t(from), Limit::new(amount, unit)).expect("adds")
}

fn at(text: &str, confirmed: bool) -> Due {
    Due { due: t(text), confirmed }
}

#[test]
fn the_issue_example_ends_on_the_adjusted_saturday() {
    let cal = shipped_calendar();
    assert_eq!(due(&cal, "2026-09-30T16:00", 3, LimitUnit::WorkingDays), at("2026-10-10T17:30", true));
    assert!(cal.is_workday(d("2026-10-10")).expect("in range"));
    let info = cal.day(d("2026-10-10")).expect("in range");
    assert!(info.adjusted && info.confirmed && info.source == DaySource::Shipped);
    assert_eq!(info.weekday, 6);
}

#[test]
fn a_deadline_says_why_it_falls_where_it_does() {
    let cal = shipped_calendar();
    // Pushed past 国庆节 onto a 调休 Saturday: both in one line.
    let note = cal.deadline_note(d("2026-09-30"), d("2026-10-10")).expect("in range");
    assert_eq!(note.as_deref(), Some("期间遇国庆节假期，时限顺延；10月10日（星期六）为调休上班日"));
    let both = cal.deadline_note(d("2026-09-24"), d("2026-10-09")).expect("in range");
    assert_eq!(both.as_deref(), Some("期间遇中秋节、国庆节假期，时限顺延"));
    // Only a weekend skipped: nothing to explain.
    assert_eq!(cal.deadline_note(d("2026-11-06"), d("2026-11-10")).expect("in range"), None);
    // The same day, and a deadline before its start, say nothing either.
    assert_eq!(cal.deadline_note(d("2026-11-06"), d("2026-11-06")).expect("in range"), None);
    assert_eq!(cal.deadline_note(d("2026-11-06"), d("2026-11-01")).expect("in range"), None);
}

/// Every day of 2024–2026 is what the State Council's notices say, read straight from the file.
#[test]
fn every_official_day_behaves_as_the_notices_say() {
    let cal = shipped_calendar();
    for rules in official::shipped().expect("shipped") {
        let YearRules { year, off, work } = rules;
        let days = cal.days_of_year(year).expect("year");
        assert_eq!(days.len(), if year == 2024 { 366 } else { 365 });
        for day in days {
            let holiday = off.iter().find(|(_, from, to)| (*from..=*to).contains(&day.date));
            let expected = if let Some((name, _, _)) = holiday {
                assert_eq!(day.name.as_deref(), Some(name.as_str()), "{}", day.date);
                DayKind::Offday
            } else if work.contains(&day.date) {
                assert!(day.adjusted, "{} is 调休上班", day.date);
                DayKind::Workday
            } else if matches!(day.date.weekday(), Weekday::Sat | Weekday::Sun) {
                DayKind::Offday
            } else {
                DayKind::Workday
            };
            assert_eq!(day.kind, expected, "{}", day.date);
            assert!(day.confirmed && day.source == DaySource::Shipped, "{}", day.date);
        }
    }
}

/// A day's deadline of one working day is the close of the next working day the notices give.
#[test]
fn one_working_day_skips_every_official_break() {
    let cal = shipped_calendar();
    for rules in official::shipped().expect("shipped") {
        for (name, from, to) in &rules.off {
            let before = from.pred_opt().expect("day before");
            let mut next = to.succ_opt().expect("day after");
            while !cal.is_workday(next).expect("in range") {
                next = next.succ_opt().expect("day after");
            }
            for start in [before, *from, *to] {
                let got = cal
                    .add(t(&format!("{start}T10:00")), Limit::new(1, LimitUnit::WorkingDays))
                    .expect("adds");
                assert_eq!(got.due, t(&format!("{next}T17:30")), "{name} from {start}");
            }
        }
        for day in &rules.work {
            let got = cal.add(
                t(&format!("{}T08:00", day.pred_opt().expect("pred"))),
                Limit::new(1, LimitUnit::WorkingDays),
            );
            let got = got.expect("adds").due;
            assert_eq!(got.date_naive(), *day, "调休上班 {day} counts as a working day");
        }
    }
}

/// The table of worked examples in docs/deadlines.md, row by row.
#[test]
fn the_worked_examples_of_the_docs_hold() {
    let cal = shipped_calendar();
    use LimitUnit::*;
    let rows = [
        ("2026-09-30T16:00", 3, WorkingDays, "2026-10-10T17:30", true),
        ("2026-09-30T16:00", 10, WorkingDays, "2026-10-20T17:30", true),
        ("2026-09-30T16:00", 4, WorkingHours, "2026-10-08T11:30", true),
        ("2026-10-09T16:00", 4, WorkingHours, "2026-10-10T11:30", true),
        ("2026-10-10T12:30", 4, WorkingHours, "2026-10-10T17:30", true),
        ("2026-10-09T08:00", 1, WorkingDays, "2026-10-10T17:30", true),
        ("2026-10-09T17:45", 1, WorkingDays, "2026-10-10T17:30", true),
        ("2026-10-01T10:00", 1, WorkingDays, "2026-10-08T17:30", true),
        ("2026-09-30T16:00", 24, NaturalHours, "2026-10-01T16:00", true),
        ("2026-09-30T16:00", 3, NaturalDays, "2026-10-03T16:00", true),
        ("2026-12-31T10:00", 1, WorkingDays, "2027-01-01T17:30", false),
    ];
    for (from, amount, unit, want, confirmed) in rows {
        assert_eq!(due(&cal, from, amount, unit), at(want, confirmed), "{from} + {amount} {unit:?}");
    }
    let start = t("2026-09-30T16:00");
    let used = |now: &str| cal.fraction_used(Clock::Working, start, t("2026-10-10T17:30"), t(now), &[]);
    assert!(used("2026-10-10T11:29").expect("in range") < 0.8);
    assert_eq!(used("2026-10-10T11:30").expect("in range"), 0.8);
}

#[test]
fn working_hours_start_counting_from_the_assignment_time() {
    let cal = shipped_calendar();
    let wh = LimitUnit::WorkingHours;
    // Monday 2026-03-02.
    assert_eq!(due(&cal, "2026-03-02T08:00", 4, wh), at("2026-03-02T14:30", true), "before opening");
    assert_eq!(due(&cal, "2026-03-02T10:00", 2, wh), at("2026-03-02T12:00", true), "ends right at noon");
    assert_eq!(due(&cal, "2026-03-02T12:30", 4, wh), at("2026-03-02T17:30", true), "at lunch");
    assert_eq!(due(&cal, "2026-03-02T17:45", 4, wh), at("2026-03-03T14:30", true), "after closing");
    assert_eq!(due(&cal, "2026-03-02T17:00", 1, wh), at("2026-03-03T09:30", true), "overnight");
    assert_eq!(due(&cal, "2026-10-01T10:00", 4, wh), at("2026-10-08T14:30", true), "on a holiday");
    assert_eq!(due(&cal, "2026-10-10T10:00", 4, wh), at("2026-10-10T15:30", true), "on a 调休 Saturday");
    assert_eq!(due(&cal, "2026-10-09T16:00", 4, wh), at("2026-10-10T11:30", true), "into a 调休 Saturday");
}

#[test]
fn working_days_end_at_the_close_of_the_nth_working_day_after() {
    let cal = shipped_calendar();
    let wd = LimitUnit::WorkingDays;
    assert_eq!(due(&cal, "2026-03-02T08:00", 1, wd), at("2026-03-03T17:30", true), "before opening");
    assert_eq!(due(&cal, "2026-03-02T12:30", 1, wd), at("2026-03-03T17:30", true), "at lunch");
    assert_eq!(due(&cal, "2026-03-02T17:45", 1, wd), at("2026-03-03T17:30", true), "after closing");
    assert_eq!(due(&cal, "2026-03-06T10:00", 1, wd), at("2026-03-09T17:30", true), "Friday to Monday");
    assert_eq!(due(&cal, "2026-10-01T10:00", 1, wd), at("2026-10-08T17:30", true), "on a holiday");
    assert_eq!(due(&cal, "2026-10-10T10:00", 1, wd), at("2026-10-12T17:30", true), "on a 调休 Saturday");
    assert_eq!(due(&cal, "2026-09-30T16:00", 10, wd), at("2026-10-20T17:30", true), "across 国庆");
    assert_eq!(due(&cal, "2026-02-13T09:00", 1, wd), at("2026-02-14T17:30", true), "春节 调休 Saturday");
    assert_eq!(due(&cal, "2026-02-14T09:00", 1, wd), at("2026-02-24T17:30", true), "across 春节");
}

#[test]
fn natural_units_are_plain_time_and_always_confirmed() {
    let cal = shipped_calendar();
    assert_eq!(due(&cal, "2026-09-30T16:00", 24, LimitUnit::NaturalHours), at("2026-10-01T16:00", true));
    assert_eq!(due(&cal, "2026-09-30T16:00", 2, LimitUnit::NaturalHours), at("2026-09-30T18:00", true));
    assert_eq!(due(&cal, "2026-09-30T16:00", 3, LimitUnit::NaturalDays), at("2026-10-03T16:00", true));
    assert_eq!(due(&cal, "2027-06-30T16:00", 3, LimitUnit::NaturalDays), at("2027-07-03T16:00", true));
}

#[test]
fn a_year_with_no_calendar_uses_the_weekday_rule_unconfirmed() {
    let cal = shipped_calendar();
    let wd = LimitUnit::WorkingDays;
    // 2027-01-01 is a Friday: no holiday known, so it is a working day by the rule.
    assert_eq!(due(&cal, "2026-12-31T10:00", 1, wd), at("2027-01-01T17:30", false));
    assert_eq!(due(&cal, "2026-12-30T10:00", 1, wd), at("2026-12-31T17:30", true));
    assert_eq!(due(&cal, "2027-03-01T10:00", 3, wd), at("2027-03-04T17:30", false));
    assert_eq!(due(&cal, "2023-12-29T10:00", 1, wd), at("2024-01-02T17:30", false), "from an unknown year");
    assert_eq!(due(&cal, "2027-03-01T10:00", 4, LimitUnit::WorkingHours), at("2027-03-01T15:30", false));
    let day = cal.day(d("2027-01-01")).expect("in range");
    assert!(!day.confirmed && day.source == DaySource::Rule && day.kind == DayKind::Workday);
}

#[test]
fn outside_2000_to_2100_is_a_typed_error() {
    let cal = shipped_calendar();
    let err = cal.add(t("2101-01-01T10:00"), Limit::new(1, LimitUnit::WorkingDays)).expect_err("refused");
    assert_eq!(err.code(), "calendar_out_of_range");
    assert_eq!(err.field().as_deref(), Some("from"));
    assert!(err.to_string().contains("2000—2100"), "{err}");
    let err = cal.add(t("2100-12-31T10:00"), Limit::new(5, LimitUnit::WorkingDays)).expect_err("refused");
    assert_eq!(err.code(), "calendar_out_of_range");
    assert!(cal.day(d("1999-12-31")).is_err());
}

#[test]
fn working_time_between_counts_only_working_hours() {
    let cal = shipped_calendar();
    let between = |a: &str, b: &str| cal.working_time_between(t(a), t(b)).expect("in range");
    assert_eq!(between("2026-09-30T16:00", "2026-10-08T10:00"), TimeDelta::minutes(150));
    assert_eq!(between("2026-03-02T11:00", "2026-03-02T14:00"), TimeDelta::minutes(90));
    assert_eq!(between("2026-03-02T17:45", "2026-03-03T08:00"), TimeDelta::zero());
    assert_eq!(between("2026-03-03T10:00", "2026-03-02T10:00"), TimeDelta::zero(), "backwards is zero");
    assert_eq!(cal.working_day(), TimeDelta::hours(7));
}

#[test]
fn fraction_used_and_due_within_a_working_day() {
    let cal = shipped_calendar();
    let start = t("2026-09-30T16:00");
    let due = t("2026-10-10T17:30");
    let used = |now: &str| cal.fraction_used(Clock::Working, start, due, t(now), &[]).expect("in range");
    // Allotted: 1.5 h on 30 September plus three 7-hour days = 22.5 h.
    assert_eq!(used("2026-10-05T12:00"), 1.5 / 22.5, "nothing counts during 国庆");
    assert_eq!(used("2026-10-09T17:30"), 15.5 / 22.5);
    assert_eq!(used("2026-10-10T17:30"), 1.0);
    assert!(used("2026-10-12T10:00") > 1.0, "overdue keeps growing");
    assert_eq!(used("2026-09-29T10:00"), 0.0);
    let natural = cal.fraction_used(
        Clock::Natural,
        t("2026-03-02T10:00"),
        t("2026-03-03T10:00"),
        t("2026-03-02T22:00"),
        &[],
    );
    assert_eq!(natural.expect("in range"), 0.5);

    let within = |now: &str| cal.due_within_working_days(t(now), due, 1).expect("in range");
    assert!(!within("2026-10-09T12:00"));
    assert!(within("2026-10-09T17:30"), "from the close of the day before");
    assert!(within("2026-10-10T17:00"));
    assert!(!within("2026-10-10T17:30"), "due is not ahead any more");
}

#[test]
fn suspended_time_does_not_count() {
    let cal = shipped_calendar();
    let start = t("2026-03-02T09:00");
    let one_hour = [Interval { from: t("2026-03-03T10:00"), to: t("2026-03-03T11:00") }];
    let wd = Limit::new(3, LimitUnit::WorkingDays);
    assert_eq!(cal.add_excluding(start, wd, &[]).expect("adds"), at("2026-03-05T17:30", true));
    assert_eq!(
        cal.add_excluding(start, wd, &one_hour).expect("adds"),
        at("2026-03-06T17:30", true),
        "a day lost"
    );
    let wh = Limit::new(4, LimitUnit::WorkingHours);
    let monday = [Interval { from: t("2026-03-02T10:00"), to: t("2026-03-02T11:00") }];
    assert_eq!(cal.add_excluding(start, wh, &monday).expect("adds"), at("2026-03-02T15:30", true));
    // Overlapping and unordered intervals count once; a suspension after the deadline changes nothing.
    let messy = [
        Interval { from: t("2026-03-02T10:30"), to: t("2026-03-02T11:00") },
        Interval { from: t("2026-03-02T10:00"), to: t("2026-03-02T10:45") },
        Interval { from: t("2026-03-09T10:00"), to: t("2026-03-10T10:00") },
    ];
    assert_eq!(cal.add_excluding(start, wh, &messy).expect("adds"), at("2026-03-02T15:30", true));
    let nh = Limit::new(24, LimitUnit::NaturalHours);
    let night = [Interval { from: t("2026-03-02T20:00"), to: t("2026-03-03T02:00") }];
    assert_eq!(cal.add_excluding(start, nh, &night).expect("adds"), at("2026-03-03T15:00", true));
    let fraction = cal
        .fraction_used(Clock::Working, start, t("2026-03-02T15:30"), t("2026-03-02T12:00"), &monday)
        .expect("in range");
    assert_eq!(fraction, 0.5, "2 of 4 counted hours");
}

#[test]
fn custom_working_hours_move_the_close() {
    let hours = WorkingHours {
        periods: vec![
            WorkPeriod { start: "08:30".into(), end: "12:00".into() },
            WorkPeriod { start: "14:00".into(), end: "18:00".into() },
        ],
    };
    let (_, schedule) = hours.check().expect("valid");
    let cal = Calendar::build(&official::shipped().expect("shipped"), &[], &[], schedule);
    assert_eq!(due(&cal, "2026-09-30T16:00", 3, LimitUnit::WorkingDays), at("2026-10-10T18:00", true));
    assert_eq!(due(&cal, "2026-03-02T08:00", 4, LimitUnit::WorkingHours), at("2026-03-02T14:30", true));
}

#[test]
fn parses_times_as_china_standard_time() {
    assert_eq!(t("2026-09-30T16:00").to_rfc3339(), "2026-09-30T16:00:00+08:00");
    assert_eq!(t("2026-09-30 16:00:30").to_rfc3339(), "2026-09-30T16:00:30+08:00");
    assert_eq!(t("2026-09-30T08:00:00Z").to_rfc3339(), "2026-09-30T16:00:00+08:00");
    let err = parse_time("from", "2026-09-31T16:00").expect_err("no such day");
    assert_eq!((err.code(), err.field().as_deref()), ("calendar_bad_time", Some("from")));
    let err = parse_date("date", "2026/10/10").expect_err("slashes");
    assert_eq!(err.code(), "calendar_bad_date");
}

// --- Properties, checked against a naive reference that walks day by day and minute by minute. ---

/// The naive reference for working days: step day by day, count working days.
fn naive_working_days(cal: &Calendar, start: DateTime<FixedOffset>, n: u32) -> DateTime<FixedOffset> {
    let mut day = start.date_naive();
    let mut left = n;
    while left > 0 {
        day = day.succ_opt().expect("next day");
        if cal.is_workday(day).expect("in range") {
            left -= 1;
        }
    }
    t(&format!("{day}T17:30"))
}

fn inside_working_time(cal: &Calendar, when: DateTime<FixedOffset>) -> bool {
    let local = when.with_timezone(&cst());
    let minute = local.hour() * 60 + local.minute();
    cal.is_workday(local.date_naive()).expect("in range")
        && ((9 * 60..=12 * 60).contains(&minute) || (13 * 60 + 30..=17 * 60 + 30).contains(&minute))
}

/// Any minute from 2023 to 2027: two known years, and unknown ones on either side.
fn any_start() -> impl Strategy<Value = DateTime<FixedOffset>> {
    (0i64..(5 * 365 * 24 * 60)).prop_map(|m| t("2023-01-01T00:00") + TimeDelta::minutes(m))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn working_days_compose(start in any_start(), n in 1u32..40, m in 1u32..40) {
        let cal = shipped_calendar();
        let once = cal.add(start, Limit::new(n + m, LimitUnit::WorkingDays)).expect("adds");
        let first = cal.add(start, Limit::new(n, LimitUnit::WorkingDays)).expect("adds");
        let twice = cal.add(first.due, Limit::new(m, LimitUnit::WorkingDays)).expect("adds");
        prop_assert_eq!(once.due, twice.due);
    }

    #[test]
    fn working_hours_compose(start in any_start(), n in 1u32..100, m in 1u32..100) {
        let cal = shipped_calendar();
        let once = cal.add(start, Limit::new(n + m, LimitUnit::WorkingHours)).expect("adds");
        let first = cal.add(start, Limit::new(n, LimitUnit::WorkingHours)).expect("adds");
        let twice = cal.add(first.due, Limit::new(m, LimitUnit::WorkingHours)).expect("adds");
        prop_assert_eq!(once.due, twice.due);
    }

    #[test]
    fn results_lie_inside_working_time(start in any_start(), n in 1u32..200, days in any::<bool>()) {
        let cal = shipped_calendar();
        let unit = if days { LimitUnit::WorkingDays } else { LimitUnit::WorkingHours };
        let due = cal.add(start, Limit::new(n, unit)).expect("adds");
        prop_assert!(inside_working_time(&cal, due.due), "{} + {} {:?} = {}", start, n, unit, due.due);
        prop_assert!(due.due > start);
    }

    #[test]
    fn working_days_agree_with_the_naive_walk(start in any_start(), n in 1u32..30) {
        let cal = shipped_calendar();
        let due = cal.add(start, Limit::new(n, LimitUnit::WorkingDays)).expect("adds");
        prop_assert_eq!(due.due, naive_working_days(&cal, start, n));
        let known = |day: NaiveDate| (2024..=2026).contains(&day.year());
        prop_assert_eq!(due.confirmed, known(start.date_naive()) && known(due.due.date_naive()));
    }

    #[test]
    fn adding_working_hours_then_measuring_gives_them_back(start in any_start(), n in 1u32..100) {
        let cal = shipped_calendar();
        let due = cal.add(start, Limit::new(n, LimitUnit::WorkingHours)).expect("adds");
        prop_assert_eq!(cal.working_time_between(start, due.due).expect("in range"), TimeDelta::hours(n.into()));
        // And it is the earliest such instant: a minute before, an hour is not yet complete.
        let before = cal.working_time_between(start, due.due - TimeDelta::minutes(1)).expect("in range");
        prop_assert!(before < TimeDelta::hours(n.into()));
    }

    #[test]
    fn working_time_matches_a_minute_by_minute_count(start in any_start(), minutes in 0i64..(4 * 24 * 60)) {
        let cal = shipped_calendar();
        let end = start + TimeDelta::minutes(minutes);
        let counted = (0..minutes)
            .filter(|m| {
                let at = start + TimeDelta::minutes(*m);
                let local = at.with_timezone(&cst());
                let minute = local.hour() * 60 + local.minute();
                cal.is_workday(local.date_naive()).expect("in range")
                    && ((9 * 60..12 * 60).contains(&minute) || (13 * 60 + 30..17 * 60 + 30).contains(&minute))
            })
            .count() as i64;
        prop_assert_eq!(cal.working_time_between(start, end).expect("in range"), TimeDelta::minutes(counted));
    }
}

//! How long the ledger's deadline work takes for 100,000 items: computing deadlines and the share of
//! the allotted time used, on a calendar loaded once. Each figure stands beside references measured
//! in the same run: a naive day-by-day walk over the same calendar (what one would write first), and
//! plain chrono addition (the floor: no calendar at all).
//!
//! Run: `cargo run --release -p luoshi-core --example calendar_bench`

use std::hint::black_box;
use std::time::{Duration, Instant};

use chrono::{DateTime, FixedOffset, NaiveTime, TimeDelta};
use luoshi_core::calendar::{self, Calendar, Clock, Limit, LimitUnit};
use luoshi_core::time::cst;

const ITEMS: usize = 100_000;
const ROUNDS: usize = 5;

/// Working periods of the default hours, in minutes from midnight.
const PERIODS: [(i64, i64); 2] = [(9 * 60, 12 * 60), (13 * 60 + 30, 17 * 60 + 30)];

fn main() -> luoshi_core::Result<()> {
    let dir = tempfile::tempdir()?;
    let store = luoshi_core::Store::open(dir.path())?;
    let load_started = Instant::now();
    let cal = calendar::load(store.conn())?;
    let load = load_started.elapsed();

    let items = sample_items();
    let now = calendar::parse_time("now", "2026-07-01T10:00")?;

    let fast_due =
        best_of(|| items.iter().map(|&(start, limit)| cal.add(start, limit)).collect::<Result<Vec<_>, _>>());
    let dues: Vec<DateTime<FixedOffset>> = fast_due.1?.into_iter().map(|d| d.due).collect();
    let naive_due =
        best_of(|| items.iter().map(|&(start, limit)| naive_add(&cal, start, limit)).collect::<Vec<_>>());
    let plain_due = best_of(|| {
        items
            .iter()
            .map(|&(start, limit)| start + TimeDelta::hours(i64::from(limit.amount)))
            .collect::<Vec<_>>()
    });
    let mismatched_dues = dues.iter().zip(&naive_due.1).filter(|(a, b)| a != b).count();

    let fast_used = best_of(|| {
        items
            .iter()
            .zip(&dues)
            .map(|(&(start, limit), &due)| cal.fraction_used(limit.unit.clock(), start, due, now, &[]))
            .collect::<Result<Vec<_>, _>>()
    });
    let used = fast_used.1?;
    let naive_used = best_of(|| {
        items
            .iter()
            .zip(&dues)
            .map(|(&(start, limit), &due)| naive_fraction(&cal, limit, start, due, now))
            .collect::<Vec<_>>()
    });
    let mismatched_used = used.iter().zip(&naive_used.1).filter(|(a, b)| (*a - *b).abs() > 1e-9).count();

    println!("calendar load (shipped years + settings from SQLite): {}", ms(load));
    let ratio = |a: Duration, b: Duration| a.as_secs_f64() / b.as_secs_f64();
    println!("{ITEMS} items, best of {ROUNDS} rounds");
    println!("| task | calendar | naive day-by-day walk | naive ÷ calendar | plain chrono + N h | calendar ÷ plain |");
    println!("|---|---|---|---|---|---|");
    println!(
        "| deadlines (add a limit) | {} | {} | {:.1} | {} | {:.1} |",
        ms(fast_due.0),
        ms(naive_due.0),
        ratio(naive_due.0, fast_due.0),
        ms(plain_due.0),
        ratio(fast_due.0, plain_due.0)
    );
    println!(
        "| share of allotted time used | {} | {} | {:.1} | — | — |",
        ms(fast_used.0),
        ms(naive_used.0),
        ratio(naive_used.0, fast_used.0)
    );
    println!("disagreements with the naive walk: deadlines {mismatched_dues}, shares {mismatched_used}");
    Ok(())
}

/// 100,000 starts spread over 2024–2026 at whole minutes, with the category limits' mix of units.
fn sample_items() -> Vec<(DateTime<FixedOffset>, Limit)> {
    let origin = calendar::parse_time("t", "2024-01-01T00:00").unwrap_or_else(|_| luoshi_core::time::now());
    let limits = [
        Limit::new(2, LimitUnit::NaturalHours),
        Limit::new(24, LimitUnit::NaturalHours),
        Limit::new(4, LimitUnit::WorkingHours),
        Limit::new(3, LimitUnit::WorkingDays),
        Limit::new(1, LimitUnit::WorkingDays),
        Limit::new(10, LimitUnit::WorkingDays),
    ];
    let mut seed: u64 = 0x1a2b_3c4d;
    (0..ITEMS)
        .map(|i| {
            // A small linear congruential generator: deterministic, no dependency.
            seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
            let minute = (seed >> 33) % (3 * 365 * 24 * 60 - 20 * 24 * 60);
            (origin + TimeDelta::minutes(minute as i64), limits[i % limits.len()])
        })
        .collect()
}

/// The first thing one would write: walk the calendar a day (or a working period) at a time.
fn naive_add(cal: &Calendar, start: DateTime<FixedOffset>, limit: Limit) -> DateTime<FixedOffset> {
    let amount = i64::from(limit.amount);
    match limit.unit {
        LimitUnit::NaturalHours => start + TimeDelta::hours(amount),
        LimitUnit::NaturalDays => start + TimeDelta::days(amount),
        LimitUnit::WorkingDays => {
            let mut day = start.date_naive();
            let mut left = amount;
            while left > 0 {
                day = day.succ_opt().unwrap_or(day);
                if cal.is_workday(day).unwrap_or(false) {
                    left -= 1;
                }
            }
            at(day, PERIODS[1].1)
        }
        LimitUnit::WorkingHours => {
            let mut left = amount * 60;
            let mut day = start.date_naive();
            let mut from = minute_of(start);
            loop {
                if cal.is_workday(day).unwrap_or(false) {
                    for (s, e) in PERIODS {
                        let begin = s.max(from);
                        if begin < e {
                            if left <= e - begin {
                                return at(day, begin + left);
                            }
                            left -= e - begin;
                        }
                    }
                }
                day = day.succ_opt().unwrap_or(day);
                from = 0;
            }
        }
    }
}

fn naive_fraction(
    cal: &Calendar,
    limit: Limit,
    start: DateTime<FixedOffset>,
    due: DateTime<FixedOffset>,
    now: DateTime<FixedOffset>,
) -> f64 {
    let minutes = |a: DateTime<FixedOffset>, b: DateTime<FixedOffset>| match limit.unit.clock() {
        Clock::Natural => (b - a).num_minutes().max(0),
        Clock::Working => naive_working_minutes(cal, a, b),
    };
    let allotted = minutes(start, due);
    if allotted == 0 {
        return if now >= due { 1.0 } else { 0.0 };
    }
    minutes(start, now) as f64 / allotted as f64
}

/// Working minutes from `a` to `b`, day by day.
fn naive_working_minutes(cal: &Calendar, a: DateTime<FixedOffset>, b: DateTime<FixedOffset>) -> i64 {
    let mut total = 0;
    let mut day = a.date_naive();
    while day <= b.date_naive() {
        if cal.is_workday(day).unwrap_or(false) {
            let from = if day == a.date_naive() { minute_of(a) } else { 0 };
            let to = if day == b.date_naive() { minute_of(b) } else { 24 * 60 };
            total += PERIODS.iter().map(|&(s, e)| (e.min(to) - s.max(from)).max(0)).sum::<i64>();
        }
        day = day.succ_opt().unwrap_or(day);
    }
    total
}

fn minute_of(t: DateTime<FixedOffset>) -> i64 {
    let local = t.with_timezone(&cst());
    i64::from(chrono::Timelike::hour(&local)) * 60 + i64::from(chrono::Timelike::minute(&local))
}

fn at(day: chrono::NaiveDate, minute: i64) -> DateTime<FixedOffset> {
    let time = NaiveTime::from_num_seconds_from_midnight_opt((minute * 60) as u32, 0).unwrap_or_default();
    day.and_time(time).and_local_timezone(cst()).single().unwrap_or_else(luoshi_core::time::now)
}

/// The fastest of a few rounds, and the last round's result.
fn best_of<T>(mut task: impl FnMut() -> T) -> (Duration, T) {
    let mut best = Duration::MAX;
    let mut result = None;
    for _ in 0..ROUNDS {
        let started = Instant::now();
        let out = black_box(task());
        best = best.min(started.elapsed());
        result = Some(out);
    }
    match result {
        Some(out) => (best, out),
        None => (best, task()),
    }
}

fn ms(d: Duration) -> String {
    format!("{:.2} ms", d.as_secs_f64() * 1000.0)
}

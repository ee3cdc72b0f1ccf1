//! Reading items and their events for a period, and turning each item's history into the counts it
//! contributes. One SQL statement walks the items due in the period by the deadline index and each
//! item's events by the event index; each item is reduced to its [`Facts`] (a pure function on the
//! row and its events) and added to the totals and to its group.

use std::collections::HashMap;

use chrono::{DateTime, Datelike, FixedOffset, NaiveDate, TimeDelta};
use rusqlite::Connection;

use super::{
    StatsBy, StatsCount, StatsCounts, StatsFigures, StatsGroup, StatsQuery, StatsRates, StatsResult,
    StatsRow, StatsTargetCheck, StatsTargetKind, StatsTargets,
};
use crate::assignment::model::{EventKind, NamedRef, Source, State};
use crate::calendar::{self, Calendar, Category, CategoryLimits, Clock, Interval};
use crate::time::to_text as ts;
use crate::{time, Error, Result};

/// An item as the figures need it.
#[derive(Debug, Clone)]
pub(crate) struct ItemRow {
    /// 0 before the first row of a walk.
    pub id: i64,
    pub category: Category,
    pub source: Source,
    pub lead_unit_id: i64,
    pub assigned_at: DateTime<FixedOffset>,
    pub deadline: DateTime<FixedOffset>,
    pub suspensions: Vec<Interval>,
}

/// An event at or before the cutoff, of the kinds the figures read.
#[derive(Debug, Clone)]
pub(crate) struct Ev {
    pub kind: EventKind,
    pub to: State,
    pub at: DateTime<FixedOffset>,
    /// 满意度 recorded with a closing or a revisit.
    pub satisfaction: Option<i64>,
    /// The revisit's day (30 or 90).
    pub day: Option<i64>,
}

/// What one item contributes to the counts.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Facts {
    pub suspended: bool,
    pub closed: bool,
    pub on_time: bool,
    pub overdue: bool,
    pub ever_closed: bool,
    pub first_time: bool,
    pub rebounded: bool,
    pub response_due: bool,
    pub responded_in_time: bool,
    pub responded_within_target: bool,
    /// Working seconds from 交办时间 to the closing, for closed items.
    pub handling_secs: Option<i64>,
    pub scores: Vec<i64>,
}

/// The kinds of event the figures read: every kind that moves the state, plus held revisits for
/// their scores. Progress reports, reminders and extensions neither move the state nor count.
const KINDS: &str =
    "'register', 'import', 'assign', 'accept', 'report', 'pass', 'return', 'suspend', 'resume', \
                     'revisit_held', 'revisit_rebound', 'strike_off', 'archive'";

/// A rebound found no later than this after the closing counts as rebounded within 30 days when the
/// revisit records no day.
const REBOUND_WINDOW_DAYS: i64 = 30;

/// Reduces one item's history (events at or before `cutoff`, in order) to its facts.
pub(crate) fn facts(
    item: &ItemRow,
    events: &[Ev],
    cutoff: DateTime<FixedOffset>,
    cal: &Calendar,
    limits: &CategoryLimits,
    targets: &StatsTargets,
) -> Result<Facts> {
    let state = events.last().map(|e| e.to).unwrap_or(State::Registered);
    if state == State::Suspended {
        return Ok(Facts { suspended: true, ..Facts::default() });
    }
    let mut f = Facts::default();
    let mut accepted_at = None;
    let mut last_pass: Option<DateTime<FixedOffset>> = None;
    let mut returned = false;
    for e in events {
        match e.kind {
            EventKind::Accept => {
                accepted_at.get_or_insert(e.at);
            }
            EventKind::Pass => {
                last_pass = Some(e.at);
                f.ever_closed = true;
                f.scores.extend(e.satisfaction);
            }
            // An item imported closed passed its check before the ledger came in.
            EventKind::Import if e.to.is_finished() => {
                last_pass = Some(e.at);
                f.ever_closed = true;
            }
            EventKind::Return => returned = true,
            EventKind::RevisitHeld => f.scores.extend(e.satisfaction),
            EventKind::RevisitRebound => {
                f.scores.extend(e.satisfaction);
                if let Some(closing) = last_pass {
                    let within = match e.day {
                        Some(day) => day == 30,
                        None => e.at - closing <= TimeDelta::days(REBOUND_WINDOW_DAYS),
                    };
                    f.rebounded |= within;
                }
            }
            _ => {}
        }
    }
    if state.is_finished() {
        f.closed = true;
        // A finished item always passed the check; a history without one closes at its last event.
        let closing = last_pass.or_else(|| events.last().map(|e| e.at)).unwrap_or(item.assigned_at);
        f.on_time = closing <= item.deadline;
        f.first_time = !returned;
        let worked = cal.elapsed_excluding(Clock::Working, item.assigned_at, closing, &item.suspensions)?;
        f.handling_secs = Some(worked.num_seconds());
    } else {
        f.overdue = item.deadline < cutoff;
    }
    let first_step = cal.add(item.assigned_at, limits.of(item.category).first_step)?.due;
    let target = item.assigned_at + TimeDelta::hours(i64::from(targets.response_hours));
    f.response_due = accepted_at.is_some() || first_step <= cutoff;
    f.responded_in_time = accepted_at.is_some_and(|a| a <= first_step);
    f.responded_within_target = accepted_at.is_some_and(|a| a <= target);
    Ok(f)
}

impl Facts {
    /// Whether the item is one of `count` (the same tests as [`Acc::add`]).
    pub(crate) fn is(&self, count: StatsCount) -> bool {
        let live = !self.suspended;
        let open = live && !self.closed;
        match count {
            StatsCount::Items => true,
            StatsCount::Suspended => self.suspended,
            StatsCount::Closed => self.closed,
            StatsCount::ClosedOnTime => self.closed && self.on_time,
            StatsCount::ClosedLate => self.closed && !self.on_time,
            StatsCount::Overdue => open && self.overdue,
            StatsCount::Late => (self.closed && !self.on_time) || (open && self.overdue),
            StatsCount::InProgress => open && !self.overdue,
            StatsCount::EverClosed => live && self.ever_closed,
            StatsCount::ClosedFirstTime => self.closed && self.first_time,
            StatsCount::Rebounded => live && self.ever_closed && self.rebounded,
            StatsCount::ResponseDue => live && self.response_due,
            StatsCount::RespondedInTime => live && self.response_due && self.responded_in_time,
            StatsCount::Scored => live && !self.scores.is_empty(),
        }
    }
}

/// Counts of a set of items, and the sums the averages need.
#[derive(Debug, Clone, Default)]
pub(crate) struct Acc {
    pub counts: StatsCounts,
    handling_secs: i64,
    score_sum: i64,
}

impl Acc {
    pub(crate) fn add(&mut self, f: &Facts) {
        let c = &mut self.counts;
        c.items += 1;
        if f.suspended {
            c.suspended += 1;
            return;
        }
        if f.closed {
            c.closed += 1;
            if f.on_time {
                c.closed_on_time += 1;
            } else {
                c.closed_late += 1;
            }
            c.closed_first_time += i64::from(f.first_time);
        } else if f.overdue {
            c.overdue += 1;
        } else {
            c.in_progress += 1;
        }
        c.ever_closed += i64::from(f.ever_closed);
        c.rebounded += i64::from(f.rebounded && f.ever_closed);
        c.response_due += i64::from(f.response_due);
        c.responded_in_time += i64::from(f.response_due && f.responded_in_time);
        c.responded_within_target += i64::from(f.response_due && f.responded_within_target);
        c.satisfaction_scores += f.scores.len() as i64;
        c.scored += i64::from(!f.scores.is_empty());
        self.score_sum += f.scores.iter().sum::<i64>();
        self.handling_secs += f.handling_secs.unwrap_or(0);
    }

    /// The counts with their rates; `working_day` is the length of a working day in seconds.
    pub(crate) fn figures(&self, working_day: i64) -> StatsFigures {
        let c = self.counts;
        let live = c.items - c.suspended;
        let mean = |sum: f64, n: i64| (n > 0).then(|| round1(sum / n as f64));
        StatsFigures {
            counts: c,
            rates: StatsRates {
                closed_rate: percent(c.closed, live),
                on_time_rate: percent(c.closed_on_time, c.closed),
                overdue_rate: percent(c.closed_late + c.overdue, live),
                response_rate: percent(c.responded_in_time, c.response_due),
                response_target_rate: percent(c.responded_within_target, c.response_due),
                one_time_rate: percent(c.closed_first_time, c.closed),
                rebound_rate: percent(c.rebounded, c.ever_closed),
                avg_handling_days: mean(self.handling_secs as f64 / working_day.max(1) as f64, c.closed),
                satisfaction: mean(self.score_sum as f64, c.satisfaction_scores),
            },
        }
    }
}

fn text<'a>(r: &'a rusqlite::Row, i: usize) -> rusqlite::Result<&'a str> {
    r.get_ref(i)?
        .as_str()
        .map_err(|e| rusqlite::Error::FromSqlConversionFailure(i, rusqlite::types::Type::Text, e.into()))
}

fn opt_text<'a>(r: &'a rusqlite::Row, i: usize) -> rusqlite::Result<Option<&'a str>> {
    r.get_ref(i)?
        .as_str_or_null()
        .map_err(|e| rusqlite::Error::FromSqlConversionFailure(i, rusqlite::types::Type::Text, e.into()))
}

/// One decimal, half away from zero.
pub(crate) fn round1(x: f64) -> f64 {
    (x * 10.0).round() / 10.0
}

/// `n / d` as a percentage with one decimal; `None` when `d` is zero.
pub(crate) fn percent(n: i64, d: i64) -> Option<f64> {
    (d > 0).then(|| round1(n as f64 * 100.0 / d as f64))
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Key {
    Unit(i64),
    Category(Category),
    Source(Source),
    /// Year and month of the deadline (CST).
    Month(i32, u32),
}

impl Key {
    fn of(by: StatsBy, item: &ItemRow) -> Key {
        match by {
            StatsBy::Unit => Key::Unit(item.lead_unit_id),
            StatsBy::Category => Key::Category(item.category),
            StatsBy::Source => Key::Source(item.source),
            StatsBy::Month => {
                let day = item.deadline.with_timezone(&time::cst()).date_naive();
                Key::Month(day.year(), day.month())
            }
        }
    }

    /// The row's key as [`StatsRow::key`] and [`StatsGroup::key`] write it.
    fn code(&self) -> String {
        match self {
            Key::Unit(id) => id.to_string(),
            Key::Category(c) => c.code().to_string(),
            Key::Source(s) => s.code().to_string(),
            Key::Month(y, m) => format!("{y}-{m:02}"),
        }
    }
}

/// The period's bounds: the first instant of `from`, the last second of `to`, and the cutoff.
pub(crate) fn period(
    from: NaiveDate,
    to: NaiveDate,
    now: DateTime<FixedOffset>,
) -> Result<(DateTime<FixedOffset>, DateTime<FixedOffset>, DateTime<FixedOffset>)> {
    let at = |d: NaiveDate, h: u32, m: u32, s: u32| {
        d.and_hms_opt(h, m, s)
            .and_then(|t| t.and_local_timezone(time::cst()).single())
            .ok_or_else(|| Error::invalid("to", "统计期间的日期无效"))
    };
    let start = at(from, 0, 0, 0)?;
    let end = at(to, 23, 59, 59)?;
    Ok((start, end, end.min(now)))
}

/// The figures of a period: totals, the 一般办理类 subset, the targets and, with `by`, one row per
/// lead unit, category, source or month. See the module documentation for every definition.
pub fn figures(conn: &Connection, q: &StatsQuery) -> Result<StatsResult> {
    Ok(figures_with(conn, q, &[])?.0)
}

/// [`figures`], and in the same walk over the items the rows of each breakdown of `more` (工作台's
/// categories and sources beside its units).
pub fn figures_with(
    conn: &Connection,
    q: &StatsQuery,
    more: &[StatsBy],
) -> Result<(StatsResult, Vec<Vec<StatsRow>>)> {
    let (from, to, bounds, unit) = prepare(conn, q)?;
    let (_, _, cutoff) = bounds;
    let targets = targets_of(conn, q)?;
    let cal = calendar::load(conn)?;
    let mut totals = Acc::default();
    let mut routine = Acc::default();
    let bys: Vec<StatsBy> = q.by.into_iter().chain(more.iter().copied()).collect();
    let mut groups: Vec<HashMap<Key, Acc>> = vec![HashMap::new(); bys.len()];
    walk(conn, q, bounds, &cal, &targets, false, |item, f| {
        totals.add(f);
        if item.category == Category::Routine {
            routine.add(f);
        }
        for (by, group) in bys.iter().zip(groups.iter_mut()) {
            group.entry(Key::of(*by, item)).or_default().add(f);
        }
    })?;
    let working_day = cal.working_day().num_seconds();
    let totals_figures = totals.figures(working_day);
    let routine_figures = routine.figures(working_day);
    let mut breakdowns = bys
        .iter()
        .zip(groups)
        .map(|(by, group)| breakdown(conn, *by, group, working_day))
        .collect::<Result<Vec<_>>>()?;
    let mut rows = if q.by.is_some() { breakdowns.remove(0) } else { Vec::new() };
    let score_rule = if q.score && q.by == Some(StatsBy::Unit) {
        let scoring = super::get_score_settings(conn)?;
        scoring.rank(&mut rows);
        Some(scoring.rule())
    } else {
        None
    };
    let result = StatsResult {
        from,
        to,
        cutoff,
        unit,
        include_sub_items: q.include_sub_items,
        targets: check_targets(&totals_figures, &routine_figures, &targets),
        totals: totals_figures,
        routine: routine_figures,
        by: q.by,
        rows,
        score_rule,
    };
    Ok((result, breakdowns))
}

/// The ids of the items of the period that are `count`, by deadline: the set behind a number of
/// the figures (`q.by` is not used).
pub fn item_ids(conn: &Connection, q: &StatsQuery, count: StatsCount) -> Result<Vec<i64>> {
    ids_in(conn, q, count, false, |_| true)
}

/// The ids behind `count` of one row of a breakdown of the period: a bar of 工作台's charts.
pub fn group_item_ids(
    conn: &Connection,
    q: &StatsQuery,
    group: &StatsGroup,
    count: StatsCount,
) -> Result<Vec<i64>> {
    ids_in(conn, q, count, false, |item| Key::of(group.by, item).code() == group.key)
}

/// The first day [`overdue_ids_at`] reads deadlines from.
const EARLIEST: &str = "2000-01-01";

/// The ids of the top-level items overdue (超期未办结) at the end of `to` (or now, before then),
/// whenever they fell due: the overdue list of a 通报. Items finished now whose last closing came
/// before that cutoff were finished at it, and their histories are not read (`closed_at` is the
/// last 审核通过, and a rebound clears it); every other item is decided by its history as always.
pub fn overdue_ids_at(conn: &Connection, to: &str, unit_id: Option<i64>) -> Result<Vec<i64>> {
    let q = StatsQuery { from: EARLIEST.to_string(), to: to.to_string(), unit_id, ..StatsQuery::default() };
    ids_in(conn, &q, StatsCount::Overdue, true, |_| true)
}

/// 到期应办结, 已办结 and 超期未办结 by month of the deadline (`2026-03`), as [`figures`] by
/// [`StatsBy::Month`] counts them, for a period that has not ended. Its cutoff is then now, and at
/// now an item's state is its `state` column (written with its events in one transaction), so the
/// rows answer without reading any history: 工作台's twelve months stay quick at any size. A
/// period that has ended is counted by its histories, as [`figures`] does.
pub fn month_counts(conn: &Connection, q: &StatsQuery) -> Result<Vec<(String, StatsCounts)>> {
    let (_, _, (start, end, cutoff), unit) = prepare(conn, q)?;
    if cutoff < end {
        let finished = State::sql_codes(State::is_finished);
        let mut sql = format!(
            "SELECT substr(deadline, 1, 7), count(*), sum(state IN ({finished})),
                    sum(state NOT IN ({finished}, 'suspended') AND deadline < ?3), sum(state = 'suspended')
             FROM assignment WHERE deadline >= ?1 AND deadline <= ?2",
        );
        let mut params: Vec<rusqlite::types::Value> =
            vec![ts(start).into(), ts(end).into(), ts(cutoff).into()];
        if let Some(u) = &unit {
            sql.push_str(" AND lead_unit_id = ?4");
            params.push(u.id.into());
        }
        if !q.include_sub_items {
            sql.push_str(" AND parent_id IS NULL");
        }
        sql.push_str(" GROUP BY 1 ORDER BY 1");
        let mut stmt = conn.prepare(&sql)?;
        let rows = stmt.query_map(rusqlite::params_from_iter(params), |r| {
            let counts = StatsCounts {
                items: r.get(1)?,
                closed: r.get(2)?,
                overdue: r.get(3)?,
                suspended: r.get(4)?,
                ..StatsCounts::default()
            };
            Ok((r.get::<_, String>(0)?, counts))
        })?;
        return Ok(rows.collect::<rusqlite::Result<_>>()?);
    }
    let by_month = StatsQuery { by: Some(StatsBy::Month), score: false, ..q.clone() };
    Ok(figures(conn, &by_month)?.rows.into_iter().map(|r| (r.key, r.figures.counts)).collect())
}

fn ids_in(
    conn: &Connection,
    q: &StatsQuery,
    count: StatsCount,
    unfinished_only: bool,
    keep: impl Fn(&ItemRow) -> bool,
) -> Result<Vec<i64>> {
    let (_, _, bounds, _) = prepare(conn, q)?;
    let targets = targets_of(conn, q)?;
    let cal = calendar::load(conn)?;
    let mut ids = Vec::new();
    walk(conn, q, bounds, &cal, &targets, unfinished_only, |item, f| {
        if f.is(count) && keep(item) {
            ids.push(item.id);
        }
    })?;
    Ok(ids)
}

/// The query's own targets, or those of 设置.
fn targets_of(conn: &Connection, q: &StatsQuery) -> Result<StatsTargets> {
    match q.targets {
        Some(t) => Ok(t),
        None => super::get_targets(conn),
    }
}

type Bounds = (DateTime<FixedOffset>, DateTime<FixedOffset>, DateTime<FixedOffset>);

/// The query's period, its bounds and its unit, checked.
fn prepare(conn: &Connection, q: &StatsQuery) -> Result<(NaiveDate, NaiveDate, Bounds, Option<NamedRef>)> {
    let from = calendar::parse_date("from", &q.from)?;
    let to = calendar::parse_date("to", &q.to)?;
    if to < from {
        return Err(Error::invalid("to", "统计期间的结束日期不能早于开始日期"));
    }
    let (start, end, cutoff) = period(from, to, time::now())?;
    let unit = match q.unit_id {
        Some(id) => Some(
            conn.query_row("SELECT id, name FROM unit WHERE id = ?1", [id], |r| {
                Ok(NamedRef { id: r.get(0)?, name: r.get(1)? })
            })
            .map_err(|e| match e {
                rusqlite::Error::QueryReturnedNoRows => Error::NotFound(format!("找不到编号为 {id} 的单位")),
                e => e.into(),
            })?,
        ),
        None => None,
    };
    Ok((from, to, (start, end, cutoff), unit))
}

/// Walks the items due in the period (`bounds`: start, end, cutoff) with their events up to the
/// cutoff, and hands each item with its facts to `each`. One SQL statement, by the deadline index.
/// `q.unit_id` has been checked by [`prepare`].
fn walk(
    conn: &Connection,
    q: &StatsQuery,
    (start, end, cutoff): Bounds,
    cal: &Calendar,
    targets: &StatsTargets,
    unfinished_at_cutoff: bool,
    mut each: impl FnMut(&ItemRow, &Facts),
) -> Result<()> {
    let limits = calendar::limits::get(conn)?;
    let mut sql = format!(
        "SELECT a.id, a.category, a.source, a.lead_unit_id, a.assigned_at, a.deadline, a.suspensions,
                e.kind, e.to_state, e.at,
                CASE WHEN e.kind IN ('pass', 'revisit_held', 'revisit_rebound')
                     THEN json_extract(e.payload, '$.satisfaction') END,
                CASE WHEN e.kind = 'revisit_rebound' THEN json_extract(e.payload, '$.day') END
         FROM assignment a
         LEFT JOIN assignment_event e ON e.assignment_id = a.id AND e.at <= ?3 AND e.kind IN ({KINDS})
         WHERE a.deadline >= ?1 AND a.deadline <= ?2"
    );
    let mut params: Vec<rusqlite::types::Value> = vec![ts(start).into(), ts(end).into(), ts(cutoff).into()];
    if let Some(id) = q.unit_id {
        params.push(id.into());
        sql.push_str(" AND a.lead_unit_id = ?4");
    }
    if !q.include_sub_items {
        sql.push_str(" AND a.parent_id IS NULL");
    }
    if unfinished_at_cutoff {
        // Finished now with the last closing at or before the cutoff: finished at the cutoff too.
        // The others are found by index: not finished now (state, deadline), closed after the
        // cutoff or without a closing time (closed_at).
        let (finished, unfinished) =
            (State::sql_codes(State::is_finished), State::sql_codes(|s| !s.is_finished()));
        sql.push_str(&format!(
            " AND a.id IN (
                SELECT id FROM assignment WHERE state IN ({unfinished}) AND deadline >= ?1 AND deadline <= ?2
                UNION ALL SELECT id FROM assignment WHERE closed_at > ?3
                UNION ALL SELECT id FROM assignment WHERE closed_at IS NULL AND state IN ({finished}))"
        ));
    }
    sql.push_str(" ORDER BY a.deadline, a.id, e.id");

    let mut finish = |item: &ItemRow, events: &[Ev]| -> Result<()> {
        if item.id != 0 {
            each(item, &facts(item, events, cutoff, cal, &limits, targets)?);
        }
        Ok(())
    };
    let mut stmt = conn.prepare(&sql)?;
    let mut rows = stmt.query(rusqlite::params_from_iter(params))?;
    let mut item = ItemRow {
        id: 0,
        category: Category::Routine,
        source: Source::Other,
        lead_unit_id: 0,
        assigned_at: start,
        deadline: start,
        suspensions: Vec::new(),
    };
    let mut events: Vec<Ev> = Vec::with_capacity(16);
    while let Some(r) = rows.next()? {
        let id: i64 = r.get(0)?;
        if item.id != id {
            finish(&item, &events)?;
            events.clear();
            let suspensions = text(r, 6)?;
            item = ItemRow {
                id,
                category: Category::from_code(text(r, 1)?)?,
                source: Source::from_code(text(r, 2)?)?,
                lead_unit_id: r.get(3)?,
                assigned_at: crate::time::parse_stored(text(r, 4)?)?,
                deadline: crate::time::parse_stored(text(r, 5)?)?,
                suspensions: if suspensions == "[]" {
                    Vec::new()
                } else {
                    crate::db::parse_json(suspensions)?
                },
            };
        }
        let Some(kind) = opt_text(r, 7)? else { continue };
        let kind = EventKind::from_code(kind)?;
        let to = State::from_code(text(r, 8)?)?;
        // Only the kinds whose time the figures read pay for parsing it.
        let at = if matches!(
            kind,
            EventKind::Accept | EventKind::Pass | EventKind::RevisitRebound | EventKind::Import
        ) {
            crate::time::parse_stored(text(r, 9)?)?
        } else {
            cutoff
        };
        events.push(Ev { kind, to, at, satisfaction: r.get(10)?, day: r.get(11)? });
    }
    finish(&item, &events)
}

fn breakdown(
    conn: &Connection,
    by: StatsBy,
    groups: HashMap<Key, Acc>,
    working_day: i64,
) -> Result<Vec<StatsRow>> {
    let names: HashMap<i64, String> = if by == StatsBy::Unit {
        let mut stmt = conn.prepare("SELECT id, name FROM unit")?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
        rows.collect::<rusqlite::Result<_>>()?
    } else {
        HashMap::new()
    };
    let mut rows: Vec<(usize, StatsRow)> = groups
        .into_iter()
        .map(|(key, acc)| {
            let (order, name) = match key {
                Key::Unit(id) => (0, names.get(&id).cloned().unwrap_or_else(|| format!("单位 {id}"))),
                Key::Category(c) => {
                    (Category::ALL.iter().position(|x| *x == c).unwrap_or(0), c.label().to_string())
                }
                Key::Source(s) => {
                    (Source::ALL.iter().position(|x| *x == s).unwrap_or(0), s.label().to_string())
                }
                Key::Month(y, m) => ((y as usize) * 12 + m as usize, format!("{y}年{m}月")),
            };
            let key = key.code();
            (order, StatsRow { key, name, figures: acc.figures(working_day), score: None, rank: None })
        })
        .collect();
    // Categories, sources and months in their own order; units by the number of items, then by name.
    rows.sort_by(|(oa, a), (ob, b)| {
        oa.cmp(ob).then(b.figures.counts.items.cmp(&a.figures.counts.items)).then_with(|| a.name.cmp(&b.name))
    });
    Ok(rows.into_iter().map(|(_, r)| r).collect())
}

fn check_targets(totals: &StatsFigures, routine: &StatsFigures, t: &StatsTargets) -> Vec<StatsTargetCheck> {
    let r = &totals.rates;
    let c = &totals.counts;
    let check = |kind, label: String, target: String, value: Option<f64>, met: &dyn Fn(f64) -> bool| {
        StatsTargetCheck { kind, label, target, value, met: value.map(met) }
    };
    vec![
        StatsTargetCheck {
            kind: StatsTargetKind::Response,
            label: format!("{}小时内响应（签收）", t.response_hours),
            target: "100%".to_string(),
            value: r.response_target_rate,
            met: (c.response_due > 0).then_some(c.responded_within_target == c.response_due),
        },
        check(
            StatsTargetKind::ClosedRate,
            "闭环率（办结率）".into(),
            format!("≥{}%", t.closed_rate_min),
            r.closed_rate,
            &|v| v >= t.closed_rate_min,
        ),
        check(
            StatsTargetKind::OneTimeRate,
            "一次性解决率".into(),
            format!("≥{}%", t.one_time_rate_min),
            r.one_time_rate,
            &|v| v >= t.one_time_rate_min,
        ),
        check(
            StatsTargetKind::ReboundRate,
            "30天内反弹率".into(),
            format!("≤{}%", t.rebound_rate_max),
            r.rebound_rate,
            &|v| v <= t.rebound_rate_max,
        ),
        check(
            StatsTargetKind::Satisfaction,
            "满意度".into(),
            format!("≥{}分", t.satisfaction_min),
            r.satisfaction,
            &|v| v >= t.satisfaction_min,
        ),
        check(
            StatsTargetKind::RoutineOverdueRate,
            "一般办理类超期率".into(),
            format!("<{}%", t.routine_overdue_rate_below),
            routine.rates.overdue_rate,
            &|v| v < t.routine_overdue_rate_below,
        ),
    ]
}

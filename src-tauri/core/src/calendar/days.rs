//! The loaded calendar: one entry per day from 2000 to 2100, with the count of working days before
//! each day, so that "the Nth working day after" and "working time between" cost a lookup, not a loop.

use std::collections::HashMap;

use chrono::{Datelike, NaiveDate, Weekday};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::official::{OffRange, YearData, YearRules};
use super::working_hours::DaySchedule;
use super::years::{FIRST_YEAR, LAST_YEAR};
use super::CalendarError;
use crate::Result;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum DayKind {
    /// 工作日
    Workday,
    /// 休息日
    Offday,
}

impl DayKind {
    pub fn code(self) -> &'static str {
        match self {
            DayKind::Workday => "workday",
            DayKind::Offday => "offday",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            DayKind::Workday => "工作日",
            DayKind::Offday => "休息日",
        }
    }

    pub fn parse(value: &str) -> Result<DayKind> {
        [DayKind::Workday, DayKind::Offday]
            .into_iter()
            .find(|k| k.code() == value || k.label() == value)
            .ok_or_else(|| {
                crate::Error::invalid(
                    "kind",
                    format!("日期类型“{value}”无效，应为工作日（workday）或休息日（offday）"),
                )
            })
    }

    fn of(work: bool) -> DayKind {
        if work {
            DayKind::Workday
        } else {
            DayKind::Offday
        }
    }
}

/// Where a day's kind comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum DaySource {
    /// No calendar for the year: Monday–Friday rule, 未确认.
    Rule,
    /// The official calendar shipped with the app.
    Shipped,
    /// A year imported by a user.
    Imported,
    /// A day a user marked off or working.
    Edited,
}

/// Where a year's calendar comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum YearSource {
    Shipped,
    Imported,
    /// No calendar: the weekday rule applies and deadlines are 未确认.
    Missing,
}

/// One day as the month grid shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct DayInfo {
    pub date: NaiveDate,
    /// 1 = Monday … 7 = Sunday.
    pub weekday: u8,
    pub kind: DayKind,
    /// The holiday's name (e.g. 国庆节) or the note of a user's edit.
    pub name: Option<String>,
    /// A weekend day that is a working day (调休上班).
    pub adjusted: bool,
    pub source: DaySource,
    /// Whether the day's year has a calendar (shipped or imported).
    pub confirmed: bool,
}

#[derive(Debug, Clone, Copy)]
struct Day {
    work: bool,
    /// The kind before any user edit, so that an edit back to it can be dropped.
    base_work: bool,
    source: DaySource,
    /// Index into `names`; 0 is no name.
    name: u16,
}

/// A user's edit of one day, as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DayEdit {
    pub date: NaiveDate,
    pub kind: DayKind,
    pub note: Option<String>,
}

/// The working-day calendar and working hours, loaded once; every computation is a pure function on it.
#[derive(Debug, Clone)]
pub struct Calendar {
    days: Vec<Day>,
    /// `rank[i]`: working days among days `0..i` (one longer than `days`).
    rank: Vec<u32>,
    /// Day index of each working day, in order.
    workdays: Vec<u32>,
    /// `unconfirmed[i]`: days among `0..i` in a year with no calendar (one longer than `days`).
    unconfirmed: Vec<u32>,
    names: Vec<String>,
    years: Vec<YearSource>,
    pub(super) schedule: DaySchedule,
}

/// Days from 0001-01-01 to 2000-01-01, the first day of the table.
fn first_day_ce() -> i32 {
    NaiveDate::from_ymd_opt(FIRST_YEAR, 1, 1).map_or(0, |d| d.num_days_from_ce())
}

fn weekday_rule(date: NaiveDate) -> bool {
    !matches!(date.weekday(), Weekday::Sat | Weekday::Sun)
}

impl Calendar {
    /// Builds the calendar in layers: the weekday rule, then each shipped year (unless a year of the
    /// same number was imported, which replaces it whole), then imported years, then user edits.
    pub fn build(
        shipped: &[YearRules],
        imported: &[YearRules],
        edits: &[DayEdit],
        schedule: DaySchedule,
    ) -> Calendar {
        let first = first_day_ce();
        let count = (NaiveDate::from_ymd_opt(LAST_YEAR + 1, 1, 1).map_or(0, |d| d.num_days_from_ce()) - first)
            .max(0) as usize;
        let mut days = Vec::with_capacity(count);
        let mut date = NaiveDate::from_ymd_opt(FIRST_YEAR, 1, 1).unwrap_or_default();
        for _ in 0..count {
            let work = weekday_rule(date);
            days.push(Day { work, base_work: work, source: DaySource::Rule, name: 0 });
            date = date.succ_opt().unwrap_or(date);
        }
        let mut calendar = Calendar {
            days,
            rank: Vec::new(),
            workdays: Vec::new(),
            unconfirmed: Vec::new(),
            names: vec![String::new()],
            years: vec![YearSource::Missing; (LAST_YEAR - FIRST_YEAR + 1) as usize],
            schedule,
        };
        let mut interned = HashMap::new();
        let replaced = |rules: &YearRules| imported.iter().any(|i| i.year == rules.year);
        for rules in shipped.iter().filter(|r| !replaced(r)) {
            calendar.apply_year(rules, YearSource::Shipped, &mut interned);
        }
        for rules in imported {
            calendar.apply_year(rules, YearSource::Imported, &mut interned);
        }
        for edit in edits {
            if let Some(i) = calendar.index_of(edit.date) {
                let name = calendar.intern(edit.note.as_deref(), &mut interned);
                let day = &mut calendar.days[i];
                day.work = edit.kind == DayKind::Workday;
                day.source = DaySource::Edited;
                day.name = name;
            }
        }
        calendar.count_workdays();
        calendar
    }

    fn apply_year(&mut self, rules: &YearRules, source: YearSource, interned: &mut HashMap<String, u16>) {
        let day_source =
            if source == YearSource::Imported { DaySource::Imported } else { DaySource::Shipped };
        if let Some(slot) = self.years.get_mut((rules.year - FIRST_YEAR) as usize) {
            *slot = source;
        }
        let first = NaiveDate::from_ymd_opt(rules.year, 1, 1).unwrap_or_default();
        for date in first.iter_days().take_while(|d| d.year() == rules.year) {
            if let Some(i) = self.index_of(date) {
                let work = weekday_rule(date);
                self.days[i] = Day { work, base_work: work, source: day_source, name: 0 };
            }
        }
        for (name, from, to) in &rules.off {
            let name = self.intern(Some(name), interned);
            for date in from.iter_days().take_while(|d| d <= to) {
                if let Some(i) = self.index_of(date) {
                    self.days[i] = Day { work: false, base_work: false, source: day_source, name };
                }
            }
        }
        for &date in &rules.work {
            if let Some(i) = self.index_of(date) {
                self.days[i] = Day { work: true, base_work: true, source: day_source, name: 0 };
            }
        }
    }

    fn intern(&mut self, name: Option<&str>, interned: &mut HashMap<String, u16>) -> u16 {
        let Some(name) = name.map(str::trim).filter(|n| !n.is_empty()) else { return 0 };
        if let Some(&i) = interned.get(name) {
            return i;
        }
        let i = self.names.len().min(u16::MAX as usize) as u16;
        self.names.push(name.to_string());
        interned.insert(name.to_string(), i);
        i
    }

    /// The running counts that make lookups O(1): working days, and days in years with no calendar.
    fn count_workdays(&mut self) {
        let len = self.days.len();
        self.rank = Vec::with_capacity(len + 1);
        self.unconfirmed = Vec::with_capacity(len + 1);
        self.workdays = Vec::with_capacity(len * 5 / 7 + 8);
        let (mut work, mut unknown) = (0u32, 0u32);
        let mut date = NaiveDate::from_ymd_opt(FIRST_YEAR, 1, 1).unwrap_or_default();
        for (i, day) in self.days.iter().enumerate() {
            self.rank.push(work);
            self.unconfirmed.push(unknown);
            if day.work {
                self.workdays.push(i as u32);
                work += 1;
            }
            if self.year_source(date.year()) == YearSource::Missing {
                unknown += 1;
            }
            date = date.succ_opt().unwrap_or(date);
        }
        self.rank.push(work);
        self.unconfirmed.push(unknown);
    }

    /// The table index of a date, if inside 2000–2100.
    fn index_of(&self, date: NaiveDate) -> Option<usize> {
        let i = date.num_days_from_ce() - first_day_ce();
        (i >= 0 && (i as usize) < self.days.len()).then_some(i as usize)
    }

    pub(super) fn day_count(&self) -> usize {
        self.days.len()
    }

    pub(super) fn index_or_err(&self, field: &str, date: NaiveDate) -> Result<usize> {
        self.index_of(date).ok_or_else(|| {
            CalendarError::OutOfRange { field: field.to_string(), value: date.to_string() }.into()
        })
    }

    pub(super) fn date_at(&self, index: usize) -> NaiveDate {
        NaiveDate::from_num_days_from_ce_opt(first_day_ce() + index as i32).unwrap_or_default()
    }

    pub(super) fn is_work_at(&self, index: usize) -> bool {
        self.days.get(index).is_some_and(|d| d.work)
    }

    /// Working days among days `0..index`.
    pub(super) fn rank_at(&self, index: usize) -> i64 {
        self.rank.get(index).copied().unwrap_or(0) as i64
    }

    /// Day index of the working day with 0-based ordinal `ordinal`, if inside the table.
    pub(super) fn workday_at(&self, ordinal: i64) -> Option<usize> {
        usize::try_from(ordinal).ok().and_then(|k| self.workdays.get(k)).map(|&i| i as usize)
    }

    /// The day at `index` is in a year with a calendar.
    pub(super) fn confirmed_at(&self, index: usize) -> bool {
        self.confirmed_between(index, index)
    }

    /// Every day from day `from` to day `to` (either order) lies in a year with a calendar.
    pub(super) fn confirmed_between(&self, from: usize, to: usize) -> bool {
        let count = |i: usize| self.unconfirmed.get(i).copied().unwrap_or(0);
        count(from.max(to) + 1) == count(from.min(to))
    }

    pub fn year_source(&self, year: i32) -> YearSource {
        usize::try_from(year - FIRST_YEAR)
            .ok()
            .and_then(|i| self.years.get(i))
            .copied()
            .unwrap_or(YearSource::Missing)
    }

    /// The working-day kind of a date and where it comes from.
    pub fn day(&self, date: NaiveDate) -> Result<DayInfo> {
        let i = self.index_or_err("date", date)?;
        Ok(self.info_at(i))
    }

    /// One short line on why a deadline counted from `from` falls on `deadline`, when the calendar
    /// moved it: the public holidays on the way ("期间遇国庆节、中秋节假期，时限顺延") and a weekend
    /// day worked by 调休 ("10月10日（星期六）为调休上班日"); none when only weekends were skipped.
    pub fn deadline_note(&self, from: NaiveDate, deadline: NaiveDate) -> Result<Option<String>> {
        let mut parts = Vec::new();
        let mut holidays: Vec<String> = Vec::new();
        // Holidays are looked for within a year of the start: no limit runs longer.
        let between = usize::try_from((deadline - from).num_days().clamp(1, 366) - 1).unwrap_or(0);
        for day in from.iter_days().skip(1).take(between) {
            let info = self.day(day)?;
            if let Some(name) = info.name.filter(|_| info.kind == DayKind::Offday) {
                if !holidays.contains(&name) {
                    holidays.push(name);
                }
            }
        }
        if !holidays.is_empty() {
            parts.push(format!("期间遇{}假期，时限顺延", holidays.join("、")));
        }
        if self.day(deadline)?.adjusted {
            const WEEKDAYS: [&str; 7] = ["一", "二", "三", "四", "五", "六", "日"];
            let weekday = WEEKDAYS[deadline.weekday().num_days_from_monday() as usize];
            parts.push(format!("{}月{}日（星期{weekday}）为调休上班日", deadline.month(), deadline.day()));
        }
        Ok((!parts.is_empty()).then(|| parts.join("；")))
    }

    /// Whether a date is a working day (weekday rule in a year with no calendar).
    pub fn is_workday(&self, date: NaiveDate) -> Result<bool> {
        Ok(self.is_work_at(self.index_or_err("date", date)?))
    }

    /// The kind a day had before any user edit.
    pub(super) fn base_kind(&self, date: NaiveDate) -> Result<DayKind> {
        let i = self.index_or_err("date", date)?;
        Ok(DayKind::of(self.days[i].base_work))
    }

    fn info_at(&self, i: usize) -> DayInfo {
        let day = self.days[i];
        let date = self.date_at(i);
        DayInfo {
            date,
            weekday: date.weekday().number_from_monday() as u8,
            kind: DayKind::of(day.work),
            name: (day.name != 0).then(|| self.names[day.name as usize].clone()),
            adjusted: day.work && !weekday_rule(date),
            source: day.source,
            confirmed: self.confirmed_at(i),
        }
    }

    /// Every day of a year, 1 January first.
    pub fn days_of_year(&self, year: i32) -> Result<Vec<DayInfo>> {
        let first = NaiveDate::from_ymd_opt(year, 1, 1).and_then(|d| self.index_of(d)).ok_or_else(|| {
            CalendarError::OutOfRange { field: "year".into(), value: format!("{year} 年") }
        })?;
        Ok((first..self.days.len()).map(|i| self.info_at(i)).take_while(|d| d.date.year() == year).collect())
    }

    /// The year as a calendar file section, user edits included. Off days with a name become
    /// breaks (consecutive days of one name form one range; an unnamed weekday off is called
    /// 休息日); working weekend days are listed under `work`.
    pub fn year_data(&self, year: i32) -> Result<YearData> {
        let mut data = YearData::default();
        for day in self.days_of_year(year)? {
            let weekend = !weekday_rule(day.date);
            match day.kind {
                DayKind::Workday if weekend => data.work.push(day.date.to_string()),
                DayKind::Workday => {}
                DayKind::Offday => {
                    let name = match (&day.name, weekend) {
                        (Some(name), _) => name.clone(),
                        (None, true) => continue,
                        (None, false) => "休息日".to_string(),
                    };
                    let extends = data.off.last().is_some_and(|last: &OffRange| {
                        last.name == name && day.date.pred_opt().is_some_and(|p| p.to_string() == last.to)
                    });
                    match data.off.last_mut() {
                        Some(last) if extends => last.to = day.date.to_string(),
                        _ => data.off.push(OffRange {
                            name,
                            from: day.date.to_string(),
                            to: day.date.to_string(),
                        }),
                    }
                }
            }
        }
        Ok(data)
    }
}

//! The calendar in the database: imported years (`calendar_year`) and user edits (`calendar_day`),
//! layered over the shipped data. Importing a year replaces the shipped year of that number whole and
//! drops the user edits inside it (the file is the new truth; an export includes edits, so export
//! then import keeps them). A user edit of one day overrides whatever the year says; setting a day
//! back to what the year says, with no note, removes the edit.

use std::collections::BTreeMap;

use chrono::{DateTime, FixedOffset, NaiveDate};
use rusqlite::{params, Connection};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::days::{Calendar, DayEdit, DayInfo, DayKind, DaySource, YearSource};
use super::limits::{Limit, LimitUnit};
use super::official::{self, CalendarFile, YearData, YearRules};
use super::years;
use super::{working_hours, CalendarError, Due};
use crate::{time, Error, Result};

/// A year for 设置 → 工作日历.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct YearView {
    pub year: i32,
    /// False when the year has no calendar: the weekday rule applies and deadlines show 未确认.
    pub confirmed: bool,
    pub source: YearSource,
    pub workday_count: u32,
    /// Days a user marked off or working.
    pub edited_count: u32,
    /// Every day, 1 January first.
    pub days: Vec<DayInfo>,
}

/// Loads the calendar: shipped years, imported years, user edits and working hours.
pub fn load(conn: &Connection) -> Result<Calendar> {
    let (_, schedule) = working_hours::get(conn)?.check()?;
    Ok(Calendar::build(&official::shipped()?, &imported_years(conn)?, &edits(conn)?, schedule))
}

fn imported_years(conn: &Connection) -> Result<Vec<YearRules>> {
    let mut stmt = conn.prepare("SELECT year, data FROM calendar_year ORDER BY year")?;
    let rows = stmt.query_map([], |r| Ok((r.get::<_, i32>(0)?, r.get::<_, String>(1)?)))?;
    let mut years = Vec::new();
    for row in rows {
        let (year, text) = row?;
        let data: YearData = serde_json::from_str(&text).map_err(|e| CalendarError::BadFile {
            field: format!("years.{year}"),
            message: format!("数据库中导入的 {year} 年日历已损坏：{e}"),
        })?;
        years.push(YearRules::check(&year.to_string(), &data)?);
    }
    Ok(years)
}

fn edits(conn: &Connection) -> Result<Vec<DayEdit>> {
    let mut stmt = conn.prepare("SELECT day, kind, note FROM calendar_day ORDER BY day")?;
    let rows = stmt.query_map([], |r| {
        Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get::<_, Option<String>>(2)?))
    })?;
    let mut edits = Vec::new();
    for row in rows {
        let (day, kind, note) = row?;
        edits.push(DayEdit { date: super::parse_date("day", &day)?, kind: DayKind::parse(&kind)?, note });
    }
    Ok(edits)
}

/// Every day of a year with its kind, name and source.
pub fn year_view(conn: &Connection, year: i32) -> Result<YearView> {
    let calendar = load(conn)?;
    let days = calendar.days_of_year(year)?;
    let source = calendar.year_source(year);
    Ok(YearView {
        year,
        confirmed: source != YearSource::Missing,
        source,
        workday_count: days.iter().filter(|d| d.kind == DayKind::Workday).count() as u32,
        edited_count: days.iter().filter(|d| d.source == DaySource::Edited).count() as u32,
        days,
    })
}

/// Marks a day off or working, with an optional note shown as its name (e.g. 单位调休).
pub fn set_day(conn: &mut Connection, date: NaiveDate, kind: DayKind, note: Option<&str>) -> Result<DayInfo> {
    let note = note.map(str::trim).filter(|n| !n.is_empty());
    if note.is_some_and(|n| n.chars().count() > 20) {
        return Err(Error::invalid("note", "备注最多 20 个字"));
    }
    let tx = crate::db::begin_write(conn)?;
    let base = load(&tx)?.base_kind(date)?;
    if kind == base && note.is_none() {
        crate::db::execute(&tx, "DELETE FROM calendar_day WHERE day = ?1", [date.to_string()])?;
    } else {
        crate::db::execute(
            &tx,
            "INSERT INTO calendar_day (day, kind, note, updated_at) VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT (day) DO UPDATE SET kind = excluded.kind, note = excluded.note,
                                             updated_at = excluded.updated_at",
            params![date.to_string(), kind.code(), note, time::now_text()],
        )?;
    }
    let info = load(&tx)?.day(date)?;
    tx.commit()?;
    Ok(info)
}

/// Imports every year of a calendar file, each replacing the shipped or earlier imported year of
/// that number and dropping the user edits inside it. All or nothing. Returns the years imported.
pub fn import_year_json(conn: &mut Connection, text: &str) -> Result<Vec<i32>> {
    let years = official::parse_file(text)?;
    crate::backup::before_change(conn, crate::backup::BackupReason::BeforeImport)?;
    let tx = crate::db::begin_write(conn)?;
    for rules in &years {
        let data =
            serde_json::to_string(&rules.to_data()).map_err(|e| Error::Io(std::io::Error::other(e)))?;
        crate::db::execute(
            &tx,
            "INSERT INTO calendar_year (year, data, imported_at) VALUES (?1, ?2, ?3)
             ON CONFLICT (year) DO UPDATE SET data = excluded.data, imported_at = excluded.imported_at",
            params![rules.year, data, time::now_text()],
        )?;
        delete_edits_of_year(&tx, rules.year)?;
    }
    let imported: Vec<i32> = years.iter().map(|r| r.year).collect();
    let id = imported.iter().map(|y| y.to_string()).collect::<Vec<_>>().join("/");
    let detail = serde_json::json!({ "years": imported });
    crate::audit::note(
        &tx,
        crate::audit::AuditAction::Import,
        crate::audit::AuditObject::CalendarFile,
        &id,
        &detail,
    )?;
    tx.commit()?;
    Ok(years.iter().map(|r| r.year).collect())
}

/// The year as a calendar file (same format as the shipped one), user edits included. A year with no
/// calendar cannot be exported: its file would claim a calendar nobody published.
/// Exports a year (导出) into the file the user chose, adding `.json` when the name lacks it.
/// Returns the path written.
pub fn export_year_to_file(
    conn: &Connection,
    year: i32,
    path: &std::path::Path,
) -> Result<std::path::PathBuf> {
    let text = export_year_json(conn, year)?;
    let path = crate::files::with_extension(path, "json");
    crate::files::write_atomically(&path, text.as_bytes())?;
    Ok(path)
}

pub fn export_year_json(conn: &Connection, year: i32) -> Result<String> {
    let calendar = load(conn)?;
    check_year(year)?;
    if calendar.year_source(year) == YearSource::Missing {
        return Err(Error::NotFound(format!("{year} 年还没有工作日历（既无内置数据也未导入），无法导出")));
    }
    let file = CalendarFile {
        version: super::official::CALENDAR_FILE_VERSION,
        about: Some(format!(
            "{year} 年工作日历，由落实导出。off 为放假（含调休连休的周末），work 为调休上班的周末；其余日期周一至周五上班。"
        )),
        years: BTreeMap::from([(year.to_string(), calendar.year_data(year)?)]),
    };
    serde_json::to_string_pretty(&file).map_err(|e| Error::Io(std::io::Error::other(e)))
}

/// 恢复默认: forgets the imported year and the user edits of a year, so the shipped data (or the
/// weekday rule) applies again.
pub fn reset_year(conn: &mut Connection, year: i32) -> Result<()> {
    check_year(year)?;
    let tx = crate::db::begin_write(conn)?;
    crate::db::execute(&tx, "DELETE FROM calendar_year WHERE year = ?1", [year])?;
    delete_edits_of_year(&tx, year)?;
    tx.commit()?;
    Ok(())
}

/// The deadline of `amount` `unit` from `start` (loads the calendar; for many, load once and use
/// [`Calendar::add`]).
pub fn add_limit(
    conn: &Connection,
    start: DateTime<FixedOffset>,
    amount: u32,
    unit: LimitUnit,
) -> Result<Due> {
    let limit = Limit::new(amount, unit);
    limit.check("amount", "时限")?;
    load(conn)?.add(start, limit)
}

/// The kind of a day and where it comes from.
pub fn is_workday(conn: &Connection, date: NaiveDate) -> Result<DayInfo> {
    load(conn)?.day(date)
}

fn check_year(year: i32) -> Result<()> {
    if !years::supported(year) {
        return Err(CalendarError::OutOfRange { field: "year".into(), value: format!("{year} 年") }.into());
    }
    Ok(())
}

fn delete_edits_of_year(conn: &Connection, year: i32) -> Result<()> {
    crate::db::execute(
        conn,
        "DELETE FROM calendar_day WHERE day >= ?1 AND day < ?2",
        [format!("{year:04}-01-01"), format!("{:04}-01-01", year + 1)],
    )?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::memory_db;

    fn date(text: &str) -> NaiveDate {
        super::super::parse_date("date", text).expect(text)
    }

    fn from(text: &str) -> DateTime<FixedOffset> {
        super::super::parse_time("from", text).expect(text)
    }

    const YEAR_2027: &str = r#"{"version": 1, "years": {"2027": {
        "off": [{"name": "元旦", "from": "2027-01-01", "to": "2027-01-03"},
                {"name": "国庆节", "from": "2027-10-01", "to": "2027-10-07"}],
        "work": ["2027-09-26", "2027-10-09"]}}}"#;

    #[test]
    fn shipped_years_are_confirmed_and_others_are_not() {
        let conn = memory_db();
        let view = year_view(&conn, 2026).expect("view");
        assert!(view.confirmed && view.source == YearSource::Shipped);
        assert_eq!(view.days.len(), 365);
        assert_eq!(view.edited_count, 0);
        let view = year_view(&conn, 2027).expect("view");
        assert!(!view.confirmed && view.source == YearSource::Missing);
        assert!(view.days.iter().all(|d| d.source == DaySource::Rule && !d.confirmed));
        assert_eq!(year_view(&conn, 2101).expect_err("out of range").code(), "calendar_out_of_range");
    }

    #[test]
    fn a_user_edit_overrides_the_year_and_undoing_it_removes_it() {
        let mut conn = memory_db();
        let start = from("2026-09-30T16:00");
        let info = set_day(&mut conn, date("2026-10-09"), DayKind::Offday, Some("单位调休")).expect("set");
        assert_eq!(
            (info.kind, info.source, info.name.as_deref()),
            (DayKind::Offday, DaySource::Edited, Some("单位调休"))
        );
        assert_eq!(
            add_limit(&conn, start, 3, LimitUnit::WorkingDays).expect("due").due,
            from("2026-10-12T17:30")
        );
        assert_eq!(year_view(&conn, 2026).expect("view").edited_count, 1);

        let info = set_day(&mut conn, date("2026-10-09"), DayKind::Workday, None).expect("undo");
        assert_eq!(info.source, DaySource::Shipped, "back to what the notice says");
        let edits: i64 =
            conn.query_row("SELECT count(*) FROM calendar_day", [], |r| r.get(0)).expect("count");
        assert_eq!(edits, 0);

        set_day(&mut conn, date("2027-03-01"), DayKind::Offday, None).expect("unknown year");
        let day = is_workday(&conn, date("2027-03-01")).expect("day");
        assert!(day.kind == DayKind::Offday && !day.confirmed, "an edit does not confirm a year");
        let err = set_day(&mut conn, date("2026-10-09"), DayKind::Offday, Some(&"长".repeat(21)))
            .expect_err("long");
        assert_eq!(err.field().as_deref(), Some("note"));
    }

    #[test]
    fn importing_a_year_confirms_it_and_replaces_edits() {
        let mut conn = memory_db();
        set_day(&mut conn, date("2027-10-08"), DayKind::Offday, None).expect("set");
        assert_eq!(import_year_json(&mut conn, YEAR_2027).expect("import"), vec![2027]);
        let view = year_view(&conn, 2027).expect("view");
        assert!(view.confirmed && view.source == YearSource::Imported && view.edited_count == 0);
        let due = add_limit(&conn, from("2027-09-30T10:00"), 1, LimitUnit::WorkingDays).expect("due");
        assert_eq!(due, Due { due: from("2027-10-08T17:30"), confirmed: true });
        let due = add_limit(&conn, from("2027-10-08T10:00"), 1, LimitUnit::WorkingDays).expect("due");
        assert_eq!(due.due, from("2027-10-09T17:30"), "the imported 调休 Saturday");
    }

    #[test]
    fn an_imported_year_replaces_the_shipped_one_whole_until_reset() {
        let mut conn = memory_db();
        let text = r#"{"version": 1, "years": {"2026": {"off": [{"name": "国庆节", "from": "2026-10-01", "to": "2026-10-08"}]}}}"#;
        import_year_json(&mut conn, text).expect("import");
        let view = year_view(&conn, 2026).expect("view");
        assert_eq!(view.source, YearSource::Imported);
        let saturday = is_workday(&conn, date("2026-10-10")).expect("day");
        assert_eq!(saturday.kind, DayKind::Offday, "the shipped 调休 is gone with the shipped year");
        assert_eq!(is_workday(&conn, date("2026-02-16")).expect("day").kind, DayKind::Workday);
        reset_year(&mut conn, 2026).expect("reset");
        assert_eq!(year_view(&conn, 2026).expect("view").source, YearSource::Shipped);
        assert_eq!(is_workday(&conn, date("2026-10-10")).expect("day").kind, DayKind::Workday);
    }

    #[test]
    fn a_bad_file_changes_nothing() {
        let mut conn = memory_db();
        let text = r#"{"version": 1, "years": {"2027": {"work": ["2027-01-02"]}, "2028": {"work": ["2028-13-01"]}}}"#;
        let err = import_year_json(&mut conn, text).expect_err("refused");
        assert_eq!(err.field().as_deref(), Some("years.2028.work[0]"));
        assert_eq!(year_view(&conn, 2027).expect("view").source, YearSource::Missing);
    }

    #[test]
    fn export_then_import_keeps_every_day() {
        let mut conn = memory_db();
        set_day(&mut conn, date("2026-12-31"), DayKind::Offday, Some("单位调休")).expect("set");
        set_day(&mut conn, date("2026-06-22"), DayKind::Offday, None).expect("set");
        set_day(&mut conn, date("2026-10-05"), DayKind::Workday, None).expect("set");
        let text = export_year_json(&conn, 2026).expect("export");
        let before = year_view(&conn, 2026).expect("view");

        let mut other = memory_db();
        assert_eq!(import_year_json(&mut other, &text).expect("import"), vec![2026]);
        let after = year_view(&other, 2026).expect("view");
        for (a, b) in before.days.iter().zip(&after.days) {
            assert_eq!((a.date, a.kind), (b.date, b.kind));
        }
        let name = |v: &YearView, day: &str| {
            v.days.iter().find(|d| d.date == date(day)).and_then(|d| d.name.clone())
        };
        assert_eq!(name(&after, "2026-12-31").as_deref(), Some("单位调休"));
        assert_eq!(name(&after, "2026-06-22").as_deref(), Some("休息日"));
        assert_eq!(name(&after, "2026-06-19").as_deref(), Some("端午节"));
    }

    #[test]
    fn shipped_years_export_as_shipped() {
        let conn = memory_db();
        for rules in official::shipped().expect("shipped") {
            let text = export_year_json(&conn, rules.year).expect("export");
            assert_eq!(official::parse_file(&text).expect("parses"), vec![rules]);
        }
        let err = export_year_json(&conn, 2027).expect_err("no calendar");
        assert_eq!(err.code(), "not_found");
        assert!(err.to_string().contains("2027 年还没有工作日历"));
    }

    #[test]
    fn add_limit_checks_the_amount_and_uses_working_hours() {
        let conn = memory_db();
        let err = add_limit(&conn, from("2026-09-30T16:00"), 0, LimitUnit::WorkingDays).expect_err("zero");
        assert_eq!((err.code(), err.field().as_deref()), ("invalid", Some("amount")));
        let hours = working_hours::WorkingHours {
            periods: vec![working_hours::WorkPeriod { start: "08:00".into(), end: "16:00".into() }],
        };
        working_hours::set(&conn, &hours).expect("set");
        let due = add_limit(&conn, from("2026-09-30T16:00"), 3, LimitUnit::WorkingDays).expect("due");
        assert_eq!(due.due, from("2026-10-10T16:00"));
    }
}

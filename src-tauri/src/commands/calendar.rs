//! 工作日历 and 办理时限: the year grid of 设置 → 工作日历, day edits, import and export of a year, the
//! limits per category and the working hours.

use std::path::PathBuf;

use luoshi_core::calendar::{
    self, limits, working_hours, CategoryLimits, DayInfo, DayKind, WorkingHours, YearView,
};

commands! {
    fn calendar_year(state, year: i32) -> YearView {
        state.with(|s| calendar::year_view(s.conn(), year))
    }

    fn set_calendar_day(state, date: String, kind: DayKind, note: Option<String>) -> DayInfo {
        state.with(|s| {
            let date = calendar::parse_date("date", &date)?;
            calendar::set_day(s.conn_mut(), date, kind, note.as_deref())
        })
    }

    fn reset_calendar_year(state, year: i32) -> () {
        state.with(|s| calendar::reset_year(s.conn_mut(), year))
    }

    /// Imports the years in the text of a calendar file the UI read; returns the years imported.
    fn import_calendar_json(state, text: String) -> Vec<i32> {
        state.with(|s| calendar::import_year_json(s.conn_mut(), &text))
    }

    /// 导出 a year to the path chosen in the save dialog; returns the path written.
    fn export_calendar_file(state, year: i32, path: PathBuf) -> PathBuf {
        state.with(|s| calendar::export_year_to_file(s.conn(), year, &path))
    }

    fn get_limits(state) -> CategoryLimits {
        state.with(|s| limits::get(s.conn()))
    }

    fn set_limits(state, limits: CategoryLimits) -> CategoryLimits {
        state.with(|s| limits::set(s.conn(), &limits))
    }

    fn reset_limits(state) -> CategoryLimits {
        state.with(|s| limits::reset(s.conn()))
    }

    fn get_working_hours(state) -> WorkingHours {
        state.with(|s| working_hours::get(s.conn()))
    }

    fn set_working_hours(state, hours: WorkingHours) -> WorkingHours {
        state.with(|s| working_hours::set(s.conn(), &hours))
    }

    fn reset_working_hours(state) -> WorkingHours {
        state.with(|s| working_hours::reset(s.conn()))
    }
}

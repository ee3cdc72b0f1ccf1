//! The calendar file format (shipped, imported and exported alike) and the official 2024–2026 data
//! embedded in the binary.
//!
//! ```json
//! {"version": 1, "years": {"2026": {"off": [{"name": "国庆节", "from": "2026-10-01", "to": "2026-10-07"}],
//!                     "work": ["2026-09-20", "2026-10-10"]}}}
//! ```
//! `off` lists holiday breaks (weekend days folded into a break included); `work` lists weekend
//! days that are working days (调休上班). Every other day follows Monday–Friday.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use super::years::{self, FIRST_YEAR, LAST_YEAR};
use super::CalendarError;
use crate::Result;

/// The official calendar from the State Council's notices, shipped with the app.
const SHIPPED_JSON: &str = include_str!("../../data/holidays-cn.json");

/// The version of the calendar file format this program reads and writes.
pub const CALENDAR_FILE_VERSION: u32 = 1;

/// Longest holiday name: 中秋节、国庆节 and the like, with room to spare.
const MAX_HOLIDAY_NAME_CHARS: usize = 20;

/// A calendar file as written on disk. Unknown keys are refused: a mistyped `of` for `off` would
/// otherwise import an empty year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CalendarFile {
    pub version: u32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub about: Option<String>,
    /// Keyed by the year, e.g. "2026".
    pub years: BTreeMap<String, YearData>,
}

/// One year's section of a calendar file.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct YearData {
    #[serde(default)]
    pub off: Vec<OffRange>,
    /// Weekend days that are working days (调休上班), as YYYY-MM-DD.
    #[serde(default)]
    pub work: Vec<String>,
}

/// A holiday break, both ends included.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OffRange {
    pub name: String,
    pub from: String,
    pub to: String,
}

/// A year's section once checked: dates parsed, every rule met.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct YearRules {
    pub year: i32,
    /// (name, first day, last day), in the order of the file.
    pub off: Vec<(String, NaiveDate, NaiveDate)>,
    pub work: Vec<NaiveDate>,
}

/// The shipped years, 2024–2026.
pub fn shipped() -> Result<Vec<YearRules>> {
    parse_file(SHIPPED_JSON)
}

/// Parses and checks a whole calendar file; each error names the JSON path at fault.
pub fn parse_file(text: &str) -> Result<Vec<YearRules>> {
    crate::files::check_text_size(crate::files::FileRole::Calendar, text)?;
    let file: CalendarFile = crate::json::parse(text).map_err(|e| match e.kind {
        crate::json::JsonErrorKind::Syntax => bad(
            "",
            format!(
                "{}（应形如 {{\"version\": 1, \"years\": {{\"2027\": {{\"off\": [...], \"work\": [...]}}}}}}）",
                e.message
            ),
        ),
        // Files written before the format had a version are the first version without the field.
        crate::json::JsonErrorKind::MissingField if e.path == "version" => bad(
            "version",
            format!(
                "缺少版本号 version。落实早期导出的日历文件没有它，内容与第 {CALENDAR_FILE_VERSION} 版相同：在文件开头的 {{ 之后加上 \"version\": {CALENDAR_FILE_VERSION}, 即可导入"
            ),
        ),
        _ => bad(e.path, e.message),
    })?;
    if file.version != CALENDAR_FILE_VERSION {
        return Err(bad(
            "version",
            format!("本程序只能读取第 {CALENDAR_FILE_VERSION} 版的日历文件，请安装新版落实"),
        ));
    }
    if file.years.is_empty() {
        return Err(bad("years", "文件中没有任何年份"));
    }
    file.years.iter().map(|(key, data)| YearRules::check(key, data)).collect()
}

impl YearRules {
    /// Checks one section: the year in range, names present, dates valid and inside the year,
    /// no day both off and working, none listed twice.
    pub fn check(key: &str, data: &YearData) -> Result<YearRules> {
        let path = format!("years.{key}");
        let year =
            key.parse::<i32>().ok().filter(|y| key.len() == 4 && years::supported(*y)).ok_or_else(|| {
                bad(&path, format!("年份“{key}”无效，应为 {FIRST_YEAR}—{LAST_YEAR} 之间的四位数字"))
            })?;
        // An empty year would replace the year's holidays with plain weekdays and still count as
        // a published calendar.
        if data.off.is_empty() && data.work.is_empty() {
            return Err(bad(&path, format!("{year} 年没有列出任何放假日期或调休上班日期")));
        }
        let mut seen = BTreeSet::new();
        let mut off = Vec::with_capacity(data.off.len());
        for (i, range) in data.off.iter().enumerate() {
            let at = format!("{path}.off[{i}]");
            let name = range.name.trim();
            if name.is_empty() {
                return Err(bad(format!("{at}.name"), "节假日名称不能为空"));
            }
            if name.chars().count() > MAX_HOLIDAY_NAME_CHARS {
                return Err(bad(
                    format!("{at}.name"),
                    format!("节假日名称不能超过 {MAX_HOLIDAY_NAME_CHARS} 个字"),
                ));
            }
            crate::text::refuse_hidden(&format!("{at}.name"), "节假日名称", name)
                .map_err(|e| bad(format!("{at}.name"), e.to_string()))?;
            let from = date_in_year(&format!("{at}.from"), &range.from, year)?;
            let to = date_in_year(&format!("{at}.to"), &range.to, year)?;
            if from > to {
                return Err(bad(format!("{at}.to"), format!("结束日期 {to} 早于开始日期 {from}")));
            }
            for day in from.iter_days().take_while(|d| *d <= to) {
                if !seen.insert(day) {
                    return Err(bad(&at, format!("{day} 重复列为放假")));
                }
            }
            off.push((name.to_string(), from, to));
        }
        let mut work = Vec::with_capacity(data.work.len());
        for (i, text) in data.work.iter().enumerate() {
            let at = format!("{path}.work[{i}]");
            let day = date_in_year(&at, text, year)?;
            if !seen.insert(day) {
                return Err(bad(&at, format!("{day} 同时列为放假和上班，或重复列出")));
            }
            work.push(day);
        }
        Ok(YearRules { year, off, work })
    }

    /// Back to the file's section (dates as YYYY-MM-DD).
    pub fn to_data(&self) -> YearData {
        YearData {
            off: self
                .off
                .iter()
                .map(|(name, from, to)| OffRange {
                    name: name.clone(),
                    from: from.to_string(),
                    to: to.to_string(),
                })
                .collect(),
            work: self.work.iter().map(|d| d.to_string()).collect(),
        }
    }
}

fn date_in_year(field: &str, text: &str, year: i32) -> Result<NaiveDate> {
    let day = NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d")
        .map_err(|_| bad(field, format!("“{text}”不是有效的日期，应写作 YYYY-MM-DD")))?;
    if day.year() != year {
        return Err(bad(field, format!("{day} 不在 {year} 年内")));
    }
    Ok(day)
}

fn bad(field: impl Into<String>, message: impl Into<String>) -> crate::Error {
    CalendarError::BadFile { field: field.into(), message: message.into() }.into()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_from_before_the_version_field_says_how_to_import_it() {
        let err = parse_file(r#"{"years": {"2027": {"work": ["2027-02-07"]}}}"#).expect_err("no version");
        assert_eq!(err.field().as_deref(), Some("version"));
        assert!(err.to_string().contains(r#"加上 "version": 1,"#), "{err}");
        parse_file(r#"{"version": 1, "years": {"2027": {"work": ["2027-02-07"]}}}"#)
            .expect("with it, it imports");
    }

    #[test]
    fn shipped_data_parses_and_covers_2024_to_2026() {
        let years: Vec<i32> = shipped().expect("shipped parses").iter().map(|y| y.year).collect();
        assert_eq!(years, vec![2024, 2025, 2026]);
    }

    #[test]
    fn shipped_data_is_the_shared_file() {
        let shared: serde_json::Value = serde_json::from_str(SHIPPED_JSON).expect("json");
        assert!(shared["years"]["2026"]["work"].as_array().expect("work").len() == 6);
    }

    #[test]
    fn errors_name_the_json_path() {
        let cases = [
            (r#"{"version": 1, "years": {"26": {}}}"#, "years.26"),
            (
                r#"{"version": 1, "years": {"2027": {"off": [{"name": " ", "from": "2027-01-01", "to": "2027-01-01"}]}}}"#,
                "years.2027.off[0].name",
            ),
            (
                r#"{"version": 1, "years": {"2027": {"off": [{"name": "元旦", "from": "2027-01-01", "to": "2027-13-01"}]}}}"#,
                "years.2027.off[0].to",
            ),
            (
                r#"{"version": 1, "years": {"2027": {"off": [{"name": "元旦", "from": "2027-01-03", "to": "2027-01-01"}]}}}"#,
                "years.2027.off[0].to",
            ),
            (r#"{"version": 1, "years": {"2027": {"work": ["2028-01-02"]}}}"#, "years.2027.work[0]"),
            (
                r#"{"version": 1, "years": {"2027": {"off": [{"name": "元旦", "from": "2027-01-01", "to": "2027-01-03"}],
                 "work": ["2027-01-02"]}}}"#,
                "years.2027.work[0]",
            ),
            (r#"{"version": 1, "years": {}}"#, "years"),
        ];
        for (text, field) in cases {
            let err = parse_file(text).expect_err(text);
            assert_eq!(err.field().as_deref(), Some(field), "{text}: {err}");
            assert_eq!(err.code(), "calendar_bad_file");
            assert!(err.is_bad_input());
        }
        let err = parse_file("not json").expect_err("refused");
        assert!(err.to_string().contains("日历文件有误"), "{err}");
    }

    #[test]
    fn round_trips_through_the_file_section() {
        for rules in shipped().expect("shipped") {
            let again = YearRules::check(&rules.year.to_string(), &rules.to_data()).expect("checks");
            assert_eq!(again, rules);
        }
    }
}

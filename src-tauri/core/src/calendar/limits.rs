//! 办理时限: the time limits of each category of assignment, each with its unit, kept in the settings
//! store under `calendar.limits`.

use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::CalendarError;
use crate::{settings, Error, Result};

pub const SETTING_KEY: &str = "calendar.limits";

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum LimitUnit {
    /// 小时: plain time.
    NaturalHours,
    /// 工作小时: only time inside working hours on working days.
    WorkingHours,
    /// 自然日: plain time, 24 hours a day.
    NaturalDays,
    /// 工作日: ends at the close of the Nth working day after the day of assignment.
    WorkingDays,
}

impl LimitUnit {
    pub const ALL: [LimitUnit; 4] =
        [LimitUnit::NaturalHours, LimitUnit::WorkingHours, LimitUnit::NaturalDays, LimitUnit::WorkingDays];

    pub fn code(self) -> &'static str {
        match self {
            LimitUnit::NaturalHours => "natural_hours",
            LimitUnit::WorkingHours => "working_hours",
            LimitUnit::NaturalDays => "natural_days",
            LimitUnit::WorkingDays => "working_days",
        }
    }

    /// The name on the command line.
    pub fn cli_name(self) -> &'static str {
        match self {
            LimitUnit::NaturalHours => "hours",
            LimitUnit::WorkingHours => "working-hours",
            LimitUnit::NaturalDays => "days",
            LimitUnit::WorkingDays => "working-days",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            LimitUnit::NaturalHours => "小时",
            LimitUnit::WorkingHours => "工作小时",
            LimitUnit::NaturalDays => "自然日",
            LimitUnit::WorkingDays => "工作日",
        }
    }

    /// Accepts the code, the command-line name or the Chinese label.
    pub fn parse(value: &str) -> Result<LimitUnit> {
        let v = value.trim();
        LimitUnit::ALL
            .into_iter()
            .find(|u| u.code() == v || u.cli_name() == v || u.label() == v)
            .ok_or_else(|| CalendarError::BadUnit { value: value.to_string() }.into())
    }

    /// The largest amount a setting may hold: about a year.
    fn max_amount(self) -> u32 {
        match self {
            LimitUnit::NaturalHours => 8784,
            LimitUnit::WorkingHours => 2000,
            LimitUnit::NaturalDays => 366,
            LimitUnit::WorkingDays => 250,
        }
    }
}

/// An amount of time in a unit, e.g. 3 工作日.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Limit {
    pub amount: u32,
    pub unit: LimitUnit,
}

impl Limit {
    pub const fn new(amount: u32, unit: LimitUnit) -> Limit {
        Limit { amount, unit }
    }

    /// At least 1 and at most about a year; `field` names the form field.
    pub fn check(&self, field: &str, label: &str) -> Result<()> {
        if self.amount == 0 {
            return Err(Error::invalid(field, format!("{label}不能为 0")));
        }
        let max = self.unit.max_amount();
        if self.amount > max {
            return Err(Error::invalid(field, format!("{label}最多 {max} {}", self.unit.label())));
        }
        Ok(())
    }
}

impl std::fmt::Display for Limit {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} {}", self.amount, self.unit.label())
    }
}

coded_enum!(
    /// 事项类别.
    Category, "category", "类别", {
    /// 突发事件, 紧急诉求.
    Immediate = ("immediate", "即时响应类"),
    Routine = ("routine", "一般办理类"),
    /// Cross-unit.
    Complex = ("complex", "复杂协同类"),
});

/// The two limits of a category: the first step (start handling, accept, name the lead unit) and
/// the result (first result, close, solution).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct CategoryLimit {
    pub first_step: Limit,
    pub result: Limit,
}

/// 办理时限 of every category.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct CategoryLimits {
    pub immediate: CategoryLimit,
    pub routine: CategoryLimit,
    pub complex: CategoryLimit,
}

impl Default for CategoryLimits {
    /// The table of domain.md: 2 h / 24 h natural; 4 working hours / 3 working days;
    /// 1 working day / 10 working days.
    fn default() -> Self {
        use LimitUnit::*;
        CategoryLimits {
            immediate: CategoryLimit {
                first_step: Limit::new(2, NaturalHours),
                result: Limit::new(24, NaturalHours),
            },
            routine: CategoryLimit {
                first_step: Limit::new(4, WorkingHours),
                result: Limit::new(3, WorkingDays),
            },
            complex: CategoryLimit {
                first_step: Limit::new(1, WorkingDays),
                result: Limit::new(10, WorkingDays),
            },
        }
    }
}

impl CategoryLimits {
    pub fn of(&self, category: Category) -> CategoryLimit {
        match category {
            Category::Immediate => self.immediate,
            Category::Routine => self.routine,
            Category::Complex => self.complex,
        }
    }

    /// Every amount in range, and a first step no longer than the result when both share a unit.
    /// Errors name the field, e.g. `routine.result.amount`.
    pub fn check(&self) -> Result<()> {
        for &category in Category::ALL {
            let limit = self.of(category);
            let (code, label) = (category.code(), category.label());
            limit.first_step.check(&format!("{code}.first_step.amount"), &format!("{label}的首次时限"))?;
            limit.result.check(&format!("{code}.result.amount"), &format!("{label}的结果时限"))?;
            if limit.first_step.unit == limit.result.unit && limit.first_step.amount > limit.result.amount {
                return Err(Error::invalid(
                    format!("{code}.first_step.amount"),
                    format!("{label}的首次时限（{}）不应长于结果时限（{}）", limit.first_step, limit.result),
                ));
            }
        }
        Ok(())
    }
}

/// The configured limits, or the defaults.
pub fn get(conn: &Connection) -> Result<CategoryLimits> {
    Ok(settings::get(conn, SETTING_KEY)?.unwrap_or_default())
}

/// Checks and stores the limits.
pub fn set(conn: &Connection, limits: &CategoryLimits) -> Result<CategoryLimits> {
    limits.check()?;
    settings::set(conn, SETTING_KEY, limits)?;
    Ok(*limits)
}

/// Back to the defaults of domain.md.
pub fn reset(conn: &Connection) -> Result<CategoryLimits> {
    settings::reset(conn, SETTING_KEY)?;
    Ok(CategoryLimits::default())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::memory_db;

    #[test]
    fn defaults_follow_the_domain_table() {
        let d = CategoryLimits::default();
        d.check().expect("defaults are valid");
        assert_eq!(d.of(Category::Routine).first_step.to_string(), "4 工作小时");
        assert_eq!(d.of(Category::Complex).result.to_string(), "10 工作日");
        assert_eq!(d.of(Category::Immediate).result.to_string(), "24 小时");
    }

    #[test]
    fn units_parse_from_every_spelling() {
        for unit in LimitUnit::ALL {
            for text in [unit.code(), unit.cli_name(), unit.label()] {
                assert_eq!(LimitUnit::parse(text).expect(text), unit);
            }
        }
        let err = LimitUnit::parse("weeks").expect_err("refused");
        assert_eq!(err.code(), "calendar_bad_unit");
        assert!(err.is_bad_input());
        assert!(err.to_string().contains("working-days"));
    }

    #[test]
    fn invalid_limits_name_the_field_in_chinese() {
        let mut limits = CategoryLimits::default();
        limits.routine.result.amount = 0;
        let err = limits.check().expect_err("zero");
        assert_eq!(err.field().as_deref(), Some("routine.result.amount"));
        assert_eq!(err.to_string(), "一般办理类的结果时限不能为 0");

        let mut limits = CategoryLimits::default();
        limits.complex.first_step.amount = 12;
        let err = limits.check().expect_err("first longer than result");
        assert_eq!(err.field().as_deref(), Some("complex.first_step.amount"));
        assert!(err.to_string().contains("不应长于结果时限（10 工作日）"), "{err}");

        let mut limits = CategoryLimits::default();
        limits.immediate.result = Limit::new(400, LimitUnit::NaturalDays);
        let err = limits.check().expect_err("too long");
        assert_eq!(err.field().as_deref(), Some("immediate.result.amount"));
    }

    #[test]
    fn stored_in_the_settings() {
        let conn = memory_db();
        assert_eq!(get(&conn).expect("get"), CategoryLimits::default());
        let mut limits = CategoryLimits::default();
        limits.routine.result = Limit::new(5, LimitUnit::WorkingDays);
        set(&conn, &limits).expect("set");
        assert_eq!(get(&conn).expect("get"), limits);
        let mut bad = limits;
        bad.routine.result.amount = 0;
        set(&conn, &bad).expect_err("refused");
        assert_eq!(get(&conn).expect("get"), limits, "a refused save changes nothing");
        reset(&conn).expect("reset");
        assert_eq!(get(&conn).expect("get"), CategoryLimits::default());
    }
}

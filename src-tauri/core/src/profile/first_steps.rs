//! 开始使用: after the profile, the few steps a new office takes before the ledger can work —
//! units and people to assign to (登记 needs a 牵头单位 and a 第一责任人), this year's working-day
//! calendar (deadlines count working days), and the first items. Each step is done when the data
//! says so, and the list is gone once all are.

use rusqlite::Connection;
use serde::Serialize;
use ts_rs::TS;

use super::get_profile;
use crate::calendar::{self, YearSource};
use crate::{time, Result};

coded_enum!(
    /// One step of 开始使用, in the order they are shown.
    FirstStep, "step", "开始使用的步骤", {
    Units = ("units", "添加承办单位"),
    People = ("people", "添加责任人"),
    Calendar = ("calendar", "核对今年的工作日历"),
    Items = ("items", "登记或导入交办事项"),
});

/// A step, whether it is done, and what it asks of the user in one sentence.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct FirstStepStatus {
    pub step: FirstStep,
    pub label: String,
    pub done: bool,
    pub hint: String,
}

/// The steps of 开始使用 now; empty once every step is done.
pub fn first_steps(conn: &Connection) -> Result<Vec<FirstStepStatus>> {
    let own = get_profile(conn)?;
    let (own_unit, own_person) = own.map_or((0, 0), |p| (p.unit_id, p.person_id));
    let exists = |sql: &str, id: i64| -> Result<bool> { Ok(conn.query_row(sql, [id], |r| r.get(0))?) };
    let year = time::this_year();
    let calendar_published = calendar::load(conn)?.year_source(year) != YearSource::Missing;
    let steps = [
        (
            FirstStep::Units,
            exists("SELECT EXISTS (SELECT 1 FROM unit WHERE active AND id <> ?1)", own_unit)?,
            "登记事项要选牵头单位：在“设置 → 组织机构”中逐个添加。".to_string(),
        ),
        (
            FirstStep::People,
            exists("SELECT EXISTS (SELECT 1 FROM person WHERE active AND id <> ?1)", own_person)?,
            "每件事项要有第一责任人：在“设置 → 组织机构”中展开单位添加，或在“人员”中导入通讯录。".to_string(),
        ),
        (
            FirstStep::Calendar,
            calendar_published,
            if calendar_published {
                format!("{year}年的节假日和调休已内置。")
            } else {
                format!("{year}年的节假日安排尚未导入，办理时限按周一至周五推算并标“未确认”：请在“设置 → 工作日历”中导入。")
            },
        ),
        (
            FirstStep::Items,
            conn.query_row("SELECT EXISTS (SELECT 1 FROM assignment)", [], |r| r.get(0))?,
            "在“交办事项”中登记第一件事项，或把现有的 Excel、WPS 台账一次导入。".to_string(),
        ),
    ];
    if steps.iter().all(|(_, done, _)| *done) {
        return Ok(vec![]);
    }
    Ok(steps
        .into_iter()
        .map(|(step, done, hint)| FirstStepStatus { step, label: step.label().to_string(), done, hint })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::assignment;
    use crate::profile::{set_profile, ProfileInput};
    use crate::test_support::{self, ItemDirectory};

    fn done(conn: &Connection) -> Vec<(FirstStep, bool)> {
        first_steps(conn).expect("steps").into_iter().map(|s| (s.step, s.done)).collect()
    }

    #[test]
    fn the_steps_follow_the_data_and_are_gone_once_done() {
        let mut conn = test_support::memory_db();
        set_profile(&mut conn, &ProfileInput { name: "陈堃".into(), unit_name: "市政府督查室".into() })
            .expect("profile");
        // The profile's own unit and person do not count: an office assigns to others.
        let calendar =
            calendar::load(&conn).expect("calendar").year_source(time::this_year()) != YearSource::Missing;
        assert_eq!(
            done(&conn),
            [
                (FirstStep::Units, false),
                (FirstStep::People, false),
                (FirstStep::Calendar, calendar),
                (FirstStep::Items, false)
            ]
        );
        ItemDirectory::add(&mut conn, ["市住建局", "市城管局"], "张镕");
        assert_eq!(done(&conn)[..2], [(FirstStep::Units, true), (FirstStep::People, true)]);
        assignment::fill_demo(&mut conn, 5).expect("items");
        if calendar {
            assert!(first_steps(&conn).expect("steps").is_empty(), "all done: the list is gone");
        } else {
            assert_eq!(done(&conn)[3], (FirstStep::Items, true));
        }
    }
}

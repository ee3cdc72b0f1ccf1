//! The app's profile: who the local user is. Asked once at first start; later features record this
//! person as the one who entered each record.

mod first_steps;

pub use first_steps::{first_steps, FirstStep, FirstStepStatus};

use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::org::{self, PersonInput, Role, UnitInput, UnitKind};
use crate::{time, Result};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct Profile {
    pub person_id: i64,
    pub name: String,
    pub unit_id: i64,
    pub unit_name: String,
}

/// The first-start form: the user's own name and unit, typed, since the directory may still be empty.
#[derive(Debug, Clone, Deserialize, TS)]
#[ts(export)]
pub struct ProfileInput {
    pub name: String,
    pub unit_name: String,
}

pub fn get_profile(conn: &Connection) -> Result<Option<Profile>> {
    Ok(conn
        .query_row(
            "SELECT p.id, p.name, u.id, u.name FROM profile f
             JOIN person p ON p.id = f.person_id JOIN unit u ON u.id = p.unit_id",
            [],
            |r| {
                Ok(Profile {
                    person_id: r.get(0)?,
                    name: r.get(1)?,
                    unit_id: r.get(2)?,
                    unit_name: r.get(3)?,
                })
            },
        )
        .optional()?)
}

/// The unit that issues printed paper (通知单, 通报, 清单): the local user's own, or nothing before
/// 本单位信息 is filled in.
pub fn issuer(conn: &Connection) -> Result<String> {
    Ok(get_profile(conn)?.map(|p| p.unit_name).unwrap_or_default())
}

/// Sets the profile in one transaction. The unit and the person are taken from the directory when
/// they are already there (never asked twice), and added to it when not.
pub fn set_profile(conn: &mut Connection, input: &ProfileInput) -> Result<Profile> {
    let name = org::required_name("name", "您的姓名", &input.name)?;
    let unit_name = org::required_name("unit_name", "您所在的单位", &input.unit_name)?;
    let tx = crate::db::begin_write(conn)?;
    let unit_id = match org::find_active_unit_by_name(&tx, &unit_name)? {
        Some(unit) => unit.id,
        None => {
            let unit =
                UnitInput { name: unit_name, short_name: None, kind: UnitKind::Internal, sort_order: None };
            org::insert_unit(&tx, &unit)?
        }
    };
    let existing: Option<i64> = tx
        .query_row(
            "SELECT id FROM person WHERE name = ?1 AND unit_id = ?2 AND active = 1 ORDER BY id LIMIT 1",
            params![name, unit_id],
            |r| r.get(0),
        )
        .optional()?;
    let person_id = match existing {
        Some(id) => id,
        None => {
            let person = PersonInput { name, unit_id, title: None, phone: None, roles: vec![Role::Handler] };
            org::insert_person(&tx, &person)?
        }
    };
    let now = time::now_text();
    crate::db::execute(
        &tx,
        "INSERT INTO profile (id, person_id, created_at, updated_at) VALUES (1, ?1, ?2, ?2)
         ON CONFLICT (id) DO UPDATE SET person_id = excluded.person_id, updated_at = excluded.updated_at",
        params![person_id, now],
    )?;
    tx.commit()?;
    get_profile(conn)?.ok_or_else(|| crate::Error::NotFound("个人信息保存后未能读出".into()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::memory_db;

    #[test]
    fn first_start_adds_the_user_to_the_directory_once() {
        let mut conn = memory_db();
        assert_eq!(get_profile(&conn).expect("get"), None);
        let input = ProfileInput { name: "王玥".into(), unit_name: "综合办公室".into() };
        let first = set_profile(&mut conn, &input).expect("set");
        let again = set_profile(&mut conn, &input).expect("set again");
        assert_eq!(first, again, "the same person and unit are reused");
        let persons = org::list_persons(&conn, &Default::default()).expect("list");
        assert_eq!(persons.len(), 1);
        assert_eq!(persons[0].roles, [Role::Handler]);
    }

    #[test]
    fn empty_name_is_refused_at_its_field() {
        let mut conn = memory_db();
        let err = set_profile(&mut conn, &ProfileInput { name: " ".into(), unit_name: "办公室".into() })
            .expect_err("empty");
        assert_eq!(err.field().as_deref(), Some("name"));
    }
}

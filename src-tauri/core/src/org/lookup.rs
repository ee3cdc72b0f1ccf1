//! The directory as other areas see it: a person or unit by id, checked to be in use, named in the
//! words of the form that asked (办理人, 撰写单位 …).

use rusqlite::Connection;
use serde::Serialize;
use ts_rs::TS;

use super::{get_person, get_unit};
use crate::{Error, Result};

/// A person or unit as records show it: id and name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct NamedRef {
    pub id: i64,
    pub name: String,
}

impl NamedRef {
    /// A person or unit of a row's LEFT JOIN: none when either column is NULL.
    pub fn optional(id: Option<i64>, name: Option<String>) -> Option<NamedRef> {
        Some(NamedRef { id: id?, name: name? })
    }
}

/// The active person `id`; a stopped or unknown one is an error at `field` that calls them `label`.
pub fn active_person(conn: &Connection, field: &str, label: &str, id: i64) -> Result<NamedRef> {
    match get_person(conn, id) {
        Ok(p) if p.active => Ok(NamedRef { id: p.id, name: p.name }),
        Ok(p) => Err(Error::invalid(field, format!("{label}“{}”已停用", p.name))),
        Err(Error::NotFound(_)) => Err(Error::invalid(field, format!("{label}不在人员名录中（编号 {id}）"))),
        Err(e) => Err(e),
    }
}

/// The active unit `id`; a stopped or unknown one is an error at `field` that calls it `label`.
pub fn active_unit(conn: &Connection, field: &str, label: &str, id: i64) -> Result<NamedRef> {
    match get_unit(conn, id) {
        Ok(u) if u.active => Ok(NamedRef { id: u.id, name: u.name }),
        Ok(u) => Err(Error::invalid(field, format!("{label}“{}”已停用", u.name))),
        Err(Error::NotFound(_)) => Err(Error::invalid(field, format!("{label}不在单位名录中（编号 {id}）"))),
        Err(e) => Err(e),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::org::set_person_active;
    use crate::test_support;

    #[test]
    fn lookups_name_the_field_and_the_role() {
        let mut conn = test_support::memory_db();
        let unit = test_support::add_unit(&mut conn, &test_support::unit("督查室"));
        let person = test_support::add_person(&mut conn, &test_support::person("陈堃", unit));
        let person = crate::org::get_person(&conn, person).expect("person");
        assert_eq!(active_person(&conn, "actor_id", "办理人", person.id).expect("active").name, "陈堃");
        set_person_active(&mut conn, person.id, false).expect("stop");
        let err = active_person(&conn, "actor_id", "办理人", person.id).expect_err("stopped");
        assert_eq!(err.field().as_deref(), Some("actor_id"));
        assert_eq!(err.to_string(), "办理人“陈堃”已停用");
        let err = active_unit(&conn, "unit_id", "撰写单位", 99).expect_err("unknown");
        assert_eq!(err.to_string(), "撰写单位不在单位名录中（编号 99）");
    }
}

//! 人员: the people who assign, lead, liaise and handle.

use rusqlite::{params, Connection, OptionalExtension, Row};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::text::normalize_phone;
use super::unit::{get_unit, is_foreign_key_violation};
use crate::text::{optional_text, required_name};
use crate::{time, Error, Result};

coded_enum!(
    /// 角色 of a person (several allowed).
    #[derive(PartialOrd, Ord)]
    Role, "roles", "角色", {
    Leader = ("leader", "领导"),
    Liaison = ("liaison", "联络员"),
    Handler = ("handler", "经办人"),
});

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct Person {
    pub id: i64,
    pub name: String,
    pub unit_id: i64,
    pub unit_name: String,
    /// 职务
    pub title: Option<String>,
    /// 办公电话/手机
    pub phone: Option<String>,
    pub roles: Vec<Role>,
    pub active: bool,
}

/// What the 人员 form sends, for adding and editing.
#[derive(Debug, Clone, Deserialize, TS)]
#[ts(export)]
pub struct PersonInput {
    pub name: String,
    pub unit_id: i64,
    #[ts(optional)]
    pub title: Option<String>,
    #[ts(optional)]
    pub phone: Option<String>,
    #[serde(default)]
    pub roles: Vec<Role>,
}

#[derive(Debug, Clone, Default, Deserialize, TS)]
#[ts(export)]
pub struct PersonQuery {
    /// Matches name, title, phone or unit name.
    #[ts(optional)]
    pub search: Option<String>,
    #[ts(optional)]
    pub unit_id: Option<i64>,
    #[ts(optional)]
    pub role: Option<Role>,
    #[serde(default)]
    pub include_inactive: bool,
}

const SELECT_PERSON: &str = "SELECT p.id, p.name, p.unit_id, u.name, p.title, p.phone, p.roles, p.active
    FROM person p JOIN unit u ON u.id = p.unit_id";

fn from_row(row: &Row) -> rusqlite::Result<Person> {
    let roles: String = row.get(6)?;
    Ok(Person {
        id: row.get(0)?,
        name: row.get(1)?,
        unit_id: row.get(2)?,
        unit_name: row.get(3)?,
        title: row.get(4)?,
        phone: row.get(5)?,
        roles: serde_json::from_str(&roles).map_err(|e| {
            rusqlite::Error::FromSqlConversionFailure(6, rusqlite::types::Type::Text, Box::new(e))
        })?,
        active: row.get(7)?,
    })
}

pub fn get_person(conn: &Connection, id: i64) -> Result<Person> {
    conn.query_row(&format!("{SELECT_PERSON} WHERE p.id = ?1"), [id], from_row)
        .optional()?
        .ok_or_else(|| Error::NotFound(format!("找不到编号为 {id} 的人员")))
}

/// People sorted by their unit's order, then by name.
pub fn list_persons(conn: &Connection, query: &PersonQuery) -> Result<Vec<Person>> {
    let pattern = optional_text(query.search.as_deref()).map(|s| format!("%{s}%"));
    let mut stmt = conn.prepare(&format!(
        "{SELECT_PERSON}
         WHERE (?1 OR p.active = 1)
           AND (?2 IS NULL OR p.name LIKE ?2 OR p.title LIKE ?2 OR p.phone LIKE ?2 OR u.name LIKE ?2 OR u.short_name LIKE ?2)
           AND (?3 IS NULL OR p.unit_id = ?3)
           AND (?4 IS NULL OR EXISTS (SELECT 1 FROM json_each(p.roles) WHERE value = ?4))
         ORDER BY p.active DESC, u.sort_order, u.name, p.name, p.id"
    ))?;
    let persons = stmt
        .query_map(
            params![query.include_inactive, pattern, query.unit_id, query.role.map(Role::code)],
            from_row,
        )?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(persons)
}

struct CleanPerson {
    name: String,
    title: Option<String>,
    phone: Option<String>,
    roles: String,
}

fn clean(conn: &Connection, input: &PersonInput) -> Result<CleanPerson> {
    let name = required_name("name", "姓名", &input.name)?;
    let unit = get_unit(conn, input.unit_id).map_err(|_| Error::invalid("unit_id", "请选择所属单位"))?;
    if !unit.active {
        return Err(Error::invalid("unit_id", format!("单位“{}”已停用，请选择启用的单位", unit.name)));
    }
    let mut roles = input.roles.clone();
    roles.sort();
    roles.dedup();
    Ok(CleanPerson {
        name,
        title: optional_text(input.title.as_deref()),
        phone: normalize_phone(input.phone.as_deref().unwrap_or(""))?,
        roles: serde_json::to_string(&roles).map_err(|e| Error::invalid("roles", e.to_string()))?,
    })
}

pub fn add_person(conn: &mut Connection, input: &PersonInput) -> Result<Person> {
    let tx = crate::db::begin_write(conn)?;
    let id = insert_person(&tx, input)?;
    tx.commit()?;
    get_person(conn, id)
}

/// The insert itself, inside the caller's transaction.
pub(crate) fn insert_person(conn: &Connection, input: &PersonInput) -> Result<i64> {
    let person = clean(conn, input)?;
    crate::db::execute(
        conn,
        "INSERT INTO person (name, unit_id, title, phone, roles, active, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, 1, ?6, ?6)",
        params![person.name, input.unit_id, person.title, person.phone, person.roles, time::now_text()],
    )?;
    Ok(conn.last_insert_rowid())
}

pub fn update_person(conn: &mut Connection, id: i64, input: &PersonInput) -> Result<Person> {
    let tx = crate::db::begin_write(conn)?;
    get_person(&tx, id)?;
    let person = clean(&tx, input)?;
    crate::db::execute(&tx, "UPDATE person SET name = ?2, unit_id = ?3, title = ?4, phone = ?5, roles = ?6, updated_at = ?7 WHERE id = ?1",
        params![id, person.name, input.unit_id, person.title, person.phone, person.roles, time::now_text()],
    )?;
    tx.commit()?;
    get_person(conn, id)
}

/// 启用/停用. A person cannot be reactivated into a deactivated unit.
pub fn set_person_active(conn: &mut Connection, id: i64, active: bool) -> Result<Person> {
    let tx = crate::db::begin_write(conn)?;
    let person = get_person(&tx, id)?;
    if active && !get_unit(&tx, person.unit_id)?.active {
        return Err(Error::NotAllowed(format!(
            "“{}”所在单位已停用，请先启用单位或改到其他单位",
            person.name
        )));
    }
    crate::db::execute(
        &tx,
        "UPDATE person SET active = ?2, updated_at = ?3 WHERE id = ?1",
        params![id, active, time::now_text()],
    )?;
    tx.commit()?;
    get_person(conn, id)
}

/// Deletes a person nothing refers to. One that anything refers to can only be deactivated.
pub fn delete_person(conn: &mut Connection, id: i64) -> Result<()> {
    let person = get_person(conn, id)?;
    match crate::db::execute(conn, "DELETE FROM person WHERE id = ?1", [id]) {
        Ok(_) => Ok(()),
        Err(e) if is_foreign_key_violation(&e) => {
            Err(Error::InUse(format!("“{}”已被记录引用，不能删除，只能停用", person.name)))
        }
        Err(e) => Err(e.into()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::org::{delete_unit, set_unit_active};
    use crate::test_support::{add_unit, memory_db, person, unit};

    fn setup() -> (Connection, i64) {
        let mut conn = memory_db();
        let unit_id = add_unit(&mut conn, &unit("督查室"));
        (conn, unit_id)
    }

    #[test]
    fn rare_characters_and_several_roles_round_trip() {
        let (mut conn, unit_id) = setup();
        let person = add_person(
            &mut conn,
            &PersonInput {
                title: Some("副主任".into()),
                phone: Some("139 0000 1111".into()),
                roles: vec![Role::Handler, Role::Leader, Role::Handler],
                ..person("陈堃", unit_id)
            },
        )
        .expect("add");
        assert_eq!(person.name, "陈堃");
        assert_eq!(person.roles, [Role::Leader, Role::Handler]);
        assert_eq!(person.phone.as_deref(), Some("13900001111"));
        let leaders = list_persons(&conn, &PersonQuery { role: Some(Role::Leader), ..Default::default() })
            .expect("list");
        assert_eq!(leaders.len(), 1);
    }

    #[test]
    fn bad_phone_and_missing_unit_are_field_errors() {
        let (mut conn, unit_id) = setup();
        let err =
            add_person(&mut conn, &PersonInput { phone: Some("12345".into()), ..person("王玥", unit_id) })
                .expect_err("bad phone");
        assert_eq!(err.field().as_deref(), Some("phone"));
        let err = add_person(&mut conn, &person("王玥", 999)).expect_err("no unit");
        assert_eq!(err.field().as_deref(), Some("unit_id"));
        assert!(
            list_persons(&conn, &PersonQuery::default()).expect("list").is_empty(),
            "nothing half written"
        );
    }

    #[test]
    fn a_unit_with_people_is_deactivated_not_deleted() {
        let (mut conn, unit_id) = setup();
        let person = add_person(&mut conn, &person("张镕", unit_id)).expect("add");
        assert_eq!(delete_unit(&mut conn, unit_id).expect_err("in use").code(), "in_use");
        set_unit_active(&mut conn, unit_id, true).expect("still fine");
        set_person_active(&mut conn, person.id, false).expect("deactivate");
        set_unit_active(&mut conn, unit_id, false).expect("deactivate unit");
        assert_eq!(
            set_person_active(&mut conn, person.id, true).expect_err("unit off").code(),
            "not_allowed"
        );
        delete_person(&mut conn, person.id).expect("unreferenced person can go");
        delete_unit(&mut conn, unit_id).expect("now unreferenced");
    }

    #[test]
    fn role_parses_label_and_code() {
        assert_eq!(Role::parse("联络员").expect("label"), Role::Liaison);
        assert_eq!(Role::parse("leader").expect("code"), Role::Leader);
        assert!(Role::parse("主任").is_err());
    }
}

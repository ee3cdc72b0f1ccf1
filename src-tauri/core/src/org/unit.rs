//! 单位: internal departments, subordinate bodies and outside units.

use rusqlite::{params, Connection, OptionalExtension, Row};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::text::{optional_text, required_name};
use crate::{time, Error, Result};

coded_enum!(
    /// 单位类型.
    UnitKind, "kind", "单位类型", {
    Internal = ("internal", "内设机构"),
    Subordinate = ("subordinate", "下属单位"),
    External = ("external", "外部单位"),
});

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct Unit {
    pub id: i64,
    /// 全称
    pub name: String,
    /// 简称
    pub short_name: Option<String>,
    pub kind: UnitKind,
    /// 排序: smaller first.
    pub sort_order: i64,
    pub active: bool,
    /// Active people in the unit.
    pub person_count: i64,
}

/// What the 单位 form sends, for adding and editing.
#[derive(Debug, Clone, Deserialize, TS)]
#[ts(export)]
pub struct UnitInput {
    pub name: String,
    #[ts(optional)]
    pub short_name: Option<String>,
    pub kind: UnitKind,
    /// Omitted when adding: the unit goes to the end.
    #[ts(optional)]
    pub sort_order: Option<i64>,
}

#[derive(Debug, Clone, Default, Deserialize, TS)]
#[ts(export)]
pub struct UnitQuery {
    /// Matches the full or the short name.
    #[ts(optional)]
    pub search: Option<String>,
    #[serde(default)]
    pub include_inactive: bool,
}

const SELECT_UNIT: &str = "SELECT u.id, u.name, u.short_name, u.kind, u.sort_order, u.active,
        (SELECT count(*) FROM person p WHERE p.unit_id = u.id AND p.active = 1)
    FROM unit u";

fn from_row(row: &Row) -> rusqlite::Result<Unit> {
    let kind: String = row.get(3)?;
    Ok(Unit {
        id: row.get(0)?,
        name: row.get(1)?,
        short_name: row.get(2)?,
        kind: UnitKind::parse(&kind).map_err(|e| {
            rusqlite::Error::FromSqlConversionFailure(3, rusqlite::types::Type::Text, Box::new(e))
        })?,
        sort_order: row.get(4)?,
        active: row.get(5)?,
        person_count: row.get(6)?,
    })
}

pub fn get_unit(conn: &Connection, id: i64) -> Result<Unit> {
    conn.query_row(&format!("{SELECT_UNIT} WHERE u.id = ?1"), [id], from_row)
        .optional()?
        .ok_or_else(|| Error::NotFound(format!("找不到编号为 {id} 的单位")))
}

pub fn find_active_unit_by_name(conn: &Connection, name: &str) -> Result<Option<Unit>> {
    Ok(conn
        .query_row(&format!("{SELECT_UNIT} WHERE u.name = ?1 AND u.active = 1"), [name.trim()], from_row)
        .optional()?)
}

/// Units in their configured order (排序, then name), optionally filtered.
pub fn list_units(conn: &Connection, query: &UnitQuery) -> Result<Vec<Unit>> {
    let pattern = optional_text(query.search.as_deref()).map(|s| format!("%{s}%"));
    let mut stmt = conn.prepare(&format!(
        "{SELECT_UNIT}
         WHERE (?1 OR u.active = 1)
           AND (?2 IS NULL OR u.name LIKE ?2 OR u.short_name LIKE ?2)
         ORDER BY u.active DESC, u.sort_order, u.name, u.id"
    ))?;
    let units = stmt
        .query_map(params![query.include_inactive, pattern], from_row)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(units)
}

struct CleanUnit {
    name: String,
    short_name: Option<String>,
    kind: UnitKind,
}

/// The largest 排序 accepted: room for any office's units, far from the integer's limit (new units
/// take the largest order plus 10).
const MAX_SORT_ORDER: i64 = 1_000_000;

fn clean(input: &UnitInput) -> Result<CleanUnit> {
    if let Some(order) = input.sort_order {
        if !(0..=MAX_SORT_ORDER).contains(&order) {
            return Err(Error::invalid("sort_order", format!("排序应为 0 到 {MAX_SORT_ORDER} 之间的整数")));
        }
    }
    let name = required_name("name", "单位全称", &input.name)?;
    let short_name = optional_text(input.short_name.as_deref());
    if let Some(short) = &short_name {
        required_name("short_name", "单位简称", short)?;
    }
    Ok(CleanUnit { name, short_name, kind: input.kind })
}

/// Active names are unique, compared in their NFKC form (`text::comparison_key`): the check gives
/// the form its message; the partial unique index in the schema guards exact repeats against any
/// other writer.
fn ensure_name_free(conn: &Connection, name: &str, except_id: Option<i64>) -> Result<()> {
    let mut stmt = conn.prepare("SELECT name FROM unit WHERE active = 1 AND id IS NOT ?1")?;
    let names = stmt.query_map(params![except_id], |r| r.get::<_, String>(0))?;
    match crate::text::same_name(names, name)? {
        Some(taken) => {
            Err(Error::duplicate("name", format!("已有名为“{taken}”的启用单位，单位全称不能重复")))
        }
        None => Ok(()),
    }
}

pub fn add_unit(conn: &mut Connection, input: &UnitInput) -> Result<Unit> {
    let tx = crate::db::begin_write(conn)?;
    let id = insert_unit(&tx, input)?;
    tx.commit()?;
    get_unit(conn, id)
}

/// The insert itself, inside the caller's transaction.
pub(crate) fn insert_unit(conn: &Connection, input: &UnitInput) -> Result<i64> {
    let unit = clean(input)?;
    ensure_name_free(conn, &unit.name, None)?;
    let sort_order = match input.sort_order {
        Some(order) => order,
        None => conn.query_row("SELECT coalesce(max(sort_order), 0) + 10 FROM unit", [], |r| r.get(0))?,
    };
    let now = time::now_text();
    crate::db::execute(
        conn,
        "INSERT INTO unit (name, short_name, kind, sort_order, active, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, 1, ?5, ?5)",
        params![unit.name, unit.short_name, unit.kind.code(), sort_order, now],
    )?;
    Ok(conn.last_insert_rowid())
}

pub fn update_unit(conn: &mut Connection, id: i64, input: &UnitInput) -> Result<Unit> {
    let unit = clean(input)?;
    let tx = crate::db::begin_write(conn)?;
    let current = get_unit(&tx, id)?;
    if current.active {
        ensure_name_free(&tx, &unit.name, Some(id))?;
    }
    crate::db::execute(&tx, "UPDATE unit SET name = ?2, short_name = ?3, kind = ?4, sort_order = ?5, updated_at = ?6 WHERE id = ?1",
        params![id, unit.name, unit.short_name, unit.kind.code(), input.sort_order.unwrap_or(current.sort_order), time::now_text()],
    )?;
    tx.commit()?;
    get_unit(conn, id)
}

/// 启用/停用. Reactivating checks the name is still free among active units.
pub fn set_unit_active(conn: &mut Connection, id: i64, active: bool) -> Result<Unit> {
    let tx = crate::db::begin_write(conn)?;
    let current = get_unit(&tx, id)?;
    if active && !current.active {
        ensure_name_free(&tx, &current.name, Some(id))?;
    }
    crate::db::execute(
        &tx,
        "UPDATE unit SET active = ?2, updated_at = ?3 WHERE id = ?1",
        params![id, active, time::now_text()],
    )?;
    tx.commit()?;
    get_unit(conn, id)
}

/// Deletes a unit nothing refers to (a typo, say). One that anything refers to can only be deactivated.
pub fn delete_unit(conn: &mut Connection, id: i64) -> Result<()> {
    let unit = get_unit(conn, id)?;
    match crate::db::execute(conn, "DELETE FROM unit WHERE id = ?1", [id]) {
        Ok(_) => Ok(()),
        Err(e) if is_foreign_key_violation(&e) => {
            Err(Error::InUse(format!("单位“{}”已有人员或记录引用，不能删除，只能停用", unit.name)))
        }
        Err(e) => Err(e.into()),
    }
}

pub(crate) fn is_foreign_key_violation(e: &rusqlite::Error) -> bool {
    matches!(
        e,
        rusqlite::Error::SqliteFailure(f, _) if f.extended_code == rusqlite::ffi::SQLITE_CONSTRAINT_FOREIGNKEY
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::{memory_db, unit};

    #[test]
    fn names_are_unique_among_active_units_only() {
        let mut conn = memory_db();
        let office = add_unit(&mut conn, &unit("办公室")).expect("add");
        let err = add_unit(&mut conn, &unit(" 办公室 ")).expect_err("duplicate");
        assert_eq!((err.code(), err.field().as_deref()), ("duplicate", Some("name")));
        // 全角 and 半角 forms of one name are one name; the message shows the name as it was kept.
        add_unit(&mut conn, &unit("市政府督查室（一）")).expect("first");
        let err = add_unit(&mut conn, &unit("市政府督查室(一)")).expect_err("half-width duplicate");
        assert!(err.to_string().contains("“市政府督查室（一）”"), "{err}");
        assert_eq!((err.code(), err.field().as_deref()), ("duplicate", Some("name")));
        set_unit_active(&mut conn, office.id, false).expect("deactivate");
        let again = add_unit(&mut conn, &unit("办公室")).expect("name is free again");
        let err = set_unit_active(&mut conn, office.id, true).expect_err("cannot reactivate a twin");
        assert_eq!(err.code(), "duplicate");
        assert!(get_unit(&conn, again.id).expect("get").active);
    }

    #[test]
    fn new_units_go_to_the_end_and_list_in_order() {
        let mut conn = memory_db();
        add_unit(&mut conn, &unit("财务处")).expect("add");
        add_unit(&mut conn, &UnitInput { sort_order: Some(1), ..unit("办公室") }).expect("add");
        add_unit(&mut conn, &unit("督查室")).expect("add");
        let names: Vec<_> =
            list_units(&conn, &UnitQuery::default()).expect("list").into_iter().map(|u| u.name).collect();
        assert_eq!(names, ["办公室", "财务处", "督查室"]);
    }

    #[test]
    fn search_matches_full_and_short_names() {
        let mut conn = memory_db();
        add_unit(&mut conn, &UnitInput { short_name: Some("督查室".into()), ..unit("市政府督查室") })
            .expect("add");
        add_unit(&mut conn, &unit("财务处")).expect("add");
        let found = list_units(&conn, &UnitQuery { search: Some("督查".into()), include_inactive: false })
            .expect("list");
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].short_name.as_deref(), Some("督查室"));
    }

    #[test]
    fn kind_parses_code_and_label() {
        assert_eq!(UnitKind::parse("下属单位").expect("label"), UnitKind::Subordinate);
        assert_eq!(UnitKind::parse("external").expect("code"), UnitKind::External);
        assert_eq!(UnitKind::parse("科室").expect_err("bad").field().as_deref(), Some("kind"));
    }
}

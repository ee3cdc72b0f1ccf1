//! The directory as an import sees it: units found by full name, short name (with or without a
//! leading 市/区/县) or a remembered alias, people by name (in a given unit first), and what the
//! import created when the user let it. Both the ledger and the 通讯录 import resolve through it.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::org::{PersonInput, Role, UnitInput, UnitKind};
use crate::text::comparison_key;
use crate::{settings, Result};

/// Unit names of imported sheets matched to a unit of the directory: comparison key → unit id.
pub const ALIASES_KEY: &str = "exchange.unit_aliases";

/// A unit name of a sheet the user matched to a unit of the directory.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct UnitAlias {
    pub name: String,
    pub unit_id: i64,
}

/// What an import added to the directory (or, for a dry run, would add).
#[derive(Debug, Clone, Default, Serialize, TS)]
#[ts(export)]
pub struct Created {
    pub units: Vec<String>,
    pub people: Vec<String>,
}

struct KnownUnit {
    id: i64,
    name: String,
    keys: Vec<String>,
}

struct KnownPerson {
    id: i64,
    name: String,
    key: String,
    unit_id: i64,
    leader: bool,
}

/// What a lookup found: the id, or why not (a Chinese sentence for the cell).
pub type Found = std::result::Result<i64, String>;

pub struct Directory {
    units: Vec<KnownUnit>,
    aliases: HashMap<String, i64>,
    persons: Vec<KnownPerson>,
    create_missing: bool,
    pub created: Created,
    /// Unit names not found (and not created), for the window to match.
    pub unknown_units: BTreeSet<String>,
}

impl Directory {
    /// The active units and people, the remembered aliases and the user's new ones.
    pub fn load(conn: &Connection, create_missing: bool, new_aliases: &[UnitAlias]) -> Result<Directory> {
        let mut stmt =
            conn.prepare("SELECT id, name, short_name FROM unit WHERE active = 1 ORDER BY sort_order, id")?;
        let units = stmt
            .query_map([], |r| {
                let (id, name, short): (i64, String, Option<String>) = (r.get(0)?, r.get(1)?, r.get(2)?);
                Ok(KnownUnit { id, keys: unit_keys(&name, short.as_deref()), name })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let mut stmt =
            conn.prepare("SELECT id, name, unit_id, roles FROM person WHERE active = 1 ORDER BY id")?;
        let persons = stmt
            .query_map([], |r| {
                let (name, roles): (String, String) = (r.get(1)?, r.get(3)?);
                Ok(KnownPerson {
                    id: r.get(0)?,
                    key: comparison_key(&name),
                    name,
                    unit_id: r.get(2)?,
                    leader: roles.contains(Role::Leader.code()),
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let mut aliases: HashMap<String, i64> = settings::get::<BTreeMap<String, i64>>(conn, ALIASES_KEY)?
            .unwrap_or_default()
            .into_iter()
            .collect();
        for a in new_aliases {
            aliases.insert(comparison_key(&a.name), a.unit_id);
        }
        Ok(Directory {
            units,
            aliases,
            persons,
            create_missing,
            created: Created::default(),
            unknown_units: BTreeSet::new(),
        })
    }

    /// Remembers the user's aliases for the next file (inside the import's transaction).
    pub fn remember_aliases(conn: &Connection, new_aliases: &[UnitAlias]) -> Result<()> {
        if new_aliases.is_empty() {
            return Ok(());
        }
        let mut aliases: BTreeMap<String, i64> = settings::get(conn, ALIASES_KEY)?.unwrap_or_default();
        for a in new_aliases {
            aliases.insert(comparison_key(&a.name), a.unit_id);
        }
        settings::set(conn, ALIASES_KEY, &aliases)
    }

    pub fn unit_name(&self, id: i64) -> &str {
        self.units.iter().find(|u| u.id == id).map(|u| u.name.as_str()).unwrap_or_default()
    }

    /// The unit a sheet names; created (as an 外部单位) when the user said so.
    pub fn unit(&mut self, conn: &Connection, name: &str) -> Result<Found> {
        let key = comparison_key(name);
        let bare = strip_place(&key);
        if let Some(u) =
            self.units.iter().find(|u| u.keys.iter().any(|k| *k == key || strip_place(k) == bare))
        {
            return Ok(Ok(u.id));
        }
        if let Some(id) = self.aliases.get(&key) {
            return Ok(Ok(*id));
        }
        if !self.create_missing {
            self.unknown_units.insert(name.to_string());
            return Ok(Err(format!(
                "单位“{name}”不在组织机构中（可选择创建缺少的单位和人员，或对应到已有单位）"
            )));
        }
        let input = UnitInput {
            name: name.to_string(),
            short_name: None,
            kind: UnitKind::External,
            sort_order: None,
        };
        match crate::org::insert_unit(conn, &input) {
            Ok(id) => {
                self.units.push(KnownUnit { id, keys: unit_keys(name, None), name: name.to_string() });
                self.created.units.push(name.to_string());
                Ok(Ok(id))
            }
            Err(e) if e.is_bad_input() => Ok(Err(format!("单位“{name}”不能创建：{e}"))),
            Err(e) => Err(e),
        }
    }

    /// The active person of that name, in `unit` first; `None` when there is none.
    pub fn find_person(&self, name: &str, unit: Option<i64>) -> std::result::Result<Option<i64>, String> {
        let key = comparison_key(name);
        let same: Vec<&KnownPerson> = self.persons.iter().filter(|p| p.key == key).collect();
        if let Some(p) = same.iter().find(|p| Some(p.unit_id) == unit) {
            return Ok(Some(p.id));
        }
        match same.as_slice() {
            [] => Ok(None),
            [one] => Ok(Some(one.id)),
            _ => Err(format!("组织机构中有 {} 位“{name}”，都不在该单位，请在表中写明", same.len())),
        }
    }

    /// The person a sheet names in `unit`; created there when the user said so.
    pub fn person(&mut self, conn: &Connection, input: &PersonInput) -> Result<Found> {
        let name = input.name.as_str();
        match self.find_person(name, Some(input.unit_id)) {
            Ok(Some(id)) => return Ok(Ok(id)),
            Err(m) => return Ok(Err(m)),
            Ok(None) => {}
        }
        if !self.create_missing {
            return Ok(Err(format!("人员“{name}”不在组织机构中（可选择创建缺少的单位和人员）")));
        }
        self.add_person(conn, input)
    }

    /// The active person of that name in exactly `unit`.
    pub fn person_in(&self, name: &str, unit: i64) -> Option<i64> {
        let key = comparison_key(name);
        self.persons.iter().find(|p| p.key == key && p.unit_id == unit).map(|p| p.id)
    }

    /// Adds a person (inside the import's transaction) and records it as created.
    pub fn add_person(&mut self, conn: &Connection, input: &PersonInput) -> Result<Found> {
        let name = input.name.as_str();
        match crate::org::insert_person(conn, input) {
            Ok(id) => {
                let leader = input.roles.contains(&Role::Leader);
                let key = comparison_key(name);
                self.persons.push(KnownPerson {
                    id,
                    name: name.to_string(),
                    key,
                    unit_id: input.unit_id,
                    leader,
                });
                let unit = self.unit_name(input.unit_id).to_string();
                self.created.people.push(format!("{name}（{unit}）"));
                Ok(Ok(id))
            }
            Err(e) if e.is_bad_input() => Ok(Err(format!("人员“{name}”不能添加：{e}"))),
            Err(e) => Err(e),
        }
    }

    /// The person who answers for a unit when a sheet names nobody: its leader, else its first
    /// person; with the name, for the warning.
    pub fn unit_head(&self, unit: i64) -> Option<(i64, &str)> {
        self.persons
            .iter()
            .filter(|p| p.unit_id == unit)
            .min_by_key(|p| !p.leader)
            .map(|p| (p.id, p.name.as_str()))
    }
}

fn unit_keys(name: &str, short: Option<&str>) -> Vec<String> {
    std::iter::once(name).chain(short).map(comparison_key).collect()
}

/// 市住建局 and 住建局 are one unit: the place word a sheet may put in front.
fn strip_place(key: &str) -> &str {
    key.strip_prefix(['市', '区', '县']).filter(|rest| rest.chars().count() >= 2).unwrap_or(key)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn place_words_do_not_part_a_unit_from_its_short_name() {
        assert_eq!(strip_place("市住建局"), "住建局");
        assert_eq!(strip_place("市委"), "市委");
    }
}

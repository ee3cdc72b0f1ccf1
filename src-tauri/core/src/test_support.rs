//! Builders shared by the core's own unit tests and the integration tests of `luoshi-tests`, so that a
//! database, a unit, a person or a small directory is made the same way everywhere. Compiled for the
//! core's tests and, through the `test-support` feature, for `luoshi-tests`; never part of the app.
//! See `tests/README.md`.
#![cfg(any(test, feature = "test-support"))]
#![allow(clippy::unwrap_used, clippy::expect_used, reason = "test builders: a failure is the test's failure")]

use std::path::{Path, PathBuf};

use rusqlite::Connection;

use crate::org::{self, PersonInput, UnitInput, UnitKind};

/// A fresh in-memory database with every migration applied.
pub fn memory_db() -> Connection {
    crate::db::open_in_memory().expect("in-memory db")
}

/// A 内设机构 with only its name: no short name, placed at the end of the list.
pub fn unit(name: &str) -> UnitInput {
    UnitInput { name: name.into(), short_name: None, kind: UnitKind::Internal, sort_order: None }
}

/// A person with only a name and a unit: no title, phone or roles.
pub fn person(name: &str, unit_id: i64) -> PersonInput {
    PersonInput { name: name.into(), unit_id, title: None, phone: None, roles: vec![] }
}

/// Adds `input` and returns its id.
pub fn add_unit(conn: &mut Connection, input: &UnitInput) -> i64 {
    org::add_unit(conn, input).expect("unit").id
}

/// Adds `input` and returns its id.
pub fn add_person(conn: &mut Connection, input: &PersonInput) -> i64 {
    org::add_person(conn, input).expect("person").id
}

/// What a 交办事项 needs in the directory: a lead unit and a cooperating unit (both 下属单位), and the
/// responsible person in the lead unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ItemDirectory {
    pub unit: i64,
    pub other_unit: i64,
    pub person: i64,
}

impl ItemDirectory {
    /// Adds the units `[lead, other]`, in that order, and `person` in the lead unit.
    pub fn add(conn: &mut Connection, [lead, other]: [&str; 2], responsible: &str) -> ItemDirectory {
        let subordinate = |name| UnitInput { kind: UnitKind::Subordinate, ..unit(name) };
        let lead = add_unit(conn, &subordinate(lead));
        let other = add_unit(conn, &subordinate(other));
        let responsible = add_person(conn, &person(responsible, lead));
        ItemDirectory { unit: lead, other_unit: other, person: responsible }
    }
}

/// What a 总结 needs in the directory: a 内设机构 with a drafter and a reviewer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SummaryDirectory {
    pub unit: i64,
    pub drafter: i64,
    pub reviewer: i64,
}

impl SummaryDirectory {
    /// Adds the unit, then `[drafter, reviewer]` in it, in that order.
    pub fn add(conn: &mut Connection, unit_name: &str, [drafter, reviewer]: [&str; 2]) -> SummaryDirectory {
        let id = add_unit(conn, &unit(unit_name));
        let drafter = add_person(conn, &person(drafter, id));
        let reviewer = add_person(conn, &person(reviewer, id));
        SummaryDirectory { unit: id, drafter, reviewer }
    }
}

/// A file under `tests/fixtures/` (corpora, bad input), by its path inside that folder.
pub fn fixture_file(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures").join(name)
}

/// The part of `text` between two UTF-16 offsets, as the check reports count them.
pub fn utf16_slice(text: &str, start: usize, end: usize) -> String {
    let units: Vec<u16> = text.encode_utf16().collect();
    String::from_utf16(&units[start..end]).expect("whole characters")
}

/// The text of an XML or HTML fragment with its tags taken out (entities are left as they are).
pub fn xml_text(xml: &str) -> String {
    let mut text = String::new();
    let mut in_tag = false;
    for c in xml.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => text.push(c),
            _ => {}
        }
    }
    text
}

//! 单位 and 人员: the lists of 设置 → 单位与人员 and their edits.

use luoshi_core::exchange::{self, ContactOptions, ContactReport};
use luoshi_core::org::{self, Person, PersonInput, PersonQuery, Unit, UnitInput, UnitQuery};

commands! {
    fn list_units(state, query: UnitQuery) -> Vec<Unit> {
        state.with(|s| org::list_units(s.conn(), &query))
    }

    fn add_unit(state, input: UnitInput) -> Unit {
        state.with(|s| org::add_unit(s.conn_mut(), &input))
    }

    fn update_unit(state, id: i64, input: UnitInput) -> Unit {
        state.with(|s| org::update_unit(s.conn_mut(), id, &input))
    }

    fn set_unit_active(state, id: i64, active: bool) -> Unit {
        state.with(|s| org::set_unit_active(s.conn_mut(), id, active))
    }

    fn delete_unit(state, id: i64) -> () {
        state.with(|s| org::delete_unit(s.conn_mut(), id))
    }

    fn list_persons(state, query: PersonQuery) -> Vec<Person> {
        state.with(|s| org::list_persons(s.conn(), &query))
    }

    /// 导入通讯录 (or, with `dry_run`, the preview of it).
    fn import_contacts(state, path: String, options: ContactOptions) -> ContactReport {
        state.with(|s| exchange::import_contacts(s.conn_mut(), std::path::Path::new(&path), &options))
    }

    fn add_person(state, input: PersonInput) -> Person {
        state.with(|s| org::add_person(s.conn_mut(), &input))
    }

    fn update_person(state, id: i64, input: PersonInput) -> Person {
        state.with(|s| org::update_person(s.conn_mut(), id, &input))
    }

    fn set_person_active(state, id: i64, active: bool) -> Person {
        state.with(|s| org::set_person_active(s.conn_mut(), id, active))
    }

    fn delete_person(state, id: i64) -> () {
        state.with(|s| org::delete_person(s.conn_mut(), id))
    }
}

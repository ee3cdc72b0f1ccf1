//! 组织机构: the units (单位) and people (人员) that every assignment and summary refers to.
//! Records that anything refers to are deactivated, never deleted.

mod lookup;
mod person;
mod text;
mod unit;

pub use crate::text::{optional_note, optional_text, required_name};
pub use lookup::{active_person, active_unit, NamedRef};
pub(crate) use person::insert_person;
pub use person::{
    add_person, delete_person, get_person, list_persons, set_person_active, update_person, Person,
    PersonInput, PersonQuery, Role,
};
pub use text::normalize_phone;
pub(crate) use unit::insert_unit;
pub use unit::{
    add_unit, delete_unit, find_active_unit_by_name, get_unit, list_units, set_unit_active, update_unit,
    Unit, UnitInput, UnitKind, UnitQuery,
};

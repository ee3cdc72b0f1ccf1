//! The organisation directory against a real SQLite file: what one window writes, the next one reads.

use luoshi_core::org::{self, PersonInput, PersonQuery, Role, UnitQuery};
use luoshi_core::profile::{self, ProfileInput};
use luoshi_core::test_support::{person, unit};
use luoshi_core::{db, Store};

#[test]
fn directory_persists_across_reopening() {
    let dir = tempfile::tempdir().expect("temp dir");
    {
        let mut store = Store::open(dir.path()).expect("open");
        profile::set_profile(
            store.conn_mut(),
            &ProfileInput { name: "张镕".into(), unit_name: "研究室".into() },
        )
        .expect("profile");
        let office = org::add_unit(store.conn_mut(), &unit("督查室")).expect("unit");
        org::add_person(
            store.conn_mut(),
            &PersonInput {
                title: Some("科长".into()),
                phone: Some("010-66668888".into()),
                roles: vec![Role::Liaison, Role::Handler],
                ..person("王玥", office.id)
            },
        )
        .expect("person");
    }
    let store = Store::open(dir.path()).expect("reopen");
    let me = profile::get_profile(store.conn()).expect("get").expect("profile kept");
    assert_eq!((me.name.as_str(), me.unit_name.as_str()), ("张镕", "研究室"));
    let units: Vec<_> = org::list_units(store.conn(), &UnitQuery::default())
        .expect("list")
        .into_iter()
        .map(|u| u.name)
        .collect();
    assert_eq!(units, ["研究室", "督查室"], "in the order they were added");
    let people = org::list_persons(store.conn(), &PersonQuery::default()).expect("list");
    let wang = people.iter().find(|p| p.name == "王玥").expect("王玥 kept");
    assert_eq!(wang.roles, [Role::Liaison, Role::Handler]);
    assert_eq!(wang.phone.as_deref(), Some("010-66668888"));
}

#[test]
fn a_database_from_a_newer_app_is_refused_and_left_untouched() {
    let dir = tempfile::tempdir().expect("temp dir");
    drop(Store::open(dir.path()).expect("create"));
    let file = dir.path().join(luoshi_core::paths::DATABASE_FILE);
    {
        let conn = rusqlite::Connection::open(&file).expect("raw open");
        conn.pragma_update(None, "user_version", db::SCHEMA_VERSION + 5).expect("bump");
    }
    let before = std::fs::read(&file).expect("read");
    let err = Store::open(dir.path()).err().expect("refused");
    assert_eq!(err.code(), "schema_too_new");
    assert!(err.to_string().contains("请安装新版落实"), "{err}");
    assert_eq!(std::fs::read(&file).expect("read"), before, "the file was not changed");
}

#[test]
fn a_failed_save_writes_nothing() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut store = Store::open(dir.path()).expect("open");
    let err =
        profile::set_profile(store.conn_mut(), &ProfileInput { name: "王玥".into(), unit_name: " ".into() })
            .expect_err("no unit");
    assert_eq!(err.field().as_deref(), Some("unit_name"));
    assert!(org::list_persons(store.conn(), &PersonQuery::default()).expect("list").is_empty());
    assert!(org::list_units(store.conn(), &UnitQuery::default()).expect("list").is_empty());
}

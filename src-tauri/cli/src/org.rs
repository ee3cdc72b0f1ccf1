//! `luoshi-cli unit …` and `luoshi-cli person …`.

use clap::{Args, Subcommand};
use luoshi_core::org::{self, PersonInput, PersonQuery, Role, UnitInput, UnitKind, UnitQuery};
use luoshi_core::{Error, Result, Store};

use crate::output::print_json;

#[derive(Subcommand)]
pub enum UnitCommand {
    /// Add a unit
    Add {
        /// 全称
        #[arg(long)]
        name: String,
        /// 简称
        #[arg(long)]
        short: Option<String>,
        /// 内设机构|下属单位|外部单位 (or internal|subordinate|external)
        #[arg(long, default_value = "内设机构")]
        kind: String,
        /// 排序 (default: last)
        #[arg(long)]
        order: Option<i64>,
        #[arg(long)]
        json: bool,
    },
    /// List units in their order
    List(ListArgs),
}

#[derive(Subcommand)]
pub enum PersonCommand {
    /// Add a person
    Add {
        /// 姓名
        #[arg(long)]
        name: String,
        /// The unit's full name or id
        #[arg(long)]
        unit: String,
        /// 职务
        #[arg(long)]
        title: Option<String>,
        /// 办公电话/手机
        #[arg(long)]
        phone: Option<String>,
        /// 领导|联络员|经办人 (or leader|liaison|handler); repeat for several
        #[arg(long = "role")]
        roles: Vec<String>,
        #[arg(long)]
        json: bool,
    },
    /// List people, sorted by unit order
    List(ListArgs),
    /// 导入通讯录: people (单位, 姓名, 职务, 电话, 角色) from a sheet; prints {"imported","duplicates",
    /// "created","errors",…}; exit 2, with the same JSON, when problems kept anything from coming in
    Import(crate::output::ImportArgs),
}

#[derive(Args)]
pub struct ListArgs {
    /// Only those matching this text
    #[arg(long)]
    search: Option<String>,
    /// Include deactivated records
    #[arg(long)]
    all: bool,
    #[arg(long)]
    json: bool,
}

pub fn run_unit(store: &mut Store, cmd: UnitCommand) -> Result<()> {
    match cmd {
        UnitCommand::Add { name, short, kind, order, json: _ } => {
            let input =
                UnitInput { name, short_name: short, kind: UnitKind::parse(&kind)?, sort_order: order };
            print_json(&org::add_unit(store.conn_mut(), &input)?)
        }
        UnitCommand::List(args) => {
            let query = UnitQuery { search: args.search, include_inactive: args.all };
            print_json(&org::list_units(store.conn(), &query)?)
        }
    }
}

pub fn run_person(store: &mut Store, cmd: PersonCommand) -> Result<()> {
    match cmd {
        PersonCommand::Add { name, unit, title, phone, roles, json: _ } => {
            let unit_id = resolve_unit(store, &unit)?;
            let roles = roles.iter().map(|r| Role::parse(r)).collect::<Result<Vec<_>>>()?;
            let input = PersonInput { name, unit_id, title, phone, roles };
            print_json(&org::add_person(store.conn_mut(), &input)?)
        }
        PersonCommand::Import(a) => {
            let options = luoshi_core::exchange::ContactOptions {
                sheet: a.sheet.clone(),
                dry_run: a.dry_run,
                create_missing: a.create_missing,
                skip_bad_rows: a.skip_bad_rows,
                ..Default::default()
            };
            let report = luoshi_core::exchange::import_contacts(store.conn_mut(), &a.file, &options)?;
            print_json(&report)?;
            a.outcome(report.errors.len(), report.importable + report.duplicates, "人员")
        }
        PersonCommand::List(args) => {
            let query = PersonQuery { search: args.search, include_inactive: args.all, ..Default::default() };
            print_json(&org::list_persons(store.conn(), &query)?)
        }
    }
}

/// A unit named on the command line: its active full name, or its id.
fn resolve_unit(store: &Store, unit: &str) -> Result<i64> {
    if let Some(found) = org::find_active_unit_by_name(store.conn(), unit)? {
        return Ok(found.id);
    }
    match unit.trim().parse::<i64>() {
        Ok(id) => Ok(org::get_unit(store.conn(), id)?.id),
        Err(_) => Err(Error::invalid("unit", format!("没有名为“{unit}”的启用单位"))),
    }
}

//! 导入通讯录: units and people from a sheet (单位, 姓名, 职务, 电话, 角色), found the way the ledger
//! import finds its table, with the same refusals: problems by sheet, row and column, nothing
//! written with any problem unless the bad rows are skipped, a dry run rolled back, new units only
//! when the user says so. A person already in that unit is kept; only an empty 职务 or 电话 takes
//! the sheet's.

use std::path::Path;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::directory::{Created, Directory, UnitAlias};
use super::fields::ContactField as F;
use super::import::ImportProblem;
use super::table::{self, DataRow, Table};
use super::values;
use super::workbook::{self, Value};
use crate::audit::{AuditAction, AuditObject};
use crate::files::{FileRole, InputFile};
use crate::org::{normalize_phone, PersonInput, Role};
use crate::{backup, db, Error, Result};

#[derive(Debug, Clone, Default, Deserialize, TS)]
#[ts(export)]
pub struct ContactOptions {
    #[ts(optional)]
    pub sheet: Option<String>,
    #[serde(default)]
    pub dry_run: bool,
    /// Create the units the directory does not have.
    #[serde(default)]
    pub create_missing: bool,
    #[serde(default)]
    pub skip_bad_rows: bool,
    #[serde(default)]
    pub unit_aliases: Vec<UnitAlias>,
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct ContactReport {
    pub file: String,
    pub sha256: String,
    pub dry_run: bool,
    /// People added (for a dry run: that would be); 0 when problems refused the file.
    pub imported: usize,
    /// Rows without problems that add a person.
    pub importable: usize,
    /// People already in their unit: kept, only their empty 职务 and 电话 filled from the sheet.
    pub duplicates: usize,
    /// Of those, how many had an empty 职务 or 电话 filled.
    pub updated: usize,
    pub skipped_rows: usize,
    pub created: Created,
    pub errors: Vec<ImportProblem>,
    pub warnings: Vec<ImportProblem>,
    pub unknown_units: Vec<String>,
    /// The sheets read as a 通讯录.
    pub sheets: Vec<String>,
}

/// Imports (or tries, with `dry_run`) the 通讯录 at `path`.
pub fn import_contacts(
    conn: &mut rusqlite::Connection,
    path: &Path,
    options: &ContactOptions,
) -> Result<ContactReport> {
    let file = InputFile::new(FileRole::Ledger, path);
    let book = workbook::read(path)?;
    let tables: Vec<Table<F>> = book
        .grids
        .iter()
        .filter(|g| options.sheet.as_deref().is_none_or(|s| s == g.name))
        .filter_map(table::find::<F>)
        .filter(|t| t.columns.iter().any(|c| c.field == Some(F::Unit)))
        .collect();
    if tables.is_empty() {
        return Err(file.error(Error::invalid(
            "file",
            "没有找到通讯录的表头：表头中应有“单位”和“姓名”两列（职务、电话、角色可选）",
        )));
    }
    if !options.dry_run {
        backup::before_change(conn, backup::BackupReason::BeforeImport)?;
    }
    let tx = db::begin_write(conn)?;
    let mut dir = Directory::load(&tx, options.create_missing, &options.unit_aliases)?;
    let (mut added, mut duplicates, mut updated, mut bad_rows) = (0, 0, 0, 0);
    let (mut errors, mut warnings) = (Vec::new(), Vec::new());
    for t in &tables {
        for row in &t.rows {
            let mut problems = Vec::new();
            match contact(&tx, &mut dir, t, row, &mut problems, &mut warnings)? {
                Outcome::Added => added += 1,
                Outcome::Present { filled } => {
                    duplicates += 1;
                    updated += usize::from(filled);
                }
                Outcome::Bad => {
                    bad_rows += 1;
                    errors.append(&mut problems);
                }
            }
        }
    }
    let refused = !errors.is_empty() && !options.skip_bad_rows;
    if !refused {
        Directory::remember_aliases(&tx, &options.unit_aliases)?;
        let detail = serde_json::json!({
            "file": path.file_name().map(|n| n.to_string_lossy().into_owned()),
            "sha256": book.sha256,
            "people": added,
            "units": dir.created.units,
        });
        crate::audit::note(&tx, AuditAction::Import, AuditObject::ContactsFile, &book.sha256, &detail)?;
    }
    let report = ContactReport {
        file: path.display().to_string(),
        sha256: book.sha256,
        dry_run: options.dry_run,
        imported: if refused { 0 } else { added },
        importable: added,
        duplicates,
        updated: if refused { 0 } else { updated },
        skipped_rows: if refused { 0 } else { bad_rows },
        created: dir.created,
        errors,
        warnings,
        unknown_units: dir.unknown_units.into_iter().collect(),
        sheets: tables.iter().map(|t| t.sheet.clone()).collect(),
    };
    if refused || options.dry_run {
        tx.rollback()?;
    } else {
        tx.commit()?;
    }
    Ok(report)
}

enum Outcome {
    Added,
    /// Already in the unit; `filled` when an empty 职务 or 电话 took the sheet's.
    Present {
        filled: bool,
    },
    Bad,
}

fn contact(
    conn: &rusqlite::Connection,
    dir: &mut Directory,
    t: &Table<F>,
    row: &DataRow,
    problems: &mut Vec<ImportProblem>,
    warnings: &mut Vec<ImportProblem>,
) -> Result<Outcome> {
    let text = |f: F| t.cell(row, f).map(Value::text);
    let at = |f: F, message: String| {
        let column = t.columns.iter().find(|c| c.field == Some(f)).map(|c| c.header.clone());
        ImportProblem { sheet: t.sheet.clone(), row: Some(row.number), column, message }
    };
    let name = text(F::Name).map(|n| values::person_name(&n)).unwrap_or_default();
    if name.is_empty() {
        problems.push(at(F::Name, "请填写姓名".into()));
    }
    let unit = match text(F::Unit) {
        None => {
            problems.push(at(F::Unit, "请填写单位".into()));
            None
        }
        Some(u) => match dir.unit(conn, &u)? {
            Ok(id) => Some(id),
            Err(m) => {
                problems.push(at(F::Unit, m));
                None
            }
        },
    };
    let phone = text(F::Phone);
    if let Some(p) = &phone {
        if normalize_phone(p).is_err() {
            problems.push(at(F::Phone, format!("电话“{p}”格式不正确")));
        }
    }
    let mut roles = Vec::new();
    for word in text(F::Role).map(|r| values::split_names(&r)).unwrap_or_default() {
        match Role::parse(&word) {
            Ok(role) => roles.push(role),
            Err(_) => warnings
                .push(at(F::Role, format!("角色“{word}”不能识别（应为领导、联络员或经办人），未填入"))),
        }
    }
    let Some(unit_id) = unit.filter(|_| problems.is_empty()) else { return Ok(Outcome::Bad) };
    if let Some(id) = dir.person_in(&name, unit_id) {
        let phone = phone.as_deref().map(normalize_phone).transpose()?.flatten();
        let title = crate::text::optional_text(text(F::Title).as_deref());
        let filled = db::execute(
            conn,
            "UPDATE person SET title = coalesce(title, ?2), phone = coalesce(phone, ?3), updated_at = ?4
             WHERE id = ?1 AND ((title IS NULL AND ?2 IS NOT NULL) OR (phone IS NULL AND ?3 IS NOT NULL))",
            rusqlite::params![id, title, phone, crate::time::now_text()],
        )? > 0;
        return Ok(Outcome::Present { filled });
    }
    let input = PersonInput { name, unit_id, title: text(F::Title), phone, roles };
    match dir.add_person(conn, &input)? {
        Ok(_) => Ok(Outcome::Added),
        Err(m) => {
            problems.push(at(F::Name, m));
            Ok(Outcome::Bad)
        }
    }
}

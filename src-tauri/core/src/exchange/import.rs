//! 导入台账: an office's spreadsheet ledger in one transaction. Every sheet whose header is
//! recognised is read; each row is resolved (units and people by name, short name or a remembered
//! alias; dates, 时限 and states as typed) and checked by the same rules as 登记. With any problem
//! nothing is written unless the user skips the bad rows; a dry run does the whole import and rolls
//! it back, so the preview is exactly what the import will do. See `docs/exchange.md`.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use chrono::{DateTime, FixedOffset, NaiveDateTime, NaiveTime};
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::directory::{Created, Directory, UnitAlias};
use super::fields::LedgerField as F;
use super::progress::{ImportProgress, Progress, Step};
use super::table::{self, Column, DataRow, Table};
use super::values::{self, DeadlineSpec, When};
use super::workbook::{self, Value};
use crate::assignment::register::{self, Checked, Numbered, Standing};
use crate::assignment::{number, AssignmentInput, EventKind, Items, State};
use crate::audit::{AuditAction, AuditObject};
use crate::calendar::{self, Calendar, CategoryLimits};
use crate::files::{FileRole, InputFile};
use crate::lifecycle::{self, NewEvent};
use crate::org::PersonInput;
use crate::text::comparison_key;
use crate::{backup, db, settings, time, Error, Result};

/// The mapping chosen for each header (by [`Table::signature`]), remembered for the next file.
pub const MAPPINGS_KEY: &str = "exchange.ledger_mappings";
/// How many headers' mappings are remembered.
const REMEMBERED_MAPPINGS: usize = 50;
/// How many rows the preview lists.
const PREVIEW_ROWS: usize = 200;

/// What the user chose for an import.
#[derive(Debug, Clone, Default, Deserialize, TS)]
#[ts(export)]
pub struct ImportOptions {
    /// Only this sheet; every sheet with a recognised header when omitted.
    #[ts(optional)]
    pub sheet: Option<String>,
    /// Do everything, report, and write nothing.
    #[serde(default)]
    pub dry_run: bool,
    /// Create the units and people the directory does not have.
    #[serde(default)]
    pub create_missing: bool,
    /// Import the good rows even when some rows have problems.
    #[serde(default)]
    pub skip_bad_rows: bool,
    /// The user's mapping of a sheet's columns (by sheet name).
    #[serde(default)]
    pub mappings: Vec<SheetMapping>,
    /// Unit names of the sheet matched by the user to units of the directory; remembered.
    #[serde(default)]
    pub unit_aliases: Vec<UnitAlias>,
}

/// The field of each column of a sheet, by 0-based column index.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct SheetMapping {
    pub sheet: String,
    pub fields: Vec<Option<F>>,
}

/// A problem of a sheet, a row or a cell: the spreadsheet's own row number and the column's header.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct ImportProblem {
    pub sheet: String,
    #[ts(optional)]
    pub row: Option<usize>,
    #[ts(optional)]
    pub column: Option<String>,
    pub message: String,
}

/// A sheet of the file as the import read it.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct SheetReport {
    pub name: String,
    /// Whether a ledger header was found; a sheet without one is left alone.
    pub found: bool,
    pub header_rows: Vec<usize>,
    /// Data rows (blank, totals and note rows left out).
    pub rows: usize,
    pub columns: Vec<Column<F>>,
    /// The mapping is the one chosen last time for this header.
    pub remembered: bool,
}

/// One row as it will be imported.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct PreviewRow {
    pub sheet: String,
    pub row: usize,
    pub number: String,
    pub title: String,
    pub lead_unit: String,
    pub deadline: DateTime<FixedOffset>,
    pub state: State,
}

/// What an import did (or, for a dry run or a refused file, would do).
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct ImportReport {
    pub file: String,
    pub sha256: String,
    pub dry_run: bool,
    /// Items written (for a dry run: that would be written); 0 when problems refused the file.
    pub imported: usize,
    /// Rows without problems.
    pub importable: usize,
    /// Of the rows without problems, how many come in closed (已办结, 已销号).
    pub closed: usize,
    /// Rows already in the ledger (same 编号, or same title, lead unit and 交办时间): skipped.
    pub duplicates: usize,
    /// Rows with problems left out (only with skip_bad_rows).
    pub skipped_rows: usize,
    pub created: Created,
    pub errors: Vec<ImportProblem>,
    /// What the import assumed (a default filled in, text kept in the content): nothing refused.
    pub warnings: Vec<ImportProblem>,
    /// Unit names the directory does not know, for the window to match or create.
    pub unknown_units: Vec<String>,
    pub sheets: Vec<SheetReport>,
    pub preview: Vec<PreviewRow>,
}

/// Imports (or, with `dry_run`, tries) the ledger at `path`, telling `report` how far it has got. A
/// file that cannot be read, or that has no ledger header, is an error; problems of rows are in the
/// report, and then nothing is written unless `skip_bad_rows`.
pub fn import_ledger(
    conn: &mut Connection,
    path: &Path,
    options: &ImportOptions,
    report: &dyn Fn(ImportProgress),
) -> Result<ImportReport> {
    let mut progress = Progress::new(report, options.dry_run);
    progress.begin(Step::Reading);
    let file = InputFile::new(FileRole::Ledger, path);
    let book = workbook::read(path)?;
    let remembered: BTreeMap<String, Vec<Option<F>>> = settings::get(conn, MAPPINGS_KEY)?.unwrap_or_default();
    let mut tables = Vec::new();
    let mut sheets = Vec::new();
    for grid in &book.grids {
        if options.sheet.as_deref().is_some_and(|s| s != grid.name) {
            continue;
        }
        let Some(mut t) = table::find::<F>(grid) else {
            sheets.push(SheetReport {
                name: grid.name.clone(),
                found: false,
                header_rows: Vec::new(),
                rows: 0,
                columns: Vec::new(),
                remembered: false,
            });
            continue;
        };
        let mut from_memory = false;
        if let Some(m) = options.mappings.iter().find(|m| m.sheet == t.sheet) {
            t.remap(&m.fields);
        } else if let Some(fields) = remembered.get(&t.signature()) {
            t.remap(fields);
            from_memory = true;
        }
        sheets.push(SheetReport {
            name: t.sheet.clone(),
            found: true,
            header_rows: t.header_rows.clone(),
            rows: t.rows.len(),
            columns: t.columns.clone(),
            remembered: from_memory,
        });
        tables.push(t);
    }
    if let Some(name) = &options.sheet {
        if sheets.is_empty() {
            let names: Vec<&str> = book.grids.iter().map(|g| g.name.as_str()).collect();
            return Err(file.error(Error::invalid(
                "sheet",
                format!("没有名为“{name}”的工作表（有：{}）", names.join("、")),
            )));
        }
    }
    if tables.is_empty() {
        return Err(file.error(Error::invalid(
            "file",
            "没有找到台账的表头：表头中应有“标题”（或督办事项、工作任务、事项名称等）和至少一个其他列，如牵头单位、交办时间",
        )));
    }
    if !options.dry_run {
        progress.begin(Step::Backup);
        backup::before_change(conn, backup::BackupReason::BeforeImport)?;
    }
    let entered_by = lifecycle::entered_by(conn)?;
    let tx = db::begin_write(conn)?;
    let mut run = Run::new(&tx, options)?;
    let mut rows = Rows { total: tables.iter().map(|t| t.rows.len()).sum(), done: 0 };
    for t in &tables {
        run.sheet(t, &mut progress, &mut rows)?;
    }
    let refused = !run.errors.is_empty() && !options.skip_bad_rows;
    let file_name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    // A dry run writes even a refused file (and rolls back), so its preview shows the numbers.
    let mut preview = Vec::new();
    if !refused || options.dry_run {
        preview = run.write(&file_name, &book.sha256, entered_by, &mut progress)?;
    }
    if !refused {
        remember(&tx, &tables, options, remembered)?;
        let detail = serde_json::json!({
            "file": file_name,
            "sha256": book.sha256,
            "imported": run.good.len(),
            "duplicates": run.duplicates,
            "sheets": tables.iter().map(|t| t.sheet.as_str()).collect::<Vec<_>>(),
        });
        crate::audit::note(&tx, AuditAction::Import, AuditObject::LedgerFile, &book.sha256, &detail)?;
    }
    let report = ImportReport {
        file: path.display().to_string(),
        sha256: book.sha256,
        dry_run: options.dry_run,
        imported: if refused { 0 } else { run.good.len() },
        importable: run.good.len(),
        closed: run.good.iter().filter(|g| g.standing.state.is_finished()).count(),
        duplicates: run.duplicates,
        skipped_rows: if refused { 0 } else { run.bad_rows },
        created: run.dir.created,
        errors: run.errors,
        warnings: run.warnings,
        unknown_units: run.dir.unknown_units.into_iter().collect(),
        sheets,
        preview,
    };
    progress.begin(Step::Finishing);
    if refused || options.dry_run {
        tx.rollback()?;
    } else {
        tx.commit()?;
    }
    progress.done();
    Ok(report)
}

/// The rows of every sheet, and how many of them are checked.
struct Rows {
    total: usize,
    done: usize,
}

/// Keeps the mapping of each sheet's header and the user's unit aliases for the next file.
fn remember(
    conn: &Connection,
    tables: &[Table<F>],
    options: &ImportOptions,
    mut mappings: BTreeMap<String, Vec<Option<F>>>,
) -> Result<()> {
    for t in tables {
        let width = t.columns.iter().map(|c| c.index + 1).max().unwrap_or(0);
        let mut fields = vec![None; width];
        for c in &t.columns {
            fields[c.index] = c.field;
        }
        mappings.insert(t.signature(), fields);
    }
    while mappings.len() > REMEMBERED_MAPPINGS {
        mappings.pop_first();
    }
    settings::set(conn, MAPPINGS_KEY, &mappings)?;
    Directory::remember_aliases(conn, &options.unit_aliases)?;
    Ok(())
}

/// A row ready to write.
struct Good {
    sheet: String,
    row: usize,
    checked: Checked,
    number: Option<Numbered>,
    standing: Standing,
    /// When the sheet's state was reached: the 办结时间, or the 交办时间 of an open item.
    event_at: DateTime<FixedOffset>,
    original_state: Option<String>,
    progress: Option<String>,
    lead_unit: String,
}

/// One import in progress, inside its transaction.
struct Run<'a> {
    conn: &'a Connection,
    cal: Calendar,
    limits: CategoryLimits,
    prefix: String,
    now: DateTime<FixedOffset>,
    dir: Directory,
    numbers_in_file: HashMap<String, usize>,
    keys_in_file: HashMap<(String, i64, String), usize>,
    good: Vec<Good>,
    errors: Vec<ImportProblem>,
    warnings: Vec<ImportProblem>,
    duplicates: usize,
    bad_rows: usize,
}

/// A problem of one row: the field whose column it names, and the message.
type RowProblem = (Option<F>, String);

impl<'a> Run<'a> {
    fn new(conn: &'a Connection, options: &'a ImportOptions) -> Result<Run<'a>> {
        Ok(Run {
            conn,
            cal: calendar::load(conn)?,
            limits: calendar::limits::get(conn)?,
            prefix: number::get_prefix(conn)?,
            now: time::now(),
            dir: Directory::load(conn, options.create_missing, &options.unit_aliases)?,
            numbers_in_file: HashMap::new(),
            keys_in_file: HashMap::new(),
            good: Vec::new(),
            errors: Vec::new(),
            warnings: Vec::new(),
            duplicates: 0,
            bad_rows: 0,
        })
    }

    fn sheet(&mut self, t: &Table<F>, progress: &mut Progress, rows: &mut Rows) -> Result<()> {
        let mapped = |f: F| t.columns.iter().any(|c| c.field == Some(f));
        let mut missing = Vec::new();
        for f in [F::Title, F::LeadUnit] {
            if !mapped(f) {
                missing.push(f.label());
            }
        }
        if !missing.is_empty() {
            self.errors.push(ImportProblem {
                sheet: t.sheet.clone(),
                row: t.header_rows.first().copied(),
                column: None,
                message: format!("没有对应“{}”的列，请在列的对应关系中指定", missing.join("”“")),
            });
            return Ok(());
        }
        if !mapped(F::AssignedAt) {
            self.warnings.push(ImportProblem {
                sheet: t.sheet.clone(),
                row: t.header_rows.first().copied(),
                column: None,
                message: "没有“交办时间”列，交办时间按导入的时间记录".into(),
            });
        }
        for row in &t.rows {
            rows.done += 1;
            progress.rows(Step::Checking, rows.done, rows.total);
            let mut warnings = Vec::new();
            match self.resolve(t, row, &mut warnings)? {
                Resolved::Good(good) => self.good.push(*good),
                Resolved::Duplicate => self.duplicates += 1,
                Resolved::Bad(problems) => {
                    self.bad_rows += 1;
                    for (field, message) in problems {
                        self.errors.push(problem(t, row, field, message));
                    }
                }
            }
            for (field, message) in warnings {
                self.warnings.push(problem(t, row, field, message));
            }
        }
        Ok(())
    }

    /// One row: its values read, its units and people found (or created), the 登记 checks run.
    fn resolve(&mut self, t: &Table<F>, row: &DataRow, warnings: &mut Vec<RowProblem>) -> Result<Resolved> {
        let cell = |f: F| t.cell(row, f);
        let text = |f: F| cell(f).map(Value::text);
        let mut problems: Vec<RowProblem> = Vec::new();
        let mut extra: Vec<String> = Vec::new();

        let assigned_at = match cell(F::AssignedAt) {
            None if t.columns.iter().any(|c| c.field == Some(F::AssignedAt)) => {
                problems.push((Some(F::AssignedAt), "请填写交办时间".into()));
                self.now
            }
            None => self.now,
            Some(v) => match values::when(v, None) {
                Ok(w) => at_cst(w, NaiveTime::from_hms_opt(9, 0, 0)),
                Err(m) => {
                    problems.push((Some(F::AssignedAt), format!("交办时间：{m}")));
                    self.now
                }
            },
        };
        let assigned_year = chrono::Datelike::year(&assigned_at);

        // 牵头单位 and 协办单位: a second unit in the lead cell is taken as a cooperator.
        let mut lead_names = text(F::LeadUnit).map(|t| values::split_names(&t)).unwrap_or_default();
        let mut cooperating_names =
            text(F::CooperatingUnits).map(|t| values::split_names(&t)).unwrap_or_default();
        if lead_names.len() > 1 {
            warnings.push((
                Some(F::LeadUnit),
                format!("牵头单位一格中有 {} 个单位，第一个作牵头单位，其余作协办单位", lead_names.len()),
            ));
            cooperating_names.splice(0..0, lead_names.drain(1..));
        }
        let lead = match lead_names.first() {
            None => {
                problems.push((Some(F::LeadUnit), "请填写牵头单位".into()));
                None
            }
            Some(name) => self.unit(name, F::LeadUnit, &mut problems)?,
        };
        let mut cooperating = Vec::new();
        for name in &cooperating_names {
            if let Some(id) = self.unit(name, F::CooperatingUnits, &mut problems)? {
                if Some(id) != lead && !cooperating.contains(&id) {
                    cooperating.push(id);
                }
            }
        }

        let responsible = match (text(F::Responsible).map(|t| values::split_names(&t)), lead) {
            (Some(names), Some(unit)) if !names.is_empty() => {
                if names.len() > 1 {
                    extra.push(format!("【责任人】{}", names.join("、")));
                }
                let input = PersonInput {
                    name: values::person_name(&names[0]),
                    unit_id: unit,
                    title: None,
                    phone: None,
                    roles: Vec::new(),
                };
                match self.dir.person(self.conn, &input)? {
                    Ok(id) => Some(id),
                    Err(m) => {
                        problems.push((Some(F::Responsible), m));
                        None
                    }
                }
            }
            (_, Some(unit)) => match self.dir.unit_head(unit) {
                Some((id, name)) => {
                    warnings
                        .push((Some(F::Responsible), format!("第一责任人为空，按牵头单位的“{name}”填入")));
                    Some(id)
                }
                None => {
                    problems.push((Some(F::Responsible), "第一责任人为空，牵头单位中也还没有人员".into()));
                    None
                }
            },
            (_, None) => None,
        };
        // Leaders are only looked up: one the directory lacks is kept in the content.
        let mut leader = |f: F, label: &str| -> Option<i64> {
            let name = values::person_name(&text(f)?);
            let found = self.dir.find_person(&name, None).ok().flatten();
            if found.is_none() {
                warnings.push((Some(f), format!("{label}“{name}”不在组织机构中，记入事项内容")));
                extra.push(format!("【{label}】{name}"));
            }
            found
        };
        let assigning_leader_id = leader(F::AssigningLeader, "交办领导");
        let leader_in_charge_id = leader(F::LeaderInCharge, "分管领导");

        let source = match text(F::Source) {
            None => "other".to_string(),
            Some(s) => match values::source_word(&s) {
                Some(source) => source.code().into(),
                None => {
                    extra.push(format!("【来源】{s}"));
                    "other".into()
                }
            },
        };
        let category = match text(F::Category) {
            None => crate::calendar::Category::Routine.code().to_string(),
            Some(s) => match values::category_word(&s) {
                Some(c) => c.code().into(),
                None => {
                    problems.push((
                        Some(F::Category),
                        format!("类别“{s}”不能识别，应为即时响应类、一般办理类或复杂协同类"),
                    ));
                    String::new()
                }
            },
        };
        let urgency = text(F::Urgency).map(|s| match values::urgency_word(&s) {
            Some(u) => u.code().to_string(),
            None => {
                problems.push((Some(F::Urgency), format!("紧急程度“{s}”不能识别，应为特急、加急或平件")));
                String::new()
            }
        });
        let feedback_cycle = text(F::FeedbackCycle).map(|s| match values::feedback_word(&s) {
            Some(c) => c.code().to_string(),
            None => {
                warnings.push((
                    Some(F::FeedbackCycle),
                    format!("反馈周期“{s}”不能识别，按“无”导入并记入事项内容"),
                ));
                extra.push(format!("【反馈周期】{s}"));
                "none".to_string()
            }
        });
        let classification = text(F::Classification).map(|s| match s.as_str() {
            "无" | "非密" | "否" | "" => "public".to_string(),
            _ => s,
        });

        // 办理时限: a date, a relative limit counted on the calendar, or none (the category's).
        let mut limit_due = None;
        let deadline = match cell(F::Deadline) {
            None => None,
            Some(v) => match values::deadline_spec(v, assigned_year) {
                Ok(DeadlineSpec::When(When::Day(d))) => Some(d.format("%Y-%m-%d").to_string()),
                Ok(DeadlineSpec::When(When::At(t))) => Some(t.format("%Y-%m-%dT%H:%M:%S").to_string()),
                Ok(DeadlineSpec::Months(n)) => {
                    values::add_months(assigned_at.date_naive(), n).map(|d| d.format("%Y-%m-%d").to_string())
                }
                Ok(DeadlineSpec::Limit(limit)) => {
                    let due = self.cal.add(assigned_at, limit)?;
                    limit_due = Some(due);
                    Some(time::to_text(due.due))
                }
                Ok(DeadlineSpec::Open) => {
                    warnings.push((
                        Some(F::Deadline),
                        format!("办理时限“{}”不是日期，按类别的办理时限计算", v.text()),
                    ));
                    extra.push(format!("【办理时限】{}", v.text()));
                    None
                }
                Err(m) => {
                    problems.push((Some(F::Deadline), format!("办理时限：{m}")));
                    None
                }
            },
        };

        // 状态 and 办结时间.
        let original_state = text(F::State);
        let state = match &original_state {
            Some(s) => match values::state_word(s) {
                Some(state) => state,
                None => {
                    problems.push((
                        Some(F::State),
                        format!("状态“{s}”不能识别，可写已交办、办理中、已反馈、已办结、已销号或已中止"),
                    ));
                    State::Assigned
                }
            },
            None if cell(F::ClosedAt).is_some() => State::Closed,
            None => State::Assigned,
        };
        let closed_at = match (state.is_finished(), cell(F::ClosedAt)) {
            (true, None) => {
                problems.push((
                    Some(F::ClosedAt),
                    format!("状态为“{}”，请填写办结时间（用于判断是否按期办结）", state.label()),
                ));
                None
            }
            (true, Some(v)) => match values::when(v, Some(assigned_year)) {
                Ok(w) => {
                    let t = at_cst(w, NaiveTime::from_hms_opt(12, 0, 0));
                    if t < assigned_at {
                        problems.push((Some(F::ClosedAt), format!("办结时间（{}）早于交办时间", v.text())));
                    } else if t > self.now {
                        problems.push((Some(F::ClosedAt), format!("办结时间（{}）在今天之后", v.text())));
                    }
                    Some(t)
                }
                Err(m) => {
                    problems.push((Some(F::ClosedAt), format!("办结时间：{m}")));
                    None
                }
            },
            (false, _) => None,
        };

        // 编号: a number alone is this office's sequence in the year of 交办时间.
        let number = match text(F::Number) {
            None => None,
            Some(n) if n.chars().count() > 60 => {
                problems.push((Some(F::Number), "编号最多 60 个字".into()));
                None
            }
            Some(n) => Some(numbered(&self.prefix, &n, assigned_year)),
        };

        let title = text(F::Title).unwrap_or_default();
        let progress = text(F::Progress);
        for column in &t.columns {
            let kept = matches!(column.field, None | Some(F::Remarks));
            if let Some(v) = row.cells.get(column.index).filter(|v| kept && !v.is_empty()) {
                extra.push(format!("【{}】{}", column.header, v.text()));
            }
        }
        let mut content = text(F::Content).unwrap_or_else(|| title.clone());
        if !extra.is_empty() {
            content = format!("{content}\n\n{}", extra.join("\n"));
        }

        // 登记's checks would only repeat a bad 交办时间 as a 时限 before it.
        let assigned_ok = !problems.iter().any(|(f, _)| *f == Some(F::AssignedAt));
        let (Some(lead_unit_id), Some(responsible_id), true) = (lead, responsible, assigned_ok) else {
            return Ok(Resolved::Bad(problems));
        };
        let input = AssignmentInput {
            title,
            source,
            source_doc_no: text(F::SourceDocNo),
            assigning_leader_id,
            assigned_at: Some(time::to_text(assigned_at)),
            content,
            category,
            urgency,
            lead_unit_id,
            cooperating_unit_ids: cooperating,
            responsible_id,
            contact: text(F::Contact),
            contact_phone: text(F::ContactPhone),
            leader_in_charge_id,
            deadline,
            feedback_cycle,
            classification,
            tags: text(F::Tags).map(|t| values::split_names(&t)).unwrap_or_default(),
            ..AssignmentInput::default()
        };
        let mut checked = match register::check_with(self.conn, &self.cal, &self.limits, &input) {
            Ok(c) => c,
            Err(Error::Invalid { field, message }) | Err(Error::Duplicate { field, message }) => {
                problems.push((field_of(&field), message));
                return Ok(Resolved::Bad(problems));
            }
            Err(e) if e.is_bad_input() => {
                problems.push((None, e.to_string()));
                return Ok(Resolved::Bad(problems));
            }
            Err(e) => return Err(e),
        };
        if let Some(due) = limit_due {
            checked.deadline = due;
        }
        if !problems.is_empty() {
            return Ok(Resolved::Bad(problems));
        }

        // Already in the ledger, or twice in this file.
        if let Some(n) = &number {
            let existing: Option<String> = self
                .conn
                .query_row("SELECT title FROM assignment WHERE number = ?1", [&n.number], |r| r.get(0))
                .optional()?;
            match existing {
                Some(title) if comparison_key(&title) == comparison_key(&checked.title) => {
                    return Ok(Resolved::Duplicate)
                }
                Some(title) => {
                    return Ok(Resolved::Bad(vec![(
                        Some(F::Number),
                        format!("编号“{}”已被事项“{title}”使用", n.number),
                    )]))
                }
                None => {}
            }
            if let Some(first) = self.numbers_in_file.insert(n.number.clone(), row.number) {
                return Ok(Resolved::Bad(vec![(
                    Some(F::Number),
                    format!("编号“{}”与第 {first} 行重复", n.number),
                )]));
            }
        }
        let key = (checked.title.clone(), checked.lead_unit_id, time::to_text(checked.assigned_at));
        let in_ledger: bool = self.conn.query_row(
            "SELECT EXISTS (SELECT 1 FROM assignment WHERE lead_unit_id = ?1 AND assigned_at = ?2 AND title = ?3)",
            params![key.1, key.2, key.0],
            |r| r.get(0),
        )?;
        if in_ledger {
            return Ok(Resolved::Duplicate);
        }
        if let Some(first) = self.keys_in_file.insert(key, row.number) {
            warnings
                .push((None, format!("与第 {first} 行的标题、牵头单位和交办时间都相同，视为重复，未导入")));
            return Ok(Resolved::Duplicate);
        }

        let standing = Standing {
            state,
            closed_at,
            last_report_at: (progress.is_some() && state.is_open()).then_some(self.now),
            suspended: (state == State::Suspended).then_some((State::InProgress, self.now)),
        };
        let lead_unit = self.dir.unit_name(lead_unit_id).to_string();
        Ok(Resolved::Good(Box::new(Good {
            sheet: t.sheet.clone(),
            row: row.number,
            event_at: closed_at.unwrap_or(checked.assigned_at),
            checked,
            number,
            standing,
            original_state,
            progress,
            lead_unit,
        })))
    }

    /// A unit of the sheet, its problem put at `field`.
    fn unit(&mut self, name: &str, field: F, problems: &mut Vec<RowProblem>) -> Result<Option<i64>> {
        Ok(match self.dir.unit(self.conn, name)? {
            Ok(id) => Some(id),
            Err(m) => {
                problems.push((Some(field), m));
                None
            }
        })
    }

    /// Writes the good rows: the counters raised past every kept 编号 first, so that the rows
    /// without one continue after them; then each item with its 导入 event.
    fn write(
        &mut self,
        file: &str,
        sha256: &str,
        entered_by: Option<i64>,
        progress: &mut Progress,
    ) -> Result<Vec<PreviewRow>> {
        let mut highest: BTreeMap<i32, i64> = BTreeMap::new();
        for n in self.good.iter().filter_map(|g| g.number.as_ref()) {
            let seq = highest.entry(n.year).or_insert(0);
            *seq = (*seq).max(n.seq);
        }
        for (year, seq) in highest {
            db::execute(
                self.conn,
                "INSERT INTO assignment_counter (year, last) VALUES (?1, ?2)
                 ON CONFLICT (year) DO UPDATE SET last = excluded.last WHERE excluded.last > last",
                params![year, seq],
            )?;
        }
        let mut preview = Vec::new();
        for (i, g) in self.good.iter().enumerate() {
            progress.rows(Step::Writing, i + 1, self.good.len());
            let numbered = match &g.number {
                Some(n) => n.clone(),
                None => register::take_number(self.conn, &g.checked, &self.prefix)?,
            };
            let id =
                register::insert_row(self.conn, &g.checked, &numbered, g.standing, entered_by, self.now)?;
            let mut payload = register::deadline_payload(&g.checked);
            payload["file"] = file.into();
            payload["sha256"] = sha256.into();
            payload["sheet"] = g.sheet.as_str().into();
            payload["row"] = g.row.into();
            payload["imported_at"] = time::to_text(self.now).into();
            if let Some(s) = &g.original_state {
                payload["original_state"] = s.as_str().into();
            }
            lifecycle::record_event::<Items>(
                self.conn,
                &NewEvent {
                    record_id: id,
                    kind: EventKind::Import,
                    from: None,
                    to: g.standing.state,
                    actor_id: None,
                    entered_by,
                    at: g.event_at,
                    note: g.progress.clone(),
                    payload,
                },
            )?;
            if preview.len() < PREVIEW_ROWS {
                preview.push(PreviewRow {
                    sheet: g.sheet.clone(),
                    row: g.row,
                    number: numbered.number,
                    title: g.checked.title.clone(),
                    lead_unit: g.lead_unit.clone(),
                    deadline: g.checked.deadline.due,
                    state: g.standing.state,
                });
            }
        }
        Ok(preview)
    }
}

enum Resolved {
    Good(Box<Good>),
    Duplicate,
    Bad(Vec<RowProblem>),
}

fn problem(t: &Table<F>, row: &DataRow, field: Option<F>, message: String) -> ImportProblem {
    let column = field.and_then(|f| t.columns.iter().find(|c| c.field == Some(f))).map(|c| c.header.clone());
    ImportProblem { sheet: t.sheet.clone(), row: Some(row.number), column, message }
}

/// The ledger column of a field 登记's checks name.
fn field_of(field: &str) -> Option<F> {
    Some(match field {
        "title" => F::Title,
        "content" => F::Content,
        "source" => F::Source,
        "category" => F::Category,
        "urgency" => F::Urgency,
        "feedback_cycle" => F::FeedbackCycle,
        "classification" => F::Classification,
        "assigned_at" => F::AssignedAt,
        "deadline" => F::Deadline,
        "lead_unit_id" => F::LeadUnit,
        "cooperating_unit_ids" => F::CooperatingUnits,
        "responsible_id" => F::Responsible,
        "contact_phone" => F::ContactPhone,
        "tags" => F::Tags,
        _ => return None,
    })
}

/// A ledger's time in China Standard Time; a day alone takes `default_time`.
fn at_cst(w: When, default_time: Option<NaiveTime>) -> DateTime<FixedOffset> {
    let naive: NaiveDateTime = match w {
        When::At(t) => t,
        When::Day(d) => d.and_time(default_time.unwrap_or(NaiveTime::MIN)),
    };
    naive
        .and_local_timezone(time::cst())
        .single()
        .unwrap_or_else(|| DateTime::from_naive_utc_and_offset(naive, time::cst()))
}

/// An imported 编号 with the year and sequence it counts in: a plain number is this office's
/// sequence (督〔2026〕15号); another office's number is kept as written, its sequence the digits
/// before 号 (or the last run of digits) and its year the four-digit year it names.
fn numbered(prefix: &str, text: &str, assigned_year: i32) -> Numbered {
    let text = text.trim();
    if let Ok(seq) = text.parse::<i64>() {
        if (1..=1_000_000).contains(&seq) {
            return Numbered {
                year: assigned_year,
                seq,
                number: number::format_number(prefix, assigned_year, seq),
            };
        }
    }
    let runs: Vec<(usize, &str)> = digit_runs(text);
    let year = runs
        .iter()
        .filter_map(|(_, r)| r.parse::<i32>().ok().filter(|y| r.len() == 4 && (1990..=2100).contains(y)))
        .next()
        .unwrap_or(assigned_year);
    let seq = runs
        .iter()
        .rev()
        .find(|(end, r)| {
            text[*end..].starts_with('号') || (r.len() != 4 || r.parse::<i32>().ok() != Some(year))
        })
        .and_then(|(_, r)| r.parse::<i64>().ok())
        .filter(|s| *s <= 1_000_000)
        .unwrap_or(0);
    Numbered { year, seq, number: text.to_string() }
}

/// The runs of ASCII digits of a text, each with the byte offset where it ends.
fn digit_runs(text: &str) -> Vec<(usize, &str)> {
    let mut runs = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices().chain(std::iter::once((text.len(), ' '))) {
        match (c.is_ascii_digit(), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                runs.push((i, &text[s..i]));
                start = None;
            }
            _ => {}
        }
    }
    runs
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kept_numbers_count_in_their_year() {
        let n = numbered("督", "15", 2026);
        assert_eq!((n.year, n.seq, n.number.as_str()), (2026, 15, "督〔2026〕15号"));
        let n = numbered("督", "督〔2025〕37号", 2026);
        assert_eq!((n.year, n.seq, n.number.as_str()), (2025, 37, "督〔2025〕37号"));
        let n = numbered("督", "DB-2026-012", 2026);
        assert_eq!((n.year, n.seq), (2026, 12));
        let n = numbered("督", "第三批", 2026);
        assert_eq!((n.year, n.seq, n.number.as_str()), (2026, 0, "第三批"));
    }
}

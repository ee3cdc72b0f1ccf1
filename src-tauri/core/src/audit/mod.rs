//! 审计日志: every write of the core appends one hash-chained record to `audit_log` in the same
//! transaction. See `docs/security.md` for what the chain proves and what it does not.
//!
//! **How records are written.** Row triggers (AFTER INSERT/UPDATE/DELETE on every data table),
//! generated here from the schema and installed by the migrations ([`install`]), so no write path
//! can forget its record and each record commits or rolls back with its write. The hash is computed
//! inside SQLite by `luoshi_audit_hash`, registered on every connection in `db::configure`.
//! Imports and restores add an explicit note ([`note`]) beside the rows they write.
//!
//! **Canonical form.** A record's hash is the lowercase hex SHA-256 of the compact JSON array
//! `[prev_hash, seq, at, actor, action, object_kind, object_id, before, after]` (nulls as `null`,
//! `seq` a number, the rest strings exactly as stored; `before`/`after` are JSON text: the whole row
//! for an insert, a delete or a baseline; for an edit, from migration 0006 on, only the columns it
//! changed (`luoshi_audit_changes`; records written before keep the whole row, which verification reads
//! the same way). The first record's `prev_hash` is null.

mod fields;
mod list;
mod verify;

#[cfg(test)]
mod tests;

use std::collections::BTreeSet;

use rusqlite::functions::FunctionFlags;
use rusqlite::types::ValueRef;
use rusqlite::{params, Connection, OptionalExtension};
use sha2::{Digest, Sha256};

pub use list::{list, AuditFilter, AuditRecord};
pub use verify::{check, verify, AuditProblem, AuditReport, ProblemKind};

use crate::Result;

coded_enum!(
    /// What an audit record says happened.
    AuditAction, "action", "审计操作", {
        Insert = ("insert", "新增"),
        Update = ("update", "修改"),
        Delete = ("delete", "删除"),
        /// A row that already existed when the trail was switched on.
        Baseline = ("baseline", "启用审计时已有"),
        Import = ("import", "导入"),
        Restore = ("restore", "从备份恢复"),
        EncryptionOn = ("encryption_on", "启用加密"),
        EncryptionOff = ("encryption_off", "取消加密"),
        PasswordChanged = ("password_changed", "修改密码"),
    }
);

coded_enum!(
    /// The kind of object an audit record is about: the table written, or the file of a note.
    AuditObject, "object_kind", "审计对象", {
        Unit = ("unit", "单位"),
        Person = ("person", "人员"),
        Profile = ("profile", "本机用户"),
        Setting = ("setting", "设置"),
        CalendarYear = ("calendar_year", "工作日历年度"),
        CalendarDay = ("calendar_day", "工作日历调整"),
        AssignmentCounter = ("assignment_counter", "事项编号计数"),
        Assignment = ("assignment", "交办事项"),
        AssignmentCooperator = ("assignment_cooperator", "协办单位"),
        AssignmentEvent = ("assignment_event", "事项办理记录"),
        SummaryTemplate = ("summary_template", "总结模板"),
        SummaryTemplateSection = ("summary_template_section", "模板章节"),
        Summary = ("summary", "总结"),
        SummarySection = ("summary_section", "总结章节"),
        SummaryVersion = ("summary_version", "总结版本"),
        SummaryOpinion = ("summary_opinion", "审核意见"),
        SummaryEvent = ("summary_event", "总结办理记录"),
        ArchiveFile = ("archive_file", "归档件"),
        ArchiveEvent = ("archive_event", "归档记录"),
        SummaryFollowUp = ("summary_follow_up", "成果应用"),
        CalendarFile = ("calendar_file", "日历文件"),
        TemplateFile = ("template_file", "模板文件"),
        SummaryFile = ("summary_file", "总结文件"),
        LedgerFile = ("ledger_file", "台账文件"),
        ContactsFile = ("contacts_file", "通讯录文件"),
        Backup = ("backup", "备份文件"),
        DataFile = ("data_file", "数据文件"),
        ArchivePackage = ("archive_package", "归档移交包"),
    }
);

/// The actions a row trigger (or a baseline) writes: the ones the data is compared against.
pub(crate) const ROW_ACTIONS: &str = "('insert', 'update', 'delete', 'baseline')";

/// The guard triggers of the migration, which keep `audit_log` append-only.
pub(crate) const GUARDS: &[&str] = &["audit_log_no_update", "audit_log_no_delete"];

/// Registers `luoshi_audit_hash` and `luoshi_audit_changes` on a connection: every write through the
/// triggers needs them.
pub fn register(conn: &Connection) -> rusqlite::Result<()> {
    let flags = FunctionFlags::SQLITE_UTF8 | FunctionFlags::SQLITE_DETERMINISTIC;
    conn.create_scalar_function("luoshi_audit_hash", 9, flags, |ctx| {
        let fields = [0, 1, 2, 3, 4, 5, 6, 7, 8].map(|i| ctx.get_raw(i));
        hash_values(&fields).map_err(|e| rusqlite::Error::UserFunctionError(e.into()))
    })?;
    conn.create_scalar_function("luoshi_audit_changes", -1, flags, |ctx| {
        let args: Vec<ValueRef<'_>> = (0..ctx.len()).map(|i| ctx.get_raw(i)).collect();
        changes(&args).map_err(|e| rusqlite::Error::UserFunctionError(e.into()))
    })?;
    Ok(())
}

/// `luoshi_audit_changes(side, name, old, new, name, old, new, …)`: the JSON object of the columns
/// whose old and new values differ (as SQL's `IS NOT` sees them), with their old values for side 0
/// (`before`) and their new ones for side 1 (`after`). Done in Rust: SQL's `json_object` cannot
/// leave a key out, and comparing here keeps the trigger (compiled into every statement) short.
pub(crate) fn changes(args: &[ValueRef<'_>]) -> std::result::Result<String, String> {
    let side = match args.first() {
        Some(ValueRef::Integer(side @ (0 | 1))) => *side as usize,
        _ => return Err("luoshi_audit_changes: 第一个参数应为 0 或 1".into()),
    };
    if args.len() % 3 != 1 {
        return Err("luoshi_audit_changes: 参数应为 side 与若干组 (列名, 旧值, 新值)".into());
    }
    let mut out = Vec::with_capacity(128);
    out.push(b'{');
    for triple in args[1..].chunks_exact(3) {
        if same(triple[1], triple[2]) {
            continue;
        }
        let ValueRef::Text(name) = triple[0] else {
            return Err("luoshi_audit_changes: 列名应为文本".into());
        };
        if out.len() > 1 {
            out.push(b',');
        }
        json_value(&mut out, ValueRef::Text(name))?;
        out.push(b':');
        json_value(&mut out, triple[1 + side])?;
    }
    out.push(b'}');
    String::from_utf8(out).map_err(|e| e.to_string())
}

/// SQL's `IS`: both null, or equal values (an integer equals the same real).
fn same(a: ValueRef<'_>, b: ValueRef<'_>) -> bool {
    match (a, b) {
        (ValueRef::Null, ValueRef::Null) => true,
        (ValueRef::Integer(x), ValueRef::Integer(y)) => x == y,
        (ValueRef::Real(x), ValueRef::Real(y)) => x == y,
        (ValueRef::Integer(x), ValueRef::Real(y)) | (ValueRef::Real(y), ValueRef::Integer(x)) => {
            x as f64 == y
        }
        (ValueRef::Text(x), ValueRef::Text(y)) | (ValueRef::Blob(x), ValueRef::Blob(y)) => x == y,
        _ => false,
    }
}

/// One stored value as JSON, appended to `out`: the one writer of the canonical form and of changes.
fn json_value(out: &mut Vec<u8>, value: ValueRef<'_>) -> std::result::Result<(), String> {
    let written = match value {
        ValueRef::Null => {
            out.extend_from_slice(b"null");
            Ok(())
        }
        ValueRef::Integer(n) => serde_json::to_writer(&mut *out, &n),
        ValueRef::Real(f) => serde_json::to_writer(&mut *out, &f),
        ValueRef::Text(t) => serde_json::to_writer(&mut *out, &*String::from_utf8_lossy(t)),
        ValueRef::Blob(_) => return Err("审计记录的字段不能是二进制数据".into()),
    };
    written.map_err(|e| e.to_string())
}

/// SHA-256 (lowercase hex) of the canonical form: the compact JSON array of the fields as stored.
/// Written straight from the values (no `serde_json::Value` copies of them): it runs once per record.
pub(crate) fn hash_values(fields: &[ValueRef<'_>]) -> std::result::Result<String, String> {
    let mut canonical = Vec::with_capacity(512);
    canonical.push(b'[');
    for (i, value) in fields.iter().enumerate() {
        if i > 0 {
            canonical.push(b',');
        }
        json_value(&mut canonical, *value)?;
    }
    canonical.push(b']');
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let mut hex = String::with_capacity(64);
    for b in Sha256::digest(&canonical) {
        hex.push(HEX[usize::from(b >> 4)] as char);
        hex.push(HEX[usize::from(b & 0x0f)] as char);
    }
    Ok(hex)
}

/// One data table as the triggers see it.
#[derive(Debug, Clone)]
pub(crate) struct Table {
    pub name: String,
    pub columns: Vec<String>,
    /// The primary key's columns in key order (the rowid when the table declares none).
    pub key: Vec<String>,
}

impl Table {
    /// The row as a JSON object, `prefix` being `NEW.`, `OLD.` or empty.
    pub fn row_json(&self, prefix: &str) -> String {
        let pairs: Vec<String> = self.columns.iter().map(|c| format!("'{c}', {prefix}\"{c}\"")).collect();
        format!("json_object({})", pairs.join(", "))
    }

    /// The columns an edit changed, with their old (`side` 0) or new (1) values, as a JSON object.
    pub fn changes_json(&self, side: u8) -> String {
        let triples: Vec<String> =
            self.columns.iter().map(|c| format!("'{c}', OLD.\"{c}\", NEW.\"{c}\"")).collect();
        format!("luoshi_audit_changes({side}, {})", triples.join(", "))
    }

    /// The object id as text: the key, its columns joined by `/`.
    pub fn id_expr(&self, prefix: &str) -> String {
        let parts: Vec<String> = self.key.iter().map(|c| format!("CAST({prefix}\"{c}\" AS TEXT)")).collect();
        parts.join(" || '/' || ")
    }

    /// Every row now in the table as (object id, row JSON) — the forms the trail records — in key
    /// order. What the baseline records and what verification compares with the trail.
    pub fn rows(&self, conn: &Connection) -> Result<Vec<(String, String)>> {
        let sql =
            format!("SELECT {}, {} FROM \"{}\" ORDER BY 1", self.id_expr(""), self.row_json(""), self.name);
        let mut stmt = conn.prepare(&sql)?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }

    /// The generated triggers: (name, full SQL as sqlite_master keeps it).
    pub fn triggers(&self) -> Vec<(String, String)> {
        let t = &self.name;
        let changed: Vec<String> =
            self.columns.iter().map(|c| format!("OLD.\"{c}\" IS NOT NEW.\"{c}\"")).collect();
        let kind = format!("'{t}'");
        vec![
            (
                format!("audit_{t}_insert"),
                format!(
                    "CREATE TRIGGER audit_{t}_insert AFTER INSERT ON \"{t}\" BEGIN {}; END",
                    record_insert("'insert'", &kind, &self.id_expr("NEW."), "NULL", &self.row_json("NEW."))
                ),
            ),
            (
                format!("audit_{t}_update"),
                format!(
                    "CREATE TRIGGER audit_{t}_update AFTER UPDATE ON \"{t}\" WHEN {} BEGIN {}; END",
                    changed.join(" OR "),
                    record_insert(
                        "'update'",
                        &kind,
                        &self.id_expr("NEW."),
                        &self.changes_json(0),
                        &self.changes_json(1)
                    )
                ),
            ),
            (
                format!("audit_{t}_delete"),
                format!(
                    "CREATE TRIGGER audit_{t}_delete AFTER DELETE ON \"{t}\" BEGIN {}; END",
                    record_insert("'delete'", &kind, &self.id_expr("OLD."), &self.row_json("OLD."), "NULL")
                ),
            ),
        ]
    }
}

/// The statement that appends one record: the next seq, the last hash, the time (China Standard
/// Time), the local profile's name, and the hash over them — one statement, so it is chained in
/// the transaction of the write that caused it.
fn record_insert(action: &str, kind: &str, id: &str, before: &str, after: &str) -> String {
    format!(
        "INSERT INTO audit_log (seq, at, actor, action, object_kind, object_id, before, after, prev_hash, hash) \
         SELECT s, t, a, x, k, i, b, f, p, luoshi_audit_hash(p, s, t, a, x, k, i, b, f) FROM (SELECT \
         coalesce((SELECT max(seq) FROM audit_log), 0) + 1 AS s, \
         (SELECT hash FROM audit_log ORDER BY seq DESC LIMIT 1) AS p, \
         strftime('%Y-%m-%dT%H:%M:%S+08:00', 'now', '+8 hours') AS t, \
         coalesce((SELECT pe.name FROM profile pf JOIN person pe ON pe.id = pf.person_id), '未设置') AS a, \
         {action} AS x, {kind} AS k, CAST({id} AS TEXT) AS i, {before} AS b, {after} AS f)"
    )
}

/// The data tables: every table of the schema but the trail itself and SQLite's own.
pub(crate) fn tables(conn: &Connection) -> Result<Vec<Table>> {
    let names: Vec<String> = conn
        .prepare(
            "SELECT name FROM pragma_table_list WHERE schema = 'main' AND type = 'table'
             AND name NOT LIKE 'sqlite_%' AND name <> 'audit_log' ORDER BY name",
        )?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let mut out = Vec::new();
    for name in names {
        let mut stmt = conn.prepare("SELECT name, pk FROM pragma_table_info(?1) ORDER BY cid")?;
        let cols: Vec<(String, i64)> =
            stmt.query_map([&name], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<rusqlite::Result<_>>()?;
        let mut keyed: Vec<&(String, i64)> = cols.iter().filter(|(_, pk)| *pk > 0).collect();
        keyed.sort_by_key(|(_, pk)| *pk);
        let mut key: Vec<String> = keyed.iter().map(|(c, _)| c.clone()).collect();
        if key.is_empty() {
            key.push("rowid".into());
        }
        out.push(Table { name, columns: cols.into_iter().map(|(c, _)| c).collect(), key });
    }
    Ok(out)
}

/// (Re)installs the row triggers for the current schema and records a baseline for every row
/// that has no record yet. Runs inside a migration's transaction.
pub fn install(conn: &Connection) -> Result<()> {
    // A bare connection (tests, tools) migrates too; the baselines need the hash function.
    register(conn)?;
    let old: Vec<String> = conn
        .prepare(
            "SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'audit\\_%' ESCAPE '\\'",
        )?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let tables = tables(conn)?;
    let installed: Vec<Option<BTreeSet<String>>> =
        tables.iter().map(|t| installed_columns(conn, &t.name)).collect::<Result<_>>()?;
    for name in old.iter().filter(|n| !GUARDS.contains(&n.as_str())) {
        conn.execute_batch(&format!("DROP TRIGGER \"{name}\""))?;
    }
    for (table, installed) in tables.iter().zip(installed) {
        for (_, sql) in table.triggers() {
            conn.execute_batch(&sql)?;
        }
        // A migration that added or dropped columns: edits record only changed columns, so the
        // rows as the trail has them would lack the new ones. Each row is recorded whole again.
        let reshaped = installed.is_some_and(|old| old != table.columns.iter().cloned().collect());
        let rows = table.rows(conn)?;
        let mut recorded = conn.prepare(&format!(
            "SELECT EXISTS (SELECT 1 FROM audit_log WHERE object_kind = ?1 AND object_id = ?2 AND action IN {ROW_ACTIONS})"
        ))?;
        for (id, row) in rows {
            if reshaped || !recorded.query_row(params![table.name, id], |r| r.get::<_, bool>(0))? {
                append(conn, AuditAction::Baseline.code(), &table.name, &id, None, Some(&row))?;
            }
        }
    }
    Ok(())
}

/// The columns the installed update trigger of `table` compares (its `OLD."c" IS NOT NEW."c"`
/// terms), or `None` before the trail was installed on it.
fn installed_columns(conn: &Connection, table: &str) -> Result<Option<BTreeSet<String>>> {
    let sql: Option<String> = conn
        .query_row(
            "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?1",
            [format!("audit_{table}_update")],
            |r| r.get(0),
        )
        .optional()?;
    Ok(sql.map(|sql| {
        sql.split("OLD.\"").skip(1).filter_map(|rest| rest.split('"').next()).map(str::to_string).collect()
    }))
}

fn append(
    conn: &Connection,
    action: &str,
    kind: &str,
    id: &str,
    before: Option<&str>,
    after: Option<&str>,
) -> Result<()> {
    crate::db::execute(
        conn,
        &record_insert("?1", "?2", "?3", "?4", "?5"),
        params![action, kind, id, before, after],
    )?;
    Ok(())
}

/// An explicit record beside the rows an import or a restore writes: what was imported from where.
/// Written on the transaction (or connection) of that write.
pub fn note(
    conn: &Connection,
    action: AuditAction,
    kind: AuditObject,
    id: &str,
    detail: &serde_json::Value,
) -> Result<()> {
    append(conn, action.code(), kind.code(), id, None, Some(&detail.to_string()))
}

//! A summary as a JSON file, to move it between PCs. Export writes the current content with the
//! unit, drafter and template by name; import creates a new summary (new id, 撰写中) after matching
//! those names against this PC's directory. A malformed file is refused with the JSON path of the
//! bad field, before anything is written.

use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

use super::draft::{self, check_text, check_title, insert_summary, NewSection, NewSummary};
use super::flow::Summaries;
use super::indicators;
use super::json;
use super::model::{
    Classification, IndicatorInput, SectionRole, SummaryEventKind, SummaryField, SummaryKind, SummaryState,
    SummaryVersionKind,
};
use super::template::strip_heading_number;
use super::version;
use crate::audit::{AuditAction, AuditObject};
use crate::lifecycle::{self, NewEvent};
use crate::{db, time, Error, Result};

/// The `format` of a summary file.
pub const SUMMARY_FORMAT: &str = "luoshi.summary";
/// The version of the summary file format this build writes and reads.
pub const SUMMARY_FORMAT_VERSION: u32 = 1;

const WHAT: &str = "总结文件";
const MAX_SECTIONS: usize = 30;

/// A summary file. Enum fields are text (codes or Chinese labels both read back).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SummaryFile {
    pub format: String,
    pub version: u32,
    /// When and by which build it was written (informational).
    #[serde(default)]
    pub exported_at: Option<String>,
    #[serde(default)]
    pub app_version: Option<String>,
    pub title: String,
    pub kind: String,
    pub field: String,
    #[serde(default = "public")]
    pub classification: String,
    /// YYYY-MM-DD
    pub period_from: String,
    /// YYYY-MM-DD
    pub period_to: String,
    /// 撰写单位, by full name.
    pub unit: String,
    pub drafter: PersonRef,
    /// The template's name (matched when this PC has it).
    #[serde(default)]
    pub template: Option<String>,
    /// The state on the exporting PC (informational; an import starts in 撰写中).
    #[serde(default)]
    pub state: Option<String>,
    pub sections: Vec<SummaryFileSection>,
}

fn public() -> String {
    Classification::Public.code().to_string()
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PersonRef {
    pub name: String,
    /// The person's unit, to tell namesakes apart.
    #[serde(default)]
    pub unit: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SummaryFileSection {
    pub heading: String,
    pub role: String,
    #[serde(default)]
    pub guidance: String,
    #[serde(default)]
    pub text: String,
    #[serde(default)]
    pub indicators: Vec<IndicatorInput>,
}

/// The summary as a file.
pub fn summary_file(conn: &Connection, id: i64) -> Result<SummaryFile> {
    let s = draft::get_summary(conn, id)?;
    let drafter_unit: String = conn.query_row(
        "SELECT u.name FROM person p JOIN unit u ON u.id = p.unit_id WHERE p.id = ?1",
        [s.drafter.id],
        |r| r.get(0),
    )?;
    let sections = draft::raw_sections(conn, id)?
        .into_iter()
        .map(|s| SummaryFileSection {
            role: s.role.code().into(),
            heading: s.heading,
            guidance: s.guidance,
            text: s.text,
            indicators: s.indicators,
        })
        .collect();
    Ok(SummaryFile {
        format: SUMMARY_FORMAT.into(),
        version: SUMMARY_FORMAT_VERSION,
        exported_at: Some(time::now_text()),
        app_version: Some(crate::VERSION.into()),
        title: s.title,
        kind: s.kind.code().into(),
        field: s.field.code().into(),
        classification: s.classification.code().into(),
        period_from: s.period_from.format("%Y-%m-%d").to_string(),
        period_to: s.period_to.format("%Y-%m-%d").to_string(),
        unit: s.unit.name,
        drafter: PersonRef { name: s.drafter.name, unit: Some(drafter_unit) },
        template: Some(s.template_name),
        state: Some(s.state.code().into()),
        sections,
    })
}

/// 导出 as pretty JSON.
pub fn export_summary_json(conn: &Connection, id: i64) -> Result<String> {
    serde_json::to_string_pretty(&summary_file(conn, id)?).map_err(|e| Error::Io(std::io::Error::other(e)))
}

/// Re-labels an error of a field check with the file's JSON path.
fn at_path(path: &str, e: Error) -> Error {
    match e {
        Error::Invalid { message, .. } => json::at(path, WHAT, &message),
        e => e,
    }
}

fn date_at(path: &str, value: &str) -> Result<NaiveDate> {
    draft::parse_date(path, "日期", value).map_err(|e| at_path(path, e))
}

/// Everything an import needs, checked, before anything is written.
fn check_file(conn: &Connection, file: &SummaryFile) -> Result<NewSummary> {
    if file.format != SUMMARY_FORMAT {
        return Err(json::at("format", WHAT, &format!("应为“{SUMMARY_FORMAT}”，这不是落实导出的总结文件")));
    }
    if file.version != SUMMARY_FORMAT_VERSION {
        return Err(json::at(
            "version",
            WHAT,
            &format!("本程序只能读取第 {SUMMARY_FORMAT_VERSION} 版的总结文件，请安装新版落实"),
        ));
    }
    let title = check_title("title", &file.title).map_err(|e| at_path("title", e))?;
    let kind = SummaryKind::parse_at("kind", &file.kind).map_err(|e| at_path("kind", e))?;
    let field = SummaryField::parse_at("field", &file.field).map_err(|e| at_path("field", e))?;
    let classification = if ["秘密", "机密", "绝密", "涉密"].iter().any(|w| file.classification.contains(w))
    {
        return Err(json::at("classification", WHAT, "本程序不得处理涉密材料，密级只能为公开或内部"));
    } else {
        Classification::parse(&file.classification).map_err(|e| at_path("classification", e))?
    };
    let period_from = date_at("period_from", &file.period_from)?;
    let period_to = date_at("period_to", &file.period_to)?;
    if period_to < period_from {
        return Err(json::at("period_to", WHAT, "总结期间的结束日期不能早于开始日期"));
    }
    if file.sections.is_empty() || file.sections.len() > MAX_SECTIONS {
        return Err(json::at("sections", WHAT, &format!("应有 1 到 {MAX_SECTIONS} 个章节")));
    }
    let mut sections = Vec::with_capacity(file.sections.len());
    for (i, s) in file.sections.iter().enumerate() {
        let path = |f: &str| format!("sections[{i}].{f}");
        let heading = strip_heading_number(&s.heading);
        if heading.is_empty() {
            return Err(json::at(&path("heading"), WHAT, "章节标题不能为空"));
        }
        let role = SectionRole::parse_at(&path("role"), &s.role).map_err(|e| at_path(&path("role"), e))?;
        let text = check_text(&path("text"), &s.text).map_err(|e| at_path(&path("text"), e))?;
        let rows = indicators::clean(&s.indicators, &path("indicators")).map_err(|e| match &e {
            Error::Invalid { field, .. } => at_path(&field.clone(), e),
            _ => e,
        })?;
        if !rows.is_empty() && role != SectionRole::TargetsVsResults {
            return Err(json::at(&path("indicators"), WHAT, "指标表只能放在“目标与完成情况”类的章节"));
        }
        sections.push(NewSection {
            heading,
            role,
            guidance: s.guidance.trim().to_string(),
            text,
            indicators: rows,
        });
    }

    // The directory of this PC.
    let unit_id: i64 = conn
        .query_row("SELECT id FROM unit WHERE name = ?1 AND active = 1", [file.unit.trim()], |r| r.get(0))
        .optional()?
        .ok_or_else(|| {
            json::at(
                "unit",
                WHAT,
                &format!(
                    "撰写单位“{}”不在本机的单位名录中，请先在“设置—单位”中添加同名单位后再导入",
                    file.unit.trim()
                ),
            )
        })?;
    let name = file.drafter.name.trim();
    let drafter_unit = file.drafter.unit.as_deref().map(str::trim).filter(|u| !u.is_empty());
    let mut stmt = conn.prepare(
        "SELECT p.id, u.name FROM person p JOIN unit u ON u.id = p.unit_id WHERE p.name = ?1 AND p.active = 1
         ORDER BY p.id",
    )?;
    let namesakes = stmt
        .query_map([name], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let in_unit: Vec<i64> =
        namesakes.iter().filter(|(_, u)| Some(u.as_str()) == drafter_unit).map(|(id, _)| *id).collect();
    let drafter_id = match (in_unit.as_slice(), namesakes.as_slice()) {
        ([id], _) => *id,
        ([], [(id, _)]) => *id,
        ([], []) => {
            return Err(json::at(
                "drafter.name",
                WHAT,
                &format!("撰写人“{name}”不在本机的人员名录中，请先在“设置—人员”中添加后再导入"),
            ))
        }
        _ => {
            return Err(json::at(
                "drafter.unit",
                WHAT,
                &format!("人员名录中有多位“{name}”，无法确定是哪一位，请在文件中写明其所在单位"),
            ))
        }
    };
    let template_name = file.template.as_deref().map(str::trim).filter(|t| !t.is_empty()).unwrap_or("导入");
    let template_id: Option<i64> = conn
        .query_row(
            "SELECT id FROM summary_template WHERE name = ?1 AND active = 1 ORDER BY id LIMIT 1",
            [template_name],
            |r| r.get(0),
        )
        .optional()?;
    Ok(NewSummary {
        title,
        kind,
        field,
        period_from,
        period_to,
        unit_id,
        drafter_id,
        template_id,
        template_name: template_name.to_string(),
        classification,
        sections,
    })
}

/// 导入 a summary file: a new summary in 撰写中 with its own id, an 导入 event and a first version.
/// Returns the new id. A malformed file, or a unit or drafter this PC does not know, changes nothing.
pub fn import_summary(conn: &mut Connection, text: &str) -> Result<i64> {
    crate::files::check_text_size(crate::files::FileRole::Summary, text)?;
    let file: SummaryFile = json::parse(text, WHAT)?;
    // Checked whole before anything is written (a refused file leaves no built-in templates
    // behind), then again once they are there, for the template named in the file.
    check_file(conn, &file)?;
    super::template::seed_templates(conn)?;
    let new = check_file(conn, &file)?;
    crate::backup::before_change(conn, crate::backup::BackupReason::BeforeImport)?;
    let entered_by = lifecycle::entered_by(conn)?;
    let tx = db::begin_write(conn)?;
    let id = insert_summary(&tx, &new, entered_by)?;
    if new.sections.iter().any(|s| !s.text.is_empty() || !s.indicators.is_empty()) {
        crate::db::execute(&tx, "UPDATE summary SET revision = 1 WHERE id = ?1", params![id])?;
    }
    let number = version::insert_version(&tx, id, SummaryVersionKind::Import, Some("导入"), entered_by)?;
    lifecycle::record_event::<Summaries>(
        &tx,
        &NewEvent {
            record_id: id,
            kind: SummaryEventKind::Import,
            from: None,
            to: SummaryState::Drafting,
            actor_id: Some(new.drafter_id),
            entered_by,
            at: time::now(),
            note: None,
            payload: serde_json::json!({
                "exported_at": file.exported_at,
                "source_state": file.state,
                "template": new.template_name,
                "version": number,
            }),
        },
    )?;
    let detail = serde_json::json!({"summary_id": id, "exported_at": file.exported_at, "version": number});
    crate::audit::note(&tx, AuditAction::Import, AuditObject::SummaryFile, &id.to_string(), &detail)?;
    tx.commit()?;
    Ok(id)
}

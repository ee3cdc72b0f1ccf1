//! 模板: data users list, copy, edit, import and export. The shipped templates are JSON files in
//! `templates/` (the same format as an export), seeded into the database once so that they can be
//! edited and copied like the user's own. Templates are deactivated, never deleted: summaries name
//! the template they were drafted from.

use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

use super::json;
use super::model::{
    SectionRole, SummaryField, SummaryKind, Template, TemplateInfo, TemplateInput, TemplateSection,
};
use crate::org::required_name;
use crate::{db, time, Error, Result};

/// The `format` of a template file.
pub const TEMPLATE_FORMAT: &str = "luoshi.summary-template";
/// The version of the template file format this build writes and reads.
pub const TEMPLATE_FORMAT_VERSION: u32 = 1;

const MAX_SECTIONS: usize = 20;
const MAX_HEADING_CHARS: usize = 40;
const MAX_GUIDANCE_CHARS: usize = 2000;
const MAX_DESCRIPTION_CHARS: usize = 500;

/// The shipped templates: (key, JSON in the export format).
const SHIPPED: &[(&str, &str)] = &[
    ("project-a", include_str!("templates/project-a.json")),
    ("project-b", include_str!("templates/project-b.json")),
    ("project-c", include_str!("templates/project-c.json")),
    ("project-d", include_str!("templates/project-d.json")),
    ("phase-general", include_str!("templates/phase-general.json")),
    ("phase-government-service", include_str!("templates/phase-government-service.json")),
    ("phase-enterprise", include_str!("templates/phase-enterprise.json")),
    ("phase-research", include_str!("templates/phase-research.json")),
    ("phase-engineering", include_str!("templates/phase-engineering.json")),
    ("phase-education-health", include_str!("templates/phase-education-health.json")),
];

/// A template file as exported and imported. Enum fields are read as text so that both codes and
/// Chinese labels are accepted and a bad value is reported at its path.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TemplateFile {
    pub format: String,
    pub version: u32,
    pub name: String,
    pub kind: String,
    pub field: String,
    #[serde(default)]
    pub description: String,
    pub sections: Vec<TemplateFileSection>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TemplateFileSection {
    pub heading: String,
    pub role: String,
    #[serde(default)]
    pub guidance: String,
}

/// Removes a number the writer typed before a heading (一、 （一） 1. 1、): printing numbers them.
pub(crate) fn strip_heading_number(heading: &str) -> String {
    let h = heading.trim();
    const NUMERALS: &str = "一二三四五六七八九十";
    let rest = if let Some(inner) = h.strip_prefix('（').or_else(|| h.strip_prefix('(')) {
        let digits = inner.trim_start_matches(|c: char| NUMERALS.contains(c) || c.is_ascii_digit());
        if digits.len() < inner.len() {
            digits.strip_prefix('）').or_else(|| digits.strip_prefix(')')).unwrap_or(h)
        } else {
            h
        }
    } else {
        let digits = h.trim_start_matches(|c: char| NUMERALS.contains(c) || c.is_ascii_digit());
        if digits.len() < h.len() {
            ["、", ".", "．", " "].iter().find_map(|sep| digits.strip_prefix(sep)).unwrap_or(h)
        } else {
            h
        }
    };
    let rest = rest.trim();
    if rest.is_empty() {
        h.to_string()
    } else {
        rest.to_string()
    }
}

/// Checks a template and cleans it; every error names its field (JSON path for files).
pub(crate) fn check_input(input: &TemplateInput) -> Result<TemplateInput> {
    let name = required_name("name", "模板名称", &input.name)?;
    let description = input.description.trim().to_string();
    if description.chars().count() > MAX_DESCRIPTION_CHARS {
        return Err(Error::invalid("description", format!("模板说明最多 {MAX_DESCRIPTION_CHARS} 个字")));
    }
    if input.sections.is_empty() {
        return Err(Error::invalid("sections", "模板至少要有一个章节"));
    }
    if input.sections.len() > MAX_SECTIONS {
        return Err(Error::invalid("sections", format!("模板最多 {MAX_SECTIONS} 个章节")));
    }
    let mut sections = Vec::with_capacity(input.sections.len());
    for (i, s) in input.sections.iter().enumerate() {
        let heading = strip_heading_number(&s.heading);
        if heading.is_empty() {
            return Err(Error::invalid(
                format!("sections[{i}].heading"),
                format!("第 {} 章的标题不能为空", i + 1),
            ));
        }
        if heading.chars().count() > MAX_HEADING_CHARS {
            return Err(Error::invalid(
                format!("sections[{i}].heading"),
                format!("第 {} 章的标题最多 {MAX_HEADING_CHARS} 个字", i + 1),
            ));
        }
        if sections.iter().any(|x: &TemplateSection| x.heading == heading) {
            return Err(Error::invalid(format!("sections[{i}].heading"), format!("章节标题“{heading}”重复")));
        }
        let guidance = s.guidance.trim().to_string();
        if guidance.chars().count() > MAX_GUIDANCE_CHARS {
            return Err(Error::invalid(
                format!("sections[{i}].guidance"),
                format!("第 {} 章的撰写说明最多 {MAX_GUIDANCE_CHARS} 个字", i + 1),
            ));
        }
        sections.push(TemplateSection { heading, role: s.role, guidance });
    }
    Ok(TemplateInput { name, kind: input.kind, field: input.field, description, sections })
}

/// Reads a template file; a malformed one is an error naming the JSON path of the bad field.
pub fn parse_template_file(text: &str) -> Result<TemplateInput> {
    const WHAT: &str = "模板文件";
    crate::files::check_text_size(crate::files::FileRole::Template, text)?;
    let file: TemplateFile = json::parse(text, WHAT)?;
    if file.format != TEMPLATE_FORMAT {
        return Err(json::at("format", WHAT, &format!("应为“{TEMPLATE_FORMAT}”，这不是落实的模板文件")));
    }
    if file.version != TEMPLATE_FORMAT_VERSION {
        return Err(json::at(
            "version",
            WHAT,
            &format!("本程序只能读取第 {TEMPLATE_FORMAT_VERSION} 版的模板文件，请安装新版落实"),
        ));
    }
    let kind =
        SummaryKind::parse_at("kind", &file.kind).map_err(|e| json::at("kind", WHAT, &e.to_string()))?;
    let field =
        SummaryField::parse_at("field", &file.field).map_err(|e| json::at("field", WHAT, &e.to_string()))?;
    let mut sections = Vec::with_capacity(file.sections.len());
    for (i, s) in file.sections.iter().enumerate() {
        let path = format!("sections[{i}].role");
        let role =
            SectionRole::parse_at(&path, &s.role).map_err(|e| json::at(&path, WHAT, &e.to_string()))?;
        sections.push(TemplateSection { heading: s.heading.clone(), role, guidance: s.guidance.clone() });
    }
    let input = TemplateInput { name: file.name, kind, field, description: file.description, sections };
    check_input(&input).map_err(|e| match &e {
        Error::Invalid { field, message } => json::at(field, WHAT, message),
        _ => e,
    })
}

/// The template as a file (the export format).
pub fn template_file(t: &Template) -> TemplateFile {
    TemplateFile {
        format: TEMPLATE_FORMAT.into(),
        version: TEMPLATE_FORMAT_VERSION,
        name: t.name.clone(),
        kind: t.kind.code().into(),
        field: t.field.code().into(),
        description: t.description.clone(),
        sections: t
            .sections
            .iter()
            .map(|s| TemplateFileSection {
                heading: s.heading.clone(),
                role: s.role.code().into(),
                guidance: s.guidance.clone(),
            })
            .collect(),
    }
}

/// Adds the shipped templates the database does not have yet (by key). A shipped template the user
/// edited or deactivated stays as the user left it. Cheap when nothing is missing.
pub fn seed_templates(conn: &Connection) -> Result<()> {
    let have: i64 =
        conn.query_row("SELECT count(*) FROM summary_template WHERE builtin_key IS NOT NULL", [], |r| {
            r.get(0)
        })?;
    if have as usize >= SHIPPED.len() {
        return Ok(());
    }
    // Immediate, like every write: a deferred one cannot wait for another writer.
    let tx = rusqlite::Transaction::new_unchecked(conn, rusqlite::TransactionBehavior::Immediate)?;
    for (key, text) in SHIPPED {
        let exists: Option<i64> = tx
            .query_row("SELECT id FROM summary_template WHERE builtin_key = ?1", [key], |r| r.get(0))
            .optional()?;
        if exists.is_none() {
            let input = parse_template_file(text)?;
            insert(&tx, &input, Some(key))?;
        }
    }
    tx.commit()?;
    Ok(())
}

fn insert(conn: &Connection, input: &TemplateInput, builtin_key: Option<&str>) -> Result<i64> {
    let now = time::now_text();
    crate::db::execute(conn, "INSERT INTO summary_template (name, kind, field, description, builtin_key, active, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, 1, ?6, ?6)",
        params![input.name, input.kind.code(), input.field.code(), input.description, builtin_key, now],
    )?;
    let id = conn.last_insert_rowid();
    write_sections(conn, id, &input.sections)?;
    Ok(id)
}

fn write_sections(conn: &Connection, id: i64, sections: &[TemplateSection]) -> Result<()> {
    crate::db::execute(conn, "DELETE FROM summary_template_section WHERE template_id = ?1", [id])?;
    let mut stmt = conn.prepare_cached(
        "INSERT INTO summary_template_section (template_id, position, heading, role, guidance)
         VALUES (?1, ?2, ?3, ?4, ?5)",
    )?;
    for (i, s) in sections.iter().enumerate() {
        stmt.execute(params![id, i as i64, s.heading, s.role.code(), s.guidance])?;
    }
    Ok(())
}

fn parse_time(value: &str) -> rusqlite::Result<chrono::DateTime<chrono::FixedOffset>> {
    chrono::DateTime::parse_from_rfc3339(value)
        .map_err(|e| rusqlite::Error::FromSqlConversionFailure(0, rusqlite::types::Type::Text, Box::new(e)))
}

/// Every template, active first, then by kind and name. Seeds the shipped ones on first use.
pub fn list_templates(conn: &Connection, include_inactive: bool) -> Result<Vec<TemplateInfo>> {
    seed_templates(conn)?;
    let mut stmt = conn.prepare(
        "SELECT t.id, t.name, t.kind, t.field, t.builtin_key IS NOT NULL, t.active,
                (SELECT count(*) FROM summary_template_section s WHERE s.template_id = t.id),
                (SELECT count(*) FROM summary m WHERE m.template_id = t.id)
         FROM summary_template t
         WHERE ?1 OR t.active = 1
         ORDER BY t.active DESC, t.kind = 'project' DESC, t.field != 'general', t.id",
    )?;
    let rows = stmt
        .query_map([include_inactive], |r| {
            Ok(TemplateInfo {
                id: r.get(0)?,
                name: r.get(1)?,
                kind: SummaryKind::from_code(&r.get::<_, String>(2)?)?,
                field: SummaryField::from_code(&r.get::<_, String>(3)?)?,
                builtin: r.get(4)?,
                active: r.get(5)?,
                section_count: r.get(6)?,
                summary_count: r.get(7)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

pub fn get_template(conn: &Connection, id: i64) -> Result<Template> {
    seed_templates(conn)?;
    let mut t = conn
        .query_row(
            "SELECT id, name, kind, field, description, builtin_key IS NOT NULL, active, updated_at
             FROM summary_template WHERE id = ?1",
            [id],
            |r| {
                Ok(Template {
                    id: r.get(0)?,
                    name: r.get(1)?,
                    kind: SummaryKind::from_code(&r.get::<_, String>(2)?)?,
                    field: SummaryField::from_code(&r.get::<_, String>(3)?)?,
                    description: r.get(4)?,
                    builtin: r.get(5)?,
                    active: r.get(6)?,
                    sections: Vec::new(),
                    updated_at: parse_time(&r.get::<_, String>(7)?)?,
                })
            },
        )
        .optional()?
        .ok_or_else(|| Error::NotFound(format!("找不到编号为 {id} 的总结模板")))?;
    let mut stmt = conn.prepare_cached(
        "SELECT heading, role, guidance FROM summary_template_section WHERE template_id = ?1 ORDER BY position",
    )?;
    t.sections = stmt
        .query_map([id], |r| {
            Ok(TemplateSection {
                heading: r.get(0)?,
                role: SectionRole::from_code(&r.get::<_, String>(1)?)?,
                guidance: r.get(2)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(t)
}

/// Active template names are unique, compared like unit names (NFKC: 全角 and 半角 forms are one).
fn ensure_name_free(conn: &Connection, name: &str, except: Option<i64>) -> Result<()> {
    let mut stmt = conn.prepare("SELECT name FROM summary_template WHERE active = 1 AND id IS NOT ?1")?;
    let names = stmt.query_map(params![except], |r| r.get::<_, String>(0))?;
    match crate::text::same_name(names, name)? {
        Some(taken) => Err(Error::duplicate("name", format!("已有名为“{taken}”的模板，请换一个名称"))),
        None => Ok(()),
    }
}

/// 新建模板.
pub fn add_template(conn: &mut Connection, input: &TemplateInput) -> Result<Template> {
    seed_templates(conn)?;
    let input = check_input(input)?;
    let tx = db::begin_write(conn)?;
    ensure_name_free(&tx, &input.name, None)?;
    let id = insert(&tx, &input, None)?;
    tx.commit()?;
    get_template(conn, id)
}

/// 编辑模板: summaries already drafted keep the sections they copied.
pub fn update_template(conn: &mut Connection, id: i64, input: &TemplateInput) -> Result<Template> {
    get_template(conn, id)?;
    let input = check_input(input)?;
    let tx = db::begin_write(conn)?;
    ensure_name_free(&tx, &input.name, Some(id))?;
    crate::db::execute(
        &tx,
        "UPDATE summary_template SET name = ?2, kind = ?3, field = ?4, description = ?5, updated_at = ?6
         WHERE id = ?1",
        params![id, input.name, input.kind.code(), input.field.code(), input.description, time::now_text()],
    )?;
    write_sections(&tx, id, &input.sections)?;
    tx.commit()?;
    get_template(conn, id)
}

/// 复制模板: a user's own copy named `name`, or “原名（副本）”, “原名（副本2）” ….
pub fn copy_template(conn: &mut Connection, id: i64, name: Option<&str>) -> Result<Template> {
    let source = get_template(conn, id)?;
    let name = match name.map(str::trim).filter(|n| !n.is_empty()) {
        Some(n) => n.to_string(),
        None => {
            let mut n = 1;
            loop {
                let candidate = if n == 1 {
                    format!("{}（副本）", source.name)
                } else {
                    format!("{}（副本{n}）", source.name)
                };
                let taken: bool = conn.query_row(
                    "SELECT EXISTS (SELECT 1 FROM summary_template WHERE name = ?1 AND active = 1)",
                    [&candidate],
                    |r| r.get(0),
                )?;
                if !taken {
                    break candidate;
                }
                n += 1;
            }
        }
    };
    let input = TemplateInput {
        name,
        kind: source.kind,
        field: source.field,
        description: source.description,
        sections: source.sections,
    };
    add_template(conn, &input)
}

/// 停用 or 启用 a template. A stopped template is not offered for new summaries.
pub fn set_template_active(conn: &mut Connection, id: i64, active: bool) -> Result<Template> {
    let t = get_template(conn, id)?;
    if active && !t.active {
        ensure_name_free(conn, &t.name, Some(id))?;
    }
    crate::db::execute(
        conn,
        "UPDATE summary_template SET active = ?2, updated_at = ?3 WHERE id = ?1",
        params![id, active, time::now_text()],
    )?;
    get_template(conn, id)
}

/// 导出模板 as pretty JSON in the template file format.
pub fn export_template(conn: &Connection, id: i64) -> Result<String> {
    let t = get_template(conn, id)?;
    serde_json::to_string_pretty(&template_file(&t)).map_err(|e| Error::Io(std::io::Error::other(e)))
}

/// 导入模板 from a template file: a new template. A malformed file changes nothing and the error
/// names the JSON path of the bad field; a name already taken gets “（导入）” appended.
pub fn import_template(conn: &mut Connection, text: &str) -> Result<Template> {
    let mut input = parse_template_file(text)?;
    crate::backup::before_change(conn, crate::backup::BackupReason::BeforeImport)?;
    seed_templates(conn)?;
    let taken: bool = conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM summary_template WHERE name = ?1 AND active = 1)",
        [&input.name],
        |r| r.get(0),
    )?;
    if taken {
        input.name = format!("{}（导入）", input.name);
    }
    let template = add_template(conn, &input)?;
    let detail = serde_json::json!({"template_id": template.id, "name": template.name});
    crate::audit::note(
        conn,
        crate::audit::AuditAction::Import,
        crate::audit::AuditObject::TemplateFile,
        &template.id.to_string(),
        &detail,
    )?;
    Ok(template)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db;

    #[test]
    fn shipped_templates_are_valid_and_seeded_once() {
        for (key, text) in SHIPPED {
            let t = parse_template_file(text).unwrap_or_else(|e| panic!("{key}: {e}"));
            assert!(t.sections.iter().all(|s| s.guidance.chars().count() >= 30), "{key}: guidance too thin");
            assert!(t.sections.iter().any(|s| s.role == SectionRole::TargetsVsResults), "{key}: no targets");
            assert!(t.sections.iter().any(|s| s.role == SectionRole::Problems), "{key}: no problems");
        }
        let conn = db::open_in_memory().expect("db");
        let first = list_templates(&conn, false).expect("list");
        assert_eq!(first.len(), SHIPPED.len());
        assert!(first.iter().all(|t| t.builtin && t.active));
        assert_eq!(list_templates(&conn, false).expect("again").len(), SHIPPED.len());
        let a = get_template(&conn, first[0].id).expect("get");
        let headings: Vec<&str> = a.sections.iter().map(|s| s.heading.as_str()).collect();
        assert_eq!(
            headings,
            [
                "基本情况回顾",
                "目标与完成情况",
                "实施过程与关键举措",
                "经验做法与亮点",
                "存在问题与原因分析",
                "改进方向与后续建议",
                "个人收获与团队成长"
            ]
        );
        let kinds: Vec<SummaryKind> = first.iter().map(|t| t.kind).collect();
        assert!(kinds.contains(&SummaryKind::Phase));
        let fields: Vec<SummaryField> = first.iter().map(|t| t.field).collect();
        for f in SummaryField::ALL {
            assert!(fields.contains(f), "no template for {f:?}");
        }
    }

    #[test]
    fn field_variants_name_their_figures() {
        let gov = parse_template_file(SHIPPED[5].1).expect("gov");
        let targets = gov.sections.iter().find(|s| s.role == SectionRole::TargetsVsResults).expect("targets");
        assert!(targets.guidance.contains("按时办结率") && targets.guidance.contains("好评率"));
    }

    #[test]
    fn heading_numbers_are_stripped() {
        assert_eq!(strip_heading_number("一、基本情况"), "基本情况");
        assert_eq!(strip_heading_number("（二）目标"), "目标");
        assert_eq!(strip_heading_number("3. 问题"), "问题");
        assert_eq!(strip_heading_number("十一、其他"), "其他");
        assert_eq!(strip_heading_number("一把手工程"), "一把手工程");
        assert_eq!(strip_heading_number("2026年计划"), "2026年计划");
    }

    #[test]
    fn edit_copy_export_import() {
        let mut conn = db::open_in_memory().expect("db");
        let id = list_templates(&conn, false).expect("list")[0].id;
        let copy = copy_template(&mut conn, id, None).expect("copy");
        assert!(copy.name.ends_with("（副本）") && !copy.builtin);
        let copy2 = copy_template(&mut conn, id, None).expect("copy");
        assert!(copy2.name.ends_with("（副本2）"));
        let mut input = TemplateInput {
            name: "我的模板".into(),
            kind: copy.kind,
            field: SummaryField::Engineering,
            description: String::new(),
            sections: copy.sections.clone(),
        };
        input.sections[0].heading = "一、项目概况".into();
        let edited = update_template(&mut conn, copy.id, &input).expect("edit");
        assert_eq!(edited.sections[0].heading, "项目概况");
        let text = export_template(&conn, copy.id).expect("export");
        let imported = import_template(&mut conn, &text).expect("import");
        assert_eq!(imported.name, "我的模板（导入）");
        assert_eq!(imported.sections, edited.sections);
        assert_eq!(imported.field, SummaryField::Engineering);
        let err = add_template(&mut conn, &input).expect_err("duplicate");
        assert_eq!(err.code(), "duplicate");
        // 全角 and 半角 forms of one name are one name.
        let wide = TemplateInput { name: "２０２６年度模板（Ａ）".into(), ..input.clone() };
        add_template(&mut conn, &wide).expect("full-width name");
        let narrow = TemplateInput { name: "2026年度模板(A)".into(), ..input.clone() };
        let err = add_template(&mut conn, &narrow).expect_err("the same name in 半角");
        assert_eq!(err.code(), "duplicate");
        assert!(err.to_string().contains("２０２６年度模板（Ａ）"), "{err}");
        set_template_active(&mut conn, copy.id, false).expect("stop");
        assert!(list_templates(&conn, false).expect("list").iter().all(|t| t.id != copy.id));
    }

    #[test]
    fn malformed_files_name_the_bad_field() {
        let good = SHIPPED[0].1;
        let mut v: serde_json::Value = serde_json::from_str(good).expect("json");
        v["sections"][2]["role"] = "心得".into();
        let e = parse_template_file(&v.to_string()).expect_err("bad role");
        assert_eq!(e.field().as_deref(), Some("sections[2].role"));
        assert!(e.to_string().contains("心得"), "{e}");
        let mut v: serde_json::Value = serde_json::from_str(good).expect("json");
        v["sections"][1]["heading"] = "  ".into();
        assert_eq!(
            parse_template_file(&v.to_string()).expect_err("empty").field().as_deref(),
            Some("sections[1].heading")
        );
        let mut v: serde_json::Value = serde_json::from_str(good).expect("json");
        v["kind"] = "周报".into();
        assert_eq!(parse_template_file(&v.to_string()).expect_err("kind").field().as_deref(), Some("kind"));
        let mut v: serde_json::Value = serde_json::from_str(good).expect("json");
        v["version"] = 2.into();
        assert_eq!(
            parse_template_file(&v.to_string()).expect_err("version").field().as_deref(),
            Some("version")
        );
        let labels = good.replace("\"project\"", "\"项目总结\"").replace("\"background\"", "\"基本情况\"");
        assert_eq!(parse_template_file(&labels).expect("labels").kind, SummaryKind::Project);
    }
}

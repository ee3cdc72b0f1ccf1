//! The Chinese name of every column the trail records, and the words for the codes stored in them,
//! so 设置 → 审计日志 says 名称：市政府督查室 and 状态：办理中 → 已办结, not name：市政府督查室 and
//! state：in_progress → closed. A column without a name here fails the test below: a new column gets one.

use serde_json::{Map, Value};

use crate::archive::{FileEventKind, FileKind, FileState, Retention};
use crate::assignment::{EventKind, FeedbackCycle, Source, State, Urgency};
use crate::calendar::Category;
use crate::check::SectionRole;
use crate::coded::Coded;
use crate::org::{Role, UnitKind};
use crate::summary::FollowUpKind;
use crate::summary::{SummaryEventKind, SummaryField, SummaryKind, SummaryState, SummaryVersionKind};
use crate::Classification;

/// (column, 中文名), for the columns of every data table.
pub const FIELD_LABELS: &[(&str, &str)] = &[
    ("accepted_at", "签收时间"),
    ("action", "操作"),
    ("active", "启用"),
    ("actor", "操作人"),
    ("actor_id", "操作人"),
    ("after", "之后"),
    ("assigned_at", "交办时间"),
    ("assigning_leader_id", "交办领导"),
    ("assignment_id", "事项"),
    ("at", "时间"),
    ("author", "责任者"),
    ("before", "之前"),
    ("builtin_key", "内置模板"),
    ("category", "类别"),
    ("classification", "密级"),
    ("closed_at", "办结时间"),
    ("contact", "联系人"),
    ("contact_phone", "联系电话"),
    ("content", "内容"),
    ("created_at", "创建时间"),
    ("created_by", "创建人"),
    ("data", "数据"),
    ("date", "日期"),
    ("day", "日期"),
    ("deadline", "办理时限"),
    ("deadline_confirmed", "时限已按日历确认"),
    ("deadline_explicit", "时限为手填"),
    ("description", "说明"),
    ("doc_no", "文号"),
    ("drafter_id", "撰写人"),
    ("entered_by", "录入人"),
    ("feedback_cycle", "反馈周期"),
    ("field", "字段"),
    ("file_id", "归档件"),
    ("fonds_code", "全宗号"),
    ("from_state", "原状态"),
    ("guidance", "撰写提示"),
    ("heading", "标题"),
    ("id", "编号"),
    ("imported_at", "导入时间"),
    ("indicators", "指标表"),
    ("item_no", "件号"),
    ("key", "键"),
    ("kind", "类型"),
    ("last", "最后编号"),
    ("last_report_at", "最近反馈时间"),
    ("lead_unit_id", "牵头单位"),
    ("leader_in_charge_id", "分管领导"),
    ("n", "序号"),
    ("name", "名称"),
    ("note", "说明"),
    ("number", "编号"),
    ("org_code", "机构(问题)代码"),
    ("pages", "页数"),
    ("parent_id", "上级"),
    ("payload", "内容"),
    ("pending_extension", "待批延期"),
    ("period_from", "起始日期"),
    ("period_to", "截止日期"),
    ("person_id", "人员"),
    ("phone", "电话"),
    ("position", "章节序号"),
    ("remark", "备注"),
    ("responsible_id", "第一责任人"),
    ("retention", "保管期限"),
    ("returned_count", "退回次数"),
    ("reviewer_id", "审核人"),
    ("revision", "修订号"),
    ("role", "角色"),
    ("roles", "角色"),
    ("round", "轮次"),
    ("section", "章节"),
    ("seq", "序号"),
    ("short_name", "简称"),
    ("sort_order", "排序"),
    ("source", "来源"),
    ("source_doc_no", "来文文号"),
    ("state", "状态"),
    ("summary_id", "总结"),
    ("suspended_from", "中止前状态"),
    ("suspended_since", "中止时间"),
    ("suspensions", "中止记录"),
    ("tags", "标签"),
    ("template_id", "模板"),
    ("template_name", "模板名称"),
    ("text", "正文"),
    ("title", "标题"),
    ("title_supplied", "自拟题名"),
    ("to_state", "新状态"),
    ("unit_id", "单位"),
    ("updated_at", "修改时间"),
    ("urgency", "紧急程度"),
    ("value", "值"),
    ("word_count", "字数"),
    ("year", "年度"),
];

/// What names a row comes first in 变化; bookkeeping columns are left out (the trail keeps them).
const FIRST: &[&str] = &["name", "title", "number", "note"];
const HIDDEN: &[&str] = &["id", "created_at", "updated_at"];
/// Columns that hold 0 or 1.
const FLAGS: &[&str] =
    &["active", "deadline_confirmed", "deadline_explicit", "pending_extension", "title_supplied"];

fn label_of<T: Coded>(code: &str) -> Option<&'static str> {
    T::by_code(code).map(T::label)
}

/// The Chinese word for a code stored in `table.column`, for the columns that hold one.
fn coded_label(table: &str, column: &str, code: &str) -> Option<&'static str> {
    match (table, column) {
        (_, "classification") => label_of::<Classification>(code),
        ("unit", "kind") => label_of::<UnitKind>(code),
        ("assignment", "state") | ("assignment", "suspended_from") => label_of::<State>(code),
        ("assignment_event", "from_state" | "to_state") => label_of::<State>(code),
        ("assignment", "source") => label_of::<Source>(code),
        ("assignment", "urgency") => label_of::<Urgency>(code),
        ("assignment", "category") => label_of::<Category>(code),
        ("assignment", "feedback_cycle") => label_of::<FeedbackCycle>(code),
        ("assignment_event", "kind") => label_of::<EventKind>(code),
        ("summary" | "summary_template", "kind") => label_of::<SummaryKind>(code),
        ("summary" | "summary_template", "field") => label_of::<SummaryField>(code),
        ("summary", "state") | ("summary_event", "from_state" | "to_state") => label_of::<SummaryState>(code),
        ("summary_event", "kind") => label_of::<SummaryEventKind>(code),
        ("summary_version", "kind") => label_of::<SummaryVersionKind>(code),
        ("summary_section" | "summary_template_section", "role") => label_of::<SectionRole>(code),
        ("archive_file", "retention") => label_of::<Retention>(code),
        ("archive_file", "kind") => label_of::<FileKind>(code),
        ("archive_file", "state") | ("archive_event", "from_state" | "to_state") => {
            label_of::<FileState>(code)
        }
        ("archive_event", "kind") => label_of::<FileEventKind>(code),
        ("summary_follow_up", "kind") => label_of::<FollowUpKind>(code),
        _ => None,
    }
}

/// The Chinese name of a column of `table` (the column itself when it has none).
pub fn field_label<'a>(table: &str, column: &'a str) -> &'a str {
    match (table, column) {
        ("person", "name") => "姓名",
        ("person", "title") => "职务",
        _ => FIELD_LABELS.iter().find(|(c, _)| *c == column).map_or(column, |(_, l)| l),
    }
}

/// A recorded value as people read it: codes as their words, flags as 是/否, nothing as 空.
fn value_text(table: &str, column: &str, value: &Value) -> String {
    match value {
        Value::Null => "空".into(),
        Value::String(s) => coded_label(table, column, s).map_or_else(|| s.clone(), str::to_string),
        Value::Number(n) if FLAGS.contains(&column) => {
            (if n.as_i64() == Some(0) { "否" } else { "是" }).into()
        }
        Value::Bool(b) => (if *b { "是" } else { "否" }).into(),
        Value::Array(items) if table == "person" && column == "roles" => {
            let words: Vec<&str> =
                items.iter().filter_map(Value::as_str).map(|c| label_of::<Role>(c).unwrap_or(c)).collect();
            if words.is_empty() {
                "无".into()
            } else {
                words.join("、")
            }
        }
        other => other.to_string(),
    }
}

/// The columns shown, in a fixed order: those of [`FIRST`] in its order, then the rest by name
/// (the JSON map's own order depends on serde_json's features, which the workspace unifies).
fn shown_columns(row: &Map<String, Value>) -> Vec<&String> {
    let mut columns: Vec<&String> = row.keys().filter(|k| !HIDDEN.contains(&k.as_str())).collect();
    let rank = |k: &str| FIRST.iter().position(|f| *f == k).unwrap_or(FIRST.len());
    columns.sort_by(|a, b| (rank(a), a.as_str()).cmp(&(rank(b), b.as_str())));
    columns
}

/// 变化 of one record: for an edit the fields it changed (before → after); for an insert, a
/// delete, a baseline or a note, the whole row.
pub fn describe(table: &str, before: Option<&Value>, after: Option<&Value>) -> String {
    let text = |column: &str, v: Option<&Value>| value_text(table, column, v.unwrap_or(&Value::Null));
    match (before, after) {
        (Some(Value::Object(before)), Some(Value::Object(after))) => shown_columns(after)
            .into_iter()
            .filter(|k| before.get(k.as_str()) != after.get(k.as_str()))
            .map(|k| {
                format!(
                    "{}：{} → {}",
                    field_label(table, k),
                    text(k, before.get(k.as_str())),
                    text(k, after.get(k.as_str()))
                )
            })
            .collect::<Vec<_>>()
            .join("；"),
        (_, Some(Value::Object(row))) | (Some(Value::Object(row)), None) => shown_columns(row)
            .into_iter()
            .map(|k| format!("{}：{}", field_label(table, k), text(k, row.get(k.as_str()))))
            .collect::<Vec<_>>()
            .join("；"),
        (_, Some(other)) | (Some(other), None) => other.to_string(),
        (None, None) => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_recorded_column_has_a_chinese_name() {
        let conn = crate::test_support::memory_db();
        let missing: Vec<String> = crate::audit::tables(&conn)
            .expect("tables")
            .into_iter()
            .flat_map(|t| t.columns.into_iter().map(move |c| format!("{}.{c}", t.name)))
            .filter(|tc| {
                let column = tc.split_once('.').map(|(_, c)| c).unwrap_or_default();
                !FIELD_LABELS.iter().any(|(c, _)| *c == column)
            })
            .collect();
        assert!(missing.is_empty(), "columns without a Chinese name: {missing:?}");
    }

    #[test]
    fn every_coded_column_named_here_exists() {
        let conn = crate::test_support::memory_db();
        let tables = crate::audit::tables(&conn).expect("tables");
        let has = |t: &str, c: &str| tables.iter().any(|x| x.name == t && x.columns.iter().any(|y| y == c));
        for (t, c, code) in [
            ("unit", "kind", "subordinate"),
            ("assignment", "state", "in_progress"),
            ("assignment", "suspended_from", "in_progress"),
            ("assignment_event", "to_state", "closed"),
            ("assignment", "source", "instruction"),
            ("assignment", "urgency", "urgent"),
            ("assignment", "category", "routine"),
            ("assignment", "classification", "internal"),
            ("summary", "state", "drafting"),
            ("summary", "kind", "phase"),
            ("summary_template", "field", "general"),
            ("summary_section", "role", "measures"),
            ("summary_version", "kind", "manual"),
        ] {
            assert!(has(t, c), "{t}.{c} is not a column");
            assert!(coded_label(t, c, code).is_some(), "{t}.{c} {code} has no word");
        }
    }

    #[test]
    fn a_change_reads_in_chinese() {
        let before = serde_json::json!({"state": "in_progress", "active": 1, "updated_at": "x"});
        let after = serde_json::json!({"state": "closed", "active": 0, "updated_at": "y"});
        assert_eq!(
            describe("assignment", Some(&before), Some(&after)),
            "启用：是 → 否；状态：办理中 → 已办结"
        );
        let row = serde_json::json!({"id": 3, "kind": "internal", "name": "督查室", "short_name": null});
        assert_eq!(describe("unit", None, Some(&row)), "名称：督查室；类型：内设机构；简称：空");
        let person = serde_json::json!({"name": "王玥", "title": "科员", "roles": ["liaison", "handler"]});
        assert_eq!(describe("person", None, Some(&person)), "姓名：王玥；职务：科员；角色：联络员、经办人");
    }
}

//! The Chinese name of every column the trail records, so 设置 → 审计日志 says 名称：市政府督查室, not
//! name：市政府督查室. A column without a name here fails the test below: a new column gets one.

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
    ("day", "日期"),
    ("deadline", "办理时限"),
    ("deadline_confirmed", "时限已按日历确认"),
    ("deadline_explicit", "时限为手填"),
    ("description", "说明"),
    ("drafter_id", "撰写人"),
    ("entered_by", "录入人"),
    ("feedback_cycle", "反馈周期"),
    ("field", "字段"),
    ("from_state", "原状态"),
    ("guidance", "撰写提示"),
    ("heading", "标题"),
    ("id", "编号"),
    ("imported_at", "导入时间"),
    ("indicators", "指标表"),
    ("key", "键"),
    ("kind", "类型"),
    ("last", "最后编号"),
    ("last_report_at", "最近反馈时间"),
    ("lead_unit_id", "牵头单位"),
    ("leader_in_charge_id", "分管领导"),
    ("name", "名称"),
    ("note", "说明"),
    ("number", "编号"),
    ("parent_id", "上级"),
    ("payload", "内容"),
    ("pending_extension", "待批延期"),
    ("period_from", "起始日期"),
    ("period_to", "截止日期"),
    ("person_id", "人员"),
    ("phone", "电话"),
    ("position", "章节序号"),
    ("responsible_id", "第一责任人"),
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
    ("to_state", "新状态"),
    ("unit_id", "单位"),
    ("updated_at", "修改时间"),
    ("urgency", "紧急程度"),
    ("value", "值"),
    ("word_count", "字数"),
    ("year", "年度"),
];

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
}

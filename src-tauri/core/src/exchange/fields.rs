//! What a column of an imported sheet can mean, and the header texts real ledgers and 通讯录 use
//! for it. The labels reach the window as data (the mapping's dropdown).

use crate::coded::Coded;

coded_enum!(
    /// A field of 交办事项 a ledger column can fill.
    LedgerField, "field", "台账列", {
    Number = ("number", "编号"),
    Title = ("title", "标题"),
    Content = ("content", "事项内容与要求"),
    Source = ("source", "来源"),
    SourceDocNo = ("source_doc_no", "来文文号"),
    AssigningLeader = ("assigning_leader", "交办领导"),
    AssignedAt = ("assigned_at", "交办时间"),
    Category = ("category", "类别"),
    Urgency = ("urgency", "紧急程度"),
    LeadUnit = ("lead_unit", "牵头单位"),
    CooperatingUnits = ("cooperating_units", "协办单位"),
    Responsible = ("responsible", "第一责任人"),
    LeaderInCharge = ("leader_in_charge", "分管领导"),
    Contact = ("contact", "联系人"),
    ContactPhone = ("contact_phone", "联系电话"),
    Deadline = ("deadline", "办理时限"),
    FeedbackCycle = ("feedback_cycle", "反馈周期"),
    State = ("state", "状态"),
    ClosedAt = ("closed_at", "办结时间"),
    Classification = ("classification", "密级"),
    Tags = ("tags", "标签"),
    /// 进展情况: becomes the note of the item's 导入 event.
    Progress = ("progress", "办理情况"),
    /// 备注 and columns that are not mapped: appended to the content under their header.
    Remarks = ("remarks", "备注"),
    /// 序号: the row's place in the sheet, not kept.
    Serial = ("serial", "序号（不导入）"),
});

coded_enum!(
    /// A field of the directory a 通讯录 column can fill.
    ContactField, "field", "通讯录列", {
    Unit = ("unit", "单位"),
    Name = ("name", "姓名"),
    Title = ("title", "职务"),
    Phone = ("phone", "电话"),
    Role = ("role", "角色"),
    Serial = ("serial", "序号（不导入）"),
});

/// A set of fields a sheet's header is matched against.
pub trait HeaderField: Coded + std::hash::Hash {
    /// The header texts that mean this field, most specific first; compared after
    /// [`normalize_header`].
    fn aliases(self) -> &'static [&'static str];
    /// The field a table cannot be without: its header must name it.
    const KEY: Self;
}

impl HeaderField for LedgerField {
    const KEY: Self = LedgerField::Title;

    fn aliases(self) -> &'static [&'static str] {
        use LedgerField::*;
        match self {
            Number => &["编号", "事项编号", "督办编号", "督办号", "督查编号", "台账编号", "督办单号"],
            Title => &[
                "标题",
                "督办事项",
                "督查事项",
                "交办事项",
                "工作事项",
                "工作任务",
                "事项名称",
                "任务名称",
                "重点工作",
                "重点任务",
                "事项",
                "任务",
                "工作名称",
                "项目名称",
                "问题",
            ],
            Content => &[
                "事项内容与要求",
                "事项内容",
                "具体内容",
                "工作内容",
                "工作要求",
                "具体要求",
                "任务要求",
                "主要内容",
                "督办要求",
                "批示内容",
                "目标任务",
                "内容",
                "要求",
                "工作目标",
            ],
            Source => &["来源", "事项来源", "交办来源", "任务来源", "督办来源", "来源类型"],
            SourceDocNo => &["来文文号", "文号", "来文号", "批示文号", "文件文号"],
            AssigningLeader => &["交办领导", "批示领导", "交办人"],
            AssignedAt => &[
                "交办时间",
                "交办日期",
                "受理时间",
                "受理日期",
                "登记时间",
                "登记日期",
                "下达时间",
                "批示时间",
                "立项时间",
                "交办",
            ],
            Category => &["类别", "事项类别", "办理类别", "事项类型", "类型"],
            Urgency => &["紧急程度", "缓急程度", "缓急", "急缓", "紧急"],
            LeadUnit => &[
                "牵头单位",
                "责任单位",
                "承办单位",
                "主办单位",
                "牵头部门",
                "责任部门",
                "承办部门",
                "主办部门",
                "办理单位",
                "主责单位",
            ],
            CooperatingUnits => &["协办单位", "配合单位", "协办部门", "配合部门", "参与单位", "协同单位"],
            Responsible => &["第一责任人", "责任人", "承办人", "负责人", "具体责任人", "主要负责人"],
            LeaderInCharge => &["分管领导", "责任领导", "牵头领导", "分管负责人", "包抓领导"],
            Contact => &["联系人", "经办人", "联络员"],
            ContactPhone => &["联系电话", "电话", "联系方式", "手机"],
            Deadline => &[
                "办理时限",
                "完成时限",
                "时限要求",
                "完成时间",
                "办结时限",
                "时限",
                "截止时间",
                "截止日期",
                "完成期限",
                "办理期限",
                "要求完成时间",
                "计划完成时间",
            ],
            FeedbackCycle => &["反馈周期", "报送周期", "反馈频次", "报送频次", "反馈要求"],
            State => &["状态", "办理状态", "完成情况", "进展状态", "办结情况", "是否办结", "当前状态"],
            ClosedAt => {
                &["办结时间", "办结日期", "实际完成时间", "实际完成日期", "销号时间", "销号日期", "完成日期"]
            }
            Classification => &["密级"],
            Tags => &["标签", "关键词"],
            Progress => &[
                "办理情况",
                "进展情况",
                "办理进展",
                "推进情况",
                "落实情况",
                "工作进展",
                "反馈情况",
                "进展",
                "办理结果",
            ],
            Remarks => &["备注", "说明"],
            Serial => &["序号", "序"],
        }
    }
}

impl HeaderField for ContactField {
    const KEY: Self = ContactField::Name;

    fn aliases(self) -> &'static [&'static str] {
        use ContactField::*;
        match self {
            Unit => &["单位", "单位名称", "所在单位", "部门", "所属单位", "工作单位"],
            Name => &["姓名", "联系人", "名字"],
            Title => &["职务", "职务职称", "职称", "岗位"],
            Phone => &["电话", "联系电话", "手机", "手机号码", "办公电话", "联系方式"],
            Role => &["角色", "身份", "类别"],
            Serial => &["序号", "序"],
        }
    }
}

/// A header cell as compared: no white space, no 必填 marks, no colon.
pub fn normalize_header(text: &str) -> String {
    let text: String = crate::text::comparison_key(text).chars().filter(|c| !c.is_whitespace()).collect();
    let text = text.trim_start_matches('*').trim_end_matches(['*', ':', '：']).to_string();
    for mark in ["(必填)", "(选填)", "(可选)"] {
        if let Some(stripped) = text.strip_suffix(mark) {
            return stripped.to_string();
        }
    }
    text
}

/// The field a header cell names: the one with an alias equal to the text, else (for a header such
/// as 责任单位（部门） or 计划完成时间节点) the one whose longest alias the text contains.
pub fn match_header<F: HeaderField>(text: &str) -> Option<F> {
    let text = normalize_header(text);
    if text.is_empty() {
        return None;
    }
    let bare: String = strip_brackets(&text);
    for candidate in [&text, &bare] {
        if let Some(f) = F::ALL.iter().copied().find(|f| f.aliases().contains(&candidate.as_str())) {
            return Some(f);
        }
    }
    F::ALL
        .iter()
        .flat_map(|f| f.aliases().iter().map(move |a| (*f, *a)))
        .filter(|(_, alias)| alias.chars().count() >= 2 && bare.contains(alias))
        .max_by_key(|(_, alias)| alias.chars().count())
        .map(|(f, _)| f)
}

/// 责任单位(部门) → 责任单位.
fn strip_brackets(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut depth = 0usize;
    for c in text.chars() {
        match c {
            '(' | '[' | '【' | '〔' => depth += 1,
            ')' | ']' | '】' | '〕' => depth = depth.saturating_sub(1),
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_real_ledgers_use_map_to_their_fields() {
        let cases = [
            ("督办事项", LedgerField::Title),
            ("工作任务", LedgerField::Title),
            ("责任单位", LedgerField::LeadUnit),
            ("承办单位（部门）", LedgerField::LeadUnit),
            ("配合单位", LedgerField::CooperatingUnits),
            ("*标题", LedgerField::Title),
            ("交办时间（必填）", LedgerField::AssignedAt),
            ("办理 时限", LedgerField::Deadline),
            ("计划完成时间节点", LedgerField::Deadline),
            ("实际完成时间", LedgerField::ClosedAt),
            ("受理日期", LedgerField::AssignedAt),
            ("序号", LedgerField::Serial),
            ("进展情况", LedgerField::Progress),
            ("第一责任人", LedgerField::Responsible),
        ];
        for (header, field) in cases {
            assert_eq!(match_header::<LedgerField>(header), Some(field), "{header}");
        }
        assert_eq!(match_header::<LedgerField>("填报单位：市政府督查室"), None);
        assert_eq!(match_header::<LedgerField>(""), None);
        assert_eq!(match_header::<ContactField>("手机号码"), Some(ContactField::Phone));
    }
}

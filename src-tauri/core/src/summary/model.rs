//! The types of 总结: coded enums (stored code + Chinese label), templates, summaries with their
//! sections and indicators, versions, opinions and events, and the inputs the forms send.

use chrono::{DateTime, FixedOffset, NaiveDate};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

pub use crate::check::SectionRole;
pub use crate::classification::Classification;
use crate::lifecycle::{AvailableAction, Event};
pub use crate::org::NamedRef;

coded_enum!(
    /// 总结类型.
    SummaryKind, "kind", "总结类型", {
    Phase = ("phase", "阶段性工作总结"),
    Project = ("project", "项目总结"),
    Annual = ("annual", "年度总结"),
    Special = ("special", "专项总结"),
});

coded_enum!(
    /// 适用领域 of a template.
    SummaryField, "field", "适用领域", {
    General = ("general", "通用"),
    GovernmentService = ("government_service", "政务服务"),
    Enterprise = ("enterprise", "企业生产经营"),
    Research = ("research", "科技研发"),
    Engineering = ("engineering", "工程建设"),
    EducationHealth = ("education_health", "教育卫生"),
});

coded_enum!(
    /// 总结状态: 撰写中 → 审核中 → (退回重写 → 审核中 …) → 审核通过 → 已发布 → 已归档.
    SummaryState, "state", "状态", {
    Drafting = ("drafting", "撰写中"),
    Submitted = ("submitted", "审核中"),
    Returned = ("returned", "退回重写"),
    Approved = ("approved", "审核通过"),
    Published = ("published", "已发布"),
    /// Reached through the archive area (归档), which comes later.
    Archived = ("archived", "已归档"),
});

coded_enum!(
    /// What a summary event records.
    SummaryEventKind, "kind", "事件类型", {
    Create = ("create", "新建"),
    Import = ("import", "导入"),
    Submit = ("submit", "提交审核"),
    Opinion = ("opinion", "审核意见"),
    Return = ("return", "退回重写"),
    Approve = ("approve", "审核通过"),
    Publish = ("publish", "发布"),
    Restore = ("restore", "恢复版本"),
    Archive = ("archive", "归档"),
    /// 发布与宣贯: where it was published (渠道, the units reached, the date); the state stays.
    Publication = ("publication", "发布记录"),
    /// 宣贯培训: date, participants, questions answered; the state stays.
    Training = ("training", "宣贯培训"),
});

coded_enum!(
    /// What a person can do to a summary under review.
    SummaryAction, "action", "操作", {
    Submit = ("submit", "提交审核"),
    Opinion = ("opinion", "填写审核意见"),
    Return = ("return", "退回重写"),
    Approve = ("approve", "审核通过"),
    Publish = ("publish", "发布"),
    /// Taken in the 归档 area only, which files the 件 with it.
    Archive = ("archive", "归档"),
    RecordPublication = ("record_publication", "登记发布"),
    RecordTraining = ("record_training", "登记宣贯培训"),
});

coded_enum!(
    /// 发布渠道.
    PublicationChannel, "channel", "发布渠道", {
    Meeting = ("meeting", "内部会议"),
    Website = ("website", "官网公示"),
    Document = ("document", "书面印发"),
});

coded_enum!(
    /// 成果应用: what an item made from a summary carries on.
    FollowUpKind, "kind", "成果应用类型", {
    /// 问题整改: a problem the summary found.
    Rectify = ("rectify", "问题整改"),
    /// 经验推广: good practice to spread.
    Experience = ("experience", "经验推广"),
    /// 计划落地: the next phase's plan.
    Plan = ("plan", "计划落地"),
});

coded_enum!(
    /// Why a version was made.
    SummaryVersionKind, "kind", "版本类型", {
    Manual = ("manual", "保存版本"),
    Submit = ("submit", "提交审核时自动保存"),
    Restore = ("restore", "恢复版本"),
    BeforeRestore = ("before_restore", "恢复前自动保存"),
    Import = ("import", "导入"),
});

// ---------------------------------------------------------------------------------------------
// Templates

/// One section of a template: heading, role and the guidance shown to the writer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct TemplateSection {
    pub heading: String,
    pub role: SectionRole,
    /// 撰写说明: what belongs here and which data it needs.
    pub guidance: String,
}

/// A template with its sections.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct Template {
    pub id: i64,
    pub name: String,
    pub kind: SummaryKind,
    pub field: SummaryField,
    pub description: String,
    /// Shipped with the app (still editable; 复制 makes a user's own copy).
    pub builtin: bool,
    pub active: bool,
    pub sections: Vec<TemplateSection>,
    pub updated_at: DateTime<FixedOffset>,
}

/// A row of the template list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct TemplateInfo {
    pub id: i64,
    pub name: String,
    pub kind: SummaryKind,
    pub field: SummaryField,
    pub builtin: bool,
    pub active: bool,
    pub section_count: i64,
    /// Summaries drafted from it.
    pub summary_count: i64,
}

/// The template form: add and edit.
#[derive(Debug, Clone, Deserialize, TS)]
#[ts(export)]
pub struct TemplateInput {
    pub name: String,
    pub kind: SummaryKind,
    pub field: SummaryField,
    #[serde(default)]
    pub description: String,
    pub sections: Vec<TemplateSection>,
}

// ---------------------------------------------------------------------------------------------
// Summaries

/// One row of the 指标表 as the writer typed it.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct IndicatorInput {
    /// 指标
    pub indicator: String,
    /// 单位 (件, %, 分, 万元 …)
    #[serde(default)]
    pub unit: String,
    /// 目标值, e.g. ≥95, 100, <5
    #[serde(default)]
    pub target: String,
    /// 实际值
    #[serde(default)]
    pub actual: String,
    /// 说明
    #[serde(default)]
    pub note: String,
}

/// One row of the 指标表 with the gap the core computed.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct Indicator {
    pub indicator: String,
    pub unit: String,
    pub target: String,
    pub actual: String,
    pub note: String,
    /// 差距 = 实际值 − 目标值, signed (e.g. +1.8, -3); empty when either value is not a number.
    pub gap: String,
    /// Whether the target is met (a target written ≤ or < is met from below); none when unknown.
    #[ts(optional)]
    pub met: Option<bool>,
}

/// A review opinion: general (no section) or on one section.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct ReviewOpinion {
    pub id: i64,
    /// 1 for the first submission, 2 after the first 退回重写 …
    pub round: i64,
    /// Index of the section (from 0); none for a general opinion.
    #[ts(optional)]
    pub section: Option<i64>,
    pub text: String,
    pub reviewer: NamedRef,
    pub at: DateTime<FixedOffset>,
}

/// A section of a summary: the template's heading, role and guidance, the writer's text, the
/// indicators (targets-vs-results sections) and the review opinions on it.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct SummarySection {
    /// Index from 0.
    pub position: i64,
    /// Its number as headings are written: 一, 二 … (the template's order).
    pub numeral: String,
    pub heading: String,
    pub role: SectionRole,
    pub guidance: String,
    /// Plain text, paragraphs separated by line breaks.
    pub text: String,
    /// 字数 of the text (characters other than white space), as the header counts them.
    pub word_count: i64,
    pub indicators: Vec<Indicator>,
    /// Every opinion on this section, oldest first (see `round`).
    pub opinions: Vec<ReviewOpinion>,
    pub updated_at: DateTime<FixedOffset>,
}

/// A summary's header, as the list and the detail show it.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct Summary {
    pub id: i64,
    pub title: String,
    pub kind: SummaryKind,
    pub field: SummaryField,
    pub period_from: NaiveDate,
    pub period_to: NaiveDate,
    pub unit: NamedRef,
    pub drafter: NamedRef,
    #[ts(optional)]
    pub template_id: Option<i64>,
    pub template_name: String,
    pub classification: Classification,
    pub state: SummaryState,
    /// 退回重写 so far.
    pub returned_count: i64,
    /// Grows with every change of the content.
    pub revision: i64,
    /// 字数: characters other than white space, headings included.
    pub word_count: i64,
    pub created_at: DateTime<FixedOffset>,
    pub updated_at: DateTime<FixedOffset>,
}

/// One line of a summary's timeline.
pub type SummaryEvent = Event<SummaryEventKind, SummaryState>;

/// The editor: header, sections with indicators and opinions, general opinions, timeline.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct SummaryDetail {
    pub summary: Summary,
    pub sections: Vec<SummarySection>,
    /// Opinions on the whole summary, oldest first.
    pub general_opinions: Vec<ReviewOpinion>,
    /// Whether the text may be edited now (撰写中 or 退回重写).
    pub editable: bool,
    /// What may be done to the summary now, each with its form.
    pub available_actions: Vec<AvailableAction<SummaryAction>>,
    pub events: Vec<SummaryEvent>,
}

/// 新建总结.
#[derive(Debug, Clone, Default, Deserialize, TS)]
#[ts(export)]
pub struct NewSummaryInput {
    pub template_id: i64,
    pub title: String,
    /// Omitted: the template's kind.
    #[ts(optional)]
    pub kind: Option<SummaryKind>,
    /// YYYY-MM-DD; omitted: 1 January of this year.
    #[ts(optional)]
    pub period_from: Option<String>,
    /// YYYY-MM-DD; omitted: today.
    #[ts(optional)]
    pub period_to: Option<String>,
    /// 撰写单位; omitted: the local profile's unit.
    #[ts(optional)]
    pub unit_id: Option<i64>,
    /// 撰写人; omitted: the local profile.
    #[ts(optional)]
    pub drafter_id: Option<i64>,
    /// Omitted: 公开.
    #[ts(optional)]
    pub classification: Option<Classification>,
}

/// The header fields that can change while drafting.
#[derive(Debug, Clone, Deserialize, TS)]
#[ts(export)]
pub struct SummaryInfoInput {
    pub title: String,
    pub kind: SummaryKind,
    /// YYYY-MM-DD
    pub period_from: String,
    /// YYYY-MM-DD
    pub period_to: String,
    pub unit_id: i64,
    pub drafter_id: i64,
    pub classification: Classification,
}

/// What an autosave reports.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct SectionSaved {
    /// False when the text was already stored: nothing was written.
    pub changed: bool,
    pub revision: i64,
    pub updated_at: DateTime<FixedOffset>,
}

/// A filter of the summary list. Empty lists mean "any".
#[derive(Debug, Clone, Default, Deserialize, TS)]
#[ts(export)]
#[serde(default)]
pub struct SummaryQuery {
    pub states: Vec<SummaryState>,
    pub kinds: Vec<SummaryKind>,
    /// Title contains.
    #[ts(optional)]
    pub text: Option<String>,
}

// ---------------------------------------------------------------------------------------------
// Review

/// Who acted and a note (a reason where the step requires one).
#[derive(Debug, Clone, Default, Deserialize, TS)]
#[ts(export)]
pub struct ReviewInput {
    pub actor_id: i64,
    #[ts(optional)]
    pub note: Option<String>,
}

/// An opinion to record: on a section (index from 0) or general.
#[derive(Debug, Clone, Deserialize, TS)]
#[ts(export)]
pub struct OpinionInput {
    #[ts(optional)]
    pub section: Option<i64>,
    pub text: String,
}

/// 退回重写: who, why, and the opinions given with the return.
#[derive(Debug, Clone, Default, Deserialize, TS)]
#[ts(export)]
pub struct ReturnInput {
    pub actor_id: i64,
    #[ts(optional)]
    pub note: Option<String>,
    #[serde(default)]
    pub opinions: Vec<OpinionInput>,
}

// ---------------------------------------------------------------------------------------------
// Versions

/// The content a version captures.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct VersionContent {
    pub title: String,
    pub sections: Vec<VersionSection>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct VersionSection {
    pub heading: String,
    pub role: SectionRole,
    pub text: String,
    #[serde(default)]
    pub indicators: Vec<IndicatorInput>,
}

/// A row of the version list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct SummaryVersionInfo {
    pub id: i64,
    /// 第 N 版, from 1.
    pub number: i64,
    pub kind: SummaryVersionKind,
    #[ts(optional)]
    pub note: Option<String>,
    pub revision: i64,
    pub word_count: i64,
    #[ts(optional)]
    pub created_by: Option<NamedRef>,
    pub created_at: DateTime<FixedOffset>,
}

/// A version with its content.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct SummaryVersion {
    pub info: SummaryVersionInfo,
    pub content: VersionContent,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum DiffOp {
    Equal,
    Insert,
    Delete,
}

/// A run of text that is unchanged, inserted or deleted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct DiffSpan {
    pub op: DiffOp,
    pub text: String,
}

coded_enum!(
    /// How a section differs between two versions.
    SectionChange, "change", "改动", {
    Unchanged = ("unchanged", "未改动"),
    Changed = ("changed", "有改动"),
    /// Only in the newer side.
    Added = ("added", "新增"),
    /// Only in the older side.
    Removed = ("removed", "删除"),
});

/// One section compared: inline spans of its text, and whether the heading or indicators differ.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct SectionDiff {
    pub position: i64,
    /// The newer heading (the older one when removed).
    pub heading: String,
    #[ts(optional)]
    pub old_heading: Option<String>,
    pub change: SectionChange,
    pub spans: Vec<DiffSpan>,
    pub indicators_changed: bool,
    pub inserted_chars: i64,
    pub deleted_chars: i64,
}

/// Two versions (or a version and the current text) compared section by section.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct SummaryDiff {
    pub from: SummaryVersionInfo,
    /// None: the current text.
    #[ts(optional)]
    pub to: Option<SummaryVersionInfo>,
    #[ts(optional)]
    pub old_title: Option<String>,
    pub title: String,
    pub sections: Vec<SectionDiff>,
}

//! The types of 交办事项: enums with their codes and Chinese labels, the item, its events, and the
//! inputs the forms send.

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::calendar::Category;
pub use crate::classification::Classification;
use crate::lifecycle::{AvailableAction, Event};
pub use crate::org::NamedRef;
use crate::summary::model::FollowUpKind;

coded_enum!(
    /// 来源.
    Source, "source", "来源", {
    Meeting = ("meeting", "会议纪要"),
    Instruction = ("instruction", "领导批示"),
    Superior = ("superior", "上级交办"),
    Petition = ("petition", "来信来访/群众诉求"),
    Inspection = ("inspection", "巡视巡察整改"),
    /// Made from a summary (成果应用): its problems, experience or plans; `summary_follow_up` says which.
    Summary = ("summary", "总结整改"),
    Other = ("other", "其他"),
});

coded_enum!(
    /// 紧急程度.
    Urgency, "urgency", "紧急程度", {
    ExtraUrgent = ("extra_urgent", "特急"),
    Urgent = ("urgent", "加急"),
    Normal = ("normal", "平件"),
});

coded_enum!(
    /// 反馈周期.
    FeedbackCycle, "feedback_cycle", "反馈周期", {
    None = ("none", "无"),
    Weekly = ("weekly", "每周"),
    Fortnightly = ("fortnightly", "每两周"),
    Monthly = ("monthly", "每月"),
    Quarterly = ("quarterly", "每季度"),
});

coded_enum!(
    /// 事项状态. 超期 is not a state: it is derived from the deadline.
    State, "state", "状态", {
    Registered = ("registered", "登记"),
    Assigned = ("assigned", "已交办"),
    InProgress = ("in_progress", "办理中"),
    Reported = ("reported", "已反馈"),
    Closed = ("closed", "已办结"),
    Suspended = ("suspended", "已中止"),
    StruckOff = ("struck_off", "已销号"),
    Archived = ("archived", "已归档"),
});

coded_enum!(
    /// What an event records.
    EventKind, "kind", "事件类型", {
    Register = ("register", "登记"),
    /// Taken in from a spreadsheet ledger, in the state the sheet gave (its payload says which
    /// file, sheet and row, and the sheet's own word for the state).
    Import = ("import", "导入"),
    Assign = ("assign", "交办"),
    Accept = ("accept", "签收"),
    Progress = ("progress", "进展反馈"),
    Report = ("report", "办理结果反馈"),
    Pass = ("pass", "审核通过办结"),
    Return = ("return", "退回重办"),
    ExtensionRequest = ("extension_request", "延期申请"),
    ExtensionApprove = ("extension_approve", "同意延期"),
    ExtensionReject = ("extension_reject", "不同意延期"),
    Suspend = ("suspend", "中止"),
    Resume = ("resume", "恢复办理"),
    Remind = ("remind", "催办"),
    RevisitHeld = ("revisit_held", "回访：成效保持"),
    RevisitRebound = ("revisit_rebound", "回访：反弹重办"),
    StrikeOff = ("strike_off", "销号"),
    Archive = ("archive", "归档"),
});

coded_enum!(
    /// What a person can do to an item: the forms of the detail drawer and `luoshi-cli item event`.
    Action, "action", "操作", {
    Assign = ("assign", "交办"),
    Accept = ("accept", "签收"),
    Progress = ("progress", "进展反馈"),
    Report = ("report", "反馈办理结果"),
    Pass = ("pass", "审核通过"),
    Return = ("return", "退回重办"),
    Extend = ("extend", "申请延期"),
    ApproveExtension = ("approve_extension", "同意延期"),
    RejectExtension = ("reject_extension", "不同意延期"),
    Suspend = ("suspend", "中止"),
    Resume = ("resume", "恢复办理"),
    Remind = ("remind", "催办"),
    Revisit = ("revisit", "回访"),
    StrikeOff = ("strike_off", "销号"),
    Archive = ("archive", "归档"),
});

coded_enum!(
    /// The warning light of an item, derived from "now", never stored. Sorted red first.
    #[derive(PartialOrd, Ord)]
    Light, "light", "灯色", {
    /// 红灯: overdue or a feedback cycle missed.
    Red = ("red", "红灯"),
    Yellow = ("yellow", "黄灯"),
    /// 蓝灯: approaching the limit (only when enabled).
    Blue = ("blue", "蓝灯"),
    Green = ("green", "绿灯"),
    /// 中止: the clock is stopped.
    Suspended = ("suspended", "中止"),
    ClosedOnTime = ("closed_on_time", "按期办结"),
    ClosedLate = ("closed_late", "超期办结"),
});

impl Light {
    /// The fill of the light's cell on paper and in the exported ledger: pale, so that black text
    /// stays readable in print, in the light's hue.
    pub fn paper_fill(self) -> u32 {
        match self {
            Light::Red => 0xFFCCC7,
            Light::Yellow => 0xFFF1B8,
            Light::Blue => 0xBAE0FF,
            Light::Green | Light::ClosedOnTime => 0xD9F7BE,
            Light::Suspended => 0xF0F0F0,
            // Pale red, as 超期 is: amber would read as 黄灯.
            Light::ClosedLate => 0xFFE1DE,
        }
    }

    /// The screen colour of the light (the antd palette), sent to the UI with the labels.
    pub fn colour(self) -> &'static str {
        match self {
            Light::Red => "#d4380d",
            Light::Yellow => "#d4b106",
            Light::Blue => "#1677ff",
            Light::Green => "#389e0d",
            Light::Suspended => "#8c8c8c",
            Light::ClosedOnTime => "#389e0d",
            // Dark red (超期), never the amber of 黄灯.
            Light::ClosedLate => "#a8071a",
        }
    }
}

impl State {
    /// Still being handled: the deadline runs and progress may be reported.
    pub fn is_open(self) -> bool {
        matches!(self, State::Registered | State::Assigned | State::InProgress | State::Reported)
    }

    /// Handling is over (closed, struck off or archived): the light shows on time or late.
    pub fn is_finished(self) -> bool {
        matches!(self, State::Closed | State::StruckOff | State::Archived)
    }

    /// The codes of the states that pass `keep`, quoted for an SQL `IN (…)`: the rules above, in
    /// queries that filter by state.
    pub fn sql_codes(keep: impl Fn(State) -> bool) -> String {
        State::ALL
            .iter()
            .filter(|s| keep(**s))
            .map(|s| format!("'{}'", s.code()))
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// A whole 交办事项, as the detail drawer shows it.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct Assignment {
    pub id: i64,
    pub number: String,
    #[ts(optional)]
    pub parent_id: Option<i64>,
    pub title: String,
    pub source: Source,
    #[ts(optional)]
    pub source_doc_no: Option<String>,
    #[ts(optional)]
    pub assigning_leader: Option<NamedRef>,
    pub assigned_at: DateTime<FixedOffset>,
    pub content: String,
    pub category: Category,
    pub urgency: Urgency,
    pub lead_unit: NamedRef,
    pub cooperating_units: Vec<NamedRef>,
    pub responsible: NamedRef,
    #[ts(optional)]
    pub contact: Option<String>,
    #[ts(optional)]
    pub contact_phone: Option<String>,
    #[ts(optional)]
    pub leader_in_charge: Option<NamedRef>,
    pub deadline: DateTime<FixedOffset>,
    /// False when the deadline was counted through a year with no published calendar: 未确认.
    pub deadline_confirmed: bool,
    /// Why the deadline falls where it does, when the calendar moved it (a 调休 working Saturday,
    /// holidays it was pushed past): one short line for the drawer and the 督办通知单.
    pub deadline_note: Option<String>,
    pub feedback_cycle: FeedbackCycle,
    pub classification: Classification,
    pub tags: Vec<String>,
    pub state: State,
    pub light: Light,
    #[ts(optional)]
    pub accepted_at: Option<DateTime<FixedOffset>>,
    #[ts(optional)]
    pub closed_at: Option<DateTime<FixedOffset>>,
    #[ts(optional)]
    pub suspended_since: Option<DateTime<FixedOffset>>,
    /// A 延期申请 awaiting a decision.
    #[ts(optional)]
    pub pending_extension: Option<PendingExtension>,
    pub returned_count: i64,
    #[ts(optional)]
    pub entered_by: Option<NamedRef>,
    pub created_at: DateTime<FixedOffset>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct PendingExtension {
    pub new_deadline: DateTime<FixedOffset>,
    pub reason: String,
    pub requested_at: DateTime<FixedOffset>,
}

/// One line of an item's timeline.
pub type AssignmentEvent = Event<EventKind, State>;

/// A sub-item as its parent shows it.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct SubItem {
    pub id: i64,
    pub number: String,
    pub title: String,
    pub lead_unit: NamedRef,
    pub responsible: NamedRef,
    pub deadline: DateTime<FixedOffset>,
    pub state: State,
    pub light: Light,
}

/// The detail drawer: the item, its sub-items with the roll-up, and the timeline.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct AssignmentDetail {
    pub item: Assignment,
    pub sub_items: Vec<SubItem>,
    /// Sub-items finished (closed, struck off or archived) out of all.
    pub sub_items_finished: i64,
    /// Whether it may be split (分解) into sub-items now: while it is still being handled.
    pub can_split: bool,
    /// What may be done to the item now, in lifecycle order, each with its form.
    pub available_actions: Vec<AvailableAction<Action>>,
    /// The summary it was made from (成果应用), one click away.
    #[ts(optional)]
    pub origin: Option<FollowUpOrigin>,
    pub events: Vec<AssignmentEvent>,
}

/// Where an item made from a summary came from: the summary, the section and the entry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct FollowUpOrigin {
    pub summary_id: i64,
    pub summary_title: String,
    pub kind: FollowUpKind,
    /// 第 n 个 of its kind in the summary.
    pub n: i64,
    /// The section (index from 0) and its heading.
    pub position: i64,
    pub heading: String,
    /// The entry as the summary wrote it.
    pub text: String,
}

/// The 登记 form. Sub-items (分解) give `parent_id`; the core assigns the number.
#[derive(Debug, Clone, Default, Deserialize, TS)]
#[ts(export)]
pub struct AssignmentInput {
    #[ts(optional)]
    pub parent_id: Option<i64>,
    pub title: String,
    /// Code or label of [`Source`].
    pub source: String,
    #[ts(optional)]
    pub source_doc_no: Option<String>,
    #[ts(optional)]
    pub assigning_leader_id: Option<i64>,
    /// 交办时间, CST `YYYY-MM-DDTHH:MM` or RFC 3339; omitted means now.
    #[ts(optional)]
    pub assigned_at: Option<String>,
    pub content: String,
    /// Code or label of the category.
    pub category: String,
    /// Code or label of [`Urgency`]; omitted means 平件.
    #[ts(optional)]
    pub urgency: Option<String>,
    pub lead_unit_id: i64,
    #[serde(default)]
    pub cooperating_unit_ids: Vec<i64>,
    pub responsible_id: i64,
    #[ts(optional)]
    pub contact: Option<String>,
    #[ts(optional)]
    pub contact_phone: Option<String>,
    #[ts(optional)]
    pub leader_in_charge_id: Option<i64>,
    /// An explicit 办理时限; omitted means the category's result limit counted from 交办时间.
    #[ts(optional)]
    pub deadline: Option<String>,
    #[ts(optional)]
    pub feedback_cycle: Option<String>,
    #[ts(optional)]
    pub classification: Option<String>,
    #[serde(default)]
    pub tags: Vec<String>,
    /// The leader who registers it (交办人 acting); omitted means the local profile.
    #[ts(optional)]
    pub actor_id: Option<i64>,
}

/// Most actions: who acted and an optional note (a reason where the action requires one).
#[derive(Debug, Clone, Default, Deserialize, TS)]
#[ts(export)]
pub struct ActionInput {
    pub actor_id: i64,
    #[ts(optional)]
    pub note: Option<String>,
    /// 满意度 0–100, at closing or at a revisit.
    #[ts(optional)]
    pub satisfaction: Option<u8>,
}

/// 延期申请: the new date and why.
#[derive(Debug, Clone, Deserialize, TS)]
#[ts(export)]
pub struct ExtensionInput {
    pub actor_id: i64,
    pub reason: String,
    /// CST `YYYY-MM-DD` (the close of working hours that day), `YYYY-MM-DDTHH:MM` or RFC 3339.
    pub new_deadline: String,
}

/// 回访 after 30 or 90 days: the result held, or it rebounded and the item reopens.
#[derive(Debug, Clone, Deserialize, TS)]
#[ts(export)]
pub struct RevisitInput {
    pub actor_id: i64,
    /// 30 or 90.
    pub day: u32,
    pub held: bool,
    #[ts(optional)]
    pub note: Option<String>,
    #[ts(optional)]
    pub satisfaction: Option<u8>,
}

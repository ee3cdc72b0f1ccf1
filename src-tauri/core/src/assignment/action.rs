//! The rules of the actions: which states allow each, the actions an item offers now with their
//! forms (so the detail drawer renders exactly those), and the values a form sends, which
//! `lifecycle::perform` takes from the window and from `luoshi-cli item event` alike.

use chrono::{DateTime, FixedOffset, TimeDelta};
use serde::Deserialize;
use serde_json::json;
use ts_rs::TS;

use super::model::{Action, Assignment, EventKind, State};
use crate::lifecycle::{AvailableAction, FormField, Lifecycle, Tables};

/// 交办事项 in the lifecycle engine.
pub struct Items;

impl Lifecycle for Items {
    type State = State;
    type Kind = EventKind;
    type Action = Action;
    const TABLES: Tables = Tables { records: "assignment", events: "assignment_event", key: "assignment_id" };
    const NOUN: &'static str = "事项";

    fn allowed_in(action: Action) -> &'static [State] {
        action.allowed_in()
    }
}

const HANDLING: &[State] = &[State::Assigned, State::InProgress, State::Reported];
/// The longest note, reason or result accepted.
pub const MAX_NOTE_CHARS: u32 = 5000;

impl Action {
    /// The states in which the action may be taken. The lifecycle refuses it in any other.
    pub fn allowed_in(self) -> &'static [State] {
        match self {
            Action::Assign => &[State::Registered],
            Action::Accept => &[State::Assigned],
            Action::Progress => &[State::Registered, State::Assigned, State::InProgress, State::Reported],
            Action::Report => &[State::InProgress],
            Action::Pass | Action::Return => &[State::Reported],
            Action::Extend | Action::Suspend => HANDLING,
            // A request made before 中止 may still be decided while the item is suspended.
            Action::ApproveExtension | Action::RejectExtension => {
                &[State::Assigned, State::InProgress, State::Reported, State::Suspended]
            }
            Action::Resume => &[State::Suspended],
            Action::Remind => &[State::Assigned, State::InProgress],
            Action::Revisit | Action::StrikeOff => &[State::Closed],
            Action::Archive => &[State::StruckOff],
        }
    }

    /// Who acts, in the words of the action.
    fn actor_label(self) -> &'static str {
        match self {
            Action::Assign => "交办人",
            Action::Accept => "签收人",
            Action::Progress | Action::Report => "反馈人",
            Action::Pass | Action::Return => "审核人",
            Action::Extend => "申请人",
            Action::ApproveExtension | Action::RejectExtension => "审批人",
            Action::Remind => "催办人",
            Action::Revisit => "回访人",
            _ => "办理人",
        }
    }

    /// The steps that close a chapter of the item, drawn as the main button.
    fn is_primary(self) -> bool {
        matches!(
            self,
            Action::Assign
                | Action::Accept
                | Action::Report
                | Action::Pass
                | Action::Resume
                | Action::StrikeOff
        )
    }

    /// The form of the action: who acted first, then what the action needs.
    fn fields(self, actor: Option<i64>) -> Vec<FormField> {
        let note = |label: &str| FormField::long_text("note", label, MAX_NOTE_CHARS);
        let satisfaction = || FormField::score("satisfaction", "满意度（0–100 分）");
        let mut fields = vec![FormField::actor(self.actor_label(), actor)];
        match self {
            Action::Progress => fields.push(note("进展情况").required()),
            Action::Report => fields.push(note("办理结果").required()),
            Action::Return => fields.push(note("退回理由").required()),
            Action::Suspend => fields.push(note("中止理由").required()),
            Action::Remind => fields.push(note("催办事由")),
            Action::Pass => fields.extend([note("说明"), satisfaction()]),
            Action::Extend => fields.extend([
                FormField::date("new_deadline", "延期至")
                    .required()
                    .hint("按该日工作时间结束计；须晚于现在的时限"),
                FormField::long_text("reason", "延期理由", MAX_NOTE_CHARS).required(),
            ]),
            Action::Revisit => fields.extend([
                FormField::choice(
                    "day",
                    "回访时点",
                    vec![(json!(30), "办结后 30 天".into()), (json!(90), "办结后 90 天".into())],
                ),
                FormField::choice(
                    "held",
                    "回访结果",
                    vec![(json!(true), "成效保持".into()), (json!(false), "反弹，重新办理".into())],
                ),
                note("回访情况").required_when("held", json!(false)).hint("反弹时须写明反弹情况"),
                satisfaction(),
            ]),
            _ => fields.push(note("说明")),
        }
        fields
    }
}

/// The values of an action's form, as the window and the CLI send them: each field by the name its
/// form gives it. Fields an action does not use are ignored.
#[derive(Debug, Clone, Default, Deserialize, TS)]
#[ts(export)]
pub struct ActionValues {
    pub actor_id: i64,
    #[ts(optional)]
    pub note: Option<String>,
    /// 满意度 0–100 (审核通过, 回访).
    #[ts(optional)]
    pub satisfaction: Option<u8>,
    /// 申请延期: why.
    #[ts(optional)]
    pub reason: Option<String>,
    /// 申请延期: the new deadline, YYYY-MM-DD (the close of working hours that day) or a time.
    #[ts(optional)]
    pub new_deadline: Option<String>,
    /// 回访: 30 or 90 days after closing.
    #[ts(optional)]
    pub day: Option<u32>,
    /// 回访: whether the result held (otherwise it rebounded and the item reopens).
    #[ts(optional)]
    pub held: Option<bool>,
}

/// An action with its form's values: `{"action": "accept", "input": {"actor_id": 3}}`.
#[derive(Debug, Clone, Deserialize, TS)]
#[ts(export)]
pub struct ActionRequest {
    pub action: Action,
    pub input: ActionValues,
}

/// The actions the item offers at `now`, each with its form (who acts defaults to `actor`, the
/// local user): those its state allows, less those whose own condition fails (deciding needs a
/// pending request; a request needs none pending and a deadline not yet passed; a revisit needs
/// 30 days since closing).
pub fn available(
    item: &Assignment,
    now: DateTime<FixedOffset>,
    actor: Option<i64>,
) -> Vec<AvailableAction<Action>> {
    let pending = item.pending_extension.as_ref();
    Action::ALL
        .iter()
        .copied()
        .filter(|a| a.allowed_in().contains(&item.state))
        .filter(|a| match a {
            Action::ApproveExtension | Action::RejectExtension => pending.is_some(),
            Action::Extend => pending.is_none() && now <= item.deadline,
            Action::Revisit => item.closed_at.is_some_and(|c| now >= c + TimeDelta::days(30)),
            // 归档 happens in the 归档 area, which files the 件 with its retention and 档号.
            Action::Archive => false,
            _ => true,
        })
        .map(|a| {
            let notice = match a {
                Action::ApproveExtension | Action::RejectExtension => pending.map(|p| {
                    format!(
                        "申请延期至 {}（现时限 {}）。理由：{}",
                        p.new_deadline.format("%Y-%m-%d %H:%M"),
                        item.deadline.format("%Y-%m-%d %H:%M"),
                        p.reason
                    )
                }),
                _ => None,
            };
            let mut fields = a.fields(actor);
            if a == Action::Remind {
                // 催办事由 comes written: what is late or due, for the clerk to send or amend.
                if let Some(note) = fields.iter_mut().find(|f| f.name == "note") {
                    note.default = Some(json!(remind_reason(&item.title, item.deadline, now)));
                }
            }
            AvailableAction::new(a, fields)
                .primary(a.is_primary())
                .danger(matches!(a, Action::Return | Action::Suspend | Action::RejectExtension))
                .notice(notice)
        })
        .collect()
}

/// The 催办事由 a 催办 form offers: late by how many days, or due when.
fn remind_reason(title: &str, deadline: DateTime<FixedOffset>, now: DateTime<FixedOffset>) -> String {
    let at = deadline.format("%Y-%m-%d %H:%M");
    if now <= deadline {
        return format!("“{title}”将于 {at} 到期，请抓紧办理，按期反馈办理结果。");
    }
    let days = (now.date_naive() - deadline.date_naive()).num_days();
    let late =
        if days > 0 { format!("已超期 {days} 天") } else { "今日已超过办理时限".to_string() };
    format!("“{title}”{late}（办理时限 {at}），请立即组织办理并反馈办理结果；确有困难的，请说明原因并提出办结时间。")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_remind_form_comes_with_its_reason_written() {
        let t = |s: &str| crate::calendar::parse_time("t", s).expect("time");
        let deadline = t("2026-11-20T17:30");
        assert_eq!(
            remind_reason("修复路灯", deadline, t("2026-11-19T10:00")),
            "“修复路灯”将于 2026-11-20 17:30 到期，请抓紧办理，按期反馈办理结果。"
        );
        assert!(remind_reason("修复路灯", deadline, t("2026-11-23T09:00"))
            .starts_with("“修复路灯”已超期 3 天（办理时限 2026-11-20 17:30）"));
        assert!(remind_reason("修复路灯", deadline, t("2026-11-20T18:00")).contains("今日已超过办理时限"));
    }

    #[test]
    fn action_request_reads_the_shape_the_ui_sends() {
        let r: ActionRequest = serde_json::from_value(
            serde_json::json!({"action": "approve_extension", "input": {"actor_id": 3}}),
        )
        .expect("parse");
        assert_eq!(r.action, Action::ApproveExtension);
        assert_eq!(r.input.actor_id, 3);
        let r: ActionRequest = serde_json::from_value(serde_json::json!({
            "action": "extend",
            "input": {"actor_id": 3, "reason": "等待上级批复", "new_deadline": "2026-12-31"}
        }))
        .expect("parse");
        assert_eq!(r.action, Action::Extend);
        assert_eq!(r.input.new_deadline.as_deref(), Some("2026-12-31"));
    }

    #[test]
    fn every_state_but_archived_offers_some_action() {
        for state in State::ALL {
            let offered = Action::ALL.iter().any(|a| a.allowed_in().contains(state));
            assert_eq!(offered, *state != State::Archived, "{state:?}");
        }
    }

    #[test]
    fn every_form_asks_who_acted_first_and_names_its_fields_as_the_values_do() {
        let known = ["actor_id", "note", "satisfaction", "reason", "new_deadline", "day", "held"];
        for action in Action::ALL {
            let fields = action.fields(Some(7));
            assert_eq!(fields[0].name, "actor_id");
            assert_eq!(fields[0].default, Some(json!(7)));
            for f in &fields {
                assert!(known.contains(&f.name.as_str()), "{action:?} has {}", f.name);
            }
        }
        // The reasons the lifecycle requires are required in the forms too.
        for action in [Action::Progress, Action::Report, Action::Return, Action::Suspend] {
            assert!(action.fields(None).iter().any(|f| f.name == "note" && f.required), "{action:?}");
        }
    }
}

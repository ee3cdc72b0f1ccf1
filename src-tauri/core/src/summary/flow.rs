//! The rules of a summary's review: which states allow each action, the actions a summary offers
//! now with their forms (so the editor renders exactly those), and the values a form sends, which
//! `review::perform` takes from the window and from `luoshi-cli summary review` alike.

use serde::Deserialize;
use serde_json::json;
use ts_rs::TS;

use super::model::{
    NamedRef, OpinionInput, PublicationChannel, SummaryAction, SummaryEventKind, SummaryState,
};
use crate::lifecycle::{ActionPanel, AvailableAction, FormField, Lifecycle, Tables};

/// The longest review opinion or note accepted.
pub const MAX_OPINION_CHARS: u32 = 2000;
/// The longest 覆盖单位 of a publication record.
pub const MAX_COVERED_CHARS: u32 = 500;

/// 总结 in the lifecycle engine.
pub struct Summaries;

impl Lifecycle for Summaries {
    type State = SummaryState;
    type Kind = SummaryEventKind;
    type Action = SummaryAction;
    const TABLES: Tables = Tables { records: "summary", events: "summary_event", key: "summary_id" };
    const NOUN: &'static str = "总结";

    fn allowed_in(action: SummaryAction) -> &'static [SummaryState] {
        match action {
            SummaryAction::Submit => &[SummaryState::Drafting, SummaryState::Returned],
            SummaryAction::Opinion | SummaryAction::Return | SummaryAction::Approve => {
                &[SummaryState::Submitted]
            }
            SummaryAction::Publish => &[SummaryState::Approved],
            SummaryAction::Archive => &[SummaryState::Published],
            SummaryAction::RecordPublication | SummaryAction::RecordTraining => &[SummaryState::Published],
        }
    }
}

impl SummaryState {
    /// The text may be edited: 撰写中 or 退回重写.
    pub fn is_editable(self) -> bool {
        matches!(self, SummaryState::Drafting | SummaryState::Returned)
    }

    /// The colour of the state's tag on screen (antd preset names).
    pub fn colour(self) -> &'static str {
        match self {
            SummaryState::Drafting => "blue",
            SummaryState::Submitted => "gold",
            SummaryState::Returned => "red",
            SummaryState::Approved => "green",
            SummaryState::Published => "cyan",
            SummaryState::Archived => "default",
        }
    }
}

/// The values of a review form, as the window and the CLI send them. Fields an action does not
/// use are ignored.
#[derive(Debug, Clone, Default, Deserialize, TS)]
#[ts(export)]
pub struct SummaryActionValues {
    pub actor_id: i64,
    /// The reason at submission, the opinion's text, or a remark.
    #[ts(optional)]
    pub note: Option<String>,
    /// 填写审核意见 (and a one-opinion 退回重写): the section (from 0); none for a general opinion.
    #[ts(optional)]
    pub section: Option<i64>,
    /// 退回重写: the opinions given with it.
    #[serde(default)]
    pub opinions: Vec<OpinionInput>,
    /// 登记发布: code or label of the 发布渠道.
    #[ts(optional)]
    pub channel: Option<String>,
    /// 登记发布 and 登记宣贯培训: the day it happened, YYYY-MM-DD.
    #[ts(optional)]
    pub date: Option<String>,
    /// 登记发布: the units it reached.
    #[ts(optional)]
    pub covered: Option<String>,
    /// 登记宣贯培训: how many took part.
    #[ts(optional)]
    pub participants: Option<i64>,
}

/// A review action with its form's values: `{"action": "submit", "input": {"actor_id": 3}}`.
#[derive(Debug, Clone, Deserialize, TS)]
#[ts(export)]
pub struct SummaryActionRequest {
    pub action: SummaryAction,
    pub input: SummaryActionValues,
}

/// What the forms need to know of the summary now.
pub struct FlowFacts<'a> {
    pub state: SummaryState,
    /// The sections as the opinion forms list them (position, heading).
    pub sections: &'a [(i64, String)],
    /// Whether the substance checks of the current text fail (then submitting needs a reason).
    pub checks_fail: bool,
    /// Opinions already given in this review round (they go with a return).
    pub round_opinions: usize,
    /// The local user, who acts by default (but never reviews what they drafted).
    pub actor: Option<i64>,
    /// Who drafted it: the one person who may not review it.
    pub drafter: NamedRef,
}

/// The actions that review a summary, which its drafter may not take.
pub(crate) fn is_review(action: SummaryAction) -> bool {
    matches!(action, SummaryAction::Opinion | SummaryAction::Return | SummaryAction::Approve)
}

/// Who acts, in the words of the action (the forms' label and the refusals' wording).
pub(crate) fn actor_label(action: SummaryAction) -> &'static str {
    match action {
        SummaryAction::Submit => "提交人",
        SummaryAction::Publish => "发布人",
        SummaryAction::RecordPublication | SummaryAction::RecordTraining => "登记人",
        _ => "审核人",
    }
}

fn fields(action: SummaryAction, f: &FlowFacts) -> Vec<FormField> {
    let mut fields = if is_review(action) {
        let reviewer = f.actor.filter(|&a| a != f.drafter.id);
        vec![FormField::actor(actor_label(action), reviewer)
            .hint(format!("撰写人{}不能审核自己撰写的总结", f.drafter.name))]
    } else {
        vec![FormField::actor(actor_label(action), f.actor)]
    };
    let note = |label: &str| FormField::long_text("note", label, MAX_OPINION_CHARS);
    match action {
        SummaryAction::Submit => {
            fields.push(note("提交说明").required_if(f.checks_fail).hint(if f.checks_fail {
                "检查未通过时须说明理由，审核人会看到"
            } else {
                ""
            }))
        }
        SummaryAction::Opinion => {
            let mut options = vec![(json!(null), "总体意见".to_string())];
            options.extend(f.sections.iter().map(|(p, h)| (json!(p), format!("第{}章 {h}", p + 1))));
            fields.push(FormField::select("section", "意见针对", options, json!(null)));
            fields.push(note("审核意见").required());
        }
        SummaryAction::Return => {
            let sections = f.sections.iter().map(|(p, h)| (*p, format!("第{}章 {h}", p + 1))).collect();
            fields.push(FormField::section_opinions("opinions", "审核意见", sections));
            fields.push(note("退回说明"));
        }
        SummaryAction::Approve | SummaryAction::Publish | SummaryAction::Archive => fields.push(note("说明")),
        SummaryAction::RecordPublication => {
            let channels =
                PublicationChannel::ALL.iter().map(|c| (json!(c.code()), c.label().to_string())).collect();
            fields.push(FormField::choice("channel", "发布渠道", channels).required());
            fields.push(FormField::date("date", "发布日期").required());
            fields.push(
                FormField::long_text("covered", "覆盖单位", MAX_COVERED_CHARS)
                    .required()
                    .hint("发布或印发到哪些单位，如：各科室、各直属单位"),
            );
            fields.push(note("说明"));
        }
        SummaryAction::RecordTraining => {
            fields.push(FormField::date("date", "宣贯日期").required());
            fields.push(FormField::count("participants", "参加人数").required());
            fields.push(note("答疑情况").hint("现场提出了哪些问题，如何解答"));
        }
    }
    // An empty hint says nothing.
    for field in &mut fields {
        if field.hint.as_deref() == Some("") {
            field.hint = None;
        }
    }
    fields
}

/// The actions the summary offers now, each with its form.
pub fn available(f: &FlowFacts) -> Vec<AvailableAction<SummaryAction>> {
    SummaryAction::ALL
        .iter()
        .copied()
        .filter(|a| Summaries::allowed_in(*a).contains(&f.state))
        // 归档 happens in the 归档 area, which files the 件 with its retention and 档号.
        .filter(|a| *a != SummaryAction::Archive)
        .map(|a| {
            let action = AvailableAction::new(a, fields(a, f))
                .primary(matches!(a, SummaryAction::Submit | SummaryAction::Approve | SummaryAction::Publish))
                .danger(a == SummaryAction::Return);
            match a {
                SummaryAction::Submit => action.panel(ActionPanel::Checks),
                SummaryAction::Return if f.round_opinions > 0 => action.notice(Some(format!(
                    "本轮已有 {} 条审核意见，会随退回一并交给撰写人",
                    f.round_opinions
                ))),
                _ => action,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn facts(state: SummaryState, checks_fail: bool) -> FlowFacts<'static> {
        let drafter = NamedRef { id: 5, name: "王玥".into() };
        FlowFacts { state, sections: &[], checks_fail, round_opinions: 0, actor: Some(3), drafter }
    }

    #[test]
    fn each_state_offers_its_review_actions() {
        let offered = |s| available(&facts(s, false)).into_iter().map(|a| a.action).collect::<Vec<_>>();
        assert_eq!(offered(SummaryState::Drafting), [SummaryAction::Submit]);
        assert_eq!(offered(SummaryState::Returned), [SummaryAction::Submit]);
        assert_eq!(
            offered(SummaryState::Submitted),
            [SummaryAction::Opinion, SummaryAction::Return, SummaryAction::Approve]
        );
        assert_eq!(offered(SummaryState::Approved), [SummaryAction::Publish]);
        assert_eq!(
            offered(SummaryState::Published),
            [SummaryAction::RecordPublication, SummaryAction::RecordTraining]
        );
        assert!(offered(SummaryState::Archived).is_empty());
    }

    #[test]
    fn a_failing_draft_needs_a_reason_to_be_submitted() {
        let note = |fail| {
            available(&facts(SummaryState::Drafting, fail))[0]
                .fields
                .iter()
                .find(|f| f.name == "note")
                .map(|f| f.required)
        };
        assert_eq!(note(true), Some(true));
        assert_eq!(note(false), Some(false));
    }
}

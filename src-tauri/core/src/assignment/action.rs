//! Every action through one door: which states allow it, which actions an item offers now (so the
//! detail drawer shows only those), and `perform`, which the window's forms and `luoshi-cli item
//! event` both call.

use chrono::{DateTime, FixedOffset, TimeDelta};
use rusqlite::Connection;
use serde::Deserialize;
use ts_rs::TS;

use super::lifecycle;
use super::model::{Action, ActionInput, Assignment, ExtensionInput, RevisitInput, State};
use crate::Result;

const HANDLING: &[State] = &[State::Assigned, State::InProgress, State::Reported];

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
}

/// An action with its form, as the UI sends it: `{"action": "accept", "input": {"actor_id": 3}}`.
#[derive(Debug, Clone, Deserialize, TS)]
#[serde(tag = "action", content = "input", rename_all = "snake_case")]
#[ts(export)]
pub enum ActionRequest {
    Assign(ActionInput),
    Accept(ActionInput),
    Progress(ActionInput),
    Report(ActionInput),
    Pass(ActionInput),
    Return(ActionInput),
    Extend(ExtensionInput),
    ApproveExtension(ActionInput),
    RejectExtension(ActionInput),
    Suspend(ActionInput),
    Resume(ActionInput),
    Remind(ActionInput),
    Revisit(RevisitInput),
    StrikeOff(ActionInput),
    Archive(ActionInput),
}

/// Performs one action in one transaction; the core takes the time and checks the transition.
pub fn perform(conn: &mut Connection, id: i64, request: &ActionRequest) -> Result<()> {
    use ActionRequest as R;
    match request {
        R::Assign(i) => lifecycle::assign(conn, id, i),
        R::Accept(i) => lifecycle::accept(conn, id, i),
        R::Progress(i) => lifecycle::report_progress(conn, id, i),
        R::Report(i) => lifecycle::report_result(conn, id, i),
        R::Pass(i) => lifecycle::pass(conn, id, i),
        R::Return(i) => lifecycle::return_for_redo(conn, id, i),
        R::Extend(i) => lifecycle::request_extension(conn, id, i),
        R::ApproveExtension(i) => lifecycle::approve_extension(conn, id, i),
        R::RejectExtension(i) => lifecycle::reject_extension(conn, id, i),
        R::Suspend(i) => lifecycle::suspend(conn, id, i),
        R::Resume(i) => lifecycle::resume(conn, id, i),
        R::Remind(i) => lifecycle::remind(conn, id, i),
        R::Revisit(i) => lifecycle::revisit(conn, id, i),
        R::StrikeOff(i) => lifecycle::strike_off(conn, id, i),
        R::Archive(i) => lifecycle::archive(conn, id, i),
    }
}

/// The actions the item offers at `now`: those its state allows, less those whose own condition
/// fails (deciding needs a pending request; a request needs none pending and a deadline not yet
/// passed; a revisit needs 30 days since closing).
pub fn available(item: &Assignment, now: DateTime<FixedOffset>) -> Vec<Action> {
    let pending = item.pending_extension.is_some();
    Action::ALL
        .iter()
        .copied()
        .filter(|a| a.allowed_in().contains(&item.state))
        .filter(|a| match a {
            Action::ApproveExtension | Action::RejectExtension => pending,
            Action::Extend => !pending && now <= item.deadline,
            Action::Revisit => item.closed_at.is_some_and(|c| now >= c + TimeDelta::days(30)),
            _ => true,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn action_request_reads_the_shape_the_ui_sends() {
        let r: ActionRequest = serde_json::from_value(
            serde_json::json!({"action": "approve_extension", "input": {"actor_id": 3}}),
        )
        .expect("parse");
        assert!(matches!(r, ActionRequest::ApproveExtension(ActionInput { actor_id: 3, .. })));
        let r: ActionRequest = serde_json::from_value(serde_json::json!({
            "action": "extend",
            "input": {"actor_id": 3, "reason": "等待上级批复", "new_deadline": "2026-12-31"}
        }))
        .expect("parse");
        assert!(matches!(r, ActionRequest::Extend(ExtensionInput { actor_id: 3, .. })));
    }

    #[test]
    fn every_state_but_archived_offers_some_action() {
        for state in State::ALL {
            let offered = Action::ALL.iter().any(|a| a.allowed_in().contains(state));
            assert_eq!(offered, *state != State::Archived, "{state:?}");
        }
    }
}

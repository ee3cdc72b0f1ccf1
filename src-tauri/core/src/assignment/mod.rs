//! 交办事项: registration with numbers and deadlines, the lifecycle as append-only events, warning
//! lights, the ledger query and text search. domain.md Part 1 is the specification.

pub mod action;
pub mod demo;
pub mod lifecycle;
pub mod lights;
pub mod model;
pub mod notice;
pub mod number;
pub mod query;
pub mod register;
pub mod search;

#[cfg(test)]
mod tests;

pub use action::{available as available_actions, ActionRequest, ActionValues, Items};
pub use demo::{fill as fill_demo, DemoReport};
pub use lifecycle::{
    accept, approve_extension, assign, pass, perform, reject_extension, remind, report_progress,
    report_result, request_extension, resume, return_for_redo, revisit, strike_off, suspend,
};
pub use lights::{light, LightFacts, LightSettings};
pub use model::{
    Action, ActionInput, Assignment, AssignmentDetail, AssignmentEvent, AssignmentInput, Classification,
    EventKind, ExtensionInput, FeedbackCycle, FollowUpOrigin, Light, NamedRef, PendingExtension,
    RevisitInput, Source, State, SubItem, Urgency,
};
pub use query::{
    events, get_assignment, get_assignment_detail, ledger, ledger_all, tags_in_use, LedgerPage, LedgerQuery,
    LedgerRow, LedgerScope, LedgerSort,
};
pub use register::{default_deadline, register};

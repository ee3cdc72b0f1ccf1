//! The one lifecycle engine. Every area whose records move through states (交办事项, 总结, and the
//! archive's 件 later) declares its states, actions, event kinds and forms as data, and moves
//! through [`transition`]: the guard with its Chinese error, the new state and the event written in
//! the caller's transaction, who acted and who typed it in. Events are facts: their tables are
//! append-only (triggers), and the timeline is read back with [`events`].
//!
//! A new area implements [`Lifecycle`] (its tables and its three coded enums) and builds
//! [`AvailableAction`]s with their [`FormField`]s; the window renders those, so it holds no list of
//! states, labels or required fields of its own.

mod event;
mod form;
mod step;

pub use event::{events, record_event, Event, NewEvent};
pub use form::{ActionPanel, AvailableAction, FieldKind, FieldOption, FieldValue, FormField};
pub use step::{entered_by, guard, transition, Record, Step};

use crate::coded::Coded;

/// Why 归档 is refused as a plain action of an item or a summary: only the 归档 area takes that
/// step, filing the 件 with its retention and 档号 in the same transaction.
pub const ARCHIVE_ELSEWHERE: &str = "归档请在“归档”页进行：选择保管期限后，系统编制档号并生成归档文件";

/// Where an area keeps its records and their events.
#[derive(Debug, Clone, Copy)]
pub struct Tables {
    /// The records: `id`, `state` and `updated_at` columns.
    pub records: &'static str,
    /// The append-only events: `id`, the key below, `kind`, `from_state`, `to_state`, `actor_id`,
    /// `entered_by`, `at`, `note`, `payload`.
    pub events: &'static str,
    /// The events' column naming the record.
    pub key: &'static str,
}

/// An area with a lifecycle: its tables, states, event kinds and actions.
pub trait Lifecycle {
    type State: Coded;
    type Kind: Coded;
    type Action: Coded;
    const TABLES: Tables;
    /// What a record is called in messages: 事项, 总结, 件.
    const NOUN: &'static str;

    /// The states in which the action may be taken; the guard refuses it in any other.
    fn allowed_in(action: Self::Action) -> &'static [Self::State];
}

//! Which reminders the desktop was already told of, kept in the data folder (`notified.json`) so
//! that a restart does not notify them again. The first look of a day starts afresh: one
//! notification sums up what needs attention that morning; after that only what is new is
//! notified. An entry that leaves the list (the item was done, the light turned back) is
//! forgotten, so it is notified again if it comes back.
//!
//! The file is the app's memory of its own notifications, not part of the ledger: it is outside
//! the database (a look every few minutes would otherwise fill the audit trail), written
//! atomically, and a missing or unreadable one only means one notification too many.

use std::collections::HashSet;
use std::path::Path;

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};

use super::{RemindKind, Reminder};
use crate::{files, Error, Result};

pub const FILE: &str = "notified.json";

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Notified {
    /// The day (YYYY-MM-DD) the entries were notified on.
    day: String,
    entries: HashSet<(i64, RemindKind)>,
}

fn day_of(now: DateTime<FixedOffset>) -> String {
    now.format("%Y-%m-%d").to_string()
}

impl Notified {
    /// What the data folder remembers; nothing when the file is missing or unreadable.
    pub fn load(data_dir: &Path) -> Notified {
        std::fs::read(data_dir.join(FILE))
            .ok()
            .and_then(|bytes| serde_json::from_slice(&bytes).ok())
            .unwrap_or_default()
    }

    pub fn save(&self, data_dir: &Path) -> Result<()> {
        let bytes = serde_json::to_vec(self).map_err(|e| Error::invalid("notified", e.to_string()))?;
        files::write_atomically(&data_dir.join(FILE), &bytes)
    }

    /// The reminders of `list` not yet notified today (all of them on a new day).
    pub fn fresh<'a>(&self, list: &'a [Reminder], now: DateTime<FixedOffset>) -> Vec<&'a Reminder> {
        let same_day = self.day == day_of(now);
        list.iter().filter(|r| !same_day || !self.entries.contains(&(r.id, r.kind))).collect()
    }

    /// Takes `list` as what the desktop now knows of. Returns whether anything changed (and so
    /// needs saving).
    pub fn remember(&mut self, list: &[Reminder], now: DateTime<FixedOffset>) -> bool {
        let next = Notified { day: day_of(now), entries: list.iter().map(|r| (r.id, r.kind)).collect() };
        let changed = *self != next;
        *self = next;
        changed
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::assignment::model::{Light, NamedRef};

    fn reminder(id: i64, kind: RemindKind) -> Reminder {
        Reminder {
            id,
            number: format!("督〔2026〕{id}号"),
            title: "关于城东片区供暖问题的督办".into(),
            lead_unit: NamedRef { id: 1, name: "市住房和城乡建设局".into() },
            kind,
            reason: String::new(),
            due: at("2026-12-04T17:30:00+08:00"),
            light: Light::Red,
        }
    }

    fn at(text: &str) -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339(text).expect("time")
    }

    #[test]
    fn a_restart_the_same_day_notifies_only_what_is_new_and_a_new_day_sums_up_again() {
        let dir = tempfile::tempdir().expect("temp dir");
        let morning = at("2026-12-04T09:00:00+08:00");
        let first = [reminder(1, RemindKind::Overdue), reminder(2, RemindKind::DueSoon)];
        let mut notified = Notified::load(dir.path());
        assert_eq!(notified.fresh(&first, morning).len(), 2, "nothing remembered: all are new");
        assert!(notified.remember(&first, morning));
        notified.save(dir.path()).expect("saved");

        // The app is closed and opened again at noon: the same two are not new, a third is.
        let noon = at("2026-12-04T12:00:00+08:00");
        let again = Notified::load(dir.path());
        let later = [first[0].clone(), first[1].clone(), reminder(3, RemindKind::CheckPending)];
        let fresh: Vec<i64> = again.fresh(&later, noon).iter().map(|r| r.id).collect();
        assert_eq!(fresh, [3]);
        // The same item for another reason is another reminder.
        assert_eq!(again.fresh(&[reminder(2, RemindKind::Overdue)], noon).len(), 1);

        // The next morning everything that still needs attention is summed up once more.
        let tomorrow = at("2026-12-05T09:00:00+08:00");
        assert_eq!(again.fresh(&later, tomorrow).len(), 3);
    }

    #[test]
    fn what_left_the_list_is_notified_again_when_it_comes_back() {
        let now = at("2026-12-04T09:00:00+08:00");
        let mut notified = Notified::default();
        let late = [reminder(1, RemindKind::Overdue)];
        notified.remember(&late, now);
        assert!(!notified.remember(&late, now), "an unchanged list needs no saving");
        notified.remember(&[], now);
        assert_eq!(notified.fresh(&late, now).len(), 1);
    }

    #[test]
    fn a_damaged_file_is_an_empty_memory() {
        let dir = tempfile::tempdir().expect("temp dir");
        std::fs::write(dir.path().join(FILE), b"{\"day\": 12").expect("write");
        assert_eq!(Notified::load(dir.path()), Notified::default());
    }
}

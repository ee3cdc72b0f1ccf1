//! 工作台 and 提醒: the start page's figures and lists, the items behind a number, the bell's
//! reminders, and the settings of reminders, of the figures' targets and of the units' scores; and
//! the paper of supervision (通报, 责任清单, the printed ledger) as PDF or .docx.

use std::path::PathBuf;

use luoshi_core::print;
use luoshi_core::remind::{self, RemindSettings, Reminder};
use luoshi_core::report::{self, BulletinDraft, BulletinPeriod, BulletinRules, Paper};
use luoshi_core::stats::{self, ScoreSettings, StatsTargets};
use luoshi_core::time;
use luoshi_core::workbench::{self, Workbench, WorkbenchCharts, WorkbenchPick, WorkbenchQuery};

use super::Bytes;

commands! {
    fn workbench(state, query: WorkbenchQuery) -> Workbench {
        state.with(|s| workbench::load(s.conn(), &query, time::now()))
    }

    /// The charts that do not follow the period: the last twelve months, the lights of open items.
    fn workbench_charts(state, unit_id: Option<i64>) -> WorkbenchCharts {
        state.with(|s| workbench::charts(s.conn(), unit_id, time::now()))
    }

    /// The ids behind a number or a list of 工作台, for the ledger's `ids` filter.
    fn workbench_item_ids(state, pick: WorkbenchPick) -> Vec<i64> {
        state.with(|s| workbench::item_ids(s.conn(), &pick, time::now()))
    }

    /// The bell: what needs attention now, of the kinds chosen in 设置 → 提醒.
    fn reminders(state) -> Vec<Reminder> {
        state.with(|s| remind::for_bell(s.conn(), time::now()))
    }

    fn get_remind_settings(state) -> RemindSettings {
        state.with(|s| remind::get_settings(s.conn()))
    }

    fn set_remind_settings(state, settings: RemindSettings) -> RemindSettings {
        state.with(|s| remind::set_settings(s.conn(), &settings))
    }

    fn get_stats_targets(state) -> StatsTargets {
        state.with(|s| stats::get_targets(s.conn()))
    }

    fn set_stats_targets(state, targets: StatsTargets) -> StatsTargets {
        state.with(|s| stats::set_targets(s.conn(), &targets))
    }

    /// 考核评分: the weights, the deduction per overdue item, the fewest items to be ranked.
    fn get_score_settings(state) -> ScoreSettings {
        state.with(|s| stats::get_score_settings(s.conn()))
    }

    fn set_score_settings(state, settings: ScoreSettings) -> ScoreSettings {
        state.with(|s| stats::set_score_settings(s.conn(), &settings))
    }

    /// The texts of a 通报 as a draft for the clerk to edit.
    fn bulletin_draft(state, period: BulletinPeriod) -> BulletinDraft {
        state.with(|s| report::bulletin_draft(s.conn(), period))
    }

    /// Keeps the clerk's edits of a bulletin's texts; returns them with the time they were kept.
    fn save_bulletin_draft(state, draft: BulletinDraft) -> BulletinDraft {
        state.with(|s| report::save_bulletin_draft(s.conn(), &draft))
    }

    /// 恢复自动生成: forgets the kept edits of the period and drafts it anew from the ledger.
    fn discard_bulletin_draft(state, period: BulletinPeriod) -> BulletinDraft {
        state.with(|s| report::discard_bulletin_draft(s.conn(), period))
    }

    /// 通报, 责任清单 or the ledger as PDF bytes, for the preview.
    fn report_pdf(state, paper: Paper) -> Bytes {
        let doc = state.with(|s| report::document(s.conn(), &paper))?;
        print::render(&doc).map(Bytes).map_err(|e| e.body())
    }

    /// 通报, 责任清单 or the ledger as a Word file, to the path chosen in the save dialog.
    fn report_docx_file(state, paper: Paper, path: PathBuf) -> PathBuf {
        state.with(|s| report::save_docx(s.conn(), &paper, &path))
    }

    /// Which units a 通报 commends and urges.
    fn get_bulletin_rules(state) -> BulletinRules {
        state.with(|s| report::get_bulletin_rules(s.conn()))
    }

    fn set_bulletin_rules(state, rules: BulletinRules) -> BulletinRules {
        state.with(|s| report::set_bulletin_rules(s.conn(), &rules))
    }
}

//! How far an import has got, for the window's progress bar: the step in Chinese and the share of
//! the whole done. Each step owns a fixed stretch of the bar, sized by what it took on a 10,000-row
//! ledger (release build: reading the file about a third, checking the rows a third, writing them
//! the rest), and moves through it row by row where it can count rows.

use serde::Serialize;
use ts_rs::TS;

/// One report: what the import is doing and how much of the whole is done (0–100).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct ImportProgress {
    pub step: String,
    pub percent: u8,
}

/// The steps of an import, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    Reading,
    Backup,
    Checking,
    Writing,
    Finishing,
}

impl Step {
    fn label(self, dry_run: bool) -> &'static str {
        match self {
            Step::Reading => "正在读取文件",
            Step::Backup => "正在备份现有数据",
            Step::Checking => "正在检查",
            Step::Writing if dry_run => "正在试导入",
            Step::Writing => "正在写入",
            Step::Finishing if dry_run => "正在整理预览",
            Step::Finishing => "正在保存",
        }
    }

    /// The stretch of the bar, in percent, the step fills.
    fn span(self) -> (u32, u32) {
        match self {
            Step::Reading => (0, 30),
            Step::Backup => (30, 35),
            Step::Checking => (35, 65),
            Step::Writing => (65, 97),
            Step::Finishing => (97, 100),
        }
    }
}

/// Passes reports on to `report`, one per percent at most, so a 100,000-row file costs a hundred
/// or so calls rather than a hundred thousand.
pub struct Progress<'a> {
    report: &'a dyn Fn(ImportProgress),
    dry_run: bool,
    last: Option<(Step, u8)>,
}

impl<'a> Progress<'a> {
    pub fn new(report: &'a dyn Fn(ImportProgress), dry_run: bool) -> Self {
        Progress { report, dry_run, last: None }
    }

    /// A step begins (one that cannot count its way through is only begun).
    pub fn begin(&mut self, step: Step) {
        self.rows(step, 0, 0);
    }

    /// `done` of `total` rows of `step` are through.
    pub fn rows(&mut self, step: Step, done: usize, total: usize) {
        let (from, to) = step.span();
        let share = if total == 0 {
            0
        } else {
            (done.min(total) as u64 * u64::from(to - from) / total as u64) as u32
        };
        let percent = (from + share) as u8;
        if self.last == Some((step, percent)) {
            return;
        }
        self.last = Some((step, percent));
        let label = step.label(self.dry_run);
        let step =
            if total == 0 { format!("{label}……") } else { format!("{label}：{done} / {total} 行") };
        (self.report)(ImportProgress { step, percent });
    }

    /// The import is through.
    pub fn done(&mut self) {
        let label = if self.dry_run { "预览已生成" } else { "导入完成" };
        (self.report)(ImportProgress { step: label.into(), percent: 100 });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::cell::RefCell;

    #[test]
    fn reports_climb_once_per_percent_through_the_steps_to_100() {
        let seen = RefCell::new(Vec::new());
        let record = |p: ImportProgress| seen.borrow_mut().push(p);
        let mut progress = Progress::new(&record, false);
        progress.begin(Step::Reading);
        progress.begin(Step::Backup);
        for done in 0..=10_000 {
            progress.rows(Step::Checking, done, 10_000);
        }
        for done in 0..=9_000 {
            progress.rows(Step::Writing, done, 9_000);
        }
        progress.begin(Step::Finishing);
        progress.done();
        let seen = seen.into_inner();
        assert!(seen.len() < 80, "one report per percent, not per row: {}", seen.len());
        assert!(seen.windows(2).all(|w| w[0].percent <= w[1].percent), "never goes back");
        assert_eq!(seen.first().map(|p| (p.step.as_str(), p.percent)), Some(("正在读取文件……", 0)));
        assert!(seen.iter().any(|p| p.step == "正在检查：5000 / 10000 行" && p.percent == 50));
        assert_eq!(seen.last().map(|p| (p.step.as_str(), p.percent)), Some(("导入完成", 100)));
    }

    #[test]
    fn a_dry_run_says_it_is_trying() {
        let seen = RefCell::new(Vec::new());
        let record = |p: ImportProgress| seen.borrow_mut().push(p.step);
        let mut progress = Progress::new(&record, true);
        progress.rows(Step::Writing, 1, 2);
        progress.done();
        assert_eq!(seen.into_inner(), ["正在试导入：1 / 2 行", "预览已生成"]);
    }
}

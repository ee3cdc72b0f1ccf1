//! The paper of supervision: 月度通报 and 季度通报 (the figures, the ranking of units by score, the
//! overdue items, units to commend and to urge), 责任清单 (every open item under its lead unit and
//! its cooperating units) and the ledger printed with its filters. Each is a function from the
//! stored items to the print model, so it prints as PDF and as .docx alike.

mod bulletin;
mod ledger;
mod responsibility;

#[cfg(test)]
mod tests;

use rusqlite::Connection;
use serde::Deserialize;
use ts_rs::TS;

use crate::assignment::LedgerQuery;
use crate::print::{Column, Document, Table};
use crate::summary::PublicityDraft;
use crate::Result;

pub use bulletin::{
    bulletin_document, bulletin_draft, bulletin_facts, discard_bulletin_draft,
    get_rules as get_bulletin_rules, save_bulletin_draft, set_rules as set_bulletin_rules, BulletinDraft,
    BulletinFacts, BulletinPeriod, BulletinRules, OverdueEntry,
};
pub use ledger::ledger_document;
pub use responsibility::responsibility_document;

/// One paper of this area, as the window and the CLI ask for it.
#[derive(Debug, Clone, Deserialize, TS)]
#[serde(tag = "paper", rename_all = "snake_case")]
#[ts(export, rename = "ReportPaper")]
pub enum Paper {
    /// 通报, with the texts as the clerk edited them.
    Bulletin { draft: BulletinDraft },
    /// 责任清单 of every lead unit, or of one.
    Responsibility {
        #[ts(optional)]
        #[serde(default)]
        unit_id: Option<i64>,
    },
    /// The ledger as the query filters and sorts it (its paging is not used).
    Ledger { query: LedgerQuery },
    /// A summary's 宣贯材料, with the texts as the writer edited them.
    Publicity { draft: PublicityDraft },
}

/// The print model of `paper`.
pub fn document(conn: &Connection, paper: &Paper) -> Result<Document> {
    match paper {
        Paper::Bulletin { draft } => bulletin_document(conn, draft),
        Paper::Responsibility { unit_id } => responsibility_document(conn, *unit_id),
        Paper::Ledger { query } => ledger_document(conn, query),
        Paper::Publicity { draft } => crate::summary::publicity_document(conn, draft),
    }
}

/// `paper` as a Word file at `path` (`.docx` added when missing), written atomically.
pub fn save_docx(conn: &Connection, paper: &Paper, path: &std::path::Path) -> Result<std::path::PathBuf> {
    crate::print::save_docx(path, &crate::print::render_docx(&document(conn, paper)?)?)
}

/// A body paragraph, indented two characters.
fn paragraph(text: &str) -> crate::print::Block {
    crate::print::Block::body(text)
}

/// Rows with 序号 (1, 2 …) before the cells `cells` makes of each.
fn numbered<T>(items: impl IntoIterator<Item = T>, cells: impl Fn(T) -> Vec<String>) -> Vec<Vec<String>> {
    items
        .into_iter()
        .enumerate()
        .map(|(i, item)| {
            let mut row = vec![(i + 1).to_string()];
            row.extend(cells(item));
            row
        })
        .collect()
}

/// A table of these columns (title, width in mm, centred) and rows, in `size` pt.
fn table(columns: &[(&str, f32, bool)], rows: Vec<Vec<String>>, size: f32) -> Table {
    Table {
        columns: columns
            .iter()
            .map(|&(title, width_mm, centred)| Column {
                title: title.to_string(),
                width_mm,
                align: if centred { crate::print::Align::Center } else { crate::print::Align::Left },
            })
            .collect(),
        rows,
        totals: None,
        font_size_pt: Some(size),
    }
}

/// A time as tables print it: its day (2026-11-30); a deadline's hour is nearly always 17:30.
fn day_text(t: chrono::DateTime<chrono::FixedOffset>) -> String {
    t.format("%Y-%m-%d").to_string()
}

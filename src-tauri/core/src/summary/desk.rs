//! What the desktop editor needs beyond the model: where the writer left off, so that the app
//! reopens on the same draft and section after a crash, and exports written straight to the file
//! the user chose in the save dialog.

use std::path::{Path, PathBuf};

use rusqlite::{Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{export_summary_json, export_template};
use crate::{files, print, settings, Result};

const LAST_OPEN_KEY: &str = "summary.last_open";

/// The draft and section the editor last showed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct LastOpen {
    pub summary_id: i64,
    /// Section index from 0.
    pub section: i64,
}

/// Remembers the open draft and section; written when the editor opens a draft or a section, so
/// that it survives the app being killed.
pub fn set_last_open(conn: &Connection, value: &LastOpen) -> Result<()> {
    settings::set(conn, LAST_OPEN_KEY, value)
}

/// The draft to reopen, when it still exists.
pub fn last_open(conn: &Connection) -> Result<Option<LastOpen>> {
    let Some(value) = settings::get::<LastOpen>(conn, LAST_OPEN_KEY)? else { return Ok(None) };
    let exists = conn
        .query_row("SELECT 1 FROM summary WHERE id = ?1", [value.summary_id], |_| Ok(()))
        .optional()?
        .is_some();
    Ok(exists.then_some(value))
}

/// Forgets the draft to reopen (the writer went back to the list).
pub fn clear_last_open(conn: &Connection) -> Result<()> {
    settings::reset(conn, LAST_OPEN_KEY)
}

/// 导出模板 into the file the user chose, adding `.json` when the name lacks it; returns the path.
pub fn export_template_to_file(conn: &Connection, id: i64, path: &Path) -> Result<PathBuf> {
    let text = export_template(conn, id)?;
    let path = files::with_extension(path, "json");
    files::write_atomically(&path, text.as_bytes())?;
    Ok(path)
}

/// 导出 a summary as its JSON file into the file the user chose; returns the path written.
pub fn export_summary_to_file(conn: &Connection, id: i64, path: &Path) -> Result<PathBuf> {
    let text = export_summary_json(conn, id)?;
    let path = files::with_extension(path, "json");
    files::write_atomically(&path, text.as_bytes())?;
    Ok(path)
}

/// 导出 the summary as a Word file (.docx, real heading styles) into the file the user chose;
/// returns the path written.
pub fn export_summary_docx_to_file(conn: &Connection, id: i64, path: &Path) -> Result<PathBuf> {
    let doc = super::print::paper(conn, id, super::print::SummaryPaper::Document)?;
    print::save_docx(path, &print::render_docx(&doc)?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::summary::tests::fixture;
    use crate::summary::{create_summary, NewSummaryInput};

    #[test]
    fn last_open_is_remembered_and_forgotten() {
        let mut f = fixture();
        assert_eq!(last_open(&f.conn).expect("get"), None);
        let id = create_summary(
            &mut f.conn,
            &NewSummaryInput {
                template_id: f.template,
                title: "上半年工作总结".into(),
                unit_id: Some(f.unit),
                drafter_id: Some(f.drafter),
                ..Default::default()
            },
        )
        .expect("new");
        set_last_open(&f.conn, &LastOpen { summary_id: id, section: 2 }).expect("set");
        assert_eq!(last_open(&f.conn).expect("get"), Some(LastOpen { summary_id: id, section: 2 }));
        // A summary that does not exist is not reopened.
        set_last_open(&f.conn, &LastOpen { summary_id: id + 100, section: 0 }).expect("set");
        assert_eq!(last_open(&f.conn).expect("get"), None);
        clear_last_open(&f.conn).expect("clear");
        assert_eq!(last_open(&f.conn).expect("get"), None);
    }

    #[test]
    fn exports_land_in_the_chosen_file() {
        let f = fixture();
        let dir = tempfile::tempdir().expect("dir");
        let path = export_template_to_file(&f.conn, f.template, &dir.path().join("模板")).expect("export");
        assert!(path.ends_with("模板.json"));
        let text = std::fs::read_to_string(&path).expect("read");
        assert!(text.contains("luoshi.summary-template"));
    }
}

//! The substance checks of a stored summary: its sections as the checks see them, compared with
//! the template's guidance and the most recent earlier summaries of the same unit (照搬照抄).

use rusqlite::{params, Connection};

use super::{draft, indicators};
use crate::check::{self, CheckContext, CheckReport, CopySource, CopySourceKind, SectionText};
use crate::Result;

/// Earlier summaries a draft is compared with for copying (the most recent ones of the same unit).
const EARLIER_SUMMARIES: usize = 20;

/// The sections as the checks see them.
pub(crate) fn check_sections(conn: &Connection, id: i64) -> Result<Vec<SectionText>> {
    Ok(draft::raw_sections(conn, id)?
        .into_iter()
        .map(|s| SectionText {
            indicators: indicators::table_status(&s.indicators),
            heading: s.heading,
            role: s.role,
            text: s.text,
        })
        .collect())
}

/// Runs the substance checks on the current text: against the template's guidance and the most
/// recent earlier summaries of the same unit (照搬照抄).
pub fn run_check(conn: &Connection, id: i64) -> Result<CheckReport> {
    // A summary that does not exist is an error, not an empty draft that passes nothing.
    draft::get_summary(conn, id)?;
    let settings = check::load_settings(conn)?;
    let mut sources: Vec<CopySource> = draft::raw_sections(conn, id)?
        .into_iter()
        .filter(|s| !s.guidance.trim().is_empty())
        .map(|s| CopySource { kind: CopySourceKind::Guidance, name: s.heading, text: s.guidance })
        .collect();
    let mut stmt = conn.prepare_cached(
        "SELECT s.id, s.title FROM summary s
         WHERE s.unit_id = (SELECT unit_id FROM summary WHERE id = ?1) AND s.id != ?1
           AND s.state IN ('approved', 'published', 'archived')
         ORDER BY s.updated_at DESC LIMIT ?2",
    )?;
    let earlier = stmt
        .query_map(params![id, EARLIER_SUMMARIES as i64], |r| {
            Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    for (other, title) in earlier {
        let text: String = conn.query_row(
            "SELECT coalesce(group_concat(text, char(10)), '') FROM
               (SELECT text FROM summary_section WHERE summary_id = ?1 ORDER BY position)",
            [other],
            |r| r.get(0),
        )?;
        sources.push(CopySource { kind: CopySourceKind::EarlierSummary, name: title, text });
    }
    let ctx = CheckContext::new(settings).with_copy_sources(sources);
    Ok(check::check_sections(&check_sections(conn, id)?, &ctx))
}

//! 归档完整率: of a year's 件 and candidates, how many have all of their required parts, and what
//! each of the others lacks.

use rusqlite::Connection;
use serde::Serialize;
use ts_rs::TS;

use super::filing::{candidates_near, list_files, ArchiveQuery};
use super::parts::{self, Candidate};
use crate::Result;

/// 归档完整率 of a year: every 件 filed in it and every candidate finished in it, with its lacks.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export, rename = "ArchiveCompleteness")]
pub struct CompletenessReport {
    pub year: i32,
    pub total: i64,
    pub complete: i64,
    /// complete / total, none when there is nothing.
    #[ts(optional)]
    pub rate: Option<f64>,
    /// Those lacking something, filed or not.
    pub incomplete: Vec<Candidate>,
}

/// The completeness of `year`: filed 件 and candidates alike.
pub fn completeness(conn: &Connection, year: i32) -> Result<CompletenessReport> {
    let mut all = candidates_near(conn, Some(year))?;
    all.retain(|c| c.year() == Some(year));
    let filed = list_files(conn, &ArchiveQuery { year: Some(year), ..Default::default() })?;
    for f in &filed {
        let mut c = parts::candidate(conn, f.target)?;
        c.archival_code = Some(f.archival_code.clone());
        all.push(c);
    }
    let total = all.len() as i64;
    let incomplete: Vec<Candidate> = all.into_iter().filter(|c| !c.lacks.is_empty()).collect();
    let complete = total - incomplete.len() as i64;
    Ok(CompletenessReport {
        year,
        total,
        complete,
        rate: (total > 0).then(|| complete as f64 / total as f64),
        incomplete,
    })
}

//! The editor's whole view of one summary: header, sections with indicators and opinions, the
//! general opinions, the timeline, and the actions it offers now with their forms.

use std::collections::HashMap;

use rusqlite::Connection;

use super::checks::run_check;
use super::draft::{get_summary, raw_sections, word_count};
use super::flow::{self, FlowFacts};
use super::indicators;
use super::model::{ReviewOpinion, SummaryDetail, SummarySection};
use super::review;
use crate::{lifecycle, text, Result};

/// The editor's whole view of one summary.
pub fn get_summary_detail(conn: &Connection, id: i64) -> Result<SummaryDetail> {
    let summary = get_summary(conn, id)?;
    let opinions = review::opinions(conn, id)?;
    let round = summary.returned_count + 1;
    let round_opinions = opinions.iter().filter(|o| o.round == round).count();
    let mut general_opinions: Vec<ReviewOpinion> = Vec::new();
    let mut by_section: HashMap<i64, Vec<ReviewOpinion>> = HashMap::new();
    for o in opinions {
        match o.section {
            Some(s) => by_section.entry(s).or_default().push(o),
            None => general_opinions.push(o),
        }
    }
    let sections: Vec<SummarySection> = raw_sections(conn, id)?
        .into_iter()
        .enumerate()
        .map(|(i, s)| SummarySection {
            position: i as i64,
            numeral: text::chinese_numeral(i + 1),
            indicators: indicators::compute(&s.indicators),
            opinions: by_section.remove(&(i as i64)).unwrap_or_default(),
            heading: s.heading,
            role: s.role,
            guidance: s.guidance,
            word_count: word_count([s.text.as_str()]),
            text: s.text,
            updated_at: s.updated_at,
        })
        .collect();
    let editable = summary.state.is_editable();
    // Submitting a failing draft needs a reason, so the form must know how the checks stand.
    let checks_fail = editable && !run_check(conn, id)?.passed;
    let headings: Vec<(i64, String)> = sections.iter().map(|s| (s.position, s.heading.clone())).collect();
    let available_actions = flow::available(&FlowFacts {
        state: summary.state,
        sections: &headings,
        checks_fail,
        round_opinions,
        actor: lifecycle::entered_by(conn)?,
        drafter: summary.drafter.clone(),
    });
    Ok(SummaryDetail {
        summary,
        sections,
        general_opinions,
        editable,
        available_actions,
        events: review::events(conn, id)?,
    })
}

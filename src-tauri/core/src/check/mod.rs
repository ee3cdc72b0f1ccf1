//! 实质性检查: the offices' rules against empty summaries (数据占比, 问题分析, 差距分析, 问题—原因—
//! 措施, 套话, 照搬照抄), measured on a draft and explained at their place.
//!
//! Pure: the draft and a [`CheckContext`] go in, a [`CheckReport`] comes out. The editor calls
//! [`check_sections`] on every (debounced) keystroke; [`check_text`] takes plain text, finding the
//! sections from heading numbers. Every offset in the report is in UTF-16 code units.

mod config;
mod copying;
mod matching;
mod problem;
mod quant;
mod report;
mod score;
mod sentences;
mod stock;

use std::ops::Range;
use std::path::Path;

pub use config::{
    load_settings, reset_stock_phrases, reset_thresholds, save_stock_phrases, save_thresholds, CheckContext,
    CheckSettings, CopySource, StockPhrases, Thresholds, STOCK_PHRASES_KEY, THRESHOLDS_KEY,
};
pub use problem::is_problem;
pub use quant::is_quant;
pub use report::{
    CheckReport, CopyMatch, CopySourceKind, Finding, IndicatorTable, IndicatorsStatus, ProblemLink, Rule,
    RuleCheck, SectionRole, SectionSummary, SectionText, SentenceLabel, Severity, Span,
};
pub use sentences::strip_enumerator;

use score::{Labels, Scorer};
use sentences::{Section, Sentence, Utf16Map};

/// Errors of the check area.
#[derive(Debug, thiserror::Error)]
pub enum CheckError {
    #[error("找不到要检查的文件“{path}”")]
    FileNotFound { path: String },
    #[error("文件“{path}”不是 UTF-8 编码的文本。请在 WPS 或记事本中“另存为”UTF-8 编码的 .txt 文件后再检查")]
    NotUtf8 { path: String },
    #[error("读取文件“{path}”失败：{reason}")]
    Unreadable { path: String, reason: String },
    #[error("{message}")]
    InvalidSetting { field: String, message: String },
}

impl CheckError {
    pub fn code(&self) -> &'static str {
        match self {
            CheckError::FileNotFound { .. } => "check_file_not_found",
            CheckError::NotUtf8 { .. } => "check_not_utf8",
            CheckError::Unreadable { .. } => "check_unreadable",
            CheckError::InvalidSetting { .. } => "check_invalid_setting",
        }
    }

    pub fn field(&self) -> Option<String> {
        match self {
            CheckError::FileNotFound { .. } | CheckError::NotUtf8 { .. } | CheckError::Unreadable { .. } => {
                Some("file".into())
            }
            CheckError::InvalidSetting { field, .. } => Some(field.clone()),
        }
    }

    pub fn is_bad_input(&self) -> bool {
        match self {
            CheckError::FileNotFound { .. }
            | CheckError::NotUtf8 { .. }
            | CheckError::InvalidSetting { .. } => true,
            CheckError::Unreadable { .. } => false,
        }
    }
}

/// Reads a plain-text draft (UTF-8, with or without a byte-order mark).
pub fn read_text_file(path: &Path) -> Result<String, CheckError> {
    let shown = path.display().to_string();
    let bytes = std::fs::read(path).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => CheckError::FileNotFound { path: shown.clone() },
        _ => CheckError::Unreadable { path: shown.clone(), reason: e.to_string() },
    })?;
    let text = String::from_utf8(bytes).map_err(|_| CheckError::NotUtf8 { path: shown })?;
    Ok(text.strip_prefix('\u{feff}').map(str::to_string).unwrap_or(text))
}

/// Loads the segmenter's dictionary ahead of the first check (it takes a moment, once).
pub fn warm_up() {
    // Tagging once also builds what jieba prepares lazily on first use.
    matching::key_terms("预热：分词词典，2026年共3.5万件（ok）。");
}

/// The whole text of a draft held as sections: each section's heading on its own line (when it
/// has one), then its text, then a line break. Whole-text offsets in a report of
/// [`check_sections`] are offsets into this text.
pub fn compose(sections: &[SectionText]) -> String {
    compose_with_bodies(sections).0
}

fn compose_with_bodies(sections: &[SectionText]) -> (String, Vec<Range<usize>>) {
    let mut whole = String::new();
    let mut bodies = Vec::with_capacity(sections.len());
    for s in sections {
        if !s.heading.trim().is_empty() {
            whole.push_str(s.heading.trim());
            whole.push('\n');
        }
        let start = whole.len();
        whole.push_str(&s.text);
        bodies.push(start..whole.len());
        whole.push('\n');
    }
    (whole, bodies)
}

/// One entry of a list section (一个问题、一条经验、一项计划): its sentences in order, grouped as the
/// problem links group them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// Index of the section.
    pub section: usize,
    pub sentences: Vec<String>,
}

/// The entries of the sections with `role`, in document order.
pub fn entries(sections: &[SectionText], role: SectionRole) -> Vec<Entry> {
    let (whole, bodies) = compose_with_bodies(sections);
    let (mut found, mut rows, mut paragraph) = (Vec::new(), Vec::new(), 0);
    let mut out = Vec::new();
    for (i, body) in bodies.into_iter().enumerate().filter(|(i, _)| sections[*i].role == role) {
        sentences::body_sentences(&whole, body, i, &mut paragraph, &mut found, &mut rows);
        out.extend(matching::items(&found, i).into_iter().map(|item| Entry {
            section: i,
            sentences: item.iter().map(|&k| whole[found[k].bytes.clone()].trim().to_string()).collect(),
        }));
    }
    out
}

/// Checks a plain-text draft. Lines that begin with a heading number (一、 (一) 1. 1.1) and have no
/// sentence-ending punctuation are headings; the top-level ones start sections, whose role comes
/// from their words (存在问题 → problems, 改进措施 → improvements …).
pub fn check_text(text: &str, ctx: &CheckContext) -> CheckReport {
    run(text, sentences::plain_sections(text), None, ctx)
}

/// Checks a draft held as sections (the editor). The sections' own headings are not sentences.
pub fn check_sections(sections: &[SectionText], ctx: &CheckContext) -> CheckReport {
    let (whole, bodies) = compose_with_bodies(sections);
    let found = sections
        .iter()
        .zip(bodies)
        .map(|(s, body)| Section { heading: s.heading.clone(), role: s.role, body, table_rows: Vec::new() })
        .collect();
    let tables = sections.iter().map(|s| s.indicators).collect();
    run(&whole, found, Some(tables), ctx)
}

fn run(
    whole: &str,
    mut sections: Vec<Section>,
    tables: Option<Vec<IndicatorTable>>,
    ctx: &CheckContext,
) -> CheckReport {
    let mut found: Vec<Sentence> = Vec::new();
    let mut paragraph = 0;
    for (i, section) in sections.iter_mut().enumerate() {
        sentences::body_sentences(
            whole,
            section.body.clone(),
            i,
            &mut paragraph,
            &mut found,
            &mut section.table_rows,
        );
    }
    // Every rule matches the text as simplified characters (繁体 matched as 简体); the offsets are
    // the same in both, and the report shows the text as written.
    let norm = crate::text::simplified(whole);
    let labels: Vec<Labels> = found
        .iter()
        .map(|s| {
            let text = &norm[s.bytes.clone()];
            let quant = quant::is_quant(text);
            let stock = if quant { None } else { stock::find_stock(text, &ctx.settings.stock_phrases) };
            Labels { quant, problem: problem::is_problem(text), stock }
        })
        .collect();
    let tables = tables.unwrap_or_else(|| sections.iter().map(|s| indicator_table(&s.table_rows)).collect());
    let map = Utf16Map::new(whole);
    let scorer = Scorer { whole, map: &map, sections: &sections, sentences: &found };

    let problem_flags: Vec<bool> = labels.iter().map(|l| l.problem).collect();
    let links = matching::link_problems(&norm, &sections, &found, &problem_flags);
    let copies: Vec<(usize, CopyMatch)> = found
        .iter()
        .enumerate()
        .filter_map(|(i, s)| {
            let (source, overlap) = ctx.copy_index().best_match(&norm[s.bytes.clone()])?;
            (overlap >= ctx.settings.thresholds.copy_min).then(|| {
                let src = &ctx.copy_sources()[source];
                (i, CopyMatch { kind: src.kind, name: src.name.clone(), overlap })
            })
        })
        .collect();
    scorer.report(&labels, &tables, links, copies, &ctx.settings.thresholds)
}

/// The status of a plain-text indicators table: a header row naming target, actual and gap, and
/// every later row filled.
fn indicator_table(rows: &[Vec<String>]) -> IndicatorTable {
    let is_header = |row: &Vec<String>| {
        let has = |words: &[&str]| row.iter().any(|c| words.iter().any(|w| c.contains(w)));
        has(&["目标"]) && has(&["实际", "完成"]) && has(&["差距", "偏差", "差额"])
    };
    let Some(at) = rows.iter().position(is_header) else { return IndicatorTable::Absent };
    let width = rows[at].len();
    let data = &rows[at + 1..];
    if !data.is_empty()
        && data.iter().all(|r| r.len() >= width && r.iter().take(width).all(|c| !c.is_empty()))
    {
        IndicatorTable::Complete
    } else {
        IndicatorTable::Incomplete
    }
}

#[cfg(test)]
mod tests;

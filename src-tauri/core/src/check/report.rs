//! What goes in and what comes out of a check. Everything the editor shows derives `TS`; the
//! scoring that fills a [`CheckReport`] is in [`super::score`].
//!
//! Offsets are UTF-16 code units everywhere (what JavaScript strings and CodeMirror count), so the
//! editor can use them without conversion; a character outside the BMP such as 𠮷 counts as 2.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

coded_enum!(
    /// The role of a section in a summary template; the checks look for problems, causes and
    /// measures by role.
    SectionRole, "role", "章节作用", {
    Background = ("background", "基本情况"),
    TargetsVsResults = ("targets_vs_results", "目标与完成情况"),
    Measures = ("measures", "主要举措"),
    Experience = ("experience", "经验做法"),
    Problems = ("problems", "存在问题"),
    Causes = ("causes", "原因分析"),
    Improvements = ("improvements", "改进措施"),
    Plan = ("plan", "下一步计划"),
    Other = ("other", "其他"),
});

impl SectionRole {
    /// The role a plain-text heading suggests: the role whose key word appears first in the heading
    /// (so 存在问题与原因分析 is about problems, 改进措施与建议 about improvements).
    pub fn from_heading(heading: &str) -> SectionRole {
        const WORDS: &[(&str, SectionRole)] = &[
            ("问题", SectionRole::Problems),
            ("不足", SectionRole::Problems),
            ("短板", SectionRole::Problems),
            ("难点", SectionRole::Problems),
            ("原因", SectionRole::Causes),
            ("改进", SectionRole::Improvements),
            ("整改", SectionRole::Improvements),
            ("建议", SectionRole::Improvements),
            ("对策", SectionRole::Improvements),
            ("改进措施", SectionRole::Improvements),
            ("计划", SectionRole::Plan),
            ("下一步", SectionRole::Plan),
            ("打算", SectionRole::Plan),
            ("展望", SectionRole::Plan),
            ("目标", SectionRole::TargetsVsResults),
            ("完成情况", SectionRole::TargetsVsResults),
            ("成效", SectionRole::TargetsVsResults),
            ("成果", SectionRole::TargetsVsResults),
            ("指标", SectionRole::TargetsVsResults),
            ("经验", SectionRole::Experience),
            ("亮点", SectionRole::Experience),
            ("启示", SectionRole::Experience),
            ("收获", SectionRole::Experience),
            ("举措", SectionRole::Measures),
            ("做法", SectionRole::Measures),
            ("实施", SectionRole::Measures),
            ("过程", SectionRole::Measures),
            ("推进", SectionRole::Measures),
            ("基本情况", SectionRole::Background),
            ("背景", SectionRole::Background),
            ("概述", SectionRole::Background),
            ("回顾", SectionRole::Background),
        ];
        // 存在問題 is 存在问题.
        let heading = crate::text::simplified(heading);
        WORDS
            .iter()
            .filter_map(|(word, role)| heading.find(word).map(|at| (at, *role)))
            .min_by_key(|(at, _)| *at)
            .map_or(SectionRole::Other, |(_, role)| role)
    }
}

/// Whether a targets-vs-results section has its indicators table (目标值、实际值、差距) filled.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum IndicatorTable {
    /// No table.
    #[default]
    Absent,
    /// A table with an empty target, actual or gap cell.
    Incomplete,
    /// Every row has target, actual and gap.
    Complete,
}

/// One section of a draft as the editor holds it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct SectionText {
    pub heading: String,
    pub role: SectionRole,
    pub text: String,
    #[serde(default)]
    pub indicators: IndicatorTable,
}

/// A place in the draft: offsets (UTF-16 code units) in the whole text and in the section's text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct Span {
    pub start: usize,
    pub end: usize,
    /// Index of the section (in the order given, or as found in plain text).
    pub section: usize,
    pub section_start: usize,
    pub section_end: usize,
}

/// One sentence and its labels, in document order.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct SentenceLabel {
    pub text: String,
    #[serde(flatten)]
    #[ts(flatten)]
    pub span: Span,
    /// 含量化事实
    pub quant: bool,
    /// 问题或原因分析
    pub problem: bool,
    /// 套话（且无量化事实）
    pub stock: bool,
}

/// The rules a finding or a figure rests on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Rule {
    /// 数据占比
    QuantRatio,
    /// 问题分析占比
    ProblemRatio,
    /// 套话
    Stock,
    /// 差距分析（指标表）
    Indicators,
    /// 问题须有原因
    ProblemCause,
    /// 问题须有对应措施
    ProblemMeasure,
    /// 照搬照抄
    Copy,
    /// 空章节: a chapter of the template left empty.
    EmptySection,
}

impl Rule {
    pub fn label(self) -> &'static str {
        match self {
            Rule::QuantRatio => "数据占比",
            Rule::ProblemRatio => "问题分析",
            Rule::Stock => "套话",
            Rule::Indicators => "差距分析",
            Rule::ProblemCause => "问题原因",
            Rule::ProblemMeasure => "问题措施",
            Rule::Copy => "照搬照抄",
            Rule::EmptySection => "空章节",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Severity {
    /// Makes the draft fail the rule: a reviewer would send it back.
    Error,
    /// Worth rewriting; the rule fails only when too many add up.
    Warning,
}

/// Where a copied sentence comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum CopySourceKind {
    /// 模板的撰写说明
    Guidance,
    /// 以往的总结
    EarlierSummary,
}

/// The source a sentence was (nearly) copied from.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct CopyMatch {
    pub kind: CopySourceKind,
    /// The source's name as the caller gave it (a template section, an earlier summary's title).
    pub name: String,
    /// Share of the sentence's character n-grams found in the source (0–1).
    pub overlap: f64,
}

/// Something the writer should fix, at its place, with why.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct Finding {
    pub rule: Rule,
    /// Where in the draft; none for figures of the whole draft.
    pub range: Option<Span>,
    /// What is wrong, in a few words.
    pub message: String,
    /// 依据: the rule it rests on.
    pub basis: String,
    pub severity: Severity,
    /// For copies: where the sentence comes from.
    pub source: Option<CopyMatch>,
}

/// One rule measured on the whole draft against its threshold.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct RuleCheck {
    pub rule: Rule,
    /// 数据占比, 问题分析 …
    pub label: String,
    /// The measured value (a share 0–1 for ratios, a count otherwise).
    pub value: f64,
    /// The threshold it is held against (a share 0–1 or a count).
    pub threshold: f64,
    pub passed: bool,
    /// How the figure reads, e.g. 数据占比 32%/40%.
    pub summary: String,
}

/// A problem of the problems section with the cause and the measure found for it.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct ProblemLink {
    /// The first problem sentence of the item.
    pub problem: Span,
    pub cause: Option<Span>,
    pub measure: Option<Span>,
    /// Key terms the problem and the measure share.
    pub shared_terms: Vec<String>,
}

/// A section as the check saw it.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct SectionSummary {
    pub heading: String,
    pub role: SectionRole,
    /// The body's range in the whole text (UTF-16).
    pub start: usize,
    pub end: usize,
    pub sentences: usize,
    pub quant: usize,
    pub problem: usize,
}

coded_enum!(
    /// Whether the draft has the indicators table the 差距分析 rule asks for.
    IndicatorsStatus, "indicators", "指标表", {
    NoSection = ("no_section", "没有“目标与完成情况”章节"),
    Absent = ("absent", "未填指标表"),
    Incomplete = ("incomplete", "指标表未填齐（目标值、实际值须为数字）"),
    Complete = ("complete", "指标表已填齐"),
});

/// The result of checking one draft.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct CheckReport {
    /// The unit of every offset: always "utf16".
    pub offset_unit: String,
    pub sentences: Vec<SentenceLabel>,
    pub sections: Vec<SectionSummary>,
    pub quant_ratio: f64,
    pub problem_ratio: f64,
    pub stock_count: usize,
    pub stock_ratio: f64,
    pub indicators: IndicatorsStatus,
    pub problem_links: Vec<ProblemLink>,
    /// Each rule against its threshold, in a fixed order.
    pub checks: Vec<RuleCheck>,
    /// In document order; findings about the whole draft first.
    pub findings: Vec<Finding>,
    /// Every rule passed.
    pub passed: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_from_headings() {
        assert_eq!(SectionRole::from_heading("五、存在问题与原因分析"), SectionRole::Problems);
        assert_eq!(SectionRole::from_heading("六、改进方向与后续建议"), SectionRole::Improvements);
        assert_eq!(SectionRole::from_heading("七、改进措施与后续推进思路"), SectionRole::Improvements);
        assert_eq!(SectionRole::from_heading("二、项目目标与完成情况"), SectionRole::TargetsVsResults);
        assert_eq!(SectionRole::from_heading("三、项目实施过程与关键举措"), SectionRole::Measures);
        assert_eq!(SectionRole::from_heading("四、经验做法与亮点总结"), SectionRole::Experience);
        assert_eq!(SectionRole::from_heading("一、项目基本情况回顾"), SectionRole::Background);
        assert_eq!(SectionRole::from_heading("八、下一步工作计划"), SectionRole::Plan);
        assert_eq!(SectionRole::from_heading("附件"), SectionRole::Other);
    }
}

//! What goes in and what comes out of a check. Everything the editor shows derives `TS`.
//!
//! Offsets are UTF-16 code units everywhere (what JavaScript strings and CodeMirror count), so the
//! editor can use them without conversion; a character outside the BMP such as 𠮷 counts as 2.

use std::ops::Range;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::config::Thresholds;
use super::matching::Link;
use super::sentences::{Section, Sentence, Utf16Map};

/// The role of a section in a summary template; the checks look for problems, causes and
/// measures by role.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum SectionRole {
    /// 基本情况、背景
    Background,
    /// 目标与完成情况
    TargetsVsResults,
    /// 实施过程与举措
    Measures,
    /// 经验做法与亮点
    Experience,
    /// 存在问题
    Problems,
    /// 原因分析
    Causes,
    /// 改进方向与措施
    Improvements,
    /// 下一步计划
    Plan,
    Other,
}

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

/// Whether the draft has the indicators table the 差距分析 rule asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum IndicatorsStatus {
    /// No targets-vs-results section.
    NoSection,
    Absent,
    Incomplete,
    Complete,
}

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

/// One sentence's labels before they are turned into a report.
pub(crate) struct Labels {
    pub quant: bool,
    pub problem: bool,
    /// The stock phrase (bytes within the sentence), when the sentence is a stock sentence.
    pub stock: Option<Range<usize>>,
}

fn pct(share: f64) -> i64 {
    (share * 100.0).round() as i64
}

fn ratio(count: usize, total: usize) -> f64 {
    if total == 0 {
        0.0
    } else {
        count as f64 / total as f64
    }
}

const STOCK_BASIS: &str =
    "不写套话：“高度重视”“稳步推进”“进一步加强”等空泛表述，须在同一句中写明具体数据或事实。";
const CAUSE_BASIS: &str = "问题须有原因：“存在问题”部分列出的每个问题，都要分析产生的原因。";
const MEASURE_BASIS: &str =
    "问题须有对应措施：每个问题都要在“改进措施”部分有对应的整改措施（按共有的关键词对应）。";
const INDICATORS_BASIS: &str = "差距分析：“目标与完成情况”部分要有指标表，逐项列明目标值、实际值和差距。";

fn quant_basis(t: &Thresholds) -> String {
    format!(
        "数据占比不低于{}%：至少{}%的句子要有量化事实（带单位的数字、百分比、具体日期、前后对比）。",
        pct(t.quant_min),
        pct(t.quant_min)
    )
}

fn problem_basis(t: &Thresholds) -> String {
    format!(
        "问题分析不低于{}%：至少{}%的句子要分析存在的问题、不足及其原因。",
        pct(t.problem_min),
        pct(t.problem_min)
    )
}

fn copy_basis(t: &Thresholds) -> String {
    format!("不照搬照抄：一句话与模板说明或以往总结的字句重合达到{}%即视为照搬。", pct(t.copy_min))
}

/// Turns labels and links found on byte ranges into the report's UTF-16 spans, figures and findings.
pub(crate) struct Builder<'a> {
    pub whole: &'a str,
    pub map: &'a Utf16Map,
    pub sections: &'a [Section],
    pub sentences: &'a [Sentence],
}

impl Builder<'_> {
    fn span(&self, section: usize, bytes: Range<usize>) -> Span {
        let base = self.map.at(self.sections[section].body.start);
        let (start, end) = (self.map.at(bytes.start), self.map.at(bytes.end));
        Span { start, end, section, section_start: start - base, section_end: end - base }
    }

    fn sentence_span(&self, i: usize) -> Span {
        let s = &self.sentences[i];
        self.span(s.section, s.bytes.clone())
    }

    pub fn build(
        &self,
        labels: &[Labels],
        tables: &[IndicatorTable],
        links: Vec<Link>,
        copies: Vec<(usize, CopyMatch)>,
        t: &Thresholds,
    ) -> CheckReport {
        let n = self.sentences.len();
        let count = |f: fn(&Labels) -> bool| labels.iter().filter(|l| f(l)).count();
        let (quant_n, problem_n, stock_n) =
            (count(|l| l.quant), count(|l| l.problem), count(|l| l.stock.is_some()));
        let (quant_ratio, problem_ratio, stock_ratio) =
            (ratio(quant_n, n), ratio(problem_n, n), ratio(stock_n, n));

        let sentences: Vec<SentenceLabel> = labels
            .iter()
            .enumerate()
            .map(|(i, l)| SentenceLabel {
                text: self.whole[self.sentences[i].bytes.clone()].to_string(),
                span: self.sentence_span(i),
                quant: l.quant,
                problem: l.problem,
                stock: l.stock.is_some(),
            })
            .collect();
        let sections: Vec<SectionSummary> = self
            .sections
            .iter()
            .enumerate()
            .map(|(si, s)| {
                let of = |f: fn(&Labels) -> bool| {
                    (0..n).filter(|&i| self.sentences[i].section == si && f(&labels[i])).count()
                };
                SectionSummary {
                    heading: s.heading.clone(),
                    role: s.role,
                    start: self.map.at(s.body.start),
                    end: self.map.at(s.body.end),
                    sentences: of(|_| true),
                    quant: of(|l| l.quant),
                    problem: of(|l| l.problem),
                }
            })
            .collect();

        let target_sections: Vec<usize> = (0..self.sections.len())
            .filter(|&s| self.sections[s].role == SectionRole::TargetsVsResults)
            .collect();
        let indicators = if target_sections.is_empty() {
            IndicatorsStatus::NoSection
        } else {
            let best = target_sections
                .iter()
                .map(|&s| tables.get(s).copied().unwrap_or_default())
                .max_by_key(|t| match t {
                    IndicatorTable::Absent => 0,
                    IndicatorTable::Incomplete => 1,
                    IndicatorTable::Complete => 2,
                });
            match best {
                Some(IndicatorTable::Complete) => IndicatorsStatus::Complete,
                Some(IndicatorTable::Incomplete) => IndicatorsStatus::Incomplete,
                _ => IndicatorsStatus::Absent,
            }
        };

        let problem_links: Vec<ProblemLink> = links
            .iter()
            .map(|l| ProblemLink {
                problem: self.sentence_span(l.problem),
                cause: l.cause.map(|i| self.sentence_span(i)),
                measure: l.measure.map(|i| self.sentence_span(i)),
                shared_terms: l.shared_terms.clone(),
            })
            .collect();
        let no_cause = links.iter().filter(|l| l.cause.is_none()).count();
        let no_measure = links.iter().filter(|l| l.measure.is_none()).count();

        let checks = vec![
            RuleCheck {
                rule: Rule::QuantRatio,
                label: Rule::QuantRatio.label().into(),
                value: quant_ratio,
                threshold: t.quant_min,
                passed: n > 0 && quant_ratio >= t.quant_min,
                summary: format!("数据占比 {}%/{}%", pct(quant_ratio), pct(t.quant_min)),
            },
            RuleCheck {
                rule: Rule::ProblemRatio,
                label: Rule::ProblemRatio.label().into(),
                value: problem_ratio,
                threshold: t.problem_min,
                passed: n > 0 && problem_ratio >= t.problem_min,
                summary: format!("问题分析 {}%/{}%", pct(problem_ratio), pct(t.problem_min)),
            },
            RuleCheck {
                rule: Rule::Stock,
                label: Rule::Stock.label().into(),
                value: stock_ratio,
                threshold: t.stock_max,
                passed: stock_ratio <= t.stock_max,
                summary: format!("套话 {stock_n} 句，占 {}%（上限 {}%）", pct(stock_ratio), pct(t.stock_max)),
            },
            RuleCheck {
                rule: Rule::Indicators,
                label: Rule::Indicators.label().into(),
                value: if indicators == IndicatorsStatus::Complete { 1.0 } else { 0.0 },
                threshold: 1.0,
                passed: indicators == IndicatorsStatus::Complete,
                summary: match indicators {
                    IndicatorsStatus::Complete => "指标表已列明目标值、实际值和差距".into(),
                    IndicatorsStatus::Incomplete => "指标表的目标值、实际值或差距未填齐".into(),
                    IndicatorsStatus::Absent => "“目标与完成情况”部分没有指标表".into(),
                    IndicatorsStatus::NoSection => "没有“目标与完成情况”部分".into(),
                },
            },
            RuleCheck {
                rule: Rule::ProblemCause,
                label: Rule::ProblemCause.label().into(),
                value: no_cause as f64,
                threshold: 0.0,
                passed: no_cause == 0,
                summary: format!("{} 个问题中 {no_cause} 个未分析原因", links.len()),
            },
            RuleCheck {
                rule: Rule::ProblemMeasure,
                label: Rule::ProblemMeasure.label().into(),
                value: no_measure as f64,
                threshold: 0.0,
                passed: no_measure == 0,
                summary: format!("{} 个问题中 {no_measure} 个没有对应措施", links.len()),
            },
            RuleCheck {
                rule: Rule::Copy,
                label: Rule::Copy.label().into(),
                value: copies.len() as f64,
                threshold: 0.0,
                passed: copies.is_empty(),
                summary: format!("疑似照搬 {} 句", copies.len()),
            },
        ];

        let whole_draft = |rule: Rule, message: String, basis: String| Finding {
            rule,
            range: None,
            message,
            basis,
            severity: Severity::Error,
            source: None,
        };
        let mut findings = Vec::new();
        if !checks[0].passed {
            let message = format!("数据占比 {}%，低于 {}%", pct(quant_ratio), pct(t.quant_min));
            findings.push(whole_draft(Rule::QuantRatio, message, quant_basis(t)));
        }
        if !checks[1].passed {
            let message = format!("问题分析 {}%，低于 {}%", pct(problem_ratio), pct(t.problem_min));
            findings.push(whole_draft(Rule::ProblemRatio, message, problem_basis(t)));
        }
        if !checks[2].passed {
            let message = format!("套话句占 {}%，超过 {}%", pct(stock_ratio), pct(t.stock_max));
            findings.push(whole_draft(Rule::Stock, message, STOCK_BASIS.into()));
        }
        if !checks[3].passed {
            let mut f = whole_draft(Rule::Indicators, checks[3].summary.clone(), INDICATORS_BASIS.into());
            f.range = target_sections
                .first()
                .map(|&s| self.span(s, self.sections[s].body.start..self.sections[s].body.start));
            findings.push(f);
        }
        let mut located = Vec::new();
        for (i, l) in labels.iter().enumerate() {
            if let Some(phrase) = &l.stock {
                let base = self.sentences[i].bytes.start;
                let text = &self.whole[base + phrase.start..base + phrase.end];
                located.push(Finding {
                    rule: Rule::Stock,
                    range: Some(self.span(self.sentences[i].section, base + phrase.start..base + phrase.end)),
                    message: format!("套话“{text}”，同句没有具体数据或事实"),
                    basis: STOCK_BASIS.into(),
                    severity: Severity::Warning,
                    source: None,
                });
            }
        }
        for (i, m) in copies {
            let from = match m.kind {
                CopySourceKind::Guidance => "模板说明",
                CopySourceKind::EarlierSummary => "以往总结",
            };
            located.push(Finding {
                rule: Rule::Copy,
                range: Some(self.sentence_span(i)),
                message: format!("与{from}“{}”重合 {}%，疑似照搬", m.name, pct(m.overlap)),
                basis: copy_basis(t),
                severity: Severity::Error,
                source: Some(m),
            });
        }
        for l in &links {
            if l.cause.is_none() {
                located.push(Finding {
                    rule: Rule::ProblemCause,
                    range: Some(self.sentence_span(l.problem)),
                    message: "此问题未分析原因".into(),
                    basis: CAUSE_BASIS.into(),
                    severity: Severity::Error,
                    source: None,
                });
            }
            if l.measure.is_none() {
                located.push(Finding {
                    rule: Rule::ProblemMeasure,
                    range: Some(self.sentence_span(l.problem)),
                    message: "“改进措施”部分没有与此问题对应的措施".into(),
                    basis: MEASURE_BASIS.into(),
                    severity: Severity::Error,
                    source: None,
                });
            }
        }
        located.sort_by_key(|f| f.range.map(|r| (r.start, r.end)));
        findings.extend(located);

        CheckReport {
            offset_unit: "utf16".into(),
            passed: checks.iter().all(|c| c.passed),
            sentences,
            sections,
            quant_ratio,
            problem_ratio,
            stock_count: stock_n,
            stock_ratio,
            indicators,
            problem_links,
            checks,
            findings,
        }
    }
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

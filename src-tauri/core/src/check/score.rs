//! Scoring a draft: the labels, problem links and copies found on byte ranges become the report's
//! UTF-16 spans, its figures against the thresholds, and its findings with their basis. The types
//! it fills are in [`super::report`].

use std::ops::Range;

use super::config::Thresholds;
use super::matching::Link;
use super::report::{
    CheckReport, CopyMatch, CopySourceKind, Finding, IndicatorTable, IndicatorsStatus, ProblemLink, Rule,
    RuleCheck, SectionRole, SectionSummary, SentenceLabel, Severity, Span,
};
use super::sentences::{Section, Sentence, Utf16Map};

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
const EMPTY_BASIS: &str = "章节须有内容：模板的每一章都要写出本期的实际情况，不能空着。";
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

/// The whole-draft counts the ratio rules are measured on.
struct Figures {
    sentences: usize,
    stock: usize,
    quant_ratio: f64,
    problem_ratio: f64,
    stock_ratio: f64,
}

impl Figures {
    /// How many more sentences of a kind would lift `ratio` to `min` (at least one).
    fn more_needed(&self, ratio: f64, min: f64) -> usize {
        let have = (ratio * self.sentences as f64).round();
        let want = (min * self.sentences as f64).ceil();
        ((want - have).max(1.0)) as usize
    }

    fn of(labels: &[Labels], sentences: usize) -> Figures {
        let count = |f: fn(&Labels) -> bool| labels.iter().filter(|l| f(l)).count();
        let stock = count(|l| l.stock.is_some());
        Figures {
            sentences,
            stock,
            quant_ratio: ratio(count(|l| l.quant), sentences),
            problem_ratio: ratio(count(|l| l.problem), sentences),
            stock_ratio: ratio(stock, sentences),
        }
    }
}

/// The best indicators table of the targets-vs-results sections (a complete one wins).
fn indicators_status(target_sections: &[usize], tables: &[IndicatorTable]) -> IndicatorsStatus {
    if target_sections.is_empty() {
        return IndicatorsStatus::NoSection;
    }
    let best =
        target_sections.iter().map(|&s| tables.get(s).copied().unwrap_or_default()).max_by_key(|t| match t {
            IndicatorTable::Absent => 0,
            IndicatorTable::Incomplete => 1,
            IndicatorTable::Complete => 2,
        });
    match best {
        Some(IndicatorTable::Complete) => IndicatorsStatus::Complete,
        Some(IndicatorTable::Incomplete) => IndicatorsStatus::Incomplete,
        _ => IndicatorsStatus::Absent,
    }
}

/// What the rules about problems and chapters need to know of the draft's shape.
#[derive(Debug, Clone, Copy, Default)]
struct Shape {
    /// It has a problems section (so finding no problem in it fails the problem rules).
    problem_section: bool,
    /// Chapters (other than 其他) with no sentence and no indicators table.
    empty_sections: usize,
}

/// Each rule against its threshold, in the report's fixed order.
fn rule_checks(
    f: &Figures,
    indicators: IndicatorsStatus,
    links: &[Link],
    copies: usize,
    shape: Shape,
    t: &Thresholds,
) -> Vec<RuleCheck> {
    let no_cause = links.iter().filter(|l| l.cause.is_none()).count();
    let no_measure = links.iter().filter(|l| l.measure.is_none()).count();
    // A problems section with no problem in it cannot pass the problem rules on nothing.
    let no_problem = shape.problem_section && links.is_empty();
    let problems = |missing: usize, what: &str| {
        if no_problem {
            "“存在问题”部分没有写出具体问题".to_string()
        } else {
            format!("{} 个问题中 {missing} 个{what}", links.len())
        }
    };
    let check = |rule: Rule, value: f64, threshold: f64, passed: bool, summary: String| RuleCheck {
        rule,
        label: rule.label().into(),
        value,
        threshold,
        passed,
        summary,
    };
    vec![
        check(
            Rule::QuantRatio,
            f.quant_ratio,
            t.quant_min,
            f.sentences > 0 && f.quant_ratio >= t.quant_min,
            format!("数据占比 {}%/{}%", pct(f.quant_ratio), pct(t.quant_min)),
        ),
        check(
            Rule::ProblemRatio,
            f.problem_ratio,
            t.problem_min,
            f.sentences > 0 && f.problem_ratio >= t.problem_min,
            format!("问题分析 {}%/{}%", pct(f.problem_ratio), pct(t.problem_min)),
        ),
        check(
            Rule::Stock,
            f.stock_ratio,
            t.stock_max,
            f.stock_ratio <= t.stock_max,
            format!("套话 {} 句，占 {}%（上限 {}%）", f.stock, pct(f.stock_ratio), pct(t.stock_max)),
        ),
        check(
            Rule::Indicators,
            if indicators == IndicatorsStatus::Complete { 1.0 } else { 0.0 },
            1.0,
            indicators == IndicatorsStatus::Complete,
            match indicators {
                IndicatorsStatus::Complete => "指标表已列明目标值、实际值和差距".into(),
                IndicatorsStatus::Incomplete => "指标表的目标值、实际值或差距未填齐".into(),
                IndicatorsStatus::Absent => "“目标与完成情况”部分没有指标表".into(),
                IndicatorsStatus::NoSection => "没有“目标与完成情况”部分".into(),
            },
        ),
        check(
            Rule::ProblemCause,
            no_cause as f64,
            0.0,
            no_cause == 0 && !no_problem,
            problems(no_cause, "未分析原因"),
        ),
        check(
            Rule::ProblemMeasure,
            no_measure as f64,
            0.0,
            no_measure == 0 && !no_problem,
            problems(no_measure, "没有对应措施"),
        ),
        check(Rule::Copy, copies as f64, 0.0, copies == 0, format!("疑似照搬 {copies} 句")),
        check(
            Rule::EmptySection,
            shape.empty_sections as f64,
            0.0,
            shape.empty_sections == 0,
            if shape.empty_sections == 0 {
                "各章均已填写".to_string()
            } else {
                format!("{} 章没有内容", shape.empty_sections)
            },
        ),
    ]
}

/// Turns labels and links found on byte ranges into the report's UTF-16 spans, figures and findings.
pub(crate) struct Scorer<'a> {
    pub whole: &'a str,
    pub map: &'a Utf16Map,
    pub sections: &'a [Section],
    pub sentences: &'a [Sentence],
}

impl Scorer<'_> {
    /// The report of the draft: `labels` has one entry per sentence, `tables` one per section,
    /// `copies` pairs a sentence index with where it was copied from.
    pub fn report(
        &self,
        labels: &[Labels],
        tables: &[IndicatorTable],
        links: Vec<Link>,
        copies: Vec<(usize, CopyMatch)>,
        t: &Thresholds,
    ) -> CheckReport {
        let figures = Figures::of(labels, self.sentences.len());
        let target_sections: Vec<usize> = (0..self.sections.len())
            .filter(|&s| self.sections[s].role == SectionRole::TargetsVsResults)
            .collect();
        let indicators = indicators_status(&target_sections, tables);
        let empty = self.empty_sections(tables);
        let problem_section = self.sections.iter().any(|s| s.role == SectionRole::Problems);
        let shape = Shape { problem_section, empty_sections: empty.len() };
        let checks = rule_checks(&figures, indicators, &links, copies.len(), shape, t);
        let mut findings = self.whole_draft_findings(&checks, &figures, target_sections.first().copied(), t);
        findings.extend(self.located_findings(labels, copies, &links, t));
        findings.extend(self.empty_findings(&empty, problem_section && links.is_empty()));
        CheckReport {
            offset_unit: "utf16".into(),
            passed: checks.iter().all(|c| c.passed),
            sentences: self.sentence_labels(labels),
            sections: self.section_summaries(labels),
            quant_ratio: figures.quant_ratio,
            problem_ratio: figures.problem_ratio,
            stock_count: figures.stock,
            stock_ratio: figures.stock_ratio,
            indicators,
            problem_links: self.problem_links(&links),
            checks,
            findings,
        }
    }

    /// Chapters with a role of their own (not 其他) that hold no sentence and no indicators table.
    fn empty_sections(&self, tables: &[IndicatorTable]) -> Vec<usize> {
        (0..self.sections.len())
            .filter(|&s| self.sections[s].role != SectionRole::Other)
            .filter(|&s| tables.get(s).is_none_or(|t| *t == IndicatorTable::Absent))
            .filter(|&s| !self.sentences.iter().any(|x| x.section == s))
            .collect()
    }

    /// A finding at the start of each empty chapter, saying what belongs there; and, when the
    /// problems section names no problem, one at its start (unless it is empty, which says it).
    fn empty_findings(&self, empty: &[usize], no_problem: bool) -> Vec<Finding> {
        let at = |s: usize| {
            let start = self.sections[s].body.start;
            Some(self.span(s, start..start))
        };
        let mut out: Vec<Finding> = empty
            .iter()
            .map(|&s| Finding {
                rule: Rule::EmptySection,
                range: at(s),
                message: format!(
                    "“{}”这一章是空的，请写出本期的{}",
                    self.sections[s].heading.trim(),
                    self.sections[s].role.label()
                ),
                basis: EMPTY_BASIS.into(),
                severity: Severity::Error,
                source: None,
            })
            .collect();
        if no_problem {
            let problems = (0..self.sections.len()).find(|&s| self.sections[s].role == SectionRole::Problems);
            if let Some(s) = problems.filter(|s| !empty.contains(s)) {
                out.push(Finding {
                    rule: Rule::ProblemCause,
                    range: at(s),
                    message: "“存在问题”部分没有写出具体问题：请逐条写明问题、表现和数据".into(),
                    basis: CAUSE_BASIS.into(),
                    severity: Severity::Error,
                    source: None,
                });
            }
        }
        out
    }

    fn span(&self, section: usize, bytes: Range<usize>) -> Span {
        let base = self.map.at(self.sections[section].body.start);
        let (start, end) = (self.map.at(bytes.start), self.map.at(bytes.end));
        Span { start, end, section, section_start: start - base, section_end: end - base }
    }

    fn sentence_span(&self, i: usize) -> Span {
        let s = &self.sentences[i];
        self.span(s.section, s.bytes.clone())
    }

    fn sentence_labels(&self, labels: &[Labels]) -> Vec<SentenceLabel> {
        labels
            .iter()
            .enumerate()
            .map(|(i, l)| SentenceLabel {
                text: self.whole[self.sentences[i].bytes.clone()].to_string(),
                span: self.sentence_span(i),
                quant: l.quant,
                problem: l.problem,
                stock: l.stock.is_some(),
            })
            .collect()
    }

    fn section_summaries(&self, labels: &[Labels]) -> Vec<SectionSummary> {
        let n = self.sentences.len();
        self.sections
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
            .collect()
    }

    fn problem_links(&self, links: &[Link]) -> Vec<ProblemLink> {
        links
            .iter()
            .map(|l| ProblemLink {
                problem: self.sentence_span(l.problem),
                cause: l.cause.map(|i| self.sentence_span(i)),
                measure: l.measure.map(|i| self.sentence_span(i)),
                shared_terms: l.shared_terms.clone(),
            })
            .collect()
    }

    /// Findings about the whole draft, one per failed figure; the indicators finding points at the
    /// start of the first targets-vs-results section when there is one.
    fn whole_draft_findings(
        &self,
        checks: &[RuleCheck],
        f: &Figures,
        target_section: Option<usize>,
        t: &Thresholds,
    ) -> Vec<Finding> {
        let failed = |rule: Rule| checks.iter().find(|c| c.rule == rule && !c.passed);
        let whole_draft = |rule: Rule, message: String, basis: String| Finding {
            rule,
            range: None,
            message,
            basis,
            severity: Severity::Error,
            source: None,
        };
        let mut findings = Vec::new();
        // Each message says what would fix it: how many sentences to add or rewrite, and with what.
        if failed(Rule::QuantRatio).is_some() {
            let more = f.more_needed(f.quant_ratio, t.quant_min);
            let message = format!(
                "数据占比 {}%，低于 {}%：再有 {more} 句写出具体数据（带单位的数量、百分比、日期或前后对比）即可达标",
                pct(f.quant_ratio),
                pct(t.quant_min)
            );
            findings.push(whole_draft(Rule::QuantRatio, message, quant_basis(t)));
        }
        if failed(Rule::ProblemRatio).is_some() {
            let more = f.more_needed(f.problem_ratio, t.problem_min);
            let message = format!(
                "问题分析 {}%，低于 {}%：再有 {more} 句写明存在的问题、不足或其原因即可达标",
                pct(f.problem_ratio),
                pct(t.problem_min)
            );
            findings.push(whole_draft(Rule::ProblemRatio, message, problem_basis(t)));
        }
        if failed(Rule::Stock).is_some() {
            let allowed = (t.stock_max * f.sentences as f64).floor() as usize;
            let message = format!(
                "套话句占 {}%，超过 {}%：把其中 {} 句改写成具体做法和数据，或删去",
                pct(f.stock_ratio),
                pct(t.stock_max),
                f.stock.saturating_sub(allowed).max(1)
            );
            findings.push(whole_draft(Rule::Stock, message, STOCK_BASIS.into()));
        }
        if let Some(check) = failed(Rule::Indicators) {
            let mut finding = whole_draft(Rule::Indicators, check.summary.clone(), INDICATORS_BASIS.into());
            finding.range = target_section.map(|s| {
                let start = self.sections[s].body.start;
                self.span(s, start..start)
            });
            findings.push(finding);
        }
        findings
    }

    /// Findings at a place in the draft (stock phrases, copies, problems without cause or
    /// measure), in document order.
    fn located_findings(
        &self,
        labels: &[Labels],
        copies: Vec<(usize, CopyMatch)>,
        links: &[Link],
        t: &Thresholds,
    ) -> Vec<Finding> {
        let mut located = Vec::new();
        for (i, l) in labels.iter().enumerate() {
            if let Some(phrase) = &l.stock {
                let base = self.sentences[i].bytes.start;
                let bytes = base + phrase.start..base + phrase.end;
                located.push(Finding {
                    rule: Rule::Stock,
                    message: format!(
                        "套话“{}”，同句没有具体数据或事实：写出做了什么、做了多少、何时完成，或删去",
                        &self.whole[bytes.clone()]
                    ),
                    range: Some(self.span(self.sentences[i].section, bytes)),
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
                message: format!(
                    "与{from}“{}”重合 {}%，疑似照搬：用本期的实际情况和数据重写",
                    m.name,
                    pct(m.overlap)
                ),
                basis: copy_basis(t),
                severity: Severity::Error,
                source: Some(m),
            });
        }
        for l in links {
            let at = Some(self.sentence_span(l.problem));
            if l.cause.is_none() {
                located.push(Finding {
                    rule: Rule::ProblemCause,
                    range: at,
                    message: "此问题未分析原因：在本条或“原因分析”部分写明为什么会这样（如“原因在于……”）"
                        .into(),
                    basis: CAUSE_BASIS.into(),
                    severity: Severity::Error,
                    source: None,
                });
            }
            if l.measure.is_none() {
                located.push(Finding {
                    rule: Rule::ProblemMeasure,
                    range: at,
                    message: "“改进措施”部分没有与此问题对应的措施：补一条针对它的措施，写明做什么、谁负责、何时完成"
                        .into(),
                    basis: MEASURE_BASIS.into(),
                    severity: Severity::Error,
                    source: None,
                });
            }
        }
        located.sort_by_key(|f| f.range.map(|r| (r.start, r.end)));
        located
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shares_are_zero_without_sentences_and_print_as_whole_percents() {
        assert_eq!(ratio(0, 0), 0.0);
        assert_eq!(ratio(1, 4), 0.25);
        assert_eq!(pct(0.999), 100);
        assert_eq!(pct(1.0 / 3.0), 33);
    }

    #[test]
    fn the_best_indicators_table_wins() {
        use IndicatorTable::*;
        assert_eq!(indicators_status(&[], &[Complete]), IndicatorsStatus::NoSection);
        assert_eq!(indicators_status(&[1], &[Complete]), IndicatorsStatus::Absent);
        assert_eq!(indicators_status(&[0, 1], &[Incomplete, Complete]), IndicatorsStatus::Complete);
        assert_eq!(indicators_status(&[0, 1], &[Incomplete, Absent]), IndicatorsStatus::Incomplete);
    }

    #[test]
    fn rules_come_in_the_fixed_order_and_an_empty_draft_fails_the_ratios() {
        let figures = Figures::of(&[], 0);
        let checks = rule_checks(
            &figures,
            IndicatorsStatus::NoSection,
            &[],
            0,
            Shape::default(),
            &Thresholds::default(),
        );
        let rules: Vec<Rule> = checks.iter().map(|c| c.rule).collect();
        assert_eq!(
            rules,
            [
                Rule::QuantRatio,
                Rule::ProblemRatio,
                Rule::Stock,
                Rule::Indicators,
                Rule::ProblemCause,
                Rule::ProblemMeasure,
                Rule::Copy,
                Rule::EmptySection
            ]
        );
        let passed: Vec<bool> = checks.iter().map(|c| c.passed).collect();
        assert_eq!(passed, [false, false, true, false, true, true, true, true]);
        let nothing = Shape { problem_section: true, empty_sections: 2 };
        let checks =
            rule_checks(&figures, IndicatorsStatus::NoSection, &[], 0, nothing, &Thresholds::default());
        assert_eq!(checks[4].summary, "“存在问题”部分没有写出具体问题");
        assert!(!checks[4].passed && !checks[5].passed && !checks[7].passed, "{checks:?}");
        assert_eq!(checks[7].summary, "2 章没有内容");
        assert_eq!(checks[3].summary, "没有“目标与完成情况”部分");
    }
}

//! Whole-draft tests: offsets, sections, figures, findings, and agreement with the labelled set.

use super::*;

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/fixtures/check/");

fn fixture(name: &str) -> String {
    std::fs::read_to_string(format!("{FIXTURES}{name}")).expect("fixture")
}

fn ctx() -> CheckContext {
    CheckContext::new(CheckSettings::default())
}

fn utf16_slice(text: &str, start: usize, end: usize) -> String {
    let units: Vec<u16> = text.encode_utf16().collect();
    String::from_utf16(&units[start..end]).expect("whole characters")
}

/// Agreement of the checker with hand labels: (sentences, agreeing per label quant/problem/stock).
fn agreement(labelled: &str, name: &str) -> (usize, [usize; 3]) {
    let mut reports = std::collections::HashMap::new();
    let (mut total, mut agree) = (0usize, [0usize; 3]);
    let mut misses: Vec<String> = Vec::new();
    for line in labelled.lines().filter(|l| !l.starts_with('#') && !l.trim().is_empty()) {
        let cols: Vec<&str> = line.splitn(5, '\t').collect();
        let [file, q, p, s, text] = cols[..] else { panic!("bad line: {line}") };
        let report = reports.entry(file).or_insert_with(|| check_text(&fixture(file), &ctx()));
        let found = report
            .sentences
            .iter()
            .find(|x| x.text == text)
            .unwrap_or_else(|| panic!("the checker does not split out the labelled sentence: {text}"));
        total += 1;
        for (k, (want, got)) in
            [(q, found.quant), (p, found.problem), (s, found.stock)].into_iter().enumerate()
        {
            if (want == "1") == got {
                agree[k] += 1;
            } else {
                misses.push(format!("{} want {want} got {}: {text}", LABELS[k], got as u8));
            }
        }
    }
    let pct = |a: usize| a as f64 * 100.0 / total as f64;
    println!(
        "{name}: {total} sentences; agreement quant {:.1}%, problem {:.1}%, stock {:.1}%",
        pct(agree[0]),
        pct(agree[1]),
        pct(agree[2])
    );
    for m in &misses {
        println!("  {m}");
    }
    (total, agree)
}

const LABELS: [&str; 3] = ["quant", "problem", "stock"];

#[test]
fn labelled_set_agreement_per_label() {
    let sets = [
        (include_str!("testdata/labelled.tsv"), "labelled (rules written with these in view)"),
        (include_str!("testdata/heldout.tsv"), "held out"),
    ];
    let mut all = (0usize, [0usize; 3]);
    for (data, name) in sets {
        let (n, a) = agreement(data, name);
        all.0 += n;
        (0..3).for_each(|k| all.1[k] += a[k]);
    }
    let (total, agree) = all;
    let pct = |a: usize| a as f64 * 100.0 / total as f64;
    println!(
        "all: {total} sentences; quant {:.1}%, problem {:.1}%, stock {:.1}%",
        pct(agree[0]),
        pct(agree[1]),
        pct(agree[2])
    );
    assert!(total >= 200, "the labelled set needs at least 200 sentences");
    for k in 0..3 {
        assert!(pct(agree[k]) >= 90.0, "agreement on {} is {:.1}%, below 90%", LABELS[k], pct(agree[k]));
    }
}

/// Per label (quant, problem, stock): sentences, agreement, and the counts precision and recall
/// come from, of the checker against hand labels.
#[derive(Default)]
struct Tally {
    sentences: usize,
    agree: [usize; 3],
    /// Labelled yes and found (true positives), found but labelled no, labelled yes but not found.
    hits: [usize; 3],
    false_alarms: [usize; 3],
    missed: [usize; 3],
    /// Labelled sentences the checker does not cut out as a sentence of its own.
    unsplit: Vec<String>,
}

impl Tally {
    fn pct(part: usize, whole: usize) -> String {
        if whole == 0 {
            "—".into()
        } else {
            format!("{:.1}%", part as f64 * 100.0 / whole as f64)
        }
    }

    fn agreement(&self, k: usize) -> f64 {
        self.agree[k] as f64 * 100.0 / self.sentences.max(1) as f64
    }

    fn line(&self, name: &str) -> String {
        let per = (0..3)
            .map(|k| {
                format!(
                    "{} agree {} precision {} recall {} ({} labelled yes)",
                    LABELS[k],
                    Self::pct(self.agree[k], self.sentences),
                    Self::pct(self.hits[k], self.hits[k] + self.false_alarms[k]),
                    Self::pct(self.hits[k], self.hits[k] + self.missed[k]),
                    self.hits[k] + self.missed[k]
                )
            })
            .collect::<Vec<_>>()
            .join("; ");
        format!("{name}: {} sentences ({} not split out); {per}", self.sentences, self.unsplit.len())
    }
}

/// The checker against the labels of `lines` (TSV: fixture, quant, problem, stock, sentence), of the
/// documents `keep` accepts; misses are printed only when `show_misses` (never for the held-out half).
fn tally(lines: &str, keep: &dyn Fn(&str) -> bool, show_misses: bool) -> Tally {
    let mut reports = std::collections::HashMap::new();
    let mut t = Tally::default();
    for line in lines.lines().filter(|l| !l.starts_with('#') && !l.trim().is_empty()) {
        let cols: Vec<&str> = line.splitn(5, '\t').collect();
        let [file, q, p, s, text] = cols[..] else { panic!("bad line: {line}") };
        if !keep(file) {
            continue;
        }
        let report = reports.entry(file).or_insert_with(|| check_text(&fixture(file), &ctx()));
        let Some(found) = report.sentences.iter().find(|x| x.text == text.trim()) else {
            t.unsplit.push(format!("{file}: {text}"));
            continue;
        };
        t.sentences += 1;
        for (k, (want, got)) in
            [(q, found.quant), (p, found.problem), (s, found.stock)].into_iter().enumerate()
        {
            let want = want == "1";
            match (want, got) {
                (true, true) => t.hits[k] += 1,
                (false, true) => t.false_alarms[k] += 1,
                (true, false) => t.missed[k] += 1,
                (false, false) => {}
            }
            if want == got {
                t.agree[k] += 1;
            } else if show_misses {
                println!("  {} want {} got {}: {file}: {text}", LABELS[k], want as u8, got as u8);
            }
        }
    }
    t
}

/// The labelled sentences of public office documents the rules were not written against (issue 17;
/// tests/fixtures/check/unseen/README.md says how they were made). Split by document: the
/// documents in heldout.txt are the held-out half, reported apart and never looked at sentence by
/// sentence. The floors are the figures measured when the rules last changed, so a change that
/// makes the checker worse on unseen writing fails here; the target is 95% agreement and
/// 90% precision per label on the held-out half (docs/benchmarks.md has the figures side by side).
#[test]
fn unseen_documents_agreement_precision_and_recall() {
    let dir = format!("{FIXTURES}unseen/");
    let mut labels = String::new();
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .expect("unseen set")
        .filter_map(|e| e.ok().map(|e| e.file_name().to_string_lossy().into_owned()))
        .filter(|n| n.starts_with("labels-") && n.ends_with(".tsv"))
        .collect();
    names.sort();
    for name in &names {
        labels.push_str(&std::fs::read_to_string(format!("{dir}{name}")).expect("labels"));
        labels.push('\n');
    }
    let heldout: Vec<String> = std::fs::read_to_string(format!("{dir}heldout.txt"))
        .expect("heldout.txt")
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(|l| format!("unseen/{l}"))
        .collect();
    let documents: std::collections::BTreeSet<&str> = labels
        .lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(|l| l.split('\t').next())
        .filter(|f| !f.is_empty())
        .collect();
    assert!(documents.len() >= 10, "the unseen set needs at least 10 documents, has {}", documents.len());
    assert!(
        heldout.iter().all(|h| documents.contains(h.as_str())),
        "heldout.txt names a document without labels"
    );
    let is_heldout = |f: &str| heldout.iter().any(|h| h == f);
    println!("development half, misses:");
    let dev = tally(&labels, &|f| !is_heldout(f), true);
    let held = tally(&labels, &|f| is_heldout(f), false);
    println!("{}", dev.line("development half"));
    println!("{}", held.line("held-out half"));
    let traditional = |f: &str| f.starts_with("unseen/d");
    println!(
        "{}",
        tally(&labels, &|f| traditional(f) && !is_heldout(f), false).line("traditional, development")
    );
    println!("{}", tally(&labels, &|f| traditional(f) && is_heldout(f), false).line("traditional, held out"));
    for u in &dev.unsplit {
        println!("  not split out: {u}");
    }
    assert!(dev.sentences + held.sentences >= 400, "the unseen set needs at least 400 sentences");
    assert!(
        dev.unsplit.len() + held.unsplit.len() <= (dev.sentences + held.sentences) / 50,
        "too many labelled sentences are not sentences of the checker"
    );
    for (tally, floors) in [(&dev, DEV_FLOORS), (&held, HELDOUT_FLOORS)] {
        for k in 0..3 {
            assert!(
                tally.agreement(k) >= floors[k],
                "{} agreement {:.1}% fell below its floor {:.1}%",
                LABELS[k],
                tally.agreement(k),
                floors[k]
            );
        }
    }
}

/// Agreement (quant, problem, stock) measured on each half when the rules last changed.
const DEV_FLOORS: [f64; 3] = [99.7, 98.4, 99.2];
const HELDOUT_FLOORS: [f64; 3] = [99.6, 93.9, 99.6];

#[test]
fn offsets_are_utf16_code_units_in_the_whole_text_and_the_section() {
    // 𠮷 is outside the BMP: one char, two UTF-16 code units.
    let text = "一、基本情况\n𠮷祥村完成改造30户。高度重视。\n二、存在问题\n𠮷𠮷进度滞后。";
    let report = check_text(text, &ctx());
    let texts: Vec<&str> = report.sentences.iter().map(|s| s.text.as_str()).collect();
    assert_eq!(texts, ["𠮷祥村完成改造30户。", "高度重视。", "𠮷𠮷进度滞后。"]);
    for s in &report.sentences {
        assert_eq!(utf16_slice(text, s.span.start, s.span.end), s.text);
        let section = &report.sections[s.span.section];
        assert_eq!(s.span.start - section.start, s.span.section_start);
        assert_eq!(s.span.end - s.span.start, s.span.section_end - s.span.section_start);
    }
    let first = &report.sentences[0].span;
    assert_eq!((first.start, first.end, first.section_start, first.section_end), (7, 19, 0, 12));
    let last = &report.sentences[2].span;
    assert_eq!((last.section, last.section_start, last.section_end), (1, 0, 9));
    assert!(report.sentences[0].quant && !report.sentences[1].quant && report.sentences[1].stock);
    assert!(report.sentences[2].problem);
    assert_eq!(report.offset_unit, "utf16");
}

fn section(heading: &str, role: SectionRole, text: &str) -> SectionText {
    SectionText { heading: heading.into(), role, text: text.into(), indicators: IndicatorTable::Absent }
}

#[test]
fn sections_give_roles_tables_and_per_section_offsets() {
    let mut sections = vec![
        section("目标与完成情况", SectionRole::TargetsVsResults, "全年办结事项120件，按期办结率96%。"),
        section("存在问题", SectionRole::Problems, "第一，𠮷档案数字化进度滞后，原因在于扫描设备不足。"),
        section("改进措施", SectionRole::Improvements, "第一，增购扫描设备，加快档案数字化进度。"),
    ];
    sections[0].indicators = IndicatorTable::Complete;
    let report = check_sections(&sections, &ctx());
    let whole = compose(&sections);
    for s in &report.sentences {
        assert_eq!(utf16_slice(&whole, s.span.start, s.span.end), s.text);
        let own = &sections[s.span.section].text;
        assert_eq!(utf16_slice(own, s.span.section_start, s.span.section_end), s.text);
    }
    assert_eq!(report.indicators, IndicatorsStatus::Complete);
    assert_eq!(report.problem_links.len(), 1);
    let link = &report.problem_links[0];
    assert!(link.cause.is_some() && link.measure.is_some(), "{link:?}");
    assert!(link.shared_terms.iter().any(|t| t.contains("档案") || t.contains("扫描")), "{link:?}");
    assert_eq!(report.sections[1].heading, "存在问题");
    assert!(report.checks.iter().find(|c| c.rule == Rule::Indicators).is_some_and(|c| c.passed));
}

#[test]
fn unmatched_problems_are_findings_at_the_problem() {
    let sections = vec![
        section(
            "存在问题",
            SectionRole::Problems,
            "第一，基层宣传覆盖不够全面。\n第二，档案数字化进度滞后。",
        ),
        section("改进措施", SectionRole::Improvements, "第一，扩大宣传覆盖面，开展基层宣讲。"),
    ];
    let report = check_sections(&sections, &ctx());
    let rules: Vec<Rule> = report.findings.iter().filter(|f| f.range.is_some()).map(|f| f.rule).collect();
    assert_eq!(
        rules,
        [Rule::ProblemCause, Rule::ProblemCause, Rule::ProblemMeasure],
        "{:?}",
        report.findings
    );
    let measure = report.findings.iter().find(|f| f.rule == Rule::ProblemMeasure).expect("finding");
    let range = measure.range.expect("placed");
    assert_eq!(utf16_slice(&compose(&sections), range.start, range.end), "第二，档案数字化进度滞后。");
    assert!(measure.basis.contains("对应措施"));
    assert!(!report.passed);
}

#[test]
fn corpus_project_summary_links_its_problems() {
    let text = fixture("corpus_001_project_summaries.txt");
    // 篇一 alone: four problems, each with a cause and a measure in 六、改进方向与后续建议.
    let first = &text[..text.find("篇二").expect("篇二")];
    let report = check_text(first, &ctx());
    assert_eq!(report.problem_links.len(), 4, "{:#?}", report.problem_links);
    assert!(report.problem_links.iter().all(|l| l.measure.is_some()), "{:#?}", report.problem_links);
    assert!(report.quant_ratio < 0.05);
    assert!(!report.passed);
}

#[test]
fn copies_of_guidance_and_earlier_summaries_name_their_source() {
    let ctx = ctx().with_copy_sources(vec![
        CopySource {
            kind: CopySourceKind::Guidance,
            name: "目标与完成情况".into(),
            text: "对照年初目标，逐项说明完成情况，列明目标值、实际值和差距。".into(),
        },
        CopySource {
            kind: CopySourceKind::EarlierSummary,
            name: "2025年上半年工作总结".into(),
            text: "我办坚持以问题为导向，全面梳理督办事项，建立台账并实行销号管理。".into(),
        },
    ]);
    let text = "对照年初目标，逐项说明完成情况。\n我办坚持以问题为导向，全面梳理督办事项，建立台账，每月通报进展情况。\n今年共督办事项86件。";
    let report = check_text(text, &ctx);
    let copies: Vec<&Finding> = report.findings.iter().filter(|f| f.rule == Rule::Copy).collect();
    assert_eq!(copies.len(), 2, "{copies:?}");
    assert_eq!(copies[0].source.as_ref().map(|s| s.kind), Some(CopySourceKind::Guidance));
    assert_eq!(copies[1].source.as_ref().map(|s| s.name.as_str()), Some("2025年上半年工作总结"));
    assert!(copies[1].message.contains("以往总结"));
    // A stricter threshold lets the looser copy pass.
    let strict = CheckContext::new(CheckSettings {
        thresholds: Thresholds { copy_min: 0.9, ..Thresholds::default() },
        ..CheckSettings::default()
    })
    .with_copy_sources(ctx.copy_sources().to_vec());
    assert_eq!(check_text(text, &strict).findings.iter().filter(|f| f.rule == Rule::Copy).count(), 1);
}

#[test]
fn plain_text_indicator_tables() {
    let complete = "二、目标与完成情况\n指标\t目标值\t实际值\t差距\n办结率\t95%\t97%\t+2%\n按期办结率\t90%\t88%\t-2%\n全年办结120件。";
    let report = check_text(complete, &ctx());
    assert_eq!(report.indicators, IndicatorsStatus::Complete);
    assert_eq!(report.sentences.len(), 1, "table rows are not sentences");
    let incomplete = "二、目标与完成情况\n| 指标 | 目标值 | 实际值 | 差距 |\n| 办结率 | 95% |  |  |";
    assert_eq!(check_text(incomplete, &ctx()).indicators, IndicatorsStatus::Incomplete);
    assert_eq!(
        check_text("二、目标与完成情况\n全年办结120件。", &ctx()).indicators,
        IndicatorsStatus::Absent
    );
    assert_eq!(check_text("全年办结120件。", &ctx()).indicators, IndicatorsStatus::NoSection);
}

#[test]
fn figures_and_rule_checks_against_thresholds() {
    let text =
        "全年办结事项120件。\n按期办结率96%。\n各项工作稳步推进。\n部分单位反馈不及时。\n我们召开了会议。";
    let report = check_text(text, &ctx());
    assert_eq!(report.quant_ratio, 0.4);
    assert_eq!(report.problem_ratio, 0.2);
    assert_eq!(report.stock_count, 1);
    let check = |rule: Rule| report.checks.iter().find(|c| c.rule == rule).expect("check").clone();
    assert!(check(Rule::QuantRatio).passed);
    assert_eq!(check(Rule::QuantRatio).summary, "数据占比 40%/40%");
    assert!(check(Rule::ProblemRatio).passed);
    assert!(!check(Rule::Stock).passed, "20% stock is above 10%");
    let stock = report.findings.iter().find(|f| f.rule == Rule::Stock && f.range.is_some()).expect("stock");
    let range = stock.range.expect("placed");
    assert_eq!(utf16_slice(text, range.start, range.end), "稳步推进");
    assert_eq!(stock.severity, Severity::Warning);
    // Findings about the whole draft come first.
    assert!(report.findings[0].range.is_none());
    let strict = CheckContext::new(CheckSettings {
        thresholds: Thresholds { quant_min: 0.5, ..Thresholds::default() },
        ..CheckSettings::default()
    });
    let report = check_text(text, &strict);
    let failed = report.findings.iter().find(|f| f.rule == Rule::QuantRatio).expect("finding");
    assert_eq!(
        failed.message,
        "数据占比 40%，低于 50%：再有 1 句写出具体数据（带单位的数量、百分比、日期或前后对比）即可达标"
    );
    assert!(failed.basis.contains("不低于50%"));
}

#[test]
fn empty_text_has_no_sentences_and_fails_the_ratios() {
    let report = check_text("", &ctx());
    assert!(report.sentences.is_empty());
    assert_eq!(report.quant_ratio, 0.0);
    assert!(!report.passed);
}

#[test]
fn report_json_has_the_cli_shape() {
    let report = check_text("全年办结事项120件。", &ctx());
    let json = serde_json::to_value(&report).expect("json");
    let s = &json["sentences"][0];
    assert_eq!(s["text"], "全年办结事项120件。");
    assert_eq!((s["start"].as_u64(), s["end"].as_u64()), (Some(0), Some(11)));
    assert_eq!(
        (s["quant"].as_bool(), s["problem"].as_bool(), s["stock"].as_bool()),
        (Some(true), Some(false), Some(false))
    );
    assert!(
        json["quant_ratio"].is_number() && json["problem_ratio"].is_number() && json["findings"].is_array()
    );
}

#[test]
fn reading_files_gives_typed_errors() {
    let dir = tempfile::tempdir().expect("dir");
    let missing = read_text_file(&dir.path().join("无此文件.txt")).expect_err("missing");
    assert_eq!(missing.code(), "check_file_not_found");
    assert!(missing.is_bad_input());
    let gbk = dir.path().join("gbk.txt");
    std::fs::write(&gbk, [0xB9u8, 0xA4, 0xD7, 0xF7]).expect("write");
    let err = read_text_file(&gbk).expect_err("not utf-8");
    assert_eq!(err.code(), "check_not_utf8");
    assert!(err.to_string().contains("UTF-8"));
    let bom = dir.path().join("bom.txt");
    std::fs::write(&bom, "\u{feff}全年办结120件。").expect("write");
    assert_eq!(read_text_file(&bom).expect("read"), "全年办结120件。");
    let e: crate::Error = err.into();
    assert_eq!(e.body().field.as_deref(), Some("file"));
}

#[test]
fn empty_chapters_and_a_problems_chapter_without_problems_cannot_pass() {
    let section = |heading: &str, role: SectionRole, text: &str| SectionText {
        heading: heading.into(),
        role,
        text: text.into(),
        indicators: IndicatorTable::Absent,
    };
    let sections = [
        section("基本情况", SectionRole::Background, "上半年共受理办件3.2万件，按时办结率98.6%。"),
        section("存在问题", SectionRole::Problems, ""),
        section("改进措施", SectionRole::Improvements, ""),
        section("其他", SectionRole::Other, ""),
    ];
    let report = check_sections(&sections, &ctx());
    let by = |rule: Rule| report.checks.iter().find(|c| c.rule == rule).expect("rule");
    assert!(!report.passed);
    assert!(!by(Rule::ProblemCause).passed, "0 problems is not “0 without a cause”");
    assert_eq!(by(Rule::ProblemCause).summary, "“存在问题”部分没有写出具体问题");
    assert!(!by(Rule::ProblemMeasure).passed);
    assert_eq!(by(Rule::EmptySection).summary, "2 章没有内容", "其他 may stay empty");
    let empty: Vec<(usize, &str)> = report
        .findings
        .iter()
        .filter(|f| f.rule == Rule::EmptySection)
        .map(|f| (f.range.expect("at the chapter").section, f.message.as_str()))
        .collect();
    assert_eq!(
        empty,
        [
            (1, "“存在问题”这一章是空的，请写出本期的存在问题"),
            (2, "“改进措施”这一章是空的，请写出本期的改进措施")
        ]
    );

    // Words that name no problem: the chapter is not empty, but the problem rules still fail.
    let vague = [
        section("基本情况", SectionRole::Background, "上半年共受理办件3.2万件。"),
        section("存在问题", SectionRole::Problems, "总体运行平稳。"),
        section("改进措施", SectionRole::Improvements, "10月起将岗位补贴提高到每月600元。"),
    ];
    let report = check_sections(&vague, &ctx());
    let finding = report.findings.iter().find(|f| f.rule == Rule::ProblemCause).expect("finding");
    assert_eq!(finding.range.map(|r| r.section), Some(1));
    assert!(finding.message.contains("没有写出具体问题"), "{}", finding.message);
    assert!(report.checks.iter().any(|c| c.rule == Rule::EmptySection && c.passed));
}

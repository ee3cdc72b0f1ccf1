//! 问题: does a sentence say that a problem, shortfall, failure or risk exists, occurred or may
//! occur, or give its cause?
//!
//! Cues are read clause by clause (a clause ends at ，：； and sentence ends; 、 does not end one, so
//! a list stays with the verb that governs it). A cue does not count when it is only the target of
//! a measure (针对…风险, 解决难点问题, 对…进行整改), when it is said to be removed or reduced
//! (减少了偏差, 堵点得到缓解), or when it names a metric or a list (问题解决率, 问题清单).

/// Words that assert a shortfall by themselves (不够充分, 有待加强, 难以适应 …).
const ASSERTING: &[&str] = &[
    "不够",
    "不到位",
    "有待",
    "难以",
    "未能",
    "尚未",
    "薄弱",
    "滞后",
    "欠缺",
    "缺乏",
    "缺少",
    "缺失",
    "匮乏",
    "不高",
    "不强",
    "不畅",
    "不健全",
    "不完善",
    "不充分",
    "不全面",
    "不规范",
    "不一致",
    "不及时",
    "不清晰",
    "不明确",
    "不合理",
    "不适应",
    "不平衡",
    "不一",
    "不力",
    "不佳",
    "不理想",
    "不容忽视",
    "偏紧",
    "偏大",
    "偏慢",
    "偏低",
    "偏高",
    "偏弱",
    "较慢",
    "较弱",
    "较低",
    "空洞",
    "照搬",
    "避重就轻",
    "推诿",
    "扯皮",
    "抵触",
    "回潮",
    "反弹",
    "流于形式",
    "走样",
    "超预期",
    "导致",
    "致使",
    "造成",
    "影响了",
    "受到影响",
    "不利于",
    "制约",
    "仅",
    "未深入",
    "未及时",
    "未完成",
    "未达到",
    "未实现",
    "未落实",
    "未形成",
    "未建立",
    "未按期",
    "未按时",
    "未有效",
    "未到位",
    "未充分",
    "未全面",
    "未达标",
    "未纳入",
];

/// Causes: a problem sentence too, unless the cause is only what a measure looks for.
const CAUSE_NOUNS: &[&str] = &["原因", "根源", "症结"];

/// Nouns that name a problem; they count only when said to exist (存在…问题, 问题突出).
const NAMING: &[&str] = &[
    "问题",
    "风险",
    "短板",
    "弱项",
    "隐患",
    "漏洞",
    "矛盾",
    "偏差",
    "差距",
    "瓶颈",
    "难点",
    "痛点",
    "堵点",
    "不足",
    "困难",
    "失误",
    "差错",
    "缺陷",
    "阻力",
    "盲区",
    "形式化",
    "碎片化",
];

/// Before a naming noun: it exists.
const EXISTS_BEFORE: &[&str] =
    &["存在", "出现", "暴露", "面临", "遇到", "发生", "仍有", "还有", "依然", "仍然"];
/// After a naming noun: it exists, or how bad it is.
const EXISTS_AFTER: &[&str] = &[
    "突出",
    "严重",
    "较多",
    "频发",
    "反复出现",
    "出现",
    "不容忽视",
    "依然存在",
    "仍然存在",
    "较大",
    "凸显",
    "显现",
    "增多",
    "加大",
];

/// Adjectives that state a problem when they end a clause or a list item (协同困难, 效率低).
const CLAUSE_FINAL: &[&str] = &["严重", "突出", "困难", "低", "差", "难", "分歧"];
/// Subjects that make 突出 praise (表现突出).
const PRAISED: &[&str] = &["表现", "成绩", "贡献", "亮点", "特色", "成效", "业绩"];

/// Measures that make any cue after them in the clause their target.
const STRONG_MEASURES: &[&str] = &[
    "针对", "防止", "避免", "解决", "破解", "消除", "减少", "降低", "克服", "弥补", "补齐", "补足", "纠正",
    "修正", "化解", "防范", "整改", "应对", "缓解", "规避", "杜绝", "预防", "堵塞", "排除", "打破", "根治",
    "治理", "防控", "预警", "确保", "扭转", "改善",
];
/// Activities that make a naming noun or a cause their object (梳理问题, 分析原因).
const WEAK_MEASURES: &[&str] = &[
    "梳理", "识别", "排查", "查找", "发现", "分析", "研究", "记录", "收集", "整理", "反思", "总结", "评估",
    "区分", "关注", "聚焦", "围绕", "预判", "研判", "剖析", "提出", "列出",
];
/// After a cue in its clause: it was removed or reduced.
const RESOLVED_AFTER: &[&str] = &[
    "得到解决",
    "得以解决",
    "得到缓解",
    "得到改善",
    "得到纠正",
    "得到整改",
    "减少",
    "下降",
    "降低",
    "降至",
    "降为",
    "消除",
    "解决",
    "缓解",
    "改善",
    "好转",
    "扭转",
];
/// Directly after a naming noun: a compound that names a tool, a metric or a list, not a problem.
const COMPOUND_AFTER: &[&str] = &[
    "导向", "清单", "整改", "反馈", "分析", "意识", "解决", "线索", "台账", "预警", "防控", "控制", "评估",
    "管理", "排查", "点", "率",
];
/// Later in the sentence, after a clause that opens with 对: the clause names a target (对…的情况，要…).
const TARGET_FOLLOWS: &[&str] = &["进行", "加以", "予以", "要", "及时", "逐一"];

const CLAUSE_ENDS: &[char] = &['，', ',', '：', ':', '；', ';', '。', '！', '!', '？', '?', '\n'];
const ITEM_ENDS: &[char] = &['、', '”', '"', '）', ')', '】', '等'];

/// Whether the sentence says a problem exists, occurred or may occur, or gives its cause.
pub fn is_problem(sentence: &str) -> bool {
    let mut pos = 0;
    for piece in sentence.split_inclusive(CLAUSE_ENDS) {
        pos += piece.len();
        let clause = piece.trim_end_matches(CLAUSE_ENDS);
        if clause_has_problem(clause, &sentence[pos..]) {
            return true;
        }
    }
    false
}

/// Whether the sentence gives a cause (原因在于, 导致, 由于 …), for matching problems to causes.
pub fn is_cause(sentence: &str) -> bool {
    const MARKERS: &[&str] =
        &["原因", "根源", "源于", "由于", "在于", "导致", "造成", "致使", "反映出", "暴露出", "因为", "归因"];
    MARKERS.iter().any(|m| sentence.contains(m))
        && !WEAK_MEASURES.iter().any(|w| {
            sentence.find(w).is_some_and(|at| CAUSE_NOUNS.iter().any(|c| sentence[at..].contains(c)))
        })
}

fn clause_has_problem(clause: &str, rest: &str) -> bool {
    let opens_dui = opens_with_dui(clause);
    let targeted_by_dui = |end: usize| {
        opens_dui && TARGET_FOLLOWS.iter().any(|w| clause[end..].contains(w) || rest.contains(w))
    };
    let measure_before = |at: usize, list: &[&str]| list.iter().any(|m| clause[..at].contains(m));
    let resolved_after = |end: usize| RESOLVED_AFTER.iter().any(|r| clause[end..].contains(r));
    let blocked = |at: usize, end: usize, weak_too: bool| {
        targeted_by_dui(end)
            || measure_before(at, STRONG_MEASURES)
            || (weak_too && measure_before(at, WEAK_MEASURES))
            || resolved_after(end)
            || clause[end..].starts_with('率')
            || clause[end..].chars().nth(1) == Some('率')
    };

    for cue in ASSERTING {
        for (at, _) in clause.match_indices(cue) {
            let end = at + cue.len();
            if *cue == "仅" && !clause[end..].starts_with(|c: char| c.is_ascii_digit() || c == '有') {
                continue;
            }
            if !blocked(at, end, false) {
                return true;
            }
        }
    }
    for cue in CAUSE_NOUNS {
        for (at, _) in clause.match_indices(cue) {
            if !blocked(at, at + cue.len(), true) {
                return true;
            }
        }
    }
    for cue in NAMING {
        for (at, _) in clause.match_indices(cue) {
            let end = at + cue.len();
            if COMPOUND_AFTER.iter().any(|c| clause[end..].starts_with(c)) {
                continue;
            }
            let exists = EXISTS_BEFORE.iter().any(|e| clause[..at].contains(e))
                || EXISTS_AFTER.iter().any(|e| clause[end..].contains(e));
            // 不足 at the end of a clause is a predicate (灵活性不足), not a noun.
            let predicate = *cue == "不足" && !clause[end..].starts_with(['之', '和', '与', '及', '教']);
            if (exists || predicate) && !blocked(at, end, !predicate) {
                return true;
            }
        }
    }
    for cue in CLAUSE_FINAL {
        for (at, _) in clause.match_indices(cue) {
            let end = at + cue.len();
            let after = clause[end..].chars().next();
            if !(after.is_none() || after.is_some_and(|c| ITEM_ENDS.contains(&c))) {
                continue;
            }
            let before = &clause[..at];
            if matches!(*cue, "低" | "难")
                && (before.ends_with('降') || before.ends_with('困') || before.ends_with('艰'))
            {
                continue;
            }
            if *cue == "突出" && PRAISED.iter().any(|p| before.ends_with(p)) {
                continue;
            }
            if !blocked(at, end, false) {
                return true;
            }
        }
    }
    false
}

/// A clause that opens with 对 (after 同时, 此外 …) names what something is done to.
fn opens_with_dui(clause: &str) -> bool {
    let c = clause.trim_start_matches(|c: char| c.is_whitespace() || c == '【' || c == '“');
    let c = ["同时", "此外", "另外", "并", "要", "还要"]
        .iter()
        .fold(c, |c, lead| c.strip_prefix(lead).unwrap_or(c));
    c.starts_with('对') && !c.starts_with("对比") && !c.starts_with("对照")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[track_caller]
    fn yes(s: &str) {
        assert!(is_problem(s), "should be problem: {s}");
    }

    #[track_caller]
    fn no(s: &str) {
        assert!(!is_problem(s), "should not be problem: {s}");
    }

    #[test]
    fn problems_that_exist_or_occurred() {
        yes("在实施过程中仍存在一些问题和不足。");
        yes("部分成员对项目整体目标认识不够全面。");
        yes("第三，跨部门协调难度偏大。");
        yes("对项目数据的收集与分析有待加强。");
        yes("在数据收集与分析方面仍然薄弱。");
        yes("灵活性不足。");
        yes("项目进度滞后两周。");
        yes("数据缺失严重。");
        yes("跨部门协同困难");
        yes("成果转化效率低");
        yes("传统的工作方法已难以适应新形势。");
        yes("未能按期完成验收。");
        yes("配合不到位。");
        yes("存在资金挪用的风险。");
    }

    #[test]
    fn causes_are_problem_analysis() {
        yes("原因在于培训覆盖面不足。");
        yes("造成这一问题的原因，一是培训深度不够。");
        yes("这一问题的根源在于认识不足。");
        yes("导致早期参与积极性不高。");
    }

    #[test]
    fn targets_of_measures_are_not_problems() {
        no("针对进度滞后、资源不足等潜在风险，提前制定应对预案。");
        no("及时协调资源、解决难点问题。");
        no("研究解决突出问题。");
        no("对发现的偏差和问题及时调整。");
        no("同时，对长期不配合、执行不到位的情况，要进行提醒和纠偏。");
        no("梳理出存在的问题和短板。");
        no("进一步分析问题产生的深层原因。");
        no("防止项目成果流于形式。");
        no("避免出现局部滞后影响整体。");
    }

    #[test]
    fn removed_or_reduced_is_not_a_problem() {
        no("减少了因个人理解差异带来的执行偏差。");
        no("原先存在的一些堵点和痛点得到缓解。");
        no("问题复发率从50%降至15%。");
        no("单位成本降低10%。");
    }

    #[test]
    fn checklist_items_metrics_and_names_are_not_problems() {
        no("问题整改：针对总结发现的问题制定整改方案。");
        no("坚持问题导向与目标导向相结合。");
        no("建立问题清单和问题台账。");
        no("问题解决率75%。");
        no("工作失误率比未开展的低40%。");
        no("增强问题意识和风险意识。");
        no("对表现突出的个人给予表彰。");
        no("抓住主要矛盾。");
    }
}

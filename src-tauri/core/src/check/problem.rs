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
    "亟待",
    "尚待",
    "容待",
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
    // Duties not done and standards not met, as inspections report them (垃圾未清理, 未经审批).
    "未达",
    "未清理",
    "未处理",
    "未整改",
    "未执行",
    "未履行",
    "未经",
    "未引起",
    "未兑现",
    "未核实",
    "未拆除",
    "未恢复",
    "不彻底",
    "不整洁",
    "不严格",
    "不扎实",
    "不牢固",
    "不深入",
    "不细致",
    "不精准",
    "不匹配",
    "不协调",
    "不稳固",
    "不能适应",
    "不能完全适应",
    "不能满足",
    "不能按期",
    // What was done wrong: misuse of funds, discharge, going over limits.
    "挤占",
    "挪用",
    "截留",
    "套取",
    "虚报",
    "违规",
    "违反",
    "直排",
    "偷排",
    "超标",
    "超支",
    "闲置",
    "拖欠",
    // Pressure and pace against expectation (约束趋紧, 进度较预期慢).
    "趋紧",
    "较重",
    "较预期慢",
    "慢于预期",
    "低于预期",
    "不及预期",
    "未达预期",
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
    &["存在", "出现", "暴露", "面临", "面对", "遇到", "发生", "仍有", "还有", "依然", "仍然"];
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
const CLAUSE_FINAL: &[&str] = &["严重", "突出", "困难", "低", "差", "难", "分歧", "慢"];
/// Subjects that make 突出 praise (表现突出).
const PRAISED: &[&str] = &["表现", "成绩", "贡献", "亮点", "特色", "成效", "业绩"];

/// Measures that make any cue after them in the clause their target.
const STRONG_MEASURES: &[&str] = &[
    "针对", "防止", "避免", "解决", "破解", "消除", "减少", "降低", "克服", "弥补", "补齐", "补足", "纠正",
    "修正", "化解", "防范", "整改", "应对", "缓解", "规避", "杜绝", "预防", "堵塞", "排除", "打破", "根治",
    "治理", "防控", "预警", "确保", "扭转", "改善", "正视", "查处", "严查", "打击", "惩治",
];
/// Measures that prevent: a shortfall after them is what they keep from happening (防止整改不到位),
/// never their subject.
const PREVENTIVE: &[&str] = &["针对", "防止", "避免", "杜绝", "预防", "防范", "规避", "确保"];
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
/// After a clause that opens with 对, in it or at the start of a later clause: the clause names a
/// target (对…的情况，要…; 对…进行整改).
const TARGET_FOLLOWS: &[&str] = &["进行", "加以", "予以"];
const TARGET_OPENS: &[&str] = &["要", "及时", "逐一", "将", "一律", "坚决"];

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
    let later_opens =
        rest.split_inclusive(CLAUSE_ENDS).any(|c| TARGET_OPENS.iter().any(|w| c.trim_start().starts_with(w)));
    let targeted_by_dui = |end: usize| {
        opens_dui
            && (later_opens || TARGET_FOLLOWS.iter().any(|w| clause[end..].contains(w) || rest.contains(w)))
    };
    let measure_before = |at: usize, list: &[&str]| list.iter().any(|m| clause[..at].contains(m));
    let resolved_after = |end: usize| RESOLVED_AFTER.iter().any(|r| clause[end..].contains(r));
    // `predicate`: the cue says how something is (不到位, 滞后, 困难), not what it is (问题). A
    // measure before a predicate acts on it only when the predicate is inside its object or when it
    // prevents; a predicate that ends its clause says how the measure itself went (整改不到位).
    let blocked = |at: usize, end: usize, weak_too: bool, predicate: bool| {
        // Text after the predicate in its clause (解决…不到位的问题, 化解“登记难”问题), or a closing
        // quote (“办证难” is a name), puts it inside the object.
        let tail = &clause[end..];
        let inside_object = !predicate
            || tail.starts_with(['”', '"', '」'])
            || !tail.trim_start_matches(['、', '）', ')', '】', '等']).is_empty();
        targeted_by_dui(end)
            || measure_before(at, PREVENTIVE)
            || (inside_object && measure_before(at, STRONG_MEASURES))
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
            if !blocked(at, end, false, true) {
                return true;
            }
        }
    }
    for cue in CAUSE_NOUNS {
        for (at, _) in clause.match_indices(cue) {
            if !blocked(at, at + cue.len(), true, false) {
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
            if !(exists || predicate) {
                continue;
            }
            // Said to exist after any measure, not inside a 的 phrase: the measure is what has the
            // problem (整改落实仍有差距, 排查发现存在安全隐患), not what it acts on (梳理出存在的问题).
            let last_measure =
                STRONG_MEASURES.iter().chain(WEAK_MEASURES).filter_map(|m| clause[..at].rfind(m)).max();
            let stated = EXISTS_BEFORE
                .iter()
                .filter_map(|e| clause[..at].rfind(e).map(|p| (p, p + e.len())))
                .any(|(p, after)| last_measure.is_none_or(|m| p > m) && !clause[after..at].contains('的'));
            let held = if stated {
                targeted_by_dui(end) || measure_before(at, PREVENTIVE) || resolved_after(end)
            } else {
                blocked(at, end, !predicate, predicate)
            };
            if !held {
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
            // 偏差, 误差, 落差 are nouns (NAMING reads them), not 差 said of something.
            if *cue == "差" && ["偏", "误", "落", "时", "温", "反"].iter().any(|n| before.ends_with(n))
            {
                continue;
            }
            // 困难 and 分歧 may be nouns a measure acts on (正视困难, 弥合分歧).
            let predicate = !matches!(*cue, "困难" | "分歧");
            if !blocked(at, end, false, predicate) {
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
    fn shortfalls_reported_by_inspections_and_audits() {
        // Duties not done, standards not met, misconduct: what a 督查通报 or an audit lists.
        yes("3、城关镇东关村,菜市场北侧建筑垃圾未清理;");
        yes("部分项目未经审批即开工建设。");
        yes("南岸小区雨污分流改造不彻底。");
        yes("审计发现,1200余万元教育专项资金被挤占挪用。");
        yes("2个乡镇的污水处理厂长期超标排放。");
        yes("执行会议制度不严格、理论学习不扎实。");
        yes("政府服务还不能完全适应群众需要。");
        yes("资源环境约束趋紧，转型任务较重。");
        yes("其中12个项目的进度较预期慢。");
        yes("面对多重困难和挑战，各项工作压力较大。");
        // A measure before a shortfall that ends its clause is the one that fell short.
        yes("部分单位整改不到位。");
        yes("对上一轮巡察反馈问题整改落实仍有差距。");
    }

    #[test]
    fn inspections_and_audits_that_act_on_shortfalls_are_not_problems() {
        no("严肃查处挤占挪用专项资金的行为。");
        no("防止整改不到位、走过场。");
        no("解决好垃圾清理不彻底的问题。");
        no("对整改不彻底的，要责令限期返工。");
        no("我们一定正视困难，尽心竭力改进工作。");
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

//! 数据: does a sentence state a concrete quantitative fact?
//!
//! Yes for a number (Arabic, full-width or Chinese numerals) attached to a unit, a measure word or a
//! percentage, for a date or year given as when something happened, and for comparisons with
//! figures. No for enumerators and ordinals, numerals inside set phrases, quoted labels and
//! titles, 一 used as "a", vague amounts, counts of the text's own parts and document numbers.

/// Units and measure words that make a number a quantity (longest first where one is a prefix).
const UNITS: &[&str] = &[
    "个百分点",
    "百分点",
    "平方公里",
    "平方米",
    "立方米",
    "人次",
    "家次",
    "户次",
    "个月",
    "季度",
    "小时",
    "分钟",
    "公里",
    "千米",
    "公顷",
    "千克",
    "公斤",
    "课时",
    "学时",
    "地市",
    "个",
    "项",
    "家",
    "人",
    "名",
    "位",
    "次",
    "天",
    "日",
    "月",
    "年",
    "周",
    "秒",
    "元",
    "万",
    "亿",
    "千",
    "件",
    "条",
    "台",
    "套",
    "处",
    "所",
    "座",
    "栋",
    "间",
    "辆",
    "架",
    "艘",
    "份",
    "本",
    "册",
    "篇",
    "场",
    "期",
    "批",
    "届",
    "轮",
    "类",
    "倍",
    "成",
    "米",
    "亩",
    "吨",
    "斤",
    "升",
    "度",
    "户",
    "村",
    "镇",
    "乡",
    "县",
    "区",
    "市",
    "省",
    "地",
    "分",
    "种",
    "块",
    "张",
    "支",
    "款",
    "例",
    "宗",
    "笔",
    "单",
    "门",
    "组",
    "棵",
    "部",
];

/// Latin units written after Arabic numbers.
const LATIN_UNITS: &[&str] =
    &["km", "kg", "m", "cm", "mm", "t", "h", "min", "s", "MB", "GB", "TB", "kW", "kWh", "MW"];

/// The text's own parts: 三个方面, 四个阶段 … count the writing, not the work.
const OWN_PARTS: &[&str] = &["方面", "阶段", "部分", "层面", "维度", "要点", "板块", "篇章"];

/// Words before a count that make it a count of what follows in the text (以下三点).
const OWN_PART_LEADS: &[&str] = &["以下", "如下", "下面", "下列", "上述", "前述"];

/// Set phrases, slogans and names that contain numerals without counting anything.
const SET_PHRASES: &[&str] = &[
    "一方面",
    "一系列",
    "一站式",
    "一网通办",
    "一网统管",
    "一体化",
    "一次性",
    "一揽子",
    "一门式",
    "一把手",
    "一盘棋",
    "一张网",
    "一件事",
    "进一步",
    "统一",
    "唯一",
    "同一",
    "万一",
    "十四五",
    "十三五",
    "十五五",
    "十二五",
    "八项规定",
    "三服务",
    "四个全面",
    "两个维护",
    "四个意识",
    "四个自信",
    "两个确立",
    "两个责任",
    "五位一体",
    "两学一做",
    "三会一课",
    "三重一大",
    "一带一路",
    "一岗双责",
    "千方百计",
    "千篇一律",
    "三令五申",
    "四面八方",
    "万无一失",
    "十分",
    "千家万户",
    "百花齐放",
    "千万",
    "万众",
    "三农",
    "两会",
    "一国两制",
    "双一流",
    "一票否决",
    "两不愁三保障",
    "六稳六保",
    "三大攻坚战",
    "三中全会",
    "四中全会",
    "五中全会",
    "六中全会",
    "二十大",
    "十九大",
    "12345",
];

const CN_DIGITS: &str = "零〇○一二两三四五六七八九";
const CN_MAGNITUDES: &str = "十百千万亿";

fn is_cn_numeral(c: char) -> bool {
    CN_DIGITS.contains(c) || CN_MAGNITUDES.contains(c)
}

fn is_cn_digit(c: char) -> bool {
    CN_DIGITS.contains(c)
}

/// Folds full-width digits, letters and percent signs to ASCII.
fn fold(c: char) -> char {
    match c {
        '０'..='９' | 'Ａ'..='Ｚ' | 'ａ'..='ｚ' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        '％' => '%',
        '．' => '.',
        _ => c,
    }
}

fn starts_with_at(chars: &[char], at: usize, word: &str) -> bool {
    let mut i = at;
    word.chars().all(|w| {
        let ok = chars.get(i) == Some(&w);
        i += 1;
        ok
    })
}

fn ends_with_at(chars: &[char], end: usize, word: &str) -> bool {
    let n = word.chars().count();
    end >= n && starts_with_at(chars, end - n, word)
}

/// Marks which characters sit inside 《titles》, quotes, 〔document numbers〕 or set phrases.
struct Masks {
    title: Vec<bool>,
    quote: Vec<bool>,
    docno: Vec<bool>,
    set_phrase: Vec<bool>,
}

impl Masks {
    fn new(chars: &[char]) -> Masks {
        let n = chars.len();
        let mut title = vec![false; n];
        let mut quote = vec![false; n];
        let mut docno = vec![false; n];
        let (mut in_title, mut in_quote, mut in_docno) = (0i32, false, false);
        for (i, &c) in chars.iter().enumerate() {
            match c {
                '《' => in_title += 1,
                '》' => in_title = (in_title - 1).max(0),
                '“' | '「' | '『' => in_quote = true,
                '”' | '」' | '』' => in_quote = false,
                '"' => in_quote = !in_quote,
                '〔' | '[' | '［' => in_docno = true,
                '〕' | ']' | '］' => in_docno = false,
                _ => {}
            }
            title[i] = in_title > 0;
            quote[i] = in_quote;
            docno[i] = in_docno;
        }
        let mut set_phrase = vec![false; n];
        for (i, &c) in chars.iter().enumerate() {
            if !(is_cn_numeral(c) || c.is_ascii_digit()) || set_phrase[i] {
                continue;
            }
            for phrase in SET_PHRASES {
                // The phrase may begin a few characters before this numeral.
                for (k, p) in phrase.chars().enumerate() {
                    if p == c && i >= k && starts_with_at(chars, i - k, phrase) {
                        let len = phrase.chars().count();
                        set_phrase[i - k..i - k + len].iter_mut().for_each(|m| *m = true);
                    }
                }
            }
        }
        Masks { title, quote, docno, set_phrase }
    }
}

/// What follows a number: skips 余/多/来/+ and tells whether a unit (not an own part) comes next.
fn unit_after(chars: &[char], mut at: usize, arabic: bool) -> bool {
    while matches!(chars.get(at), Some('+' | '余' | '多' | '来' | ' ')) {
        at += 1;
    }
    let Some(&next) = chars.get(at) else { return false };
    if matches!(next, '%' | '‰' | '℃' | '°') {
        return true;
    }
    if arabic && next.is_ascii_alphabetic() {
        let word: String = chars[at..].iter().take_while(|c| c.is_ascii_alphabetic()).collect();
        return LATIN_UNITS.contains(&word.as_str());
    }
    // 三分之一 is a share.
    if starts_with_at(chars, at, "分之") {
        return true;
    }
    let Some(unit) = UNITS.iter().find(|u| starts_with_at(chars, at, u)) else { return false };
    let after = at + unit.chars().count();
    // 三个方面 / 四个阶段: a count of the text's own parts.
    let own_part = OWN_PARTS.iter().any(|p| starts_with_at(chars, after, p) || starts_with_at(chars, at, p));
    !own_part
}

/// A number followed by 届 and a name (十四届全运会, 十届人大), or by 次 and a sitting (十二次会议):
/// which edition, not how many.
fn names_an_edition(chars: &[char], end: usize) -> bool {
    const SITTINGS: &[&str] = &["次会议", "次全会", "次全体会议", "次常务会议", "次代表大会"];
    let named_after =
        |at: usize| chars.get(at).is_some_and(|c| ('\u{4e00}'..='\u{9fff}').contains(c) && *c != '的');
    (chars.get(end) == Some(&'届') && named_after(end + 1))
        || SITTINGS.iter().any(|s| starts_with_at(chars, end, s))
}

fn led_by_own_part_word(chars: &[char], start: usize) -> bool {
    OWN_PART_LEADS.iter().any(|w| ends_with_at(chars, start, w))
}

/// Whether the sentence states a concrete quantitative fact.
pub fn is_quant(sentence: &str) -> bool {
    let chars: Vec<char> = sentence.chars().map(fold).collect();
    if !chars.iter().any(|c| c.is_ascii_digit() || is_cn_numeral(*c)) {
        return false;
    }
    let masks = Masks::new(&chars);
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if starts_with_at(&chars, i, "百分之") && chars.get(i + 3).is_some_and(|c| is_cn_numeral(*c)) {
            if !masks.title[i] {
                return true;
            }
            i += 3;
            continue;
        }
        if c.is_ascii_digit() {
            let start = i;
            while i < chars.len()
                && (chars[i].is_ascii_digit()
                    || (matches!(chars[i], '.' | ',')
                        && chars.get(i + 1).is_some_and(|d| d.is_ascii_digit())))
            {
                i += 1;
            }
            if arabic_counts(&chars, &masks, start, i) {
                return true;
            }
            continue;
        }
        if is_cn_numeral(c) {
            let start = i;
            while i < chars.len() && is_cn_numeral(chars[i]) {
                i += 1;
            }
            if chinese_counts(&chars, &masks, start, i) {
                return true;
            }
            continue;
        }
        i += 1;
    }
    false
}

fn arabic_counts(chars: &[char], masks: &Masks, start: usize, end: usize) -> bool {
    if masks.title[start] || masks.docno[start] || masks.set_phrase[start] {
        return false;
    }
    // Ordinals (第3) and document numbers (15号) are not quantities; nor are codes (S308省道, G15).
    if start > 0 && (chars[start - 1] == '第' || chars[start - 1].is_ascii_alphabetic()) {
        return false;
    }
    if led_by_own_part_word(chars, start) || names_an_edition(chars, end) {
        return false;
    }
    unit_after(chars, end, true)
}

fn chinese_counts(chars: &[char], masks: &Masks, start: usize, end: usize) -> bool {
    let run = &chars[start..end];
    if masks.title[start] || masks.quote[start] || masks.set_phrase[start] {
        return false;
    }
    if start > 0 && matches!(chars[start - 1], '第' | '周' | '篇') {
        return false;
    }
    // 数十年, 几百人, 上千家: vague amounts.
    if start > 0 && matches!(chars[start - 1], '数' | '几' | '上') {
        return false;
    }
    // 十四届全运会, 十届人大常委会十二次会议: the edition or the sitting, named, not counted.
    if names_an_edition(chars, end) {
        return false;
    }
    // A magnitude alone (千家万户, 百姓) counts nothing.
    if !run.iter().any(|c| is_cn_digit(*c) || *c == '十') {
        return false;
    }
    // 一 alone is "a" (一项工作, 一个重要原因), except 一倍, 一成.
    if run == ['一'] {
        return matches!(chars.get(end), Some('倍' | '成'));
    }
    // A year written in Chinese digits: 二〇二三年.
    if run.len() == 4 && run.iter().all(|c| is_cn_digit(*c)) {
        return chars.get(end) == Some(&'年');
    }
    // Two digits side by side are a vague amount (三五年, 两三个); so is 十几.
    if run.windows(2).any(|w| is_cn_digit(w[0]) && is_cn_digit(w[1])) || chars.get(end) == Some(&'几') {
        return false;
    }
    if led_by_own_part_word(chars, start) {
        return false;
    }
    unit_after(chars, end, false)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[track_caller]
    fn yes(s: &str) {
        assert!(is_quant(s), "should be quant: {s}");
    }

    #[track_caller]
    fn no(s: &str) {
        assert!(!is_quant(s), "should not be quant: {s}");
    }

    #[test]
    fn codes_editions_vague_amounts_and_more_units() {
        // Codes and editions are names: S308省道, 十四届全运会, 十二次会议.
        assert!(!is_quant("沿S308省道两侧环境整治。"));
        assert!(!is_quant("成功举办十四届全运会。"));
        assert!(!is_quant("市十届人大常委会十二次会议听取报告。"));
        assert!(!is_quant("近数十年来，各地纷纷推行改革。"));
        // Counted editions, trees, regulations and temperatures are quantities.
        assert!(is_quant("已连续举办三届。"));
        assert!(is_quant("路边两棵树下堆放垃圾。"));
        assert!(is_quant("制定修订规章7部。"));
        assert!(is_quant("供热标准由18℃提高到20℃。"));
    }

    #[test]
    fn numbers_with_units_and_percentages() {
        yes("办结率达到30%。");
        yes("办理时限压缩到3天。");
        yes("覆盖12个省市。");
        yes("效率提高两倍。");
        yes("满意度提高百分之十五。");
        yes("投入1.2万元。");
        yes("培训覆盖500+人次。");
        yes("走访企业30余家。");
        yes("近三年累计完成任务。");
        yes("某考核权重占比１５％。");
        yes("问题复发率从50%降至15%。");
        yes("三分之一的单位完成了自查。");
    }

    #[test]
    fn dates_and_years_when_something_happened() {
        yes("2023年完成了平台建设。");
        yes("3月15日召开推进会。");
        yes("2025年底前全部完成。");
        yes("二〇二三年启动试点。");
    }

    #[test]
    fn enumerators_and_ordinals_are_not_quant() {
        no("一是加强沟通协调。");
        no("第一，业务效率方面。");
        no("第三阶段，试点实践。");
        no("（一）前期准备阶段");
        no("1. 明确目标。");
        no("篇一：《项目总结怎么写》");
    }

    #[test]
    fn set_phrases_quotes_and_names_are_not_quant() {
        no("一方面紧扣目标，另一方面调整策略。");
        no("完成了一系列工作。");
        no("推行一站式服务和一网通办。");
        no("开展“三服务”活动，做到“两个维护”。");
        no("坚持进一步统一思想，这是唯一的办法。");
        no("一定程度上影响了进度。");
        no("在同一平台上推进一体化建设。");
        no("落实十四五规划和八项规定精神。");
        no("畅通12345热线。");
    }

    #[test]
    fn yi_as_a_is_not_quant() {
        no("这是一项系统性工作。");
        no("这是一个重要原因。");
        no("不仅是对过去工作的一次全面回顾。");
        yes("业务量增长一倍。");
    }

    #[test]
    fn vague_amounts_are_not_quant() {
        no("形成若干可量化的关键任务。");
        no("涉及多个部门，投入大量人力。");
        no("部分目标完成效果优于预期，一些环节仍需改进。");
        no("效率显著提升，周期大幅缩短。");
        no("近几年工作量持续增加。");
        no("三五年内难以见效。");
        no("组织了十几场培训。");
    }

    #[test]
    fn counts_of_the_texts_own_parts_are_not_quant() {
        no("主要体现在三个方面。");
        no("项目分为四个阶段。");
        no("提出以下三点建议。");
        no("报告共4个部分。");
        no("总体目标主要体现在三个层面。");
    }

    #[test]
    fn citations_and_document_numbers_are_not_quant() {
        no("依据《2023年总结工作发展报告》。");
        no("政策文件：《指导意见》(2021)。");
        no("根据办发〔2023〕15号文件要求。");
    }

    #[test]
    fn quoted_arabic_figures_still_count() {
        yes("明确“数据占比不低于40%”的要求。");
    }
}

//! Reading the values of a ledger as people type them: dates in any of the spellings offices use,
//! 时限 as 月底前 phrases or as relative limits (3个工作日, 24小时, 10天), lists of units in one
//! cell, and the words for states, categories, sources, urgency and feedback cycles. Every refusal
//! is a Chinese sentence the importer puts beside the sheet, row and column.

use chrono::{Months, NaiveDate, NaiveDateTime, NaiveTime};
use unicode_normalization::UnicodeNormalization;

use super::workbook::Value;
use crate::assignment::{FeedbackCycle, Source, State, Urgency};
use crate::calendar::{Category, Limit, LimitUnit};

/// A time as a ledger gives it: a day, or a day with its time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum When {
    Day(NaiveDate),
    At(NaiveDateTime),
}

/// What a 办理时限 cell says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DeadlineSpec {
    When(When),
    /// Counted from 交办时间 on the working-day calendar.
    Limit(Limit),
    /// 1个月内: the same day N months later.
    Months(u32),
    /// 长期, 持续推进: no date; the category's limit applies.
    Open,
}

/// Excel's day numbers of the 1900 system fall in this range for 1954–2119: a plain number in a
/// date column within it is a date whose cell lost its format.
const SERIAL_DAYS: std::ops::RangeInclusive<f64> = 20_000.0..=80_000.0;

/// A date or time cell. `default_year` stands in for a date written without its year (6月30日).
pub fn when(value: &Value, default_year: Option<i32>) -> Result<When, String> {
    match value {
        Value::Date(t) if t.time() == NaiveTime::MIN => Ok(When::Day(t.date())),
        Value::Date(t) => Ok(When::At(*t)),
        Value::Number(n) if SERIAL_DAYS.contains(n) => {
            serial(*n).ok_or_else(|| format!("“{n}”不是有效的日期"))
        }
        Value::Number(n) if (19_000_101.0..=21_001_231.0).contains(n) => {
            date_text(&format!("{}", *n as i64), default_year)
        }
        Value::Text(t) => date_text(t, default_year),
        other => Err(format!("“{}”不是日期", other.text())),
    }
}

fn serial(days: f64) -> Option<When> {
    let base = NaiveDate::from_ymd_opt(1899, 12, 30)?.and_time(NaiveTime::MIN);
    let secs = (days * 86_400.0).round() as i64;
    let t = base + chrono::TimeDelta::seconds(secs);
    Some(if t.time() == NaiveTime::MIN { When::Day(t.date()) } else { When::At(t) })
}

/// A cursor over a normalised date text.
struct Scan {
    chars: Vec<char>,
    at: usize,
}

impl Scan {
    fn new(text: &str) -> Scan {
        let text: String = text.nfkc().filter(|c| !c.is_whitespace() || *c == ' ').collect();
        Scan { chars: text.trim().chars().collect(), at: 0 }
    }

    fn peek(&self) -> Option<char> {
        self.chars.get(self.at).copied()
    }

    fn eat(&mut self, options: &[char]) -> Option<char> {
        let c = self.peek().filter(|c| options.contains(c))?;
        self.at += 1;
        Some(c)
    }

    fn eat_word(&mut self, word: &str) -> bool {
        let w: Vec<char> = word.chars().collect();
        if self.chars[self.at..].starts_with(&w) {
            self.at += w.len();
            true
        } else {
            false
        }
    }

    fn number(&mut self) -> Option<(u32, usize)> {
        let start = self.at;
        while self.peek().is_some_and(|c| c.is_ascii_digit()) {
            self.at += 1;
        }
        let digits: String = self.chars[start..self.at].iter().collect();
        digits.parse().ok().map(|n| (n, self.at - start))
    }

    fn skip_spaces(&mut self) {
        while self.peek() == Some(' ') {
            self.at += 1;
        }
    }

    fn rest(&self) -> String {
        self.chars[self.at..].iter().collect()
    }
}

/// Words after a date that do not change it: 前, 之前, 以前, 止, 为止.
const BEFORE_WORDS: [&str; 6] = ["之前", "以前", "为止", "前", "止", "内"];

/// 2026-03-05, 2026/3/5, 2026.3.5, 2026年3月5日 (号), 20260305, with a time (14:30, 14时30分) or
/// not; 3月5日 takes `default_year`; 9月底, 9月中旬, 年底 name the last day they cover.
pub fn date_text(text: &str, default_year: Option<i32>) -> Result<When, String> {
    let shown = text.trim();
    let bad = || format!("“{shown}”不是能识别的日期（例如 2026-03-05 或 2026年3月5日）");
    let mut s = Scan::new(shown);
    if let Some(result) = period_phrase(&s.rest(), default_year) {
        return result;
    }
    let Some((first, len)) = s.number() else { return Err(bad()) };
    let (year, month) = if len == 8 && s.peek().is_none() {
        let date = ymd(first as i32 / 10_000, first / 100 % 100, first % 100, shown)?;
        return Ok(When::Day(date));
    } else if len == 4 {
        s.eat(&['年', '-', '/', '.']).ok_or_else(bad)?;
        if s.eat_word("底") || s.eat_word("末") {
            return finish(&mut s, end_of(first as i32, 12), None, shown);
        }
        let (month, _) = s.number().ok_or_else(bad)?;
        (first as i32, month)
    } else if len <= 2 {
        let year = default_year.ok_or_else(|| format!("“{shown}”没有写年份"))?;
        (year, first)
    } else {
        return Err(bad());
    };
    if !(1..=12).contains(&month) {
        return Err(format!("“{shown}”中的月份 {month} 不存在"));
    }
    let month_sep = s.eat(&['月', '-', '/', '.']).ok_or_else(bad)?;
    if month_sep == '月' {
        for (word, day) in [("底", 0), ("末", 0), ("下旬", 0), ("中旬", 20), ("上旬", 10)] {
            if s.eat_word(word) {
                let date = if day == 0 { end_of(year, month) } else { ymd(year, month, day, shown)? };
                return finish(&mut s, date, None, shown);
            }
        }
        if s.peek().is_none() || BEFORE_WORDS.iter().any(|w| s.rest() == *w) {
            return Ok(When::Day(end_of(year, month)));
        }
    }
    let (day, _) = s.number().ok_or_else(bad)?;
    s.eat(&['日', '号']);
    let date = ymd(year, month, day, shown)?;
    s.skip_spaces();
    s.eat(&['T']);
    let time = match s.number() {
        Some((hour, _)) => {
            s.eat(&[':', '时', '点']).ok_or_else(bad)?;
            let minute = s.number().map(|m| m.0).unwrap_or(0);
            s.eat(&['分']);
            let second = if s.eat(&[':']).is_some() { s.number().map(|m| m.0).unwrap_or(0) } else { 0 };
            Some(
                NaiveTime::from_hms_opt(hour, minute, second)
                    .ok_or_else(|| format!("“{shown}”中的时间不存在"))?,
            )
        }
        None => None,
    };
    finish(&mut s, date, time, shown)
}

/// The end of a date text: only 前, 之前 … may follow.
fn finish(s: &mut Scan, date: NaiveDate, time: Option<NaiveTime>, shown: &str) -> Result<When, String> {
    let rest = s.rest();
    let rest = rest.trim();
    if !rest.is_empty() && !BEFORE_WORDS.contains(&rest) {
        return Err(format!("“{shown}”不是能识别的日期（例如 2026-03-05 或 2026年3月5日）"));
    }
    Ok(match time {
        Some(t) => When::At(date.and_time(t)),
        None => When::Day(date),
    })
}

/// 年底前, 上半年, 三季度 … of `year`.
fn period_phrase(text: &str, default_year: Option<i32>) -> Option<Result<When, String>> {
    let (year, phrase) = match text.char_indices().nth(4) {
        Some((i, '年')) if text[..i].chars().all(|c| c.is_ascii_digit()) => {
            (text[..i].parse::<i32>().ok(), &text[i + '年'.len_utf8()..])
        }
        _ => (default_year, text),
    };
    let phrase = BEFORE_WORDS.iter().fold(phrase, |p, w| p.strip_suffix(w).unwrap_or(p));
    let month = match phrase.trim_start_matches('第') {
        "底" | "年底" | "年末" | "末" | "下半年" | "四季度" | "全年" => 12,
        "上半年" | "年中" | "二季度" => 6,
        "一季度" => 3,
        "三季度" => 9,
        _ => return None,
    };
    Some(match year {
        Some(y) => Ok(When::Day(end_of(y, month))),
        None => Err(format!("“{text}”没有写年份")),
    })
}

fn ymd(year: i32, month: u32, day: u32, shown: &str) -> Result<NaiveDate, String> {
    if !(1990..=2100).contains(&year) {
        return Err(format!("“{shown}”的年份 {year} 不在 1990 到 2100 之间"));
    }
    NaiveDate::from_ymd_opt(year, month, day).ok_or_else(|| format!("日期“{shown}”不存在"))
}

fn end_of(year: i32, month: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, month, 1)
        .and_then(|d| d.checked_add_months(Months::new(1)))
        .and_then(|d| d.pred_opt())
        .unwrap_or(NaiveDate::MAX)
}

/// A 办理时限 cell: a date (6月30日 takes the year of 交办时间), a relative limit, or 长期.
pub fn deadline_spec(value: &Value, assigned_year: i32) -> Result<DeadlineSpec, String> {
    let Value::Text(text) = value else { return when(value, Some(assigned_year)).map(DeadlineSpec::When) };
    let squeezed: String = text.nfkc().filter(|c| !c.is_whitespace()).collect();
    if ["长期", "持续", "常态", "长效"].iter().any(|w| squeezed.starts_with(w)) {
        return Ok(DeadlineSpec::Open);
    }
    if let Some(spec) = relative(&squeezed) {
        return spec;
    }
    when(value, Some(assigned_year)).map(DeadlineSpec::When)
}

/// 3个工作日(内), 2个工作小时, 24小时, 10天, 10个自然日, 两周, 1个月.
fn relative(text: &str) -> Option<Result<DeadlineSpec, String>> {
    let text = BEFORE_WORDS.iter().fold(text, |t, w| t.strip_suffix(w).unwrap_or(t));
    let digits_end = text.find(|c: char| !c.is_ascii_digit() && !is_numeral(c)).unwrap_or(text.len());
    let (amount, unit) = text.split_at(digits_end);
    let amount = small_number(amount)?;
    let unit = unit.strip_prefix('个').unwrap_or(unit);
    let limit = |u| {
        let limit = Limit::new(amount, u);
        Some(
            limit
                .check("deadline", "办理时限")
                .map(|_| DeadlineSpec::Limit(limit))
                .map_err(|e| e.to_string()),
        )
    };
    match unit {
        "工作日" => limit(LimitUnit::WorkingDays),
        "工作小时" => limit(LimitUnit::WorkingHours),
        "小时" | "钟头" => limit(LimitUnit::NaturalHours),
        "天" | "日" | "自然日" => limit(LimitUnit::NaturalDays),
        "周" | "星期" => {
            let limit = Limit::new(amount.saturating_mul(7), LimitUnit::NaturalDays);
            Some(
                limit
                    .check("deadline", "办理时限")
                    .map(|_| DeadlineSpec::Limit(limit))
                    .map_err(|e| e.to_string()),
            )
        }
        "月" if amount <= 24 => Some(Ok(DeadlineSpec::Months(amount))),
        _ => None,
    }
}

fn is_numeral(c: char) -> bool {
    "零一二两三四五六七八九十百".contains(c)
}

/// 3, 十五, 两, 二十四: the amounts limits are written with (below 1,000).
fn small_number(text: &str) -> Option<u32> {
    if text.is_empty() {
        return None;
    }
    if let Ok(n) = text.parse() {
        return Some(n);
    }
    let digit = |c: char| "零一二三四五六七八九".find(c).map(|i| (i / 3) as u32).or((c == '两').then_some(2));
    let mut total = 0;
    let mut current = 0;
    for c in text.chars() {
        match c {
            '十' => {
                total += current.max(1) * 10;
                current = 0;
            }
            '百' => {
                total += current.max(1) * 100;
                current = 0;
            }
            c => current = digit(c)?,
        }
    }
    Some(total + current)
}

/// The names in a cell of units or people: separated by 、，,;；/ or spaces.
pub fn split_names(text: &str) -> Vec<String> {
    text.split(|c: char| "、，,;；/／\n".contains(c) || c.is_whitespace())
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}

/// A person's name without what offices write beside it: 张镕（副局长） → 张镕.
pub fn person_name(text: &str) -> String {
    let cut = text.find(['(', '（', '[', '【']).unwrap_or(text.len());
    text[..cut].trim().to_string()
}

/// The state a 状态 cell names, by the words ledgers use.
pub fn state_word(text: &str) -> Option<State> {
    let t: String = text.nfkc().filter(|c| !c.is_whitespace()).collect();
    if let Some(s) = State::ALL.iter().copied().find(|s| s.label() == t || s.code() == t) {
        // 已归档 belongs to the archive; an imported one is taken as struck off (销号), the state
        // before it, with the sheet's word kept in the 导入 event.
        return Some(if s == State::Archived { State::StruckOff } else { s });
    }
    let has = |words: &[&str]| words.iter().any(|w| t.contains(w));
    Some(if has(&["未完成", "未办结", "未结", "未销号"]) {
        State::InProgress
    } else if has(&["销号", "归档"]) {
        State::StruckOff
    } else if has(&["办结", "完成", "已结", "结案", "落实到位"]) || t == "是" {
        State::Closed
    } else if has(&["中止", "暂停", "暂缓"]) {
        State::Suspended
    } else if has(&["已反馈", "待审核", "已报送"]) {
        State::Reported
    } else if has(&["办理中", "推进中", "进行中", "正在", "在办", "持续推进", "已签收", "整改中"])
        || t == "否"
    {
        State::InProgress
    } else if has(&["交办", "未启动", "未开始", "待办"]) {
        State::Assigned
    } else if has(&["登记"]) {
        State::Registered
    } else {
        return None;
    })
}

/// 类别 by its label or the words ledgers use (即办, 常规, 复杂 …).
pub fn category_word(text: &str) -> Option<Category> {
    let t = text.trim();
    Category::parse(t).ok().or_else(|| {
        if ["即时", "即办", "立即", "紧急", "突发"].iter().any(|w| t.contains(w)) {
            Some(Category::Immediate)
        } else if ["复杂", "协同", "重大", "跨部门"].iter().any(|w| t.contains(w)) {
            Some(Category::Complex)
        } else if ["一般", "常规", "普通", "日常"].iter().any(|w| t.contains(w)) {
            Some(Category::Routine)
        } else {
            None
        }
    })
}

/// 来源 by its label or the words ledgers use.
pub fn source_word(text: &str) -> Option<Source> {
    let t = text.trim();
    Source::parse(t).ok().or_else(|| {
        let has = |words: &[&str]| words.iter().any(|w| t.contains(w));
        if has(&["巡视", "巡察", "审计", "督察"]) {
            Some(Source::Inspection)
        } else if has(&["信访", "来信", "来访", "诉求", "12345", "热线", "投诉"]) {
            Some(Source::Petition)
        } else if has(&["批示", "指示"]) {
            Some(Source::Instruction)
        } else if has(&["会议", "纪要", "常务会", "专题会"]) {
            Some(Source::Meeting)
        } else if has(&["上级", "省", "中央", "国务院"]) {
            Some(Source::Superior)
        } else {
            None
        }
    })
}

/// 紧急程度 by its label or 急件, 紧急, 一般.
pub fn urgency_word(text: &str) -> Option<Urgency> {
    let t = text.trim();
    Urgency::parse(t).ok().or(match t {
        "特急件" | "特别紧急" | "非常紧急" => Some(Urgency::ExtraUrgent),
        "急" | "急件" | "紧急" | "加急件" => Some(Urgency::Urgent),
        "一般" | "普通" | "平" | "不急" | "常规" => Some(Urgency::Normal),
        _ => None,
    })
}

/// 反馈周期 by its label or 周报, 月报, 双周 …
pub fn feedback_word(text: &str) -> Option<FeedbackCycle> {
    let t = text.trim();
    FeedbackCycle::parse(t).ok().or(match t {
        "周报" | "一周一报" | "每周一次" | "每周五" | "周" => Some(FeedbackCycle::Weekly),
        "双周" | "两周一报" | "半月" | "每半月" => Some(FeedbackCycle::Fortnightly),
        "月报" | "一月一报" | "每月一次" | "月" => Some(FeedbackCycle::Monthly),
        "季报" | "每季" | "一季一报" | "季度" => Some(FeedbackCycle::Quarterly),
        "不定期" | "办结后" | "办结时" | "一次性" => Some(FeedbackCycle::None),
        _ => None,
    })
}

/// When a limit of `months` months from `start` ends.
pub fn add_months(start: NaiveDate, months: u32) -> Option<NaiveDate> {
    start.checked_add_months(Months::new(months))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> When {
        When::Day(NaiveDate::from_ymd_opt(y, m, d).expect("date"))
    }

    fn text(s: &str) -> Value {
        Value::Text(s.into())
    }

    #[test]
    fn dates_read_in_every_spelling_offices_use() {
        for s in [
            "2026-03-05",
            "2026/3/5",
            "2026.3.5",
            "2026年3月5日",
            "2026年3月5号",
            "20260305",
            "２０２６年３月５日",
        ] {
            assert_eq!(date_text(s, None), Ok(day(2026, 3, 5)), "{s}");
        }
        let at = NaiveDate::from_ymd_opt(2026, 3, 5).and_then(|d| d.and_hms_opt(14, 30, 0)).expect("t");
        for s in ["2026-03-05 14:30", "2026/3/5 14:30:00", "2026年3月5日 14:30", "2026年3月5日14时30分"]
        {
            assert_eq!(date_text(s, None), Ok(When::At(at)), "{s}");
        }
        assert_eq!(date_text("6月30日前", Some(2026)), Ok(day(2026, 6, 30)));
        assert_eq!(date_text("2026年9月底前", None), Ok(day(2026, 9, 30)));
        assert_eq!(date_text("2月底", Some(2028)), Ok(day(2028, 2, 29)));
        assert_eq!(date_text("9月中旬", Some(2026)), Ok(day(2026, 9, 20)));
        assert_eq!(date_text("年底前", Some(2026)), Ok(day(2026, 12, 31)));
        assert_eq!(date_text("2026年上半年", None), Ok(day(2026, 6, 30)));
        assert_eq!(date_text("2026年10月", None), Ok(day(2026, 10, 31)));
    }

    #[test]
    fn impossible_and_unreadable_dates_say_why() {
        assert_eq!(date_text("2026-02-30", None), Err("日期“2026-02-30”不存在".into()));
        assert!(date_text("2026-13-01", None).expect_err("month").contains("月份 13"));
        assert!(date_text("下周左右", Some(2026)).expect_err("words").contains("不是能识别的日期"));
        assert!(date_text("3月5日", None).expect_err("year").contains("没有写年份"));
        assert!(date_text("1899-01-01", None).expect_err("year").contains("1990"));
    }

    #[test]
    fn date_cells_and_serial_numbers_are_dates() {
        assert_eq!(when(&Value::Number(46086.0), None), Ok(day(2026, 3, 5)));
        let noon = NaiveDate::from_ymd_opt(2026, 3, 5).and_then(|d| d.and_hms_opt(12, 0, 0)).expect("t");
        assert_eq!(when(&Value::Number(46086.5), None), Ok(When::At(noon)));
        assert_eq!(when(&Value::Date(noon), None), Ok(When::At(noon)));
        assert!(when(&Value::Bool(true), None).is_err());
    }

    #[test]
    fn limits_read_as_amounts_of_their_units() {
        let limit = |a, u| Ok(DeadlineSpec::Limit(Limit::new(a, u)));
        assert_eq!(deadline_spec(&text("3个工作日"), 2026), limit(3, LimitUnit::WorkingDays));
        assert_eq!(deadline_spec(&text("三个工作日内"), 2026), limit(3, LimitUnit::WorkingDays));
        assert_eq!(deadline_spec(&text("24小时内"), 2026), limit(24, LimitUnit::NaturalHours));
        assert_eq!(deadline_spec(&text("10天"), 2026), limit(10, LimitUnit::NaturalDays));
        assert_eq!(deadline_spec(&text("十五个自然日"), 2026), limit(15, LimitUnit::NaturalDays));
        assert_eq!(deadline_spec(&text("两周"), 2026), limit(14, LimitUnit::NaturalDays));
        assert_eq!(deadline_spec(&text("1个月内"), 2026), Ok(DeadlineSpec::Months(1)));
        assert_eq!(deadline_spec(&text("长期坚持"), 2026), Ok(DeadlineSpec::Open));
        assert_eq!(deadline_spec(&text("6月30日前"), 2026), Ok(DeadlineSpec::When(day(2026, 6, 30))));
        assert!(deadline_spec(&text("0个工作日"), 2026).is_err());
    }

    #[test]
    fn words_for_states_categories_and_the_rest() {
        assert_eq!(state_word("已办结"), Some(State::Closed));
        assert_eq!(state_word("已完成"), Some(State::Closed));
        assert_eq!(state_word("未完成"), Some(State::InProgress));
        assert_eq!(state_word("推进中"), Some(State::InProgress));
        assert_eq!(state_word("已销号"), Some(State::StruckOff));
        assert_eq!(state_word("已归档"), Some(State::StruckOff));
        assert_eq!(state_word("已交办"), Some(State::Assigned));
        assert_eq!(state_word("看情况"), None);
        assert_eq!(category_word("常规"), Some(Category::Routine));
        assert_eq!(category_word("即办"), Some(Category::Immediate));
        assert_eq!(category_word("复杂协同类"), Some(Category::Complex));
        assert_eq!(source_word("市政府常务会议"), Some(Source::Meeting));
        assert_eq!(source_word("12345热线"), Some(Source::Petition));
        assert_eq!(urgency_word("急件"), Some(Urgency::Urgent));
        assert_eq!(feedback_word("月报"), Some(FeedbackCycle::Monthly));
        assert_eq!(
            split_names("发改委、教育局，住建局; 卫健委 / 督查室"),
            ["发改委", "教育局", "住建局", "卫健委", "督查室"]
        );
        assert_eq!(person_name("张镕（副局长）"), "张镕");
        assert_eq!(small_number("二十四"), Some(24));
        assert_eq!(small_number("十"), Some(10));
    }
}

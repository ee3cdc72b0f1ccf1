//! Chinese line breaking (禁则): no line begins with closing punctuation, ——, or ……; no line ends
//! with opening punctuation; runs of digits and Latin letters stay whole. A closing mark that
//! would begin a line hangs at the end of the one before (悬挂, as WPS and Word do) so that full
//! lines keep all 28 characters on the grid; when that is not enough, characters are pushed to
//! the next line (推出) and the short line is justified.

/// May not begin a line.
const NO_START: &str = "，。、；：！？）》」』”’…—〕】〉｝］｠%％·．,.;:!?)]}";
/// May not end a line.
const NO_END: &str = "（《「『“‘〔【〈｛［｟([{";
/// May hang past the end of a full line.
const HANGS: &str = "，。、；：！？）》」』”’";

/// A piece of text that is never split across lines.
#[derive(Debug, Clone, PartialEq)]
pub struct Unit {
    pub text: String,
    /// Natural width in points.
    pub width: f32,
    pub no_start: bool,
    pub no_end: bool,
    pub hangs: bool,
    pub space: bool,
}

impl Unit {
    fn new(text: String, width: f32) -> Unit {
        let first = text.chars().next().unwrap_or(' ');
        let last = text.chars().last().unwrap_or(' ');
        Unit {
            no_start: NO_START.contains(first),
            no_end: NO_END.contains(last),
            hangs: text.chars().count() == 1 && HANGS.contains(first),
            space: first == ' ',
            text,
            width,
        }
    }
}

/// A line: units `start..end`; `hang` when the last unit hangs past the measure.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Line {
    pub start: usize,
    pub end: usize,
    pub hang: bool,
}

/// Words a number is written with, kept on its line: 2026年, 12月, 22号, 3个工作日, 5项.
const MEASURE_WORDS: &str = "年月日号时点分秒个件项次天人户家元条份名所周期";

fn is_run_char(ch: char) -> bool {
    ch.is_ascii_graphic()
}

/// Cuts `text` into units; `width` measures one character in points.
pub fn units(text: &str, width: &mut dyn FnMut(char) -> f32) -> Vec<Unit> {
    let chars: Vec<char> = text.chars().filter(|c| !c.is_control()).collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let ch = chars[i];
        let mut j = i + 1;
        if is_run_char(ch) {
            while j < chars.len() && is_run_char(chars[j]) {
                j += 1;
            }
            // A number keeps the word it counts: 12月, 22号, 3个 never split.
            if ch.is_ascii_digit() && chars.get(j).is_some_and(|c| MEASURE_WORDS.contains(*c)) {
                j += 1;
            }
        } else if (ch == '—' || ch == '…') && chars.get(j) == Some(&ch) {
            j += 1;
        }
        let piece: String = chars[i..j].iter().collect();
        let w = chars[i..j].iter().map(|&c| width(c)).sum();
        out.push(Unit::new(piece, w));
        i = j;
    }
    out
}

/// Units that keep the given words whole (for titles: 词意完整).
pub fn word_units(words: &[&str], width: &mut dyn FnMut(char) -> f32) -> Vec<Unit> {
    let mut out: Vec<Unit> = Vec::new();
    for word in words {
        let parts = units(word, width);
        // A word that is a single unit, or punctuation, stays as cut; otherwise its pieces merge.
        if parts.len() <= 1 || parts.iter().any(|u| u.no_start || u.no_end || u.space) {
            out.extend(parts);
        } else {
            let text: String = parts.iter().map(|u| u.text.as_str()).collect();
            let w = parts.iter().map(|u| u.width).sum();
            out.push(Unit::new(text, w));
        }
    }
    out
}

/// Joins the parts of a date written in characters (2026年 12月 2日, or 12月 2日) into one unit, for
/// table and form cells, where a date that breaks (至12/月2日, 至2026年/12月2日) misreads.
pub fn keep_dates(units: Vec<Unit>) -> Vec<Unit> {
    let numbered = |u: &Unit, word: char| {
        u.text.ends_with(word) && u.text.chars().next().is_some_and(|c| c.is_ascii_digit())
    };
    let mut out: Vec<Unit> = Vec::with_capacity(units.len());
    for unit in units {
        let joins = out.last().is_some_and(|last: &Unit| {
            (last.text.ends_with('年') && numbered(&unit, '月'))
                || (last.text.ends_with('月') && numbered(&unit, '日'))
        });
        match out.last_mut() {
            Some(last) if joins => {
                let text = format!("{}{}", last.text, unit.text);
                *last = Unit::new(text, last.width + unit.width);
            }
            _ => out.push(unit),
        }
    }
    out
}

/// Whether a line may break before unit `k`.
fn may_break_before(units: &[Unit], k: usize) -> bool {
    k > 0 && k < units.len() && !units[k].no_start && !units[k - 1].no_end
}

/// Breaks units into lines no wider than `first` (the first line) and `rest` points.
pub fn break_lines(units: &[Unit], first: f32, rest: f32) -> Vec<Line> {
    const EPS: f32 = 0.01;
    let mut lines = Vec::new();
    let mut i = 0;
    while i < units.len() {
        if !lines.is_empty() && units[i].space {
            i += 1;
            continue;
        }
        let cap = if lines.is_empty() { first } else { rest };
        let mut w = 0.0;
        let mut j = i;
        while j < units.len() && w + units[j].width <= cap + EPS {
            w += units[j].width;
            j += 1;
        }
        if j == units.len() {
            lines.push(Line { start: i, end: j, hang: false });
            break;
        }
        if j == i {
            // A unit wider than the whole line (a long number or address): it gets a line of its own.
            lines.push(Line { start: i, end: i + 1, hang: false });
            i += 1;
            continue;
        }
        let next_may_start = units.get(j + 1).is_none_or(|u| !u.no_start);
        if units[j].hangs && next_may_start && !units[j - 1].no_end {
            lines.push(Line { start: i, end: j + 1, hang: true });
            i = j + 1;
            continue;
        }
        let mut k = j;
        while k > i + 1 && !may_break_before(units, k) {
            k -= 1;
        }
        if !may_break_before(units, k) {
            k = j; // Nothing allowed: break where it overflows rather than overflow.
        }
        lines.push(Line { start: i, end: k, hang: false });
        i = k;
    }
    lines
}

/// Breaks into at most as many lines as the text needs at `cap`, of lengths as even as the
/// breaking rules allow (titles: 排列对称，长短适宜).
pub fn balanced_lines(units: &[Unit], cap: f32) -> Vec<Line> {
    let greedy = break_lines(units, cap, cap);
    if greedy.len() <= 1 {
        return greedy;
    }
    let total: f32 = units.iter().map(|u| u.width).sum();
    let n = greedy.len();
    let mut target = total / n as f32;
    while target < cap {
        let lines = break_lines(units, target, target);
        if lines.len() <= n && lines.iter().all(|l| !l.hang) {
            return lines;
        }
        target += cap / 80.0;
    }
    greedy
}

#[cfg(test)]
mod tests {
    use super::*;

    fn em(ch: char) -> f32 {
        if ch.is_ascii() {
            0.5
        } else {
            1.0
        }
    }

    fn lines_of(text: &str, cap: f32) -> Vec<String> {
        let us = units(text, &mut em);
        break_lines(&us, cap, cap)
            .iter()
            .map(|l| us[l.start..l.end].iter().map(|u| u.text.as_str()).collect())
            .collect()
    }

    #[test]
    fn full_lines_hold_exactly_the_measure() {
        let text = "一二三四五六七八九十".repeat(3);
        let lines = lines_of(&text, 28.0);
        assert_eq!(lines[0].chars().count(), 28);
        assert_eq!(lines[1].chars().count(), 2);
    }

    #[test]
    fn closing_punctuation_hangs_instead_of_starting_a_line() {
        let text = format!("{}，后文", "字".repeat(28));
        let lines = lines_of(&text, 28.0);
        assert_eq!(lines[0].chars().count(), 29);
        assert!(lines[0].ends_with('，'));
        assert_eq!(lines[1], "后文");
    }

    #[test]
    fn two_closing_marks_push_a_character_down() {
        let text = format!("{}。”后文", "字".repeat(28));
        let lines = lines_of(&text, 28.0);
        assert_eq!(lines[0].chars().count(), 27);
        assert!(lines[1].starts_with("字。”"));
    }

    #[test]
    fn opening_marks_do_not_end_a_line() {
        let text = format!("{}《通知》", "字".repeat(27));
        let lines = lines_of(&text, 28.0);
        assert!(!lines[0].ends_with('《'));
        assert!(lines[1].starts_with('《'));
    }

    #[test]
    fn dashes_and_ellipses_stay_whole_and_never_start_a_line() {
        let text = format!("{}——后文……再后", "字".repeat(27));
        let lines = lines_of(&text, 28.0);
        assert!(lines.iter().all(|l| !l.starts_with('—') && !l.starts_with('…')), "{lines:?}");
        let joined: String = lines.concat();
        assert_eq!(joined, text);
    }

    #[test]
    fn digit_and_latin_runs_are_not_split() {
        let text = format!("{}增长12.5%，GB/T9704", "字".repeat(26));
        let lines = lines_of(&text, 28.0);
        assert!(lines.iter().any(|l| l.contains("12.5%")), "{lines:?}");
        assert!(lines.iter().any(|l| l.contains("GB/T9704")), "{lines:?}");
    }

    #[test]
    fn numbers_keep_their_measure_word_and_cells_keep_dates_whole() {
        let text = format!("{}至12月2日", "字".repeat(3));
        let lines = lines_of(&text, 4.5);
        assert!(lines.iter().all(|l| !l.starts_with('月') && !l.starts_with('号')), "{lines:?}");
        let us = keep_dates(units("2026年1月1日至2026年12月2日，督〔2026〕222号", &mut em));
        let texts: Vec<&str> = us.iter().map(|u| u.text.as_str()).collect();
        assert!(texts.contains(&"2026年1月1日") && texts.contains(&"2026年12月2日"), "{texts:?}");
        assert!(texts.contains(&"222号"), "{texts:?}");
        // Not a date: a year alone, and numbers counting other things, stay as they were.
        let us = keep_dates(units("2026年共3个月", &mut em));
        let texts: Vec<&str> = us.iter().map(|u| u.text.as_str()).collect();
        assert!(texts.contains(&"2026年") && texts.contains(&"3个"), "{texts:?}");
    }

    #[test]
    fn balanced_titles_split_evenly_at_words() {
        let words = [
            "关于",
            "进一步",
            "做好",
            "2026",
            "年度",
            "重点",
            "工作",
            "任务",
            "督查",
            "督办",
            "工作",
            "的",
            "通知",
        ];
        let us = word_units(&words, &mut em);
        let lines = balanced_lines(&us, 20.0);
        assert_eq!(lines.len(), 2);
        let widths: Vec<f32> =
            lines.iter().map(|l| us[l.start..l.end].iter().map(|u| u.width).sum()).collect();
        assert!((widths[0] - widths[1]).abs() <= 4.0, "{widths:?}");
    }

    #[test]
    fn break_lines_never_loses_text() {
        let text =
            "本季度共受理群众诉求1,286件，办结1,201件（办结率93.4%）；其中“12345”热线转办……合计——见附表。"
                .repeat(4);
        for cap in [5.0, 9.0, 13.0, 28.0] {
            let us = units(&text, &mut em);
            let lines = break_lines(&us, cap, cap);
            let joined: String =
                lines.iter().flat_map(|l| us[l.start..l.end].iter().map(|u| u.text.clone())).collect();
            assert_eq!(joined, text);
            for l in &lines[1..] {
                assert!(!us[l.start].no_start || l.end - l.start == 1, "cap {cap}: {:?}", us[l.start].text);
            }
        }
    }
}

//! Chinese text helpers that several areas share: numerals for section numbers, and the word
//! segmenter (its dictionary is large, so the whole app loads it once).

use std::sync::OnceLock;

use jieba_rs::Jieba;

/// 一, 二 … 九十九, as section numbers are written (一、总体情况); 0 is 零, and from 100 on the
/// Arabic number is returned, since no summary has that many sections.
pub fn chinese_numeral(n: usize) -> String {
    const DIGITS: [&str; 10] = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    match n {
        0..=9 => DIGITS[n].to_string(),
        10..=19 => format!("十{}", if n > 10 { DIGITS[n - 10] } else { "" }),
        20..=99 => format!("{}十{}", DIGITS[n / 10], if !n.is_multiple_of(10) { DIGITS[n % 10] } else { "" }),
        _ => n.to_string(),
    }
}

/// The word segmenter, built on first use (building its dictionary takes a moment) and shared by
/// the substance checks and the title line breaking of the print engine.
pub fn jieba() -> &'static Jieba {
    static JIEBA: OnceLock<Jieba> = OnceLock::new();
    JIEBA.get_or_init(Jieba::new)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numerals_as_section_numbers_are_written() {
        let written: Vec<String> = [0, 1, 7, 10, 11, 19, 20, 23, 90, 99].map(chinese_numeral).into();
        assert_eq!(written, ["零", "一", "七", "十", "十一", "十九", "二十", "二十三", "九十", "九十九"]);
        assert_eq!(chinese_numeral(100), "100");
    }

    #[test]
    fn the_segmenter_is_built_once() {
        assert!(std::ptr::eq(jieba(), jieba()));
        let words: Vec<&str> = jieba().cut("工作总结", false).iter().map(|t| t.word).collect();
        assert_eq!(words.concat(), "工作总结");
    }
}

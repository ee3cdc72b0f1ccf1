//! Text helpers that every area shares: the clean-up of what people type (names, one-line fields,
//! notes), numerals for section numbers, and the word segmenter (its dictionary is large, so the
//! whole app loads it once).

use std::sync::OnceLock;

use jieba_rs::Jieba;
use unicode_normalization::UnicodeNormalization;

use crate::{Error, Result};

/// Longest name we accept: full unit names such as 某某市人民政府办公室督查室 fit easily.
const MAX_NAME_CHARS: usize = 60;

/// Characters no name or title may hold: control characters (NUL …), the bidirectional overrides
/// and the zero-width ones, which make two names that look the same compare different.
fn is_hidden(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2064}')
        || matches!(c, '\u{2066}'..='\u{2069}' | '\u{FEFF}')
}

/// Refuses a name or title with a hidden character, naming the field.
pub fn refuse_hidden(field: &str, label: &str, value: &str) -> Result<()> {
    match value.chars().find(|c| is_hidden(*c)) {
        Some(c) => Err(Error::invalid(
            field,
            format!("{label}含有看不见的字符（U+{:04X}，如零宽空格、控制符），请删除后重新输入", c as u32),
        )),
        None => Ok(()),
    }
}

/// Trims a required name; empty or overlong names, and names with hidden characters, are an error
/// at `field`.
pub fn required_name(field: &str, label: &str, value: &str) -> Result<String> {
    let value = collapse_spaces(value);
    refuse_hidden(field, label, &value)?;
    if value.is_empty() {
        return Err(Error::invalid(field, format!("请填写{label}")));
    }
    if value.chars().count() > MAX_NAME_CHARS {
        return Err(Error::invalid(field, format!("{label}不能超过 {MAX_NAME_CHARS} 个字")));
    }
    Ok(value)
}

/// The form of a name that comparisons use: NFKC, so 全角 and 半角 forms of one name — （一） and (一),
/// ＡＢＣ and ABC, ２０２６ and 2026 — are the same name. Only for comparing: the name is kept as typed,
/// since NFKC would rewrite the full-width punctuation an office writes on purpose.
pub fn comparison_key(name: &str) -> String {
    collapse_spaces(&name.nfkc().collect::<String>())
}

/// The first of `names` (rows of a query) that is the same name as `name` by [`comparison_key`].
pub fn same_name(
    names: impl IntoIterator<Item = rusqlite::Result<String>>,
    name: &str,
) -> rusqlite::Result<Option<String>> {
    let key = comparison_key(name);
    names.into_iter().find(|n| n.as_ref().is_ok_and(|n| comparison_key(n) == key)).transpose()
}

/// An optional one-line field (a short name, a document number, a contact): runs of white space
/// fold to one space and hidden characters are dropped; an empty one becomes `None`.
pub fn optional_text(value: Option<&str>) -> Option<String> {
    value.map(|v| collapse_spaces(v).replace(is_hidden, "")).filter(|v| !v.is_empty())
}

/// An optional note or reason, which may run over several lines: trimmed at both ends, line breaks
/// as `\n`, nothing else touched; an empty one becomes `None`.
pub fn optional_note(value: Option<&str>) -> Option<String> {
    value.map(|v| v.trim().replace("\r\n", "\n").replace('\r', "\n")).filter(|v| !v.is_empty())
}

fn collapse_spaces(value: &str) -> String {
    value.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The longest text of a paper's draft (通报, 宣贯材料), and its title.
pub const MAX_DRAFT_TEXT_CHARS: usize = 5_000;
pub const MAX_DRAFT_TITLE_CHARS: usize = 200;

/// Checks the texts of a paper's draft as the writer edited them: the title is there and fits,
/// each `(field, label, text)` fits; the refusal names the field.
pub fn check_draft(empty_title: &str, title: &str, texts: &[(&str, &str, &str)]) -> Result<()> {
    let n = title.trim().chars().count();
    if n == 0 {
        return Err(Error::invalid("title", empty_title));
    }
    if n > MAX_DRAFT_TITLE_CHARS {
        return Err(Error::invalid("title", format!("标题有 {n} 个字，超过上限 {MAX_DRAFT_TITLE_CHARS} 字")));
    }
    for (field, label, text) in texts {
        let n = text.chars().count();
        if n > MAX_DRAFT_TEXT_CHARS {
            return Err(Error::invalid(
                *field,
                format!("{label}有 {n} 个字，超过上限 {MAX_DRAFT_TEXT_CHARS} 字"),
            ));
        }
    }
    Ok(())
}

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

/// `text` with traditional characters (繁体) as their simplified forms, for matching only: one
/// character for one, each of the same UTF-8 length, so every byte and UTF-16 offset found in the
/// result is the same in `text` (a character whose simplified form would differ in length, and
/// anything that is not a CJK ideograph, stays as it is).
pub fn simplified(text: &str) -> std::borrow::Cow<'_, str> {
    // Pure simplified text, the common case, is returned as it is.
    let converted = fast2s::convert(text);
    if converted == text {
        return std::borrow::Cow::Borrowed(text);
    }
    if converted.chars().count() != text.chars().count() {
        return std::borrow::Cow::Borrowed(text);
    }
    std::borrow::Cow::Owned(
        text.chars()
            .zip(converted.chars())
            .map(|(o, s)| if o.len_utf8() == s.len_utf8() { s } else { o })
            .collect(),
    )
}

/// The word segmenter, built on first use (building its dictionary takes a moment) and shared by
/// the substance checks and the title line breaking of the print engine.
pub fn jieba() -> &'static Jieba {
    static JIEBA: OnceLock<Jieba> = OnceLock::new();
    JIEBA.get_or_init(Jieba::new)
}

/// Bytes as lowercase hexadecimal: hashes, keys and salts in files and messages.
pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_refuse_hidden_characters_and_one_line_fields_drop_them() {
        for bad in ["督查\u{200B}室", "督查室\u{0}", "\u{202E}督查室", "督\u{FEFF}查室"] {
            let err = required_name("name", "单位全称", bad).expect_err(bad);
            assert_eq!(err.field().as_deref(), Some("name"));
            assert!(err.to_string().contains("看不见的字符"), "{err}");
        }
        assert_eq!(optional_text(Some("督查\u{200B}室")).as_deref(), Some("督查室"));
        assert_eq!(required_name("name", "姓名", "王玥").expect("rare characters are fine"), "王玥");
        assert_eq!(required_name("name", "姓名", "𠮷野").expect("outside the BMP"), "𠮷野");
    }

    #[test]
    fn notes_keep_their_lines_and_one_line_fields_fold_spaces() {
        assert_eq!(optional_note(Some("  第一行\r\n  第二行  ")).as_deref(), Some("第一行\n  第二行"));
        assert_eq!(optional_note(Some(" \n ")), None);
        assert_eq!(optional_text(Some(" 督办  〔2026〕 ")).as_deref(), Some("督办 〔2026〕"));
    }

    #[test]
    fn names_are_trimmed_and_required() {
        assert_eq!(required_name("name", "单位全称", "  综合  办 ").expect("ok"), "综合 办");
        let err = required_name("name", "单位全称", "   ").expect_err("empty");
        assert_eq!(err.to_string(), "请填写单位全称");
    }

    #[test]
    fn numerals_as_section_numbers_are_written() {
        let written: Vec<String> = [0, 1, 7, 10, 11, 19, 20, 23, 90, 99].map(chinese_numeral).into();
        assert_eq!(written, ["零", "一", "七", "十", "十一", "十九", "二十", "二十三", "九十", "九十九"]);
        assert_eq!(chinese_numeral(100), "100");
    }

    #[test]
    fn traditional_text_is_matched_as_simplified_at_the_same_offsets() {
        let text = "存在問題：進度滯後，風險較大；𠮷祥村完成改造30戶。";
        let simple = simplified(text);
        assert_eq!(simple, "存在问题：进度滞后，风险较大；𠮷祥村完成改造30户。");
        assert_eq!(simple.len(), text.len());
        assert_eq!(simple.encode_utf16().count(), text.encode_utf16().count());
        assert!(matches!(simplified("全年办结120件。"), std::borrow::Cow::Borrowed(_)));
    }

    #[test]
    fn the_segmenter_is_built_once() {
        assert!(std::ptr::eq(jieba(), jieba()));
        let words: Vec<&str> = jieba().cut("工作总结", false).iter().map(|t| t.word).collect();
        assert_eq!(words.concat(), "工作总结");
    }
}

//! Cutting a draft into sections, paragraphs and sentences, with byte ranges into one whole text.
//!
//! Sentences end at 。！？； and their half-width forms ; ! ? (a closing quote or bracket stays with
//! its sentence) and at line ends. Heading lines and table rows are not sentences.

use std::ops::Range;

use super::report::SectionRole;

/// Sentence-ending punctuation.
const ENDERS: &[char] = &['。', '！', '？', '；', ';', '!', '?'];
/// Closing quotes and brackets that stay with the sentence they close.
const CLOSERS: &[char] = &['”', '’', '"', '\'', '」', '』', ')', '）', '】', '》', '〕', ']'];

/// How deep a heading number goes: 一、 (0), （一） (1), 1. (2), 1.1 (3).
pub type HeadingLevel = u8;

/// A sentence found in the whole text.
#[derive(Debug, Clone)]
pub struct Sentence {
    pub bytes: Range<usize>,
    pub section: usize,
    /// Index of the paragraph (line) in the whole text, to group sentences into items.
    pub paragraph: usize,
    /// Whether the paragraph starts with an enumerator (第一，一是，1.) or follows a sub-heading:
    /// such a paragraph opens a new item in a list of problems or measures.
    pub opens_item: bool,
}

/// A section of the whole text: its heading and the byte range of its body.
#[derive(Debug, Clone)]
pub struct Section {
    pub heading: String,
    pub role: SectionRole,
    pub body: Range<usize>,
    /// Table rows found in the body (plain text: cells separated by tabs or |).
    pub table_rows: Vec<Vec<String>>,
}

/// The level of a heading number at the start of `line`, if the line is a heading: it begins with
/// a heading number and has no sentence-ending punctuation.
pub fn heading_level(line: &str) -> Option<HeadingLevel> {
    let line = line.trim();
    if line.is_empty() || line.contains(ENDERS) {
        return None;
    }
    let chars: Vec<char> = line.chars().take(12).collect();
    let cn = |c: char| "一二三四五六七八九十百".contains(c);
    let n_cn = chars.iter().take_while(|c| cn(**c)).count();
    if n_cn > 0 && chars.get(n_cn) == Some(&'、') {
        return Some(0);
    }
    if matches!(chars.first(), Some('(' | '（')) {
        let n = chars[1..].iter().take_while(|c| cn(**c)).count();
        if n > 0 && matches!(chars.get(1 + n), Some(')' | '）')) {
            return Some(1);
        }
        let d = chars[1..].iter().take_while(|c| c.is_ascii_digit()).count();
        if d > 0 && matches!(chars.get(1 + d), Some(')' | '）')) {
            return Some(2);
        }
    }
    let d = chars.iter().take_while(|c| c.is_ascii_digit()).count();
    if d > 0 {
        match chars.get(d) {
            Some('、' | '．') => return Some(2),
            Some('.') => {
                let more = chars[d + 1..].iter().take_while(|c| c.is_ascii_digit()).count();
                return Some(if more > 0 { 3 } else { 2 });
            }
            _ => {}
        }
    }
    None
}

/// Whether a line is a table row: at least three cells separated by tabs or vertical bars.
pub fn table_cells(line: &str) -> Option<Vec<String>> {
    let sep = if line.contains('\t') {
        '\t'
    } else if line.matches('|').count() >= 2 {
        '|'
    } else {
        return None;
    };
    let trimmed = line.trim().trim_matches('|');
    let cells: Vec<String> = trimmed.split(sep).map(|c| c.trim().to_string()).collect();
    (cells.len() >= 3).then_some(cells)
}

/// Whether a paragraph starts with an enumerator of a list item: 第一，一是，首先，1. 1、 (1).
fn starts_with_enumerator(text: &str) -> bool {
    let t = text.trim_start();
    let mut chars = t.chars();
    let first = chars.next();
    let cn = |c: char| "一二三四五六七八九十".contains(c);
    match first {
        Some('第') => chars.next().is_some_and(cn),
        Some(c) if cn(c) => {
            let rest: String = chars.take(2).collect();
            rest.starts_with('是') || rest.starts_with('、') || rest.chars().next().is_some_and(cn)
        }
        Some('首') => t.starts_with("首先"),
        Some('(' | '（') => chars.next().is_some_and(|c| c.is_ascii_digit() || cn(c)),
        Some(c) if c.is_ascii_digit() => {
            let rest = t.trim_start_matches(|c: char| c.is_ascii_digit());
            rest.starts_with(['.', '、', '．'])
        }
        _ => false,
    }
}

/// `text` without its enumerator (一是，第一，（一）, 1.) and the punctuation after it: an entry of a
/// list as a title would read it.
pub fn strip_enumerator(text: &str) -> &str {
    let t = text.trim_start();
    if !starts_with_enumerator(t) {
        return t;
    }
    let cn = |c: char| "一二三四五六七八九十".contains(c);
    let rest = if let Some(r) = t.strip_prefix("首先") {
        r
    } else if let Some(r) = t.strip_prefix(['(', '（']) {
        r.trim_start_matches(|c: char| c.is_ascii_digit() || cn(c)).trim_start_matches([')', '）'])
    } else {
        let r = t.strip_prefix('第').unwrap_or(t);
        let r = r.trim_start_matches(|c: char| c.is_ascii_digit() || cn(c));
        r.strip_prefix('是').unwrap_or(r)
    };
    rest.trim_start_matches(['、', '，', ',', '.', '．', '：', ':', ' ', '\u{3000}'])
}

/// Sentences of one line (`line` starts at byte `base` of the whole text), trimmed of whitespace.
fn line_sentences(line: &str, base: usize, out: &mut Vec<Range<usize>>) {
    let mut start = 0;
    let mut iter = line.char_indices().peekable();
    while let Some((i, c)) = iter.next() {
        if ENDERS.contains(&c) {
            let mut end = i + c.len_utf8();
            while let Some(&(j, d)) = iter.peek() {
                if CLOSERS.contains(&d) {
                    end = j + d.len_utf8();
                    iter.next();
                } else {
                    break;
                }
            }
            push_trimmed(line, start..end, base, out);
            start = end;
        }
    }
    push_trimmed(line, start..line.len(), base, out);
}

fn push_trimmed(line: &str, r: Range<usize>, base: usize, out: &mut Vec<Range<usize>>) {
    let piece = &line[r.clone()];
    let lead = piece.len() - piece.trim_start().len();
    let trail = piece.len() - piece.trim_end().len();
    if lead + trail < piece.len() {
        out.push(base + r.start + lead..base + r.end - trail);
    }
}

/// The sentences of a section body, appended to `out`. `paragraph` counts lines across sections.
/// Headings inside the body (sub-headings) and table rows are skipped; a sub-heading makes the
/// next paragraph open a new item. Table rows are collected into `rows`.
pub fn body_sentences(
    whole: &str,
    body: Range<usize>,
    section: usize,
    paragraph: &mut usize,
    out: &mut Vec<Sentence>,
    rows: &mut Vec<Vec<String>>,
) {
    let mut after_heading = false;
    let mut ranges = Vec::new();
    for (offset, line) in line_spans(&whole[body.clone()]) {
        let trimmed = line.trim();
        if trimmed.is_empty() {
            continue;
        }
        if heading_level(trimmed).is_some() {
            after_heading = true;
            continue;
        }
        if let Some(cells) = table_cells(line) {
            rows.push(cells);
            continue;
        }
        *paragraph += 1;
        let opens_item = after_heading || starts_with_enumerator(trimmed);
        after_heading = false;
        ranges.clear();
        line_sentences(line, body.start + offset, &mut ranges);
        out.extend(ranges.drain(..).map(|bytes| Sentence {
            bytes,
            section,
            paragraph: *paragraph,
            opens_item,
        }));
    }
}

/// Lines of `text` with their byte offsets, without the line break (and without a trailing \r).
pub fn line_spans(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut offset = 0;
    text.split('\n').map(move |line| {
        let start = offset;
        offset += line.len() + 1;
        (start, line.strip_suffix('\r').unwrap_or(line))
    })
}

/// Sections of a plain text: a heading at the top level found in the text starts a section; its
/// role comes from the heading's words. Text before the first heading is a section with no heading.
pub fn plain_sections(text: &str) -> Vec<Section> {
    let headings: Vec<(usize, usize, HeadingLevel, &str)> = line_spans(text)
        .filter_map(|(offset, line)| {
            heading_level(line).map(|level| (offset, offset + line.len(), level, line.trim()))
        })
        .collect();
    let Some(top) = headings.iter().map(|h| h.2).min() else {
        return vec![Section {
            heading: String::new(),
            role: SectionRole::Other,
            body: 0..text.len(),
            table_rows: Vec::new(),
        }];
    };
    let mut sections = Vec::new();
    let mut start = 0;
    let mut heading = String::new();
    for (line_start, line_end, _, text_of_heading) in headings.iter().filter(|h| h.2 == top) {
        if *line_start > 0 || !heading.is_empty() {
            sections.push(Section {
                role: SectionRole::from_heading(&heading),
                heading: std::mem::take(&mut heading),
                body: start..*line_start,
                table_rows: Vec::new(),
            });
        }
        heading = text_of_heading.to_string();
        start = (*line_end + 1).min(text.len());
    }
    sections.push(Section {
        role: SectionRole::from_heading(&heading),
        heading,
        body: start..text.len(),
        table_rows: Vec::new(),
    });
    // A preamble of only blank lines is not a section.
    if sections.len() > 1
        && sections[0].heading.is_empty()
        && text[sections[0].body.clone()].trim().is_empty()
    {
        sections.remove(0);
    }
    sections
}

/// Maps byte offsets of one text to UTF-16 code units (what JavaScript and CodeMirror count).
pub struct Utf16Map {
    /// `units[b]` is the UTF-16 offset of byte `b`, valid at char boundaries.
    units: Vec<u32>,
}

impl Utf16Map {
    pub fn new(text: &str) -> Utf16Map {
        let mut units = vec![0u32; text.len() + 1];
        let mut u = 0u32;
        for (b, c) in text.char_indices() {
            units[b] = u;
            u += c.len_utf16() as u32;
        }
        units[text.len()] = u;
        Utf16Map { units }
    }

    pub fn at(&self, byte: usize) -> usize {
        self.units[byte] as usize
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(text: &str) -> Vec<String> {
        let mut out = Vec::new();
        let mut rows = Vec::new();
        body_sentences(text, 0..text.len(), 0, &mut 0, &mut out, &mut rows);
        out.iter().map(|s| text[s.bytes.clone()].to_string()).collect()
    }

    #[test]
    fn splits_at_enders_and_keeps_closing_quotes() {
        assert_eq!(
            texts("他说：“好。”然后走了！真的？是;不是\n第二行"),
            ["他说：“好。”", "然后走了！", "真的？", "是;", "不是", "第二行"]
        );
    }

    #[test]
    fn headings_are_not_sentences() {
        assert_eq!(heading_level("一、项目基本情况回顾"), Some(0));
        assert_eq!(heading_level("（一）前期准备阶段"), Some(1));
        assert_eq!(heading_level("(二)中期推进阶段"), Some(1));
        assert_eq!(heading_level("1. 总体目标"), Some(2));
        assert_eq!(heading_level("1.1 指标"), Some(3));
        assert_eq!(heading_level("一、项目组完成了调研。"), None);
        assert_eq!(heading_level("一是加强沟通协调"), None);
        assert_eq!(heading_level("2023年完成10项任务"), None);
        assert_eq!(
            texts("一、回顾\n本次项目完成了调研。\n(一)准备\n召开会议"),
            ["本次项目完成了调研。", "召开会议"]
        );
    }

    #[test]
    fn plain_sections_follow_top_level_headings() {
        let text = "前言一句。\n一、基本情况\n情况。\n（一）小节\n内容。\n二、存在问题与原因分析\n问题。";
        let s = plain_sections(text);
        assert_eq!(s.len(), 3);
        assert_eq!(s[0].heading, "");
        assert_eq!(s[1].heading, "一、基本情况");
        assert_eq!(s[1].role, SectionRole::Background);
        assert_eq!(&text[s[1].body.clone()], "情况。\n（一）小节\n内容。\n");
        assert_eq!(s[2].role, SectionRole::Problems);
    }

    #[test]
    fn utf16_counts_astral_characters_twice() {
        let text = "𠮷a。";
        let map = Utf16Map::new(text);
        assert_eq!(map.at(4), 2);
        assert_eq!(map.at(text.len()), 4);
    }

    #[test]
    fn enumerators_open_items() {
        assert!(starts_with_enumerator("第一，个别阶段进度安排偏紧。"));
        assert!(starts_with_enumerator("二是注重过程记录。"));
        assert!(starts_with_enumerator("1. 数据"));
        assert!(!starts_with_enumerator("一方面"));
    }

    #[test]
    fn enumerators_are_stripped_for_titles() {
        assert_eq!(strip_enumerator("一是跨部门协调不畅。"), "跨部门协调不畅。");
        assert_eq!(strip_enumerator("第二，一些单位反馈滞后。"), "一些单位反馈滞后。");
        assert_eq!(strip_enumerator("（三）数据共享"), "数据共享");
        assert_eq!(strip_enumerator("12. 台账不全"), "台账不全");
        assert_eq!(strip_enumerator("三、三项制度未落实"), "三项制度未落实");
        assert_eq!(strip_enumerator("一方面要加强"), "一方面要加强");
    }
}

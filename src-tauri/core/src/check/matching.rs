//! 问题—原因—措施: every problem of the problems section needs a cause and a measure in the
//! improvements section that shares a key term with it. Terms come from jieba's segmentation.

use std::collections::HashSet;

use super::problem::is_cause;
use super::report::SectionRole;
use super::sentences::{Section, Sentence};
use crate::text::jieba;

/// Words too general to tie a problem to a measure.
const STOP_TERMS: &[&str] = &[
    "问题",
    "不足",
    "存在",
    "工作",
    "项目",
    "进行",
    "部分",
    "方面",
    "情况",
    "一定",
    "相关",
    "出现",
    "导致",
    "原因",
    "加强",
    "提升",
    "提高",
    "推进",
    "完善",
    "优化",
    "建立",
    "形成",
    "通过",
    "实施",
    "实际",
    "过程",
    "阶段",
    "后续",
    "不够",
    "需要",
    "影响",
    "开展",
    "个别",
    "有待",
    "明显",
    "程度",
    "做好",
    "确保",
    "及时",
    "认真",
    "整体",
    "主要",
    "重要",
    "造成",
    "由于",
    "产生",
    "能够",
    "可以",
    "进一步",
    "增加",
    "减少",
    "提供",
    "方式",
    "措施",
    "机制",
    "环节",
    "能力",
    "水平",
    "效果",
    "成效",
    "目标",
    "具体",
    "有效",
    "反映",
    "暴露",
    "缺少",
    "缺乏",
    "较大",
    "不高",
    "全面",
    "系统",
    "持续",
    "日常",
    "意见",
    "建议",
    "改进",
    "重点",
    "关键",
    "要求",
    "内容",
    "发展",
    "管理",
    "人员",
    "成员",
    "方面",
    "采取",
    "加以",
    "不断",
    "落实",
    "推动",
    "强化",
    "增强",
    "做到",
    "一是",
    "二是",
    "三是",
    "四是",
    "五是",
    "第一",
    "第二",
    "第三",
    "第四",
    "第五",
    "上述",
    "针对",
    "以下",
    "提出",
    "改善",
    "解决",
    "现象",
    "根源",
    "在于",
    "这一",
    "不能",
    "没有",
    "存在问题",
];

/// The key terms of a text: nouns, verbs, adjectives and idioms of two characters or more.
pub fn key_terms(text: &str) -> Vec<String> {
    let mut seen = HashSet::new();
    jieba()
        .tag(text, true)
        .into_iter()
        .filter(|t| t.tag.starts_with(['n', 'v', 'a', 'l', 'i', 'j']) && t.word.chars().count() >= 2)
        .filter(|t| !STOP_TERMS.contains(&t.word))
        .filter(|t| seen.insert(t.word))
        .map(|t| t.word.to_string())
        .collect()
}

/// Sentences grouped into items of a list (一个问题, 一条措施): an item starts at a paragraph that
/// opens with an enumerator or follows a sub-heading; a paragraph that does not joins the item
/// before it. Without enumerators each paragraph is an item. Paragraphs before the first
/// enumerated one introduce the list and are left out.
pub fn items(sentences: &[Sentence], section: usize) -> Vec<Vec<usize>> {
    let in_section: Vec<usize> = (0..sentences.len()).filter(|&i| sentences[i].section == section).collect();
    let enumerated = in_section.iter().any(|&i| sentences[i].opens_item);
    let mut out: Vec<Vec<usize>> = Vec::new();
    let mut last_paragraph = None;
    for i in in_section {
        let s = &sentences[i];
        let new_paragraph = last_paragraph != Some(s.paragraph);
        last_paragraph = Some(s.paragraph);
        if new_paragraph && (!enumerated || s.opens_item) {
            out.push(Vec::new());
        }
        if let Some(item) = out.last_mut() {
            item.push(i);
        }
    }
    out
}

/// A problem with what was found for it (sentence indices).
pub struct Link {
    pub problem: usize,
    pub cause: Option<usize>,
    pub measure: Option<usize>,
    pub shared_terms: Vec<String>,
}

/// Links each problem item of the problems sections to a cause and a measure.
pub fn link_problems(
    whole: &str,
    sections: &[Section],
    sentences: &[Sentence],
    problem: &[bool],
) -> Vec<Link> {
    let text = |i: usize| &whole[sentences[i].bytes.clone()];
    let sections_of = |role: SectionRole| -> Vec<usize> {
        (0..sections.len()).filter(|&s| sections[s].role == role).collect()
    };
    let problem_sections = sections_of(SectionRole::Problems);
    if problem_sections.is_empty() {
        return Vec::new();
    }
    let mut measure_sections = sections_of(SectionRole::Improvements);
    if measure_sections.is_empty() {
        measure_sections = sections_of(SectionRole::Plan);
    }
    let item_terms = |item: &[usize]| -> Vec<String> {
        let joined: String = item.iter().map(|&i| text(i)).collect();
        key_terms(&joined)
    };
    // Every item (a sentence group) of these sections, with its key terms.
    let pool = |section_ids: &[usize]| -> Vec<(Vec<usize>, Vec<String>)> {
        section_ids
            .iter()
            .flat_map(|&s| items(sentences, s))
            .map(|item| {
                let terms = item_terms(&item);
                (item, terms)
            })
            .collect()
    };
    let measures = pool(&measure_sections);
    let causes = pool(&sections_of(SectionRole::Causes));
    let best = |terms: &[String], pool: &[(Vec<usize>, Vec<String>)]| -> Option<(usize, Vec<String>)> {
        pool.iter()
            .map(|(item, other)| {
                let shared: Vec<String> = terms.iter().filter(|t| other.contains(t)).cloned().collect();
                (item[0], shared)
            })
            .filter(|(_, shared)| !shared.is_empty())
            .max_by_key(|(first, shared)| (shared.len(), usize::MAX - first))
    };

    let mut links = Vec::new();
    for item in problem_sections.iter().flat_map(|&s| items(sentences, s)) {
        // A sentence that ends with a colon introduces the list that follows.
        let Some(&first) = item.iter().find(|&&i| problem[i] && !text(i).trim_end().ends_with([':', '：']))
        else {
            continue;
        };
        let terms = item_terms(&item);
        let cause = item
            .iter()
            .copied()
            .find(|&i| is_cause(text(i)))
            .or_else(|| best(&terms, &causes).map(|(i, _)| i));
        let (measure, shared_terms) = match best(&terms, &measures) {
            Some((i, shared)) => (Some(i), shared.into_iter().take(5).collect()),
            None => (None, Vec::new()),
        };
        links.push(Link { problem: first, cause, measure, shared_terms });
    }
    links
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn key_terms_skip_general_words() {
        let terms = key_terms("跨部门协调难度偏大，资源统筹上出现协调不及时的现象。");
        assert!(terms.iter().any(|t| t == "协调"), "{terms:?}");
        assert!(!terms.iter().any(|t| t == "现象" || t == "出现"), "{terms:?}");
    }
}

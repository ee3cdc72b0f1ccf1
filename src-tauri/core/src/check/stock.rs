//! 套话: stock phrases from the editable list, and an intensifier directly before a verb
//! (进一步加强, 不断提升). A sentence is a stock sentence when it has one and no quantitative fact.

use std::ops::Range;

use super::config::StockPhrases;

/// The first stock phrase in `sentence`, as a byte range within it.
pub fn find_stock(sentence: &str, list: &StockPhrases) -> Option<Range<usize>> {
    let fixed = list
        .phrases
        .iter()
        .filter(|p| !p.is_empty())
        .filter_map(|p| sentence.find(p.as_str()).map(|at| at..at + p.len()));
    let pattern = list.intensifiers.iter().filter(|i| !i.is_empty()).flat_map(|int| {
        sentence.match_indices(int.as_str()).filter_map(move |(at, _)| {
            let after = &sentence[at + int.len()..];
            list.verbs
                .iter()
                .find(|v| !v.is_empty() && after.starts_with(v.as_str()))
                .map(|v| at..at + int.len() + v.len())
        })
    });
    // The earliest match, and the longest at that place.
    fixed.chain(pattern).min_by_key(|r| (r.start, usize::MAX - r.end))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(s: &str) -> Option<&str> {
        find_stock(s, &StockPhrases::default()).map(|r| &s[r])
    }

    #[test]
    fn phrases_and_the_intensifier_verb_pattern() {
        assert_eq!(found("领导高度重视此项工作。"), Some("高度重视"));
        assert_eq!(found("各项工作稳步推进。"), Some("稳步推进"));
        assert_eq!(found("要进一步加强沟通。"), Some("进一步加强"));
        assert_eq!(found("服务水平不断提升。"), Some("不断提升"));
        assert_eq!(found("持续深化改革，切实落实责任。"), Some("持续深化"));
        assert_eq!(found("为后续工作开展打下了良好基础。"), Some("打下了良好基础"));
        assert_eq!(found("取得了显著成效。"), Some("取得了显著成效"));
        assert_eq!(found("项目组召开了启动会。"), None);
        // An intensifier before another word is no stock phrase.
        assert_eq!(found("全面了解现有工作流程。"), None);
    }

    #[test]
    fn the_list_is_data() {
        let list = StockPhrases { phrases: vec!["再创佳绩".into()], intensifiers: vec![], verbs: vec![] };
        assert_eq!(find_stock("力争再创佳绩。", &list), Some(6..18));
        assert_eq!(find_stock("领导高度重视。", &list), None);
    }
}

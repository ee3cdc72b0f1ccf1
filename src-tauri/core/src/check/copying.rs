//! 照搬照抄: sentences whose character n-grams are largely found in the template's guidance or in
//! earlier summaries. Punctuation and spaces are ignored, so re-punctuating does not hide a copy.

use std::collections::HashSet;
use std::hash::{BuildHasherDefault, Hasher};

/// Length of the character n-grams compared.
pub const NGRAM: usize = 6;
/// Sentences with fewer comparable characters are too short to call copies.
pub const MIN_CHARS: usize = 10;

/// The n-gram keys are already mixed, so the set hashes them as they are.
#[derive(Default)]
struct KeyHasher(u64);

impl Hasher for KeyHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 = (self.0 << 8) | u64::from(*b);
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

type KeySet = HashSet<u64, BuildHasherDefault<KeyHasher>>;

/// The n-grams of every copy source, built once per context.
#[derive(Default)]
pub struct CopyIndex {
    sources: Vec<KeySet>,
}

// The sets are large: show their sizes only.
impl std::fmt::Debug for CopyIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list().entries(self.sources.iter().map(HashSet::len)).finish()
    }
}

fn comparable(text: &str) -> Vec<char> {
    text.chars().filter(|c| c.is_alphanumeric()).collect()
}

fn keys(chars: &[char]) -> impl Iterator<Item = u64> + '_ {
    chars.windows(NGRAM).map(|w| {
        let mut h: u64 = 0xcbf2_9ce4_8422_2325;
        for c in w {
            h = (h ^ u64::from(*c as u32)).wrapping_mul(0x0100_0000_01b3);
        }
        // A final mix so that the set's buckets spread.
        h ^ (h >> 29)
    })
}

impl CopyIndex {
    /// Indexes the source texts; [`CopyIndex::best_match`] answers with positions in this order.
    pub fn new<'a>(texts: impl IntoIterator<Item = &'a str>) -> CopyIndex {
        let sources = texts.into_iter().map(|text| keys(&comparable(text)).collect()).collect();
        CopyIndex { sources }
    }

    /// The source sharing the largest share of the sentence's n-grams, with that share, if the
    /// sentence is long enough to judge.
    pub fn best_match(&self, sentence: &str) -> Option<(usize, f64)> {
        if self.sources.is_empty() {
            return None;
        }
        let chars = comparable(sentence);
        if chars.len() < MIN_CHARS {
            return None;
        }
        let grams: Vec<u64> = keys(&chars).collect();
        self.sources
            .iter()
            .enumerate()
            .map(|(i, set)| {
                let hits = grams.iter().filter(|g| set.contains(g)).count();
                (i, hits as f64 / grams.len() as f64)
            })
            .max_by(|a, b| a.1.total_cmp(&b.1))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn near_copies_score_high_and_own_words_low() {
        let index = CopyIndex::new([
            "简要回顾项目的背景、目标和总体进展情况，说明项目的重要意义。",
            "逐项列出目标值、实际完成值和差距。",
        ]);
        let (i, share) = index.best_match("简要回顾项目的背景，目标和总体进展情况。").expect("judged");
        assert_eq!(i, 0);
        assert!(share > 0.9, "{share}");
        let (_, share) = index.best_match("今年全市新建社区食堂12个，服务老人3万人次。").expect("judged");
        assert!(share < 0.1, "{share}");
        assert_eq!(index.best_match("好的。"), None);
    }
}

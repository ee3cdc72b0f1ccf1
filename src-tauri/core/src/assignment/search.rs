//! Text search over number, title and content.
//!
//! FTS5's trigram tokenizer only matches queries of three or more characters, and two-character
//! words are the commonest Chinese queries (供暖, 拆迁, 欠薪). So we index character bigrams
//! ourselves (see migration 0003): the text is normalised to letters and digits in lower case, cut
//! into overlapping pairs and stored space-separated, one token per pair. A query of two or more
//! characters becomes the FTS5 phrase of its pairs, which matches exactly the items containing it
//! (after the same normalisation). A one-character query falls back to LIKE.

use rusqlite::{params, Connection};

/// Letters and digits only, lower case: punctuation such as 〔〕 and spaces do not break a match.
pub fn normalise(text: &str) -> Vec<char> {
    text.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect()
}

/// The space-separated bigrams of a normalised text (a single character stands alone).
pub fn grams(chars: &[char]) -> String {
    if chars.len() < 2 {
        return chars.iter().collect();
    }
    let mut out = String::with_capacity(chars.len() * 7);
    for pair in chars.windows(2) {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push(pair[0]);
        out.push(pair[1]);
    }
    out
}

/// The indexed text of an item.
pub fn index_text(number: &str, title: &str, content: &str) -> String {
    // A separator that normalisation drops would join the fields; a space-separated join of the
    // three gram strings keeps pairs from crossing fields.
    [number, title, content].iter().map(|t| grams(&normalise(t))).collect::<Vec<_>>().join(" ")
}

pub fn index(conn: &Connection, id: i64, number: &str, title: &str, content: &str) -> crate::Result<()> {
    crate::db::execute(
        conn,
        "INSERT INTO assignment_fts (rowid, grams) VALUES (?1, ?2)",
        params![id, index_text(number, title, content)],
    )?;
    Ok(())
}

/// How a query is matched.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Matcher {
    /// An FTS5 MATCH expression (a quoted phrase of bigrams).
    Fts(String),
    /// A LIKE pattern for one-character queries.
    Like(String),
    /// Nothing searchable (only punctuation): matches everything.
    All,
}

pub fn matcher(query: &str) -> Matcher {
    let chars = normalise(query);
    match chars.len() {
        0 => Matcher::All,
        1 => Matcher::Like(format!("%{}%", chars[0])),
        _ => Matcher::Fts(format!("\"{}\"", grams(&chars))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn assignment_search_grams_and_matchers() {
        assert_eq!(grams(&normalise("供暖 问题")), "供暖 暖问 问题");
        assert_eq!(matcher("供暖"), Matcher::Fts("\"供暖\"".into()));
        assert_eq!(matcher("〔2026〕15"), Matcher::Fts("\"20 02 26 61 15\"".into()));
        assert_eq!(matcher("暖"), Matcher::Like("%暖%".into()));
        assert_eq!(matcher("，"), Matcher::All);
    }
}

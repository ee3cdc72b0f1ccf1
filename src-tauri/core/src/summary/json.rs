//! Reading JSON files people bring from another PC (templates, summaries): every error names the
//! JSON path of the bad field and says what is wrong in Chinese, as [`crate::json`] words it, after
//! the file's name ("模板文件有误：…").

use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::{json, Error, Result};

/// Parses `text` as JSON, then as `T`; a syntax error names line and column.
pub fn parse<T: DeserializeOwned>(text: &str, what: &str) -> Result<T> {
    let value = json::parse_value(text).map_err(|e| Error::invalid("", format!("{what}{}", e.message)))?;
    read(value, what)
}

/// Deserializes `value`, with a Chinese message at the full JSON path.
pub fn read<T: DeserializeOwned>(value: Value, what: &str) -> Result<T> {
    json::from_value(value, "").map_err(|e| at(&e.path, what, &e.message))
}

/// An error at `path` of a `what` file.
pub fn at(path: &str, what: &str, message: &str) -> Error {
    if path.is_empty() {
        Error::invalid("", format!("{what}有误：{message}"))
    } else {
        Error::invalid(path, format!("{what}有误：{path}：{message}"))
    }
}

#[cfg(test)]
mod tests {
    use serde::Deserialize;

    use super::*;

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Doc {
        name: String,
        rows: Vec<Row>,
    }

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Row {
        text: String,
    }

    fn err(text: &str) -> (Option<String>, String) {
        let e = parse::<Doc>(text, "模板文件").expect_err("bad");
        (e.field(), e.to_string())
    }

    #[test]
    fn errors_name_the_json_path() {
        let (field, message) = err(r#"{"name": "甲", "rows": [{"text": "a"}, {"text": 3}]}"#);
        assert_eq!(field.as_deref(), Some("rows[1].text"));
        assert!(message.contains("应为字符串"), "{message}");
        assert_eq!(err(r#"{"rows": []}"#).0.as_deref(), Some("name"));
        assert_eq!(err(r#"{"name": "甲", "rows": [{"txt": "a"}]}"#).0.as_deref(), Some("rows[0].txt"));
        let (field, message) = err("{\"name\": ");
        assert_eq!(field.as_deref(), Some(""));
        assert!(message.contains("不是有效的 JSON"), "{message}");
    }
}

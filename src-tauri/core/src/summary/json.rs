//! Reading JSON files people bring from another PC (templates, summaries): every error names the
//! JSON path of the bad field and says what is wrong in Chinese.

use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::{Error, Result};

/// Parses `text` as JSON, then as `T`; a syntax error names line and column.
pub fn parse<T: DeserializeOwned>(text: &str, what: &str) -> Result<T> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let value: Value = serde_json::from_str(text).map_err(|e| {
        Error::invalid("", format!("{what}不是有效的 JSON（第 {} 行第 {} 列）", e.line(), e.column()))
    })?;
    read(value, what)
}

/// Deserializes `value`, turning serde's error into a Chinese message at the full JSON path.
pub fn read<T: DeserializeOwned>(value: Value, what: &str) -> Result<T> {
    serde_path_to_error::deserialize(value).map_err(|e| {
        let mut path = match e.path().to_string().as_str() {
            "." => String::new(),
            p => p.to_string(),
        };
        let raw = e.into_inner().to_string();
        let message = chinese(&raw, &mut path);
        at(&path, what, &message)
    })
}

/// An error at `path` of a `what` file.
pub fn at(path: &str, what: &str, message: &str) -> Error {
    if path.is_empty() {
        Error::invalid("", format!("{what}有误：{message}"))
    } else {
        Error::invalid(path, format!("{what}有误：{path}：{message}"))
    }
}

/// Serde's English messages, said in Chinese; a missing or unknown field moves the path onto it.
fn chinese(raw: &str, path: &mut String) -> String {
    let quoted = || raw.split('`').nth(1).unwrap_or_default().to_string();
    let join = |path: &mut String, field: &str| {
        if path.is_empty() {
            *path = field.to_string();
        } else if !path.ends_with(field) {
            *path = format!("{path}.{field}");
        }
    };
    if raw.starts_with("missing field") {
        join(path, &quoted());
        "缺少必填字段".to_string()
    } else if raw.starts_with("unknown field") {
        join(path, &quoted());
        "不认识的字段（请检查拼写）".to_string()
    } else if raw.starts_with("unknown variant") {
        format!("取值“{}”无效", quoted())
    } else if raw.starts_with("invalid type") || raw.starts_with("invalid value") {
        let expected = raw.split(", expected ").nth(1).unwrap_or_default();
        let want = match expected {
            e if e.contains("u32") || e.contains("i64") || e.contains("integer") || e.contains("f64") => {
                "数字"
            }
            e if e.contains("string") => "字符串",
            e if e.contains("sequence") => "数组",
            e if e.contains("struct") || e.contains("map") => "对象",
            e if e.contains("bool") => "true 或 false",
            _ => "其他类型",
        };
        format!("类型不对，应为{want}")
    } else {
        format!("取值无效（{raw}）")
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

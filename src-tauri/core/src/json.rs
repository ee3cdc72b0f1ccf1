//! Reading JSON that people write or bring from another PC (print models, templates, summaries):
//! every error names the JSON path of the bad field and says in Chinese what is wrong. Each area
//! wraps a [`JsonError`] in its own error, with its own words for the file ("模板文件有误：…").

use serde::de::DeserializeOwned;
use serde_json::Value;

/// What kind of mistake a [`JsonError`] reports, for callers that word some cases themselves.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum JsonErrorKind {
    /// Not JSON at all: the message names line and column.
    Syntax,
    /// A required field is absent; the path ends with it.
    MissingField,
    /// A field the type does not have; the path ends with it.
    UnknownField,
    /// A string that is none of the allowed values.
    UnknownVariant,
    /// A value of the wrong JSON type (a string where a number belongs …).
    WrongType,
    /// Any other value the type refuses (a malformed date …).
    Invalid,
}

/// A JSON text or value that does not fit its type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JsonError {
    /// The JSON path of the bad field, e.g. `blocks[2].columns[0].width_mm`; empty for the whole text.
    pub path: String,
    /// What is wrong, in Chinese, without the path.
    pub message: String,
    pub kind: JsonErrorKind,
}

/// How deep objects and arrays may nest in a file people bring: ours need 6 at most, and a deeply
/// nested one is an attack on the parser's stack, not a document.
pub const MAX_DEPTH: usize = 16;

/// Refuses nesting deeper than [`MAX_DEPTH`], before any parser sees the text.
pub fn check_depth(text: &str) -> Result<(), JsonError> {
    let (mut depth, mut in_string, mut escaped) = (0usize, false, false);
    for b in text.bytes() {
        if in_string {
            match b {
                _ if escaped => escaped = false,
                b'\\' => escaped = true,
                b'"' => in_string = false,
                _ => {}
            }
            continue;
        }
        match b {
            b'"' => in_string = true,
            b'[' | b'{' => {
                depth += 1;
                if depth > MAX_DEPTH {
                    return Err(JsonError {
                        path: String::new(),
                        message: format!("嵌套超过 {MAX_DEPTH} 层，不是落实能读取的文件"),
                        kind: JsonErrorKind::Syntax,
                    });
                }
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    Ok(())
}

/// Parses `text` (a leading byte-order mark, as Windows Notepad writes, is skipped) as JSON.
pub fn parse_value(text: &str) -> Result<Value, JsonError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    check_depth(text)?;
    serde_json::from_str(text).map_err(|e| JsonError {
        path: String::new(),
        message: format!("不是有效的 JSON（第 {} 行第 {} 列）", e.line(), e.column()),
        kind: JsonErrorKind::Syntax,
    })
}

/// Parses `text` as JSON, then as `T`.
pub fn parse<T: DeserializeOwned>(text: &str) -> Result<T, JsonError> {
    from_value(parse_value(text)?, "")
}

/// Deserializes `value`, found at `prefix` of a larger document (empty for the whole), so that
/// the error's path is the full path from the document's root.
pub fn from_value<T: DeserializeOwned>(value: Value, prefix: &str) -> Result<T, JsonError> {
    serde_path_to_error::deserialize(value).map_err(|e| {
        let inner = e.path().to_string();
        let mut path = match (prefix.is_empty(), inner.as_str()) {
            // serde_path_to_error writes the root as ".".
            (_, ".") => prefix.to_string(),
            (true, _) => inner,
            (false, _) if inner.starts_with('[') => format!("{prefix}{inner}"),
            (false, _) => format!("{prefix}.{inner}"),
        };
        let (kind, message) = translate(&e.into_inner().to_string(), &mut path);
        JsonError { path, message, kind }
    })
}

/// Serde's English message, said in Chinese. A missing field is not part of serde_path_to_error's
/// path, so it is added; an unknown one already ends the path.
fn translate(raw: &str, path: &mut String) -> (JsonErrorKind, String) {
    let quoted = || raw.split('`').nth(1).unwrap_or_default().to_string();
    let append = |path: &mut String, field: &str| {
        if path.is_empty() {
            *path = field.to_string();
        } else {
            *path = format!("{path}.{field}");
        }
    };
    if raw.starts_with("missing field") {
        append(path, &quoted());
        (JsonErrorKind::MissingField, "缺少必填字段".to_string())
    } else if raw.starts_with("unknown field") {
        let field = quoted();
        if *path != field && !path.ends_with(&format!(".{field}")) {
            append(path, &field);
        }
        (JsonErrorKind::UnknownField, "不认识的字段（请检查拼写）".to_string())
    } else if raw.starts_with("unknown variant") {
        (JsonErrorKind::UnknownVariant, format!("取值“{}”无效", quoted()))
    } else if raw.starts_with("invalid type") || raw.starts_with("invalid value") {
        let expected = raw.split(", expected ").nth(1).unwrap_or_default();
        (JsonErrorKind::WrongType, format!("类型不对，应为{}", expected_in_chinese(expected)))
    } else if raw.contains("premature end of input") || raw.contains("input contains invalid characters") {
        // chrono's words for a date string it cannot read.
        (JsonErrorKind::Invalid, "日期应写成 2026-11-23 的形式".to_string())
    } else {
        (JsonErrorKind::Invalid, format!("取值无效（{raw}）"))
    }
}

/// The JSON type serde's "expected …" describes.
fn expected_in_chinese(expected: &str) -> &'static str {
    const NUMBERS: &[&str] =
        &["u8", "u16", "u32", "u64", "usize", "i8", "i16", "i32", "i64", "isize", "f32", "f64", "integer"];
    match expected {
        e if NUMBERS.iter().any(|n| e.contains(n)) => "数字",
        e if e.contains("string") => "字符串",
        e if e.contains("sequence") => "数组",
        e if e.contains("struct") || e.contains("map") => "对象",
        e if e.contains("bool") => "true 或 false",
        e if e.contains("date") => "日期，如 2026-11-23",
        _ => "其他类型",
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
        #[serde(default)]
        kind: Option<Kind>,
    }

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Row {
        text: String,
        #[serde(default)]
        width: Option<f32>,
        #[serde(default)]
        level: Option<u8>,
        #[serde(default)]
        bold: Option<bool>,
        #[serde(default)]
        date: Option<chrono::NaiveDate>,
    }

    #[derive(Debug, Deserialize)]
    #[serde(rename_all = "snake_case")]
    enum Kind {
        Phase,
    }

    fn err(text: &str) -> JsonError {
        parse::<Doc>(text).expect_err(text)
    }

    #[test]
    fn syntax_errors_name_line_and_column_and_a_bom_is_skipped() {
        let e = err("{\"name\": \n");
        assert_eq!((e.path.as_str(), e.kind), ("", JsonErrorKind::Syntax));
        assert!(e.message.starts_with("不是有效的 JSON（第 2 行"), "{}", e.message);
        assert!(parse::<Doc>("\u{feff}{\"name\": \"甲\", \"rows\": []}").is_ok());
    }

    #[test]
    fn missing_and_unknown_fields_end_the_path() {
        let e = err(r#"{"rows": []}"#);
        assert_eq!(
            (e.path.as_str(), e.kind, e.message.as_str()),
            ("name", JsonErrorKind::MissingField, "缺少必填字段")
        );
        assert_eq!(err(r#"{"name": "甲", "rows": [{}]}"#).path, "rows[0].text");
        let e = err(r#"{"name": "甲", "rows": [{"txt": "a"}]}"#);
        assert_eq!((e.path.as_str(), e.kind), ("rows[0].txt", JsonErrorKind::UnknownField));
        assert_eq!(e.message, "不认识的字段（请检查拼写）");
        assert_eq!(err(r#"{"name": "甲", "rows": [], "nam": 1}"#).path, "nam");
    }

    #[test]
    fn wrong_types_say_what_belongs_there() {
        let cases = [
            (r#"[{"text": 3}]"#, "rows[0].text", "类型不对，应为字符串"),
            (r#"[{"text": "a", "width": "三十"}]"#, "rows[0].width", "类型不对，应为数字"),
            (r#"[{"text": "a", "level": 300}]"#, "rows[0].level", "类型不对，应为数字"),
            (r#"[{"text": "a", "bold": 1}]"#, "rows[0].bold", "类型不对，应为true 或 false"),
            (r#"["a"]"#, "rows[0]", "类型不对，应为对象"),
            (r#"{"text": "a"}"#, "rows", "类型不对，应为数组"),
        ];
        for (rows, path, message) in cases {
            let e = err(&format!(r#"{{"name": "甲", "rows": {rows}}}"#));
            assert_eq!(
                (e.path.as_str(), e.message.as_str(), e.kind),
                (path, message, JsonErrorKind::WrongType)
            );
        }
    }

    #[test]
    fn bad_values_and_dates() {
        let e = err(r#"{"name": "甲", "rows": [], "kind": "annual"}"#);
        assert_eq!((e.path.as_str(), e.message.as_str()), ("kind", "取值“annual”无效"));
        assert_eq!(e.kind, JsonErrorKind::UnknownVariant);
        let e = err(r#"{"name": "甲", "rows": [{"text": "a", "date": "2026-11"}]}"#);
        assert_eq!((e.path.as_str(), e.message.as_str()), ("rows[0].date", "日期应写成 2026-11-23 的形式"));
    }

    #[test]
    fn deep_nesting_is_refused_before_parsing_and_brackets_in_strings_do_not_count() {
        let deep = format!("{}{}", "[".repeat(MAX_DEPTH + 1), "]".repeat(MAX_DEPTH + 1));
        let e = parse_value(&deep).expect_err("too deep");
        assert!(e.message.contains("嵌套超过 16 层"), "{}", e.message);
        let just = format!("{}{}", "[".repeat(MAX_DEPTH), "]".repeat(MAX_DEPTH));
        assert!(parse_value(&just).is_ok());
        let quoted = format!(r#"{{"a": "{}\" [[", "b": []}}"#, "[".repeat(40));
        assert!(parse_value(&quoted).is_ok(), "{quoted}");
    }

    #[test]
    fn a_prefix_makes_the_path_whole() {
        let value: Value = serde_json::json!({"text": 3});
        let e = from_value::<Row>(value.clone(), "blocks[2]").expect_err("bad");
        assert_eq!(e.path, "blocks[2].text");
        let e = from_value::<Vec<Row>>(serde_json::json!([value]), "blocks").expect_err("bad");
        assert_eq!(e.path, "blocks[0].text");
        let e = from_value::<Row>(serde_json::json!({}), "blocks[2]").expect_err("bad");
        assert_eq!(e.path, "blocks[2].text");
        let e = from_value::<Row>(serde_json::json!(1), "blocks[2]").expect_err("bad");
        assert_eq!(e.path, "blocks[2]");
    }
}

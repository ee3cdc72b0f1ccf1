//! Checks of what people type into the directory's forms: phone numbers. Names and notes are
//! cleaned by `crate::text`.

use crate::{Error, Result};

/// Accepts a mainland mobile number (11 digits, 1[3-9]…), a landline with or without area code and
/// extension (010-12345678, 0571 8888 6666, 66668888 转 123), or either with +86. Returns the number
/// with spaces folded to hyphens, or a Chinese message at `phone`.
pub fn normalize_phone(value: &str) -> Result<Option<String>> {
    let trimmed = value.trim();
    if trimmed.is_empty() {
        return Ok(None);
    }
    let bad = || {
        Error::invalid(
            "phone",
            format!("“{trimmed}”不是有效的电话号码，请填写手机号（11 位）或座机号（如 010-12345678）"),
        )
    };
    let unified: String = trimmed
        .replace(['（', '('], "")
        .replace(['）', ')'], "-")
        .replace(['－', '—', ' '], "-")
        .replace("转", "-");
    let body = unified.strip_prefix("+86").map(|s| s.trim_start_matches('-')).unwrap_or(&unified);
    if !body.chars().all(|c| c.is_ascii_digit() || c == '-') {
        return Err(bad());
    }
    let groups: Vec<&str> = body.split('-').filter(|g| !g.is_empty()).collect();
    let digits: String = groups.concat();
    if digits.len() == 11 && digits.starts_with('1') {
        // A mobile number is kept as its 11 digits, however it was grouped.
        return if matches!(digits.as_bytes()[1], b'3'..=b'9') { Ok(Some(digits)) } else { Err(bad()) };
    }
    if landline(&groups) {
        Ok(Some(groups.join("-")))
    } else {
        Err(bad())
    }
}

/// [area code 0xx(x)] local number of 7–8 digits [extension of 1–6 digits].
fn landline(groups: &[&str]) -> bool {
    let local_ok = |g: &str| (7..=8).contains(&g.len()) && !g.starts_with('0');
    match groups {
        [local] => local_ok(local),
        [a, b] if a.starts_with('0') => (3..=4).contains(&a.len()) && local_ok(b),
        [local, ext] => local_ok(local) && (1..=6).contains(&ext.len()),
        [area, local, ext] => {
            area.starts_with('0')
                && (3..=4).contains(&area.len())
                && local_ok(local)
                && (1..=6).contains(&ext.len())
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_real_numbers() {
        for (input, expected) in [
            ("13812345678", "13812345678"),
            ("+86 138 1234 5678", "13812345678"),
            ("010-12345678", "010-12345678"),
            ("0571 88886666", "0571-88886666"),
            ("(010)66668888", "010-66668888"),
            ("66668888", "66668888"),
            ("010-66668888 转 123", "010-66668888-123"),
        ] {
            assert_eq!(normalize_phone(input).expect(input).as_deref(), Some(expected), "{input}");
        }
        assert_eq!(normalize_phone("  ").expect("empty"), None);
    }

    #[test]
    fn rejects_what_is_not_a_phone() {
        for input in ["12345", "abc", "1381234567", "12812345678", "138123456789", "电话"] {
            let err = normalize_phone(input).expect_err(input);
            assert_eq!(err.field().as_deref(), Some("phone"));
            assert!(err.to_string().contains("不是有效的电话号码"));
        }
    }
}

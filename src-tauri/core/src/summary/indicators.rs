//! 指标表: target against actual, with the gap computed by the core. Values are typed as offices
//! write them: 95, ≥95%, <5%, 不低于90分, 1,200 件. A target written ≤ or < (不高于, 不超过, 以内) is
//! met from below; any other from above.

use super::model::{Indicator, IndicatorInput};
use crate::check::IndicatorTable;
use crate::{Error, Result};

const MAX_ROWS: usize = 50;
const MAX_CELL_CHARS: usize = 200;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Direction {
    /// Higher is better (≥, >, or a bare number).
    AtLeast { strict: bool },
    /// Lower is better (≤, <, 不超过 …).
    AtMost { strict: bool },
}

#[derive(Debug, Clone, Copy, PartialEq)]
struct Value {
    direction: Direction,
    number: f64,
    decimals: usize,
    percent: bool,
}

fn parse_value(text: &str) -> Option<Value> {
    let mut s = text.trim().replace([',', '，'], "");
    let mut direction = Direction::AtLeast { strict: false };
    const PREFIXES: &[(&str, Direction)] = &[
        ("≥", Direction::AtLeast { strict: false }),
        (">=", Direction::AtLeast { strict: false }),
        ("＞", Direction::AtLeast { strict: true }),
        (">", Direction::AtLeast { strict: true }),
        ("不低于", Direction::AtLeast { strict: false }),
        ("不少于", Direction::AtLeast { strict: false }),
        ("≤", Direction::AtMost { strict: false }),
        ("<=", Direction::AtMost { strict: false }),
        ("＜", Direction::AtMost { strict: true }),
        ("<", Direction::AtMost { strict: true }),
        ("不高于", Direction::AtMost { strict: false }),
        ("不超过", Direction::AtMost { strict: false }),
        ("低于", Direction::AtMost { strict: true }),
    ];
    for (prefix, d) in PREFIXES {
        if let Some(rest) = s.strip_prefix(prefix) {
            direction = *d;
            s = rest.trim_start().to_string();
            break;
        }
    }
    for (suffix, d) in [
        ("以上", Direction::AtLeast { strict: false }),
        ("以下", Direction::AtMost { strict: false }),
        ("以内", Direction::AtMost { strict: false }),
    ] {
        if let Some(rest) = s.strip_suffix(suffix) {
            direction = d;
            s = rest.trim_end().to_string();
        }
    }
    let number_len = s
        .char_indices()
        .take_while(|(i, c)| c.is_ascii_digit() || *c == '.' || (*i == 0 && (*c == '-' || *c == '+')))
        .map(|(i, c)| i + c.len_utf8())
        .last()?;
    let (digits, rest) = s.split_at(number_len);
    let number: f64 = digits.parse().ok()?;
    let decimals = digits.split_once('.').map_or(0, |(_, d)| d.len());
    let rest = rest.trim();
    let percent = rest.starts_with('%') || rest.starts_with('％');
    // What follows the number is a unit (件, 分, 天, 万元); another number means it is not one value.
    if rest.chars().any(|c| c.is_ascii_digit()) || rest.chars().count() > 6 {
        return None;
    }
    Some(Value { direction, number, decimals, percent })
}

/// The gap (actual − target) as text and whether the target is met.
pub fn gap(target: &str, actual: &str) -> (String, Option<bool>) {
    let (Some(t), Some(a)) = (parse_value(target), parse_value(actual)) else {
        return (String::new(), None);
    };
    let decimals = t.decimals.max(a.decimals).min(4);
    let diff = a.number - t.number;
    let scale = 10f64.powi(decimals as i32);
    let rounded = (diff * scale).round() / scale;
    let mut text = if rounded == 0.0 {
        format!("{:.*}", decimals, 0.0)
    } else if rounded > 0.0 {
        format!("+{rounded:.decimals$}")
    } else {
        format!("{rounded:.decimals$}")
    };
    if t.percent && a.percent {
        text.push_str("个百分点");
    }
    let met = match t.direction {
        Direction::AtLeast { strict: false } => a.number >= t.number,
        Direction::AtLeast { strict: true } => a.number > t.number,
        Direction::AtMost { strict: false } => a.number <= t.number,
        Direction::AtMost { strict: true } => a.number < t.number,
    };
    (text, Some(met))
}

pub fn compute(rows: &[IndicatorInput]) -> Vec<Indicator> {
    rows.iter()
        .map(|r| {
            let (gap, met) = gap(&r.target, &r.actual);
            Indicator {
                indicator: r.indicator.clone(),
                unit: r.unit.clone(),
                target: r.target.clone(),
                actual: r.actual.clone(),
                note: r.note.clone(),
                gap,
                met,
            }
        })
        .collect()
}

/// What the 差距分析 check sees: absent, or complete when every row has a computed gap.
pub fn table_status(rows: &[IndicatorInput]) -> IndicatorTable {
    if rows.is_empty() {
        IndicatorTable::Absent
    } else if compute(rows).iter().all(|r| !r.gap.is_empty()) {
        IndicatorTable::Complete
    } else {
        IndicatorTable::Incomplete
    }
}

/// Trims the cells and drops empty rows; `path` prefixes field names in errors.
pub fn clean(rows: &[IndicatorInput], path: &str) -> Result<Vec<IndicatorInput>> {
    let mut out = Vec::new();
    for (i, r) in rows.iter().enumerate() {
        let cells = [&r.indicator, &r.unit, &r.target, &r.actual, &r.note];
        if cells.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        for (name, cell) in ["indicator", "unit", "target", "actual", "note"].iter().zip(cells) {
            if cell.chars().count() > MAX_CELL_CHARS {
                return Err(Error::invalid(
                    format!("{path}[{i}].{name}"),
                    format!("指标表第 {} 行的内容太长，每格最多 {MAX_CELL_CHARS} 个字", i + 1),
                ));
            }
        }
        if r.indicator.trim().is_empty() {
            return Err(Error::invalid(
                format!("{path}[{i}].indicator"),
                format!("指标表第 {} 行缺少指标名称", i + 1),
            ));
        }
        out.push(IndicatorInput {
            indicator: r.indicator.trim().to_string(),
            unit: r.unit.trim().to_string(),
            target: r.target.trim().to_string(),
            actual: r.actual.trim().to_string(),
            note: r.note.trim().to_string(),
        });
    }
    if out.len() > MAX_ROWS {
        return Err(Error::invalid(path, format!("指标表最多 {MAX_ROWS} 行")));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gaps_as_offices_write_them() {
        assert_eq!(gap("≥95%", "96.8%"), ("+1.8个百分点".into(), Some(true)));
        assert_eq!(gap("<5%", "6.2%"), ("+1.2个百分点".into(), Some(false)));
        assert_eq!(gap("100%", "99.5%"), ("-0.5个百分点".into(), Some(false)));
        assert_eq!(gap("≥90", "92.4"), ("+2.4".into(), Some(true)));
        assert_eq!(gap("1,200", "1150"), ("-50".into(), Some(false)));
        assert_eq!(gap("不超过3天", "2.5天"), ("-0.5".into(), Some(true)));
        assert_eq!(gap("5 以内", "5"), ("0".into(), Some(true)));
        assert_eq!(gap("90分以上", "88分"), ("-2".into(), Some(false)));
        assert_eq!(gap("全部完成", "已完成"), (String::new(), None));
        assert_eq!(gap("12", ""), (String::new(), None));
        assert_eq!(gap("3-5", "4"), (String::new(), None));
    }

    #[test]
    fn table_status_follows_the_gaps() {
        let row = |t: &str, a: &str| IndicatorInput {
            indicator: "闭环率".into(),
            target: t.into(),
            actual: a.into(),
            ..Default::default()
        };
        assert_eq!(table_status(&[]), IndicatorTable::Absent);
        assert_eq!(table_status(&[row("95%", "96%")]), IndicatorTable::Complete);
        assert_eq!(table_status(&[row("95%", "96%"), row("95%", "")]), IndicatorTable::Incomplete);
    }

    #[test]
    fn clean_drops_empty_rows_and_names_bad_cells() {
        let rows = vec![
            IndicatorInput { indicator: " 办件量 ".into(), unit: "件".into(), ..Default::default() },
            IndicatorInput::default(),
            IndicatorInput { target: "95".into(), ..Default::default() },
        ];
        let e = clean(&rows, "indicators").expect_err("no name");
        assert_eq!(e.field().as_deref(), Some("indicators[2].indicator"));
        let ok = clean(&rows[..2], "indicators").expect("ok");
        assert_eq!(ok.len(), 1);
        assert_eq!(ok[0].indicator, "办件量");
    }
}

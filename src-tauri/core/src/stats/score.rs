//! 考核评分: each lead unit's score from its rates, with the weights and deductions of 设置
//! (`stats.score`). The formula, in words, goes beside every ranking (`ScoreSettings::rule`).
//!
//! score = Σ weightᵢ × rateᵢ / 100 over the indicators that can be computed, scaled up to the full
//! weight when one cannot (a unit with nothing closed has no 按期办结率: its other indicators carry
//! the weight), minus `overdue_deduction` per 超期未办结 item, never below 0, one decimal. 满意度 is
//! already out of 100. A unit with fewer than `min_items` items due is shown apart, unranked: a
//! score on two items is noise.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::compute::round1;
use super::{StatsFigures, StatsRow};
use crate::{settings, Error, Result};

pub const SETTING_KEY: &str = "stats.score";

#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ScoreSettings {
    /// 按期办结率 weight (default 40).
    pub on_time: f64,
    /// 响应及时率 weight (default 20).
    pub response: f64,
    /// 一次性解决率 weight (default 20).
    pub one_time: f64,
    /// 满意度 weight (default 20).
    pub satisfaction: f64,
    /// Points off per 超期未办结 item (default 2).
    pub overdue_deduction: f64,
    /// Units with fewer items due are not ranked (default 3).
    pub min_items: i64,
}

impl Default for ScoreSettings {
    fn default() -> Self {
        ScoreSettings {
            on_time: 40.0,
            response: 20.0,
            one_time: 20.0,
            satisfaction: 20.0,
            overdue_deduction: 2.0,
            min_items: 3,
        }
    }
}

fn weight_text(w: f64) -> String {
    if w.fract() == 0.0 {
        format!("{w:.0}")
    } else {
        format!("{w}")
    }
}

impl ScoreSettings {
    pub fn check(&self) -> Result<()> {
        let weights = [
            ("on_time", self.on_time),
            ("response", self.response),
            ("one_time", self.one_time),
            ("satisfaction", self.satisfaction),
        ];
        for (field, w) in weights {
            if !(0.0..=100.0).contains(&w) {
                return Err(Error::invalid(field, "权重应在 0 到 100 之间"));
            }
        }
        if weights.iter().map(|(_, w)| w).sum::<f64>() <= 0.0 {
            return Err(Error::invalid("on_time", "至少一项指标的权重应大于 0"));
        }
        if !(0.0..=100.0).contains(&self.overdue_deduction) {
            return Err(Error::invalid("overdue_deduction", "每件超期扣分应在 0 到 100 之间"));
        }
        if !(1..=1000).contains(&self.min_items) {
            return Err(Error::invalid("min_items", "参与排名的最少事项数应在 1 到 1000 之间"));
        }
        Ok(())
    }

    /// The formula in words, printed beside every ranking.
    pub fn rule(&self) -> String {
        let parts: Vec<String> = [
            ("按期办结率", self.on_time),
            ("响应及时率", self.response),
            ("一次性解决率", self.one_time),
            ("满意度", self.satisfaction),
        ]
        .iter()
        .filter(|(_, w)| *w > 0.0)
        .map(|(name, w)| format!("{name}×{}", weight_text(*w)))
        .collect();
        format!(
            "得分 = {}（各项按百分制折算，无法计算的指标按其余指标折算满分），每件超期未办结扣 {} 分，最低 0 分；到期事项少于 {} 件的单位单列，不参与排名。",
            parts.join(" + "),
            weight_text(self.overdue_deduction),
            self.min_items
        )
    }

    /// The score of one set of figures; `None` when no indicator can be computed.
    pub fn score(&self, f: &StatsFigures) -> Option<f64> {
        let r = &f.rates;
        let terms = [
            (self.on_time, r.on_time_rate),
            (self.response, r.response_rate),
            (self.one_time, r.one_time_rate),
            (self.satisfaction, r.satisfaction),
        ];
        let full: f64 = terms.iter().map(|(w, _)| w).sum();
        let (earned, available) = terms
            .iter()
            .filter_map(|(w, v)| v.map(|v| (w * v / 100.0, *w)))
            .fold((0.0, 0.0), |(e, a), (x, w)| (e + x, a + w));
        if available <= 0.0 {
            return None;
        }
        let score = earned / available * full - self.overdue_deduction * f.counts.overdue as f64;
        Some(round1(score.max(0.0)))
    }

    /// Scores the rows and orders them: ranked units by score (then by items, then name), each
    /// with its rank (equal scores share one), then the units with too few items.
    pub fn rank(&self, rows: &mut [StatsRow]) {
        for row in rows.iter_mut() {
            row.score = self.score(&row.figures);
        }
        let ranked = |r: &StatsRow| r.figures.counts.items >= self.min_items && r.score.is_some();
        rows.sort_by(|a, b| {
            ranked(b)
                .cmp(&ranked(a))
                .then(b.score.partial_cmp(&a.score).unwrap_or(std::cmp::Ordering::Equal))
                .then(b.figures.counts.items.cmp(&a.figures.counts.items))
                .then_with(|| a.name.cmp(&b.name))
        });
        let mut previous: Option<(f64, u32)> = None;
        for (i, row) in rows.iter_mut().enumerate() {
            if !ranked(row) {
                row.rank = None;
                continue;
            }
            let score = row.score.unwrap_or(0.0);
            let rank = match previous {
                Some((s, r)) if s == score => r,
                _ => i as u32 + 1,
            };
            previous = Some((score, rank));
            row.rank = Some(rank);
        }
    }
}

pub fn get_settings(conn: &rusqlite::Connection) -> Result<ScoreSettings> {
    Ok(settings::get(conn, SETTING_KEY)?.unwrap_or_default())
}

pub fn set_settings(conn: &rusqlite::Connection, value: &ScoreSettings) -> Result<ScoreSettings> {
    value.check()?;
    settings::set(conn, SETTING_KEY, value)?;
    Ok(*value)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::stats::{StatsCounts, StatsRates};

    fn figures(items: i64, overdue: i64, rates: [Option<f64>; 4]) -> StatsFigures {
        StatsFigures {
            counts: StatsCounts { items, overdue, ..StatsCounts::default() },
            rates: StatsRates {
                on_time_rate: rates[0],
                response_rate: rates[1],
                one_time_rate: rates[2],
                satisfaction: rates[3],
                ..StatsRates::default()
            },
        }
    }

    fn row(name: &str, f: StatsFigures) -> StatsRow {
        StatsRow { key: name.into(), name: name.into(), figures: f, score: None, rank: None }
    }

    #[test]
    fn stats_score_weighs_the_rates_and_takes_points_off_per_overdue_item() {
        let s = ScoreSettings::default();
        // 90×0.4 + 100×0.2 + 80×0.2 + 95×0.2 = 36 + 20 + 16 + 19 = 91, minus 2 × 1 overdue.
        assert_eq!(s.score(&figures(10, 1, [Some(90.0), Some(100.0), Some(80.0), Some(95.0)])), Some(89.0));
        // Nothing closed: no 按期办结率 or 一次性解决率; the other two carry the full 100.
        assert_eq!(s.score(&figures(4, 0, [None, Some(50.0), None, Some(90.0)])), Some(70.0));
        assert_eq!(s.score(&figures(4, 0, [None, None, None, None])), None);
        assert_eq!(s.score(&figures(40, 60, [Some(10.0), Some(10.0), Some(10.0), Some(10.0)])), Some(0.0));
        assert!(s.rule().starts_with("得分 = 按期办结率×40 + 响应及时率×20 + 一次性解决率×20 + 满意度×20"));
        assert!(s.rule().contains("每件超期未办结扣 2 分") && s.rule().contains("少于 3 件"));
    }

    #[test]
    fn stats_ranking_follows_the_scores_and_sets_small_units_apart() {
        let s = ScoreSettings::default();
        let mut rows = vec![
            row("甲", figures(10, 0, [Some(80.0); 4])),
            row("乙", figures(2, 0, [Some(100.0); 4])),
            row("丙", figures(10, 0, [Some(90.0); 4])),
            row("丁", figures(5, 0, [Some(80.0); 4])),
        ];
        s.rank(&mut rows);
        let order: Vec<(&str, Option<f64>, Option<u32>)> =
            rows.iter().map(|r| (r.name.as_str(), r.score, r.rank)).collect();
        assert_eq!(
            order,
            vec![
                ("丙", Some(90.0), Some(1)),
                ("甲", Some(80.0), Some(2)),
                ("丁", Some(80.0), Some(2)),
                ("乙", Some(100.0), None)
            ]
        );
    }

    #[test]
    fn stats_score_settings_are_checked() {
        let conn = crate::test_support::memory_db();
        assert_eq!(get_settings(&conn).expect("get"), ScoreSettings::default());
        let bad = ScoreSettings { min_items: 0, ..ScoreSettings::default() };
        assert_eq!(set_settings(&conn, &bad).expect_err("bad").field().as_deref(), Some("min_items"));
        let none = ScoreSettings {
            on_time: 0.0,
            response: 0.0,
            one_time: 0.0,
            satisfaction: 0.0,
            ..ScoreSettings::default()
        };
        assert!(set_settings(&conn, &none).is_err());
    }
}

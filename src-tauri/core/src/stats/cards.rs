//! The cards of 工作台: each figure beside its target, and the set of items behind it. A card's
//! `count` is the set the ledger opens when the card is clicked and `items` is its size, so the
//! ledger shows the number the card showed.

use serde::Serialize;
use ts_rs::TS;

use super::{StatsCount, StatsResult, StatsTargetCheck, StatsTargetKind};

/// One card of 工作台.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct StatsCard {
    /// e.g. 办结率
    pub label: String,
    /// The figure: a count, a percentage, days or points; `null` when it cannot be computed.
    pub value: Option<f64>,
    /// 件, %, 个工作日 or 分.
    pub unit: String,
    /// The items behind the figure (its numerator for a rate).
    pub count: StatsCount,
    /// How many they are.
    pub items: i64,
    /// The target it is measured against, e.g. ≥95%, with whether it is met (`null`: nothing to judge).
    #[ts(optional)]
    pub target: Option<StatsTargetCheck>,
}

/// The ten cards, in the order domain.md lists the figures.
pub fn cards(r: &StatsResult) -> Vec<StatsCard> {
    let c = &r.totals.counts;
    let rates = &r.totals.rates;
    let target = |kind: StatsTargetKind| r.targets.iter().find(|t| t.kind == kind).cloned();
    let card = |label: &str, value: Option<f64>, unit: &str, count: StatsCount, items: i64| StatsCard {
        label: label.to_string(),
        value,
        unit: unit.to_string(),
        count,
        items,
        target: None,
    };
    let percent = |label: &str, value, count, items, kind: Option<StatsTargetKind>| StatsCard {
        target: kind.and_then(target),
        ..card(label, value, "%", count, items)
    };
    vec![
        card("到期应办结", Some(c.items as f64), "件", StatsCount::Items, c.items),
        card("已办结", Some(c.closed as f64), "件", StatsCount::Closed, c.closed),
        percent("办结率", rates.closed_rate, StatsCount::Closed, c.closed, Some(StatsTargetKind::ClosedRate)),
        percent("按期办结率", rates.on_time_rate, StatsCount::ClosedOnTime, c.closed_on_time, None),
        percent(
            "超期率",
            rates.overdue_rate,
            StatsCount::Late,
            c.closed_late + c.overdue,
            Some(StatsTargetKind::RoutineOverdueRate),
        ),
        percent(
            "响应及时率",
            rates.response_rate,
            StatsCount::RespondedInTime,
            c.responded_in_time,
            Some(StatsTargetKind::Response),
        ),
        percent(
            "一次性解决率",
            rates.one_time_rate,
            StatsCount::ClosedFirstTime,
            c.closed_first_time,
            Some(StatsTargetKind::OneTimeRate),
        ),
        percent(
            "反弹率",
            rates.rebound_rate,
            StatsCount::Rebounded,
            c.rebounded,
            Some(StatsTargetKind::ReboundRate),
        ),
        StatsCard {
            target: target(StatsTargetKind::Satisfaction),
            ..card("满意度", rates.satisfaction, "分", StatsCount::Scored, c.scored)
        },
        card("平均办理时长", rates.avg_handling_days, "个工作日", StatsCount::Closed, c.closed),
    ]
}

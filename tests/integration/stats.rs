//! Integration tests of 统计 against a real SQLite file: items driven through the lifecycle with the
//! public API (the core takes the time; late items are registered with a 交办时间 in the past, and a
//! closing is moved back as the assignment tests do so that the 30-day revisit is allowed), then the
//! figures from the core and from `luoshi-cli stats`.

use std::path::Path;

use chrono::TimeDelta;
use luoshi_core::assignment::{self, ActionInput, AssignmentInput, RevisitInput};
use luoshi_core::stats::{self, StatsBy, StatsQuery, StatsTargetKind};
use luoshi_core::test_support::ItemDirectory;
use luoshi_core::{time, Store};

use crate::fixtures::{cli, item_directory, json};

fn register(store: &mut Store, ids: &ItemDirectory, unit: i64, title: &str, days_ago: i64) -> i64 {
    let assigned_at = (days_ago > 0)
        .then(|| (time::now() - TimeDelta::days(days_ago)).format("%Y-%m-%dT%H:%M").to_string());
    let input = AssignmentInput {
        title: title.into(),
        source: if unit == ids.unit { "来信来访/群众诉求" } else { "会议纪要" }.into(),
        content: "请牵头单位核实处置并按时反馈。".into(),
        category: "一般办理类".into(),
        lead_unit_id: unit,
        responsible_id: ids.person,
        assigned_at,
        ..Default::default()
    };
    assignment::register(store.conn_mut(), &input).expect("register")
}

fn act(ids: &ItemDirectory, note: &str, satisfaction: Option<u8>) -> ActionInput {
    ActionInput { actor_id: ids.person, note: Some(note.into()), satisfaction }
}

/// Five items: on time; late after a return; overdue; closed then rebounded at the 30-day revisit;
/// suspended. Returns the directory's ids.
fn ledger(dir: &Path) -> ItemDirectory {
    let mut store = Store::open(dir).expect("opens");
    let ids = item_directory(&mut store);

    let on_time = register(&mut store, &ids, ids.unit, "关于幸福小区供暖不达标问题的整改", 0);
    let late = register(&mut store, &ids, ids.unit, "关于城东片区道路积水问题的处置", 20);
    let overdue = register(&mut store, &ids, ids.other_unit, "关于老旧小区加装电梯问题的协调", 20);
    let rebound = register(&mut store, &ids, ids.other_unit, "关于农贸市场占道经营问题的整治", 0);
    let suspended = register(&mut store, &ids, ids.unit, "关于拆迁安置房办证问题的办理", 0);
    let conn = store.conn_mut();
    for id in [on_time, late, overdue, rebound, suspended] {
        assignment::assign(conn, id, &act(&ids, "请按时办理", None)).expect("assign");
    }
    for id in [on_time, late, rebound] {
        assignment::accept(conn, id, &act(&ids, "已签收", None)).expect("accept");
        assignment::report_result(conn, id, &act(&ids, "已办理", None)).expect("report");
    }
    assignment::return_for_redo(conn, late, &act(&ids, "缺少佐证材料", None)).expect("return");
    assignment::report_result(conn, late, &act(&ids, "已补充材料", None)).expect("report");
    assignment::pass(conn, on_time, &act(&ids, "审核通过", Some(96))).expect("pass");
    assignment::pass(conn, late, &act(&ids, "审核通过", Some(80))).expect("pass");
    assignment::pass(conn, rebound, &act(&ids, "审核通过", Some(90))).expect("pass");
    let closed_at = (time::now() - TimeDelta::days(31)).to_rfc3339_opts(chrono::SecondsFormat::Secs, false);
    conn.execute("UPDATE assignment SET closed_at = ?1 WHERE id = ?2", rusqlite::params![closed_at, rebound])
        .expect("backdate closing");
    assignment::revisit(
        conn,
        rebound,
        &RevisitInput {
            actor_id: ids.person,
            day: 30,
            held: false,
            note: Some("占道经营反弹".into()),
            satisfaction: Some(60),
        },
    )
    .expect("revisit");
    assignment::suspend(conn, suspended, &act(&ids, "等待上级政策明确", None)).expect("suspend");
    ids
}

fn around_today(before: i64, after: i64) -> (String, String) {
    let today = time::now().date_naive();
    (
        (today - TimeDelta::days(before)).format("%Y-%m-%d").to_string(),
        (today + TimeDelta::days(after)).format("%Y-%m-%d").to_string(),
    )
}

#[test]
fn figures_follow_the_lifecycle_on_a_real_file() {
    let dir = tempfile::tempdir().expect("temp dir");
    let ids = ledger(dir.path());
    let store = Store::open(dir.path()).expect("reopens");
    let (from, to) = around_today(60, 40);
    let q = StatsQuery { from: from.clone(), to: to.clone(), by: Some(StatsBy::Unit), ..Default::default() };
    let r = stats::figures(store.conn(), &q).expect("figures");
    let c = r.totals.counts;
    assert_eq!(
        (c.items, c.suspended, c.closed, c.closed_on_time, c.closed_late, c.overdue, c.in_progress),
        (5, 1, 2, 1, 1, 1, 1)
    );
    assert_eq!((c.ever_closed, c.rebounded, c.closed_first_time), (3, 1, 1));
    assert_eq!((c.response_due, c.responded_in_time, c.responded_within_target), (4, 2, 2));
    let rates = r.totals.rates;
    assert_eq!(rates.closed_rate, Some(50.0), "2 closed of 4 (the suspended one left out)");
    assert_eq!(rates.on_time_rate, Some(50.0));
    assert_eq!(rates.overdue_rate, Some(50.0), "1 late + 1 overdue of 4");
    assert_eq!(rates.one_time_rate, Some(50.0), "the late one was returned");
    assert_eq!(rates.rebound_rate, Some(33.3), "1 of 3 ever closed");
    assert_eq!(rates.response_rate, Some(50.0));
    assert_eq!(rates.satisfaction, Some(81.5), "(96 + 80 + 90 + 60) / 4");
    let days = rates.avg_handling_days.expect("handling time");
    assert!(days > 3.0 && days < 12.0, "(about 0 + about 14 working days) / 2: {days}");
    let closed_target = r.targets.iter().find(|t| t.kind == StatsTargetKind::ClosedRate).expect("target");
    assert_eq!(closed_target.met, Some(false));

    let rows: Vec<(&str, i64, i64, i64)> = r
        .rows
        .iter()
        .map(|row| {
            (
                row.name.as_str(),
                row.figures.counts.items,
                row.figures.counts.closed,
                row.figures.counts.overdue,
            )
        })
        .collect();
    assert_eq!(rows, vec![("市住房和城乡建设局", 3, 2, 0), ("市城市管理局", 2, 0, 1)]);
    let one = stats::figures(store.conn(), &StatsQuery { unit_id: Some(ids.other_unit), ..q.clone() })
        .expect("unit");
    assert_eq!((one.totals.counts.items, one.totals.counts.rebounded), (2, 1));

    // As of yesterday nothing had happened yet: the two back-dated items were open and overdue.
    let (from_y, yesterday) = around_today(60, -1);
    let past =
        stats::figures(store.conn(), &StatsQuery { from: from_y, to: yesterday, ..Default::default() })
            .expect("past");
    let c = past.totals.counts;
    assert_eq!((c.items, c.closed, c.overdue, c.response_due, c.responded_in_time), (2, 0, 2, 2, 0));
    assert_eq!(past.totals.rates.closed_rate, Some(0.0));
    assert_eq!(past.totals.rates.on_time_rate, None, "no closed item: null, not 0 or 100");

    let text = stats::summary_text(&r);
    assert!(
        text.contains("到期应办结交办事项5件（其中中止1件，不计入比率），已办结2件，办结率50%"),
        "{text}"
    );
    assert!(text.contains("30天内反弹率33.3%"), "{text}");
}

#[test]
fn cli_stats_prints_the_same_figures_and_refuses_bad_input() {
    let dir = tempfile::tempdir().expect("temp dir");
    ledger(dir.path());
    let (from, to) = around_today(60, 40);
    let out = json(&cli(dir.path(), &["stats", "--from", &from, "--to", &to, "--by", "source"]));
    assert_eq!(out["totals"]["counts"]["items"], 5);
    assert_eq!(out["totals"]["rates"]["closed_rate"], 50.0);
    assert_eq!(out["totals"]["rates"]["on_time_rate"], 50.0);
    let rows = out["rows"].as_array().expect("rows");
    let keys: Vec<&str> = rows.iter().map(|r| r["key"].as_str().expect("key")).collect();
    assert_eq!(keys, vec!["meeting", "petition"]);
    assert_eq!(rows[1]["name"], "来信来访/群众诉求");

    let (from_y, yesterday) = around_today(60, -1);
    let past = json(&cli(dir.path(), &["stats", "--from", &from_y, "--to", &yesterday, "--report"]));
    assert_eq!(past["figures"]["totals"]["rates"]["on_time_rate"], serde_json::Value::Null);
    assert!(past["report"]["paragraph"].as_str().expect("paragraph").contains("到期应办结交办事项2件"));
    assert_eq!(past["report"]["targets"]["columns"][0]["title"], "指标");

    let out = cli(dir.path(), &["stats", "--from", &to, "--to", &from]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("结束日期不能早于开始日期"));
    let out = cli(dir.path(), &["stats", "--from", &from, "--to", &to, "--by", "人员"]);
    assert_eq!(out.status.code(), Some(2));
    let out = cli(dir.path(), &["stats", "--from", &from, "--to", &to, "--unit", "999"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("找不到编号为 999 的单位"));
}

#[test]
fn cli_stats_by_unit_with_score_ranks_the_units_by_their_scores() {
    let dir = tempfile::tempdir().expect("temp dir");
    {
        let mut store = Store::open(dir.path()).expect("opens");
        assignment::fill_demo(store.conn_mut(), 600).expect("demo");
    }
    let (from, to) = around_today(400, 30);
    let out = json(&cli(dir.path(), &["stats", "--from", &from, "--to", &to, "--by", "unit", "--score"]));
    let rows = out["rows"].as_array().expect("rows");
    assert!(rows.len() > 3);
    let settings = stats::ScoreSettings::default();
    let mut last_ranked = f64::INFINITY;
    let mut apart = false;
    for row in rows {
        let items = row["figures"]["counts"]["items"].as_i64().expect("items");
        match row["rank"].as_u64() {
            Some(_) => {
                assert!(!apart, "a ranked unit after those shown apart");
                let score = row["score"].as_f64().expect("a ranked unit has a score");
                assert!(score <= last_ranked, "ranking follows the scores: {score} after {last_ranked}");
                last_ranked = score;
                assert!(items >= settings.min_items);
            }
            None => apart = true,
        }
    }
    assert!(out["score_rule"].as_str().unwrap_or_default().starts_with("得分 = 按期办结率×40"));
    // The score is the formula's on the row's own rates.
    let store = Store::open(dir.path()).expect("opens");
    let q = StatsQuery { from, to, by: Some(StatsBy::Unit), score: true, ..Default::default() };
    let core = stats::figures(store.conn(), &q).expect("figures");
    for row in &core.rows {
        assert_eq!(row.score, settings.score(&row.figures), "{}", row.name);
    }
    let bad = cli(dir.path(), &["stats", "--from", "2026-01-01", "--to", "2026-06-30", "--score"]);
    assert_eq!(bad.status.code(), Some(2));
}

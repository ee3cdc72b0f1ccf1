//! 成果应用 through `luoshi-cli summary follow-up` and `summary rectify` on a real SQLite file: a
//! published summary's three problems come with their causes and measures; two become 问题整改
//! items in one command, a third attempt on one of them changes nothing; one item closes through
//! `item event`; the summary then shows 整改完成率 50%, the item its origin, and the next summary of
//! the same unit says so in 插入台账数据. Publication and training are recorded on the published
//! summary, its 宣贯材料 prints (read back with pdftotext and pdffonts), and its 归档清单 lists them.

use luoshi_core::summary::{self, NewSummaryInput, ReviewInput};
use luoshi_core::test_support::SummaryDirectory;
use luoshi_core::Store;

use crate::fixtures::{cli, json, tool};

const PROBLEMS: &str =
    "一是跨部门数据共享不畅，11件事项因数据回传超过3天而超期，原因是两个部门的接口标准不一致。
二是窗口人员流动大，上半年流失7人，原因是岗位补贴低于同类岗位。
三是群众评价渠道单一，线上评价仅占12%，原因是评价二维码未覆盖全部窗口。";
const MEASURES: &str = "一是针对数据共享不畅，9月30日前统一两个部门的接口标准，数据回传控制在1天内。
二是针对窗口人员流动大，10月起将岗位补贴提高到每月600元，流失率控制在5%以内。
三是针对评价渠道单一，8月底前在46个窗口全部张贴评价二维码，线上评价占比提高到40%。";

fn new_summary(store: &mut Store, d: SummaryDirectory, title: &str, from: &str, to: &str) -> i64 {
    let template = summary::list_templates(store.conn(), false).expect("templates")[0].id;
    summary::create_summary(
        store.conn_mut(),
        &NewSummaryInput {
            template_id: template,
            title: title.into(),
            period_from: Some(from.into()),
            period_to: Some(to.into()),
            unit_id: Some(d.unit),
            drafter_id: Some(d.drafter),
            ..Default::default()
        },
    )
    .expect("create")
}

#[test]
fn problems_become_items_and_the_next_summary_counts_them() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (d, id) = {
        let mut store = Store::open(dir.path()).expect("opens");
        let d = SummaryDirectory::add(store.conn_mut(), "市政务服务中心", ["王玥", "陈堃"]);
        let id = new_summary(&mut store, d, "2026年上半年工作总结", "2026-01-01", "2026-06-30");
        summary::save_section(store.conn_mut(), id, 4, PROBLEMS).expect("problems");
        summary::save_section(store.conn_mut(), id, 5, MEASURES).expect("measures");
        let by = |actor| ReviewInput { actor_id: actor, note: Some("按计划报送".into()) };
        summary::submit(store.conn_mut(), id, &by(d.drafter)).expect("submit");
        summary::approve(store.conn_mut(), id, &by(d.reviewer)).expect("approve");
        summary::publish(store.conn_mut(), id, &by(d.reviewer)).expect("publish");
        (d, id)
    };
    let sid = id.to_string();

    let view = json(&cli(dir.path(), &["summary", "follow-up", &sid]));
    let problems = view["problems"].as_array().expect("problems");
    assert_eq!(problems.len(), 3, "{view}");
    for field in ["n", "text", "cause", "measure"] {
        assert!(!problems[2][field].is_null(), "{field}: {}", problems[2]);
    }
    assert!(problems[2]["measure"].as_str().expect("measure").contains("46个窗口"), "{}", problems[2]);

    let (unit, person) = (d.unit.to_string(), d.drafter.to_string());
    let rectify = |numbers: &str| {
        cli(
            dir.path(),
            &[
                "summary",
                "rectify",
                &sid,
                "--problem",
                numbers,
                "--lead-unit",
                &unit,
                "--responsible",
                &person,
            ],
        )
    };
    let made = json(&rectify("1,3"));
    let ids: Vec<i64> =
        made["ids"].as_array().expect("ids").iter().map(|v| v.as_i64().expect("id")).collect();
    assert_eq!((ids.len(), made["id"].as_i64()), (2, Some(ids[0])), "{made}");
    let again = rectify("2,3");
    assert_eq!(again.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&again.stderr).contains("第 3 个问题已转为事项"));
    assert_eq!(
        json(&cli(dir.path(), &["summary", "follow-up", &sid]))["items"].as_array().map(Vec::len),
        Some(2)
    );

    // The first closes; the second is still being handled.
    let first = ids[0].to_string();
    for action in ["assign", "accept", "report", "pass"] {
        let out =
            cli(dir.path(), &["item", "event", &first, action, "--actor", &person, "--note", "已整改到位"]);
        assert!(out.status.success(), "{action}: {}", String::from_utf8_lossy(&out.stderr));
    }
    let view = json(&cli(dir.path(), &["summary", "follow-up", &sid]));
    assert_eq!(view["rates"]["rectify_made"], 2, "{}", view["rates"]);
    assert_eq!(view["rates"]["rectify_done"], 1);
    assert_eq!(view["rates"]["completion_rate"], 50.0);
    assert_eq!(view["items"][0]["state"], "closed");
    assert_eq!(view["items"][1]["light"], "green");
    assert_eq!(view["problems"][2]["item_id"], ids[1]);

    let item = json(&cli(dir.path(), &["item", "show", &ids[1].to_string()]));
    assert_eq!(item["item"]["source"], "summary", "{item}");
    assert_eq!(item["origin"]["summary_id"], id);
    assert_eq!(item["origin"]["n"], 3);

    // December's summary of the same unit.
    let mut store = Store::open(dir.path()).expect("reopens");
    let next = new_summary(&mut store, d, "2026年下半年工作总结", "2026-07-01", "2026-12-31");
    let paragraph = summary::ledger_figures(store.conn(), next).expect("figures").paragraph;
    assert!(
        paragraph.contains(
            "上期总结《2026年上半年工作总结》查找问题3个，已转为整改事项2项，已整改1项，整改完成率50%"
        ),
        "{paragraph}"
    );
}

#[test]
fn publication_and_training_are_recorded_and_the_digest_prints() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (d, id) = {
        let mut store = Store::open(dir.path()).expect("opens");
        let d = SummaryDirectory::add(store.conn_mut(), "市政务服务中心", ["王玥", "陈堃"]);
        let id = new_summary(&mut store, d, "2026年上半年工作总结", "2026-01-01", "2026-06-30");
        summary::save_section(store.conn_mut(), id, 1, "上半年共受理办件3.2万件，按时办结率98.6%。")
            .expect("data");
        summary::save_section(store.conn_mut(), id, 4, PROBLEMS).expect("problems");
        summary::save_section(store.conn_mut(), id, 5, MEASURES).expect("measures");
        let by = |actor| ReviewInput { actor_id: actor, note: Some("按计划报送".into()) };
        summary::submit(store.conn_mut(), id, &by(d.drafter)).expect("submit");
        summary::approve(store.conn_mut(), id, &by(d.reviewer)).expect("approve");
        (d, id)
    };
    let (sid, actor) = (id.to_string(), d.reviewer.to_string());
    let publish = |date: &str| {
        cli(
            dir.path(),
            &[
                "summary",
                "publish-record",
                &sid,
                "--channel",
                "书面印发",
                "--date",
                date,
                "--covered",
                "各科室",
                "--actor",
                &actor,
            ],
        )
    };
    // Not published yet: refused, nothing written.
    let early = publish("2026-07-10");
    assert_eq!(early.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&early.stderr).contains("审核通过"),
        "{}",
        String::from_utf8_lossy(&early.stderr)
    );
    json(&cli(dir.path(), &["summary", "review", &sid, "publish", "--actor", &actor]));
    let future = publish("2999-01-01");
    assert!(String::from_utf8_lossy(&future.stderr).contains("发布日期不能晚于今天"));
    let records = json(&publish("2026-07-10"));
    assert_eq!(records[0]["channel"], "document", "{records}");
    let records = json(&cli(
        dir.path(),
        &[
            "summary",
            "training-record",
            &sid,
            "--date",
            "2026-07-15",
            "--participants",
            "46",
            "--questions",
            "补贴何时发放：10月起",
            "--actor",
            &actor,
        ],
    ));
    assert_eq!(records.as_array().map(Vec::len), Some(2));
    assert_eq!(records[1]["participants"], 46);

    let pdf = dir.path().join("宣贯材料.pdf");
    let out = cli(dir.path(), &["report", "publicity", "--summary", &sid, "-o", pdf.to_str().expect("path")]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let text: String = tool("pdftotext", &[pdf.to_str().expect("path"), "-"])
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    for part in [
        "《2026年上半年工作总结》宣贯材料",
        "一、主要数据",
        "3.2万件",
        "二、存在问题",
        "窗口人员流动大",
        "三、下一步工作",
        "市政务服务中心",
    ] {
        assert!(text.contains(part), "{part} missing: {text}");
    }
    let fonts = tool("pdffonts", &[pdf.to_str().expect("path")]);
    assert!(fonts.lines().skip(2).all(|l| l.contains(" yes ")), "embedded: {fonts}");

    // 归档清单: the 件 will hold the records too.
    let parts = json(&cli(dir.path(), &["archive", "parts", "--summary", &sid]));
    let names: Vec<&str> =
        parts.as_array().expect("parts").iter().map(|p| p["name"].as_str().expect("name")).collect();
    assert_eq!(names.first(), Some(&"总结正文"), "{parts}");
    assert_eq!(names.last(), Some(&"发布与宣贯记录"), "{parts}");
}

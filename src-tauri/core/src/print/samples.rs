//! Built-in samples: what 设置 → 打印 shows, what the CLI writes, and what the tests and benchmarks
//! measure. Content reads like real office paper.

use chrono::NaiveDate;

use super::model::{
    Align, Blank, Block, Classification, Column, Document, Form, FormField, Heading, Paragraph, Signature,
    Table,
};

fn heading(level: u8, text: &str) -> Block {
    Block::Heading(Heading { level, text: text.to_string() })
}

fn para(text: &str) -> Block {
    Block::Paragraph(Paragraph { text: text.to_string(), align: Align::Left, indent: true })
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default()
}

/// A two-page phase summary (阶段性工作总结) with headings of all levels, a targets table and a
/// signature.
pub fn document() -> Document {
    Document {
        title: "市政务服务中心关于2026年第三季度督查督办工作情况的总结报告".to_string(),
        classification: Some(Classification::Internal),
        author: Some("市政务服务中心办公室".to_string()),
        orientation: Default::default(),
        stamp: None,
        blocks: vec![
            para("按照“一单四制”工作要求，中心办公室对第三季度交办事项实行清单管理、台账推进、销号落实和定期通报。现将有关情况总结如下。"),
            heading(1, "一、基本情况"),
            para("第三季度共登记交办事项186件。截至9月30日，已办结171件，办结率91.9%；按期办结163件，按期办结率95.3%；退回重办6件，一次性解决率96.5%；超期15件，超期率8.1%，较第二季度下降3.4个百分点。"),
            heading(2, "（一）目标与完成情况"),
            Block::Table(Table {
                columns: vec![
                    Column { title: "指标".into(), width_mm: 52.0, align: Align::Left },
                    Column { title: "目标值".into(), width_mm: 30.0, align: Align::Center },
                    Column { title: "完成值".into(), width_mm: 30.0, align: Align::Center },
                    Column { title: "差距".into(), width_mm: 30.0, align: Align::Center },
                ],
                rows: vec![
                    vec!["响应及时率".into(), "100%".into(), "99.5%".into(), "-0.5".into()],
                    vec!["闭环率".into(), "≥95%".into(), "96.8%".into(), "+1.8".into()],
                    vec!["一次性解决率".into(), "≥95%".into(), "96.5%".into(), "+1.5".into()],
                    vec!["一般办理类超期率".into(), "<5%".into(), "6.2%".into(), "+1.2".into()],
                    vec!["满意度（分）".into(), "≥90".into(), "92.4".into(), "+2.4".into()],
                ],
                totals: None,
                font_size_pt: None,
            }),
            heading(2, "（二）主要做法"),
            heading(3, "1.清单化交办，责任到人。"),
            para("每件事项明确牵头单位、第一责任人和办理时限，复杂协同类事项分解为子事项。第三季度分解子事项212个，平均每件复杂事项分解4.3个，牵头单位在1个工作日内明确的占98.2%。"),
            heading(3, "2.红黄绿灯预警，提前催办。"),
            heading(4, "（1）每周调度，逐件过堂。"),
            para("对临近时限或已用时80%以上的事项亮黄灯，对超期事项亮红灯。本季度发出催办单47份，其中王玥、陈堃两名联络员负责的窗口事项全部在催办后3个工作日内办结；张镕同志牵头的“一窗通办”改造项目提前12天完成。"),
            heading(1, "二、存在问题及原因分析"),
            para("一是跨部门事项协同不够顺畅。15件超期事项中有11件涉及3个以上单位，原因是协办单位反馈周期不一致。二是部分反馈质量不高。有23份进展反馈只写“正在推进”“高度重视”，缺少数量和时间节点。三是台账依赖手工汇总，每周约需8个工时。"),
            heading(1, "三、下一步工作计划"),
            para("针对上述问题，第四季度重点做好三项工作：一是统一反馈周期为每周一次；二是制定进展反馈模板，11月起实行；三是启用台账系统自动汇总，力争一般办理类超期率降至5%以内。"),
            Block::Signature(Signature { body: "市政务服务中心办公室".into(), date: date(2026, 10, 9) }),
        ],
    }
}

/// 督办通知单: a one-page bordered form with opinion boxes to sign.
pub fn form() -> Document {
    let field = |label: &str, value: &str| FormField {
        label: label.to_string(),
        value: value.to_string(),
        height_mm: None,
        sign: false,
    };
    let opinion = |label: &str, height: f32| FormField {
        label: label.to_string(),
        value: String::new(),
        height_mm: Some(height),
        sign: true,
    };
    Document {
        title: "督办通知单".to_string(),
        classification: None,
        author: Some("市政务服务中心督查室".to_string()),
        orientation: Default::default(),
        stamp: None,
        blocks: vec![
            Block::Paragraph(Paragraph {
                text: "编号：督〔2026〕15号".into(),
                align: Align::Right,
                indent: false,
            }),
            Block::Form(Form {
                label_width_mm: None,
                font_size_pt: None,
                rows: vec![
                    vec![field("事项名称", "推进“高效办成一件事”企业开办全流程网办")],
                    vec![field("来源", "领导批示"), field("紧急程度", "加急")],
                    vec![field("交办领导", "李建国"), field("交办时间", "2026年3月2日 9:30")],
                    vec![field("牵头单位", "行政审批科"), field("协办单位", "信息中心、综合科")],
                    vec![field("第一责任人", "张镕"), field("联系电话", "0571-8765 4321")],
                    vec![FormField {
                        label: "事项内容与要求".into(),
                        value: "将企业开办涉及的设立登记、公章刻制、发票申领、社保登记、公积金缴存登记五个环节整合为“一表申请、一网通办”，3月31日前完成系统对接并试运行，4月起全面推行，办理时间压缩至1个工作日以内。每周五前报送进展情况。".into(),
                        height_mm: Some(36.0),
                        sign: false,
                    }],
                    vec![field("办理时限", "2026年3月31日"), field("反馈周期", "每周")],
                    vec![opinion("承办单位意见", 30.0)],
                    vec![opinion("分管领导意见", 30.0)],
                ],
            }),
            Block::Paragraph(Paragraph {
                text: "注：请于收到本通知单后4个工作小时内签收，逾期未办结的将列入月度通报。".into(),
                align: Align::Left,
                indent: false,
            }),
        ],
    }
}

/// 交办事项台账: a ledger of `rows` items, long enough to run over many pages.
pub fn table(rows: usize) -> Document {
    const TITLES: [&str; 12] = [
        "推进老旧小区加装电梯审批提速",
        "解决城南片区夜间施工噪声扰民问题",
        "完成政务服务事项清单年度动态调整",
        "督促落实中小企业账款清欠工作",
        "整改巡察反馈的窗口服务态度问题",
        "开展“12345”热线工单回访",
        "编制2027年度重点工作任务分解方案",
        "核查群众反映的公交站点设置不合理问题",
        "推动不动产登记“交房即交证”",
        "落实高校毕业生就业帮扶措施",
        "办理人大代表关于停车难问题的建议",
        "清理规范涉企收费项目",
    ];
    const UNITS: [&str; 8] =
        ["行政审批科", "综合窗口", "信息中心", "督查室", "城建服务科", "企业服务科", "热线办", "办公室"];
    const PEOPLE: [&str; 8] = ["王玥", "陈堃", "张镕", "李晓", "赵敏", "刘洋", "孙伟", "周婷"];
    const STATES: [&str; 5] = ["办理中", "已反馈", "已办结", "已办结", "办结审核"];
    let start = date(2026, 1, 5);
    let rows: Vec<Vec<String>> = (0..rows)
        .map(|i| {
            let assigned = start + chrono::Days::new((i as u64 * 3) % 300);
            let deadline = assigned + chrono::Days::new(3 + (i as u64 * 7) % 25);
            vec![
                (i + 1).to_string(),
                format!("督〔2026〕{}号", i + 1),
                TITLES[i % TITLES.len()].to_string(),
                UNITS[(i * 3) % UNITS.len()].to_string(),
                PEOPLE[(i * 5) % PEOPLE.len()].to_string(),
                deadline.format("%Y-%m-%d").to_string(),
                STATES[(i * 7) % STATES.len()].to_string(),
            ]
        })
        .collect();
    let closed = rows.iter().filter(|r| r[6] == "已办结").count();
    Document {
        title: "2026年交办事项台账".to_string(),
        classification: Some(Classification::Internal),
        author: Some("市政务服务中心督查室".to_string()),
        orientation: Default::default(),
        stamp: None,
        blocks: vec![
            Block::Table(Table {
                columns: vec![
                    Column { title: "序号".into(), width_mm: 11.0, align: Align::Center },
                    Column { title: "编号".into(), width_mm: 31.0, align: Align::Center },
                    Column { title: "事项名称".into(), width_mm: 37.0, align: Align::Left },
                    Column { title: "牵头单位".into(), width_mm: 22.0, align: Align::Center },
                    Column { title: "责任人".into(), width_mm: 15.0, align: Align::Center },
                    Column { title: "办理时限".into(), width_mm: 22.0, align: Align::Center },
                    Column { title: "状态".into(), width_mm: 18.0, align: Align::Center },
                ],
                totals: Some(vec![
                    "合计".into(),
                    String::new(),
                    format!("共{}件，已办结{closed}件", rows.len()),
                    String::new(),
                    String::new(),
                    String::new(),
                    String::new(),
                ]),
                rows,
                font_size_pt: Some(10.5),
            }),
            Block::Blank(Blank { lines: 1 }),
            Block::Paragraph(Paragraph {
                text: "制表：督查室　　审核：王玥".into(),
                align: Align::Right,
                indent: false,
            }),
        ],
    }
}

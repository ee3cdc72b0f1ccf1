//! `luoshi-cli item …` and `luoshi-cli demo`: register, query and move 交办事项; fill demo data.

use std::path::PathBuf;

use clap::{Args, Subcommand};
use luoshi_core::assignment::{
    self, notice, Action, ActionRequest, ActionValues, AssignmentInput, LedgerQuery, LedgerScope, LedgerSort,
    Light, Source, State, Urgency,
};
use luoshi_core::calendar::Category;
use luoshi_core::{Error, Result};

use crate::output::print_json;
use crate::Open;

#[derive(Subcommand)]
pub enum ItemCommand {
    /// 登记: registers an item (or a sub-item with --parent); prints it with its timeline
    Add(Box<AddArgs>),
    /// 台账: a filtered, sorted page of items with their lights
    List(Box<ListArgs>),
    /// 导出台账: every item the filters of `item list` match, as .xlsx; prints {"path","rows","bytes","internal"}
    Export(Box<ExportArgs>),
    /// 导入台账: a ledger (.xlsx, .xlsm, .xls, .csv in UTF-8 or GBK) as items; prints
    /// {"imported","duplicates","created","errors",…}; exit 2, with the same JSON, when problems kept
    /// it from importing anything
    Import(crate::output::ImportArgs),
    /// 导入模板: a blank .xlsx ledger with the import's columns and dropdowns for the coded fields and the units
    Template {
        #[arg(short = 'o', long = "output", value_name = "FILE.xlsx")]
        output: std::path::PathBuf,
    },
    /// One item with its sub-items and timeline
    Show { id: i64 },
    /// Moves an item: assign | accept | progress | report | pass | return | extend | approve-extension |
    /// reject-extension | suspend | resume | remind | revisit | strike-off | archive
    Event(Box<EventArgs>),
    /// 督办通知单 or 催办单 of an item, as PDF
    Print(PrintArgs),
}

#[derive(Args)]
pub struct AddArgs {
    #[arg(long)]
    title: String,
    /// 会议纪要 | 领导批示 | 上级交办 | 来信来访/群众诉求 | 巡视巡察整改 | 其他 (or the codes)
    #[arg(long)]
    source: String,
    #[arg(long)]
    content: String,
    /// immediate | routine | complex (or 即时响应类 …)
    #[arg(long)]
    category: String,
    /// 牵头单位 id
    #[arg(long)]
    lead_unit: i64,
    /// 第一责任人 id
    #[arg(long)]
    responsible: i64,
    /// 协办单位 ids
    #[arg(long = "cooperating", value_delimiter = ',')]
    cooperating: Vec<i64>,
    #[arg(long)]
    urgency: Option<String>,
    /// 交办时间 YYYY-MM-DDTHH:MM (default now)
    #[arg(long)]
    assigned_at: Option<String>,
    /// 办理时限 YYYY-MM-DD or YYYY-MM-DDTHH:MM (default: the category's limit)
    #[arg(long)]
    deadline: Option<String>,
    #[arg(long)]
    feedback_cycle: Option<String>,
    /// 公开 | 内部
    #[arg(long)]
    classification: Option<String>,
    #[arg(long = "tag", value_delimiter = ',')]
    tags: Vec<String>,
    #[arg(long)]
    source_doc_no: Option<String>,
    /// 交办领导 id
    #[arg(long)]
    leader: Option<i64>,
    /// 分管领导 id
    #[arg(long)]
    leader_in_charge: Option<i64>,
    #[arg(long)]
    contact: Option<String>,
    #[arg(long)]
    phone: Option<String>,
    /// 分解: the parent item's id
    #[arg(long)]
    parent: Option<i64>,
    /// Who registers it (default: the local profile)
    #[arg(long)]
    actor: Option<i64>,
}

#[derive(Args)]
pub struct ExportArgs {
    #[arg(short = 'o', long = "output", value_name = "FILE.xlsx")]
    output: std::path::PathBuf,
    #[command(flatten)]
    filters: ListArgs,
}

#[derive(Args)]
pub struct ListArgs {
    /// open (在办) | finished (已办结) | all (全部, the default)
    #[arg(long)]
    scope: Option<String>,
    #[arg(long = "state", value_delimiter = ',')]
    states: Vec<String>,
    #[arg(long = "light", value_delimiter = ',')]
    lights: Vec<String>,
    #[arg(long = "category", value_delimiter = ',')]
    categories: Vec<String>,
    #[arg(long = "source", value_delimiter = ',')]
    sources: Vec<String>,
    #[arg(long = "unit", value_delimiter = ',')]
    units: Vec<i64>,
    #[arg(long = "urgency", value_delimiter = ',')]
    urgencies: Vec<String>,
    /// 交办时间 from (YYYY-MM-DD)
    #[arg(long)]
    from: Option<String>,
    /// 交办时间 to (YYYY-MM-DD)
    #[arg(long)]
    to: Option<String>,
    #[arg(long = "tag", value_delimiter = ',')]
    tags: Vec<String>,
    /// Search over number, title and content
    #[arg(long)]
    text: Option<String>,
    /// deadline | number | light
    #[arg(long)]
    sort: Option<String>,
    #[arg(long)]
    desc: bool,
    #[arg(long)]
    limit: Option<u32>,
    #[arg(long)]
    offset: Option<u32>,
    /// Include sub-items
    #[arg(long)]
    all: bool,
}

impl ListArgs {
    /// The ledger query these options spell.
    pub(crate) fn query(self) -> luoshi_core::Result<LedgerQuery> {
        Ok(LedgerQuery {
            scope: self
                .scope
                .as_deref()
                .map(|s| LedgerScope::parse_at("scope", s))
                .transpose()?
                .unwrap_or_default(),
            states: parse_all(&self.states, State::parse)?,
            lights: parse_all(&self.lights, Light::parse)?,
            categories: parse_all(&self.categories, Category::parse)?,
            sources: parse_all(&self.sources, Source::parse)?,
            lead_unit_ids: self.units,
            urgencies: parse_all(&self.urgencies, Urgency::parse)?,
            assigned_from: self.from,
            assigned_to: self.to,
            tags: self.tags,
            text: self.text,
            sort: self.sort.as_deref().map(parse_sort).transpose()?,
            descending: self.desc,
            limit: self.limit,
            offset: self.offset,
            include_sub_items: self.all,
            ids: None,
        })
    }
}

#[derive(Args)]
pub struct EventArgs {
    id: i64,
    /// assign, accept, progress, report, pass, return, extend, approve-extension, reject-extension,
    /// suspend, resume, remind, revisit, strike-off or archive (or the Chinese label)
    action: String,
    /// Who acted (a person id)
    #[arg(long)]
    actor: i64,
    /// Note, result or reason (进展情况, 退回理由, 中止理由 …)
    #[arg(long)]
    note: Option<String>,
    /// extend: why (延期理由)
    #[arg(long)]
    reason: Option<String>,
    /// 满意度 0–100 (pass, revisit)
    #[arg(long)]
    satisfaction: Option<u8>,
    /// extend: the new deadline
    #[arg(long)]
    new_deadline: Option<String>,
    /// revisit: 30 or 90
    #[arg(long, default_value_t = 30)]
    day: u32,
    /// revisit: the result rebounded (default: held)
    #[arg(long)]
    rebound: bool,
}

#[derive(Args)]
pub struct PrintArgs {
    id: i64,
    /// notice (督办通知单), reminder (催办单), result (办理结果反馈单) or closing (销号审批表)
    paper: String,
    /// reminder: the 催办 event to print (default: the latest)
    #[arg(long)]
    event: Option<i64>,
    /// The file to write
    #[arg(short, long)]
    output: PathBuf,
    /// pdf, or docx for a Word file
    #[arg(long, value_enum, default_value_t = crate::print::Format::Pdf)]
    format: crate::print::Format,
}

#[derive(Args)]
pub struct DemoArgs {
    /// How many items to add
    #[arg(long)]
    items: u32,
}

fn parse_all<T>(values: &[String], parse: fn(&str) -> Result<T>) -> Result<Vec<T>> {
    values.iter().map(|v| parse(v)).collect()
}

fn parse_sort(value: &str) -> Result<LedgerSort> {
    match value.trim() {
        "deadline" | "时限" => Ok(LedgerSort::Deadline),
        "number" | "编号" => Ok(LedgerSort::Number),
        "light" | "灯色" => Ok(LedgerSort::Light),
        other => {
            Err(Error::invalid("sort", format!("排序方式“{other}”无效，应为 deadline、number 或 light")))
        }
    }
}

pub fn run(open: Open, cmd: ItemCommand) -> Result<()> {
    match cmd {
        ItemCommand::Add(a) => {
            let a = *a;
            let input = AssignmentInput {
                parent_id: a.parent,
                title: a.title,
                source: a.source,
                source_doc_no: a.source_doc_no,
                assigning_leader_id: a.leader,
                assigned_at: a.assigned_at,
                content: a.content,
                category: a.category,
                urgency: a.urgency,
                lead_unit_id: a.lead_unit,
                cooperating_unit_ids: a.cooperating,
                responsible_id: a.responsible,
                contact: a.contact,
                contact_phone: a.phone,
                leader_in_charge_id: a.leader_in_charge,
                deadline: a.deadline,
                feedback_cycle: a.feedback_cycle,
                classification: a.classification,
                tags: a.tags,
                actor_id: a.actor,
            };
            let mut store = open()?;
            let id = assignment::register(store.conn_mut(), &input)?;
            print_json(&assignment::get_assignment_detail(store.conn(), id)?)
        }
        ItemCommand::List(l) => print_json(&assignment::ledger(open()?.conn(), &l.query()?)?),
        ItemCommand::Import(a) => {
            let options = luoshi_core::exchange::ImportOptions {
                sheet: a.sheet.clone(),
                dry_run: a.dry_run,
                create_missing: a.create_missing,
                skip_bad_rows: a.skip_bad_rows,
                ..Default::default()
            };
            let report =
                luoshi_core::exchange::import_ledger(open()?.conn_mut(), &a.file, &options, &|_| {})?;
            print_json(&report)?;
            a.outcome(report.errors.len(), report.importable + report.duplicates, "事项")
        }
        ItemCommand::Template { output } => {
            print_json(&luoshi_core::exchange::write_import_template(open()?.conn(), &output)?)
        }
        ItemCommand::Export(e) => {
            let e = *e;
            print_json(&luoshi_core::exchange::export_ledger(open()?.conn(), &e.filters.query()?, &e.output)?)
        }
        ItemCommand::Show { id } => print_json(&assignment::get_assignment_detail(open()?.conn(), id)?),
        ItemCommand::Event(e) => {
            let e = *e;
            let mut store = open()?;
            // The CLI spells codes with hyphens (approve-extension); labels (同意延期) work too.
            let action = Action::parse(&e.action.replace('-', "_"))?;
            let input = ActionValues {
                actor_id: e.actor,
                note: e.note,
                satisfaction: e.satisfaction,
                reason: e.reason,
                new_deadline: e.new_deadline,
                day: Some(e.day),
                held: Some(!e.rebound),
            };
            let request = ActionRequest { action, input };
            assignment::perform(store.conn_mut(), e.id, &request)?;
            print_json(&assignment::get_assignment_detail(store.conn(), e.id)?)
        }
        ItemCommand::Print(p) => {
            let conn = open()?;
            let paper = notice::ItemPaper::parse(&p.paper)?;
            let doc = notice::paper(conn.conn(), p.id, paper, p.event)?;
            crate::print::write(&doc, p.output, p.format)
        }
    }
}

pub fn run_demo(open: Open, args: DemoArgs) -> Result<()> {
    let mut store = open()?;
    print_json(&assignment::fill_demo(store.conn_mut(), args.items)?)
}

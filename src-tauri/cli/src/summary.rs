//! `luoshi-cli template …` and `luoshi-cli summary …`: summary templates, drafting, versions, review,
//! export (PDF, JSON) and import.

use luoshi_core::files::{FileRole, InputFile};
use std::path::PathBuf;

use clap::{ArgGroup, Args, Subcommand, ValueEnum};
use luoshi_core::summary::{
    self, FollowUpInput, FollowUpKind, IndicatorInput, NewSummaryInput, SummaryAction, SummaryActionRequest,
    SummaryActionValues, SummaryKind, SummaryPaper, SummaryQuery, SummaryState,
};
use luoshi_core::Classification;
use luoshi_core::{files, Error, Result};
use serde::Serialize;

use crate::output::print_json;
use crate::Open;

#[derive(Subcommand)]
pub enum TemplateCommand {
    /// The templates (shipped ones are added on first use)
    List {
        /// Include stopped templates
        #[arg(long)]
        all: bool,
    },
    /// One template with its sections and guidance
    Show { id: i64 },
    /// Writes a template as JSON (the import format)
    Export {
        id: i64,
        #[arg(short, long, value_name = "FILE.json")]
        output: PathBuf,
    },
    /// Adds a template from a JSON file; a malformed file changes nothing
    Import { file: PathBuf },
    /// Copies a template (to edit the copy)
    Copy {
        id: i64,
        #[arg(long)]
        name: Option<String>,
    },
}

#[derive(Subcommand)]
pub enum SummaryCommand {
    /// 新建: a summary from a template; prints {"id": …}
    New(NewArgs),
    /// The summaries, newest change first
    List {
        /// 撰写中 | 审核中 | 退回重写 | 审核通过 | 已发布 (or the codes)
        #[arg(long = "state", value_delimiter = ',')]
        states: Vec<String>,
        /// Title contains
        #[arg(long)]
        text: Option<String>,
    },
    /// One summary: header, sections with indicators and opinions, timeline
    Show { id: i64 },
    /// Saves one section's text from a file (UTF-8; `-` reads standard input)
    Section {
        id: i64,
        /// Section number, from 1
        #[arg(long)]
        section: i64,
        #[arg(long, value_name = "FILE")]
        text_file: PathBuf,
    },
    /// Saves a section's indicators table from a JSON file: [{"indicator", "unit", "target", "actual", "note"}]
    Indicators {
        id: i64,
        /// Section number, from 1
        #[arg(long)]
        section: i64,
        #[arg(long, value_name = "FILE.json")]
        file: PathBuf,
    },
    /// 保存版本 with a note
    SaveVersion {
        id: i64,
        #[arg(long)]
        note: Option<String>,
    },
    /// The versions, newest first
    Versions { id: i64 },
    /// Compares version FROM with version TO (default: the current text)
    Diff {
        id: i64,
        #[arg(long)]
        from: i64,
        #[arg(long)]
        to: Option<i64>,
    },
    /// 恢复 a version (as a new version)
    Restore {
        id: i64,
        #[arg(long)]
        version: i64,
    },
    /// Review steps: submit | opinion | return | approve | publish
    Review(Box<ReviewArgs>),
    /// Writes the summary as PDF (the document or its 审批表) or JSON
    Export {
        id: i64,
        #[arg(long, value_enum)]
        format: ExportFormat,
        #[arg(short, long, value_name = "FILE")]
        output: PathBuf,
    },
    /// Imports a summary file as a new summary
    Import { file: PathBuf },
    /// 成果应用: the problems (with cause and measure), experience and plans, the items made from
    /// them and the follow-up figures
    FollowUp { id: i64 },
    /// 转为事项: makes items from problems (问题整改), experience (经验推广) or plans (计划落地);
    /// prints {"id": the first, "ids": all}
    Rectify(Box<RectifyArgs>),
    /// 登记发布 on a published summary: 渠道, date and the units reached; prints the records
    PublishRecord(Box<PublishRecordArgs>),
    /// 登记宣贯培训 on a published summary: date, participants, questions answered; prints the records
    TrainingRecord(Box<TrainingRecordArgs>),
}

#[derive(Args)]
pub struct PublishRecordArgs {
    id: i64,
    /// 内部会议 | 官网公示 | 书面印发 (or meeting, website, document)
    #[arg(long)]
    channel: String,
    /// The day it was published, YYYY-MM-DD
    #[arg(long)]
    date: String,
    /// 覆盖单位: the units it reached
    #[arg(long)]
    covered: String,
    #[arg(long)]
    note: Option<String>,
    /// 登记人 (a person id)
    #[arg(long)]
    actor: i64,
}

#[derive(Args)]
pub struct TrainingRecordArgs {
    id: i64,
    /// The day of the training, YYYY-MM-DD
    #[arg(long)]
    date: String,
    /// 参加人数
    #[arg(long)]
    participants: i64,
    /// 答疑情况: the questions answered
    #[arg(long)]
    questions: Option<String>,
    /// 登记人 (a person id)
    #[arg(long)]
    actor: i64,
}

#[derive(Args)]
#[group(skip)]
#[command(group(ArgGroup::new("entries").required(true).args(["problem", "experience", "plan"])))]
pub struct RectifyArgs {
    id: i64,
    /// Problem numbers (n of `summary follow-up`), comma-separated: 问题整改 items
    #[arg(long, value_delimiter = ',')]
    problem: Vec<i64>,
    /// Experience numbers: 经验推广 items
    #[arg(long, value_delimiter = ',')]
    experience: Vec<i64>,
    /// Plan numbers: 计划落地 items
    #[arg(long, value_delimiter = ',')]
    plan: Vec<i64>,
    /// 牵头单位 id
    #[arg(long)]
    lead_unit: i64,
    /// 第一责任人 id
    #[arg(long)]
    responsible: i64,
    /// 类别 (default 复杂协同类): its limit gives the deadline
    #[arg(long)]
    category: Option<String>,
    /// 办理时限 YYYY-MM-DD instead of the category's
    #[arg(long)]
    deadline: Option<String>,
    /// 登记人 id (default: the local profile)
    #[arg(long)]
    actor: Option<i64>,
}

#[derive(Args)]
pub struct NewArgs {
    #[arg(long)]
    template: i64,
    #[arg(long)]
    title: String,
    /// 阶段性工作总结 | 项目总结 | 年度总结 | 专项总结 (default: the template's)
    #[arg(long)]
    kind: Option<String>,
    /// Period start YYYY-MM-DD (default: 1 January)
    #[arg(long)]
    from: Option<String>,
    /// Period end YYYY-MM-DD (default: today)
    #[arg(long)]
    to: Option<String>,
    /// 撰写单位 id (default: the local profile's unit)
    #[arg(long)]
    unit: Option<i64>,
    /// 撰写人 id (default: the local profile)
    #[arg(long)]
    drafter: Option<i64>,
    /// 公开 | 内部
    #[arg(long)]
    classification: Option<String>,
}

#[derive(Args)]
pub struct ReviewArgs {
    id: i64,
    /// submit | opinion | return | approve | publish
    action: String,
    /// Who acted (a person id)
    #[arg(long)]
    actor: i64,
    /// Note: the reason at submission when checks fail, the opinion text, or a remark
    #[arg(long)]
    note: Option<String>,
    /// opinion/return: the section the opinion is on, from 1 (default: general)
    #[arg(long)]
    section: Option<i64>,
}

#[derive(Clone, Copy, ValueEnum)]
pub enum ExportFormat {
    /// The summary as a GB/T 9704 document
    Pdf,
    /// The 审批表 (approval sheet)
    ApprovalPdf,
    /// The summary as a Word file with real heading styles
    Docx,
    /// The summary file (to import on another PC)
    Json,
}

#[derive(Serialize)]
struct Created {
    id: i64,
}

#[derive(Serialize)]
struct Made {
    id: i64,
    ids: Vec<i64>,
}

#[derive(Serialize)]
struct Written {
    output: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pages: Option<u32>,
    bytes: u64,
}

/// The file the user named, or standard input for `-`; either is refused past the role's size
/// limit, with the role and path in the message.
pub(crate) fn read_input(file: &InputFile) -> Result<String> {
    if file.path.as_os_str() == "-" {
        return file.read_from(std::io::stdin());
    }
    file.read_text()
}

fn section_index(n: i64) -> Result<i64> {
    if n < 1 {
        return Err(Error::invalid("section", "章节从 1 开始编号"));
    }
    Ok(n - 1)
}

pub fn run_template(open: Open, cmd: TemplateCommand) -> Result<()> {
    match cmd {
        TemplateCommand::List { all } => print_json(&summary::list_templates(open()?.conn(), all)?),
        TemplateCommand::Show { id } => print_json(&summary::get_template(open()?.conn(), id)?),
        TemplateCommand::Export { id, output } => {
            let text = summary::export_template(open()?.conn(), id)?;
            files::write_atomically(&output, text.as_bytes())?;
            print_json(&Written {
                output: output.display().to_string(),
                pages: None,
                bytes: text.len() as u64,
            })
        }
        TemplateCommand::Import { file } => {
            let file = InputFile::new(FileRole::Template, file);
            let text = read_input(&file)?;
            let mut store = open()?;
            print_json(&summary::import_template(store.conn_mut(), &text).map_err(|e| file.error(e))?)
        }
        TemplateCommand::Copy { id, name } => {
            let mut store = open()?;
            print_json(&summary::copy_template(store.conn_mut(), id, name.as_deref())?)
        }
    }
}

pub fn run(open: Open, cmd: SummaryCommand) -> Result<()> {
    match cmd {
        SummaryCommand::New(a) => {
            let input = NewSummaryInput {
                template_id: a.template,
                title: a.title,
                kind: a.kind.as_deref().map(SummaryKind::parse).transpose()?,
                period_from: a.from,
                period_to: a.to,
                unit_id: a.unit,
                drafter_id: a.drafter,
                classification: a.classification.as_deref().map(Classification::parse).transpose()?,
            };
            let mut store = open()?;
            print_json(&Created { id: summary::create_summary(store.conn_mut(), &input)? })
        }
        SummaryCommand::List { states, text } => {
            let query = SummaryQuery {
                states: states.iter().map(|s| SummaryState::parse(s)).collect::<Result<_>>()?,
                kinds: vec![],
                text,
            };
            print_json(&summary::list_summaries(open()?.conn(), &query)?)
        }
        SummaryCommand::Show { id } => print_json(&summary::get_summary_detail(open()?.conn(), id)?),
        SummaryCommand::Section { id, section, text_file } => {
            let text = read_input(&InputFile::new(FileRole::SectionText, text_file))?;
            let mut store = open()?;
            print_json(&summary::save_section(store.conn_mut(), id, section_index(section)?, &text)?)
        }
        SummaryCommand::Indicators { id, section, file } => {
            let file = InputFile::new(FileRole::Indicators, file);
            let text = read_input(&file)?;
            let rows: Vec<IndicatorInput> = luoshi_core::json::parse(&text).map_err(|e| {
                file.error(Error::invalid(
                    "file",
                    format!("应为指标行的 JSON 数组：{} {}", e.path, e.message),
                ))
            })?;
            let mut store = open()?;
            print_json(&summary::save_indicators(store.conn_mut(), id, section_index(section)?, &rows)?)
        }
        SummaryCommand::SaveVersion { id, note } => {
            let mut store = open()?;
            print_json(&summary::save_version(store.conn_mut(), id, note.as_deref())?)
        }
        SummaryCommand::Versions { id } => print_json(&summary::list_versions(open()?.conn(), id)?),
        SummaryCommand::Diff { id, from, to } => {
            print_json(&summary::diff_versions(open()?.conn(), id, from, to)?)
        }
        SummaryCommand::Restore { id, version } => {
            let mut store = open()?;
            print_json(&summary::restore_version(store.conn_mut(), id, version)?)
        }
        SummaryCommand::Review(r) => review(open, *r),
        SummaryCommand::Export { id, format, output } => {
            let store = open()?;
            let written = match format {
                ExportFormat::Json => {
                    let text = summary::export_summary_json(store.conn(), id)?;
                    files::write_atomically(&output, text.as_bytes())?;
                    Written { output: output.display().to_string(), pages: None, bytes: text.len() as u64 }
                }
                ExportFormat::Docx => {
                    let path = summary::export_summary_docx_to_file(store.conn(), id, &output)?;
                    let bytes = std::fs::metadata(&path)?.len();
                    Written { output: path.display().to_string(), pages: None, bytes }
                }
                ExportFormat::Pdf | ExportFormat::ApprovalPdf => {
                    let paper = match format {
                        ExportFormat::ApprovalPdf => SummaryPaper::ApprovalSheet,
                        _ => SummaryPaper::Document,
                    };
                    let rendered = summary::render_paper(store.conn(), id, paper)?;
                    files::write_atomically(&output, &rendered.pdf)?;
                    Written {
                        output: output.display().to_string(),
                        pages: Some(rendered.pages),
                        bytes: u64::from(rendered.bytes),
                    }
                }
            };
            print_json(&written)
        }
        SummaryCommand::FollowUp { id } => print_json(&summary::follow_up(open()?.conn(), id)?),
        SummaryCommand::Rectify(a) => {
            let (kind, numbers) = if !a.problem.is_empty() {
                (FollowUpKind::Rectify, a.problem)
            } else if !a.experience.is_empty() {
                (FollowUpKind::Experience, a.experience)
            } else {
                (FollowUpKind::Plan, a.plan)
            };
            let input = FollowUpInput {
                kind,
                numbers,
                lead_unit_id: a.lead_unit,
                responsible_id: a.responsible,
                category: a.category,
                deadline: a.deadline,
                actor_id: a.actor,
            };
            let mut store = open()?;
            let ids = summary::make_items(store.conn_mut(), a.id, &input)?;
            print_json(&Made { id: ids[0], ids })
        }
        SummaryCommand::PublishRecord(a) => {
            let input = SummaryActionValues {
                actor_id: a.actor,
                note: a.note,
                channel: Some(a.channel),
                date: Some(a.date),
                covered: Some(a.covered),
                ..Default::default()
            };
            record(open, a.id, SummaryAction::RecordPublication, input)
        }
        SummaryCommand::TrainingRecord(a) => {
            let input = SummaryActionValues {
                actor_id: a.actor,
                note: a.questions,
                date: Some(a.date),
                participants: Some(a.participants),
                ..Default::default()
            };
            record(open, a.id, SummaryAction::RecordTraining, input)
        }
        SummaryCommand::Import { file } => {
            let file = InputFile::new(FileRole::Summary, file);
            let text = read_input(&file)?;
            let mut store = open()?;
            print_json(&Created {
                id: summary::import_summary(store.conn_mut(), &text).map_err(|e| file.error(e))?,
            })
        }
    }
}

/// 登记发布 or 登记宣贯培训 through the review's one door; prints the summary's records.
fn record(open: Open, id: i64, action: SummaryAction, input: SummaryActionValues) -> Result<()> {
    let mut store = open()?;
    summary::perform(store.conn_mut(), id, &SummaryActionRequest { action, input })?;
    print_json(&summary::records(store.conn(), id)?)
}

fn review(open: Open, r: ReviewArgs) -> Result<()> {
    let mut store = open()?;
    let action = SummaryAction::parse(&r.action)?;
    let input = SummaryActionValues {
        actor_id: r.actor,
        note: r.note,
        section: r.section.map(section_index).transpose()?,
        ..Default::default()
    };
    summary::perform(store.conn_mut(), r.id, &SummaryActionRequest { action, input })?;
    print_json(&summary::get_summary_detail(store.conn(), r.id)?)
}

//! `luoshi-cli calendar …`: deadlines, working days, and the calendar file of a year.

use luoshi_core::files::{FileRole, InputFile};
use std::io::Write;
use std::path::PathBuf;

use clap::{ArgGroup, Subcommand};
use luoshi_core::calendar::{self, DayKind, LimitUnit};
use luoshi_core::{Error, Result};
use serde::Serialize;

use crate::output::print_json;
use crate::Open;

#[derive(Subcommand)]
pub enum CalendarCommand {
    /// The deadline of a limit: prints {"due": …, "confirmed": …}
    Add {
        /// Start, China Standard Time: YYYY-MM-DDTHH:MM (or RFC 3339 with an offset)
        #[arg(long)]
        from: String,
        #[arg(long)]
        amount: u32,
        /// working-days | working-hours | days | hours
        #[arg(long)]
        unit: String,
    },
    /// Whether a date (YYYY-MM-DD) is a working day: prints true or false
    IsWorkday { date: String },
    /// Writes a year as a calendar file (the shipped format); to stdout without -o
    Export {
        #[arg(long)]
        year: i32,
        #[arg(short = 'o', long = "output", value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// Imports every year of a calendar file; each replaces that year's calendar
    Import { file: PathBuf },
    /// Marks a day off (--off) or working (--work)
    #[command(group(ArgGroup::new("kind").required(true).args(["off", "work"])))]
    SetDay {
        date: String,
        #[arg(long)]
        off: bool,
        #[arg(long)]
        work: bool,
        /// Name shown on the day, e.g. 单位调休
        #[arg(long)]
        note: Option<String>,
    },
}

pub fn run(open: Open, cmd: CalendarCommand) -> Result<()> {
    match cmd {
        CalendarCommand::Add { from, amount, unit } => {
            let start = calendar::parse_time("from", &from)?;
            let unit = LimitUnit::parse(&unit)?;
            print_one_line(&calendar::add_limit(open()?.conn(), start, amount, unit)?)
        }
        CalendarCommand::IsWorkday { date } => {
            let date = calendar::parse_date("date", &date)?;
            print_one_line(&(calendar::is_workday(open()?.conn(), date)?.kind == DayKind::Workday))
        }
        CalendarCommand::Export { year, output } => {
            let text = calendar::export_year_json(open()?.conn(), year)?;
            match output {
                None => crate::output::print_text(&text),
                Some(path) => {
                    luoshi_core::files::write_atomically(&path, format!("{text}\n").as_bytes())?;
                    print_json(&serde_json::json!({"year": year, "file": path.display().to_string()}))
                }
            }
        }
        CalendarCommand::Import { file } => {
            let file = InputFile::new(FileRole::Calendar, file);
            let text = file.read_text()?;
            let years = calendar::import_year_json(open()?.conn_mut(), &text).map_err(|e| file.error(e))?;
            print_json(&serde_json::json!({ "imported": years }))
        }
        CalendarCommand::SetDay { date, off, work: _, note } => {
            let date = calendar::parse_date("date", &date)?;
            let kind = if off { DayKind::Offday } else { DayKind::Workday };
            print_json(&calendar::set_day(open()?.conn_mut(), date, kind, note.as_deref())?)
        }
    }
}

/// One line, spaced like `{"due": "…", "confirmed": true}`: what `calendar add` promises to print.
fn print_one_line(value: &impl Serialize) -> Result<()> {
    let mut out = Vec::new();
    let mut serializer = serde_json::Serializer::with_formatter(&mut out, Spaced);
    value.serialize(&mut serializer).map_err(|e| Error::Io(std::io::Error::other(e)))?;
    crate::output::print_text(&String::from_utf8_lossy(&out))
}

/// Compact JSON with a space after each `:` and `,`.
struct Spaced;

impl serde_json::ser::Formatter for Spaced {
    fn begin_object_key<W: ?Sized + Write>(&mut self, writer: &mut W, first: bool) -> std::io::Result<()> {
        if first {
            Ok(())
        } else {
            writer.write_all(b", ")
        }
    }

    fn begin_object_value<W: ?Sized + Write>(&mut self, writer: &mut W) -> std::io::Result<()> {
        writer.write_all(b": ")
    }

    fn begin_array_value<W: ?Sized + Write>(&mut self, writer: &mut W, first: bool) -> std::io::Result<()> {
        if first {
            Ok(())
        } else {
            writer.write_all(b", ")
        }
    }
}

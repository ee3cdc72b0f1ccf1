//! `luoshi-cli print …`: render a document model, or a built-in sample, as PDF or as a Word file.

use luoshi_core::files::{FileRole, InputFile};
use std::path::PathBuf;

use clap::{Subcommand, ValueEnum};
use luoshi_core::print::{self, Document, SampleKind};
use luoshi_core::Result;
use serde::Serialize;

use crate::output::print_json;
use crate::Open;

#[derive(Subcommand)]
pub enum PrintCommand {
    /// Render a document model (JSON, see docs/print-model.md) as PDF or .docx
    Render {
        /// The model; `-` reads standard input
        model: PathBuf,
        #[arg(short, long, value_name = "OUT.pdf")]
        output: PathBuf,
        #[arg(long, value_enum, default_value_t = Format::Pdf)]
        format: Format,
    },
    /// Write a built-in sample as PDF or .docx
    Sample {
        #[arg(long, value_enum)]
        kind: Kind,
        /// Rows of the table sample
        #[arg(long, default_value_t = 200)]
        rows: usize,
        #[arg(short, long, value_name = "OUT.pdf")]
        output: PathBuf,
        #[arg(long, value_enum, default_value_t = Format::Pdf)]
        format: Format,
    },
    /// The shipped fonts, their roles, licences and coverage
    Fonts,
}

#[derive(Clone, Copy, ValueEnum)]
pub enum Kind {
    Document,
    Form,
    Table,
}

/// What to write: the printed PDF, or a Word file (.docx) with the same content and styles.
#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Pdf,
    Docx,
}

#[derive(Serialize)]
struct WrittenDocx {
    output: String,
    format: &'static str,
    bytes: usize,
}

#[derive(Serialize)]
struct Written {
    output: String,
    pages: u32,
    bytes: u32,
}

pub fn run(_open: Open, cmd: PrintCommand) -> Result<()> {
    match cmd {
        PrintCommand::Render { model, output, format } => {
            let file = InputFile::new(FileRole::PrintModel, model);
            let text = crate::summary::read_input(&file)?;
            let doc = Document::from_json(&text).map_err(|e| file.error(e.into()))?;
            // Laying out can refuse the model too (too many pages, a character no font has).
            write(&doc, output, format).map_err(|e| if e.is_bad_input() { file.error(e) } else { e })
        }
        PrintCommand::Sample { kind, rows, output, format } => {
            let kind = match kind {
                Kind::Document => SampleKind::Document,
                Kind::Form => SampleKind::Form,
                Kind::Table => SampleKind::Table,
            };
            write(&print::checked_sample(kind, rows)?, output, format)
        }
        PrintCommand::Fonts => print_json(&print::fonts_in_use()?),
    }
}

/// Renders `doc` to `output` as PDF or .docx and prints what was written.
pub(crate) fn write(doc: &Document, output: PathBuf, format: Format) -> Result<()> {
    if format == Format::Docx {
        let bytes = print::render_docx(doc)?;
        luoshi_core::files::write_atomically(&output, &bytes)?;
        return print_json(&WrittenDocx {
            output: output.display().to_string(),
            format: "docx",
            bytes: bytes.len(),
        });
    }
    let rendered = print::render_counted(doc)?;
    std::fs::write(&output, &rendered.pdf)?;
    print_json(&Written {
        output: output.display().to_string(),
        pages: rendered.pages,
        bytes: rendered.bytes,
    })
}

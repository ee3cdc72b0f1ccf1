//! `luoshi-cli audit verify` and `audit list`: the hash-chained audit trail, as JSON.

use clap::Subcommand;
use luoshi_core::audit::{self, AuditFilter};
use luoshi_core::{calendar, Result};

use crate::output::print_json;
use crate::Open;

#[derive(Subcommand)]
pub enum AuditCommand {
    /// Walks the chain and compares the data with it: prints the report; exit 1 naming the first broken record
    Verify,
    /// Records, newest first: prints [{"seq","at","actor","action","object_kind","object_id","before","after",…}]
    List {
        /// Only this object: KIND (a table, e.g. assignment) or KIND:ID (e.g. assignment:12)
        #[arg(long, value_name = "KIND:ID")]
        object: Option<String>,
        /// From this day (YYYY-MM-DD, China Standard Time)
        #[arg(long, value_name = "DATE")]
        from: Option<String>,
        /// Up to this day, included
        #[arg(long, value_name = "DATE")]
        to: Option<String>,
        /// At most this many records (default 200)
        #[arg(long)]
        limit: Option<i64>,
        #[arg(long)]
        offset: Option<i64>,
    },
}

pub fn run(open: Open, cmd: AuditCommand) -> Result<()> {
    match cmd {
        AuditCommand::Verify => {
            let report = audit::verify(open()?.conn())?;
            print_json(&report)?;
            match report.error() {
                Some(e) => Err(e),
                None => Ok(()),
            }
        }
        AuditCommand::List { object, from, to, limit, offset } => {
            let (object_kind, object_id) = match object {
                Some(o) => match o.split_once(':') {
                    Some((kind, id)) => (Some(kind.to_string()), Some(id.to_string())),
                    None => (Some(o), None),
                },
                None => (None, None),
            };
            let filter = AuditFilter {
                object_kind,
                object_id,
                from: from.map(|v| calendar::parse_date("from", &v)).transpose()?,
                to: to.map(|v| calendar::parse_date("to", &v)).transpose()?,
                limit,
                offset,
            };
            print_json(&audit::list(open()?.conn(), &filter)?)
        }
    }
}

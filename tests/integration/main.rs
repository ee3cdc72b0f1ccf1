//! The integration tests, one binary with a module per area: the core and the CLI against a real
//! SQLite file in a temp dir. Shared helpers are in `fixtures`; the rule is in tests/README.md.

mod fixtures;

mod archive;
mod assignment;
mod audit;
mod backup;
mod bad_files;
mod calendar;
mod check;
mod classification;
mod cli;
mod concurrency;
mod crash;
mod docx;
mod encryption;
mod exchange;
mod follow_up;
mod ledger_import;
mod org;
mod papers;
mod print;
mod remind;
mod report;
mod stats;
mod summary;

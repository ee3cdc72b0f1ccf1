//! 导入与导出: the ledger and the directory as spreadsheets, in and out. Excel and WPS read what is
//! written here (rust_xlsxwriter); see `docs/exchange.md`.

mod contacts;
mod directory;
mod fields;
mod import;
mod ledger;
mod progress;
pub(crate) mod table;
mod template;
pub(crate) mod values;
pub(crate) mod workbook;

pub use contacts::{import_contacts, ContactOptions, ContactReport};
pub use directory::{Created, UnitAlias};
pub use fields::{ContactField, LedgerField};
pub use import::{
    import_ledger, ImportOptions, ImportProblem, ImportReport, PreviewRow, SheetMapping, SheetReport,
};
pub use ledger::{export_ledger, ExportReport, LEDGER_COLUMNS};
pub use progress::ImportProgress;
pub use table::Column;
pub use template::{write_import_template, TEMPLATE_COLUMNS};

/// A spreadsheet writer's failure, in Chinese, naming the file.
pub(crate) fn xlsx_error(path: &std::path::Path, e: rust_xlsxwriter::XlsxError) -> crate::Error {
    crate::Error::Io(std::io::Error::other(format!("写入 Excel 文件“{}”出错：{e}", path.display())))
}

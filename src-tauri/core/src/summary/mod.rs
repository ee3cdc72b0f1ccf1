//! 总结: templates (data users edit, copy, import and export), summaries drafted section by section
//! with an indicators table, versions and their comparison, the review cycle as append-only events,
//! the JSON file that moves a summary between PCs, and its printed papers. domain.md Part 2 is the
//! specification; docs/summaries.md describes the model, the states and the file formats.

mod checks;
pub mod desk;
mod detail;
pub mod draft;
pub mod exchange;
pub mod figures;
pub mod flow;
pub mod follow_up;
pub mod indicators;
mod json;
pub mod model;
pub mod print;
pub mod publicity;
pub mod review;
pub mod template;
pub mod version;

#[cfg(test)]
pub(crate) mod tests;

pub use checks::run_check;
pub use desk::{
    clear_last_open, export_summary_docx_to_file, export_summary_to_file, export_template_to_file, last_open,
    set_last_open, LastOpen,
};
pub use detail::get_summary_detail;
pub use draft::{
    create_summary, get_summary, list_summaries, save_indicators, save_section, update_summary_info,
    word_count,
};
pub use exchange::{export_summary_json, import_summary, summary_file, SummaryFile, SUMMARY_FORMAT};
pub use figures::{insert_ledger_figures, ledger_figures, FiguresInserted, LedgerFigures};
pub use flow::{Summaries, SummaryActionRequest, SummaryActionValues};
pub use follow_up::{
    follow_up, make_items, FollowUp, FollowUpEntry, FollowUpInput, FollowUpItem, FollowUpRates,
    FollowUpTotals,
};
pub use model::{
    DiffOp, DiffSpan, FollowUpKind, Indicator, IndicatorInput, NewSummaryInput, OpinionInput,
    PublicationChannel, ReturnInput, ReviewInput, ReviewOpinion, SectionChange, SectionDiff, SectionSaved,
    Summary, SummaryAction, SummaryDetail, SummaryDiff, SummaryEvent, SummaryEventKind, SummaryField,
    SummaryInfoInput, SummaryKind, SummaryQuery, SummarySection, SummaryState, SummaryVersion,
    SummaryVersionInfo, SummaryVersionKind, Template, TemplateInfo, TemplateInput, TemplateSection,
    VersionContent, VersionSection,
};
pub use print::{approval_sheet, paper, render_paper, summary_document, SummaryPaper};
pub use publicity::{publicity_document, publicity_draft, records, PublicityDraft, PublicityRecord};
pub use review::{add_opinion, approve, events, opinions, perform, publish, return_for_rewrite, submit};
pub use template::{
    add_template, copy_template, export_template, get_template, import_template, list_templates,
    parse_template_file, seed_templates, set_template_active, update_template, TEMPLATE_FORMAT,
};
pub use version::{diff_text, diff_versions, get_version, list_versions, restore_version, save_version};

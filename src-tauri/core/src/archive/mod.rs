//! 归档 (DA/T 22-2015 归档文件整理规则): a struck-off item or a published summary becomes a 件 with
//! its 档号, bound as one PDF with the 归档章 on its first page, listed in the 归档文件目录 and
//! handed to the archives office as a package with a manifest of checksums.
//!
//! - [`settings`]: 全宗号, 全宗名称, the classing scheme, 机构(问题) codes, default retentions, box size.
//! - [`parts`]: what a 件 is made of, in the standard's order, and what a candidate lacks.
//! - [`completeness`]: 归档完整率 of a year.
//! - [`filing`]: filing (through the lifecycle engine: item or summary → 已归档, and the 件's own
//!   events), 件号 in 按时间结合事由 order without gaps, reordering, 确认归档 of a year.
//! - [`catalogue`]: 归档文件目录 (PDF, .xlsx), 备考表 and box spine labels.
//! - [`package`]: the package of a year on disk, and its verification.
//!
//! 件 are a lifecycle of their own ([`Files`]): 已归档 (the order may change) → 已确认 (fixed; the
//! row can no longer change, a trigger guards it).

pub mod catalogue;
pub mod completeness;
pub mod filing;
pub mod package;
pub mod parts;
pub mod settings;

#[cfg(test)]
mod tests;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

pub use catalogue::{
    box_sheets, boxes_paper, catalogue, catalogue_document, catalogue_paper, catalogue_xlsx,
    save_catalogue_xlsx, Catalogue, CATALOGUE_COLUMNS,
};
pub use completeness::{completeness, CompletenessReport};
pub use filing::{
    candidates, confirm_year, file, get_file, list_files, move_file, ArchiveQuery, FileRequest,
};
pub use package::{export_year, verify_package, PackageReport, VerifyReport};
pub use parts::{checklist, file_document, file_paper, Candidate, Part};
pub use settings::{get_settings, get_setup, save_settings, ArchiveSettings, ArchiveSetup, OrgCode};

use crate::lifecycle::{Lifecycle, Tables};
use crate::Classification;

coded_enum!(
    /// 保管期限, with its DA/T 22 code (Y, D30, D10).
    #[ts(rename = "ArchiveRetention")]
    Retention, "retention", "保管期限", {
    Permanent = ("permanent", "永久"),
    Years30 = ("years30", "定期30年"),
    Years10 = ("years10", "定期10年"),
});

impl Retention {
    /// The code in a 档号: Y, D30, D10.
    pub fn mark(self) -> &'static str {
        match self {
            Retention::Permanent => "Y",
            Retention::Years30 => "D30",
            Retention::Years10 => "D10",
        }
    }

    /// As the 归档章 writes it: 永久, 30年, 10年.
    pub fn short(self) -> &'static str {
        match self {
            Retention::Permanent => "永久",
            Retention::Years30 => "30年",
            Retention::Years10 => "10年",
        }
    }

    /// Y, D30, D10, 永久, 30年, 10年, 定期30年 … as a clerk types them.
    pub fn parse_any(field: &str, text: &str) -> crate::Result<Retention> {
        let t = text.trim();
        Retention::ALL
            .iter()
            .copied()
            .find(|r| [r.code(), r.label(), r.mark(), r.short()].iter().any(|w| w.eq_ignore_ascii_case(t)))
            .ok_or_else(|| {
                crate::Error::invalid(
                    field,
                    format!("保管期限“{text}”无效，应为 Y（永久）、D30（30年）或 D10（10年）"),
                )
            })
    }
}

coded_enum!(
    /// 分类方案: the order of the classes below the year, which is also the order in the 档号.
    #[ts(rename = "ArchiveScheme")]
    Scheme, "scheme", "分类方案", {
    YearRetentionOrg = ("year_retention_org", "年度—保管期限—机构(问题)"),
    YearOrgRetention = ("year_org_retention", "年度—机构(问题)—保管期限"),
});

coded_enum!(
    /// What a 件 was made from.
    #[ts(rename = "ArchiveFileKind")]
    FileKind, "kind", "件的来源", {
    Item = ("item", "交办事项"),
    Summary = ("summary", "总结"),
});

coded_enum!(
    /// The state of a 件.
    #[ts(rename = "ArchiveFileState")]
    FileState, "state", "件的状态", {
    /// Filed: its 件号 follows the order, which may still change.
    Filed = ("filed", "已归档"),
    /// 确认归档: numbers fixed, the 件 read-only.
    Confirmed = ("confirmed", "已确认"),
});

coded_enum!(
    /// What happened to a 件.
    #[ts(rename = "ArchiveFileEventKind")]
    FileEventKind, "kind", "归档事件", {
    File = ("file", "归档"),
    Move = ("move", "调整件号"),
    Confirm = ("confirm", "确认归档"),
});

coded_enum!(
    /// What may be done to a 件.
    #[ts(rename = "ArchiveFileAction")]
    FileAction, "action", "归档操作", {
    Move = ("move", "调整件号"),
    Confirm = ("confirm", "确认归档"),
});

/// 件 in the lifecycle engine.
pub struct Files;

impl Lifecycle for Files {
    type State = FileState;
    type Kind = FileEventKind;
    type Action = FileAction;
    const TABLES: Tables = Tables { records: "archive_file", events: "archive_event", key: "file_id" };
    const NOUN: &'static str = "件";

    fn allowed_in(_action: FileAction) -> &'static [FileState] {
        &[FileState::Filed]
    }
}

/// 档案门类代码 of 文书 (DA/T 22): the only class 落实 files.
pub const CATEGORY_CODE: &str = "WS";

/// What is filed: an item or a summary, by id.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(tag = "kind", content = "id", rename_all = "snake_case")]
#[ts(export, rename = "ArchiveTarget")]
pub enum Target {
    Item(i64),
    Summary(i64),
}

impl Target {
    pub fn kind(self) -> FileKind {
        match self {
            Target::Item(_) => FileKind::Item,
            Target::Summary(_) => FileKind::Summary,
        }
    }

    pub fn id(self) -> i64 {
        match self {
            Target::Item(id) | Target::Summary(id) => id,
        }
    }
}

/// One 件 as the archive lists it.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export, rename = "ArchiveFile")]
pub struct ArchiveFile {
    pub id: i64,
    pub target: Target,
    /// 档号, e.g. Z109-WS·2026-D30-DCS-0001.
    pub archival_code: String,
    pub fonds_code: String,
    pub year: i32,
    pub retention: Retention,
    pub org_code: String,
    /// 件号, from 1 within year, retention and 机构.
    pub item_no: i64,
    /// 文号; empty when there is none.
    pub doc_no: String,
    /// 责任者
    pub author: String,
    /// 题名 as written; see `title_supplied`.
    pub title: String,
    /// A title the archivist wrote (自拟题名): printed in [ ].
    pub title_supplied: bool,
    /// 日期, 8 digits: 20260315.
    pub date: String,
    pub classification: Classification,
    pub pages: i64,
    /// 备注
    pub remark: String,
    pub state: FileState,
}

impl ArchiveFile {
    /// 题名 as the catalogue prints it: a supplied title in [ ].
    pub fn printed_title(&self) -> String {
        if self.title_supplied {
            format!("[{}]", self.title)
        } else {
            self.title.clone()
        }
    }

    /// 密级 as the catalogue prints it: blank for 公开.
    pub fn printed_classification(&self) -> &'static str {
        match self.classification {
            Classification::Internal => Classification::Internal.label(),
            Classification::Public => "",
        }
    }
}

/// 档号: 全宗号-WS·年度-保管期限-机构代码-件号 (or 机构 before 保管期限, as the scheme classes).
pub fn archival_code(
    scheme: Scheme,
    fonds: &str,
    year: i32,
    retention: Retention,
    org: &str,
    item_no: i64,
) -> String {
    let (first, second) = match scheme {
        Scheme::YearRetentionOrg => (retention.mark(), org),
        Scheme::YearOrgRetention => (org, retention.mark()),
    };
    format!("{fonds}-{CATEGORY_CODE}·{year}-{first}-{second}-{item_no:04}")
}

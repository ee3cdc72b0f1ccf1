//! 密级. Only 公开 and 内部 exist: 涉密 (state-secret) material must never be processed on office PCs
//! running this app, so there is no such level to choose.

/// What every form with a 密级 field says beside it.
pub const NOTICE: &str = "只有公开、内部两级；涉密材料不得在本程序中处理";

coded_enum!(
    /// 密级 of an item, a summary or a printed document. 内部 is marked on every print and export.
    Classification, "classification", "密级", {
    Public = ("public", "公开"),
    Internal = ("internal", "内部"),
});

impl Classification {
    /// What a printed page marks: 内部, or nothing for 公开.
    pub fn mark(self) -> Option<Classification> {
        (self == Classification::Internal).then_some(self)
    }
}

//! 设置 → 审计日志: the records, filtered, and the chain's verification.

use luoshi_core::audit::{self, AuditFilter, AuditRecord, AuditReport};

commands! {
    /// The audit records, newest first, by object (kind, id) and by day.
    fn list_audit(state, filter: AuditFilter) -> Vec<AuditRecord> {
        state.with(|s| audit::list(s.conn(), &filter))
    }

    /// 校验: walks the chain and compares the data with it; a broken trail is a report, not an error.
    fn verify_audit(state) -> AuditReport {
        state.with(|s| audit::verify(s.conn()))
    }
}

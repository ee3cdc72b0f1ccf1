//! 设置 → 数据与备份, and the 数据文件已损坏 page: the backups, 立即备份, 另存到…, 从备份恢复.

use std::path::PathBuf;

use luoshi_core::backup::{self, BackupInfo, BackupReason, RestoreReport, Retention};

commands! {
    /// The backups in the data folder's `backups/`, newest first; works when the data file could not be opened.
    fn list_backups(state) -> Vec<BackupInfo> {
        state.with_dir(backup::list)
    }

    /// 立即备份: a checked backup into `backups/`.
    fn create_backup(state) -> BackupInfo {
        state.with(|s| backup::create(s.conn(), BackupReason::Manual))
    }

    /// 另存到…: a checked backup into the file the user chose (`.sqlite3` added when missing).
    fn save_backup_to(state, path: String) -> BackupInfo {
        state.with(|s| backup::create_to(s.conn(), &PathBuf::from(&path)))
    }

    /// 从备份恢复 from a listed backup or any file: checked first, the current data backed up, then swapped.
    fn restore_backup(state, path: String) -> RestoreReport {
        state.restore(&PathBuf::from(&path))
    }

    fn get_backup_retention(state) -> Retention {
        state.with(|s| backup::retention(s.conn()))
    }

    fn set_backup_retention(state, retention: Retention) -> Retention {
        state.with(|s| backup::set_retention(s.conn_mut(), &retention))
    }
}

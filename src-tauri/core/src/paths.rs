//! Where the data lives: `--data-dir` beats `LUOSHI_DATA_DIR`, which beats the OS app-data folder.

use std::path::PathBuf;

/// Same as the bundle identifier in `tauri.conf.json`, so the CLI and the window find the same folder.
pub const APP_IDENTIFIER: &str = "cn.luoshi.desktop";
/// The environment variable that moves the data folder (tests and development never touch real data).
pub const DATA_DIR_ENV: &str = "LUOSHI_DATA_DIR";
/// The database file inside the data folder.
pub const DATABASE_FILE: &str = "luoshi.sqlite3";

/// Resolves the data folder: an explicit choice first, then the environment, then the OS default.
pub fn resolve_data_dir(explicit: Option<PathBuf>) -> crate::Result<PathBuf> {
    if let Some(dir) = explicit {
        return Ok(dir);
    }
    if let Some(dir) = std::env::var_os(DATA_DIR_ENV).filter(|v| !v.is_empty()) {
        return Ok(PathBuf::from(dir));
    }
    dirs::data_dir().map(|base| base.join(APP_IDENTIFIER)).ok_or_else(|| crate::Error::Invalid {
        field: "data_dir".into(),
        message: format!("找不到系统的应用数据文件夹，请设置环境变量 {DATA_DIR_ENV} 指定数据文件夹"),
    })
}

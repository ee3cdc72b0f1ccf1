//! Where the data lives: `--data-dir` beats `LUOSHI_DATA_DIR`, which beats the OS app-data folder.

use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

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

/// The name one running window holds for its data folder (a D-Bus name on Linux), so a second start
/// on the same folder brings that window forward while another folder may have its own window. The
/// folder is made absolute first: `./data` and `/home/x/data` are the same folder.
pub fn instance_id(data_dir: &Path) -> String {
    let absolute = std::fs::canonicalize(data_dir)
        .or_else(|_| std::path::absolute(data_dir))
        .unwrap_or_else(|_| data_dir.to_path_buf());
    let digest = Sha256::digest(absolute.as_os_str().as_encoded_bytes());
    let hex = crate::text::hex(&digest[..8]);
    // A D-Bus name element may not start with a digit.
    format!("{APP_IDENTIFIER}.d{hex}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_instance_id_per_data_folder() {
        let dir = tempfile::tempdir().expect("temp dir");
        let (a, b) = (dir.path().join("a"), dir.path().join("b"));
        std::fs::create_dir_all(&a).expect("a");
        std::fs::create_dir_all(&b).expect("b");
        assert_eq!(instance_id(&a), instance_id(&a.join("..").join("a")));
        assert_ne!(instance_id(&a), instance_id(&b));
        let id = instance_id(&a);
        assert!(
            id.starts_with("cn.luoshi.desktop.d") && id.len() == "cn.luoshi.desktop.d".len() + 16,
            "{id}"
        );
    }
}

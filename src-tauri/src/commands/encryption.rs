//! 设置 → 数据与备份 → 数据加密, and the 解锁 page of an encrypted data folder.

use luoshi_core::encryption::{self, EncryptionStatus, RecoveryKey, Secret};
use luoshi_core::{print, time};

use super::Bytes;

commands! {
    /// Whether the data file is encrypted; works while it is locked.
    fn encryption_status(state) -> EncryptionStatus {
        state.with_dir(encryption::status)
    }

    /// 解锁: opens the encrypted data folder with the password or the recovery key.
    fn unlock_data(state, secret: Secret) -> () {
        state.unlock(&secret)
    }

    /// A new random recovery key, shown and printed before encryption is switched on with it.
    fn new_recovery_key() -> String {
        RecoveryKey::generate().map(|k| k.to_text()).map_err(|e| e.body())
    }

    /// 恢复密钥单 as a PDF.
    fn print_recovery_key(state, recovery_key: String) -> Bytes {
        state.with(|s| {
            let key = RecoveryKey::parse(&recovery_key)?;
            let sheet = encryption::recovery_sheet(&key, &s.data_dir().display().to_string(), &time::chinese_date_time(time::now()));
            print::render(&sheet).map(Bytes)
        })
    }

    /// 启用加密 with a password and the recovery key shown (and printed) before.
    fn enable_encryption(state, password: String, recovery_key: String) -> () {
        state.with(|s| encryption::enable(s, &password, &RecoveryKey::parse(&recovery_key)?))
    }

    /// 取消加密, confirmed with the password or the recovery key.
    fn disable_encryption(state, proof: Secret) -> () {
        state.with(|s| encryption::disable(s, &proof))
    }

    /// 修改密码, confirmed with the current password or the recovery key.
    fn change_password(state, proof: Secret, new_password: String) -> () {
        state.with(|s| encryption::change_password(s, &proof, &new_password))
    }
}

//! What can go wrong when opening an encrypted data folder or switching encryption, in Chinese.

#[derive(Debug, thiserror::Error)]
pub enum EncryptionError {
    /// The data file is encrypted and no key was given: the window asks for the password.
    #[error("数据文件已加密，请输入密码（或恢复密钥）解锁。")]
    Locked,
    #[error("密码不正确。忘记密码时，请用加密时打印的恢复密钥解锁。")]
    WrongPassword,
    #[error("恢复密钥与本数据文件不符，请核对打印的恢复密钥。")]
    WrongRecoveryKey,
    #[error("恢复密钥应为 32 位字母和数字（8 组，每组 4 位，如 ABCD-EFGH-…），请核对。")]
    RecoveryKeyFormat,
    #[error("数据文件“{file}”用给出的密钥打不开：密钥不对，或者文件已损坏。")]
    KeyRefused { file: String },
    #[error(
        "密码文件 luoshi.key.json 不在数据文件夹中，只能用恢复密钥解锁；解锁后可在“数据与备份”中重设密码。"
    )]
    NoPasswordFile,
    #[error("密码文件 luoshi.key.json 已损坏，只能用恢复密钥解锁；解锁后可在“数据与备份”中重设密码。")]
    KeyFileDamaged,
    #[error("密码应为 {min}—{max} 个字符，现为 {chars} 个", min = super::PASSWORD_MIN_CHARS, max = super::PASSWORD_MAX_CHARS)]
    PasswordRule { chars: usize },
    #[error("数据文件已经加密")]
    AlreadyOn,
    #[error("数据文件没有加密")]
    NotOn,
}

impl EncryptionError {
    pub fn code(&self) -> &'static str {
        match self {
            EncryptionError::Locked => "database_locked",
            EncryptionError::WrongPassword => "wrong_password",
            EncryptionError::WrongRecoveryKey => "wrong_recovery_key",
            EncryptionError::RecoveryKeyFormat => "recovery_key_format",
            EncryptionError::KeyRefused { .. } => "key_refused",
            EncryptionError::NoPasswordFile => "no_password_file",
            EncryptionError::KeyFileDamaged => "key_file_damaged",
            EncryptionError::PasswordRule { .. } => "password_rule",
            EncryptionError::AlreadyOn => "encryption_on",
            EncryptionError::NotOn => "encryption_off",
        }
    }

    pub fn field(&self) -> Option<String> {
        match self {
            EncryptionError::WrongPassword | EncryptionError::PasswordRule { .. } => Some("password".into()),
            EncryptionError::WrongRecoveryKey | EncryptionError::RecoveryKeyFormat => {
                Some("recovery_key".into())
            }
            _ => None,
        }
    }

    /// Everything but a file SQLCipher refuses is something the person gave or can fix.
    pub fn is_bad_input(&self) -> bool {
        !matches!(self, EncryptionError::KeyRefused { .. })
    }
}

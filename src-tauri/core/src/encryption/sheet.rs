//! 恢复密钥单: the paper printed when encryption is switched on, to be kept under lock.

use super::RecoveryKey;
use crate::print::{Block, Document, Form, FormField, Paragraph};
use crate::Classification;

/// The sheet: what the key is for, the key itself, the data folder, and who keeps it.
pub fn recovery_sheet(recovery: &RecoveryKey, data_dir: &str, printed_at: &str) -> Document {
    let paragraph = |text: &str| {
        Block::Paragraph(Paragraph { text: text.into(), align: Default::default(), indent: true })
    };
    let field = |label: &str, value: &str| FormField {
        label: label.into(),
        value: value.into(),
        height_mm: None,
        sign: false,
    };
    Document {
        title: "落实数据加密恢复密钥".into(),
        classification: Some(Classification::Internal),
        author: None,
        orientation: Default::default(),
        stamp: None,
        blocks: vec![
            paragraph("本机落实的数据文件及其备份已加密。忘记密码或密码文件丢失时，凭下列恢复密钥可以打开数据文件并重设密码。请将本页妥善保管（如存入保密柜），不要与电脑放在一起，不要拍照或存入电脑。"),
            Block::Form(Form {
                rows: vec![
                    vec![field("恢复密钥", &recovery.to_text())],
                    vec![field("数据文件夹", data_dir)],
                    vec![field("打印时间", printed_at)],
                    vec![FormField { label: "保管人".into(), value: String::new(), height_mm: Some(24.0), sign: true }],
                ],
                label_width_mm: None,
                font_size_pt: None,
            }),
            paragraph("恢复密钥共 32 位，由大写字母 A—Z 和数字 2—7 组成（没有数字 0、1、8、9，看似 0、1、8 的是字母 O、I、B），每 4 位一组；输入时不分大小写，可省略短横线。"),
        ],
    }
}

//! What a check is held against: thresholds, the stock-phrase list and the texts a draft must not
//! copy. All passed in, so the checks stay pure; the settings store keeps the editable parts.

use std::sync::OnceLock;

use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::copying::CopyIndex;
use super::report::CopySourceKind;
use super::CheckError;
use crate::{settings, Result};

/// Settings key of the thresholds.
pub const THRESHOLDS_KEY: &str = "check.thresholds";
/// Settings key of the stock-phrase list.
pub const STOCK_PHRASES_KEY: &str = "check.stock_phrases";

/// The offices' bars, as shares from 0 to 1 (the UI shows percentages).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Thresholds {
    /// 数据占比: at least this share of sentences carry a quantitative fact (default 0.4).
    pub quant_min: f64,
    /// 问题分析: at least this share of sentences analyse problems or causes (default 0.2).
    pub problem_min: f64,
    /// 套话: at most this share of sentences are stock phrases without a fact (default 0.1).
    pub stock_max: f64,
    /// 照搬照抄: a sentence is a copy when this share of its character n-grams is found in a
    /// source (default 0.5).
    pub copy_min: f64,
}

impl Default for Thresholds {
    fn default() -> Self {
        Thresholds { quant_min: 0.4, problem_min: 0.2, stock_max: 0.1, copy_min: 0.5 }
    }
}

impl Thresholds {
    pub fn validate(&self) -> Result<(), CheckError> {
        let fields = [
            ("quant_min", "数据占比下限", self.quant_min, 0.0),
            ("problem_min", "问题分析下限", self.problem_min, 0.0),
            ("stock_max", "套话占比上限", self.stock_max, 0.0),
            // A copy threshold of 0 would call every sentence a copy.
            ("copy_min", "照搬判定的重合比例", self.copy_min, 0.05),
        ];
        for (field, name, value, min) in fields {
            if !(min..=1.0).contains(&value) {
                let low = (min * 100.0).round();
                return Err(CheckError::InvalidSetting {
                    field: format!("thresholds.{field}"),
                    message: format!("{name}应在 {low}% 到 100% 之间"),
                });
            }
        }
        Ok(())
    }
}

/// The stock-phrase list users edit in 设置: fixed phrases, and the intensifier + verb pattern
/// (进一步加强, 不断提升 …) written as two lists.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct StockPhrases {
    pub phrases: Vec<String>,
    /// 进一步, 不断, 持续 …: a stock phrase when directly followed by one of `verbs`.
    pub intensifiers: Vec<String>,
    pub verbs: Vec<String>,
}

const DEFAULT_PHRASES: &[&str] = &[
    "高度重视",
    "取得了显著成效",
    "取得显著成效",
    "成效显著",
    "取得了明显成效",
    "取得明显成效",
    "取得了较好成效",
    "取得了积极成果",
    "取得了积极成效",
    "取得了实效",
    "实实在在的成效",
    "圆满完成",
    "打下了良好基础",
    "打下了坚实基础",
    "奠定了基础",
    "奠定了坚实基础",
    "奠定了良好基础",
    "有力支撑",
    "坚实支撑",
    "有力保障",
    "显著提升",
    "显著增强",
    "显著提高",
    "明显提升",
    "明显提高",
    "大幅提升",
    "大幅提高",
    "落到实处",
    "统筹推进",
    "提质增效",
    "走深走实",
    "见行见效",
    "迈上新台阶",
    "再上新台阶",
    "开创新局面",
    "齐抓共管",
    "常抓不懈",
];
const DEFAULT_INTENSIFIERS: &[&str] =
    &["进一步", "不断", "持续", "全面", "切实", "扎实", "深入", "稳步", "大力", "着力"];
const DEFAULT_VERBS: &[&str] =
    &["加强", "提升", "提高", "推进", "深化", "落实", "完善", "优化", "增强", "强化", "推动"];

impl Default for StockPhrases {
    fn default() -> Self {
        let own = |list: &[&str]| list.iter().map(|s| s.to_string()).collect();
        StockPhrases {
            phrases: own(DEFAULT_PHRASES),
            intensifiers: own(DEFAULT_INTENSIFIERS),
            verbs: own(DEFAULT_VERBS),
        }
    }
}

/// Longest phrase accepted, in characters.
const MAX_PHRASE_CHARS: usize = 20;
/// Most entries in one list.
const MAX_ENTRIES: usize = 1000;

impl StockPhrases {
    /// Trims entries, drops blanks and repeats (keeping the first), and refuses entries that
    /// cannot be meant: too long, or lists too large.
    pub fn normalized(self) -> Result<StockPhrases, CheckError> {
        let clean = |list: Vec<String>, field: &str, name: &str| -> Result<Vec<String>, CheckError> {
            let mut out: Vec<String> = Vec::with_capacity(list.len());
            for entry in list {
                let entry = entry.trim().to_string();
                if entry.is_empty() || out.contains(&entry) {
                    continue;
                }
                if entry.chars().count() > MAX_PHRASE_CHARS {
                    return Err(CheckError::InvalidSetting {
                        field: format!("stock_phrases.{field}"),
                        message: format!("{name}“{entry}”太长，每条不超过 {MAX_PHRASE_CHARS} 个字"),
                    });
                }
                out.push(entry);
            }
            if out.len() > MAX_ENTRIES {
                return Err(CheckError::InvalidSetting {
                    field: format!("stock_phrases.{field}"),
                    message: format!("{name}最多 {MAX_ENTRIES} 条"),
                });
            }
            Ok(out)
        };
        Ok(StockPhrases {
            phrases: clean(self.phrases, "phrases", "套话")?,
            intensifiers: clean(self.intensifiers, "intensifiers", "程度词")?,
            verbs: clean(self.verbs, "verbs", "动词")?,
        })
    }
}

/// The editable settings of the checks, as stored.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct CheckSettings {
    pub thresholds: Thresholds,
    pub stock_phrases: StockPhrases,
}

/// Loads the settings, with the built-in defaults for what was never saved.
pub fn load_settings(conn: &Connection) -> Result<CheckSettings> {
    Ok(CheckSettings {
        thresholds: settings::get(conn, THRESHOLDS_KEY)?.unwrap_or_default(),
        stock_phrases: settings::get(conn, STOCK_PHRASES_KEY)?.unwrap_or_default(),
    })
}

/// Validates and saves the thresholds.
pub fn save_thresholds(conn: &Connection, thresholds: &Thresholds) -> Result<()> {
    thresholds.validate()?;
    settings::set(conn, THRESHOLDS_KEY, thresholds)
}

/// Normalizes, validates and saves the stock-phrase list; returns what was saved.
pub fn save_stock_phrases(conn: &Connection, phrases: StockPhrases) -> Result<StockPhrases> {
    let phrases = phrases.normalized()?;
    settings::set(conn, STOCK_PHRASES_KEY, &phrases)?;
    Ok(phrases)
}

/// Back to the built-in thresholds.
pub fn reset_thresholds(conn: &Connection) -> Result<()> {
    settings::reset(conn, THRESHOLDS_KEY)
}

/// Back to the built-in stock-phrase list.
pub fn reset_stock_phrases(conn: &Connection) -> Result<()> {
    settings::reset(conn, STOCK_PHRASES_KEY)
}

/// A text a draft must not copy: a template section's guidance or an earlier summary.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct CopySource {
    pub kind: CopySourceKind,
    pub name: String,
    pub text: String,
}

/// Everything a check needs besides the draft. Build it once per draft and reuse it for every
/// keystroke: the n-gram index of the copy sources is built on first use and kept.
#[derive(Debug, Default)]
pub struct CheckContext {
    pub settings: CheckSettings,
    copy_sources: Vec<CopySource>,
    copy_index: OnceLock<CopyIndex>,
}

impl CheckContext {
    pub fn new(settings: CheckSettings) -> CheckContext {
        CheckContext { settings, ..CheckContext::default() }
    }

    /// Sets the texts the draft must not copy (template guidance, earlier summaries).
    pub fn with_copy_sources(mut self, sources: Vec<CopySource>) -> CheckContext {
        self.copy_sources = sources;
        self.copy_index = OnceLock::new();
        self
    }

    pub fn copy_sources(&self) -> &[CopySource] {
        &self.copy_sources
    }

    pub(crate) fn copy_index(&self) -> &CopyIndex {
        self.copy_index.get_or_init(|| CopyIndex::new(self.copy_sources.iter().map(|s| s.text.as_str())))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db;

    #[test]
    fn defaults_until_saved_then_reset() {
        let conn = db::open_in_memory().expect("db");
        assert_eq!(load_settings(&conn).expect("load"), CheckSettings::default());
        let t = Thresholds { quant_min: 0.5, ..Thresholds::default() };
        save_thresholds(&conn, &t).expect("save");
        let mut phrases = StockPhrases::default();
        phrases.phrases.push("  再创佳绩 ".into());
        phrases.phrases.push("高度重视".into());
        let saved = save_stock_phrases(&conn, phrases).expect("save");
        assert_eq!(saved.phrases.iter().filter(|p| p.as_str() == "高度重视").count(), 1);
        assert!(saved.phrases.contains(&"再创佳绩".to_string()));
        let loaded = load_settings(&conn).expect("load");
        assert_eq!(loaded.thresholds.quant_min, 0.5);
        assert_eq!(loaded.stock_phrases, saved);
        reset_thresholds(&conn).expect("reset");
        reset_stock_phrases(&conn).expect("reset");
        assert_eq!(load_settings(&conn).expect("load"), CheckSettings::default());
    }

    #[test]
    fn refuses_thresholds_out_of_range() {
        let conn = db::open_in_memory().expect("db");
        let err = save_thresholds(&conn, &Thresholds { quant_min: 1.5, ..Thresholds::default() })
            .expect_err("refused");
        assert_eq!(err.code(), "check_invalid_setting");
        assert_eq!(err.field().as_deref(), Some("thresholds.quant_min"));
        assert!(err.is_bad_input());
        assert!(err.to_string().contains("数据占比下限"));
        let err = Thresholds { copy_min: 0.0, ..Thresholds::default() }.validate().expect_err("refused");
        assert!(err.to_string().contains("照搬"));
        let err = Thresholds { problem_min: f64::NAN, ..Thresholds::default() }.validate();
        assert!(err.is_err());
    }

    #[test]
    fn refuses_overlong_phrases() {
        let mut phrases = StockPhrases::default();
        phrases.phrases.push("很".repeat(21));
        let err = phrases.normalized().expect_err("refused");
        assert_eq!(err.field().as_deref(), Some("stock_phrases.phrases"));
    }
}

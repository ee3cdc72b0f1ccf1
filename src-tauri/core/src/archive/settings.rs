//! 设置 → 归档: 全宗号 and 全宗名称, the classing scheme, the 机构(问题) codes of the office's own
//! departments (内设机构; by default the initials of their names in pinyin, 督查室 → DCS), the default
//! 保管期限 of items and of summaries, and how many 件 a box holds.

use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{Retention, Scheme};
use crate::org::{self, UnitKind, UnitQuery};
use crate::{profile, settings, Error, Result};

pub const SETTINGS_KEY: &str = "archive";

/// The longest 全宗号 or 机构 code: DA/T 22 codes are a few letters and digits.
const MAX_CODE_CHARS: usize = 12;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default)]
#[ts(export)]
pub struct ArchiveSettings {
    /// 全宗号, e.g. Z109; required before the first 件 is filed.
    pub fonds_code: String,
    /// 全宗名称: the body whose records these are.
    pub fonds_name: String,
    pub scheme: Scheme,
    /// The 机构(问题) code of 件 whose unit is not one of the office's own departments (an outside
    /// lead unit): the office's own code. Empty: the initials of the local user's unit.
    pub office_code: String,
    /// Codes set by hand for departments (内设机构), overriding the initials.
    pub unit_codes: Vec<UnitCodeInput>,
    pub item_retention: Retention,
    pub summary_retention: Retention,
    /// 件 per box, for the 备考表 and the spine labels.
    pub box_capacity: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export, rename = "ArchiveUnitCode")]
pub struct UnitCodeInput {
    pub unit_id: i64,
    pub code: String,
}

impl Default for ArchiveSettings {
    fn default() -> Self {
        ArchiveSettings {
            fonds_code: String::new(),
            fonds_name: String::new(),
            scheme: Scheme::YearRetentionOrg,
            office_code: String::new(),
            unit_codes: Vec::new(),
            item_retention: Retention::Years30,
            summary_retention: Retention::Years30,
            box_capacity: 20,
        }
    }
}

/// A department's 机构(问题) code as 设置 shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export, rename = "ArchiveOrgCode")]
pub struct OrgCode {
    pub unit_id: i64,
    pub unit_name: String,
    pub code: String,
    /// The code comes from the name (not typed).
    pub derived: bool,
    /// The local user's own unit: its code also files 件 of outside units.
    pub office: bool,
}

/// 设置 → 归档 as the window shows it: the settings and every department's code.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct ArchiveSetup {
    pub settings: ArchiveSettings,
    pub org_codes: Vec<OrgCode>,
    /// The code filing 件 of outside units (the office's own), and the office's name.
    pub office_code: String,
    pub office_name: String,
    /// 件 already filed: the scheme can no longer change.
    pub files: i64,
}

pub fn get_settings(conn: &Connection) -> Result<ArchiveSettings> {
    Ok(settings::get(conn, SETTINGS_KEY)?.unwrap_or_default())
}

/// The settings with every department's code, as the window and `luoshi-cli archive setup` show them.
pub fn get_setup(conn: &Connection) -> Result<ArchiveSetup> {
    let settings = get_settings(conn)?;
    let office_unit = profile::get_profile(conn)?.map(|p| p.unit_id);
    let units = org::list_units(conn, &UnitQuery::default())?;
    let org_codes: Vec<OrgCode> = units
        .iter()
        .filter(|u| u.kind == UnitKind::Internal)
        .map(|u| {
            let typed = settings.unit_codes.iter().find(|c| c.unit_id == u.id);
            OrgCode {
                unit_id: u.id,
                unit_name: u.name.clone(),
                code: typed
                    .map_or_else(|| initials(u.short_name.as_deref().unwrap_or(&u.name)), |c| c.code.clone()),
                derived: typed.is_none(),
                office: Some(u.id) == office_unit,
            }
        })
        .collect();
    let office_name = profile::issuer(conn)?;
    let office_code = if !settings.office_code.is_empty() {
        settings.office_code.clone()
    } else {
        org_codes.iter().find(|c| c.office).map_or_else(|| initials(&office_name), |c| c.code.clone())
    };
    let files = conn.query_row("SELECT count(*) FROM archive_file", [], |r| r.get(0))?;
    Ok(ArchiveSetup { settings, org_codes, office_code, office_name, files })
}

/// Checks and stores the settings in one transaction; a 全宗号 changed before any year is
/// confirmed renumbers nothing but is written into the 件 not yet confirmed.
pub fn save_settings(conn: &mut Connection, input: &ArchiveSettings) -> Result<ArchiveSetup> {
    let mut s = input.clone();
    s.fonds_code = code("fonds_code", "全宗号", &s.fonds_code, true)?;
    s.fonds_name = s.fonds_name.trim().to_string();
    if s.fonds_name.chars().count() > 100 {
        return Err(Error::invalid("fonds_name", "全宗名称不能超过 100 个字"));
    }
    s.office_code = code("office_code", "本部门机构代码", &s.office_code, true)?;
    for (i, c) in s.unit_codes.iter_mut().enumerate() {
        c.code = code(&format!("unit_codes[{i}].code"), "机构代码", &c.code, false)?;
    }
    if !(1..=500).contains(&s.box_capacity) {
        return Err(Error::invalid("box_capacity", "每盒件数应为 1 到 500"));
    }
    let tx = crate::db::begin_write(conn)?;
    let old = get_settings(&tx)?;
    let filed: i64 = tx.query_row("SELECT count(*) FROM archive_file", [], |r| r.get(0))?;
    if filed > 0 && old.scheme != s.scheme {
        return Err(Error::NotAllowed(format!(
            "已有 {filed} 件归档，分类方案不能再改（档号已按“{}”编制）",
            old.scheme.label()
        )));
    }
    if !s.fonds_code.is_empty() && s.fonds_code != old.fonds_code {
        crate::db::execute(
            &tx,
            "UPDATE archive_file SET fonds_code = ?1 WHERE state = 'filed'",
            [&s.fonds_code],
        )?;
    }
    settings::set(&tx, SETTINGS_KEY, &s)?;
    let setup = get_setup(&tx)?;
    tx.commit()?;
    Ok(setup)
}

/// A code as DA/T 22 writes them: letters (upper case) and digits, a few of them.
fn code(field: &str, what: &str, text: &str, may_be_empty: bool) -> Result<String> {
    let c = text.trim().to_ascii_uppercase();
    if c.is_empty() && may_be_empty {
        return Ok(c);
    }
    if c.is_empty() || c.chars().count() > MAX_CODE_CHARS || !c.chars().all(|ch| ch.is_ascii_alphanumeric()) {
        return Err(Error::invalid(
            field,
            format!("{what}“{text}”无效：应为 1 到 {MAX_CODE_CHARS} 位字母或数字，如 Z109、DCS"),
        ));
    }
    Ok(c)
}

/// The code of a unit's 件: its own department's code, or the office's for an outside unit.
pub(crate) fn org_code_of(setup: &ArchiveSetup, unit_id: i64) -> String {
    setup
        .org_codes
        .iter()
        .find(|c| c.unit_id == unit_id)
        .map(|c| c.code.clone())
        .filter(|c| !c.is_empty())
        .unwrap_or_else(|| setup.office_code.clone())
}

/// The initials of a name in pinyin, upper case: 督查室 → DCS, 办公室 → BGS. Letters and digits are
/// kept; a character outside the 3,755 common hanzi (GB 2312 level 1) gives none, and the clerk
/// types the code.
pub fn initials(name: &str) -> String {
    name.chars().filter_map(initial).collect()
}

/// GB 2312 level 1 is ordered by pinyin: the first code of each initial (no I, U, V).
const INITIAL_STARTS: [(u16, char); 23] = [
    (0xB0A1, 'A'),
    (0xB0C5, 'B'),
    (0xB2C1, 'C'),
    (0xB4EE, 'D'),
    (0xB6EA, 'E'),
    (0xB7A2, 'F'),
    (0xB8C1, 'G'),
    (0xB9FE, 'H'),
    (0xBBF7, 'J'),
    (0xBFA6, 'K'),
    (0xC0AC, 'L'),
    (0xC2E8, 'M'),
    (0xC4C3, 'N'),
    (0xC5B6, 'O'),
    (0xC5BE, 'P'),
    (0xC6DA, 'Q'),
    (0xC8BB, 'R'),
    (0xC8F6, 'S'),
    (0xCBFA, 'T'),
    (0xCDDA, 'W'),
    (0xCEF4, 'X'),
    (0xD1B9, 'Y'),
    (0xD4D1, 'Z'),
];
const LEVEL_ONE_END: u16 = 0xD7F9;

fn initial(ch: char) -> Option<char> {
    if ch.is_ascii_alphanumeric() {
        return Some(ch.to_ascii_uppercase());
    }
    let mut buf = [0u8; 4];
    let (bytes, _, unmappable) = encoding_rs::GBK.encode(ch.encode_utf8(&mut buf));
    if unmappable || bytes.len() != 2 {
        return None;
    }
    let gb = u16::from_be_bytes([bytes[0], bytes[1]]);
    if !(INITIAL_STARTS[0].0..=LEVEL_ONE_END).contains(&gb) {
        return None;
    }
    INITIAL_STARTS.iter().rev().find(|(start, _)| gb >= *start).map(|(_, letter)| *letter)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn initials_of_department_names() {
        assert_eq!(initials("督查室"), "DCS");
        assert_eq!(initials("办公室"), "BGS");
        assert_eq!(initials("人力资源部"), "RLZYB");
        assert_eq!(initials("第2党支部"), "D2DZB");
        // 啊 and 座 are the first and last of level 1; 𠮷 is in no GB 2312 level.
        assert_eq!(initials("啊座𠮷"), "AZ");
    }

    #[test]
    fn codes_are_letters_and_digits() {
        assert_eq!(code("f", "全宗号", " z109 ", false).expect("code"), "Z109");
        let err = code("f", "全宗号", "Z-109", false).expect_err("dash");
        assert!(err.to_string().contains("Z-109"), "{err}");
        assert!(code("f", "全宗号", "", false).is_err());
        assert_eq!(code("f", "全宗号", "", true).expect("may be empty"), "");
    }

    #[test]
    fn retention_is_read_as_clerks_write_it() {
        for (text, r) in
            [("Y", Retention::Permanent), ("永久", Retention::Permanent), ("d30", Retention::Years30)]
        {
            assert_eq!(Retention::parse_any("retention", text).expect(text), r);
        }
        assert_eq!(Retention::parse_any("retention", "10年").expect("10年"), Retention::Years10);
        assert_eq!(Retention::parse_any("retention", "定期30年").expect("label"), Retention::Years30);
        assert!(Retention::parse_any("retention", "长期").is_err());
    }
}

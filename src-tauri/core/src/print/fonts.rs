//! The fonts shipped inside the binary (the app prints offline, with no system fonts), parsed once
//! each on first use, and the choice of face for every character: the role's own face when it has
//! the glyph, else the full-coverage fallback.

use std::sync::OnceLock;

use printpdf::ParsedFont;
use serde::Serialize;
use ts_rs::TS;

use super::PrintError;

/// What a piece of text is set in, in the words of GB/T 9704.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum FontRole {
    /// 仿宋: body text, headings of levels 3 and 4, tables and forms.
    FangSong,
    /// 小标宋: titles.
    XiaoBiaoSong,
    /// 黑体: level-1 headings, table headers, form labels, the classification mark.
    HeiTi,
    /// 楷体: level-2 headings.
    KaiTi,
    /// 宋体: page numbers.
    SongTi,
}

impl FontRole {
    pub const ALL: [FontRole; 5] =
        [FontRole::FangSong, FontRole::XiaoBiaoSong, FontRole::HeiTi, FontRole::KaiTi, FontRole::SongTi];

    pub fn label(self) -> &'static str {
        match self {
            FontRole::FangSong => "仿宋",
            FontRole::XiaoBiaoSong => "小标宋",
            FontRole::HeiTi => "黑体",
            FontRole::KaiTi => "楷体",
            FontRole::SongTi => "宋体",
        }
    }

    pub(crate) fn face(self) -> Face {
        match self {
            FontRole::FangSong => Face::FandolFang,
            FontRole::XiaoBiaoSong => Face::FandolSongBold,
            FontRole::HeiTi => Face::FandolHei,
            FontRole::KaiTi => Face::FandolKai,
            FontRole::SongTi => Face::NotoSerif,
        }
    }
}

/// One shipped font file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) enum Face {
    FandolFang,
    FandolSongBold,
    FandolHei,
    FandolKai,
    NotoSerif,
}

/// Where a glyph missing from a role's face is taken from.
pub(crate) const FALLBACK: Face = Face::NotoSerif;

const FANDOL_LICENCE: &str = "GPL-3.0（附字体例外条款）";
const NOTO_LICENCE: &str = "SIL Open Font License 1.1";

struct FaceData {
    name: &'static str,
    file: &'static str,
    licence: &'static str,
    licence_file: &'static str,
    bytes: &'static [u8],
}

impl Face {
    pub(crate) const ALL: [Face; 5] =
        [Face::FandolFang, Face::FandolSongBold, Face::FandolHei, Face::FandolKai, Face::NotoSerif];

    fn data(self) -> FaceData {
        match self {
            Face::FandolFang => FaceData {
                name: "FandolFang Regular",
                file: "FandolFang-Regular.otf",
                licence: FANDOL_LICENCE,
                licence_file: "LICENSE-Fandol.txt",
                bytes: include_bytes!("../../fonts/FandolFang-Regular.otf"),
            },
            Face::FandolSongBold => FaceData {
                name: "FandolSong Bold",
                file: "FandolSong-Bold.otf",
                licence: FANDOL_LICENCE,
                licence_file: "LICENSE-Fandol.txt",
                bytes: include_bytes!("../../fonts/FandolSong-Bold.otf"),
            },
            Face::FandolHei => FaceData {
                name: "FandolHei Regular",
                file: "FandolHei-Regular.otf",
                licence: FANDOL_LICENCE,
                licence_file: "LICENSE-Fandol.txt",
                bytes: include_bytes!("../../fonts/FandolHei-Regular.otf"),
            },
            Face::FandolKai => FaceData {
                name: "FandolKai Regular",
                file: "FandolKai-Regular.otf",
                licence: FANDOL_LICENCE,
                licence_file: "LICENSE-Fandol.txt",
                bytes: include_bytes!("../../fonts/FandolKai-Regular.otf"),
            },
            Face::NotoSerif => FaceData {
                name: "Noto Serif CJK SC Regular",
                file: "NotoSerifCJKsc-Regular.otf",
                licence: NOTO_LICENCE,
                licence_file: "LICENSE-NotoCJK-OFL.txt",
                bytes: include_bytes!("../../fonts/NotoSerifCJKsc-Regular.otf"),
            },
        }
    }

    fn index(self) -> usize {
        self as usize
    }

    /// The parsed face; parsed on first use and kept for the life of the process.
    pub(crate) fn parsed(self) -> Result<&'static ParsedFont, PrintError> {
        static PARSED: [OnceLock<Option<ParsedFont>>; 5] =
            [OnceLock::new(), OnceLock::new(), OnceLock::new(), OnceLock::new(), OnceLock::new()];
        PARSED[self.index()]
            .get_or_init(|| ParsedFont::from_bytes(self.data().bytes, 0, &mut Vec::new()))
            .as_ref()
            .ok_or(PrintError::Font { file: self.data().file })
    }

    /// Glyph id of `ch`, if this face really has it (gid 0 is .notdef, the box).
    pub(crate) fn glyph(self, ch: char) -> Result<Option<u16>, PrintError> {
        Ok(self.parsed()?.lookup_glyph_index(ch as u32).filter(|&g| g != 0))
    }

    /// Advance of `ch` in em.
    pub(crate) fn advance_em(self, ch: char) -> Result<f32, PrintError> {
        let font = self.parsed()?;
        let upem = f32::from(font.pdf_font_metrics.units_per_em.max(1));
        Ok(match self.glyph(ch)? {
            Some(g) => f32::from(font.get_horizontal_advance(g)) / upem,
            None => 1.0,
        })
    }
}

/// The face that prints `ch` in `role`: the role's own, else the fallback; `None` if no shipped font
/// has it.
pub(crate) fn face_for(role: FontRole, ch: char) -> Result<Option<Face>, PrintError> {
    let own = role.face();
    if own.glyph(ch)?.is_some() {
        return Ok(Some(own));
    }
    if FALLBACK.glyph(ch)?.is_some() {
        return Ok(Some(FALLBACK));
    }
    Ok(None)
}

/// Parses every shipped face and loads the title word list now (the app calls this at start, on a
/// background thread, so that the first print is quick).
pub fn preload() -> crate::Result<()> {
    for face in Face::ALL {
        face.parsed()?;
    }
    crate::text::jieba();
    Ok(())
}

/// A shipped font as the settings page shows it.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct FontInUse {
    /// The font's own name, e.g. "FandolFang Regular".
    pub name: String,
    /// The roles it prints, in Chinese (仿宋, 小标宋…); "后备" for the fallback.
    pub roles: Vec<String>,
    pub role_codes: Vec<FontRole>,
    /// Whether it stands in for characters the role fonts lack.
    pub fallback: bool,
    pub file: String,
    pub licence: String,
    pub licence_file: String,
    /// Size of the font file in bytes.
    pub file_bytes: u32,
    pub glyphs: u32,
    /// How many Unicode characters it maps (BMP and the supplementary ideographic plane).
    pub characters: u32,
    /// Of the 6,763 hanzi of GB 2312, how many it has.
    pub gb2312_hanzi: u32,
}

/// The shipped fonts, their roles, licences and coverage.
pub fn fonts_in_use() -> crate::Result<Vec<FontInUse>> {
    let gb2312 = super::gb2312::hanzi();
    Face::ALL
        .into_iter()
        .map(|face| {
            let data = face.data();
            let font = face.parsed()?;
            let roles: Vec<FontRole> = FontRole::ALL.into_iter().filter(|r| r.face() == face).collect();
            let mut labels: Vec<String> = roles.iter().map(|r| r.label().to_string()).collect();
            if face == FALLBACK {
                labels.push("后备".to_string());
            }
            let characters =
                (0u32..0x3_0000).filter(|&cp| font.lookup_glyph_index(cp).is_some_and(|g| g != 0)).count();
            let gb2312_hanzi = gb2312
                .iter()
                .filter(|&&ch| font.lookup_glyph_index(ch as u32).is_some_and(|g| g != 0))
                .count();
            Ok(FontInUse {
                name: data.name.to_string(),
                roles: labels,
                role_codes: roles,
                fallback: face == FALLBACK,
                file: data.file.to_string(),
                licence: data.licence.to_string(),
                licence_file: data.licence_file.to_string(),
                file_bytes: u32::try_from(data.bytes.len()).unwrap_or(u32::MAX),
                glyphs: u32::from(font.num_glyphs),
                characters: u32::try_from(characters).unwrap_or(u32::MAX),
                gb2312_hanzi: u32::try_from(gb2312_hanzi).unwrap_or(u32::MAX),
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rare_name_characters_fall_back_and_common_ones_do_not() {
        assert_eq!(face_for(FontRole::FangSong, '王').expect("fonts"), Some(Face::FandolFang));
        for ch in ['玥', '堃', '镕', '𠮷'] {
            assert_eq!(face_for(FontRole::FangSong, ch).expect("fonts"), Some(FALLBACK), "{ch}");
        }
        // A private-use code point no font has.
        assert_eq!(face_for(FontRole::FangSong, '\u{E000}').expect("fonts"), None);
    }

    #[test]
    fn hanzi_are_one_em_and_digits_narrower() {
        assert!((Face::FandolFang.advance_em('国').expect("fonts") - 1.0).abs() < 1e-3);
        let digit = Face::FandolFang.advance_em('8').expect("fonts");
        assert!(digit > 0.3 && digit < 0.7, "{digit}");
    }
}

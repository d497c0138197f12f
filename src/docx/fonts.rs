//! Font names by role, the run fonts every run carries, and the font table that tells Word
//! what to substitute on a machine without the official fonts.

use super::xml::Xml;
use crate::doc::FontRole;

/// A font as declared in `word/fontTable.xml`.
pub(crate) struct Face {
    pub name: &'static str,
    /// The name Word tries when `name` is not installed (`w:altName`).
    pub alt: Option<&'static str>,
    /// Windows charset: 86 = GB2312, 00 = ANSI.
    charset: &'static str,
    family: &'static str,
    pitch: &'static str,
}

/// Latin letters and digits of every role: GB/T 9704 sets them in Times New Roman.
pub(crate) const LATIN: Face =
    Face { name: "Times New Roman", alt: None, charset: "00", family: "roman", pitch: "variable" };

/// ☐ and ☑ are missing from the Chinese system fonts and from Noto CJK; Segoe UI Symbol has
/// both on every Windows since 7, MS Gothic has them where Segoe UI Symbol is absent.
pub(crate) const SYMBOL: Face =
    Face { name: "Segoe UI Symbol", alt: Some("MS Gothic"), charset: "00", family: "swiss", pitch: "variable" };

const SONG: Face = Face { name: "宋体", alt: Some("SimSun"), charset: "86", family: "roman", pitch: "variable" };
const FANGSONG: Face =
    Face { name: "仿宋_GB2312", alt: Some("仿宋"), charset: "86", family: "modern", pitch: "fixed" };
const HEI: Face = Face { name: "黑体", alt: Some("SimHei"), charset: "86", family: "modern", pitch: "fixed" };
const KAI: Face = Face { name: "楷体_GB2312", alt: Some("楷体"), charset: "86", family: "modern", pitch: "fixed" };
const XIAO_BIAO_SONG: Face =
    Face {
        name: "方正小标宋简体", alt: Some("华文中宋"), charset: "86", family: "roman", pitch: "variable"
    };

/// The official East-Asian font of a role.
pub(crate) fn face(role: FontRole) -> &'static Face {
    match role {
        FontRole::Song => &SONG,
        FontRole::FangSong => &FANGSONG,
        FontRole::Hei => &HEI,
        FontRole::Kai => &KAI,
        FontRole::XiaoBiaoSong => &XIAO_BIAO_SONG,
    }
}

/// Which fonts a run uses.
#[derive(Clone, Copy)]
pub(crate) enum Fonts {
    /// The role's font for Chinese, Times New Roman for Latin letters and digits.
    Role(FontRole),
    /// One font for every script (check boxes, the half-width 宋体 page number).
    Only(&'static Face),
}

/// Writes `w:rFonts`. The eastAsia hint makes Word set the ambiguous characters (“ ” — …)
/// full width in the Chinese font, as Chinese text wants.
pub(crate) fn run_fonts(x: &mut Xml, fonts: Fonts) {
    let (latin, east_asia) = match fonts {
        Fonts::Role(role) => (LATIN.name, face(role).name),
        Fonts::Only(face) => (face.name, face.name),
    };
    x.empty(
        "w:rFonts",
        &[
            ("w:ascii", &latin),
            ("w:hAnsi", &latin),
            ("w:eastAsia", &east_asia),
            ("w:cs", &latin),
            ("w:hint", &"eastAsia"),
        ],
    );
}

/// `word/fontTable.xml`: every font the document names, with its fallback.
pub(crate) fn font_table() -> String {
    let mut x = Xml::part();
    x.open("w:fonts", &[("xmlns:w", &super::W_NS)]);
    let faces = [&LATIN, &SYMBOL].into_iter().chain(FontRole::ALL.into_iter().map(face));
    for f in faces {
        x.open("w:font", &[("w:name", &f.name)]);
        if let Some(alt) = f.alt {
            x.empty("w:altName", &[("w:val", &alt)]);
        }
        x.empty("w:charset", &[("w:val", &f.charset)]);
        x.empty("w:family", &[("w:val", &f.family)]);
        x.empty("w:pitch", &[("w:val", &f.pitch)]);
        x.close();
    }
    x.finish()
}

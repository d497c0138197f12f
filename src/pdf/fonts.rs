//! Font roles resolved to faces, per-character fallback, and the metrics layout needs.
//!
//! Each role (宋体, 仿宋, 黑体, 楷体, 小标宋) has a chain of faces: the configured or installed
//! official font, the open font the repository ships for that role, then the shipped checkbox
//! and rare-character fonts. A character is set in the first face of its chain that has it.
//! Latin letters and digits ([`crate::doc::is_latin`]) are set in Times New Roman where it is
//! installed and otherwise in Liberation Serif, its metric twin, regular or bold: as Word sets
//! them, so lines break where they break in the DOCX.

use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use printpdf::ParsedFont;

use super::PdfError;
use super::system::{self, Installed};
use crate::doc::FontRole;

/// Where fonts come from besides the ones built into the binary.
#[derive(Debug, Clone, Default)]
pub struct FontConfig {
    /// A font file per role, used before anything installed or bundled.
    pub paths: BTreeMap<FontRole, PathBuf>,
    /// Look for the official fonts in the machine's font folders.
    pub system: bool,
}

struct Bundled {
    file: &'static str,
    bytes: &'static [u8],
}

const SERIF: Bundled = Bundled {
    file: "NotoSerifSC-Regular-GB2312.otf",
    bytes: include_bytes!("../../fonts/NotoSerifSC-Regular-GB2312.otf"),
};
const SERIF_BOLD: Bundled =
    Bundled { file: "NotoSerifSC-Bold-GB2312.otf", bytes: include_bytes!("../../fonts/NotoSerifSC-Bold-GB2312.otf") };
const SANS: Bundled = Bundled {
    file: "NotoSansSC-Regular-GB2312.otf",
    bytes: include_bytes!("../../fonts/NotoSansSC-Regular-GB2312.otf"),
};
const FANGSONG: Bundled = Bundled {
    file: "ZhuqueFangsong-Regular-GB2312.ttf",
    bytes: include_bytes!("../../fonts/ZhuqueFangsong-Regular-GB2312.ttf"),
};
const KAI: Bundled =
    Bundled { file: "DossierKai-Regular.ttf", bytes: include_bytes!("../../fonts/DossierKai-Regular.ttf") };
const RARE: Bundled =
    Bundled { file: "NotoSerifSC-Regular-Rare.otf", bytes: include_bytes!("../../fonts/NotoSerifSC-Regular-Rare.otf") };
const LATIN: Bundled =
    Bundled { file: "LiberationSerif-Regular.ttf", bytes: include_bytes!("../../fonts/LiberationSerif-Regular.ttf") };
const LATIN_BOLD: Bundled =
    Bundled { file: "LiberationSerif-Bold.ttf", bytes: include_bytes!("../../fonts/LiberationSerif-Bold.ttf") };
const CHECKBOX: Bundled =
    Bundled { file: "DejaVuSans-Checkbox.ttf", bytes: include_bytes!("../../fonts/DejaVuSans-Checkbox.ttf") };

/// The open fonts that serve a role, in order: 朱雀仿宋 lacks the full-width digits, the circled
/// numbers and some symbols of GB2312, which the Song face has.
fn bundled_for(role: FontRole) -> &'static [&'static Bundled] {
    match role {
        FontRole::Song => &[&SERIF],
        FontRole::FangSong => &[&FANGSONG, &SERIF],
        FontRole::Hei => &[&SANS],
        FontRole::Kai => &[&KAI],
        FontRole::XiaoBiaoSong => &[&SERIF_BOLD],
    }
}

/// The official fonts' family names for a role, most wanted first, as Windows and the
/// font vendors name them in Chinese and English.
fn official_names(role: FontRole) -> &'static [&'static str] {
    match role {
        FontRole::Song => &["宋体", "SimSun", "华文宋体", "STSong"],
        FontRole::FangSong => &["仿宋_GB2312", "FangSong_GB2312", "仿宋", "FangSong", "华文仿宋", "STFangsong"],
        FontRole::Hei => &["黑体", "SimHei", "华文黑体", "STHeiti"],
        FontRole::Kai => &["楷体_GB2312", "KaiTi_GB2312", "楷体", "KaiTi", "华文楷体", "STKaiti"],
        FontRole::XiaoBiaoSong => {
            &["方正小标宋简体", "FZXiaoBiaoSong-B05S", "方正小标宋_GBK", "FZXiaoBiaoSong-B05", "方正小标宋"]
        }
    }
}

/// The Latin font's family name on Windows.
const LATIN_NAME: &str = "Times New Roman";

fn role_index(role: FontRole) -> usize {
    FontRole::ALL.iter().position(|&r| r == role).unwrap_or(0)
}

/// One face of one font file, with what layout asks of it precomputed.
pub(crate) struct Face {
    label: String,
    key: String,
    /// The file it was read from; `None` for a font built into the program.
    file: Option<PathBuf>,
    data: Cow<'static, [u8]>,
    index: u32,
    /// Read the first time layout asks: the rare-character font (13 MB) is rarely needed.
    metrics: OnceLock<Metrics>,
    parsed: OnceLock<Option<ParsedFont>>,
    /// A bold face: its text needs no synthetic bold.
    bold: bool,
}

struct Metrics {
    glyphs: HashMap<char, u16>,
    /// Advance per glyph in thousandths of an em, truncated exactly as printpdf writes the
    /// PDF `/W` array, so positions computed here are the positions a viewer draws.
    advances: Vec<u16>,
    /// Height of the ink's middle above the baseline, in em, for the checkboxes.
    middles: HashMap<char, f32>,
    em_top: f32,
    line_height: f32,
}

impl Metrics {
    fn read(face: &ttf_parser::Face) -> Metrics {
        let upm = f32::from(face.units_per_em().max(1));
        // First Unicode subtable wins, as in `ttf_parser::Face::glyph_index`.
        let mut glyphs: HashMap<char, u16> = HashMap::new();
        for subtable in face.tables().cmap.into_iter().flat_map(|c| c.subtables).filter(|t| t.is_unicode()) {
            subtable.codepoints(|cp| {
                if let (Some(ch), Some(gid)) = (char::from_u32(cp), subtable.glyph_index(cp))
                    && gid.0 != 0
                {
                    glyphs.entry(ch).or_insert(gid.0);
                }
            });
        }
        let scale = 1000.0 / upm;
        let advances = (0..face.number_of_glyphs())
            .map(|g| {
                let advance = face.glyph_hor_advance(ttf_parser::GlyphId(g)).unwrap_or(0);
                (f32::from(advance) * scale) as u16
            })
            .collect::<Vec<_>>();
        let middles = ['☐', '☑']
            .into_iter()
            .filter_map(|ch| {
                let ink = face.glyph_bounding_box(ttf_parser::GlyphId(*glyphs.get(&ch)?))?;
                Some((ch, (f32::from(ink.y_min) + f32::from(ink.y_max)) / 2.0 / upm))
            })
            .collect();
        let em_top = em_top(face);
        let line_height = (f32::from(face.ascender()) - f32::from(face.descender()) + f32::from(face.line_gap())) / upm;
        Metrics { glyphs, advances, middles, em_top, line_height }
    }
}

/// Top of the ideographic em box above the baseline, in em: from the OS/2 typo metrics where
/// the font has them.
pub(crate) fn em_top(face: &ttf_parser::Face) -> f32 {
    let (ascender, descender) = match (face.typographic_ascender(), face.typographic_descender()) {
        (Some(a), Some(d)) if a > d => (f32::from(a), f32::from(d)),
        _ => (f32::from(face.ascender()), f32::from(face.descender())),
    };
    if ascender > descender { ascender / (ascender - descender) } else { 0.88 }
}

impl Face {
    /// None when the data is not a font face ttf-parser can read.
    fn new(label: String, key: String, file: Option<PathBuf>, data: Cow<'static, [u8]>, index: u32) -> Option<Face> {
        let bold = ttf_parser::Face::parse(&data, index).ok()?.is_bold();
        Some(Face { label, key, file, data, index, metrics: OnceLock::new(), parsed: OnceLock::new(), bold })
    }

    /// Whether the face is itself bold.
    pub fn is_bold(&self) -> bool {
        self.bold
    }

    fn metrics(&self) -> &Metrics {
        self.metrics.get_or_init(|| {
            // The same bytes parsed when the face was made: this cannot fail.
            let face = ttf_parser::Face::parse(&self.data, self.index).expect("a face checked when it was loaded");
            Metrics::read(&face)
        })
    }

    pub fn glyph(&self, ch: char) -> Option<u16> {
        self.metrics().glyphs.get(&ch).copied()
    }

    /// Top of the ideographic em box above the baseline, in em.
    pub fn em_top(&self) -> f32 {
        self.metrics().em_top
    }

    /// The font's own single line height, in em.
    pub fn line_height(&self) -> f32 {
        self.metrics().line_height
    }

    /// Advance of a glyph in em.
    pub fn advance(&self, gid: u16) -> f32 {
        f32::from(self.metrics().advances.get(usize::from(gid)).copied().unwrap_or(0)) / 1000.0
    }

    /// Height of the ink's middle above the baseline in em (checkboxes only).
    pub fn ink_middle(&self, ch: char) -> Option<f32> {
        self.metrics().middles.get(&ch).copied()
    }

    /// A stable identity (file and face) for subset tags and document IDs.
    pub fn key(&self) -> &str {
        &self.key
    }

    pub fn label(&self) -> &str {
        &self.label
    }

    /// The face parsed for embedding: printpdf's parse is slow (tens of ms for a CJK font),
    /// so it happens once, the first time a document uses the face.
    pub fn parsed(&self) -> Option<&ParsedFont> {
        self.parsed.get_or_init(|| ParsedFont::from_bytes(&self.data, self.index as usize, &mut Vec::new())).as_ref()
    }
}

/// The faces that serve each role, loaded once and shared by every render (`Send + Sync`).
pub struct Fonts {
    faces: Vec<Face>,
    chains: [Vec<usize>; 5],
    /// The Latin faces, regular and bold.
    latin: [usize; 2],
}

/// Index of a face within [`Fonts`].
pub(crate) type FaceId = usize;

impl Fonts {
    /// Only the fonts built into the binary: what tests and reproducible builds use.
    pub fn bundled() -> Result<Fonts, PdfError> {
        Fonts::discover(&FontConfig::default())
    }

    /// Configured files first, then the official fonts installed on the machine (if
    /// `config.system`), then the bundled open fonts.
    pub fn discover(config: &FontConfig) -> Result<Fonts, PdfError> {
        Fonts::with_installed(config, &if config.system { system::installed() } else { Vec::new() })
    }

    /// As [`Fonts::discover`], choosing the official fonts among `installed`.
    fn with_installed(config: &FontConfig, installed: &[Installed]) -> Result<Fonts, PdfError> {
        let mut loader = Loader { faces: Vec::new(), keys: HashMap::new() };
        let mut latin = [0; 2];
        for (slot, (bundled, bold)) in latin.iter_mut().zip([(&LATIN, false), (&LATIN_BOLD, true)]) {
            *slot = match loader.installed_latin(installed, bold) {
                Some(id) => id,
                None => loader.bundled(bundled)?,
            };
        }
        let rare = loader.bundled(&RARE)?;
        let checkbox = loader.bundled(&CHECKBOX)?;
        let mut chains: [Vec<usize>; 5] = Default::default();
        for role in FontRole::ALL {
            let open = bundled_for(role).iter().map(|font| loader.bundled(font)).collect::<Result<Vec<_>, _>>()?;
            let primary = match config.paths.get(&role) {
                Some(path) => loader.file(path, None, role)?,
                None => loader.installed(installed, role).unwrap_or(open[0]),
            };
            let chain = &mut chains[role_index(role)];
            chain.push(primary);
            // The checkbox font has only ☐☑✓ and the like: asked before the big rare-character font,
            // so that a form's checkboxes do not make it read.
            for face in open.into_iter().chain([checkbox, rare]) {
                if !chain.contains(&face) {
                    chain.push(face);
                }
            }
        }
        Ok(Fonts { faces: loader.faces, chains, latin })
    }

    /// What decides the bytes the faces give: what each serves (a role, or Latin text), a
    /// stable key (file and face, or the bundled font's name), and the file it is read from
    /// (`None` for a bundled font, which is part of the program), so a caller can tell when the
    /// file is replaced.
    pub fn sources(&self) -> Vec<(String, &str, Option<&Path>)> {
        let roles = FontRole::ALL.iter().map(|&role| (format!("{role:?}"), self.primary(role)));
        let latin =
            ["Latin", "LatinBold"].into_iter().zip(self.latin).map(|(name, id)| (name.to_owned(), &self.faces[id]));
        roles.chain(latin).map(|(serves, face)| (serves, face.key(), face.file.as_deref())).collect()
    }

    /// Which file and face serves each role.
    pub fn describe(&self) -> Vec<(FontRole, String)> {
        FontRole::ALL.iter().map(|&role| (role, self.primary(role).label.clone())).collect()
    }

    pub(crate) fn face(&self, id: FaceId) -> &Face {
        &self.faces[id]
    }

    /// The role's own face, whose metrics set the line height of the role's text.
    pub(crate) fn primary(&self, role: FontRole) -> &Face {
        &self.faces[self.chains[role_index(role)][0]]
    }

    /// The face that sets `ch` in text of `role`, and the glyph: the Latin face for Latin
    /// characters it has, otherwise the first face of the role's chain that has `ch`.
    pub(crate) fn resolve(&self, role: FontRole, bold: bool, ch: char) -> Option<(FaceId, u16)> {
        let latin = crate::doc::is_latin(ch).then_some(self.latin[usize::from(bold)]);
        latin
            .into_iter()
            .chain(self.chains[role_index(role)].iter().copied())
            .find_map(|id| Some((id, self.faces[id].glyph(ch)?)))
    }
}

struct Loader {
    faces: Vec<Face>,
    keys: HashMap<String, usize>,
}

impl Loader {
    /// The face under `key`, made by `make` the first time: a face serves several roles (the Song face is 仿宋's fallback).
    fn add(&mut self, key: String, make: impl FnOnce(String) -> Result<Face, PdfError>) -> Result<usize, PdfError> {
        if let Some(&id) = self.keys.get(&key) {
            return Ok(id);
        }
        self.faces.push(make(key.clone())?);
        self.keys.insert(key, self.faces.len() - 1);
        Ok(self.faces.len() - 1)
    }

    fn bundled(&mut self, font: &'static Bundled) -> Result<usize, PdfError> {
        self.add(format!("bundled:{}", font.file), |key| {
            let family = family_of(font.bytes, 0);
            Face::new(format!("内置 {}（{family}）", font.file), key, None, Cow::Borrowed(font.bytes), 0)
                .ok_or_else(|| PdfError::FontInvalid { path: PathBuf::from("fonts").join(font.file) })
        })
    }

    /// A font file from disk for a role: in a collection the face named for the role wins,
    /// and it must map Chinese characters (old fonts with only a GBK cmap do not).
    fn file(&mut self, path: &Path, index: Option<u32>, role: FontRole) -> Result<usize, PdfError> {
        let data = std::fs::read(path).map_err(|source| PdfError::FontRead { path: path.to_owned(), source })?;
        let index = index.unwrap_or_else(|| {
            let count = ttf_parser::fonts_in_collection(&data).unwrap_or(1);
            (0..count).find(|&i| names_of(&data, i).iter().any(|n| matches_role(n, role))).unwrap_or(0)
        });
        self.add(format!("{}#{index}", path.display()), |key| {
            let label = label(path, index, &family_of(&data, index));
            let face = Face::new(label, key, Some(path.to_owned()), Cow::Owned(data), index)
                .ok_or_else(|| PdfError::FontInvalid { path: path.to_owned() })?;
            match face.glyph('中') {
                Some(_) => Ok(face),
                None => Err(PdfError::FontNotChinese { path: path.to_owned(), role: role_name(role) }),
            }
        })
    }

    /// Times New Roman, upright, regular or bold, if it is installed and loads.
    fn installed_latin(&mut self, installed: &[Installed], bold: bool) -> Option<usize> {
        let found = installed
            .iter()
            .find(|f| f.bold == bold && !f.italic && f.names.iter().any(|n| same_name(n, LATIN_NAME)))?;
        self.add(format!("{}#{}", found.path.display(), found.index), |key| {
            let data =
                std::fs::read(&found.path).map_err(|source| PdfError::FontRead { path: found.path.clone(), source })?;
            let label = label(&found.path, found.index, LATIN_NAME);
            Face::new(label, key, Some(found.path.clone()), Cow::Owned(data), found.index)
                .ok_or_else(|| PdfError::FontInvalid { path: found.path.clone() })
        })
        .ok()
    }

    /// The most wanted official font for the role among the installed ones. A file that
    /// fails to load is skipped: a broken system font must not stop a build.
    fn installed(&mut self, installed: &[Installed], role: FontRole) -> Option<usize> {
        official_names(role).iter().find_map(|wanted| {
            let found = installed.iter().find(|f| f.names.iter().any(|n| same_name(n, wanted)))?;
            self.file(&found.path, Some(found.index), role).ok()
        })
    }
}

/// The role as Chinese users name it.
fn role_name(role: FontRole) -> &'static str {
    match role {
        FontRole::Song => "宋体",
        FontRole::FangSong => "仿宋",
        FontRole::Hei => "黑体",
        FontRole::Kai => "楷体",
        FontRole::XiaoBiaoSong => "小标宋",
    }
}

fn label(path: &Path, index: u32, family: &str) -> String {
    match index {
        0 => format!("{}（{family}）", path.display()),
        _ => format!("{} 第 {} 款（{family}）", path.display(), index + 1),
    }
}

fn names_of(data: &[u8], index: u32) -> Vec<String> {
    ttf_parser::RawFace::parse(data, index)
        .ok()
        .and_then(|raw| raw.table(ttf_parser::Tag::from_bytes(b"name")))
        .map(system::names)
        .unwrap_or_default()
}

fn family_of(data: &[u8], index: u32) -> String {
    names_of(data, index).into_iter().next().unwrap_or_default()
}

fn matches_role(name: &str, role: FontRole) -> bool {
    official_names(role).iter().any(|wanted| same_name(name, wanted))
}

fn same_name(a: &str, b: &str) -> bool {
    a.trim().eq_ignore_ascii_case(b.trim())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn assert_send_sync<T: Send + Sync>() {}

    #[test]
    fn fonts_can_be_shared_across_threads() {
        assert_send_sync::<Fonts>();
    }

    #[test]
    fn bundled_fonts_serve_every_role_and_fall_back_per_character() {
        let fonts = Fonts::bundled().unwrap();
        let described = fonts.describe();
        assert_eq!(described.len(), 5);
        assert!(described[0].1.contains("NotoSerifSC-Regular-GB2312.otf"), "{described:?}");
        assert!(described[1].1.contains("ZhuqueFangsong"), "{described:?}");
        assert!(described[3].1.contains("DossierKai"), "{described:?}");
        let (main, _) = fonts.resolve(FontRole::FangSong, false, '集').unwrap();
        let (rare, _) = fonts.resolve(FontRole::FangSong, false, '堃').unwrap();
        let (check, _) = fonts.resolve(FontRole::Kai, false, '☑').unwrap();
        assert_ne!(main, rare);
        assert_ne!(rare, check);
        // What 朱雀仿宋 lacks comes from the Song face, not from the rare-character font.
        let (digit, _) = fonts.resolve(FontRole::FangSong, false, '２').unwrap();
        let (song, _) = fonts.resolve(FontRole::Song, false, '集').unwrap();
        assert_eq!(digit, song);
        assert_ne!(main, song);
        assert!(fonts.resolve(FontRole::Song, false, '\u{E000}').is_none());
    }

    #[test]
    fn latin_is_set_at_times_metrics_and_chinese_marks_a_full_em() {
        let fonts = Fonts::bundled().unwrap();
        let width = |role, bold, ch| {
            let (face, gid) = fonts.resolve(role, bold, ch).unwrap();
            (fonts.face(face).advance(gid), fonts.face(face).label().to_owned())
        };
        // Times New Roman's widths, in every role: digits half an em, % 0.833, bold % a whole em.
        for role in FontRole::ALL {
            assert_eq!(width(role, false, '2'), (0.5, "内置 LiberationSerif-Regular.ttf（Liberation Serif）".into()));
            assert_eq!(width(role, false, '%').0, 0.833);
            assert_eq!(width(role, true, '%'), (1.0, "内置 LiberationSerif-Bold.ttf（Liberation Serif）".into()));
        }
        // What Word sets in the Chinese font is one em wide there, as in 仿宋_GB2312 and 楷体_GB2312.
        for role in [FontRole::FangSong, FontRole::Kai] {
            for ch in "“”‘’·×°—集".chars() {
                assert_eq!(width(role, false, ch).0, 1.0, "{ch} in {role:?}");
            }
        }
        // The opening quote's ink at the right of its em, the closing one's at the left.
        let (face, gid) = fonts.resolve(FontRole::FangSong, false, '“').unwrap();
        let data = ttf_parser::Face::parse(&fonts.face(face).data, 0).unwrap();
        assert!(data.glyph_bounding_box(ttf_parser::GlyphId(gid)).unwrap().x_min > 500);
        let (_, gid) = fonts.resolve(FontRole::FangSong, false, '”').unwrap();
        assert!(data.glyph_bounding_box(ttf_parser::GlyphId(gid)).unwrap().x_max < 500);
        assert!(fonts.face(fonts.resolve(FontRole::Hei, true, 'A').unwrap().0).is_bold());
        assert!(!fonts.face(fonts.resolve(FontRole::Hei, true, '集').unwrap().0).is_bold());
    }

    #[test]
    fn an_installed_times_new_roman_sets_latin_in_its_own_style() {
        // As installed, named Times New Roman; bold listed first, as a folder sorted by name may.
        let times = |file: &str| Installed {
            names: vec!["Times New Roman".into()],
            ..system::faces_of(&Path::new("fonts").join(file)).unwrap().remove(0)
        };
        let installed = vec![times("LiberationSerif-Bold.ttf"), times("LiberationSerif-Regular.ttf")];
        let fonts = Fonts::with_installed(&FontConfig::default(), &installed).unwrap();
        let file = |bold| fonts.face(fonts.resolve(FontRole::FangSong, bold, 'A').unwrap().0).key().to_owned();
        assert_eq!(file(false), format!("{}#0", Path::new("fonts").join("LiberationSerif-Regular.ttf").display()));
        assert_eq!(file(true), format!("{}#0", Path::new("fonts").join("LiberationSerif-Bold.ttf").display()));
        let sources: Vec<String> = fonts.sources().into_iter().map(|(serves, _, _)| serves).collect();
        assert_eq!(sources[5..], ["Latin", "LatinBold"]);
    }

    #[test]
    fn an_installed_official_font_is_found_by_its_family_name() {
        let installed = vec![
            Installed {
                path: PathBuf::from("fonts/NotoSansSC-Regular-GB2312.otf"),
                index: 0,
                names: vec!["Noto Sans CJK SC".into()],
                bold: false,
                italic: false,
            },
            Installed {
                path: PathBuf::from("fonts/DossierKai-Regular.ttf"),
                index: 0,
                names: vec!["KaiTi_GB2312".into(), "楷体_GB2312".into()],
                bold: false,
                italic: false,
            },
        ];
        let mut loader = Loader { faces: Vec::new(), keys: HashMap::new() };
        let kai = loader.installed(&installed, FontRole::Kai).expect("楷体_GB2312 serves 楷体");
        assert!(loader.faces[kai].label().contains("fonts/DossierKai-Regular.ttf"));
        assert!(loader.installed(&installed, FontRole::FangSong).is_none());
    }

    /// The folder of the test fonts: open fonts renamed to the official names, laid out as
    /// Windows keeps them (`tools/make-test-fonts.py`).
    fn test_fonts() -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fonts")
    }

    /// Which file (relative to `root`) and face serve each role.
    fn chosen(fonts: &Fonts, root: &Path) -> Vec<(FontRole, String)> {
        let root = root.display().to_string();
        FontRole::ALL
            .iter()
            .map(|&role| {
                let face = fonts.primary(role);
                (role, face.key().trim_start_matches(&root).trim_start_matches(['/', '\\']).replace('\\', "/"))
            })
            .collect()
    }

    /// What the test fonts must resolve to, wherever their two folders are.
    const OFFICIAL: [(FontRole, &str); 5] = [
        (FontRole::Song, "Windows/Fonts/simsun.ttc#1"),
        (FontRole::FangSong, "Windows/Fonts/仿宋_GB2312.ttf#0"),
        (FontRole::Hei, "Windows/Fonts/simhei.ttf#0"),
        (FontRole::Kai, "LocalAppData/Microsoft/Windows/Fonts/楷体_GB2312.ttf#0"),
        (FontRole::XiaoBiaoSong, "Windows/Fonts/FZXBSJW.TTF#0"),
    ];

    #[test]
    fn official_fonts_are_found_in_the_windows_folders_by_their_family_names() {
        let root = test_fonts();
        let installed = system::installed_in(&[
            root.join("Windows").join("Fonts"),
            root.join("LocalAppData").join("Microsoft").join("Windows").join("Fonts"),
        ]);
        let fonts = Fonts::with_installed(&FontConfig { paths: BTreeMap::new(), system: true }, &installed).unwrap();
        assert_eq!(chosen(&fonts, &root), OFFICIAL.map(|(role, file)| (role, file.to_owned())));
    }

    /// Under Wine, `tools/check-windows.sh` copies the test fonts into the prefix's
    /// `C:\windows\Fonts` and the user's `%LOCALAPPDATA%\Microsoft\Windows\Fonts`.
    #[cfg(windows)]
    #[test]
    #[ignore = "needs the test fonts installed, as tools/check-windows.sh does under Wine"]
    fn official_fonts_installed_on_windows_are_found() {
        let fonts = Fonts::discover(&FontConfig { paths: BTreeMap::new(), system: true }).unwrap();
        let folder = |name: &str| PathBuf::from(std::env::var_os(name).unwrap());
        let (windows, local) = (folder("WINDIR"), folder("LOCALAPPDATA"));
        let expected = OFFICIAL.map(|(role, file)| {
            let (base, rest) = match file.strip_prefix("Windows/") {
                Some(rest) => (&windows, rest),
                None => (&local, file.trim_start_matches("LocalAppData/")),
            };
            (role, base.join(rest.replace('/', "\\")).display().to_string())
        });
        assert_eq!(FontRole::ALL.map(|role| (role, fonts.primary(role).key().to_owned())), expected);
    }

    #[test]
    fn discovery_on_this_machine_falls_back_to_the_bundled_fonts() {
        let fonts = Fonts::discover(&FontConfig { paths: BTreeMap::new(), system: true }).unwrap();
        assert_eq!(fonts.describe().len(), 5);
        assert!(fonts.resolve(FontRole::XiaoBiaoSong, false, '表').is_some());
    }

    #[test]
    fn a_configured_font_file_serves_its_role() {
        let config = FontConfig {
            paths: BTreeMap::from([(FontRole::Song, PathBuf::from("fonts/DossierKai-Regular.ttf"))]),
            system: false,
        };
        let fonts = Fonts::discover(&config).unwrap();
        assert!(fonts.describe()[0].1.contains("fonts/DossierKai-Regular.ttf"));
        let missing =
            FontConfig { paths: BTreeMap::from([(FontRole::Hei, PathBuf::from("fonts/黑体.ttf"))]), system: false };
        let err = Fonts::discover(&missing).err().unwrap().to_string();
        assert!(err.contains("fonts/黑体.ttf"), "{err}");
        let not_a_font =
            FontConfig { paths: BTreeMap::from([(FontRole::Hei, PathBuf::from("fonts/README.md"))]), system: false };
        assert!(matches!(Fonts::discover(&not_a_font), Err(PdfError::FontInvalid { .. })));
        let latin = FontConfig {
            paths: BTreeMap::from([(FontRole::Hei, PathBuf::from("fonts/DejaVuSans-Checkbox.ttf"))]),
            system: false,
        };
        let err = Fonts::discover(&latin).err().unwrap().to_string();
        assert!(err.contains("没有中文字形") && err.contains("黑体"), "{err}");
    }
}

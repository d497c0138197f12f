//! Font roles resolved to faces, per-character fallback, and the metrics layout needs.
//!
//! Each role (宋体, 仿宋, 黑体, 楷体, 小标宋) has a chain of faces: the configured or installed
//! official font, the open font the repository ships for that role, then the shipped checkbox
//! and rare-character fonts. A character is set in the first face of its chain that has it.

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

fn role_index(role: FontRole) -> usize {
    FontRole::ALL.iter().position(|&r| r == role).unwrap_or(0)
}

/// Which half of a full-width punctuation mark is blank and may be squeezed out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Blank {
    Left,
    Right,
}

/// Full-width punctuation whose ink sits in one half of the em box.
const SQUEEZABLE: &str = "，。、；：？！）】》」』〕〉］｝”’（【《「『〔〈［｛“‘";

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
}

struct Metrics {
    glyphs: HashMap<char, u16>,
    /// Advance per glyph in thousandths of an em, truncated exactly as printpdf writes the
    /// PDF `/W` array, so positions computed here are the positions a viewer draws.
    advances: Vec<u16>,
    squeeze: HashMap<char, Blank>,
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
        let squeeze = SQUEEZABLE
            .chars()
            .filter_map(|ch| {
                let gid = *glyphs.get(&ch)?;
                let advance = f32::from(*advances.get(usize::from(gid))?);
                let ink = face.glyph_bounding_box(ttf_parser::GlyphId(gid))?;
                let (left, right) = (f32::from(ink.x_min) * scale, f32::from(ink.x_max) * scale);
                if advance < 900.0 {
                    None
                } else if right <= 0.55 * advance {
                    Some((ch, Blank::Right))
                } else if left >= 0.45 * advance {
                    Some((ch, Blank::Left))
                } else {
                    None
                }
            })
            .collect();
        let middles = ['☐', '☑']
            .into_iter()
            .filter_map(|ch| {
                let ink = face.glyph_bounding_box(ttf_parser::GlyphId(*glyphs.get(&ch)?))?;
                Some((ch, (f32::from(ink.y_min) + f32::from(ink.y_max)) / 2.0 / upm))
            })
            .collect();
        let em_top = em_top(face);
        let line_height = (f32::from(face.ascender()) - f32::from(face.descender()) + f32::from(face.line_gap())) / upm;
        Metrics { glyphs, advances, squeeze, middles, em_top, line_height }
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
        ttf_parser::Face::parse(&data, index).ok()?;
        Some(Face { label, key, file, data, index, metrics: OnceLock::new(), parsed: OnceLock::new() })
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

    /// The blank half of a full-width punctuation mark, if it has one.
    pub fn squeeze(&self, ch: char) -> Option<Blank> {
        self.metrics().squeeze.get(&ch).copied()
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
        Ok(Fonts { faces: loader.faces, chains })
    }

    /// What decides the bytes each role's face gives: a stable key (file and face, or the
    /// bundled font's name), and the file it is read from (`None` for a bundled font, which is
    /// part of the program), so a caller can tell when the file is replaced.
    pub fn sources(&self) -> Vec<(FontRole, &str, Option<&Path>)> {
        FontRole::ALL
            .iter()
            .map(|&role| {
                let face = self.primary(role);
                (role, face.key(), face.file.as_deref())
            })
            .collect()
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

    /// The first face of the role's chain that has `ch`, and the glyph.
    pub(crate) fn resolve(&self, role: FontRole, ch: char) -> Option<(FaceId, u16)> {
        self.chains[role_index(role)].iter().find_map(|&id| Some((id, self.faces[id].glyph(ch)?)))
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
        let (main, _) = fonts.resolve(FontRole::FangSong, '集').unwrap();
        let (rare, _) = fonts.resolve(FontRole::FangSong, '堃').unwrap();
        let (check, _) = fonts.resolve(FontRole::Kai, '☑').unwrap();
        assert_ne!(main, rare);
        assert_ne!(rare, check);
        // What 朱雀仿宋 lacks comes from the Song face, not from the rare-character font.
        let (digit, _) = fonts.resolve(FontRole::FangSong, '２').unwrap();
        let (song, _) = fonts.resolve(FontRole::Song, '集').unwrap();
        assert_eq!(digit, song);
        assert_ne!(main, song);
        assert!(fonts.resolve(FontRole::Song, '\u{E000}').is_none());
    }

    #[test]
    fn full_width_punctuation_knows_its_blank_half() {
        let fonts = Fonts::bundled().unwrap();
        let face = fonts.primary(FontRole::Song);
        assert_eq!(face.squeeze('，'), Some(Blank::Right));
        assert_eq!(face.squeeze('（'), Some(Blank::Left));
        assert_eq!(face.squeeze('集'), None);
        assert!((face.advance(face.glyph('集').unwrap()) - 1.0).abs() < 1e-6);
    }

    #[test]
    fn an_installed_official_font_is_found_by_its_family_name() {
        let installed = vec![
            Installed {
                path: PathBuf::from("fonts/NotoSansSC-Regular-GB2312.otf"),
                index: 0,
                names: vec!["Noto Sans CJK SC".into()],
            },
            Installed {
                path: PathBuf::from("fonts/DossierKai-Regular.ttf"),
                index: 0,
                names: vec!["KaiTi_GB2312".into(), "楷体_GB2312".into()],
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
        assert!(fonts.resolve(FontRole::XiaoBiaoSong, '表').is_some());
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

//! The fonts installed on the machine: which files in the usual font folders carry which
//! family names. Only the `name` table of each face is read (a few KB a file), so scanning a
//! Windows font folder of several hundred MB stays fast.

use std::fs::File;
use std::io::{Read, Seek, SeekFrom};
use std::path::{Path, PathBuf};

/// One face of an installed font file, the names it answers to and its style.
#[derive(Debug, Clone)]
pub(crate) struct Installed {
    pub path: PathBuf,
    pub index: u32,
    pub names: Vec<String>,
    /// Bold and italic as the face's `head` table says (macStyle): the faces of one family
    /// (Times New Roman regular, bold, italic) share their family name.
    pub bold: bool,
    pub italic: bool,
}

/// Folders deep enough for Debian's `/usr/share/fonts/truetype/<package>/` layout.
const MAX_DEPTH: usize = 5;

/// Every face in the usual Windows, Linux and macOS font folders that exist here, in a
/// stable order (folders as listed, files sorted) so discovery is reproducible.
pub(crate) fn installed() -> Vec<Installed> {
    installed_in(&font_dirs(|name| std::env::var_os(name).map(PathBuf::from)))
}

/// Every face of the font files in `dirs` and their subfolders.
pub(crate) fn installed_in(dirs: &[PathBuf]) -> Vec<Installed> {
    let mut files = Vec::new();
    for dir in dirs {
        collect(dir, MAX_DEPTH, &mut files);
    }
    let mut faces = Vec::new();
    for path in files {
        // A file that cannot be read or parsed is simply not a candidate.
        faces.extend(faces_of(&path).unwrap_or_default());
    }
    faces
}

/// The font folders, from the environment `env` reads. Windows keeps fonts installed for
/// everyone in `%WINDIR%\Fonts` and, since Windows 10 1809, those installed for one user only
/// in `%LOCALAPPDATA%\Microsoft\Windows\Fonts`.
fn font_dirs(env: impl Fn(&str) -> Option<PathBuf>) -> Vec<PathBuf> {
    let mut dirs = Vec::new();
    let windows = env("WINDIR").or_else(|| env("SystemRoot"));
    if let Some(windows) = windows.or_else(|| cfg!(windows).then(|| PathBuf::from(r"C:\Windows"))) {
        dirs.push(windows.join("Fonts"));
    }
    if let Some(local) = env("LOCALAPPDATA") {
        dirs.push(local.join("Microsoft").join("Windows").join("Fonts"));
    }
    if !cfg!(windows) {
        dirs.extend(
            ["/usr/share/fonts", "/usr/local/share/fonts", "/Library/Fonts", "/System/Library/Fonts"]
                .map(PathBuf::from),
        );
        if let Some(data) = env("XDG_DATA_HOME") {
            dirs.push(data.join("fonts"));
        }
        if let Some(home) = env("HOME") {
            dirs.extend([".local/share/fonts", ".fonts", "Library/Fonts"].map(|d| home.join(d)));
        }
    }
    dirs.dedup();
    dirs
}

fn collect(dir: &Path, depth: usize, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    let mut entries: Vec<_> = entries.filter_map(Result::ok).collect();
    entries.sort_by_key(|e| e.file_name());
    for entry in entries {
        let path = entry.path();
        // `file_type` does not follow links, so a link loop cannot recurse forever.
        let Ok(kind) = entry.file_type() else { continue };
        if kind.is_dir() {
            if depth > 0 {
                collect(&path, depth - 1, out);
            }
        } else if is_font_file(&path) {
            out.push(path);
        }
    }
}

fn is_font_file(path: &Path) -> bool {
    let ext = path.extension().and_then(|e| e.to_str()).unwrap_or_default().to_ascii_lowercase();
    matches!(ext.as_str(), "ttf" | "otf" | "ttc" | "otc")
}

/// The faces of a font file with their family and full names and their style, reading only the
/// headers and the `name` and `head` tables.
pub(crate) fn faces_of(path: &Path) -> Option<Vec<Installed>> {
    let mut file = File::open(path).ok()?;
    let header = read_at(&mut file, 0, 12)?;
    let offsets = if &header[..4] == b"ttcf" {
        let count = be32(&header, 8)?.min(256);
        let table = read_at(&mut file, 12, count as usize * 4)?;
        (0..count as usize).map(|i| be32(&table, i * 4)).collect::<Option<Vec<_>>>()?
    } else {
        vec![0]
    };
    let mut faces = Vec::new();
    for (index, offset) in (0u32..).zip(offsets) {
        if let Some(face) = face_at(&mut file, u64::from(offset)) {
            faces.push(Installed { path: path.to_owned(), index, ..face });
        }
    }
    Some(faces)
}

/// The face whose table directory starts at `offset`, its path and index left to the caller.
fn face_at(file: &mut File, offset: u64) -> Option<Installed> {
    let header = read_at(file, offset, 12)?;
    let tables = usize::from(u16::from_be_bytes([header[4], header[5]]));
    let records = read_at(file, offset + 12, tables * 16)?;
    let table = |tag: &[u8]| {
        let record = records.chunks_exact(16).find(|r| &r[..4] == tag)?;
        Some((be32(record, 8)?, be32(record, 12)?))
    };
    let (start, length) = table(b"name")?;
    // A name table is a few KB; anything huge is a broken file, not a font to use.
    if length > 1 << 20 {
        return None;
    }
    let names = names(&read_at(file, u64::from(start), length as usize)?);
    // macStyle, 44 bytes into `head`: bit 0 bold, bit 1 italic.
    let (head, _) = table(b"head")?;
    let style = read_at(file, u64::from(head) + 44, 2)?;
    let style = u16::from_be_bytes([style[0], style[1]]);
    Some(Installed { path: PathBuf::new(), index: 0, names, bold: style & 1 != 0, italic: style & 2 != 0 })
}

/// Family (1), full (4) and typographic family (16) names, in every language the table
/// decodes to: 仿宋_GB2312 is found by "仿宋_GB2312" as well as "FangSong_GB2312".
pub(crate) fn names(name_table: &[u8]) -> Vec<String> {
    use ttf_parser::name_id::{FAMILY, FULL_NAME, TYPOGRAPHIC_FAMILY};
    let Some(table) = ttf_parser::name::Table::parse(name_table) else { return Vec::new() };
    let mut out: Vec<String> = Vec::new();
    for name in table.names {
        if ![FAMILY, FULL_NAME, TYPOGRAPHIC_FAMILY].contains(&name.name_id) {
            continue;
        }
        let text = name.to_string().or_else(|| legacy(&name));
        if let Some(text) = text.map(|t| t.trim().to_owned()).filter(|t| !t.is_empty() && !out.contains(t)) {
            out.push(text);
        }
    }
    out
}

/// A name in one of the encodings before Unicode: Mac Roman English (ASCII is all a family
/// name needs), and the Simplified Chinese encodings old Chinese fonts use, GBK on Windows
/// (PRC, some fonts padding single bytes to 16 bits) and GB2312 on the Mac.
fn legacy(name: &ttf_parser::name::Name) -> Option<String> {
    use ttf_parser::PlatformId::{Macintosh, Windows};
    const MAC_ROMAN: u16 = 0;
    const MAC_SIMPLIFIED_CHINESE: u16 = 25;
    const WINDOWS_PRC: u16 = 3;
    match (name.platform_id, name.encoding_id) {
        (Macintosh, MAC_ROMAN) if name.name.is_ascii() => Some(String::from_utf8_lossy(name.name).into_owned()),
        (Macintosh, MAC_SIMPLIFIED_CHINESE) | (Windows, WINDOWS_PRC) => {
            let bytes: Vec<u8> = name.name.iter().copied().filter(|&b| b != 0).collect();
            Some(encoding_rs::GBK.decode_without_bom_handling_and_without_replacement(&bytes)?.into_owned())
        }
        _ => None,
    }
}

fn read_at(file: &mut File, offset: u64, len: usize) -> Option<Vec<u8>> {
    file.seek(SeekFrom::Start(offset)).ok()?;
    let mut buf = vec![0; len];
    file.read_exact(&mut buf).ok()?;
    Some(buf)
}

fn be32(data: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_be_bytes(data.get(at..at + 4)?.try_into().ok()?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_family_names_without_loading_the_font() {
        let faces = faces_of(Path::new("fonts/DossierKai-Regular.ttf")).unwrap();
        assert_eq!(faces.len(), 1);
        assert!(faces[0].names.iter().any(|n| n == "Dossier Kai"), "{:?}", faces[0].names);
        let faces = faces_of(Path::new("fonts/NotoSerifSC-Regular-GB2312.otf")).unwrap();
        assert!(faces[0].names.iter().any(|n| n == "Noto Serif CJK SC"), "{:?}", faces[0].names);
        // Regular and bold of one family, told apart by their style.
        let style = |file: &str| faces_of(&Path::new("fonts").join(file)).map(|f| (f[0].bold, f[0].italic));
        assert_eq!(style("LiberationSerif-Regular.ttf"), Some((false, false)));
        assert_eq!(style("LiberationSerif-Bold.ttf"), Some((true, false)));
    }

    #[test]
    fn the_windows_font_folders_come_from_the_environment() {
        let env = |name: &str| match name {
            "WINDIR" => Some(PathBuf::from("C:/Windows")),
            "LOCALAPPDATA" => Some(PathBuf::from("C:/Users/张三/AppData/Local")),
            _ => None,
        };
        let dirs = font_dirs(env);
        assert_eq!(dirs[0], Path::new("C:/Windows").join("Fonts"));
        assert_eq!(dirs[1], Path::new("C:/Users/张三/AppData/Local").join("Microsoft").join("Windows").join("Fonts"));
    }

    #[test]
    fn a_file_that_is_not_a_font_has_no_faces() {
        assert!(faces_of(Path::new("fonts/README.md")).is_none_or(|f| f.is_empty()));
        assert!(faces_of(Path::new("fonts/does-not-exist.ttf")).is_none());
    }
}

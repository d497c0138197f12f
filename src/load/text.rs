//! The file as text, before the YAML parser sees it: its encoding, and the slips a Chinese
//! keyboard makes (a full-width colon after a key, a Tab, an invisible character pasted from a
//! web page, a ` #` that turns the rest of a sentence into a comment), each named at its own
//! line and column. The parser would report most of them lines away, in English, or not at all.
//!
//! A file that is not UTF-8 is refused rather than guessed at: GBK cannot be told apart from
//! Big5 or Shift-JIS by its bytes, and a wrong guess would print garbled names on forms that get
//! stamped. Saving the file once as UTF-8 takes a minute, and every editor can do it.

use std::path::Path;

use crate::load::diagnostic::{Diagnostic, Pos, Severity};

/// The text of a file, or why it cannot be read as text.
pub fn decode(file: &Path, bytes: Vec<u8>) -> Result<String, Box<Diagnostic>> {
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return Err(Box::new(finding(
            file,
            Severity::Error,
            Pos { line: 1, column: 1 },
            "文件是 UTF-16 编码（记事本中叫“Unicode”），dossier 只读 UTF-8 编码的文件".to_owned(),
            RESAVE.to_owned(),
        )));
    }
    match String::from_utf8(bytes) {
        Ok(text) => Ok(text.strip_prefix('\u{feff}').map(str::to_owned).unwrap_or(text)),
        Err(error) => {
            let valid = error.utf8_error().valid_up_to();
            let bytes = error.into_bytes();
            // GBK's first character is where its first non-ASCII byte is (some GBK pairs happen
            // to be valid UTF-8); any other bytes are named where UTF-8 stops.
            let (at, message) = match is_gbk(&bytes) {
                true => (
                    bytes.iter().position(|b| !b.is_ascii()).unwrap_or(valid),
                    "文件是 GBK 编码（记事本、WPS 等所说的“ANSI”或“GB2312”编码），dossier 只读 UTF-8 编码的文件",
                ),
                false => (valid, "此处的字节不是 UTF-8 编码的文字：文件可能是其他编码，或已损坏"),
            };
            // The prefix before that byte is UTF-8: it tells the line and column.
            let pos = end_of(std::str::from_utf8(&bytes[..at]).unwrap_or_default());
            Err(Box::new(finding(file, Severity::Error, pos, message.to_owned(), RESAVE.to_owned())))
        }
    }
}

const RESAVE: &str = "用记事本打开此文件，点“文件 → 另存为”，把下方的“编码”选为“UTF-8”后保存；\
                      用 WPS 或 VS Code 时同样在另存为（VS Code：右下角的编码 → 通过编码保存）中选 UTF-8";

/// Whether bytes read as GBK (GB 18030's two-byte range): ASCII, and pairs of a lead byte
/// 0x81–0xFE with a trail byte 0x40–0xFE other than 0x7F.
fn is_gbk(bytes: &[u8]) -> bool {
    let mut pairs = 0;
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            0x00..=0x7F => i += 1,
            0x81..=0xFE if bytes.get(i + 1).is_some_and(|b| (0x40..=0xFE).contains(b) && *b != 0x7F) => {
                pairs += 1;
                i += 2;
            }
            _ => return false,
        }
    }
    pairs > 0
}

/// The position just after `text`, 1-based.
fn end_of(text: &str) -> Pos {
    let line = text.matches('\n').count() + 1;
    let column = text.rsplit('\n').next().unwrap_or_default().chars().count() + 1;
    Pos { line, column }
}

/// What the slip check found: errors (with the text mended so the rest of the file can still be
/// checked, when the mend is certain) and warnings.
pub struct Slips {
    /// The text with each certain slip mended (a full-width colon made `: `, an invisible
    /// character made a space), or `None` when a slip leaves the file's structure unknown.
    pub mended: Option<String>,
    pub findings: Vec<Diagnostic>,
}

/// Finds the slips of every line at once.
pub fn slips(file: &Path, text: &str) -> Slips {
    let mut findings = Vec::new();
    let mut mended = String::with_capacity(text.len());
    let mut certain = true;
    // The indentation of the line that opened a block scalar (`|`, `>`): lines indented deeper
    // (and blank lines) are its text, where `#`, `:` and Tabs are just characters.
    let mut block: Option<usize> = None;
    for (index, raw) in text.split_inclusive('\n').enumerate() {
        let line_no = index + 1;
        let (line, ending) = match raw.strip_suffix('\n') {
            Some(l) => l.strip_suffix('\r').map_or((l, "\n"), |l| (l, "\r\n")),
            None => (raw, ""),
        };
        let mut line = invisible(file, line_no, line, &mut findings);
        let indent = line.len() - line.trim_start_matches(' ').len();
        let blank = line.trim().is_empty();
        if let Some(opened) = block {
            if blank || indent > opened {
                mended.push_str(&line);
                mended.push_str(ending);
                continue;
            }
            block = None;
        }
        if line[indent..].starts_with('\t') {
            let column = indent + 1;
            findings.push(finding(
                file,
                Severity::Error,
                Pos { line: line_no, column },
                "行首用了 Tab 缩进，YAML 只能用空格缩进".to_owned(),
                "把行首的 Tab 换成空格，使这一行与同一层级的其他行左对齐（每一层缩进两个空格）".to_owned(),
            ));
            certain = false;
        } else if !line.trim_start().starts_with('#') {
            line = key_colon(file, line_no, &line, &mut findings);
            line = lone_dash(&line);
            comment_cut(file, line_no, &line, &mut findings);
            if opens_block(&line) {
                // A block under `- key: |` is indented past the key, not the dash.
                let dash = if line[indent..].starts_with("- ") { 2 } else { 0 };
                block = Some(indent + dash);
            }
        }
        mended.push_str(&line);
        mended.push_str(ending);
    }
    Slips { mended: certain.then_some(mended), findings }
}

/// Invisible characters: control characters (other than Tab and line ends) and zero-width
/// marks, which break keys and numbers without showing. Each becomes a space in the mended text.
fn invisible(file: &Path, line_no: usize, line: &str, findings: &mut Vec<Diagnostic>) -> String {
    let mut out = String::with_capacity(line.len());
    for (column, ch) in line.chars().enumerate() {
        let hidden = (ch.is_control() && ch != '\t') || matches!(ch, '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}');
        if !hidden {
            out.push(ch);
            continue;
        }
        let what = match ch {
            '\0' => "空字符（NUL）",
            c if c.is_control() => "控制字符",
            _ => "零宽字符",
        };
        findings.push(finding(
            file,
            Severity::Error,
            Pos { line: line_no, column: column + 1 },
            format!("此处有看不见的{what} U+{:04X}（常见于从网页、PDF 或其他软件复制来的文字）", ch as u32),
            "删去这个字符：把光标放在它前后的字之间，按删除键，再核对这一行的文字".to_owned(),
        ));
        out.push(' ');
    }
    out
}

/// Where a line's key ends, if the line starts with one (`key` or `- key`, ASCII letters,
/// digits and `_`): the byte offset just after it.
fn key_end(line: &str) -> Option<usize> {
    let start = line.len() - line.trim_start_matches(' ').len();
    let start = if line[start..].starts_with("- ") { start + 2 } else { start };
    let len = line[start..].bytes().take_while(|b| b.is_ascii_alphanumeric() || *b == b'_').count();
    (len > 0).then_some(start + len)
}

/// The separator after a key: a full-width colon `：`, a colon without a space or with a Tab or
/// a full-width space after it. Mended to `: `.
fn key_colon(file: &Path, line_no: usize, line: &str, findings: &mut Vec<Diagnostic>) -> String {
    let Some(end) = key_end(line) else { return line.to_owned() };
    let rest = &line[end..];
    let spaces = rest.len() - rest.trim_start_matches(' ').len();
    let after = &rest[spaces..];
    let column = line[..end + spaces].chars().count() + 1;
    let key = line[..end].trim_start().trim_start_matches("- ");
    let (message, fix, skip) = if let Some(value) = after.strip_prefix('：') {
        (
            format!("键 `{key}` 后面用了中文冒号“：”"),
            "改为英文冒号加一个空格：切换到英文输入法输入“: ”".to_owned(),
            '：'.len_utf8() + value.len() - value.trim_start_matches([' ', '\u{3000}']).len(),
        )
    } else if let Some(value) = after.strip_prefix(':') {
        match value.chars().next() {
            None | Some(' ') => return line.to_owned(),
            Some('\t') => (
                format!("键 `{key}` 的冒号后面是 Tab"),
                "冒号后面改为一个空格".to_owned(),
                1 + value.len() - value.trim_start_matches(['\t', ' ']).len(),
            ),
            Some('\u{3000}') => (
                format!("键 `{key}` 的冒号后面是全角空格"),
                "冒号后面改为一个半角空格（切换到英文输入法）".to_owned(),
                1 + value.len() - value.trim_start_matches(['\u{3000}', ' ']).len(),
            ),
            // `key :x` is too odd to guess at.
            Some(_) if spaces > 0 => return line.to_owned(),
            Some(_) => (format!("键 `{key}` 的冒号后面缺少空格"), format!("写作“{key}: 值”：冒号后面加一个空格"), 1),
        }
    } else {
        return line.to_owned();
    };
    findings.push(finding(file, Severity::Error, Pos { line: line_no, column }, message, fix));
    format!("{}: {}", &line[..end], &after[skip..])
}

/// `key: -` is a list in YAML, not the dash a form leaves for “nothing”: quoted, it reads as the
/// text it was meant to be, and the rules say that the form wants “无” there.
fn lone_dash(line: &str) -> String {
    match key_end(line) {
        Some(end) if matches!(line[end..].trim_end(), ": -" | ": --") => {
            format!("{}: \"{}\"", &line[..end], line[end + 2..].trim_end())
        }
        _ => line.to_owned(),
    }
}

/// A ` #` after a text value starts a YAML comment: the rest of the line is silently dropped.
/// Numbers and dates followed by a comment are what comments are for, and pass.
fn comment_cut(file: &Path, line_no: usize, line: &str, findings: &mut Vec<Diagnostic>) {
    let value_start = match key_end(line) {
        Some(end) if line[end..].starts_with(": ") => end + 2,
        Some(_) => return,
        None if line.trim_start().starts_with("- ") => line.len() - line.trim_start().len() + 2,
        None => return,
    };
    let value = line[value_start..].trim_start();
    if value.is_empty() || value.starts_with(['"', '\'', '|', '>', '[', '{', '#']) {
        return;
    }
    let Some(hash) = value.find(" #").or_else(|| value.find("\t#")) else { return };
    let kept = value[..hash].trim_end();
    let dropped = value[hash + 2..].trim();
    if kept.parse::<f64>().is_ok() || crate::model::Date::parse(kept).is_some() || matches!(kept, "是" | "否") {
        return;
    }
    let at = line.len() - value.len() + hash + 1;
    findings.push(finding(
        file,
        Severity::Warning,
        Pos { line: line_no, column: line[..at].chars().count() + 1 },
        format!("“ #”之后的内容被当作注释，不会读入：此项只读到“{kept}”，“#{dropped}”被丢掉了"),
        "如“#”是正文的一部分，请给整段文字加上英文双引号，或去掉“#”前的空格；如确是注释，请把它移到上一行".to_owned(),
    ));
}

/// Whether a line ends in a block scalar indicator (`key: |`, `- >-`, `key: |2  # …`).
fn opens_block(line: &str) -> bool {
    let content = line.split(" #").next().unwrap_or_default().trim();
    let token = content.rsplit(' ').next().unwrap_or_default();
    let indicator = token.starts_with(['|', '>'])
        && token[1..].chars().all(|c| c.is_ascii_digit() || c == '-' || c == '+')
        && token.len() <= 3;
    indicator && (content == token || content.ends_with(&format!(": {token}")) || content == format!("- {token}"))
}

fn finding(file: &Path, severity: Severity, pos: Pos, message: String, fix: String) -> Diagnostic {
    Diagnostic {
        severity,
        file: file.to_owned(),
        pos,
        cell: None,
        path: String::new(),
        label: String::new(),
        message,
        fix,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(text: &str) -> Slips {
        slips(Path::new("cluster.yaml"), text)
    }

    #[test]
    fn gbk_is_told_from_other_bytes() {
        assert!(is_gbk(
            "name: ".as_bytes().iter().chain(&[0xC6, 0xEE, 0xCF, 0xD8]).copied().collect::<Vec<_>>().as_slice()
        ));
        assert!(!is_gbk(&[0x80, 0x41]));
        assert!(!is_gbk(b"ascii only"));
    }

    #[test]
    fn slips_are_found_at_their_column_and_mended() {
        let found = check("name: x\narea_km2：6.80\nb:\tc\nd:e\n");
        let places: Vec<(usize, usize)> = found.findings.iter().map(|d| (d.pos.line, d.pos.column)).collect();
        assert_eq!(places, vec![(2, 9), (3, 2), (4, 2)]);
        assert_eq!(found.mended.unwrap(), "name: x\narea_km2: 6.80\nb: c\nd: e\n");
    }

    #[test]
    fn block_scalars_keep_their_colons_and_hashes() {
        let text = "summary: |\n  1号：窑炉 #2 线\n  time:9\nname: a #b\n";
        let found = check(text);
        assert_eq!(found.findings.len(), 1, "{:#?}", found.findings);
        assert_eq!((found.findings[0].pos.line, found.findings[0].pos.column), (4, 9));
        assert_eq!(found.findings[0].severity, Severity::Warning);
    }

    #[test]
    fn numbers_and_urls_are_not_slips() {
        assert!(check("a: 12.60  # 万元\nb: https://x.cn\nc: \"x #y\"\n").findings.is_empty());
    }
}

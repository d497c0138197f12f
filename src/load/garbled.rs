//! File names garbled by zip tools. An archive made on a Chinese Windows stores its names in
//! GBK without saying so; unpacked elsewhere they arrive as raw GBK bytes (Linux), or read as
//! the zip format's default code page 437 (`╓╨╬─.pdf` for `中文.pdf`). The other way round,
//! UTF-8 names read as GBK give `鍏充簬.pdf` for `关于.pdf`. Each is recognised and undone, so
//! a message can name the file as it was meant to be.

use std::ffi::OsStr;

use encoding_rs::GBK;

/// What is wrong with a file name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Garbled {
    /// The name as it was meant to be.
    Meant(String),
    /// Bytes that are no text in UTF-8 or GBK.
    Unreadable,
}

/// `None` for a name that reads as it is.
pub fn garbled(name: &OsStr) -> Option<Garbled> {
    match name.to_str() {
        Some(text) => from_cp437(text).or_else(|| from_utf8_read_as_gbk(text)).map(Garbled::Meant),
        None => Some(raw_bytes(name).and_then(gbk).map_or(Garbled::Unreadable, Garbled::Meant)),
    }
}

/// A name that is not Unicode: raw bytes on Unix; on Windows (unpaired UTF-16 surrogates)
/// nothing to decode.
#[cfg(unix)]
fn raw_bytes(name: &OsStr) -> Option<&[u8]> {
    use std::os::unix::ffi::OsStrExt;
    Some(name.as_bytes())
}

#[cfg(not(unix))]
fn raw_bytes(_: &OsStr) -> Option<&[u8]> {
    None
}

/// GBK bytes read as code page 437: every character maps back to a byte, and the bytes are
/// Chinese in GBK. Latin names with accents (`Café`) do not decode as GBK and stay.
fn from_cp437(text: &str) -> Option<String> {
    if text.is_ascii() {
        return None;
    }
    gbk(&oem_cp::encode_string_checked(text, &oem_cp::code_table::ENCODING_TABLE_CP437)?)
}

/// UTF-8 read as GBK: the name goes back into GBK bytes that are UTF-8 Chinese. Such names
/// always hold characters outside GB2312 (a UTF-8 continuation byte leads a GBK pair), which
/// keeps an ordinary Chinese name whose GBK bytes happen to be valid UTF-8 from matching.
fn from_utf8_read_as_gbk(text: &str) -> Option<String> {
    let (bytes, _, unmappable) = GBK.encode(text);
    if unmappable || !beyond_gb2312(&bytes) {
        return None;
    }
    let meant = std::str::from_utf8(&bytes).ok()?;
    (meant != text && has_chinese(meant)).then(|| meant.to_owned())
}

/// Bytes that are GBK text with Chinese in it.
fn gbk(bytes: &[u8]) -> Option<String> {
    let text = GBK.decode_without_bom_handling_and_without_replacement(bytes)?;
    has_chinese(&text).then(|| text.into_owned())
}

/// Whether GBK bytes hold a pair outside GB2312 (lead 0xA1–0xF7, trail 0xA1–0xFE).
fn beyond_gb2312(bytes: &[u8]) -> bool {
    let mut rest = bytes;
    while let Some((&first, tail)) = rest.split_first() {
        if first < 0x80 {
            rest = tail;
            continue;
        }
        let Some((&second, tail)) = tail.split_first() else { return true };
        if !(0xA1..=0xF7).contains(&first) || !(0xA1..=0xFE).contains(&second) {
            return true;
        }
        rest = tail;
    }
    false
}

fn has_chinese(text: &str) -> bool {
    text.chars().any(|c| matches!(c, '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}'))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn meant(name: &str) -> Option<Garbled> {
        garbled(OsStr::new(name))
    }

    #[test]
    fn gbk_names_read_as_code_page_437_are_undone() {
        assert_eq!(meant("╓╨╬─.pdf"), Some(Garbled::Meant("中文.pdf".into())));
        // 关于祁县玻璃器皿产业的证明（盖章）.pdf, as `unzip` or Python's zipfile leave it.
        let zipped = "╣╪╙┌╞ε╧╪▓ú┴º╞≈├≤▓·╥╡╡─╓ñ├≈ú¿╕╟╒┬ú⌐.pdf";
        assert_eq!(meant(zipped), Some(Garbled::Meant("关于祁县玻璃器皿产业的证明（盖章）.pdf".into())));
    }

    #[test]
    fn utf8_names_read_as_gbk_are_undone() {
        assert_eq!(meant("鍏充簬鏀跨瓥.pdf"), Some(Garbled::Meant("关于政策.pdf".into())));
    }

    #[test]
    fn ordinary_names_are_left_alone() {
        for name in
            ["中文.pdf", "05-产业链强链补链", "Café Übersicht.pdf", "scan 1.JPG", "（盖章）证明 1.pdf", "图1.pdf"]
        {
            assert_eq!(meant(name), None, "{name}");
        }
    }

    #[cfg(unix)]
    #[test]
    fn raw_gbk_bytes_are_decoded() {
        use std::os::unix::ffi::OsStrExt;
        let (bytes, _, _) = GBK.encode("营业执照.pdf");
        assert_eq!(garbled(OsStr::from_bytes(&bytes)), Some(Garbled::Meant("营业执照.pdf".into())));
        assert_eq!(garbled(OsStr::from_bytes(b"\xff\xfe.pdf")), Some(Garbled::Unreadable));
    }
}

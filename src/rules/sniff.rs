//! What an evidence file really is, from its first bytes: a cheap check at `dossier check` time
//! that it is a PDF or an image the volume can bind. Whether a PDF is damaged or encrypted is
//! the volume builder's to find out.

use std::io::Read;
use std::path::Path;

/// How many leading bytes are read.
const HEAD: usize = 4096;

/// Why a file cannot be bound, in the user's words.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Unbindable {
    #[error("文件是空的（0 字节）")]
    Empty,
    #[error("这是 HTML 网页，不是 PDF（多半是在网站上“另存为”得到的）")]
    Html,
    #[error("这是纯文本文件，不是 PDF 或图片")]
    Text,
    #[error("这是 HEIC/HEIF 照片（苹果手机默认的照片格式），不能装订")]
    Heic,
    #[error("这是 Word 文档（.docx），不是 PDF 或图片")]
    Docx,
    #[error("这是 ZIP 压缩包（或 Excel 等 Office 文件），不是 PDF 或图片")]
    Zip,
    #[error("这是 Office 97-2003 或 WPS 格式的文档，不是 PDF 或图片")]
    OldOffice,
    #[error("无法识别的文件格式（开头字节为 {0}），不是 PDF 或图片")]
    Unknown(String),
    #[error("无法读取文件：{0}")]
    Unreadable(String),
}

impl Unbindable {
    /// What the user can do about it.
    pub fn fix(&self) -> &'static str {
        match self {
            Unbindable::Empty => "多半是复制或下载时出了错：请重新复制或重新扫描原件",
            Unbindable::Html => "在浏览器中打开原网页或文件后“打印为 PDF”，或下载真正的 PDF 文件",
            Unbindable::Heic => "在手机“设置 > 相机 > 格式”中选“兼容性最佳”后重拍，或把照片导出为 JPEG",
            Unbindable::Zip => "是压缩包的请解压后放入其中的 PDF 或图片；是 Office 文件的请“另存为 PDF”",
            Unbindable::Text | Unbindable::Docx | Unbindable::OldOffice | Unbindable::Unknown(_) => {
                "用相应软件打开后“另存为 PDF”或“打印为 PDF”；只能装订 PDF 和 JPEG、PNG、TIFF、GIF、BMP、WEBP 图片"
            }
            Unbindable::Unreadable(_) => "检查文件是否存在、能否打开，以及访问权限",
        }
    }
}

/// Reads the head of a file and says whether it is bindable.
pub fn file(path: &Path) -> Result<(), Unbindable> {
    let mut head = Vec::with_capacity(HEAD);
    std::fs::File::open(path)
        .and_then(|f| f.take(HEAD as u64).read_to_end(&mut head))
        .map_err(|e| Unbindable::Unreadable(e.to_string()))?;
    sniff(&head)
}

/// PDF, JPEG, PNG, TIFF, GIF, BMP or WEBP; anything else is refused, saying what it is.
pub fn sniff(head: &[u8]) -> Result<(), Unbindable> {
    let starts = |magic: &[u8]| head.starts_with(magic);
    // Readers accept a few bytes of junk before the PDF header; some scanners write it.
    let pdf = contains(&head[..head.len().min(1024)], b"%PDF-");
    let image = starts(&[0xFF, 0xD8, 0xFF])
        || starts(b"\x89PNG\r\n\x1a\n")
        || starts(b"II*\0")
        || starts(b"MM\0*")
        || starts(b"GIF87a")
        || starts(b"GIF89a")
        || (starts(b"BM") && head.len() >= 14)
        || (starts(b"RIFF") && head.get(8..12) == Some(b"WEBP"));
    if pdf || image {
        return Ok(());
    }
    Err(refusal(head))
}

fn refusal(head: &[u8]) -> Unbindable {
    let starts = |magic: &[u8]| head.starts_with(magic);
    if head.is_empty() {
        return Unbindable::Empty;
    }
    if head.get(4..8) == Some(b"ftyp") && matches!(head.get(8..12), Some(b"heic" | b"heix" | b"hevc" | b"mif1" | b"msf1")) {
        return Unbindable::Heic;
    }
    if starts(b"PK\x03\x04") {
        return if contains(head, b"word/") { Unbindable::Docx } else { Unbindable::Zip };
    }
    if starts(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
        return Unbindable::OldOffice;
    }
    let text = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
    let lower: Vec<u8> = text.iter().take(512).map(u8::to_ascii_lowercase).collect();
    if contains(&lower, b"<html") || contains(&lower, b"<!doctype html") {
        return Unbindable::Html;
    }
    // Text (UTF-8 or GBK) has no NUL and next to no control bytes.
    let controls = head.iter().filter(|&&b| b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0C)).count();
    if !head.contains(&0) && controls * 100 <= head.len() {
        return Unbindable::Text;
    }
    let bytes: Vec<String> = head.iter().take(8).map(|b| format!("{b:02X}")).collect();
    Unbindable::Unknown(bytes.join(" "))
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bindable_files_are_known_by_their_first_bytes() {
        for head in [
            &b"%PDF-1.7\n"[..],
            b"\r\n%PDF-1.4",
            b"\xFF\xD8\xFF\xE0\0\x10JFIF",
            b"\x89PNG\r\n\x1a\n\0\0",
            b"II*\0\x08\0\0\0",
            b"MM\0*\0\0\0\x08",
            b"GIF89a\x01\0",
            b"BM\x36\0\0\0\0\0\0\0\x36\0\0\0",
            b"RIFF\x24\0\0\0WEBPVP8 ",
        ] {
            assert_eq!(sniff(head), Ok(()), "{head:?}");
        }
    }

    #[test]
    fn other_files_say_what_they_are() {
        assert_eq!(sniff(b""), Err(Unbindable::Empty));
        assert_eq!(sniff(b"<!DOCTYPE html><html>"), Err(Unbindable::Html));
        assert_eq!(sniff("营业执照扫描件".as_bytes()), Err(Unbindable::Text));
        assert_eq!(sniff(b"\0\0\0\x18ftypheic\0\0\0\0"), Err(Unbindable::Heic));
        assert_eq!(sniff(b"PK\x03\x04\x14\0\x06\0[Content_Types].xml word/document.xml"), Err(Unbindable::Docx));
        assert_eq!(sniff(b"PK\x03\x04\x14\0\0\0scan.pdf"), Err(Unbindable::Zip));
        assert_eq!(sniff(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0]), Err(Unbindable::OldOffice));
        assert_eq!(sniff(&[0, 1, 2, 3, 0xFE]), Err(Unbindable::Unknown("00 01 02 03 FE".into())));
    }
}

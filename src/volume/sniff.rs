//! What a file really is, from its first bytes: counties rename files, save web pages as .pdf and
//! photograph with phones that write HEIC. The extension is never trusted.

/// A file type the volume can bind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Pdf,
    Jpeg,
    Png,
    Tiff,
    Gif,
    Bmp,
    Webp,
}

/// How many leading bytes `sniff` wants to see.
pub const HEAD: usize = 4096;

/// The kind of a file from its head, or why it cannot be bound (Chinese: what it is, what to do).
pub fn sniff(head: &[u8]) -> Result<Kind, String> {
    if head.is_empty() {
        return Err("文件是空的（0 字节），多半是复制或下载时出了错，请重新复制或重新扫描原件".into());
    }
    // Readers accept junk before the header (some scanners prepend it); so does lopdf.
    if find(&head[..head.len().min(1024)], b"%PDF-").is_some() {
        return Ok(Kind::Pdf);
    }
    let starts = |magic: &[u8]| head.starts_with(magic);
    if starts(&[0xFF, 0xD8, 0xFF]) {
        return Ok(Kind::Jpeg);
    }
    if starts(b"\x89PNG\r\n\x1a\n") {
        return Ok(Kind::Png);
    }
    if starts(b"II*\0") || starts(b"MM\0*") || starts(b"II+\0") || starts(b"MM\0+") {
        return Ok(Kind::Tiff);
    }
    if starts(b"GIF87a") || starts(b"GIF89a") {
        return Ok(Kind::Gif);
    }
    if starts(b"BM") && head.len() >= 14 {
        return Ok(Kind::Bmp);
    }
    if starts(b"RIFF") && head.get(8..12) == Some(b"WEBP") {
        return Ok(Kind::Webp);
    }
    Err(refusal(head))
}

fn refusal(head: &[u8]) -> String {
    const TO_PDF: &str = "请用相应软件打开后“另存为 PDF”或“打印为 PDF”，再放入佐证材料目录";
    let starts = |magic: &[u8]| head.starts_with(magic);
    if head.get(4..8) == Some(b"ftyp") {
        let brand = head.get(8..12).unwrap_or_default();
        return match brand {
            b"heic" | b"heix" | b"hevc" | b"hevx" | b"heim" | b"heis" | b"mif1" | b"msf1" => {
                "这是 HEIC/HEIF 照片（苹果手机默认的照片格式），不能直接装订。请在手机“设置 > 相机 > 格式”中选“兼容性最佳”后重拍，或把照片导出为 JPEG".into()
            }
            b"avif" | b"avis" => "这是 AVIF 图片，请转换为 JPEG 或 PNG 后再放入".into(),
            _ => "这是视频或其他媒体文件，不是 PDF 或图片".into(),
        };
    }
    if starts(b"PK\x03\x04") {
        return if find(head, b"word/").is_some() {
            format!("这是 Word 文档（.docx），只是扩展名不对。{TO_PDF}")
        } else if find(head, b"xl/").is_some() {
            format!("这是 Excel 表格（.xlsx），只是扩展名不对。{TO_PDF}")
        } else if find(head, b"ppt/").is_some() {
            format!("这是 PowerPoint 演示文稿（.pptx）。{TO_PDF}")
        } else if find(head, b"OFD.xml").is_some() || find(head, b"Doc_0/").is_some() {
            "这是 OFD 版式文件（电子发票、电子证照常用的国产格式），请用数科 OFD 阅读器、WPS 等软件打开后“打印为 PDF”"
                .into()
        } else {
            "这是 ZIP 压缩包，请解压后把其中的 PDF 或图片放入佐证材料目录".into()
        };
    }
    if starts(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
        return format!("这是 Office 97-2003 或 WPS 格式的文档（.doc/.xls/.ppt/.wps）。{TO_PDF}");
    }
    if starts(b"Rar!") || starts(&[0x37, 0x7A, 0xBC, 0xAF, 0x27, 0x1C]) {
        return "这是 RAR/7z 压缩包，请解压后把其中的 PDF 或图片放入佐证材料目录".into();
    }
    if starts(b"{\\rtf") {
        return format!("这是 RTF 文档。{TO_PDF}");
    }
    if starts(b"\0\0\0\x0cjP  ") || starts(&[0xFF, 0x4F, 0xFF, 0x51]) {
        return "这是 JPEG 2000 图片，请转换为 JPEG 或 PNG 后再放入".into();
    }
    if starts(b"8BPS") {
        return "这是 Photoshop（.psd）文件，请导出为 JPEG、PNG 或 PDF".into();
    }
    let text = trim_text_start(head);
    let lower: Vec<u8> = text.iter().take(512).map(u8::to_ascii_lowercase).collect();
    if lower.starts_with(b"<!doctype html") || lower.starts_with(b"<html") || find(&lower, b"<html").is_some() {
        return "这不是 PDF，而是一个 HTML 网页（多半是在网站上“另存为”得到的）。请在浏览器中打开原网页或文件后“打印为 PDF”，或下载真正的 PDF 文件".into();
    }
    if lower.starts_with(b"<svg") || (lower.starts_with(b"<?xml") && find(&lower, b"<svg").is_some()) {
        return "这是 SVG 矢量图，请导出为 PDF 或 PNG 后再放入".into();
    }
    if lower.starts_with(b"<?xml") {
        return "这是 XML 数据文件，不是 PDF 或图片".into();
    }
    if looks_like_text(head) {
        return format!("这是纯文本文件，不是 PDF 或图片。{TO_PDF}");
    }
    let bytes: Vec<String> = head.iter().take(8).map(|b| format!("{b:02X}")).collect();
    format!(
        "无法识别的文件格式（文件开头字节为 {}），只能装订 PDF 和 JPEG、PNG、TIFF、GIF、BMP、WEBP 图片，请确认文件能正常打开后转换为 PDF",
        bytes.join(" ")
    )
}

fn trim_text_start(head: &[u8]) -> &[u8] {
    let head = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
    let start = head.iter().position(|b| !b.is_ascii_whitespace()).unwrap_or(head.len());
    &head[start..]
}

/// UTF-8 or GBK text: no NUL and almost no control bytes.
fn looks_like_text(head: &[u8]) -> bool {
    let controls = head.iter().filter(|&&b| b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0C)).count();
    !head.contains(&0) && controls * 100 <= head.len()
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recognises_what_counties_drop_in() {
        assert_eq!(sniff(b"%PDF-1.4\n"), Ok(Kind::Pdf));
        assert_eq!(sniff(b"\xFF\xD8\xFF\xE0"), Ok(Kind::Jpeg));
        assert!(sniff(b"").unwrap_err().contains("空"));
        assert!(sniff(b"<!DOCTYPE html><html>").unwrap_err().contains("HTML"));
        assert!(sniff(b"\0\0\0\x18ftypheic\0\0").unwrap_err().contains("HEIC"));
        assert!(sniff(b"PK\x03\x04....[Content_Types].xml..word/document.xml").unwrap_err().contains("Word"));
        assert!(sniff("申报说明\n第一条".as_bytes()).unwrap_err().contains("文本"));
        assert!(sniff(&[1, 2, 3, 0, 0, 0]).unwrap_err().contains("01 02 03"));
    }
}

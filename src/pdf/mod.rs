//! The native PDF back end: the document model laid out on GB/T 9704 pages and written with
//! printpdf's page API.
//!
//! `doc` → [`layout`] (line breaking, tables, pagination; positioned glyphs and rules per page)
//! → [`write`] (printpdf ops, page numbers, watermark, subset fonts, metadata).
//! Fonts are resolved per role and per character by [`fonts`]; nothing here knows a form.

mod fonts;
mod layout;
mod linebreak;
mod paragraph;
mod system;
mod table;
mod write;

use std::io::Write;
use std::path::PathBuf;

use flate2::{Compression, write::ZlibEncoder};

pub use fonts::{FontConfig, Fonts};

use crate::doc::{Document, GridError};

/// Why a document could not be made into a PDF; every message names what to fix.
#[derive(Debug, thiserror::Error)]
pub enum PdfError {
    #[error("无法读取字体文件 {path}：{source}")]
    FontRead { path: PathBuf, source: std::io::Error },
    #[error("字体文件 {path} 无法解析：不是可用的 TrueType/OpenType 字体")]
    FontInvalid { path: PathBuf },
    #[error("字体文件 {path} 没有中文字形（或其字符映射不是 Unicode），不能用作{role}")]
    FontNotChinese { path: PathBuf, role: &'static str },
    #[error("所有可用字体中都没有字符“{ch}”（U+{code:04X}），无法排印文字“{text}”")]
    NoGlyph { ch: char, code: u32, text: String },
    #[error("文档没有任何节，没有可排印的页面")]
    Empty,
    #[error("表格没有任何列（widths 为空）")]
    NoColumns,
    #[error(transparent)]
    Grid(#[from] GridError),
    #[error("字体 {font} 无法嵌入 PDF")]
    Embed { font: String },
    #[error("写出 PDF 失败：{0}")]
    Write(String),
}

/// Lays out `doc` and returns the bytes of the PDF: deterministic for the same document
/// and fonts (no clock, no random identifiers).
pub fn typeset(doc: &Document, fonts: &Fonts) -> Result<Vec<u8>, PdfError> {
    let pages = layout::layout(doc, fonts)?;
    write::write(doc, &pages, fonts)
}

/// How the content stream of a page number begins in every PDF dossier writes: a pagination
/// artifact (PDF 32000 §14.8.2.2) in an uncompressed stream of its own, so that a volume, which
/// numbers its pages itself, binds the same PDF as the form on its own and leaves these out.
pub const PAGE_NUMBER: &[u8] = b"/Artifact <</Subtype/Footer/Type/Pagination>> BDC";

/// Zlib at the default level: what every stream dossier writes into a PDF is compressed with.
pub fn deflate(data: &[u8]) -> Vec<u8> {
    let mut encoder = ZlibEncoder::new(Vec::with_capacity(data.len() / 2), Compression::default());
    // Writing into a Vec cannot fail.
    let _ = encoder.write_all(data);
    encoder.finish().unwrap_or_default()
}

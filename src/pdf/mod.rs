//! The native PDF back end: the document model laid out on GB/T 9704 pages and typeset with
//! printpdf's page API.
//!
//! `doc` → `layout` (line breaking, tables, pagination; positioned glyphs and rules per page)
//! → `compose` (printpdf ops, subset fonts) → [`Typeset`], the hand-over: pages with their
//! content and resources, and beside them what the folio needs. [`Typeset::to_pdf`] writes the
//! document's own PDF, and the volumes bind the same pages; both draw the folio and the draft
//! mark with the one drawer of `folio`. Fonts are resolved per role and per character by
//! `fonts`; nothing here knows a form.

pub(crate) mod codec;
mod compose;
mod file;
mod folio;
mod fonts;
mod layout;
mod linebreak;
mod metrics;
mod paragraph;
mod system;
mod table;
mod typeset;
pub(crate) mod writer;

use std::io::Write;
use std::path::PathBuf;

use flate2::{Compression, write::ZlibEncoder};

pub(crate) use folio::Stamp;
pub use fonts::{FontConfig, Fonts};
pub use metrics::Metrics;
pub use typeset::{Heading, Typeset, TypesetPage};

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

/// Lays out and typesets `doc`: deterministic for the same document and fonts (no clock, no
/// random identifiers).
pub fn typeset(doc: &Document, fonts: &Fonts) -> Result<Typeset, PdfError> {
    let pages = layout::layout(doc, fonts)?;
    compose::compose(doc, &pages, fonts)
}

/// Zlib at the default level: what every stream dossier writes into a PDF is compressed with.
pub fn deflate(data: &[u8]) -> Vec<u8> {
    let mut encoder = ZlibEncoder::new(Vec::with_capacity(data.len() / 2), Compression::default());
    // Writing into a Vec cannot fail.
    let _ = encoder.write_all(data);
    encoder.finish().unwrap_or_default()
}

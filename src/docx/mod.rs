//! The DOCX back end: the document model as WordprocessingML that Word, WPS and LibreOffice
//! open and that officials can edit (text in table cells, no drawn shapes).
//!
//! The XML is written here rather than through docx-rs: docx-rs 0.4 writes the children of
//! `w:pPr`, `w:rPr`, `w:tcPr`, `w:tblPr` and `w:sectPr` out of schema order (Word rejects
//! that), has no `w:tblHeader` or `w:altName`, and its ids and archive are not reproducible.
//! Every part here is written in the order of the ECMA-376 schema, and `tests/docx.rs` checks
//! that order on the output.
//!
//! Page setup is GB/T 9704 on A4 (`page`), fonts are the official names with fallbacks
//! (`fonts`), and two renders of one document are byte for byte the same.

mod body;
mod date;
mod fonts;
mod inline;
mod package;
mod page;
mod paragraph;
mod parts;
mod table;
mod theme;
mod xml;

pub use table::TableError;

use crate::doc::Document;
use crate::pdf::{Fonts, Metrics, PdfError};

pub(crate) const W_NS: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
pub(crate) const R_NS: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

/// Why a document could not be written as DOCX.
#[derive(Debug, thiserror::Error)]
pub enum DocxError {
    #[error("文档没有任何节，无法生成 DOCX")]
    NoSections,
    #[error("第 {section} 节第 {table} 个表格：{problem}")]
    Table { section: usize, table: usize, problem: TableError },
    #[error(transparent)]
    Layout(#[from] PdfError),
    #[error("无法打包 DOCX 文件：{0}")]
    Zip(#[from] zip::result::ZipError),
}

/// Writes the document as a DOCX file (the bytes of the ZIP package), with the line pitches and
/// row heights the PDF gives it in `fonts`, so that Word and LibreOffice break its pages where
/// the PDF does.
pub fn write(doc: &Document, fonts: &Fonts) -> Result<Vec<u8>, DocxError> {
    if doc.sections.is_empty() {
        return Err(DocxError::NoSections);
    }
    let document = body::document(doc, Metrics::new(fonts))?;
    let parts = parts::package(&doc.meta, document);
    Ok(package::zip(&parts, doc.meta.date.map(date::zip_time).unwrap_or_default())?)
}

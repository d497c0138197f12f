//! Orchestration: for each cluster every form it needs (DOCX and PDF), its volumes and what
//! goes on the CDs; for a city its summary tables, letters and 现场核查符合性说明. Nothing is
//! written while the data has errors, unless a draft is asked for.

mod city;
mod cluster;
mod delivery;
mod pages;

use std::path::{Path, PathBuf};

use crate::diagnostic::Diagnostic;
use crate::doc::Document;
use crate::forms::Form;
use crate::pdf::{FontConfig, Fonts};
use crate::render::{RenderError, Templates};

pub use city::{CityReport, build_city};
pub use cluster::{CityContext, ClusterReport, build_cluster};

#[derive(Debug, Clone)]
pub struct Options {
    pub out: PathBuf,
    /// Build despite errors, every page marked 草稿.
    pub draft: bool,
    /// Printed on both sides (items of a volume start on right-hand pages).
    pub duplex: bool,
    /// A progress bar on a terminal.
    pub progress: bool,
}

#[derive(Debug, thiserror::Error)]
pub enum BuildError {
    #[error("数据中有 {} 个错误，未生成材料（改正后重试，或用 --draft 生成草稿）", count_errors(.0))]
    DataErrors(Vec<Diagnostic>),
    #[error(transparent)]
    Render(#[from] RenderError),
    #[error("{name}：{source}")]
    Docx { name: String, source: crate::docx::DocxError },
    #[error("{name}：{source}")]
    Pdf { name: String, source: crate::pdf::PdfError },
    #[error("佐证材料册 {name} 未生成：\n{source}")]
    Volume { name: String, source: crate::volume::VolumeError },
    #[error("无法写入 {}：{source}", path.display())]
    Write { path: PathBuf, source: std::io::Error },
}

fn count_errors(findings: &[Diagnostic]) -> usize {
    findings.iter().filter(|d| d.severity == crate::diagnostic::Severity::Error).count()
}

/// What every build shares: the compiled templates and the parsed fonts (both costly, both
/// read-only, so one engine serves every cluster of a batch on every thread).
pub struct Engine {
    pub templates: Templates,
    pub fonts: Fonts,
}

impl Engine {
    /// Official fonts when the machine has them, else the bundled open fonts; `bundled_only`
    /// makes the PDF identical on every machine.
    pub fn new(bundled_only: bool) -> anyhow::Result<Engine> {
        let fonts = if bundled_only { Fonts::bundled()? } else { Fonts::discover(&FontConfig { system: true, ..FontConfig::default() })? };
        Ok(Engine { templates: Templates::new()?, fonts })
    }

    pub fn document(&self, form: &Form) -> Result<Document, RenderError> {
        self.templates.render(form.template, &form.context)
    }

    pub fn pdf(&self, name: &str, doc: &Document) -> Result<Vec<u8>, BuildError> {
        crate::pdf::render(doc, &self.fonts).map_err(|source| BuildError::Pdf { name: name.to_owned(), source })
    }

    /// Writes a form as `name.docx` and `name.pdf` in `dir`; returns its document.
    pub fn write_form(&self, dir: &Path, form: &Form) -> Result<Written, BuildError> {
        let doc = self.document(form)?;
        let docx = crate::docx::render(&doc).map_err(|source| BuildError::Docx { name: form.name.clone(), source })?;
        let pdf = self.pdf(&form.name, &doc)?;
        let docx_path = dir.join(format!("{}.docx", form.name));
        let pdf_path = dir.join(format!("{}.pdf", form.name));
        write(&docx_path, &docx)?;
        write(&pdf_path, &pdf)?;
        Ok(Written { doc, files: vec![docx_path, pdf_path] })
    }
}

/// A form written to disk, and its document (the volumes render it again without page
/// numbers: the volume numbers its pages itself).
pub struct Written {
    pub doc: Document,
    pub files: Vec<PathBuf>,
}

fn write(path: &Path, bytes: &[u8]) -> Result<(), BuildError> {
    crate::output::write_atomic(path, bytes).map_err(|source| BuildError::Write { path: path.to_owned(), source })
}

/// A folder name from a name users chose: path separators and characters Windows refuses
/// become full-width look-alikes, so the name stays readable.
pub fn folder_name(name: &str) -> String {
    name.trim()
        .chars()
        .map(|c| match c {
            '/' | '\\' => '／',
            ':' => '：',
            '*' => '＊',
            '?' => '？',
            '"' => '＂',
            '<' => '＜',
            '>' => '＞',
            '|' => '｜',
            c if c.is_control() => '_',
            c => c,
        })
        .collect()
}

//! Orchestration: for each cluster every form it needs (DOCX and PDF), its volumes and what
//! goes on the CDs; for a city its summary tables, letters and 现场核查符合性说明. Nothing is
//! written while the data has errors, unless a draft is asked for.

pub mod cache;
pub mod check;
mod city;
mod cluster;
mod delivery;
pub mod output;
mod pages;
mod pdfs;
pub mod progress;
mod source_date;
pub mod watch;

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::build::cache::{Cache, Key};
use crate::doc::{Date, Document};
use crate::load::diagnostic::{Diagnostic, io_message};
use crate::pdf::{FontConfig, Fonts, Typeset};
use crate::render::forms::Form;
use crate::render::{RenderError, Templates};

pub use city::{CityReport, build_city, province_opinions, standalone};
pub use cluster::{CityContext, ClusterReport, build_cluster};
pub use progress::{Event, Progress};

#[derive(Debug, Clone)]
pub struct Options {
    pub out: PathBuf,
    /// Build despite errors, every page marked 草稿.
    pub draft: bool,
    /// Printed on both sides (items of a volume start on right-hand pages).
    pub duplex: bool,
    /// Where the build reports how far it got.
    pub progress: Progress,
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
    #[error("无法写入 {}：{}", path.display(), io_message(source))]
    Write { path: PathBuf, source: std::io::Error },
    #[error("字体：{0}")]
    Fonts(crate::pdf::PdfError),
    #[error(transparent)]
    SourceDate(#[from] source_date::SourceDateError),
}

fn count_errors(findings: &[Diagnostic]) -> usize {
    findings.iter().filter(|d| d.severity == crate::load::diagnostic::Severity::Error).count()
}

/// What every build shares: the compiled templates, the parsed fonts (both costly, both
/// read-only, so one engine serves every cluster of a batch on every thread) and the cache.
pub struct Engine {
    pub templates: Templates,
    pub fonts: Fonts,
    cache: Option<Cache>,
    /// `SOURCE_DATE_EPOCH`, the date of documents whose data gives none.
    source_date: Option<Date>,
}

impl Engine {
    /// Official fonts when the machine has them, else the bundled open fonts; `bundled_only`
    /// makes the PDF identical on every machine. No cache until [`Engine::with_cache`].
    pub fn new(bundled_only: bool) -> Result<Engine, BuildError> {
        let source_date = source_date::from_env()?;
        // Compiling the templates and reading the fonts take about as long each: side by side.
        let (templates, fonts) = rayon::join(Templates::new, || {
            if bundled_only {
                Fonts::bundled()
            } else {
                Fonts::discover(&FontConfig { system: true, ..FontConfig::default() })
            }
        });
        Ok(Engine { templates: templates?, fonts: fonts.map_err(BuildError::Fonts)?, cache: None, source_date })
    }

    /// Everything besides a document that decides its bytes: dossier's version, the program
    /// itself (its templates and renderers; a rebuilt dossier is another program) and the
    /// fonts. The cache keeps entries of different identities apart.
    pub fn identity(&self) -> Vec<u8> {
        let mut id = format!("dossier {}\n", env!("CARGO_PKG_VERSION"));
        let exe = std::env::current_exe().ok();
        id.push_str(&format!("program {:?}\n", exe.as_deref().map(file_stamp)));
        for (role, key, file) in self.fonts.sources() {
            id.push_str(&format!("font {role:?} {key} {:?}\n", file.map(file_stamp)));
        }
        id.into_bytes()
    }

    /// Keeps rendered documents and normalised evidence in `cache` between builds.
    pub fn with_cache(mut self, cache: Cache) -> Engine {
        self.cache = Some(cache);
        self
    }

    pub fn cache(&self) -> Option<&Cache> {
        self.cache.as_ref()
    }

    /// A form's document, named by a hash of its content.
    pub fn render(&self, form: &Form) -> Result<Rendered, RenderError> {
        let mut doc = self.templates.render(form.template, &form.context)?;
        doc.meta.date = doc.meta.date.or(self.source_date);
        Ok(Rendered::new(form.name.clone(), doc))
    }

    /// The document typeset: what its own PDF is written from and what volumes bind.
    pub fn typeset(&self, document: &Rendered) -> Result<Arc<Typeset>, BuildError> {
        self.cached(b"typeset", document, Typeset::encode, Typeset::decode, || {
            crate::pdf::typeset(&document.doc, &self.fonts)
                .map_err(|source| BuildError::Pdf { name: document.name.clone(), source })
        })
        .map(Arc::new)
    }

    pub fn docx(&self, document: &Rendered) -> Result<Vec<u8>, BuildError> {
        self.cached(
            b"docx",
            document,
            Vec::clone,
            |bytes| Some(bytes.to_vec()),
            || {
                crate::docx::write(&document.doc)
                    .map_err(|source| BuildError::Docx { name: document.name.clone(), source })
            },
        )
    }

    /// What the cache holds for this document in this format, else made (and kept).
    fn cached<T>(
        &self,
        format: &[u8],
        document: &Rendered,
        encode: impl FnOnce(&T) -> Vec<u8>,
        decode: impl FnOnce(&[u8]) -> Option<T>,
        make: impl FnOnce() -> Result<T, BuildError>,
    ) -> Result<T, BuildError> {
        let Some(cache) = &self.cache else { return make() };
        let key = cache::key(&[format, &document.key]);
        if let Some(value) = cache.get(&key).and_then(|bytes| decode(&bytes)) {
            return Ok(value);
        }
        let value = make()?;
        cache.put(&key, &encode(&value));
        Ok(value)
    }

    /// Writes a form as `name.docx` and `name.pdf` in `dir`.
    pub fn write_form(&self, dir: &Path, form: &Form) -> Result<Written, BuildError> {
        let document = self.render(form)?;
        let typeset = self.typeset(&document)?;
        self.write_document(dir, &document, &typeset)
    }

    /// Writes a rendered document as `name.docx` and, given it typeset, `name.pdf` in `dir`.
    fn write_document(&self, dir: &Path, document: &Rendered, typeset: &Arc<Typeset>) -> Result<Written, BuildError> {
        let docx = self.docx(document)?;
        let pdf = typeset.to_pdf().map_err(|source| BuildError::Pdf { name: document.name.clone(), source })?;
        let docx_path = dir.join(format!("{}.docx", document.name));
        let pdf_path = dir.join(format!("{}.pdf", document.name));
        let mut changed = Vec::new();
        for (path, bytes) in [(&docx_path, &docx[..]), (&pdf_path, &pdf[..])] {
            if write(path, bytes)? {
                changed.push(path.clone());
            }
        }
        Ok(Written { files: vec![docx_path, pdf_path], changed })
    }
}

/// A document rendered from its template, and the hash of its content that names its DOCX and
/// typeset pages in the cache: a document that did not change is not typeset again, whatever
/// else did. Its own PDF and the volumes that bind it are made from the same typeset pages.
#[derive(Debug, Clone)]
pub struct Rendered {
    pub name: String,
    pub doc: Arc<Document>,
    key: Key,
}

impl Rendered {
    fn new(name: String, doc: Document) -> Rendered {
        let key = fingerprint(&doc);
        Rendered { name, doc: Arc::new(doc), key }
    }
}

/// The hash of everything in a document. The model has no other complete, stable encoding
/// than its derived `Debug` (every field, in declaration order; no hash maps), so that is what
/// is hashed — streamed, never held as a string.
fn fingerprint(doc: &Document) -> Key {
    struct Hasher(blake3::Hasher);
    impl std::fmt::Write for Hasher {
        fn write_str(&mut self, s: &str) -> std::fmt::Result {
            self.0.update(s.as_bytes());
            Ok(())
        }
    }
    let mut hasher = Hasher(blake3::Hasher::new());
    // Writing into a hash cannot fail.
    let _ = write!(hasher, "{doc:?}");
    hasher.0.finalize().into()
}

/// A file's size and time: enough to tell that a file was replaced.
type FileStamp = (u64, std::time::SystemTime);

fn file_stamp(path: &Path) -> Option<FileStamp> {
    let meta = std::fs::metadata(path).ok()?;
    Some((meta.len(), meta.modified().ok()?))
}

/// A form written to disk.
pub struct Written {
    pub files: Vec<PathBuf>,
    /// The files whose bytes changed (the others were left as they were).
    pub changed: Vec<PathBuf>,
}

/// Writes `bytes` to `path` unless the file already holds exactly them: an unchanged output
/// keeps its time and costs no disk write. Returns whether it wrote.
fn write(path: &Path, bytes: &[u8]) -> Result<bool, BuildError> {
    let same = std::fs::metadata(path).is_ok_and(|m| m.len() == bytes.len() as u64)
        && std::fs::read(path).is_ok_and(|old| old == bytes);
    if same {
        return Ok(false);
    }
    output::write_atomic(path, bytes).map_err(|source| BuildError::Write { path: path.to_owned(), source })?;
    Ok(true)
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

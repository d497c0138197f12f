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
use crate::build::output::Folder;
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

impl BuildError {
    /// Whether the build failed writing its outputs (the disk, the folder), not for the data.
    pub fn is_io(&self) -> bool {
        matches!(
            self,
            BuildError::Write { .. } | BuildError::Volume { source: crate::volume::VolumeError::Write { .. }, .. }
        )
    }
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
        for (serves, key, file) in self.fonts.sources() {
            id.push_str(&format!("font {serves} {key} {:?}\n", file.map(file_stamp)));
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
                crate::docx::write(&document.doc, &self.fonts)
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

    /// Writes a form as `name.docx` and `name.pdf` in `folder`.
    pub fn write_form(&self, folder: &Folder, form: &Form) -> Result<Written, BuildError> {
        let document = self.render(form)?;
        let typeset = self.typeset(&document)?;
        self.write_document(folder, &document, &typeset)
    }

    /// Writes a rendered document as `name.docx` and, given it typeset, `name.pdf` in `folder`.
    fn write_document(
        &self,
        folder: &Folder,
        document: &Rendered,
        typeset: &Arc<Typeset>,
    ) -> Result<Written, BuildError> {
        let docx = self.docx(document)?;
        let pdf = typeset.to_pdf().map_err(|source| BuildError::Pdf { name: document.name.clone(), source })?;
        let mut written = Written { files: Vec::new(), changed: Vec::new() };
        for (extension, bytes) in [("docx", &docx[..]), ("pdf", &pdf[..])] {
            let path = folder.path().join(format!("{}.{extension}", document.name));
            if write(folder, &path, bytes)? {
                written.changed.push(path.clone());
            }
            written.files.push(path);
        }
        Ok(written)
    }
}

/// The note a failed build leaves beside the outputs it could not renew.
pub const STALE_NOTE: &str = "未更新说明.txt";

/// After a build of `name` into the output folder `out`: a failure leaves a note in the folder
/// of its outputs (if there is one: earlier outputs, or part of this build's; all stay, nothing
/// is lost) saying they are not those of the data as it is now; a success takes the note away.
/// A note that cannot be written changes nothing about the failure, which the build reports.
fn mark_outcome<T>(out: &Path, name: &str, built: &Result<T, BuildError>) {
    let Ok(folder) = Folder::output(out).sub(name) else { return };
    let note = folder.path().join(STALE_NOTE);
    match built {
        Ok(_) if note.exists() => drop(folder.remove(&note)),
        Err(error) if folder.path().is_dir() => {
            let why = match error {
                BuildError::DataErrors(_) => format!("{error}（dossier check 可列出每处错误）"),
                other => other.to_string(),
            };
            let text = format!(
                "本文件夹中的材料不是最新的，请勿打印、报送！\r\n\r\n\
                 最近一次生成“{name}”的材料失败了：本文件夹中是更早生成的材料（或这次只生成了一部分），与现在的数据不符。\r\n\
                 失败的原因：{why}\r\n\r\n\
                 改正后重新生成（dossier build）；生成成功后，本说明会自动删除。\r\n"
            );
            let _ = folder.write(&note, text.as_bytes());
        }
        _ => {}
    }
}

/// Where the note of a failed build of `name` is, if its outputs in `out` are marked so.
pub fn stale_note(out: &Path, name: &str) -> Option<PathBuf> {
    let note = Folder::output(out).sub(name).ok()?.path().join(STALE_NOTE);
    note.is_file().then_some(note)
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

/// Writes `bytes` to `path` in `folder` (see [`Folder::write`]); returns whether it wrote.
fn write(folder: &Folder, path: &Path, bytes: &[u8]) -> Result<bool, BuildError> {
    folder.write(path, bytes).map_err(|source| BuildError::Write { path: path.to_owned(), source })
}

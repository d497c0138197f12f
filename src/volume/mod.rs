//! 附件7 volumes: the cover, the 目录 with real page numbers and every item's evidence, bound into
//! one print-ready A4 PDF (以上申报材料按顺序双面打印，目录增加页码，装订成册（A4纸）).
//!
//! dossier describes a volume (items in 目录 order, each with typeset documents and evidence
//! files) and typesets the cover, 目录 and placeholder pages through [`Pages`]; this module does
//! the PDF work: it checks and normalises every page to A4 portrait, numbers the pages GB/T 9704
//! style (with the folio drawer the forms' own PDFs use), keeps every item on a right-hand page
//! when printed duplex, adds bookmarks and page labels, and writes the volume streaming,
//! atomically and deterministically.

mod assemble;
mod error;
mod image;
mod import;
mod outline;
mod placement;
mod preview;
mod sniff;
mod store;

use std::path::{Path, PathBuf};
use std::sync::Arc;

pub(crate) use assemble::same_bytes;
pub use assemble::{bind, bind_with, inspect, pages, prepare};
pub use error::{Problem, VolumeError};
pub use preview::{PREVIEW_BOX, preview};
pub use store::{NoStore, Store};

use crate::pdf::Typeset;

/// A volume as dossier describes it.
#[derive(Debug, Clone)]
pub struct Volume {
    /// The PDF's title (document properties).
    pub title: String,
    pub author: String,
    pub items: Vec<VolumeItem>,
    pub options: Options,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Options {
    /// Printed on both sides: every item starts on a right-hand (odd) page. Default true.
    pub duplex: bool,
    /// Build despite refused files: a 草稿 watermark on every page and a placeholder page for
    /// each refused file.
    pub draft: bool,
    /// Images sharper than 1.5 × this on the sheet are downsampled to it. Default 300.
    pub max_dpi: u32,
}

impl Default for Options {
    fn default() -> Self {
        Options { duplex: true, draft: false, max_dpi: 300 }
    }
}

/// How far the binding of a volume has got, as [`bind_with`] reports it, for a progress display
/// (the command line draws a bar; it serializes for a browser).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Event {
    /// Binding starts: `files` sources to bind, typeset documents and evidence files.
    Started { volume: String, files: usize },
    /// One more source is bound, or stood in for or refused: `done` of them so far, `name` the
    /// last one; the numbered pages come to `pages`.
    Bound { volume: String, done: usize, name: String, pages: u32 },
    /// Nothing more comes for this volume, bound or not.
    Finished { volume: String },
}

/// One entry of the 目录.
#[derive(Debug, Clone)]
pub struct VolumeItem {
    pub number: usize,
    pub title: String,
    pub sources: Vec<Source>,
    /// Whether the item may legitimately have nothing (then a "无" page stands for it); an item
    /// that may not be empty and has no source is a problem.
    pub may_be_empty: bool,
}

#[derive(Debug, Clone)]
pub enum Source {
    /// A form or list dossier typeset itself. Its A4 portrait pages go in as they are (a typeset
    /// page carries no page number: the volume numbers every page); landscape ones are turned and
    /// fitted like evidence.
    Generated { name: String, typeset: Arc<Typeset> },
    /// Scanned evidence: PDF, JPEG, PNG, TIFF (all its pages), GIF, BMP or WEBP, placed as
    /// `turn` says. `digest` is the BLAKE3 hash of the bytes a build read before binding (and keyed
    /// its cache by): other bytes found when binding are an error, never bound under that key.
    File { path: PathBuf, password: Option<String>, turn: Turn, digest: Option<[u8; 32]> },
}

/// How a file's pages go on the A4 sheet beyond what the file itself says (EXIF orientation,
/// a PDF's /Rotate): what `cluster.yaml` asks for a scan made sideways or a photo.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct Turn {
    /// Quarter turns clockwise before the page is fitted (0 to 3).
    pub quarters: u8,
    /// A landscape page stays upright, scaled to the sheet's width, instead of being turned onto
    /// the portrait sheet with its top at the binding edge.
    pub upright: bool,
}

impl Source {
    /// The bookmark title: the generated document's name, or the file name without extension.
    pub fn label(&self) -> String {
        match self {
            Source::Generated { name, .. } => name.clone(),
            Source::File { path, .. } => {
                path.file_stem().or(path.file_name()).map(|s| s.to_string_lossy().into_owned()).unwrap_or_default()
            }
        }
    }

    pub fn path(&self) -> Option<&Path> {
        match self {
            Source::Generated { .. } => None,
            Source::File { path, .. } => Some(path),
        }
    }
}

/// A 目录 line: item number, title and the printed page number where the item starts.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct TocEntry {
    pub number: usize,
    pub title: String,
    pub page: u32,
}

pub type PagesError = Box<dyn std::error::Error + Send + Sync>;

/// The pages dossier typesets itself, A4 portrait; `empty_item` and `refused` pages are numbered
/// by the volume, so they keep the GB/T 9704 bottom margin free. The 目录 is asked for once, after
/// every item is placed: numbering starts after it, so its length cannot move any number.
pub trait Pages {
    /// The cover (封面).
    fn cover(&self) -> Result<Arc<Typeset>, PagesError>;
    /// The 目录, one line per entry with its page number.
    fn contents(&self, toc: &[TocEntry]) -> Result<Arc<Typeset>, PagesError>;
    /// The page standing for an item without evidence: "无" under the item title.
    fn empty_item(&self, number: usize, title: &str) -> Result<Arc<Typeset>, PagesError>;
    /// In a draft, the page standing for a refused file, saying why.
    fn refused(&self, title: &str, file: &Path, reason: &str) -> Result<Arc<Typeset>, PagesError>;
}

/// What a build produced. Page numbers are the printed ones (1 = first page after the 目录).
/// Serializable: the build cache keeps it with a volume it did not need to bind again.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Report {
    /// Every page of the PDF, cover to end.
    pub pages: u32,
    /// Cover and 目录 pages, with the blanks that keep page 1 on a right-hand page.
    pub front_pages: u32,
    /// Numbered blank pages inserted so items start on right-hand pages.
    pub blank_pages: u32,
    pub items: Vec<ItemPages>,
    pub files: Vec<FilePages>,
    /// Problems a draft was built despite (empty for a final volume).
    pub problems: Vec<Problem>,
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct ItemPages {
    pub number: usize,
    pub start: u32,
    pub pages: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct FilePages {
    pub item: usize,
    pub name: String,
    pub path: Option<PathBuf>,
    pub start: u32,
    pub pages: u32,
}

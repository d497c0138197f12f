//! The build: items in 目录 order, each page placed, numbered and written as it comes; then the
//! cover and 目录 (whose page numbers are known by then), the page tree, bookmarks and labels.
//!
//! Numbering starts at the first page after the 目录, so the numbers never depend on how many
//! pages the 目录 takes: the 目录 is rendered once, after the body, with final numbers, and the
//! body can stream to disk before it exists (its pages simply come first in the page tree).

use std::fs;
use std::io::{self, BufWriter, Write};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::Path;

use lopdf::{Dictionary, Object, ObjectId, dictionary, text_string};

use super::error::Failure;
use super::import::{Import, Placed, open};
use super::outline::{Mark, page_labels, write_outline};
use super::placement::{A4, Matrix, Rect, content_box, fit, full_page, is_a4_portrait};
use super::sniff::{HEAD, Kind, sniff};
use super::store::{self, NoStore, Scan, Store};
use super::{
    Event, FilePages, ItemPages, Options, Pages, Problem, Report, Source, TocEntry, Turn, Volume, VolumeError, image,
};
use crate::doc::Orientation;
use crate::doc::page::{Page, Side};
use crate::pdf::writer::PdfWriter;
use crate::pdf::{Stamp, Typeset};

/// Cheap checks of every evidence file, for `dossier check`: exists, is what it claims, opens
/// (with its password), has pages. Image pixels are not decoded.
pub fn inspect<'a>(sources: impl IntoIterator<Item = &'a Source>) -> Vec<Problem> {
    let mut problems = Vec::new();
    for source in sources {
        let Source::File { path, password, .. } = source else {
            continue;
        };
        if let Err(message) = pages(path, password.as_deref()) {
            problems.push(Problem { item: None, file: Some(path.clone()), message });
        }
    }
    problems
}

/// How many pages an evidence file gives the volume, or why it will not bind — what
/// [`inspect`] checks. Image pixels are not decoded.
pub fn pages(path: &Path, password: Option<&str>) -> Result<usize, String> {
    let bytes = read(path)?;
    let kind = sniff(&bytes[..bytes.len().min(HEAD)])?;
    guarded(|| match kind {
        Kind::Pdf => open(&bytes, password).map(|doc| doc.get_pages().len()),
        other => image::check(&bytes, other),
    })
}

/// Reads an evidence file ahead of the builds that bind it and returns the hash of its bytes,
/// by which a later build knows whether it changed (`None`: unreadable, the build says why).
/// An image is normalised into `store` on the way, so that volumes bound side by side find it
/// there instead of each decoding it; PDFs and JPEGs that go in as they are are left as they are.
pub fn prepare(source: &Source, max_dpi: u32, store: &dyn Store) -> Option<[u8; 32]> {
    let Source::File { path, .. } = source else {
        return None;
    };
    let bytes = read(path).ok()?;
    let digest = blake3::hash(&bytes).into();
    if let Ok(kind) = sniff(&bytes[..bytes.len().min(HEAD)])
        && kind != Kind::Pdf
    {
        // Both boxes have the same size, which is all the normalisation looks at.
        let area = content_box(true);
        let scan = Scan { bytes: &bytes, kind, area: &area, max_dpi };
        store::prepare(store, &scan, &digest, || guarded(|| image::pictures(&bytes, kind, &area, max_dpi)));
    }
    Some(digest)
}

pub(super) fn read(path: &Path) -> Result<Vec<u8>, String> {
    fs::read(path).map_err(|e| match e.kind() {
        io::ErrorKind::NotFound => "找不到这个文件，请检查路径和文件名".to_string(),
        io::ErrorKind::PermissionDenied => "没有读取这个文件的权限".to_string(),
        io::ErrorKind::IsADirectory => "这是一个文件夹，不是文件".to_string(),
        _ => format!("无法读取文件（{e}）"),
    })
}

/// Decoders of foreign formats are third-party code: a panic on a malformed file becomes a
/// refusal of that file, never a crash of the build.
pub(super) fn guarded<T>(f: impl FnOnce() -> Result<T, String>) -> Result<T, String> {
    catch_unwind(AssertUnwindSafe(f))
        .unwrap_or_else(|_| Err("读取时发生内部错误，文件可能已损坏。请重新扫描或另存为 PDF 后再试".into()))
}

/// Builds the volume at `out`. Every problem of every file is collected; unless the volume is a
/// draft, any problem means nothing is written. The file appears complete or not at all (written
/// to a temporary file in the same directory, then renamed).
pub fn bind(volume: &Volume, pages: &dyn Pages, out: &Path) -> Result<Report, VolumeError> {
    bind_with(volume, pages, out, &NoStore, &|_| {})
}

/// [`bind`], keeping the normalised pictures of image evidence in `store` and taking them from
/// there when a file is unchanged, and telling `progress` how far it got: [`Event::Started`],
/// an [`Event::Bound`] for each source, and [`Event::Finished`] however it ends. A volume whose
/// bytes equal the file already at `out` leaves that file alone (its time stays, nothing is
/// written to disk).
pub fn bind_with(
    volume: &Volume,
    pages: &dyn Pages,
    out: &Path,
    store: &dyn Store,
    progress: &dyn Fn(Event),
) -> Result<Report, VolumeError> {
    let files = volume.items.iter().map(|item| item.sources.len()).sum();
    progress(Event::Started { volume: volume.title.clone(), files });
    let _finished = Finished { progress, volume: &volume.title };
    let write_error = |source: io::Error| VolumeError::Write { path: out.to_path_buf(), source };
    let dir = match out.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    let temp = tempfile::Builder::new().prefix(".volume-").suffix(".pdf.part").tempfile_in(dir).map_err(write_error)?;
    let sink = BufWriter::with_capacity(1 << 20, temp);
    let mut a = Assembler::new(sink, volume, out, store, progress)?;
    for item in &volume.items {
        a.item(item, pages)?;
    }
    if !a.problems.is_empty() && !volume.options.draft {
        return Err(VolumeError::Refused(a.problems));
    }
    a.front(pages)?;
    let report = a.report();
    let temp = a.finish(volume)?.into_inner().map_err(|e| write_error(e.into_error()))?;
    if same_bytes(temp.path(), out) {
        return Ok(report);
    }
    temp.as_file().sync_all().map_err(write_error)?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        // A temporary file is private (0600); a volume is a document to hand on.
        fs::set_permissions(temp.path(), fs::Permissions::from_mode(0o644)).map_err(write_error)?;
    }
    temp.persist(out).map_err(|e| write_error(e.error))?;
    Ok(report)
}

/// Reports the end of a binding when dropped: however the binding ends, a progress display
/// hears of it.
struct Finished<'a> {
    progress: &'a dyn Fn(Event),
    volume: &'a str,
}

impl Drop for Finished<'_> {
    fn drop(&mut self) {
        (self.progress)(Event::Finished { volume: self.volume.to_owned() });
    }
}

/// Whether two files hold the same bytes (false when either cannot be read); reads both only
/// as far as their first difference.
pub(crate) fn same_bytes(a: &Path, b: &Path) -> bool {
    let size = |p: &Path| fs::metadata(p).map(|m| m.len()).ok();
    match (size(a), size(b)) {
        (Some(x), Some(y)) if x == y => {}
        _ => return false,
    }
    let (Ok(a), Ok(b)) = (fs::File::open(a), fs::File::open(b)) else {
        return false;
    };
    let (mut a, mut b) = (io::BufReader::new(a), io::BufReader::new(b));
    loop {
        let (Ok(x), Ok(y)) = (io::BufRead::fill_buf(&mut a), io::BufRead::fill_buf(&mut b)) else {
            return false;
        };
        let n = x.len().min(y.len());
        if n == 0 {
            return x.is_empty() && y.is_empty();
        }
        if x[..n] != y[..n] {
            return false;
        }
        io::BufRead::consume(&mut a, n);
        io::BufRead::consume(&mut b, n);
    }
}

type Drawing = (Vec<u8>, Vec<(String, ObjectId)>);

/// Where pages dossier typeset go: A4 portrait ones as they are, others fitted into the
/// evidence area (numbered pages) or onto the whole sheet (the front).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Placement {
    /// An item's pages, numbered.
    Body,
    /// Cover and 目录, not numbered.
    Front,
}

struct Assembler<'s, W: Write> {
    w: PdfWriter<W>,
    store: &'s dyn Store,
    progress: &'s dyn Fn(Event),
    title: String,
    /// Sources bound so far.
    done: usize,
    options: Options,
    out: std::path::PathBuf,
    pages_root: ObjectId,
    stamp: Stamp,
    /// The numbered pages; page n is `body[n - 1]`.
    body: Vec<ObjectId>,
    /// Cover, 目录 and their blanks.
    front: Vec<ObjectId>,
    blanks: u32,
    problems: Vec<Problem>,
    marks: Vec<Mark>,
    toc: Vec<TocEntry>,
    items: Vec<ItemPages>,
    files: Vec<FilePages>,
}

impl<'s, W: Write> Assembler<'s, W> {
    fn new(
        sink: W,
        volume: &Volume,
        out: &Path,
        store: &'s dyn Store,
        progress: &'s dyn Fn(Event),
    ) -> Result<Self, VolumeError> {
        let io = |source| VolumeError::Write { path: out.to_path_buf(), source };
        let mut w = PdfWriter::new(sink).map_err(io)?;
        let pages_root = w.alloc();
        let options = volume.options.clone();
        let stamp = Stamp::write(&mut w, true, options.draft).map_err(io)?;
        Ok(Assembler {
            w,
            store,
            progress,
            title: volume.title.clone(),
            done: 0,
            options,
            out: out.to_path_buf(),
            pages_root,
            stamp,
            body: Vec::new(),
            front: Vec::new(),
            blanks: 0,
            problems: Vec::new(),
            marks: Vec::new(),
            toc: Vec::new(),
            items: Vec::new(),
            files: Vec::new(),
        })
    }

    fn io(&self, source: io::Error) -> VolumeError {
        VolumeError::Write { path: self.out.clone(), source }
    }

    fn item(&mut self, item: &super::VolumeItem, pages: &dyn Pages) -> Result<(), VolumeError> {
        if self.options.duplex && self.body.len() % 2 == 1 {
            self.page(None, true).map_err(|e| self.io(e))?;
            self.blanks += 1;
        }
        let start = self.body.len();
        let mut children = Vec::new();
        for source in &item.sources {
            let before = self.body.len();
            let mut label = source.label();
            match source {
                Source::Generated { typeset, .. } => self.typeset(typeset, Placement::Body)?,
                Source::File { path, password, turn, digest } => {
                    match self.file(path, password.as_deref(), *turn, digest) {
                        Ok(()) => {}
                        Err(Failure::Io(e)) => return Err(self.io(e)),
                        Err(Failure::Changed) => return Err(VolumeError::Changed(path.clone())),
                        Err(Failure::Refused(message)) => {
                            // Pages of a file that failed half-way are left out of the page tree.
                            self.body.truncate(before);
                            if self.options.draft {
                                let placeholder = pages.refused(&item.title, path, &message).map_err(|e| {
                                    VolumeError::Pages {
                                        what: "未装订文件的占位页".into(), message: e.to_string()
                                    }
                                })?;
                                self.typeset(&placeholder, Placement::Body)?;
                                label.push_str("（未装订）");
                            }
                            self.problems.push(Problem { item: Some(item.number), file: Some(path.clone()), message });
                        }
                    }
                }
            }
            if self.body.len() > before {
                children.push(Mark { title: label.clone(), page: self.body[before], children: Vec::new() });
                self.files.push(FilePages {
                    item: item.number,
                    name: label.clone(),
                    path: source.path().map(Path::to_path_buf),
                    start: before as u32 + 1,
                    pages: (self.body.len() - before) as u32,
                });
            }
            self.done += 1;
            (self.progress)(Event::Bound {
                volume: self.title.clone(),
                done: self.done,
                name: label,
                pages: self.body.len() as u32,
            });
        }
        if self.body.len() == start {
            if !item.may_be_empty && item.sources.is_empty() {
                self.problems.push(Problem {
                    item: Some(item.number),
                    file: None,
                    message: format!(
                        "“{}”必须提供材料，但没有找到任何文件。请把扫描件放入该项的佐证材料目录",
                        item.title
                    ),
                });
            }
            let pdf = pages.empty_item(item.number, &item.title).map_err(|e| VolumeError::Pages {
                what: format!("第 {} 项的“无”页", item.number),
                message: e.to_string(),
            })?;
            self.typeset(&pdf, Placement::Body)?;
        }
        let page = start as u32 + 1;
        self.toc.push(TocEntry { number: item.number, title: item.title.clone(), page });
        self.items.push(ItemPages { number: item.number, start: page, pages: (self.body.len() - start) as u32 });
        self.marks.push(Mark { title: format!("{}. {}", item.number, item.title), page: self.body[start], children });
        Ok(())
    }

    /// Cover, then the 目录; each padded to an even page count when printed duplex, so the cover's
    /// back stays blank and page 1 falls on a right-hand page.
    fn front(&mut self, pages: &dyn Pages) -> Result<(), VolumeError> {
        let cover = pages.cover().map_err(|e| VolumeError::Pages { what: "封面".into(), message: e.to_string() })?;
        self.typeset(&cover, Placement::Front)?;
        self.pad_front()?;
        let first = self.front.len();
        let contents = pages
            .contents(&self.toc)
            .map_err(|e| VolumeError::Pages { what: "目录".into(), message: e.to_string() })?;
        self.typeset(&contents, Placement::Front)?;
        if let Some(&page) = self.front.get(first) {
            self.marks.insert(0, Mark { title: "目录".into(), page, children: Vec::new() });
        }
        self.pad_front()
    }

    fn pad_front(&mut self) -> Result<(), VolumeError> {
        if self.options.duplex && self.front.len() % 2 == 1 {
            self.page(None, false).map_err(|e| self.io(e))?;
        }
        Ok(())
    }

    /// The pages of a document dossier typeset: each page's content becomes a Form XObject (as
    /// an evidence page's does), all of them drawing with the document's fonts, written once.
    fn typeset(&mut self, typeset: &Typeset, placement: Placement) -> Result<(), VolumeError> {
        self.place_typeset(typeset, placement).map_err(|e| self.io(e))
    }

    fn place_typeset(&mut self, typeset: &Typeset, placement: Placement) -> io::Result<()> {
        let resources = typeset.write_objects(&mut self.w)?;
        let shared = self.w.alloc();
        self.w.write(shared, Object::Dictionary(resources))?;
        for page in &typeset.pages {
            let sheet = Page::new(page.orientation, Side::Odd);
            let (width, height) = (f64::from(sheet.width), f64::from(sheet.height));
            let area = match placement {
                Placement::Body => self.evidence_area(),
                Placement::Front => full_page(),
            };
            let matrix = if is_a4_portrait(width, height) {
                Matrix::IDENTITY
            } else {
                fit(width, height, &area, Turn::default())
            };
            let form = self.w.alloc();
            let dict = dictionary! {
                "Type" => "XObject",
                "Subtype" => "Form",
                "BBox" => Rect { x0: 0.0, y0: 0.0, x1: width, y1: height }.as_array(),
                "Resources" => shared,
                "Filter" => "FlateDecode",
            };
            self.w.write_stream(form, dict, &page.content)?;
            let placed = Placed { form, matrix, annotations: Vec::new() };
            self.page(Some(placed.draw()), placement == Placement::Body)?;
        }
        Ok(())
    }

    fn file(
        &mut self,
        path: &Path,
        password: Option<&str>,
        how: Turn,
        digest: &Option<[u8; 32]>,
    ) -> Result<(), Failure> {
        let bytes = read(path).map_err(Failure::Refused)?;
        if digest.is_some_and(|digest| blake3::hash(&bytes) != digest) {
            return Err(Failure::Changed);
        }
        let kind = sniff(&bytes[..bytes.len().min(HEAD)]).map_err(Failure::Refused)?;
        if kind == Kind::Pdf {
            let doc = guarded(|| open(&bytes, password)).map_err(Failure::Refused)?;
            return self.import(doc, &bytes, how);
        }
        // Both boxes have the same size, so either serves to decide on downsampling.
        let area = self.evidence_area();
        let max_dpi = self.options.max_dpi;
        let scan = Scan { bytes: &bytes, kind, area: &area, max_dpi };
        let pictures = store::pictures(self.store, &scan, || guarded(|| image::pictures(&bytes, kind, &area, max_dpi)))
            .map_err(Failure::Refused)?;
        drop(bytes);
        for picture in pictures {
            let matrix = picture.placement(&self.evidence_area(), how);
            let mut dict = picture.dict;
            if let Some((mask, data)) = picture.smask {
                let id = self.w.alloc();
                self.w.write_stream(id, mask, &data)?;
                dict.set("SMask", id);
            }
            let id = self.w.alloc();
            self.w.write_stream(id, dict, &picture.data)?;
            let ops = format!("q {} /Im Do Q\n", matrix.cm()).into_bytes();
            self.page(Some((ops, vec![("Im".into(), id)])), true)?;
        }
        Ok(())
    }

    fn import(&mut self, doc: lopdf::Document, bytes: &[u8], how: Turn) -> Result<(), Failure> {
        let mut import = Import::new(doc, bytes);
        for page in import.pages() {
            let placed = import.place(page, self.evidence_area(), how, &mut self.w)?;
            self.page(Some(placed.draw()), true)?;
        }
        import.finish(&mut self.w)?;
        Ok(())
    }

    /// Where evidence goes on the next numbered page (the binding edge alternates in duplex).
    fn evidence_area(&self) -> Rect {
        let next = self.body.len() + 1;
        content_box(!(self.options.duplex && next.is_multiple_of(2)))
    }

    /// Writes one A4 page: the placed content, then an overlay stream with the page number (and
    /// the draft watermark). The page gets resources of its own, holding only our names.
    fn page(&mut self, drawing: Option<Drawing>, numbered: bool) -> io::Result<()> {
        let mut contents = Vec::new();
        let mut xobjects = Dictionary::new();
        if let Some((ops, names)) = drawing {
            let id = self.w.alloc();
            self.w.write_stream(id, Dictionary::new(), &ops)?;
            contents.push(Object::Reference(id));
            for (name, id) in names {
                xobjects.set(name, id);
            }
        }
        let mut resources = Dictionary::new();
        if !xobjects.is_empty() {
            resources.set("XObject", xobjects);
        }
        let number = self.body.len() + 1;
        // Single-sided, every page is a right-hand page.
        let side = if self.options.duplex { Side::of(number) } else { Side::Odd };
        let sheet = Page::new(Orientation::Portrait, side);
        let overlay = self.stamp.overlay(&sheet, numbered.then_some(number as u32), &mut resources);
        if !overlay.is_empty() {
            let id = self.w.alloc();
            self.w.write_stream(id, Dictionary::new(), &overlay)?;
            contents.push(Object::Reference(id));
        }
        let id = self.w.alloc();
        let page = dictionary! {
            "Type" => "Page",
            "Parent" => self.pages_root,
            "MediaBox" => Rect { x0: 0.0, y0: 0.0, x1: A4.0, y1: A4.1 }.as_array(),
            "Resources" => resources,
            "Contents" => contents,
        };
        self.w.write(id, Object::Dictionary(page))?;
        if numbered {
            self.body.push(id)
        } else {
            self.front.push(id)
        }
        Ok(())
    }

    fn report(&self) -> Report {
        Report {
            pages: (self.front.len() + self.body.len()) as u32,
            front_pages: self.front.len() as u32,
            blank_pages: self.blanks,
            items: self.items.clone(),
            files: self.files.clone(),
            problems: self.problems.clone(),
        }
    }

    /// Page tree, bookmarks, labels, catalog, document info, cross-reference table.
    fn finish(mut self, volume: &Volume) -> Result<W, VolumeError> {
        let io = |source| VolumeError::Write { path: self.out.clone(), source };
        let kids: Vec<Object> = self.front.iter().chain(&self.body).map(|&id| Object::Reference(id)).collect();
        let count = kids.len() as i64;
        self.w
            .write(
                self.pages_root,
                Object::Dictionary(dictionary! {"Type" => "Pages", "Kids" => kids, "Count" => count}),
            )
            .map_err(io)?;
        let outline = write_outline(&mut self.w, &self.marks).map_err(io)?;
        let mut catalog = dictionary! {
            "Type" => "Catalog",
            "Pages" => self.pages_root,
            "PageLabels" => page_labels(self.front.len()),
            "Lang" => Object::string_literal("zh-CN"),
            "ViewerPreferences" => dictionary! {"DisplayDocTitle" => true},
        };
        if let Some(outline) = outline {
            catalog.set("Outlines", outline);
            catalog.set("PageMode", "UseOutlines");
        }
        let (root, info) = (self.w.alloc(), self.w.alloc());
        self.w.write(root, Object::Dictionary(catalog)).map_err(io)?;
        let info_dict = dictionary! {
            "Title" => text_string(&volume.title),
            "Author" => text_string(&volume.author),
            "Creator" => Object::string_literal("dossier"),
            "Producer" => Object::string_literal("dossier"),
        };
        self.w.write(info, Object::Dictionary(info_dict)).map_err(io)?;
        let out = self.out.clone();
        self.w.finish(root, info).map_err(|source| VolumeError::Write { path: out, source })
    }
}

//! What the integration tests share: the bundled example, copies of it to edit, an engine and
//! the `dossier` binary to run, and readers of what dossier writes (DOCX parts, PDF text).
#![allow(dead_code)]

use std::collections::BTreeMap;
use std::ffi::OsStr;
use std::io::{Cursor, Read};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use dossier::build::{self, BuildError, CityContext, ClusterReport, Engine, Options};
use dossier::load::Loaded;
use dossier::model::Cluster;
use dossier::pdf::Fonts;
use roxmltree::Node;

pub const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

// ---------------------------------------------------------------- the example and copies of it

/// The example clusters and city shipped in `data/` (`""` is the city's folder).
pub fn example(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("data/jinzhong").join(name)
}

/// The example cluster `name` copied to `to`, with `edit` applied to its YAML.
pub fn copy_cluster(name: &str, to: &Path, edit: impl FnOnce(String) -> String) -> PathBuf {
    copy_dir(&example(name), to);
    let file = to.join("cluster.yaml");
    std::fs::write(&file, edit(std::fs::read_to_string(&file).unwrap())).unwrap();
    file
}

pub fn load_example(name: &str) -> Loaded<Cluster> {
    dossier::load::cluster(&example(name).join("cluster.yaml")).expect("the example loads")
}

/// Copies the folder `from`, with everything under it, to `to`.
pub fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from).into_iter().map(Result::unwrap) {
        let target = to.join(entry.path().strip_prefix(from).unwrap());
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// A copy of an example folder (`""`: the whole city), scans included, in a temporary folder.
pub fn copy_example(name: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&example(name), dir.path());
    dir
}

/// Replaces text that occurs exactly once in a file.
pub fn edit(file: &Path, from: &str, to: &str) {
    let text = std::fs::read_to_string(file).unwrap();
    assert_eq!(text.matches(from).count(), 1, "{from:?} should occur once in {}", file.display());
    std::fs::write(file, text.replacen(from, to, 1)).unwrap();
}

/// One blank PDF in every evidence folder of the cluster folder `dir`, standing in for the
/// scans, except in the folders whose names start with one of `bare` (`"05"`).
pub fn stand_in_evidence(dir: &Path, bare: &[&str]) {
    for folder in dossier::load::scans::folders() {
        let path = dir.join("evidence").join(folder);
        std::fs::create_dir_all(&path).unwrap();
        if !bare.iter().any(|prefix| folder.starts_with(prefix)) {
            std::fs::write(path.join("扫描件.pdf"), blank_pdf()).unwrap();
        }
    }
}

/// Every file under `dir`, by its path relative to `dir`.
pub fn files_under(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| (e.path().strip_prefix(dir).unwrap().to_owned(), std::fs::read(e.path()).unwrap()))
        .collect()
}

// ---------------------------------------------------------------- building and running

/// One engine with the bundled fonts for all the tests of a binary.
pub fn engine() -> &'static Engine {
    static ENGINE: OnceLock<Engine> = OnceLock::new();
    ENGINE.get_or_init(|| Engine::new(true).unwrap())
}

/// Building into `out`, duplex, no draft, no progress reported.
pub fn options(out: &Path) -> Options {
    Options { out: out.to_owned(), draft: false, duplex: true, progress: Default::default() }
}

/// The cluster file `file` built on its own (no city) into `out`.
pub fn build_cluster(engine: &Engine, file: &Path, out: &Path) -> Result<ClusterReport, BuildError> {
    let loaded = match dossier::load::cluster(file) {
        Ok(loaded) => loaded,
        Err(dossier::load::LoadError::Invalid { diagnostics, .. }) => return Err(BuildError::DataErrors(diagnostics)),
        Err(other) => panic!("{other}"),
    };
    build::build_cluster(engine, &loaded, &CityContext::standalone(&loaded.value), Vec::new(), &options(out))
}

/// `dossier` run with `args`: its exit status, stdout and stderr.
pub fn dossier<S: AsRef<OsStr>>(args: &[S]) -> (i32, String, String) {
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_dossier")).args(args).output().unwrap();
    let text = |b: &[u8]| String::from_utf8_lossy(b).into_owned();
    (output.status.code().unwrap_or(-1), text(&output.stdout), text(&output.stderr))
}

// ---------------------------------------------------------------- reading DOCX

/// Every part of a DOCX package, by name.
pub fn unzip(bytes: &[u8]) -> BTreeMap<String, String> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).expect("a zip package");
    (0..archive.len())
        .map(|i| {
            let mut file = archive.by_index(i).unwrap();
            let mut text = String::new();
            file.read_to_string(&mut text).expect("UTF-8 XML");
            (file.name().expect("a UTF-8 name").into_owned(), text)
        })
        .collect()
}

/// Whether a node is the WordprocessingML element `name`.
pub fn is(node: &Node, name: &str) -> bool {
    node.is_element() && node.tag_name().name() == name && node.tag_name().namespace() == Some(W)
}

/// The text of a `w:p` (or of any element) as a reader copies it: line breaks and tabs included.
pub fn paragraph_text(p: Node) -> String {
    let mut text = String::new();
    for n in p.descendants() {
        if is(&n, "t") {
            text.push_str(n.text().unwrap_or_default());
        } else if is(&n, "br") && n.attribute((W, "type")).is_none() {
            text.push('\n');
        } else if is(&n, "tab") && n.parent().is_some_and(|p| is(&p, "r")) {
            text.push('\t');
        }
    }
    text
}

/// The text of each `w:p` of `word/document.xml`, in order.
pub fn docx_paragraphs(document_xml: &str) -> Vec<String> {
    let tree = roxmltree::Document::parse(document_xml).unwrap();
    tree.descendants().filter(|n| is(n, "p")).map(paragraph_text).collect()
}

/// The paragraphs of a DOCX file.
pub fn docx_file_paragraphs(path: &Path) -> Vec<String> {
    let xml = unzip(&std::fs::read(path).unwrap()).remove("word/document.xml").expect("a document part");
    docx_paragraphs(&xml)
}

/// The rows of the first table of `word/document.xml`, each cell's paragraphs joined by `\n`.
pub fn docx_rows(document_xml: &str) -> Vec<Vec<String>> {
    let tree = roxmltree::Document::parse(document_xml).unwrap();
    let table = tree.descendants().find(|n| is(n, "tbl")).expect("a table");
    let cells = |row: Node| -> Vec<String> {
        row.children()
            .filter(|n| is(n, "tc"))
            .map(|cell| cell.children().filter(|n| is(n, "p")).map(paragraph_text).collect::<Vec<_>>().join("\n"))
            .collect()
    };
    table.children().filter(|n| is(n, "tr")).map(cells).collect()
}

// ---------------------------------------------------------------- reading PDF

/// The bundled fonts, loaded once.
pub fn fonts() -> &'static Fonts {
    static FONTS: OnceLock<Fonts> = OnceLock::new();
    FONTS.get_or_init(|| Fonts::bundled().expect("bundled fonts load"))
}

/// `text` without whitespace: how the tests compare what a reader copies out of a PDF.
pub fn squash(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

/// The text of each page as a reader would copy it, whitespace removed.
pub fn page_texts(pdf: &lopdf::Document) -> Vec<String> {
    pdf.get_pages().keys().map(|&n| squash(&pdf.extract_text(&[n]).unwrap())).collect()
}

/// A valid one-page A4 PDF, standing for a scan where a test needs evidence to exist.
pub fn blank_pdf() -> Vec<u8> {
    use lopdf::{Document, Object, Stream, dictionary};
    let mut doc = Document::with_version("1.4");
    let pages = doc.new_object_id();
    let content = doc.add_object(Stream::new(dictionary! {}, b"0 0 m 10 10 l S".to_vec()));
    let page = doc.add_object(dictionary! {
        "Type" => "Page", "Parent" => pages, "Contents" => content,
        "MediaBox" => vec![0.into(), 0.into(), 595.into(), 842.into()],
    });
    doc.objects.insert(
        pages,
        Object::Dictionary(dictionary! { "Type" => "Pages", "Kids" => vec![page.into()], "Count" => 1 }),
    );
    let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages });
    doc.trailer.set("Root", catalog);
    let mut bytes = Vec::new();
    doc.save_to(&mut bytes).unwrap();
    bytes
}

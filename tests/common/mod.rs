//! Reading back what dossier writes, for the integration tests.
#![allow(dead_code)]

use std::collections::BTreeMap;
use std::io::{Cursor, Read};
use std::path::{Path, PathBuf};

use dossier::load::Loaded;
use dossier::model::Cluster;

pub const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

/// The example clusters and city shipped in `data/`.
pub fn example(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("data/jinzhong").join(name)
}

/// The example cluster `name` copied to `to`, with `edit` applied to its YAML.
pub fn copy_cluster(name: &str, to: &Path, edit: impl FnOnce(String) -> String) -> PathBuf {
    let from = example(name);
    for entry in walkdir::WalkDir::new(&from).into_iter().map(Result::unwrap) {
        let target = to.join(entry.path().strip_prefix(&from).unwrap());
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
    let file = to.join("cluster.yaml");
    std::fs::write(&file, edit(std::fs::read_to_string(&file).unwrap())).unwrap();
    file
}

pub fn load_example(name: &str) -> Loaded<Cluster> {
    dossier::load::cluster(&example(name).join("cluster.yaml")).expect("the example loads")
}

/// Every part of a DOCX package, by name.
pub fn unzip(bytes: &[u8]) -> BTreeMap<String, String> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).expect("a zip package");
    (0..archive.len())
        .map(|i| {
            let mut file = archive.by_index(i).unwrap();
            let mut text = String::new();
            file.read_to_string(&mut text).unwrap();
            (file.name().to_owned(), text)
        })
        .collect()
}

/// The text of each `w:p` of `word/document.xml`, in order.
pub fn docx_paragraphs(document_xml: &str) -> Vec<String> {
    let tree = roxmltree::Document::parse(document_xml).unwrap();
    tree.descendants()
        .filter(|n| n.has_tag_name((W, "p")))
        .map(|p| p.descendants().filter(|n| n.has_tag_name((W, "t"))).filter_map(|t| t.text()).collect())
        .collect()
}

/// The rows of the first table of `word/document.xml`, each cell's paragraphs joined by `\n`.
pub fn docx_rows(document_xml: &str) -> Vec<Vec<String>> {
    let tree = roxmltree::Document::parse(document_xml).unwrap();
    let table = tree.descendants().find(|n| n.has_tag_name((W, "tbl"))).expect("a table");
    table
        .children()
        .filter(|n| n.has_tag_name((W, "tr")))
        .map(|row| {
            row.children()
                .filter(|n| n.has_tag_name((W, "tc")))
                .map(|cell| {
                    cell.children()
                        .filter(|n| n.has_tag_name((W, "p")))
                        .map(|p| {
                            p.descendants()
                                .filter(|n| n.has_tag_name((W, "t")))
                                .filter_map(|t| t.text())
                                .collect::<String>()
                        })
                        .collect::<Vec<_>>()
                        .join("\n")
                })
                .collect()
        })
        .collect()
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

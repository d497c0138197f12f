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

//! The build cache never changes an output: a build with a warm cache writes the same bytes as
//! a cold one and as one without cache, across the whole output tree (CD folder and print list
//! included); an edited YAML or evidence file, or another engine identity (standing for new
//! templates or fonts), gives the output of a cold build of the new inputs; a damaged entry is
//! found, thrown away and rebuilt.

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use common::copy_example;
use dossier::build::cache::Cache;
use dossier::build::{self, ClusterReport, Engine};
use dossier::doc::{Meta, Orientation};
use dossier::load::project;
use dossier::pdf::{Typeset, TypesetPage, deflate};

/// An engine with the bundled fonts, caching in `out/.cache` under `identity` (or its own).
fn engine(out: &Path, identity: Option<&[u8]>) -> Engine {
    let engine = Engine::new(true).unwrap();
    let identity = identity.map_or_else(|| engine.identity(), <[u8]>::to_vec);
    engine.with_cache(Cache::new(cache_dir(out), &identity))
}

fn cache_dir(out: &Path) -> PathBuf {
    out.join(".cache")
}

fn build_cluster(engine: &Engine, cluster: &Path, out: &Path) -> ClusterReport {
    common::build_cluster(engine, &cluster.join("cluster.yaml"), out).expect("the cluster builds")
}

/// Every file of an output tree but the cache, by path.
fn tree(out: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut files = common::files_under(out);
    files.retain(|path, _| !out.join(path).starts_with(cache_dir(out)));
    files
}

fn assert_same_tree(a: &Path, b: &Path) {
    let (a, b) = (tree(a), tree(b));
    assert_eq!(a.keys().collect::<Vec<_>>(), b.keys().collect::<Vec<_>>());
    for (path, bytes) in &a {
        assert!(bytes == &b[path], "{} differs", path.display());
    }
}

/// A cold build of `cluster` (no cache) into a fresh folder, to compare with.
fn cold(cluster: &Path) -> tempfile::TempDir {
    let out = tempfile::tempdir().unwrap();
    build_cluster(&Engine::new(true).unwrap(), cluster, out.path());
    out
}

#[test]
fn a_warm_cache_a_cold_cache_and_no_cache_write_the_same_city() {
    let city = project::load_city(&common::example("city.yaml")).unwrap();
    let (cached, uncached) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let engine = engine(cached.path(), None);
    build::build_city(&engine, &city, &common::options(cached.path())).unwrap();
    let first = tree(cached.path());
    let written = engine.cache().unwrap().stats().written;
    assert!(written > 0, "the first build fills the cache");

    let engine = self::engine(cached.path(), None);
    let report = build::build_city(&engine, &city, &common::options(cached.path())).unwrap();
    let stats = engine.cache().unwrap().stats();
    assert_eq!((stats.written, stats.rejected), (0, 0), "everything came from the cache: {stats:?}");
    assert!(stats.hits > 0);
    for (folder, cluster) in &report.clusters {
        assert!(cluster.as_ref().unwrap().changed.is_empty(), "{folder}: nothing to rewrite");
    }
    assert!(tree(cached.path()) == first, "a warm build rewrote nothing and changed nothing");

    build::build_city(&Engine::new(true).unwrap(), &city, &common::options(uncached.path())).unwrap();
    assert_same_tree(cached.path(), uncached.path());
    for (path, bytes) in &first {
        assert!(!bytes.is_empty(), "{} is empty", path.display());
    }
}

#[test]
fn an_unchanged_rebuild_leaves_every_file_as_it_was() {
    let out = tempfile::tempdir().unwrap();
    let cluster = common::example("pingyao-beef");
    build_cluster(&engine(out.path(), None), &cluster, out.path());
    let times = |out: &Path| -> BTreeMap<PathBuf, std::time::SystemTime> {
        walkdir::WalkDir::new(out)
            .into_iter()
            .filter_entry(|e| e.path() != cache_dir(out))
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_file())
            .map(|e| (e.path().to_owned(), e.metadata().unwrap().modified().unwrap()))
            .collect()
    };
    let before = times(out.path());
    let report = build_cluster(&engine(out.path(), None), &cluster, out.path());
    assert!(report.changed.is_empty(), "{:?}", report.changed);
    assert_eq!(times(out.path()), before, "no file was written again");
}

#[test]
fn an_edited_yaml_or_scan_gives_what_a_cold_build_of_the_new_inputs_gives() {
    let dir = copy_example("pingyao-beef");
    let out = tempfile::tempdir().unwrap();
    build_cluster(&engine(out.path(), None), dir.path(), out.path());

    // One figure the form prints (从业人员 2024).
    let yaml = dir.path().join("cluster.yaml");
    let text = std::fs::read_to_string(&yaml).unwrap();
    assert!(text.contains("    2024: 10420\n"));
    std::fs::write(&yaml, text.replacen("    2024: 10420\n", "    2024: 10425\n", 1)).unwrap();
    let report = build_cluster(&engine(out.path(), None), dir.path(), out.path());
    let form = report.dir.join("附件2 山西省中小企业特色产业集群申报表.pdf");
    assert!(report.changed.contains(&form), "the form changed: {:?}", report.changed);
    assert!(report.changed.iter().any(|f| f.ends_with("山西省中小企业特色产业集群申报材料.pdf")), "and the volume");
    assert_same_tree(out.path(), cold(dir.path()).path());

    // A scan the volume decodes (PNG): the cache holds its pictures, which must not be reused.
    let scan = dir.path().join("evidence/05-产业链强链补链/01-平遥牛肉产业链图谱.png");
    let picture = image::open(&scan).unwrap().to_rgb8();
    let inverted = image::RgbImage::from_fn(picture.width(), picture.height(), |x, y| {
        image::Rgb(picture.get_pixel(x, y).0.map(|v| 255 - v))
    });
    inverted.save(&scan).unwrap();
    let engine = engine(out.path(), None);
    let report = build_cluster(&engine, dir.path(), out.path());
    assert_eq!(report.changed.len(), 1, "only the volume: {:?}", report.changed);
    assert!(engine.cache().unwrap().stats().written > 0, "the new scan was normalised and kept");
    assert_same_tree(out.path(), cold(dir.path()).path());
}

/// 平遥 keeps its lists in 名单.xlsx: a workbook saved with another list changes what the forms
/// and the volume print, and the rebuild gives what a cold build of the new workbook gives.
#[test]
fn an_edited_workbook_gives_what_a_cold_build_of_it_gives() {
    let dir = copy_example("pingyao-beef");
    let out = tempfile::tempdir().unwrap();
    build_cluster(&engine(out.path(), None), dir.path(), out.path());

    let loaded = dossier::load::cluster(&dir.path().join("cluster.yaml")).unwrap();
    let mut lists = loaded.value.lists.clone();
    lists.patents[0].title = "一种牛肉卤制装置".into();
    let (bytes, _) = dossier::load::sheet::write::export(&lists, loaded.value.submitted).unwrap();
    std::fs::write(dir.path().join("名单.xlsx"), bytes).unwrap();
    let report = build_cluster(&engine(out.path(), None), dir.path(), out.path());
    assert!(
        report.changed.iter().any(|f| f.ends_with("山西省中小企业特色产业集群申报材料.pdf")),
        "{:?}",
        report.changed
    );
    assert_same_tree(out.path(), cold(dir.path()).path());
}

/// A document of one blank page, as the typesetter hands it on.
fn blank() -> Typeset {
    let page = TypesetPage {
        orientation: Orientation::Portrait,
        content: deflate(b"0 0 m 10 10 l S"),
        number: None,
        headings: vec![],
    };
    Typeset { meta: Meta::default(), pages: vec![page], resources: Default::default(), objects: vec![] }
}

/// Replaces the payload of every entry with a valid typeset document of one blank page, with a
/// header that checks out (format, name, payload hash), as an entry of another engine would be.
fn poison(cache: &Path) {
    let blank = blank().encode();
    for entry in std::fs::read_dir(cache).unwrap() {
        let path = entry.unwrap().path();
        let old = std::fs::read(&path).unwrap();
        let mut new = old[..48].to_vec(); // the format line and the entry's name
        new.extend(blake3::hash(&blank).as_bytes());
        new.extend(&blank);
        std::fs::write(&path, new).unwrap();
    }
}

#[test]
fn entries_of_another_identity_are_never_read() {
    let dir = copy_example("pingyao-beef");
    let out = tempfile::tempdir().unwrap();
    build_cluster(&engine(out.path(), Some(b"templates v1")), dir.path(), out.path());
    poison(&cache_dir(out.path()));

    // New templates or fonts: another identity, so none of the old entries is read (one would
    // put a blank page where the form is).
    build_cluster(&engine(out.path(), Some(b"templates v2")), dir.path(), out.path());
    assert_same_tree(out.path(), cold(dir.path()).path());

    // The poisoned entries are sound: the identity that wrote them reads them (and the output
    // shows it), which is what makes the check above mean something.
    let out = tempfile::tempdir().unwrap();
    build_cluster(&engine(out.path(), Some(b"templates v1")), dir.path(), out.path());
    poison(&cache_dir(out.path()));
    build_cluster(&engine(out.path(), Some(b"templates v1")), dir.path(), out.path());
    let form = Path::new("平遥县牛肉食品产业/附件2 山西省中小企业特色产业集群申报表.pdf");
    assert_eq!(tree(out.path())[form], blank().to_pdf().unwrap());
}

#[test]
fn a_truncated_or_flipped_entry_is_detected_and_rebuilt() {
    let dir = copy_example("pingyao-beef");
    let out = tempfile::tempdir().unwrap();
    build_cluster(&engine(out.path(), None), dir.path(), out.path());
    let mut entries: Vec<PathBuf> =
        std::fs::read_dir(cache_dir(out.path())).unwrap().map(|e| e.unwrap().path()).collect();
    entries.sort_by_key(|p| std::fs::metadata(p).unwrap().len());
    // The largest entries: the forms' PDFs and the PNG scans' pictures.
    let (flipped, truncated) = (entries.pop().unwrap(), entries.pop().unwrap());
    let mut bytes = std::fs::read(&flipped).unwrap();
    let middle = bytes.len() / 2;
    bytes[middle] ^= 0x01;
    std::fs::write(&flipped, bytes).unwrap();
    let bytes = std::fs::read(&truncated).unwrap();
    std::fs::write(&truncated, &bytes[..bytes.len() - 100]).unwrap();
    // Without its outputs the cluster is built again whole, so that every entry is read.
    std::fs::remove_dir_all(out.path().join("平遥县牛肉食品产业")).unwrap();

    let engine = engine(out.path(), None);
    build_cluster(&engine, dir.path(), out.path());
    let stats = engine.cache().unwrap().stats();
    assert_eq!(stats.rejected, 2, "{stats:?}");
    // Both rebuilt and kept again, and the report of the volume bound again.
    assert_eq!(stats.written, 3, "{stats:?}");
    assert_same_tree(out.path(), cold(dir.path()).path());
}

#[test]
fn a_volume_replaced_or_deleted_on_disk_is_bound_again() {
    let out = tempfile::tempdir().unwrap();
    let cluster = common::example("pingyao-beef");
    build_cluster(&engine(out.path(), None), &cluster, out.path());
    let expected = tree(out.path());
    let volume = out.path().join("平遥县牛肉食品产业/山西省中小企业特色产业集群申报材料.pdf");
    // The same size, other bytes: as if a reader had saved over it.
    let len = std::fs::metadata(&volume).unwrap().len() as usize;
    std::fs::write(&volume, vec![b'x'; len]).unwrap();
    let report = build_cluster(&engine(out.path(), None), &cluster, out.path());
    assert_eq!(report.changed, std::slice::from_ref(&volume));
    assert!(tree(out.path()) == expected, "the volume is what a build makes");
    std::fs::remove_file(&volume).unwrap();
    build_cluster(&engine(out.path(), None), &cluster, out.path());
    assert!(tree(out.path()) == expected, "and a deleted one comes back");
}

/// A scan replaced while the build runs (an office copying scans in) is never bound under the
/// key of the bytes read before: the build stops naming the file, and the next one binds what
/// is there then.
#[test]
fn a_scan_replaced_during_the_build_is_named_not_bound_under_its_old_key() {
    let dir = copy_example("qixian-glass");
    let scan = dir.path().join("evidence/13-碳排放监测机制/01-祁县玻璃器皿产业集群碳排放监测工作机制.pdf");
    let out = tempfile::tempdir().unwrap();
    let engine = engine(out.path(), None);
    let loaded = dossier::load::cluster(&dir.path().join("cluster.yaml")).unwrap();
    let context = build::CityContext::standalone(&loaded.value);
    // The scans are read (and hashed) before any volume is bound: replace one in between.
    let replaced = std::sync::Once::new();
    let swap = scan.clone();
    let progress = build::Progress::new(move |event| {
        if let build::Event::Volume { .. } = event {
            replaced.call_once(|| std::fs::write(&swap, common::blank_pdf()).unwrap());
        }
    });
    let result = build::build_cluster(
        &engine,
        &loaded,
        &context,
        Vec::new(),
        &build::Options { progress, ..common::options(out.path()) },
    );
    let error = result.expect_err("the build stops").to_string();
    assert!(error.contains("01-祁县玻璃器皿产业集群碳排放监测工作机制.pdf") && error.contains("改动"), "{error}");
    build_cluster(&engine, dir.path(), out.path());
    assert_same_tree(out.path(), cold(dir.path()).path());
}

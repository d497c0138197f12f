//! `dossier watch`: a settled change to a cluster's YAML or scans rebuilds that cluster once;
//! dossier's own writes (the output folder), hidden and temporary files and mere reads rebuild
//! nothing. The loop is driven by a channel as the debouncer drives it, and once by the real
//! file system.

use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use dossier::build::watch::{Change, DebounceEventResult, DebouncedEvent, Watch};
use notify_debouncer_full::notify::event::{AccessKind, AccessMode, CreateKind, DataChange, EventKind, ModifyKind};
use notify_debouncer_full::notify::{Event, RecursiveMode};

fn event(kind: EventKind, path: &Path) -> DebouncedEvent {
    DebouncedEvent::new(Event::new(kind).add_path(path.to_owned()), Instant::now())
}

fn written(path: &Path) -> DebouncedEvent {
    event(EventKind::Modify(ModifyKind::Data(DataChange::Content)), path)
}

/// Two cluster folders and an output folder beside them, as `dossier watch a b --out out`.
struct Folders {
    _dir: tempfile::TempDir,
    a: PathBuf,
    b: PathBuf,
    out: PathBuf,
}

fn folders() -> Folders {
    let dir = tempfile::tempdir().unwrap();
    let root = std::fs::canonicalize(dir.path()).unwrap();
    let (a, b, out) = (root.join("a"), root.join("b"), root.join("a/out"));
    for folder in [&a, &b, &out] {
        std::fs::create_dir_all(folder).unwrap();
    }
    Folders { _dir: dir, a, b, out }
}

/// The rebuilds `Watch::run` asks for when the given batches are waiting.
fn rebuilds(watch: &Watch, batches: Vec<DebounceEventResult>) -> Vec<Change> {
    let (send, receive) = mpsc::channel();
    batches.into_iter().for_each(|batch| send.send(batch).unwrap());
    drop(send);
    let mut seen = Vec::new();
    watch.run(&receive, |change| seen.push(change.clone()), |error| panic!("{error}"));
    seen
}

#[test]
fn a_yaml_change_rebuilds_its_cluster_once() {
    let f = folders();
    let watch = Watch::new(vec![vec![f.a.clone()], vec![f.b.clone()]], &f.out);
    let yaml = f.a.join("cluster.yaml");
    // An editor's save: the file written twice, then closed; and another batch already waiting.
    let save =
        vec![written(&yaml), written(&yaml), event(EventKind::Access(AccessKind::Close(AccessMode::Write)), &yaml)];
    let changes = rebuilds(&watch, vec![Ok(save), Ok(vec![written(&yaml)])]);
    assert_eq!(changes, [Change { targets: vec![0], paths: vec![yaml] }]);
}

#[test]
fn new_scans_rebuild_the_cluster_that_holds_them() {
    let f = folders();
    let watch = Watch::new(vec![vec![f.a.clone()], vec![f.b.clone()]], &f.out);
    let scan = f.b.join("evidence/05-产业链强链补链/图谱.png");
    let changes = rebuilds(&watch, vec![Ok(vec![event(EventKind::Create(CreateKind::File), &scan)])]);
    assert_eq!(changes, [Change { targets: vec![1], paths: vec![scan] }]);
}

#[test]
fn reads_outputs_and_temporary_files_rebuild_nothing() {
    let f = folders();
    let watch = Watch::new(vec![vec![f.a.clone()]], &f.out);
    let yaml = f.a.join("cluster.yaml");
    let quiet = vec![
        event(EventKind::Access(AccessKind::Open(AccessMode::Read)), &yaml),
        event(EventKind::Access(AccessKind::Close(AccessMode::Read)), &yaml),
        written(&f.out.join("祁县玻璃器皿产业/附件2.pdf")),
        written(&f.out.join(".cache/0a1b")),
        written(&f.a.join(".cluster.yaml.swp")),
        written(&f.a.join("evidence/~$清单.docx")),
        written(&f.a.join("evidence/.dossier-x.part")),
        written(&f.b.join("cluster.yaml")),
    ];
    assert_eq!(rebuilds(&watch, vec![Ok(quiet)]), []);
}

#[test]
fn a_saved_yaml_on_disk_makes_one_rebuild() {
    let f = folders();
    let yaml = f.a.join("cluster.yaml");
    let scan = f.a.join("evidence/scan.jpg");
    std::fs::create_dir_all(scan.parent().unwrap()).unwrap();
    std::fs::write(&yaml, "name: 一\n").unwrap();
    std::fs::write(&scan, b"scan").unwrap();
    let watch = Watch::new(vec![vec![f.a.clone()]], &f.out);
    let (events, received) = mpsc::channel();
    let mut debouncer = notify_debouncer_full::new_debouncer(Duration::from_millis(100), None, events).unwrap();
    for folder in watch.folders() {
        debouncer.watch(folder, RecursiveMode::Recursive).unwrap();
    }
    let (rebuilt, rebuilds) = mpsc::channel();
    let looping = std::thread::spawn(move || {
        watch.run(
            &received,
            |change| {
                // What a build does: read the data and the scans, write into the output folder.
                for file in [&yaml, &scan] {
                    std::fs::read(file).unwrap();
                }
                std::fs::write(f.out.join("附件2.pdf"), b"pdf").unwrap();
                rebuilt.send(change.clone()).unwrap();
            },
            |error| panic!("{error}"),
        );
    });
    std::fs::write(f.a.join("cluster.yaml"), "name: 二\n").unwrap();
    let change = rebuilds.recv_timeout(Duration::from_secs(20)).expect("the save is noticed");
    assert_eq!(change.targets, [0]);
    assert!(
        rebuilds.recv_timeout(Duration::from_millis(800)).is_err(),
        "one save, one rebuild: reads and outputs are not changes"
    );
    drop(debouncer);
    looping.join().unwrap();
}

/// A list kept in a workbook is data like cluster.yaml: Excel's save (its `~$` lock file, a
/// temporary file, then the workbook) rebuilds the cluster once, for the workbook.
#[test]
fn a_saved_workbook_rebuilds_its_cluster() {
    let f = folders();
    let watch = Watch::new(vec![vec![f.a.clone()], vec![f.b.clone()]], &f.out);
    let workbook = f.a.join("名单.xlsx");
    let save = vec![
        event(EventKind::Create(CreateKind::File), &f.a.join("~$名单.xlsx")),
        written(&f.a.join("4A5B1C00.tmp~")),
        written(&workbook),
    ];
    let changes = rebuilds(&watch, vec![Ok(save)]);
    assert_eq!(changes, [Change { targets: vec![0], paths: vec![workbook] }]);
}

//! `dossier watch`: which of the watched clusters and cities a settled batch of file changes
//! touches, and the loop that rebuilds them. Events come from `notify` through its debouncer,
//! so an editor's save (a temporary file, a rename) or twenty scans copied at once arrive as
//! one batch; batches that arrive during a rebuild make one more rebuild, not one each.

use std::path::{Path, PathBuf};
use std::sync::mpsc::Receiver;

use crate::load::disk::canonical;
use notify_debouncer_full::notify::event::{AccessKind, AccessMode, EventKind};
pub use notify_debouncer_full::{DebounceEventResult, DebouncedEvent};

/// The folders of each watched target (a cluster's folder; a city's folder and its clusters'),
/// and the output folder, whose changes are dossier's own.
#[derive(Debug, Clone)]
pub struct Watch {
    targets: Vec<Vec<PathBuf>>,
    out: PathBuf,
}

/// A settled batch of changes: the targets it touches (indexes in the order given to
/// [`Watch::new`]) and the changed paths, for the message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    pub targets: Vec<usize>,
    pub paths: Vec<PathBuf>,
}

impl Watch {
    /// `targets` holds the folders of each target. Paths are made absolute and canonical, as
    /// the events name them.
    pub fn new(targets: Vec<Vec<PathBuf>>, out: &Path) -> Watch {
        let targets = targets.into_iter().map(|folders| folders.iter().map(|f| canonical(f)).collect()).collect();
        Watch { targets, out: canonical(out) }
    }

    /// Every folder to watch (recursively), each once.
    pub fn folders(&self) -> Vec<&Path> {
        let mut folders: Vec<&Path> = Vec::new();
        for folder in self.targets.iter().flatten() {
            if !folders.iter().any(|f| folder.starts_with(f)) {
                folders.retain(|f| !f.starts_with(folder));
                folders.push(folder);
            }
        }
        folders
    }

    /// What `paths` ask for: `None` when none of them is a file of a target (only the output
    /// folder, temporary or hidden files).
    pub fn change(&self, paths: impl IntoIterator<Item = PathBuf>) -> Option<Change> {
        let mut change = Change { targets: Vec::new(), paths: Vec::new() };
        for path in paths {
            if path.starts_with(&self.out) || !is_data(&path) || change.paths.contains(&path) {
                continue;
            }
            let touched: Vec<usize> = (0..self.targets.len())
                .filter(|&t| self.targets[t].iter().any(|folder| path.starts_with(folder)))
                .collect();
            if touched.is_empty() {
                continue;
            }
            for target in touched {
                if !change.targets.contains(&target) {
                    change.targets.push(target);
                }
            }
            change.paths.push(path);
        }
        change.targets.sort_unstable();
        (!change.targets.is_empty()).then_some(change)
    }

    /// Calls `rebuild` for each batch of `events` that touches a target, with every batch that
    /// is already waiting merged in; `failed` for a watcher error. Returns when `events` ends
    /// (the watcher is gone).
    pub fn run(
        &self,
        events: &Receiver<DebounceEventResult>,
        mut rebuild: impl FnMut(&Change),
        mut failed: impl FnMut(&notify_debouncer_full::notify::Error),
    ) {
        while let Ok(first) = events.recv() {
            let mut paths = Vec::new();
            for batch in std::iter::once(first).chain(events.try_iter()) {
                match batch {
                    Ok(batch) => paths.extend(
                        batch.into_iter().filter(|e| changes(&e.event.kind)).flat_map(|e| e.event.paths.clone()),
                    ),
                    Err(errors) => errors.iter().for_each(&mut failed),
                }
            }
            if let Some(change) = self.change(paths) {
                rebuild(&change);
            }
        }
    }
}

/// Whether an event changes a file: not a read. A build reads every scan, and must not see
/// its own reads as the next change.
fn changes(kind: &EventKind) -> bool {
    match kind {
        EventKind::Access(access) => *access == AccessKind::Close(AccessMode::Write),
        _ => true,
    }
}

/// Whether a path may be data: not a hidden or temporary file (editors' swap and backup files,
/// Office lock files, dossier's own `.part` files).
fn is_data(path: &Path) -> bool {
    let Some(name) = path.file_name().map(|n| n.to_string_lossy()) else { return false };
    !(name.starts_with('.') || name.starts_with("~$") || name.ends_with('~') || name.ends_with(".part"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nested_folders_are_watched_once() {
        let dir = tempfile::tempdir().unwrap();
        let (city, cluster, other) = (dir.path().join("city"), dir.path().join("city/a"), dir.path().join("b"));
        for folder in [&city, &cluster, &other] {
            std::fs::create_dir_all(folder).unwrap();
        }
        let watch =
            Watch::new(vec![vec![cluster.clone()], vec![city.clone(), cluster, other.clone()]], &city.join("out"));
        let folders: Vec<PathBuf> = watch.folders().into_iter().map(Path::to_owned).collect();
        assert_eq!(folders, [canonical(&city), canonical(&other)]);
    }
}

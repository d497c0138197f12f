//! The build cache: what a build computed, kept in the output folder (`out/.cache/`) under the
//! hash of everything it was computed from, so that a rebuild after a small edit redoes only
//! what the edit changed.
//!
//! Callers name an entry by a [`Key`] over their inputs (a document's content, an evidence
//! file's bytes and how it is fitted); the cache mixes in the engine's identity (dossier's
//! version, the program itself, the fonts), so another dossier or another font never reads an
//! old entry. An entry is one file: a header (format, its own name, the hash of the payload)
//! and the payload. Every read checks all three: a torn, truncated or altered entry is deleted
//! and counted as a miss — the caller computes the value again, so a bad entry can cost time
//! but never change an output.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, SystemTime};

use super::output::Folder;

/// The hash that names a cached value.
pub type Key = [u8; 32];

/// Starts every entry; the digit is the entry format's version.
const MAGIC: &[u8; 16] = b"dossier-cache-2\n";
const HEADER: usize = MAGIC.len() + 32 + 32;

/// Entries no build has read or written for this long are deleted by [`Cache::prune`]: a
/// cache serves the edits of the last days, not every version a cluster ever had.
pub const KEEP: Duration = Duration::from_secs(2 * 24 * 3600);

/// The key of a value computed from `parts`.
pub fn key(parts: &[&[u8]]) -> Key {
    let mut keyer = Keyer::default();
    parts.iter().for_each(|part| keyer.part(part));
    keyer.finish()
}

/// A key built part by part, for inputs gathered as they come. Each part is length-prefixed, so
/// no two lists of parts share a key.
#[derive(Default)]
pub struct Keyer(blake3::Hasher);

impl Keyer {
    pub fn part(&mut self, bytes: &[u8]) {
        self.0.update(&(bytes.len() as u64).to_le_bytes());
        self.0.update(bytes);
    }

    pub fn finish(&self) -> Key {
        self.0.finalize().into()
    }
}

/// A cache folder. Shared by every thread of a build; each operation is one file operation.
#[derive(Debug)]
pub struct Cache {
    /// Every write and delete of the cache goes through it, as a build's do.
    folder: Folder,
    identity: Key,
    hits: AtomicU64,
    misses: AtomicU64,
    rejected: AtomicU64,
    written: AtomicU64,
    failed: AtomicU64,
}

/// What a cache did so far.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Stats {
    /// Values read back.
    pub hits: u64,
    /// Values not there (or rejected): computed again.
    pub misses: u64,
    /// Entries that failed their check and were deleted.
    pub rejected: u64,
    pub written: u64,
    /// Entries that could not be written (the build went on without them).
    pub failed: u64,
}

impl Cache {
    /// The cache in `dir` (created on the first write) for an engine whose identity is
    /// `identity`: the same inputs under another identity are another entry.
    pub fn new(dir: impl Into<PathBuf>, identity: &[u8]) -> Cache {
        Cache {
            folder: Folder::output(dir),
            identity: key(&[b"dossier cache identity", identity]),
            hits: AtomicU64::new(0),
            misses: AtomicU64::new(0),
            rejected: AtomicU64::new(0),
            written: AtomicU64::new(0),
            failed: AtomicU64::new(0),
        }
    }

    pub fn dir(&self) -> &Path {
        self.folder.path()
    }

    fn name(&self, key: &Key) -> Key {
        self::key(&[&self.identity, key])
    }

    fn path(&self, name: &Key) -> PathBuf {
        self.folder.path().join(hex(name))
    }

    /// The value stored under `key`, if there is a sound one.
    pub fn get(&self, key: &Key) -> Option<Vec<u8>> {
        let name = self.name(key);
        let path = self.path(&name);
        let Ok(mut entry) = std::fs::read(&path) else {
            self.misses.fetch_add(1, Ordering::Relaxed);
            return None;
        };
        if !sound(&entry, &name) {
            // Never trusted, never left to fail again.
            let _ = self.folder.remove(&path);
            self.rejected.fetch_add(1, Ordering::Relaxed);
            self.misses.fetch_add(1, Ordering::Relaxed);
            return None;
        }
        touch(&path);
        self.hits.fetch_add(1, Ordering::Relaxed);
        entry.drain(..HEADER);
        Some(entry)
    }

    /// Stores `payload` under `key`. The entry appears whole or not at all (written beside
    /// it, then renamed); it is not flushed to disk, as a torn entry fails its check anyway.
    /// A failure only makes the next build slower, so it is counted, not returned.
    pub fn put(&self, key: &Key, payload: &[u8]) {
        let name = self.name(key);
        let digest: Key = blake3::hash(payload).into();
        let written = self.folder.create().and_then(|()| {
            let mut file = tempfile::Builder::new().prefix(".entry-").suffix(".part").tempfile_in(self.dir())?;
            file.write_all(MAGIC)?;
            file.write_all(&name)?;
            file.write_all(&digest)?;
            file.write_all(payload)?;
            file.persist(self.folder.file(&hex(&name))?).map_err(|e| e.error)?;
            Ok(())
        });
        let counter = if written.is_ok() { &self.written } else { &self.failed };
        counter.fetch_add(1, Ordering::Relaxed);
    }

    pub fn stats(&self) -> Stats {
        let load = |counter: &AtomicU64| counter.load(Ordering::Relaxed);
        Stats {
            hits: load(&self.hits),
            misses: load(&self.misses),
            rejected: load(&self.rejected),
            written: load(&self.written),
            failed: load(&self.failed),
        }
    }

    /// Deletes the entries no build has used for `keep` (reads refresh an entry's time), and
    /// temporary files a stopped build left. Returns how many files went.
    pub fn prune(&self, keep: Duration) -> usize {
        let Ok(entries) = std::fs::read_dir(self.dir()) else { return 0 };
        let now = SystemTime::now();
        let mut removed = 0;
        for entry in entries.filter_map(Result::ok) {
            let stale = entry
                .metadata()
                .and_then(|m| m.modified())
                .map(|modified| now.duration_since(modified).unwrap_or_default() > keep)
                .unwrap_or(false);
            if stale && self.folder.remove(&entry.path()).is_ok() {
                removed += 1;
            }
        }
        removed
    }
}

impl crate::volume::Store for Cache {
    fn get(&self, key: &Key) -> Option<Vec<u8>> {
        Cache::get(self, key)
    }

    fn put(&self, key: &Key, payload: &[u8]) {
        Cache::put(self, key, payload)
    }

    fn contains(&self, key: &Key) -> bool {
        self.path(&self.name(key)).is_file()
    }
}

/// Whether `entry` is a whole entry of this format named `name` whose payload has the hash
/// its header states.
fn sound(entry: &[u8], name: &Key) -> bool {
    entry.len() >= HEADER
        && entry.starts_with(MAGIC)
        && entry[MAGIC.len()..MAGIC.len() + 32] == name[..]
        && entry[MAGIC.len() + 32..HEADER] == blake3::hash(&entry[HEADER..]).as_bytes()[..]
}

/// Marks an entry as used now, so pruning keeps what builds still read.
fn touch(path: &Path) {
    if let Ok(file) = std::fs::File::options().append(true).open(path) {
        let _ = file.set_modified(SystemTime::now());
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry_file(cache: &Cache) -> PathBuf {
        std::fs::read_dir(cache.dir()).unwrap().map(|e| e.unwrap().path()).next().unwrap()
    }

    #[test]
    fn a_value_reads_back_under_its_key_and_identity_only() {
        let dir = tempfile::tempdir().unwrap();
        let cache = Cache::new(dir.path(), b"one");
        let k = key(&[b"pdf", b"document"]);
        assert_eq!(cache.get(&k), None);
        cache.put(&k, b"bytes");
        assert_eq!(cache.get(&k).as_deref(), Some(&b"bytes"[..]));
        assert_eq!(cache.get(&key(&[b"pdfd", b"ocument"])), None, "parts are length-prefixed");
        assert_eq!(Cache::new(dir.path(), b"two").get(&k), None, "another identity, another entry");
        assert_eq!(cache.stats(), Stats { hits: 1, misses: 2, rejected: 0, written: 1, failed: 0 });
    }

    #[test]
    fn truncated_flipped_or_renamed_entries_are_deleted_not_trusted() {
        let dir = tempfile::tempdir().unwrap();
        let cache = Cache::new(dir.path(), b"id");
        let (a, b) = (key(&[b"a"]), key(&[b"b"]));
        type Damage = fn(&mut Vec<u8>);
        let damage: [Damage; 4] =
            [|e| e.truncate(e.len() - 1), |e| e.truncate(10), |e| *e.last_mut().unwrap() ^= 1, |e| e[20] ^= 0x80];
        for (i, damage) in damage.iter().enumerate() {
            cache.put(&a, b"payload");
            let file = entry_file(&cache);
            let mut bytes = std::fs::read(&file).unwrap();
            damage(&mut bytes);
            std::fs::write(&file, bytes).unwrap();
            assert_eq!(cache.get(&a), None, "damage {i}");
            assert!(!file.exists(), "damage {i}: the entry is gone");
        }
        // A sound entry under another entry's name.
        cache.put(&a, b"payload");
        let from = entry_file(&cache);
        let to = cache.path(&cache.name(&b));
        std::fs::rename(&from, &to).unwrap();
        assert_eq!(cache.get(&b), None);
        assert_eq!(cache.stats().rejected, 5);
    }

    #[test]
    fn pruning_removes_what_no_build_used_lately() {
        let dir = tempfile::tempdir().unwrap();
        let cache = Cache::new(dir.path(), b"id");
        cache.put(&key(&[b"old"]), b"x");
        let old = entry_file(&cache);
        std::fs::File::options()
            .append(true)
            .open(&old)
            .unwrap()
            .set_modified(SystemTime::now() - KEEP - Duration::from_secs(60))
            .unwrap();
        cache.put(&key(&[b"new"]), b"y");
        assert_eq!(cache.prune(KEEP), 1);
        assert!(!old.exists());
        assert_eq!(cache.get(&key(&[b"new"])).as_deref(), Some(&b"y"[..]));
    }
}

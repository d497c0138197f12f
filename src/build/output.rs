//! Writing results. Every file appears whole or not at all, so a rebuild interrupted halfway
//! never leaves a truncated PDF where the last good one was; and nothing is written or deleted
//! outside the output folder: every write and every delete of a build goes through a [`Folder`],
//! which refuses a path that leaves it ([`Folder::inside`]), whatever the data said.

use std::io::{self, Write};
use std::path::{Component, Path, PathBuf};

/// A folder inside the output folder, and the only way a build writes or deletes there.
#[derive(Debug, Clone)]
pub struct Folder {
    /// The output folder, which nothing leaves.
    root: PathBuf,
    dir: PathBuf,
}

/// Why a path was refused: it leaves the output folder.
#[derive(Debug, thiserror::Error)]
#[error("这个位置不在输出目录 {} 中：dossier 只在输出目录里写入和删除文件", root.display())]
pub struct Outside {
    pub root: PathBuf,
}

impl Folder {
    /// The output folder itself.
    pub fn output(root: impl Into<PathBuf>) -> Folder {
        let root = root.into();
        Folder { dir: root.clone(), root }
    }

    /// The folder `name` inside this one (created by the first write into it).
    pub fn sub(&self, name: &str) -> io::Result<Folder> {
        let dir = self.file(name)?;
        Ok(Folder { root: self.root.clone(), dir })
    }

    pub fn path(&self) -> &Path {
        &self.dir
    }

    /// The path of `name` in this folder, refused if it leaves the output folder.
    pub fn file(&self, name: &str) -> io::Result<PathBuf> {
        let path = self.dir.join(name);
        self.inside(&path)?;
        Ok(path)
    }

    /// Whether `path` may be written or deleted: it lies inside the output folder, written
    /// plainly (no `..`, no other drive or root) and on disk (no folder on the way is a link
    /// that leads out of it). The output folder itself may not be deleted either.
    pub fn inside(&self, path: &Path) -> io::Result<()> {
        let outside = || io::Error::new(io::ErrorKind::PermissionDenied, Outside { root: self.root.clone() });
        let rest = path.strip_prefix(&self.root).map_err(|_| outside())?;
        if rest.as_os_str().is_empty() || !rest.components().all(|c| matches!(c, Component::Normal(_))) {
            return Err(outside());
        }
        // The file itself may be a link: writing replaces it and deleting removes it.
        match path.parent() {
            Some(folder) if crate::load::disk::leads_out(&self.root, folder)? => Err(outside()),
            _ => Ok(()),
        }
    }

    /// Creates this folder (and those above it inside the output folder).
    pub fn create(&self) -> io::Result<()> {
        if self.dir != self.root {
            self.inside(&self.dir)?;
        }
        std::fs::create_dir_all(&self.dir)
    }

    /// Writes `bytes` to `path` unless the file already holds exactly them: an unchanged output
    /// keeps its time and costs no disk write. Returns whether it wrote.
    pub fn write(&self, path: &Path, bytes: &[u8]) -> io::Result<bool> {
        self.inside(path)?;
        let same = std::fs::metadata(path).is_ok_and(|m| m.len() == bytes.len() as u64)
            && std::fs::read(path).is_ok_and(|old| old == bytes);
        if same {
            return Ok(false);
        }
        write_atomic(path, bytes)?;
        Ok(true)
    }

    /// Deletes the file or folder at `path`.
    pub fn remove(&self, path: &Path) -> io::Result<()> {
        self.inside(path)?;
        // A link is removed itself, never what it leads to.
        if std::fs::symlink_metadata(path)?.is_dir() {
            std::fs::remove_dir_all(path)
        } else {
            std::fs::remove_file(path)
        }
    }

    /// Makes `to` a copy of `from`: a hard link where the disk allows, else a copy. The copy is
    /// made beside `to` and renamed over it, so `to` is there at every moment, old or new —
    /// a CD folder is whole even when a build is killed while refreshing it.
    pub fn link(&self, from: &Path, to: &Path) -> io::Result<()> {
        self.inside(to)?;
        let dir = to.parent().unwrap_or(&self.root);
        let temp =
            tempfile::Builder::new().prefix(".dossier-").suffix(".part").make_in(
                dir,
                |path| match std::fs::hard_link(from, path) {
                    Err(e) if e.kind() != io::ErrorKind::AlreadyExists => std::fs::copy(from, path).map(drop),
                    linked => linked,
                },
            )?;
        temp.persist(to).map_err(|e| e.error)?;
        Ok(())
    }
}

/// The output folder taken by one build: another build into it stops, saying who holds it,
/// rather than mixing its outputs with this one's. Released when dropped (or when the process
/// ends, however it ends).
#[derive(Debug)]
pub struct Lock {
    _file: std::fs::File,
    /// Says who holds the folder; gone with the lock (the lock file stays: removing it would let
    /// a build that opened it just before lock it beside one that made a new one).
    holder: PathBuf,
}

impl Drop for Lock {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.holder);
    }
}

/// Why a build could not take its output folder.
#[derive(Debug, thiserror::Error)]
pub enum LockError {
    #[error(
        "输出目录 {} 正被另一次生成使用（{holder}）：两次生成同时写入同一个输出目录，材料会互相混杂。请等它结束后再生成，或用 --out 指定另一个输出目录",
        dir.display()
    )]
    Busy { dir: PathBuf, holder: String },
    #[error("无法写入输出目录 {}：{}", dir.display(), crate::load::diagnostic::io_message(source))]
    Io { dir: PathBuf, source: io::Error },
}

/// The file a build holds locked, and the one saying who that build is (a file locked on
/// Windows cannot be read by others).
const LOCK: &str = ".dossier-lock";
const HOLDER: &str = ".dossier-lock-holder.txt";

/// Prefixes of the temporary files outputs are written to before they are renamed into place
/// (forms, CD copies, volumes, cache entries): a killed build leaves them behind.
const TEMPORARY: [&str; 3] = [".dossier-", ".volume-", ".entry-"];

impl Folder {
    /// Takes the output folder (created if need be) for a build of `what`, then deletes the
    /// temporary files killed builds left in it: while the folder is held, no temporary file
    /// in it belongs to a build still running.
    pub fn lock(&self, what: &str) -> Result<Lock, LockError> {
        let failed = |source| LockError::Io { dir: self.root.clone(), source };
        std::fs::create_dir_all(&self.root).map_err(failed)?;
        let path = self.root.join(LOCK);
        let mut options = std::fs::File::options();
        options.create(true).truncate(false).write(true);
        #[cfg(windows)]
        {
            // FILE_ATTRIBUTE_HIDDEN: dossier's own file, not one of the office's documents.
            std::os::windows::fs::OpenOptionsExt::attributes(&mut options, 0x2);
        }
        let file = options.open(&path).map_err(failed)?;
        let holder = self.root.join(HOLDER);
        match file.try_lock() {
            Ok(()) => {}
            Err(std::fs::TryLockError::WouldBlock) => {
                let said = std::fs::read_to_string(&holder).unwrap_or_default();
                let since = std::fs::metadata(&holder).and_then(|m| m.modified()).ok();
                let seconds = since.and_then(|t| t.elapsed().ok()).map_or(0, |d| d.as_secs());
                let holder = format!("{}，已进行 {} 分 {} 秒", said.trim(), seconds / 60, seconds % 60);
                return Err(LockError::Busy { dir: self.root.clone(), holder });
            }
            Err(std::fs::TryLockError::Error(source)) => return Err(failed(source)),
        }
        let machine = std::env::var("COMPUTERNAME").or_else(|_| std::env::var("HOSTNAME")).ok();
        let on = machine.map(|m| format!("电脑 {m} 上")).unwrap_or_default();
        let said = format!("{on}进程 {} 正在生成 {what}", std::process::id());
        self.write(&holder, said.as_bytes()).map_err(failed)?;
        self.sweep();
        Ok(Lock { _file: file, holder })
    }

    /// Deletes the temporary files earlier builds left (in the output folder, the folders of
    /// clusters and cities, their CD folders and the cache). One that cannot go stays for the
    /// next build to try.
    fn sweep(&self) {
        let leftovers = walk(&self.root, 3).into_iter().filter(|path| {
            let name = path.file_name().and_then(|n| n.to_str()).unwrap_or_default();
            name.ends_with(".part") && TEMPORARY.iter().any(|prefix| name.starts_with(prefix))
        });
        for path in leftovers {
            let _ = self.remove(&path);
        }
    }
}

/// The files under `dir`, down to `depth` folders deep (links are not followed), but for those
/// of a folder another lock guards (`verify-statement`'s output inside the build's).
fn walk(dir: &Path, depth: usize) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else { return Vec::new() };
    let mut files = Vec::new();
    for entry in entries.filter_map(Result::ok) {
        match entry.file_type() {
            Ok(t) if t.is_dir() && depth > 0 && !entry.path().join(LOCK).exists() => {
                files.extend(walk(&entry.path(), depth - 1))
            }
            Ok(t) if t.is_file() => files.push(entry.path()),
            _ => {}
        }
    }
    files
}

/// Writes `bytes` to a temporary file beside `path`, then renames it over `path`.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let dir = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir)?;
    let mut file = tempfile::Builder::new().prefix(".dossier-").suffix(".part").tempfile_in(dir)?;
    file.write_all(bytes)?;
    // The temporary file is private (0600); the result is an ordinary document others may read.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        file.as_file().set_permissions(std::fs::Permissions::from_mode(0o644))?;
    }
    file.as_file().sync_all()?;
    file.persist(path).map_err(|e| e.error)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_whole_files_and_leaves_no_temporaries() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a/b.pdf");
        write_atomic(&path, b"one").unwrap();
        write_atomic(&path, b"two").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"two");
        assert_eq!(std::fs::read_dir(path.parent().unwrap()).unwrap().count(), 1);
    }

    /// Hand-made paths that leave the output folder, as no loaded name can make them any more.
    #[test]
    fn nothing_outside_the_output_folder_is_written_or_deleted() {
        let top = tempfile::tempdir().unwrap();
        let out = Folder::output(top.path().join("out"));
        let victim = top.path().join("打印清单.txt");
        std::fs::write(&victim, b"the office's own").unwrap();
        let climbing = top.path().join("out/../打印清单.txt");
        for refused in [
            out.write(&climbing, b"x").map(|_| ()),
            out.write(&victim, b"x").map(|_| ()),
            out.remove(&climbing),
            out.remove(&victim),
            out.link(&victim, &climbing),
            out.sub("..").map(|_| ()),
            out.sub("光盘/../..").map(|_| ()),
            out.file(".").map(|_| ()),
            out.sub(&victim.display().to_string()).map(|_| ()),
        ] {
            let error = refused.expect_err("refused");
            assert_eq!(error.kind(), io::ErrorKind::PermissionDenied);
            assert!(error.get_ref().is_some_and(|e| e.is::<Outside>()), "{error}");
        }
        assert_eq!(std::fs::read(&victim).unwrap(), b"the office's own");
        // The output folder itself is not deleted either.
        out.create().unwrap();
        assert!(out.remove(out.path()).is_err() && out.path().is_dir());

        let inner = out.sub("祁县玻璃器皿产业").unwrap();
        let file = inner.file("a.pdf").unwrap();
        assert!(inner.write(&file, b"pdf").unwrap());
        assert!(!inner.write(&file, b"pdf").unwrap(), "the same bytes are not written again");
        inner.remove(&file).unwrap();
        assert!(!file.exists());
    }

    #[test]
    fn one_build_holds_the_output_folder_and_the_next_says_who() {
        let top = tempfile::tempdir().unwrap();
        let out = Folder::output(top.path().join("out"));
        let first = out.lock("data/晋中市").unwrap();
        let Err(LockError::Busy { holder, .. }) = out.lock("data/祁县") else { panic!("taken twice") };
        assert!(holder.contains(&format!("进程 {} 正在生成 data/晋中市", std::process::id())), "{holder}");
        drop(first);
        out.lock("data/祁县").unwrap();
    }

    #[test]
    fn taking_the_folder_clears_what_killed_builds_left() {
        let top = tempfile::tempdir().unwrap();
        let out = Folder::output(top.path().join("out"));
        let left = [
            "祁县玻璃器皿产业/.volume-a1B2c3.pdf.part",
            "祁县玻璃器皿产业/.dossier-x9.part",
            "祁县玻璃器皿产业/光盘/祁县中小企业特色产业集群申报资料/.dossier-q.part",
            ".cache/.entry-77.part",
        ];
        // A folder of its own lock is another command's: its temporary files may be in use.
        let kept = [
            "祁县玻璃器皿产业/附件2.pdf",
            "祁县玻璃器皿产业/我的笔记.part",
            ".cache/0a1b",
            "现场核查符合性说明/.dossier-lock",
            "现场核查符合性说明/.dossier-w1.part",
        ];
        for name in left.iter().chain(&kept) {
            let path = out.path().join(name);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, b"x").unwrap();
        }
        let _lock = out.lock("data").unwrap();
        for name in left {
            assert!(!out.path().join(name).exists(), "{name}");
        }
        for name in kept {
            assert!(out.path().join(name).exists(), "{name}");
        }
    }

    #[cfg(unix)]
    #[test]
    fn a_link_inside_the_output_folder_does_not_lead_out_of_it() {
        let top = tempfile::tempdir().unwrap();
        let elsewhere = top.path().join("elsewhere");
        std::fs::create_dir_all(&elsewhere).unwrap();
        std::fs::write(elsewhere.join("keep.pdf"), b"keep").unwrap();
        let out = Folder::output(top.path().join("out"));
        out.create().unwrap();
        std::os::unix::fs::symlink(&elsewhere, out.path().join("光盘")).unwrap();
        let through = out.path().join("光盘/keep.pdf");
        assert!(out.write(&through, b"x").is_err());
        assert!(out.remove(&through).is_err());
        assert_eq!(std::fs::read(elsewhere.join("keep.pdf")).unwrap(), b"keep");
        // The link itself may go; what it leads to stays.
        out.remove(&out.path().join("光盘")).unwrap();
        assert!(elsewhere.join("keep.pdf").is_file());
    }
}

//! Paths as the disk resolves them. Resolving a whole path (`canonicalize`) fails on some
//! Windows volumes (network and RAM drives) and under Wine past 260 characters, where a clerk's
//! desktop folders easily take a path; so folders are compared by [`canonical`], which falls back
//! to the absolute path, and [`leads_out`] resolves a path only when a link is on its way.

use std::io;
use std::path::{Path, PathBuf};

/// The path as the disk names it, or else as an absolute path: the same folder, reached twice
/// the same way, always compares equal.
pub fn canonical(path: &Path) -> PathBuf {
    path.canonicalize().or_else(|_| std::path::absolute(path)).unwrap_or_else(|_| path.to_owned())
}

/// Whether `path`, written under `root` without `..`, still leads out of `root` on disk because a
/// part of it below `root` is a link (a Windows junction counts) to somewhere else. A path
/// without links leads where it is written, so only a path with one is resolved.
pub fn leads_out(root: &Path, path: &Path) -> io::Result<bool> {
    let mut below_root = path.ancestors().take_while(|a| *a != root && a.starts_with(root));
    if !below_root.any(|a| a.symlink_metadata().is_ok_and(|m| m.file_type().is_symlink())) {
        return Ok(false);
    }
    // The deepest part that exists decides where the path really leads.
    let Some(existing) = path.ancestors().find(|a| a.exists()) else { return Ok(false) };
    Ok(!existing.canonicalize()?.starts_with(root.canonicalize()?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_plain_path_leads_where_it_is_written_even_when_it_does_not_exist() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("a")).unwrap();
        assert!(!leads_out(dir.path(), &dir.path().join("a/b/c.pdf")).unwrap());
    }

    #[cfg(unix)]
    #[test]
    fn a_link_out_of_the_root_is_found_and_one_within_it_is_not() {
        let outside = tempfile::tempdir().unwrap();
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("inner")).unwrap();
        std::os::unix::fs::symlink(outside.path(), dir.path().join("out")).unwrap();
        std::os::unix::fs::symlink(dir.path().join("inner"), dir.path().join("back")).unwrap();
        assert!(leads_out(dir.path(), &dir.path().join("out/new/file.pdf")).unwrap());
        assert!(leads_out(dir.path(), &dir.path().join("out")).unwrap());
        assert!(!leads_out(dir.path(), &dir.path().join("back/file.pdf")).unwrap());
    }

    #[test]
    fn a_folder_reached_two_ways_is_one_folder() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("a")).unwrap();
        assert_eq!(canonical(&dir.path().join("a/../a")), canonical(&dir.path().join("a")));
        let missing = dir.path().join("missing");
        assert_eq!(canonical(&missing), std::path::absolute(&missing).unwrap());
    }
}

//! Paths as a YAML file writes them: relative to the file's folder, with `/` or `\` between
//! folders (a file written on Windows reads the same on Linux, and the other way round).

use std::path::{Path, PathBuf};

/// A relative path as this system's path. An absolute path (a root, a drive such as `D:`, a
/// share `\\server`) is refused on every system, so `check` says the same on Windows and Linux.
pub fn relative(written: &str) -> Result<PathBuf, String> {
    if is_absolute(written) {
        return Err(format!("“{written}” 是绝对路径"));
    }
    Ok(written.split(['/', '\\']).filter(|part| !part.is_empty() && *part != ".").collect())
}

/// A path relative to `base`, or absolute: a cluster folder may lie on another drive.
pub fn resolve(base: &Path, written: &str) -> PathBuf {
    match relative(written) {
        Ok(relative) => base.join(relative),
        Err(_) if cfg!(windows) => PathBuf::from(written.replace('/', "\\")),
        // A drive means nothing here: the path is then reported missing as written.
        Err(_) => PathBuf::from(written),
    }
}

fn is_absolute(written: &str) -> bool {
    let drive = written.as_bytes().get(..2).is_some_and(|b| b[0].is_ascii_alphabetic() && b[1] == b':');
    drive || written.starts_with(['/', '\\'])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn either_separator_makes_the_same_path() {
        let expected: PathBuf = ["evidence", "05-产业链强链补链", "图谱（盖章） 1.pdf"].iter().collect();
        for written in [
            "evidence/05-产业链强链补链/图谱（盖章） 1.pdf",
            r"evidence\05-产业链强链补链\图谱（盖章） 1.pdf",
            r"./evidence\\05-产业链强链补链/图谱（盖章） 1.pdf",
        ] {
            assert_eq!(relative(written), Ok(expected.clone()), "{written}");
        }
        assert_eq!(relative(r"..\other\a.pdf"), Ok(["..", "other", "a.pdf"].iter().collect()));
    }

    #[test]
    fn absolute_paths_are_refused_on_every_system() {
        for written in [r"D:\集群\a.pdf", "d:/a.pdf", "/etc/passwd", r"\\server\share\a.pdf", r"\a.pdf", "C:a.pdf"] {
            assert!(relative(written).unwrap_err().contains("绝对路径"), "{written}");
        }
    }

    #[test]
    fn a_cluster_folder_resolves_relative_to_the_city_or_as_written() {
        let base = Path::new("data").join("晋中市");
        assert_eq!(resolve(&base, r"祁县\glass"), base.join("祁县").join("glass"));
        assert_eq!(resolve(&base, "/srv/clusters/glass"), PathBuf::from("/srv/clusters/glass"));
    }

    #[cfg(windows)]
    #[test]
    fn a_cluster_folder_on_another_drive_is_taken_as_written() {
        assert_eq!(resolve(Path::new(r"C:\晋中市"), "D:/集群/glass"), PathBuf::from(r"D:\集群\glass"));
    }
}

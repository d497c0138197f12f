//! Paths at the command line's edge. On Windows a path typed with `/` is read with `\`, so
//! every message built from it shows one kind of separator; and a folder dossier writes into is
//! used in its `\\?\` form, through which files deeper than 260 characters can be written (the
//! standard library adds that form itself, crates calling Windows directly, such as tempfile's
//! rename, do not). Messages show such paths without the prefix.

use std::ffi::OsString;
use std::path::{Path, PathBuf};

use clap::builder::{OsStringValueParser, TypedValueParser};

/// How clap reads every path argument.
pub fn parser() -> impl TypedValueParser<Value = PathBuf> {
    OsStringValueParser::new().map(native)
}

/// A path from the command line with this system's separators.
pub fn native(arg: OsString) -> PathBuf {
    match arg.to_str() {
        Some(text) if cfg!(windows) => PathBuf::from(text.replace('/', "\\")),
        _ => PathBuf::from(arg),
    }
}

/// A path dossier writes to, as it writes to it: on Windows absolute, in the `\\?\` form.
pub fn writable(dir: &Path) -> std::io::Result<PathBuf> {
    if !cfg!(windows) {
        return Ok(dir.to_owned());
    }
    let absolute = std::path::absolute(dir)?;
    Ok(absolute.to_str().map_or(absolute.clone(), |text| PathBuf::from(verbatim(text))))
}

/// An absolute Windows path in the `\\?\` form (`\\server\share` as `\\?\UNC\server\share`).
fn verbatim(absolute: &str) -> String {
    if absolute.starts_with(r"\\?\") || absolute.starts_with(r"\\.\") {
        absolute.to_owned()
    } else if let Some(share) = absolute.strip_prefix(r"\\") {
        format!(r"\\?\UNC\{share}")
    } else {
        format!(r"\\?\{absolute}")
    }
}

/// A path for a message.
pub fn shown(path: &Path) -> String {
    plain(&path.display().to_string())
}

/// A message with every `\\?\` path written the ordinary way.
pub fn plain(message: &str) -> String {
    message.replace(r"\\?\UNC\", r"\\").replace(r"\\?\", "")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn windows_paths_take_the_long_form_and_are_shown_without_it() {
        for (path, long) in [
            (r"C:\Users\张三\桌面\晋中市\out", r"\\?\C:\Users\张三\桌面\晋中市\out"),
            (r"\\文件服务器\共享\out", r"\\?\UNC\文件服务器\共享\out"),
        ] {
            assert_eq!(verbatim(path), long);
            assert_eq!(verbatim(long), long);
            assert_eq!(plain(&format!("无法写入 {long}\\a.pdf")), format!("无法写入 {path}\\a.pdf"));
        }
    }

    #[test]
    fn a_path_argument_uses_this_systems_separator() {
        let path = native(OsString::from("data/晋中市/祁县 玻璃"));
        let expected = if cfg!(windows) { r"data\晋中市\祁县 玻璃" } else { "data/晋中市/祁县 玻璃" };
        assert_eq!(path.as_os_str(), expected);
    }

    #[cfg(windows)]
    #[test]
    fn the_output_folder_is_absolute_and_long() {
        let out = writable(Path::new("out")).unwrap();
        assert!(out.to_str().unwrap().starts_with(r"\\?\") && out.ends_with("out"), "{}", out.display());
        assert!(!shown(&out).starts_with(r"\\"), "{}", shown(&out));
    }
}

//! What can go wrong with a volume, in words a county office can act on.

use std::fmt;
use std::path::PathBuf;

/// One thing that keeps a file (or an item) out of the volume.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Problem {
    /// The 目录 item the file belongs to, when known.
    pub item: Option<usize>,
    /// The evidence file; `None` for a problem of the item itself (no evidence at all).
    pub file: Option<PathBuf>,
    /// What is wrong and how to fix it (Chinese).
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(item) = self.item {
            write!(f, "第 {item} 项")?;
            if self.file.is_some() {
                write!(f, "，")?;
            }
        }
        if let Some(file) = &self.file {
            write!(f, "文件 {}", file.display())?;
        }
        write!(f, "：{}", self.message)
    }
}

fn list(problems: &[Problem]) -> String {
    problems.iter().map(|p| format!("  - {p}")).collect::<Vec<_>>().join("\n")
}

#[derive(Debug, thiserror::Error)]
pub enum VolumeError {
    /// Evidence that cannot be bound; nothing was written.
    #[error(
        "有 {} 处佐证材料无法装订，未生成卷册（改正后重新生成；加 --draft 可先生成带“草稿”水印的预览）：\n{}",
        .0.len(),
        list(.0)
    )]
    Refused(Vec<Problem>),
    /// The renderer of the cover, 目录 or placeholder pages failed.
    #[error("生成{what}失败：{message}")]
    Pages { what: String, message: String },
    /// An evidence file changed between the build's first reading and its binding.
    #[error("佐证材料 {} 在生成过程中被改动了（可能正在复制进来）：等文件复制或保存完毕后重新生成", .0.display())]
    Changed(PathBuf),
    #[error("无法写入卷册 {}：{}", .path.display(), crate::load::diagnostic::io_message(.source))]
    Write {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
}

/// Why one source did not go in: the file is refused (a problem to report), it is not the file
/// the build read before, or the output failed.
pub(crate) enum Failure {
    Refused(String),
    Changed,
    Io(std::io::Error),
}

impl From<std::io::Error> for Failure {
    fn from(error: std::io::Error) -> Self {
        Failure::Io(error)
    }
}

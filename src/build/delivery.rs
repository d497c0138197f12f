//! What leaves the county office: the folder to burn on the two CDs the notice asks for
//! (“XX县（市、区）中小企业特色产业集群申报资料”, review: “…复核申报资料”) and a print list
//! saying which volume to print how many times.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use super::BuildError;
use super::output::Folder;
use crate::model::Cluster;
use crate::volume::Report;

/// Which CD a file goes on: that of the submissions it belongs to. The 现场核查符合性说明
/// belongs to none and goes on every CD there is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Discs {
    pub application: bool,
    pub review: bool,
}

impl Discs {
    pub const NONE: Discs = Discs { application: false, review: false };

    pub fn of(review: bool) -> Discs {
        Discs { application: !review, review }
    }

    pub fn with(self, other: Discs) -> Discs {
        Discs { application: self.application || other.application, review: self.review || other.review }
    }

    fn on(self, review: bool) -> bool {
        if review { self.review } else { self.application }
    }
}

/// A file of the cluster's folder and the CDs it goes on.
pub type Output = (PathBuf, Discs);

/// Brings the CD folders up to date (a copy of every file of each CD there is, nothing else)
/// and writes the print list; returns the files of both.
pub fn write(
    cluster: &Cluster,
    folder: &Folder,
    outputs: &[Output],
    volumes: &[(PathBuf, Report, Discs)],
) -> Result<Vec<PathBuf>, BuildError> {
    let county = &cluster.region.county;
    let discs: Vec<(String, bool)> = [
        (format!("{county}中小企业特色产业集群申报资料"), false),
        (format!("{county}中小企业特色产业集群复核申报资料"), true),
    ]
    .into_iter()
    // A CD exists for the submissions a cluster makes: the 现场核查符合性说明 alone is none.
    .filter(|(_, review)| outputs.iter().any(|(_, on)| on.on(*review)))
    .collect();
    let root = folder.sub("光盘").map_err(io(&folder.path().join("光盘")))?;
    let mut wanted: BTreeMap<PathBuf, (Folder, Vec<&PathBuf>)> = BTreeMap::new();
    for (name, review) in &discs {
        let files = outputs.iter().filter(|(_, on)| *on == Discs::NONE || on.on(*review)).map(|(path, _)| path);
        let disc = root.sub(name).map_err(io(&root.path().join(name)))?;
        wanted.insert(disc.path().to_owned(), (disc, files.collect()));
    }
    let mut written = Vec::new();
    clear_except(&root, &wanted.keys().cloned().collect::<Vec<_>>())?;
    for (disc, files) in wanted.values() {
        written.extend(mirror(disc, files)?);
    }
    let list = folder.path().join("打印清单.txt");
    super::write(folder, &list, print_list(cluster, &discs, volumes).as_bytes())?;
    written.push(list);
    Ok(written)
}

fn io(path: &Path) -> impl FnOnce(std::io::Error) -> BuildError + '_ {
    move |source| BuildError::Write { path: path.to_owned(), source }
}

/// Removes everything in `dir` but `keep`: a CD of a submission dropped from the YAML, or a
/// file that no longer belongs on it, leaves nothing stale behind.
fn clear_except(folder: &Folder, keep: &[PathBuf]) -> Result<(), BuildError> {
    let Ok(entries) = std::fs::read_dir(folder.path()) else { return Ok(()) };
    for entry in entries.filter_map(Result::ok) {
        let path = entry.path();
        if !keep.contains(&path) {
            folder.remove(&path).map_err(io(&path))?;
        }
    }
    Ok(())
}

/// Makes `folder` hold a copy of each of `files` (a hard link where the disk allows) and
/// nothing else. A copy that already matches stays: an unchanged file is not written again.
fn mirror(folder: &Folder, files: &[&PathBuf]) -> Result<Vec<PathBuf>, BuildError> {
    folder.create().map_err(io(folder.path()))?;
    let targets: Vec<PathBuf> = files.iter().map(|f| folder.path().join(f.file_name().unwrap_or_default())).collect();
    clear_except(folder, &targets)?;
    for (file, target) in files.iter().zip(&targets) {
        if !same_content(file, target) {
            folder.link(file, target).map_err(io(target))?;
        }
    }
    Ok(targets)
}

/// Whether two paths hold the same bytes: the same file (a hard link), or equal contents.
fn same_content(a: &Path, b: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        if let (Ok(ma), Ok(mb)) = (std::fs::metadata(a), std::fs::metadata(b))
            && (ma.dev(), ma.ino()) == (mb.dev(), mb.ino())
        {
            return true;
        }
    }
    crate::volume::same_bytes(a, b)
}

fn print_list(cluster: &Cluster, discs: &[(String, bool)], volumes: &[(PathBuf, Report, Discs)]) -> String {
    let mut text = format!("{}集群　打印清单\n\n", cluster.name);
    text.push_str("以上申报材料按顺序双面打印，目录增加页码，装订成册（A4纸）。\n\n");
    for (path, report, _) in volumes {
        let title = path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
        // 省级材料一式3份，国家材料一式5份.
        let copies = if title.starts_with("山西省") { 3 } else { 5 };
        let _ = writeln!(
            text,
            "{}.pdf\n　一式{copies}份；共 {} 页（封面、目录 {} 页，正文 {} 页，其中为双面装订插入的空白页 {} 页）；双面打印每份 {} 张纸\n",
            title,
            report.pages,
            report.front_pages,
            report.pages - report.front_pages,
            report.blank_pages,
            report.pages.div_ceil(2),
        );
    }
    for (name, _) in discs {
        let _ = writeln!(text, "电子版光盘 2 份，名称标注“{name}”：刻录“光盘/{name}”文件夹中的全部文件。");
    }
    text
}

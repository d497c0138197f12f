//! What leaves the county office: the folder to burn on the two CDs the notice asks for
//! (“XX县（市、区）中小企业特色产业集群申报资料”, review: “…复核申报资料”) and a print list
//! saying which volume to print how many times.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use super::{BuildError, folder_name};
use crate::model::Cluster;
use crate::volume::Report;

/// Copies of every file for the CDs, and the print list; returns what it wrote.
pub fn write(cluster: &Cluster, dir: &Path, files: &[PathBuf], volumes: &[(PathBuf, Report)]) -> Result<Vec<PathBuf>, BuildError> {
    let county = &cluster.region.county;
    let discs = [
        (format!("{county}中小企业特色产业集群申报资料"), false),
        (format!("{county}中小企业特色产业集群复核申报资料"), true),
    ];
    // Rebuilt from scratch, so a submission dropped from the YAML leaves nothing stale behind.
    let root = dir.join("光盘");
    let fresh = dir.join(".光盘.part");
    fn io(path: &Path) -> impl FnOnce(std::io::Error) -> BuildError + '_ {
        move |source| BuildError::Write { path: path.to_owned(), source }
    }
    if fresh.exists() {
        std::fs::remove_dir_all(&fresh).map_err(io(&fresh))?;
    }
    let mut written = Vec::new();
    for (name, review) in &discs {
        let on_disc: Vec<&PathBuf> = files.iter().filter(|f| belongs(f, *review)).collect();
        if !on_disc.iter().any(|f| is_submission(f)) {
            continue;
        }
        let folder = fresh.join(folder_name(name));
        std::fs::create_dir_all(&folder).map_err(io(&folder))?;
        for file in on_disc {
            let target = folder.join(file.file_name().unwrap_or_default());
            // A file listed twice is linked once: copying onto its own link would empty it.
            if target.exists() {
                continue;
            }
            if std::fs::hard_link(file, &target).is_err() {
                std::fs::copy(file, &target).map_err(io(&target))?;
            }
            written.push(root.join(folder_name(name)).join(target.file_name().unwrap_or_default()));
        }
    }
    if root.exists() {
        std::fs::remove_dir_all(&root).map_err(io(&root))?;
    }
    if fresh.exists() {
        std::fs::rename(&fresh, &root).map_err(io(&root))?;
    }
    let list = dir.join("打印清单.txt");
    super::write(&list, print_list(cluster, &discs, volumes).as_bytes())?;
    written.push(list);
    Ok(written)
}

fn name(path: &Path) -> String {
    path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default()
}

/// Whether a file goes on the review CD (复核) or the application CD; the 现场核查符合性说明
/// goes on both.
fn belongs(path: &Path, review: bool) -> bool {
    let name = name(path);
    name.contains("现场核查符合性说明") || name.contains("复核") == review
}

fn is_submission(path: &Path) -> bool {
    !name(path).contains("现场核查符合性说明")
}

fn print_list(cluster: &Cluster, discs: &[(String, bool)], volumes: &[(PathBuf, Report)]) -> String {
    let mut text = format!("{}集群　打印清单\n\n", cluster.name);
    text.push_str("以上申报材料按顺序双面打印，目录增加页码，装订成册（A4纸）。\n\n");
    for (path, report) in volumes {
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
    for (name, review) in discs {
        if volumes.iter().any(|(p, _)| belongs(p, *review) && is_submission(p)) {
            let _ = writeln!(text, "电子版光盘 2 份，名称标注“{name}”：刻录“光盘/{}”文件夹中的全部文件。", folder_name(name));
        }
    }
    text
}

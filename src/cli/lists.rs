//! `dossier export-lists`: a cluster's YAML lists written as the workbook dossier reads, so an
//! office can move its lists to a spreadsheet once and keep them there.

use std::path::Path;

use anyhow::{Result, bail};

use dossier::build::output::write_atomic;
use dossier::load::project::Target;
use dossier::load::sheet::{WORKBOOK, write};
use dossier::load::{self, LoadError};

use super::{Outcome, paths, report_findings};

/// Writes the lists of the cluster at `path` to `out` (default: 名单.xlsx beside its
/// cluster.yaml); an existing file is replaced only with `force`.
pub fn export_lists(path: &Path, out: Option<&Path>, force: bool) -> Result<Outcome> {
    let Target::Cluster(file) = Target::resolve(path)? else {
        bail!("export-lists 导出一个集群的名单：请给出集群目录（含 cluster.yaml），而不是市的目录");
    };
    let loaded = match load::cluster(&file) {
        Ok(loaded) => loaded,
        Err(LoadError::Invalid { diagnostics, .. }) => {
            report_findings(&diagnostics)?;
            eprintln!("cluster.yaml 有错误，名单未导出：请先改正上面的错误。");
            return Ok(Outcome::DataErrors);
        }
        Err(other) => return Err(other.into()),
    };
    let target = match out {
        Some(out) => out.to_owned(),
        None => file.parent().unwrap_or(Path::new(".")).join(WORKBOOK),
    };
    if target.exists() && !force {
        bail!("{} 已存在：export-lists 不会覆盖已有的表格（确要覆盖请加 --force）", paths::shown(&target));
    }
    let (bytes, notes) = write::export(&loaded.value.lists, loaded.value.submitted)?;
    write_atomic(&paths::writable(&target)?, &bytes)?;
    for note in &notes {
        println!("提示：{note}");
    }
    println!("已写入 {}", paths::shown(&target));
    let name = target.file_name().map_or_else(|| paths::shown(&target), |n| n.to_string_lossy().into_owned());
    println!("以后改在表格中维护名单：把 cluster.yaml 中 lists: 下的各项删去，换成一行 “  from: {name}”。");
    Ok(Outcome::Clean)
}

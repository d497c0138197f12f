//! The commands, over the library: what they print and which exit status they give.

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};

use dossier::diagnostic::{self, Diagnostic, Severity};
use dossier::load::{self, LoadError};
use dossier::project::{self, CITY_FILE, CLUSTER_FILE, Target};
use dossier::schema::Kind;
use dossier::skeleton::{self, Purpose};

/// How a command ended when it did not fail outright.
pub enum Outcome {
    Clean,
    DataErrors,
}

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum Format {
    Text,
    Json,
}

pub struct BuildOptions {
    pub out: PathBuf,
    pub draft: bool,
    pub duplex: bool,
    pub bundled_fonts: bool,
}

/// Every finding of every path, loading and rule checks alike.
fn findings(paths: &[PathBuf]) -> Result<Vec<Diagnostic>> {
    let mut all = Vec::new();
    for path in paths {
        match Target::resolve(path)? {
            Target::Cluster(file) => match load::cluster(&file) {
                Ok(loaded) => all.extend(dossier::rules::cluster(&loaded)),
                Err(LoadError::Invalid { diagnostics, .. }) => all.extend(diagnostics),
                Err(other) => return Err(other.into()),
            },
            Target::City(file) => match project::load_city(&file) {
                Ok((city, problems)) => {
                    all.extend(problems);
                    for cluster in city.clusters.values() {
                        all.extend(dossier::rules::cluster(cluster));
                    }
                    all.extend(dossier::rules::city(&city));
                }
                Err(LoadError::Invalid { diagnostics, .. }) => all.extend(diagnostics),
                Err(other) => return Err(other.into()),
            },
        }
    }
    diagnostic::sort(&mut all);
    all.dedup();
    Ok(all)
}

pub fn check(paths: &[PathBuf], format: Format) -> Result<Outcome> {
    let all = findings(paths)?;
    match format {
        Format::Json => {
            let mut stdout = std::io::stdout().lock();
            serde_json::to_writer_pretty(&mut stdout, &all)?;
            writeln!(stdout)?;
        }
        Format::Text => {
            let mut stdout = anstream::stdout();
            if all.is_empty() {
                writeln!(stdout, "检查完毕：没有发现问题。")?;
            } else {
                diagnostic::print(&mut stdout, &all)?;
            }
        }
    }
    Ok(if all.iter().any(|d| d.severity == Severity::Error) { Outcome::DataErrors } else { Outcome::Clean })
}

pub fn build(paths: &[PathBuf], options: &BuildOptions) -> Result<Outcome> {
    let _ = options;
    check(paths, Format::Text)
}

pub fn init(dir: &Path, review: bool, city: bool) -> Result<Outcome> {
    let (name, kind) = if city { (CITY_FILE, Kind::City) } else { (CLUSTER_FILE, Kind::Cluster) };
    let file = dir.join(name);
    if file.exists() {
        bail!("{} 已存在：init 不会覆盖已有的数据", file.display());
    }
    std::fs::create_dir_all(dir).with_context(|| format!("无法创建目录 {}", dir.display()))?;
    let purpose = if review { Purpose::Review } else { Purpose::Application };
    dossier::output::write_atomic(&file, skeleton::yaml(kind, purpose).as_bytes())?;
    println!("已创建 {}", file.display());
    if !city {
        let evidence = dir.join("evidence");
        for folder in dossier::evidence::folders() {
            std::fs::create_dir_all(evidence.join(folder))
                .with_context(|| format!("无法创建目录 {}", evidence.join(folder).display()))?;
        }
        println!("已创建 {}（每个目录项一个文件夹，扫描件按文件名顺序装订）", evidence.display());
    }
    println!("填写后运行：dossier check {}", dir.display());
    Ok(Outcome::Clean)
}

pub fn schema(city: bool) -> Result<Outcome> {
    let kind = if city { Kind::City } else { Kind::Cluster };
    println!("{}", serde_json::to_string_pretty(&kind.schema())?);
    Ok(Outcome::Clean)
}

//! What a path on the command line names: one cluster (`cluster.yaml`) or a city
//! (`city.yaml` and the cluster folders it lists), loaded with every problem collected.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::load::diagnostic::{Diagnostic, Severity};
use crate::load::{self, LoadError, Loaded};
use crate::model::{City, Cluster, Province, ProvincialOpinion};

pub const CLUSTER_FILE: &str = "cluster.yaml";
pub const CITY_FILE: &str = "city.yaml";
pub const PROVINCE_FILE: &str = "province.yaml";

#[derive(Debug, thiserror::Error)]
pub enum ProjectError {
    #[error("找不到 {}", .0.display())]
    Missing(PathBuf),
    #[error("{} 中没有 cluster.yaml、city.yaml 或 province.yaml：请指向一个集群、市或省的目录（dossier init 可新建）", .0.display())]
    Empty(PathBuf),
    #[error(transparent)]
    Load(LoadError),
}

/// A YAML file named on the command line, by kind.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    Cluster(PathBuf),
    City(PathBuf),
    /// A province's opinions: checked, and read when its cities and clusters are built.
    Province(PathBuf),
}

impl Target {
    /// A folder holding `city.yaml` is a city, one holding `cluster.yaml` a cluster, one holding
    /// only `province.yaml` a province; a file is a city or a province by its name.
    pub fn resolve(path: &Path) -> Result<Target, ProjectError> {
        if path.is_dir() {
            if path.join(CITY_FILE).is_file() {
                return Ok(Target::City(path.join(CITY_FILE)));
            }
            if path.join(CLUSTER_FILE).is_file() {
                return Ok(Target::Cluster(path.join(CLUSTER_FILE)));
            }
            if path.join(PROVINCE_FILE).is_file() {
                return Ok(Target::Province(path.join(PROVINCE_FILE)));
            }
            return Err(ProjectError::Empty(path.to_owned()));
        }
        if !path.exists() {
            return Err(ProjectError::Missing(path.to_owned()));
        }
        Ok(match path.file_name() {
            Some(name) if name == CITY_FILE => Target::City(path.to_owned()),
            Some(name) if name == PROVINCE_FILE => Target::Province(path.to_owned()),
            _ => Target::Cluster(path.to_owned()),
        })
    }
}

/// The `province.yaml` of the folder a file is in, or of the nearest folder above it.
pub fn province_above(file: &Path) -> Option<PathBuf> {
    let dir = file.parent()?;
    let dir = if dir.as_os_str().is_empty() { Path::new(".") } else { dir };
    let dir = super::disk::canonical(dir);
    dir.ancestors().map(|d| d.join(PROVINCE_FILE)).find(|f| f.is_file())
}

/// A province file, loaded; what it says about each cluster is found by the cluster's folder.
pub struct ProvinceFile {
    pub loaded: Loaded<Province>,
}

impl ProvinceFile {
    /// The province's opinion on the cluster in `folder`, for its national application
    /// (`review` false, 附件3) or its national review (附件6).
    pub fn opinion(&self, folder: &Path, review: bool) -> Option<&ProvincialOpinion> {
        let province = &self.loaded.value;
        let entries = if review { &province.reviewed } else { &province.recommended };
        let folder = super::disk::canonical(folder);
        entries.iter().find(|e| self.folder(&e.cluster) == folder)
    }

    /// The folder an entry names, as it is on disk.
    pub fn folder(&self, entry: &str) -> PathBuf {
        super::disk::canonical(&self.loaded.path.parent().unwrap_or(Path::new(".")).join(entry))
    }
}

/// The province file above `file`, when there is one: loaded, or the findings that say why not.
pub fn province_for(file: &Path) -> Option<Result<ProvinceFile, Vec<Diagnostic>>> {
    let path = province_above(file)?;
    Some(match load::province(&path) {
        Ok(loaded) => Ok(ProvinceFile { loaded }),
        Err(LoadError::Invalid { diagnostics, .. }) => Err(diagnostics),
        Err(other) => Err(vec![Diagnostic::of_file(&path, other.to_string(), "检查该文件是否存在、能否打开")]),
    })
}

/// A city and the clusters its file names, each loaded once (a cluster may be both reviewed
/// and recommended), and the province file above it.
pub struct CityProject {
    pub city: Loaded<City>,
    /// Keyed by the folder as the city file writes it.
    pub clusters: BTreeMap<String, Loaded<Cluster>>,
    /// Clusters that could not be loaded (missing, or not YAML), with why: each fails on its
    /// own, the others still build.
    pub failed: BTreeMap<String, Vec<Diagnostic>>,
    /// `province.yaml` in the city's folder or above: loaded, or why it could not be.
    pub province: Option<Result<ProvinceFile, Vec<Diagnostic>>>,
}

impl CityProject {
    pub fn dir(&self) -> &Path {
        self.city.path.parent().unwrap_or(Path::new("."))
    }

    /// Every finding made while loading the clusters and the province file.
    pub fn problems(&self) -> impl Iterator<Item = &Diagnostic> {
        let province = match &self.province {
            Some(Err(findings)) => findings.as_slice(),
            _ => &[],
        };
        self.failed.values().flatten().chain(province)
    }

    /// The province file, when there is one and it could be read.
    pub fn province(&self) -> Option<&ProvinceFile> {
        self.province.as_ref().and_then(|p| p.as_ref().ok())
    }

    /// The loaded cluster a city entry names.
    pub fn cluster(&self, folder: &str) -> Option<&Loaded<Cluster>> {
        self.clusters.get(folder)
    }
}

/// Loads a city and its clusters. Problems of a cluster's data (it does not exist, its file
/// has errors) are kept in `failed`; the city loads as far as it can.
pub fn load_city(path: &Path) -> Result<CityProject, LoadError> {
    Ok(city_project(load::city(path)?))
}

/// A loaded city file and the clusters it names, loaded from their folders.
pub fn city_project(city: Loaded<City>) -> CityProject {
    let path = city.path.clone();
    let path = path.as_path();
    let dir = path.parent().unwrap_or(Path::new("."));
    let mut clusters = BTreeMap::new();
    let mut failed = BTreeMap::new();
    let entries = city
        .value
        .recommended
        .iter()
        .map(|r| &r.cluster)
        .enumerate()
        .map(|(i, c)| (format!("recommended.{i}.cluster"), c));
    let reviewed =
        city.value.reviewed.iter().map(|r| &r.cluster).enumerate().map(|(i, c)| (format!("reviewed.{i}.cluster"), c));
    for (field, folder) in entries.chain(reviewed) {
        if clusters.contains_key(folder) || failed.contains_key(folder) {
            continue;
        }
        let file = load::written::resolve(dir, folder).join(CLUSTER_FILE);
        if !file.is_file() {
            let missing = Diagnostic {
                severity: Severity::Error,
                file: path.to_owned(),
                pos: city.positions.value(&field),
                cell: None,
                path: field,
                label: "推荐或复核的集群 · 集群目录".to_owned(),
                message: format!("找不到集群 “{folder}”：{} 不存在", file.display()),
                fix: "写集群目录相对于 city.yaml 的路径，该目录中应有 cluster.yaml".to_owned(),
            };
            failed.insert(folder.clone(), vec![missing]);
            continue;
        }
        match load::cluster(&file) {
            Ok(loaded) => {
                clusters.insert(folder.clone(), loaded);
            }
            Err(LoadError::Invalid { diagnostics, .. }) => {
                failed.insert(folder.clone(), diagnostics);
            }
            Err(other) => {
                let unreadable = Diagnostic::of_file(
                    &file,
                    other.to_string(),
                    "检查该文件能否打开（是否正被其他程序占用、有无读取权限）",
                );
                failed.insert(folder.clone(), vec![unreadable]);
            }
        }
    }
    let province = province_for(path);
    CityProject { city, clusters, failed, province }
}

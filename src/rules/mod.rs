//! The rules the notice states, checked before anything is built.

use crate::diagnostic::Diagnostic;
use crate::load::Loaded;
use crate::model::Cluster;
use crate::project::CityProject;

/// Every finding about one cluster.
pub fn cluster(loaded: &Loaded<Cluster>) -> Vec<Diagnostic> {
    let _ = loaded;
    Vec::new()
}

/// Every finding about a city's set of clusters.
pub fn city(project: &CityProject) -> Vec<Diagnostic> {
    let _ = project;
    Vec::new()
}

//! A city: every cluster it recommends or reviews (in parallel, one failing cluster does not
//! stop the others), then its own documents — 附件1, 附件4, the cover letters and a
//! 现场核查符合性说明 for each cluster.

use std::path::PathBuf;

use rayon::prelude::*;

use super::cluster::CityContext;
use super::{BuildError, ClusterReport, Engine, Options, build_cluster, folder_name};
use crate::diagnostic::{Diagnostic, Severity};
use crate::forms::{self, ReviewRow, Verifier};
use crate::model::Cluster;
use crate::project::CityProject;

/// What a city build wrote, and how each of its clusters fared.
pub struct CityReport {
    pub dir: PathBuf,
    pub files: Vec<PathBuf>,
    /// Each cluster (by its folder in city.yaml) and its build.
    pub clusters: Vec<(String, Result<ClusterReport, BuildError>)>,
    /// The city's own findings (warnings, or errors in a draft).
    pub findings: Vec<Diagnostic>,
}

/// Builds a city. `findings` are the problems found while loading it (a missing cluster);
/// with the city's rules they refuse the whole city unless it is a draft — the notice does
/// not accept a city's package with four recommendations, or two in one 细分领域.
pub fn build_city(engine: &Engine, project: &CityProject, mut findings: Vec<Diagnostic>, options: &Options) -> Result<CityReport, BuildError> {
    findings.extend(crate::rules::city(project));
    if !options.draft && findings.iter().any(|d| d.severity == Severity::Error) {
        return Err(BuildError::DataErrors(findings));
    }
    let city = &project.city.value;
    let verifier = Verifier::of(city);
    let mut folders: Vec<&String> = city.recommended.iter().map(|r| &r.cluster).collect();
    folders.extend(city.reviewed.iter().map(|r| &r.cluster).filter(|c| !city.recommended.iter().any(|r| &r.cluster == *c)));
    let clusters: Vec<(String, Result<ClusterReport, BuildError>)> = folders
        .par_iter()
        .filter_map(|folder| {
            let loaded = project.cluster(folder)?;
            let context = CityContext {
                verifier: verifier.clone(),
                recommendation: city.recommended.iter().find(|r| &r.cluster == *folder).and_then(|r| r.opinion.clone()),
                review_opinion: city.reviewed.iter().find(|r| &r.cluster == *folder).map(|r| r.opinion.clone()),
            };
            Some(((*folder).clone(), build_cluster(engine, loaded, &context, Vec::new(), options)))
        })
        .collect();

    let dir = options.out.join(folder_name(&city.city));
    let mut files = Vec::new();
    let recommended: Vec<&Cluster> =
        city.recommended.iter().filter_map(|r| project.cluster(&r.cluster)).map(|l| &l.value).collect();
    if !city.recommended.is_empty() {
        files.extend(engine.write_form(&dir, &forms::recommend_summary(city, &recommended, options.draft))?.files);
    }
    let rows: Vec<ReviewRow> = city
        .reviewed
        .iter()
        .filter_map(|r| {
            let loaded = project.cluster(&r.cluster)?;
            Some(ReviewRow { cluster: &loaded.value, opinion: &r.opinion, remark: r.remark.as_deref() })
        })
        .collect();
    if !city.reviewed.is_empty() {
        files.extend(engine.write_form(&dir, &forms::review_summary(city, &rows, options.draft))?.files);
    }
    if let Some(letter) = &city.recommendation_letter {
        files.extend(engine.write_form(&dir, &forms::letter(city, letter, "正式推荐文件", options.draft))?.files);
    }
    if let Some(letter) = &city.review_letter {
        files.extend(engine.write_form(&dir, &forms::letter(city, letter, "正式复核意见文件", options.draft))?.files);
    }
    for folder in folders {
        if let Some(loaded) = project.cluster(folder) {
            let mut form = forms::verification(&loaded.value, &verifier, options.draft);
            form.name = format!("{}（{}）", form.name, loaded.value.name);
            files.extend(engine.write_form(&dir, &form)?.files);
        }
    }
    Ok(CityReport { dir, files, clusters, findings })
}

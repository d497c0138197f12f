//! A city: every cluster it recommends or reviews (in parallel, one failing cluster does not
//! stop the others), then its own documents — 附件1, 附件4, the cover letters and a
//! 现场核查符合性说明 for each cluster.

use std::path::PathBuf;

use rayon::prelude::*;

use super::cluster::CityContext;
use super::{BuildError, ClusterReport, Engine, Event, Options, build_cluster, folder_name};
use crate::load::diagnostic::{Diagnostic, Severity};
use crate::load::project::CityProject;
use crate::model::Cluster;
use crate::render::forms::{self, ReviewRow, Verifier};

/// What a city build wrote, and how each of its clusters fared.
pub struct CityReport {
    pub dir: PathBuf,
    pub files: Vec<PathBuf>,
    /// The city's files whose bytes changed (the others were left as they were).
    pub changed: Vec<PathBuf>,
    /// Each cluster (by its folder in city.yaml) and its build.
    pub clusters: Vec<(String, Result<ClusterReport, BuildError>)>,
    /// The city's own findings (warnings, or errors in a draft).
    pub findings: Vec<Diagnostic>,
}

/// Builds a city. Its own rules refuse the whole city unless it is a draft — the notice does
/// not accept a city's package with four recommendations, or two in one 细分领域; a cluster
/// whose file could not be loaded fails alone.
pub fn build_city(engine: &Engine, project: &CityProject, options: &Options) -> Result<CityReport, BuildError> {
    let findings = crate::rules::city(project);
    if !options.draft && findings.iter().any(|d| d.severity == Severity::Error) {
        return Err(BuildError::DataErrors(findings));
    }
    let city = &project.city.value;
    let verifier = Verifier::of(city);
    let mut folders: Vec<&String> = city.recommended.iter().map(|r| &r.cluster).collect();
    folders.extend(
        city.reviewed.iter().map(|r| &r.cluster).filter(|c| !city.recommended.iter().any(|r| &r.cluster == *c)),
    );
    let name = &city.city;
    options.progress.report(Event::ClustersStarted { city: name.clone(), clusters: folders.len() });
    let clusters: Vec<(String, Result<ClusterReport, BuildError>)> = folders
        .par_iter()
        .filter_map(|folder| {
            let (cluster, result) = match project.cluster(folder) {
                Some(loaded) => {
                    let context = CityContext {
                        verifier: verifier.clone(),
                        recommendation: city
                            .recommended
                            .iter()
                            .find(|r| &r.cluster == *folder)
                            .and_then(|r| r.opinion.clone()),
                        review_opinion: city.reviewed.iter().find(|r| &r.cluster == *folder).map(|r| r.opinion.clone()),
                    };
                    (loaded.value.name.clone(), build_cluster(engine, loaded, &context, Vec::new(), options))
                }
                None => {
                    let problems = project.failed.get(*folder)?.clone();
                    ((*folder).clone(), Err(BuildError::DataErrors(problems)))
                }
            };
            options.progress.report(Event::ClusterBuilt { city: name.clone(), cluster, ok: result.is_ok() });
            Some(((*folder).clone(), result))
        })
        .collect();
    options.progress.report(Event::ClustersFinished { city: name.clone() });

    let dir = options.out.join(folder_name(&city.city));
    let mut documents = Vec::new();
    let recommended: Vec<&Cluster> =
        city.recommended.iter().filter_map(|r| project.cluster(&r.cluster)).map(|l| &l.value).collect();
    if !city.recommended.is_empty() {
        documents.push(forms::recommend_summary(city, &recommended, options.draft));
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
        documents.push(forms::review_summary(city, &rows, options.draft));
    }
    if let Some(letter) = &city.recommendation_letter {
        documents.push(forms::letter(city, letter, "正式推荐文件", options.draft));
    }
    if let Some(letter) = &city.review_letter {
        documents.push(forms::letter(city, letter, "正式复核意见文件", options.draft));
    }
    for folder in folders {
        if let Some(loaded) = project.cluster(folder) {
            let mut form = forms::verification(&loaded.value, &verifier, options.draft);
            form.name = format!("{}（{}）", form.name, loaded.value.name);
            documents.push(form);
        }
    }
    let written = documents
        .par_iter()
        .with_max_len(1)
        .map(|form| engine.write_form(&dir, form))
        .collect::<Result<Vec<_>, _>>()?;
    let (mut files, mut changed) = (Vec::new(), Vec::new());
    for form in written {
        files.extend(form.files);
        changed.extend(form.changed);
    }
    Ok(CityReport { dir, files, changed, clusters, findings })
}

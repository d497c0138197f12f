//! A city: every cluster it recommends or reviews (in parallel, one failing cluster does not
//! stop the others), then its own documents — 附件1, 附件4, the cover letters and a
//! 现场核查符合性说明 for each cluster.

use std::path::{Path, PathBuf};

use rayon::prelude::*;

use super::cluster::CityContext;
use super::output::Folder;
use super::{BuildError, ClusterReport, Engine, Event, Options, build_cluster};
use crate::load::diagnostic::{Diagnostic, Severity};
use crate::load::project::{CityProject, ProvinceFile};
use crate::model::{Cluster, Submission};
use crate::render::forms::{self, Form, Opinion, ReviewRow, Verifier};

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
    let built = build(engine, project, options);
    super::mark_outcome(&options.out, &project.city.value.city, &built);
    built
}

fn build(engine: &Engine, project: &CityProject, options: &Options) -> Result<CityReport, BuildError> {
    let findings = crate::rules::city(project);
    let sound = project.city.is_sound() && project.province().is_none_or(|p| p.loaded.is_sound());
    if !sound || (!options.draft && findings.iter().any(|d| d.severity == Severity::Error)) {
        return Err(BuildError::DataErrors(findings));
    }
    let city = &project.city.value;
    let folders = folders(project);
    let name = &city.city;
    options.progress.report(Event::ClustersStarted { city: name.clone(), clusters: folders.len() });
    let clusters: Vec<(String, Result<ClusterReport, BuildError>)> = folders
        .par_iter()
        .filter_map(|folder| {
            let (cluster, result) = match project.cluster(folder) {
                Some(loaded) => (
                    loaded.value.name.clone(),
                    build_cluster(engine, loaded, &context(project, folder), Vec::new(), options),
                ),
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

    let folder = Folder::output(&options.out)
        .sub(&city.city)
        .map_err(|source| BuildError::Write { path: options.out.join(&city.city), source })?;
    let written = documents(project, options.draft)
        .par_iter()
        .with_max_len(1)
        .map(|form| engine.write_form(&folder, form))
        .collect::<Result<Vec<_>, _>>()?;
    let (mut files, mut changed) = (Vec::new(), Vec::new());
    for form in written {
        files.extend(form.files);
        changed.extend(form.changed);
    }
    Ok(CityReport { dir: folder.path().to_owned(), files, changed, clusters, findings })
}

/// The city's clusters, each once: the recommended ones in order, then the reviewed.
pub(super) fn folders(project: &CityProject) -> Vec<&String> {
    let city = &project.city.value;
    let mut folders: Vec<&String> = city.recommended.iter().map(|r| &r.cluster).collect();
    folders.extend(
        city.reviewed.iter().map(|r| &r.cluster).filter(|c| !city.recommended.iter().any(|r| &r.cluster == *c)),
    );
    folders
}

/// What the city and the province say about the cluster in `folder`.
pub(super) fn context(project: &CityProject, folder: &str) -> CityContext {
    let city = &project.city.value;
    let mut opinions = Vec::new();
    if let Some(r) = city.recommended.iter().find(|r| r.cluster == folder) {
        opinions.push((Submission::ProvincialApplication, Opinion { text: r.opinion.clone(), date: None }));
    }
    if let Some(r) = city.reviewed.iter().find(|r| r.cluster == folder) {
        opinions.push((Submission::ProvincialReview, Opinion { text: Some(r.opinion.clone()), date: None }));
    }
    if let Some(province) = project.province() {
        opinions.extend(province_opinions(province, &project.dir().join(folder)));
    }
    CityContext { verifier: Verifier::of(city), opinions }
}

/// A cluster built on its own, not through its city: the province's opinions when a
/// `province.yaml` is above it, and that file's problems, which hold the build back as the
/// city's would.
pub fn standalone(file: &Path, cluster: &Cluster) -> (CityContext, Vec<Diagnostic>) {
    let mut context = CityContext::standalone(cluster);
    match crate::load::project::province_for(file) {
        Some(Ok(province)) => {
            let folder = file.parent().unwrap_or(Path::new("."));
            context.opinions.extend(province_opinions(&province, folder));
            (context, crate::rules::province(&province.loaded))
        }
        Some(Err(problems)) => (context, problems),
        None => (context, Vec::new()),
    }
}

/// The province's opinions on the cluster in `folder`, for the 省级 boxes of its national forms.
pub fn province_opinions(province: &ProvinceFile, folder: &Path) -> Vec<(Submission, Opinion)> {
    [(Submission::NationalApplication, false), (Submission::NationalReview, true)]
        .into_iter()
        .filter_map(|(submission, review)| {
            let o = province.opinion(folder, review)?;
            Some((submission, Opinion { text: Some(o.opinion.clone()), date: o.date }))
        })
        .collect()
}

/// The city's own documents: 附件1, 附件4, the cover letters, and 附件8 for each cluster that can
/// have the standard statement (its answers deny none of it, and the city's rules keep it).
pub(super) fn documents(project: &CityProject, draft: bool) -> Vec<Form> {
    let city = &project.city.value;
    let verifier = Verifier::of(city);
    // A cluster whose file holds stand-ins is printed nowhere, not even in the city's tables.
    let sound = |folder: &str| project.cluster(folder).filter(|l| l.is_sound());
    let mut documents = Vec::new();
    let recommended: Vec<&Cluster> =
        city.recommended.iter().filter_map(|r| sound(&r.cluster)).map(|l| &l.value).collect();
    if !city.recommended.is_empty() {
        documents.push(forms::recommend_summary(city, &recommended, draft));
    }
    let rows: Vec<ReviewRow> = city
        .reviewed
        .iter()
        .filter_map(|r| {
            let loaded = sound(&r.cluster)?;
            Some(ReviewRow { cluster: &loaded.value, opinion: &r.opinion, remark: r.remark.as_deref() })
        })
        .collect();
    if !city.reviewed.is_empty() {
        documents.push(forms::review_summary(city, &rows, draft));
    }
    if let Some(letter) = &city.recommendation_letter {
        documents.push(forms::letter(city, letter, "正式推荐文件", draft));
    }
    if let Some(letter) = &city.review_letter {
        documents.push(forms::letter(city, letter, "正式复核意见文件", draft));
    }
    let excluded = crate::rules::excluded(project);
    for folder in folders(project) {
        let Some(loaded) = sound(folder) else { continue };
        if loaded.value.denials().is_empty() && !excluded.iter().any(|e| &e.folder == folder) {
            let mut form = forms::verification(&loaded.value, &verifier, draft);
            form.name = format!("{}（{}）", form.name, loaded.value.name);
            documents.push(form);
        }
    }
    documents
}

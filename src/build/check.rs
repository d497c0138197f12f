//! `dossier check`: everything `dossier build` does to a cluster, a city or a province short of
//! writing a file — the rules, every template rendered, every document typeset as PDF and as
//! DOCX, each volume's 目录 laid out — so that what check passes, build builds, and what build
//! would fail on, check reports.

use std::path::Path;

use rayon::prelude::*;

use super::city::{self, province_opinions};
use super::cluster::{CityContext, prepare};
use super::{BuildError, Engine};
use crate::load::diagnostic::{Diagnostic, Severity};
use crate::load::project::{self, CityProject, Target};
use crate::load::{self, LoadError, Loaded};
use crate::model::Cluster;

/// Every finding about what `target` names, as `build` would meet them.
pub fn check(engine: &Engine, target: &Target) -> Result<Vec<Diagnostic>, LoadError> {
    let findings = match target {
        Target::Cluster(file) => {
            let loaded = match load::cluster(file) {
                Ok(loaded) => loaded,
                Err(LoadError::Invalid { diagnostics, .. }) => return Ok(diagnostics),
                Err(other) => return Err(other),
            };
            let mut context = CityContext::standalone(&loaded.value);
            let mut findings = Vec::new();
            match project::province_for(file) {
                Some(Ok(province)) => {
                    let folder = file.parent().unwrap_or(Path::new("."));
                    context.opinions.extend(province_opinions(&province, folder));
                }
                Some(Err(problems)) => findings.extend(problems),
                None => {}
            }
            findings.extend(cluster(engine, &loaded, &context));
            findings
        }
        Target::City(file) => match project::load_city(file) {
            Ok(project) => city(engine, &project),
            Err(LoadError::Invalid { diagnostics, .. }) => diagnostics,
            Err(other) => return Err(other),
        },
        Target::Province(file) => match load::province(file) {
            Ok(loaded) => crate::rules::province(&loaded),
            Err(LoadError::Invalid { diagnostics, .. }) => diagnostics,
            Err(other) => return Err(other),
        },
    };
    Ok(findings)
}

/// A cluster's findings, then whatever typesetting its documents meets (a draft's, when the
/// data has errors: `build --draft` typesets those too).
pub fn cluster(engine: &Engine, loaded: &Loaded<Cluster>, context: &CityContext) -> Vec<Diagnostic> {
    let mut findings = crate::rules::cluster(loaded);
    if loaded.is_sound() {
        let draft = findings.iter().any(|d| d.severity == Severity::Error);
        if let Err(error) = rehearse(engine, loaded, context, draft) {
            findings.extend(failure(error, &loaded.path));
        }
    }
    findings
}

/// What building a cluster typesets, typeset and dropped.
fn rehearse(engine: &Engine, loaded: &Loaded<Cluster>, context: &CityContext, draft: bool) -> Result<(), BuildError> {
    let prepared = prepare(engine, loaded, context, draft)?;
    for document in prepared.files() {
        engine.docx(document)?;
    }
    for form in prepared.contents(&loaded.value, draft) {
        engine.typeset(&engine.render(&form)?)?;
    }
    Ok(())
}

/// A city's findings: loading's, the city's and the province's rules, each cluster's, and
/// whatever typesetting the city's own documents meets.
pub fn city(engine: &Engine, project: &CityProject) -> Vec<Diagnostic> {
    let mut findings: Vec<Diagnostic> = project.problems().cloned().collect();
    findings.extend(crate::rules::city(project));
    if let Some(province) = project.province() {
        findings.extend(crate::rules::province(&province.loaded));
    }
    let clusters: Vec<Vec<Diagnostic>> = city::folders(project)
        .par_iter()
        .with_max_len(1)
        .filter_map(|folder| Some(cluster(engine, project.cluster(folder)?, &city::context(project, folder))))
        .collect();
    findings.extend(clusters.into_iter().flatten());
    if project.city.is_sound() {
        let draft = findings.iter().any(|d| d.severity == Severity::Error);
        for form in city::documents(project, draft) {
            let document = engine.render(&form).map_err(BuildError::from);
            if let Err(error) = document.and_then(|d| engine.typeset(&d).and_then(|_| engine.docx(&d))) {
                findings.extend(failure(error, &project.city.path));
            }
        }
    }
    findings
}

/// What a build failure says, as findings about `file`.
fn failure(error: BuildError, file: &Path) -> Vec<Diagnostic> {
    match error {
        BuildError::DataErrors(findings) => findings,
        other => vec![Diagnostic::of_file(
            file,
            format!("生成材料时出错：{other}"),
            "这通常是 dossier 自身的问题：请把此消息和数据文件发给 dossier 的维护者",
        )],
    }
}

//! One cluster: its forms, its 附件8, its volumes, its CD folder and print list.

use std::path::PathBuf;

use super::pages::VolumePages;
use super::{BuildError, Engine, Options, delivery, folder_name};
use crate::diagnostic::{Diagnostic, Severity};
use crate::doc::Document;
use crate::evidence;
use crate::forms::{self, Verifier};
use crate::load::Loaded;
use crate::model::{Cluster, Submission, Topic};
use crate::volume::{self, Source, Volume, VolumeItem};

/// What the city says about a cluster, when the cluster is built as part of a city.
#[derive(Debug, Clone)]
pub struct CityContext {
    pub verifier: Verifier,
    /// The city's 推荐意见 for part 九 of the application forms.
    pub recommendation: Option<String>,
    /// The city's 复核意见 for part 三 of the review forms.
    pub review_opinion: Option<String>,
}

impl CityContext {
    /// A cluster built on its own: the city has neither verified nor written its opinion.
    pub fn standalone(cluster: &Cluster) -> CityContext {
        CityContext { verifier: Verifier::unknown(cluster), recommendation: None, review_opinion: None }
    }

    fn opinion(&self, submission: Submission) -> Option<&str> {
        if submission.is_review() { self.review_opinion.as_deref() } else { self.recommendation.as_deref() }
    }
}

/// What a cluster build wrote.
#[derive(Debug, Clone)]
pub struct ClusterReport {
    pub name: String,
    pub dir: PathBuf,
    /// Every file written, forms first.
    pub files: Vec<PathBuf>,
    /// Each volume with its page count.
    pub volumes: Vec<(PathBuf, volume::Report)>,
    /// Warnings (and, in a draft, errors) the rules found.
    pub findings: Vec<Diagnostic>,
}

impl ClusterReport {
    pub fn pages(&self) -> u32 {
        self.volumes.iter().map(|(_, r)| r.pages).sum()
    }
}

/// Builds everything one cluster needs. `extra` are findings from outside the cluster file
/// (the city's rules) that also hold the build back.
pub fn build_cluster(
    engine: &Engine,
    loaded: &Loaded<Cluster>,
    city: &CityContext,
    extra: Vec<Diagnostic>,
    options: &Options,
) -> Result<ClusterReport, BuildError> {
    let cluster = &loaded.value;
    let mut findings = crate::rules::cluster(loaded);
    findings.extend(extra);
    if !options.draft && findings.iter().any(|d| d.severity == Severity::Error) {
        return Err(BuildError::DataErrors(findings));
    }
    let dir = options.out.join(folder_name(&cluster.name));
    let mut files = Vec::new();

    let verification = engine.write_form(&dir, &forms::verification(cluster, &city.verifier, options.draft))?;
    let mut volumes = Vec::new();
    for submission in submissions(cluster) {
        let form = forms::cluster_form(cluster, submission, city.opinion(submission), options.draft);
        let written = engine.write_form(&dir, &form)?;
        files.extend(written.files);
        let mut attached = vec![(form.name.clone(), written.doc)];
        for explanation in forms::explanations(cluster, submission, options.draft) {
            let written = engine.write_form(&dir, &explanation)?;
            // Both review forms attach the same 情况说明: one file.
            files.extend(written.files.into_iter().filter(|f| !files.contains(f)).collect::<Vec<_>>());
            attached.push((explanation.name, written.doc));
        }
        let pages = VolumePages { engine, cluster, submission, draft: options.draft };
        let volume = Volume {
            title: submission.volume_title().concat(),
            author: cluster.authority.name.clone(),
            items: items(engine, loaded, submission, &attached, &verification.doc, options.draft)?,
            options: volume::Options { duplex: options.duplex, draft: options.draft, max_dpi: 300, progress: options.progress },
        };
        let path = dir.join(format!("{}.pdf", volume.title));
        let report = volume::build(&volume, &pages, &path)
            .map_err(|source| BuildError::Volume { name: volume.title.clone(), source })?;
        volumes.push((path, report));
    }
    files.extend(verification.files);
    files.extend(volumes.iter().map(|(path, _)| path.clone()));
    files.extend(delivery::write(cluster, &dir, &files, &volumes)?);
    Ok(ClusterReport { name: cluster.name.clone(), dir, files, volumes, findings })
}

/// The cluster's submissions in the notice's order, each once.
fn submissions(cluster: &Cluster) -> Vec<Submission> {
    Submission::ALL.into_iter().filter(|s| cluster.submits(*s)).collect()
}

/// The same document without page numbers: inside a volume, the volume numbers the pages.
fn unnumbered(doc: &Document) -> Document {
    let mut doc = doc.clone();
    doc.sections.iter_mut().for_each(|s| s.page_numbers = false);
    doc
}

/// The volume's items in 目录 order, each with what dossier renders for it and the scans.
/// `form` is the form with the 情况说明 it attaches.
fn items(
    engine: &Engine,
    loaded: &Loaded<Cluster>,
    submission: Submission,
    form: &[(String, Document)],
    verification: &Document,
    draft: bool,
) -> Result<Vec<VolumeItem>, BuildError> {
    let cluster = &loaded.value;
    let root = loaded.path.parent().unwrap_or(std::path::Path::new("."));
    let generated = |name: &str, doc: &Document| -> Result<Source, BuildError> {
        Ok(Source::Generated { name: name.to_owned(), pdf: engine.pdf(name, &unnumbered(doc))? })
    };
    let mut out = Vec::new();
    for (index, item) in submission.items().into_iter().enumerate() {
        // Path problems are the rules' to report; a draft binds what can be bound.
        let (files, _) = evidence::files(cluster, root, item.topic);
        let scans: Vec<Source> =
            files.into_iter().map(|f| Source::File { path: f.path, password: f.password }).collect();
        let mut sources = Vec::new();
        match item.topic {
            Topic::Form => {
                for (name, doc) in form {
                    sources.push(generated(name, doc)?);
                }
            }
            // A stamped scan of the statement replaces the one dossier drafts.
            Topic::Verification if scans.is_empty() => sources.push(generated("现场核查符合性说明", verification)?),
            topic => {
                if let Some(list) = forms::list(cluster, topic, draft) {
                    let doc = engine.document(&list)?;
                    sources.push(generated(&list.name, &doc)?);
                }
            }
        }
        sources.extend(scans);
        out.push(VolumeItem { number: index + 1, title: item.title.to_owned(), sources, may_be_empty: true });
    }
    Ok(out)
}

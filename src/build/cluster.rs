//! One cluster: its forms, its 附件8, its volumes, its CD folder and print list.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use super::delivery::{self, Discs, Output};
use super::output::Folder;
use super::pages::{self, VolumePages};
use super::pdfs::Pdfs;
use super::{BuildError, Engine, Event, FileStamp, Options, Rendered, file_stamp};
use crate::build::cache::{Key, Keyer};
use crate::load::Loaded;
use crate::load::diagnostic::{Diagnostic, Severity};
use crate::load::scans;
use crate::model::{Cluster, Landscape, Layout, Submission, Topic};
use crate::pdf::PdfError;
use crate::render::forms::{self, Opinion, Verifier};
use crate::volume::{self, NoStore, Source, Store, Turn, Volume, VolumeItem};

/// What the offices above a cluster say about it: the city (its 现场核查 and the opinions in
/// the 市级 boxes of 附件2 and 附件5) and the province (the 省级 boxes of 附件3 and 附件6).
#[derive(Debug, Clone)]
pub struct CityContext {
    pub verifier: Verifier,
    /// The opinion in each form's box, by submission; a form not here has its box empty.
    pub opinions: Vec<(Submission, Opinion)>,
}

impl CityContext {
    /// A cluster built on its own: the city has neither verified nor written its opinion.
    pub fn standalone(cluster: &Cluster) -> CityContext {
        CityContext { verifier: Verifier::unknown(cluster), opinions: Vec::new() }
    }

    fn opinion(&self, submission: Submission) -> Opinion {
        self.opinions.iter().find(|(s, _)| *s == submission).map(|(_, o)| o.clone()).unwrap_or_default()
    }
}

/// What a cluster build wrote.
#[derive(Debug, Clone)]
pub struct ClusterReport {
    pub name: String,
    pub dir: PathBuf,
    /// Every file of the build, forms first.
    pub files: Vec<PathBuf>,
    /// The forms and volumes whose bytes changed (the others were left as they were).
    pub changed: Vec<PathBuf>,
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
///
/// Every document is rendered from its template first; then every distinct PDF is typeset,
/// side by side (taken from the cache when an earlier build typeset the same document); then
/// the forms are written and the volumes bound, side by side too.
///
/// A build that fails leaves the outputs of an earlier one as they were, marked as not
/// current ([`super::mark_outcome`]).
pub fn build_cluster(
    engine: &Engine,
    loaded: &Loaded<Cluster>,
    city: &CityContext,
    extra: Vec<Diagnostic>,
    options: &Options,
) -> Result<ClusterReport, BuildError> {
    let built = build(engine, loaded, city, extra, options);
    super::mark_outcome(&options.out, &loaded.value.name, &built);
    built
}

fn build(
    engine: &Engine,
    loaded: &Loaded<Cluster>,
    city: &CityContext,
    extra: Vec<Diagnostic>,
    options: &Options,
) -> Result<ClusterReport, BuildError> {
    let cluster = &loaded.value;
    let mut findings = crate::rules::cluster(loaded);
    findings.extend(extra);
    // A file with stand-ins for what it gets wrong is never printed, not even as a draft.
    if !loaded.is_sound() || (!options.draft && findings.iter().any(|d| d.severity == Severity::Error)) {
        return Err(BuildError::DataErrors(findings));
    }
    let Prepared { verification, plans, pdfs } = prepare(engine, loaded, city, options.draft)?;
    let folder = &Folder::output(&options.out)
        .sub(&cluster.name)
        .and_then(|folder| folder.create().map(|()| folder))
        .map_err(|source| BuildError::Write { path: options.out.join(&cluster.name), source })?;

    // The forms as files: each submission's form and 情况说明 (one 情况说明 may serve two), then
    // the 现场核查符合性说明.
    let mut documents: Vec<(&Rendered, Discs)> = Vec::new();
    for plan in &plans {
        for document in std::iter::once(&plan.form).chain(&plan.explanations) {
            let discs = Discs::of(plan.submission.is_review());
            match documents.iter_mut().find(|(d, _)| d.name == document.name) {
                Some((_, on)) => *on = on.with(discs),
                None => documents.push((document, discs)),
            }
        }
    }
    documents.extend(verification.iter().map(|v| (v, Discs::NONE)));
    let written = documents
        .par_iter()
        .map(|(document, _)| engine.write_document(folder, document, &pdfs.get(document)?))
        .collect::<Result<Vec<_>, _>>()?;

    let scans = prepare_evidence(engine, &plans);
    let volumes = plans
        .par_iter()
        .map(|plan| plan.bind(&pdfs, &scans, cluster, folder, options))
        .collect::<Result<Vec<_>, _>>()?;

    let mut outputs: Vec<Output> = Vec::new();
    let mut changed = Vec::new();
    for (form, (_, discs)) in written.into_iter().zip(&documents) {
        outputs.extend(form.files.into_iter().map(|f| (f, *discs)));
        changed.extend(form.changed);
    }
    for bound in &volumes {
        outputs.push((bound.path.clone(), bound.discs));
        if bound.changed {
            changed.push(bound.path.clone());
        }
    }
    let reports: Vec<(PathBuf, volume::Report, Discs)> =
        volumes.into_iter().map(|b| (b.path, b.report, b.discs)).collect();
    let mut files: Vec<PathBuf> = outputs.iter().map(|(path, _)| path.clone()).collect();
    files.extend(delivery::write(cluster, folder, &outputs, &reports)?);
    let volumes = reports.into_iter().map(|(path, report, _)| (path, report)).collect();
    let dir = folder.path().to_owned();
    Ok(ClusterReport { name: cluster.name.clone(), dir, files, changed, volumes, findings })
}

/// Everything a cluster's build typesets, typeset: every document rendered from its template,
/// and each distinct PDF laid out side by side (from the cache when an earlier build did).
/// `check` stops here; `build` goes on to write the forms and bind the volumes.
pub(super) struct Prepared<'e> {
    /// 附件8, unless the cluster's answers deny what it states.
    pub verification: Option<Rendered>,
    plans: Vec<Plan>,
    pub pdfs: Pdfs<'e>,
}

pub(super) fn prepare<'e>(
    engine: &'e Engine,
    loaded: &Loaded<Cluster>,
    city: &CityContext,
    draft: bool,
) -> Result<Prepared<'e>, BuildError> {
    let cluster = &loaded.value;
    let verification = match cluster.denials().is_empty() {
        true => Some(engine.render(&forms::verification(cluster, &city.verifier, draft))?),
        false => None,
    };
    let plans = submissions(cluster)
        .into_par_iter()
        .map(|submission| Plan::new(engine, loaded, submission, city, verification.as_ref(), draft))
        .collect::<Result<Vec<_>, _>>()?;
    let pdfs = Pdfs::new(engine);
    pdfs.prepare(verification.iter().chain(plans.iter().flat_map(Plan::documents))).map_err(|error| {
        // A character no font has is in the data: name its field.
        match error {
            BuildError::Pdf { source: PdfError::NoGlyph { ch, .. }, .. } => {
                BuildError::DataErrors(vec![crate::rules::unprintable(loaded, ch)])
            }
            other => other,
        }
    })?;
    Ok(Prepared { verification, plans, pdfs })
}

impl Prepared<'_> {
    /// The documents written as files (forms and 情况说明), for `check` to make their DOCX.
    pub(super) fn files(&self) -> impl Iterator<Item = &Rendered> {
        self.plans.iter().flat_map(|p| std::iter::once(&p.form).chain(&p.explanations)).chain(&self.verification)
    }

    /// Each volume's 目录, as binding will ask for it, with every item on a page numbered as
    /// widely as a volume's can be (the real numbers are known once the volume is bound).
    pub(super) fn contents(&self, cluster: &Cluster, draft: bool) -> Vec<forms::Form> {
        self.plans
            .iter()
            .map(|plan| {
                let toc: Vec<volume::TocEntry> = plan
                    .items
                    .iter()
                    .map(|i| volume::TocEntry { number: i.number, title: i.title.to_owned(), page: 9999 })
                    .collect();
                forms::volume_contents(cluster, plan.submission, &toc, draft)
            })
            .collect()
    }
}

/// The cluster's submissions in the notice's order, each once.
fn submissions(cluster: &Cluster) -> Vec<Submission> {
    Submission::ALL.into_iter().filter(|s| cluster.submits(*s)).collect()
}

/// Every scan the plans bind, each once (the volumes of a cluster share most of them).
fn scans(plans: &[Plan]) -> Vec<&Source> {
    let mut files: Vec<&Source> = Vec::new();
    for source in plans.iter().flat_map(|p| &p.items).flat_map(|i| &i.scans) {
        if !files.iter().any(|f| f.path() == source.path()) {
            files.push(source);
        }
    }
    files
}

/// With a cache, each scan the volumes share is read once before them, side by side with the
/// others: its content hash goes into the volumes' keys, and an image is decoded into the cache,
/// where the volumes (bound at the same time) find it.
fn prepare_evidence(engine: &Engine, plans: &[Plan]) -> HashMap<PathBuf, Key> {
    let Some(cache) = engine.cache() else { return HashMap::new() };
    scans(plans)
        .par_iter()
        .with_max_len(1)
        .filter_map(|source| Some((source.path()?.to_owned(), volume::prepare(source, MAX_DPI, cache)?)))
        .collect()
}

/// Images sharper than 1.5 × this on the sheet are brought down to it.
const MAX_DPI: u32 = 300;

/// One submission's volume, planned: its form and 情况说明 (also written as files) and each
/// 目录 item with the documents and scans it binds.
struct Plan {
    submission: Submission,
    form: Rendered,
    explanations: Vec<Rendered>,
    cover: Rendered,
    items: Vec<Item>,
}

struct Item {
    number: usize,
    title: &'static str,
    documents: Vec<Rendered>,
    scans: Vec<Source>,
    /// The “无” page, when the item has nothing else.
    empty: Option<Rendered>,
}

/// A volume bound: where, what it holds, and whether its bytes changed.
struct Bound {
    path: PathBuf,
    report: volume::Report,
    discs: Discs,
    changed: bool,
}

impl Plan {
    fn new(
        engine: &Engine,
        loaded: &Loaded<Cluster>,
        submission: Submission,
        city: &CityContext,
        verification: Option<&Rendered>,
        draft: bool,
    ) -> Result<Plan, BuildError> {
        let cluster = &loaded.value;
        let form = engine.render(&forms::cluster_form(cluster, submission, &city.opinion(submission), draft))?;
        let explanations = forms::explanations(cluster, submission, draft)
            .iter()
            .map(|f| engine.render(f))
            .collect::<Result<Vec<_>, _>>()?;
        let cover = engine.render(&forms::volume_cover(cluster, submission, draft))?;
        let root = loaded.path.parent().unwrap_or(Path::new("."));
        let items = submission
            .items()
            .into_par_iter()
            .enumerate()
            .map(|(index, item)| {
                // Path problems are the rules' to report; a draft binds what can be bound.
                let (files, _) = scans::files(&cluster.evidence, root, item.topic);
                let scans: Vec<Source> = files
                    .into_iter()
                    .map(|f| Source::File { path: f.path, password: f.password, turn: turn(f.layout), digest: None })
                    .collect();
                let documents = match item.topic {
                    Topic::Form => std::iter::once(&form).chain(&explanations).cloned().collect(),
                    // A stamped scan of the statement replaces the one dossier drafts; a cluster
                    // whose answers deny the standard statement waits for the city's own.
                    Topic::Verification if scans.is_empty() => match verification {
                        Some(v) => vec![Rendered { name: "现场核查符合性说明".into(), ..v.clone() }],
                        None => {
                            vec![engine.render(&forms::awaited_statement(cluster, index + 1, item.title, draft))?]
                        }
                    },
                    Topic::Verification => Vec::new(),
                    topic => match forms::list(cluster, topic, draft) {
                        Some(list) => vec![engine.render(&list)?],
                        None => Vec::new(),
                    },
                };
                let number = index + 1;
                let empty = match documents.is_empty() && scans.is_empty() {
                    true => Some(engine.render(&pages::empty_item(cluster, number, item.title, draft))?),
                    false => None,
                };
                Ok(Item { number, title: item.title, documents, scans, empty })
            })
            .collect::<Result<Vec<_>, BuildError>>()?;
        Ok(Plan { submission, form, explanations, cover, items })
    }

    /// Every document the plan typesets: the form and 情况说明 as files, the cover, and what the
    /// items bind.
    fn documents(&self) -> impl Iterator<Item = &Rendered> {
        std::iter::once(&self.form)
            .chain(&self.explanations)
            .chain(std::iter::once(&self.cover))
            .chain(self.items.iter().flat_map(|i| i.documents.iter().chain(&i.empty)))
    }

    fn bind(
        &self,
        pdfs: &Pdfs,
        scans: &HashMap<PathBuf, Key>,
        cluster: &Cluster,
        folder: &Folder,
        options: &Options,
    ) -> Result<Bound, BuildError> {
        let mut items = Vec::new();
        for item in &self.items {
            let mut sources = Vec::new();
            for document in &item.documents {
                sources.push(Source::Generated { name: document.name.clone(), typeset: pdfs.get(document)? });
            }
            // Each scan bound as the bytes its key was made from.
            sources.extend(item.scans.iter().map(|scan| match scan {
                Source::File { path, password, turn, .. } => Source::File {
                    path: path.clone(),
                    password: password.clone(),
                    turn: *turn,
                    digest: scans.get(path).copied(),
                },
                generated => generated.clone(),
            }));
            items.push(VolumeItem { number: item.number, title: item.title.to_owned(), sources, may_be_empty: true });
        }
        let volume = Volume {
            title: self.submission.volume_title().concat(),
            author: cluster.authority.name.clone(),
            items,
            options: volume::Options { duplex: options.duplex, draft: options.draft, max_dpi: MAX_DPI },
        };
        let pages = VolumePages { pdfs, cluster, submission: self.submission, draft: options.draft };
        let name = format!("{}.pdf", volume.title);
        let path =
            folder.file(&name).map_err(|source| BuildError::Write { path: folder.path().join(&name), source })?;
        let discs = Discs::of(self.submission.is_review());
        let before = file_stamp(&path);
        let cache = pdfs.engine.cache();
        let key = cache.and_then(|_| self.key(cluster, &volume.options, scans));
        if let (Some(cache), Some(key), Some(stamp)) = (cache, key, before)
            && let Some(report) = cache.get(&key).and_then(|entry| Recorded::read(&entry, stamp))
        {
            return Ok(Bound { path, report, discs, changed: false });
        }
        let store: &dyn Store = match cache {
            Some(cache) => cache,
            None => &NoStore,
        };
        let progress = |binding| options.progress.report(Event::Volume { cluster: cluster.name.clone(), binding });
        let report = volume::bind_with(&volume, &pages, &path, store, &progress)
            .map_err(|source| BuildError::Volume { name: volume.title.clone(), source })?;
        let after = file_stamp(&path);
        if let (Some(cache), Some(key), Some(stamp)) = (cache, key, after) {
            cache.put(&key, &Recorded::write(&report, stamp));
        }
        // An unchanged volume is left as it was, its time with it.
        Ok(Bound { path, report, discs, changed: after != before })
    }

    /// Everything the volume is made of: its options, the cluster's data (cover, 目录 and notice
    /// pages print it), each item's documents (by their keys) and scans (by their content, in
    /// `scans`). `None` when a scan could not be read: then the build says why.
    fn key(&self, cluster: &Cluster, options: &volume::Options, scans: &HashMap<PathBuf, Key>) -> Option<Key> {
        let mut keyer = Keyer::default();
        keyer.part(b"volume-1");
        keyer
            .part(format!("{:?} {} {} {}", self.submission, options.duplex, options.draft, options.max_dpi).as_bytes());
        keyer.part(&serde_json::to_vec(cluster).ok()?);
        for item in &self.items {
            keyer.part(format!("{} {}", item.number, item.title).as_bytes());
            for document in &item.documents {
                keyer.part(document.name.as_bytes());
                keyer.part(&document.key);
            }
            for scan in &item.scans {
                let Source::File { path, password, turn, .. } = scan else { continue };
                keyer.part(path.to_string_lossy().as_bytes());
                keyer.part(format!("{turn:?}").as_bytes());
                keyer.part(password.as_deref().unwrap_or_default().as_bytes());
                keyer.part(scans.get(path)?);
            }
        }
        Some(keyer.finish())
    }
}

/// A bound volume as the cache keeps it: its report, and the size and time of the file the
/// build left, by which a later build knows the file is still that one.
#[derive(serde::Serialize, serde::Deserialize)]
struct Recorded {
    len: u64,
    modified: (u64, u32),
    report: volume::Report,
}

impl Recorded {
    fn write(report: &volume::Report, (len, modified): FileStamp) -> Vec<u8> {
        let since = modified.duration_since(std::time::UNIX_EPOCH).unwrap_or_default();
        let recorded = Recorded { len, modified: (since.as_secs(), since.subsec_nanos()), report: report.clone() };
        serde_json::to_vec(&recorded).unwrap_or_default()
    }

    /// The report, if the entry describes the file now on disk.
    fn read(entry: &[u8], (len, modified): FileStamp) -> Option<volume::Report> {
        let recorded: Recorded = serde_json::from_slice(entry).ok()?;
        let since = modified.duration_since(std::time::UNIX_EPOCH).ok()?;
        (recorded.len == len && recorded.modified == (since.as_secs(), since.subsec_nanos())).then_some(recorded.report)
    }
}

/// How `evidence.layout` asks a scan's pages to go on the sheet.
fn turn(layout: Layout) -> Turn {
    Turn { quarters: layout.rotate.quarters(), upright: layout.landscape == Landscape::Upright }
}

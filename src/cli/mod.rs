//! The commands, over the library: what they print and which exit status they give.

pub mod desktop;
mod lists;
pub mod paths;
mod progress;
mod serve;

pub use serve::serve;

pub use lists::export_lists;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};
use notify_debouncer_full::new_debouncer;
use notify_debouncer_full::notify::RecursiveMode;
use rayon::prelude::*;

use dossier::build::cache::Cache;
use dossier::build::watch::Watch;
use dossier::build::{self, BuildError, Engine};
use dossier::load::diagnostic::{self, Diagnostic, Severity};
use dossier::load::disk::canonical;
use dossier::load::project::{self, CITY_FILE, CLUSTER_FILE, PROVINCE_FILE, Target};
use dossier::load::{self, LoadError, sheet};
use dossier::model::schema::Kind;
use dossier::model::skeleton;
use dossier::model::{Date, Submission};
use dossier::render::forms::{self, Verifier};

/// How a command ended when it did not fail outright.
pub enum Outcome {
    Clean,
    DataErrors,
}

/// The exit status of a command, after saying why it failed: 0 all well, 1 data errors, 2 I/O.
pub fn exit_code(result: Result<Outcome>) -> ExitCode {
    match result {
        Ok(Outcome::Clean) => ExitCode::SUCCESS,
        Ok(Outcome::DataErrors) => ExitCode::from(1),
        // A reader that stopped reading (`| head`) is not a failure.
        Err(error)
            if error.downcast_ref::<std::io::Error>().is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe) =>
        {
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("错误：{}", paths::plain(&said(&error)));
            ExitCode::from(2)
        }
    }
}

/// An error and its causes, as `{:#}` gives them, without the system's own words for an I/O
/// error (English, or the console's code page): each of dossier's errors says it in Chinese.
fn said(error: &anyhow::Error) -> String {
    let ours: Vec<String> =
        error.chain().filter(|cause| !cause.is::<std::io::Error>()).map(|c| c.to_string()).collect();
    match error.downcast_ref::<std::io::Error>() {
        Some(io) if ours.is_empty() => diagnostic::io_message(io),
        _ => ours.join(": "),
    }
}

/// The marks of a cluster built or not. A Windows console draws with its code page's font
/// (新宋体 for code page 936), which has √ and × but not ✔ and ✘.
const BUILT: &str = if cfg!(windows) { "√" } else { "✔" };
const NOT_BUILT: &str = if cfg!(windows) { "×" } else { "✘" };

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
    /// Keep and use the build cache in `out/.cache`.
    pub cache: bool,
}

impl BuildOptions {
    /// The engine, with the cache in the output folder unless it is turned off.
    fn engine(&self) -> Result<Engine> {
        let engine = Engine::new(self.bundled_fonts)?;
        if !self.cache {
            return Ok(engine);
        }
        let identity = engine.identity();
        Ok(engine.with_cache(Cache::new(self.out.join(CACHE_DIR), &identity)))
    }
}

/// The cache's folder inside the output folder.
pub const CACHE_DIR: &str = ".cache";

/// After a build: entries no build used lately go, and a cache that could not be written is
/// mentioned when the build was `complete` (else what failed is the news, said already).
fn tidy_cache(engine: &Engine, complete: bool) {
    let Some(cache) = engine.cache() else { return };
    cache.prune(build::cache::KEEP);
    let failed = cache.stats().failed;
    if failed > 0 && complete {
        eprintln!(
            "提示：{failed} 个缓存项未能写入 {}（材料已完整生成；下次生成会慢一些，可检查磁盘空间和权限）",
            paths::shown(cache.dir())
        );
    }
}

/// Every finding of every path, as `build` would meet them (see `build::check`).
fn findings(paths: &[PathBuf]) -> Result<Vec<Diagnostic>> {
    let targets = paths.iter().map(|p| Target::resolve(p)).collect::<Result<Vec<_>, _>>()?;
    let engine = Engine::new(false)?;
    let mut all = Vec::new();
    for target in &targets {
        all.extend(build::check::check(&engine, target)?);
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
    let engine = options.engine()?;
    let built = build_with(&engine, paths, options);
    tidy_cache(&engine, built.as_ref().is_ok_and(|b| matches!(b.outcome, Outcome::Clean)));
    Ok(built?.outcome)
}

/// What a build of several paths did.
struct Built {
    outcome: Outcome,
    /// The files whose bytes changed.
    changed: Vec<PathBuf>,
}

/// Builds every path with `engine`, printing a line per cluster and the findings.
fn build_with(engine: &Engine, paths: &[PathBuf], options: &BuildOptions) -> Result<Built> {
    let build_options = build::Options {
        out: options.out.clone(),
        draft: options.draft,
        duplex: options.duplex,
        progress: progress::bars(),
    };
    let targets = paths.iter().map(|p| Target::resolve(p)).collect::<Result<Vec<_>, _>>()?;
    // One build per output folder at a time: another would mix its outputs with these.
    let what: Vec<String> = paths.iter().map(|p| paths::shown(p)).collect();
    let _lock = build::output::Folder::output(&options.out).lock(&what.join("、"))?;
    let mut tally = Tally { out: options.out.clone(), ..Tally::default() };
    // Clusters named one by one build side by side, as a city's do; a file that does not load
    // fails like a cluster whose data has errors, and the others go on.
    let clusters: Vec<&PathBuf> =
        targets.iter().filter_map(|t| if let Target::Cluster(f) = t { Some(f) } else { None }).collect();
    let built = clusters.par_iter().map(|file| build_one(engine, file, &build_options)).collect::<Result<Vec<_>>>()?;
    for (name, result) in built {
        tally.record(&name, result)?;
    }
    for target in &targets {
        if let Target::Province(file) = target {
            bail!(
                "{} 是省级意见文件，不单独生成材料：生成各市、各集群时会自动读取它（可用 dossier check 检查）",
                file.display()
            );
        }
        let Target::City(file) = target else { continue };
        let project = match project::load_city(file) {
            Ok(project) => project,
            Err(LoadError::Invalid { diagnostics, .. }) => {
                tally.record(&file.display().to_string(), Err(BuildError::DataErrors(diagnostics)))?;
                continue;
            }
            Err(other) => return Err(other.into()),
        };
        match build::build_city(engine, &project, &build_options) {
            Ok(report) => {
                for (folder, result) in report.clusters {
                    let name = project.cluster(&folder).map_or(folder.clone(), |l| l.value.name.clone());
                    tally.record(&name, result)?;
                }
                report_findings(&report.findings)?;
                println!("{}：{} 个文件 → {}", project.city.value.city, report.files.len(), paths::shown(&report.dir));
                tally.changed.extend(report.changed);
            }
            Err(error) => tally.record(&project.city.value.city, Err(error))?,
        }
    }
    if tally.rows.len() > 1 {
        println!("\n{}文件  页数  结果", pad("集群", 26));
        for row in &tally.rows {
            println!("{row}");
        }
    }
    if tally.unwritten > 0 {
        bail!(
            "{} 个集群的材料未能写入输出目录 {}（原因见上）：请确认该目录可以写入、磁盘有足够空间，关闭正打开其中文件的程序后重新生成",
            tally.unwritten,
            paths::shown(&options.out)
        );
    }
    Ok(Built { outcome: if tally.failed { Outcome::DataErrors } else { Outcome::Clean }, changed: tally.changed })
}

/// What the clusters of a build came to, one summary row each.
#[derive(Default)]
struct Tally {
    out: PathBuf,
    rows: Vec<String>,
    failed: bool,
    /// How many builds failed writing their outputs.
    unwritten: usize,
    changed: Vec<PathBuf>,
}

impl Tally {
    fn record(&mut self, name: &str, result: Result<build::ClusterReport, BuildError>) -> Result<()> {
        let failed = result.is_err();
        self.failed |= failed;
        self.unwritten += usize::from(result.as_ref().is_err_and(BuildError::is_io));
        self.changed.extend(result.iter().flat_map(|r| r.changed.iter().cloned()));
        self.rows.push(summarise(name, result)?);
        if let Some(note) = build::stale_note(&self.out, name).filter(|_| failed) {
            eprintln!(
                "  {} 中的材料不是这次生成的完整结果，与现在的数据不符（已放入{}）：请勿打印、报送",
                paths::shown(note.parent().unwrap_or(&self.out)),
                build::STALE_NOTE
            );
        }
        Ok(())
    }
}

/// One cluster file, built on its own.
fn build_one(
    engine: &Engine,
    file: &Path,
    options: &build::Options,
) -> Result<(String, Result<build::ClusterReport, BuildError>)> {
    match load::cluster(file) {
        Ok(loaded) => {
            let (context, problems) = build::standalone(file, &loaded.value);
            Ok((loaded.value.name.clone(), build::build_cluster(engine, &loaded, &context, problems, options)))
        }
        Err(LoadError::Invalid { diagnostics, .. }) => {
            Ok((file.display().to_string(), Err(BuildError::DataErrors(diagnostics))))
        }
        Err(other) => Err(other.into()),
    }
}

/// Builds the paths, then again whenever their YAML or evidence changes, until Ctrl-C. Data
/// errors and failed builds are reported and watching goes on: the next save may fix them.
pub fn watch(paths: &[PathBuf], options: &BuildOptions) -> Result<Outcome> {
    let targets = paths.iter().map(|p| Target::resolve(p)).collect::<Result<Vec<_>, _>>()?;
    let engine = options.engine()?;
    let built = build_with(&engine, paths, options)?;
    tidy_cache(&engine, matches!(built.outcome, Outcome::Clean));
    let watch = Watch::new(targets.iter().map(folders).collect(), &options.out);
    let (events, received) = std::sync::mpsc::channel();
    let mut debouncer = new_debouncer(SETTLE, None, events).context("无法监视文件变化")?;
    for folder in watch.folders() {
        debouncer
            .watch(folder, RecursiveMode::Recursive)
            .with_context(|| format!("无法监视目录 {}", folder.display()))?;
    }
    let names: Vec<String> = watch.folders().iter().map(|f| f.display().to_string()).collect();
    println!("\n正在监视 {}：修改 YAML 或增删改佐证材料后自动重新生成（按 Ctrl-C 结束）", names.join("、"));
    watch.run(
        &received,
        |change| {
            println!("\n检测到变化：{}", listing(&change.paths));
            let started = Instant::now();
            let chosen: Vec<PathBuf> = change.targets.iter().map(|&t| paths[t].clone()).collect();
            let result = build_with(&engine, &chosen, options);
            let complete = result.as_ref().is_ok_and(|b| matches!(b.outcome, Outcome::Clean));
            match result {
                Ok(built) => {
                    let seconds = started.elapsed().as_secs_f64();
                    let updated = match built.changed.len() {
                        0 => "材料没有变化".to_owned(),
                        n => format!("更新了 {n} 个文件：{}", listing(&built.changed)),
                    };
                    match built.outcome {
                        Outcome::Clean => println!("重新生成完毕，用时 {seconds:.2} 秒；{updated}"),
                        Outcome::DataErrors => println!(
                            "用时 {seconds:.2} 秒；{updated}。有错误的集群未重新生成，改正并保存后会自动再生成"
                        ),
                    }
                }
                Err(error) => eprintln!("错误：{}", paths::plain(&said(&error))),
            }
            tidy_cache(&engine, complete);
        },
        |error| eprintln!("监视文件变化时出错：{error}"),
    );
    Ok(Outcome::Clean)
}

/// How long files must stay unchanged before a rebuild: an editor's save or a batch of
/// copied scans arrives as one change.
const SETTLE: Duration = Duration::from_millis(300);

/// The folders whose files make up a target: a cluster's folder; a city's folder and the
/// folders of the clusters it lists (which may lie elsewhere).
fn folders(target: &Target) -> Vec<PathBuf> {
    let parent = |file: &Path| file.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new(".")).to_owned();
    match target {
        Target::Cluster(file) | Target::Province(file) => vec![parent(file)],
        Target::City(file) => {
            let mut folders = vec![parent(file)];
            if let Ok(city) = load::city(file) {
                let listed = city
                    .value
                    .recommended
                    .iter()
                    .map(|r| &r.cluster)
                    .chain(city.value.reviewed.iter().map(|r| &r.cluster));
                folders.extend(listed.map(|folder| load::written::resolve(&parent(file), folder)));
            }
            folders
        }
    }
}

/// A few file names for a message: “a、b、c 等 7 个文件”.
fn listing(paths: &[PathBuf]) -> String {
    const SHOWN: usize = 4;
    let names: Vec<String> = paths
        .iter()
        .take(SHOWN)
        .map(|p| p.file_name().unwrap_or(p.as_os_str()).to_string_lossy().into_owned())
        .collect();
    match paths.len() {
        n if n > SHOWN => format!("{} 等 {n} 个文件", names.join("、")),
        _ => names.join("、"),
    }
}

/// One line per cluster: what was written, or why not (printing the findings behind it).
fn summarise(name: &str, result: Result<build::ClusterReport, BuildError>) -> Result<String> {
    match result {
        Ok(report) => {
            let errors = report.findings.iter().filter(|d| d.severity == Severity::Error).count();
            let warnings = report.findings.len() - errors;
            // Errors only come through in a draft: say so, every page of it says 草稿.
            let note = match (errors, warnings) {
                (0, 0) => String::new(),
                (0, w) => format!("（{w} 个警告，dossier check 可查看）"),
                (e, w) => format!("（草稿：仍有 {e} 个错误、{w} 个警告，dossier check 可查看）"),
            };
            println!(
                "{BUILT} {name}：{} 个文件，佐证材料 {} 册共 {} 页 → {}{note}",
                report.files.len(),
                report.volumes.len(),
                report.pages(),
                paths::shown(&report.dir),
            );
            let result = if errors > 0 { "草稿" } else { "成功" };
            Ok(format!("{}{:<6}{:<6}{result}", pad(name, 26), report.files.len(), report.pages()))
        }
        Err(BuildError::DataErrors(findings)) => {
            report_findings(&findings)?;
            let count = findings.iter().filter(|d| d.severity == Severity::Error).count();
            eprintln!("{NOT_BUILT} {name}：数据中有 {count} 个错误，未生成材料（改正后重试，或用 --draft 生成草稿）");
            Ok(format!("{}{:<6}{:<6}{count} 个错误", pad(name, 26), 0, 0))
        }
        Err(other) => {
            eprintln!("{NOT_BUILT} {name}：{}", paths::plain(&other.to_string()));
            Ok(format!("{}{:<6}{:<6}失败", pad(name, 26), 0, 0))
        }
    }
}

/// `text` padded with spaces to `width` terminal columns (a Chinese character takes two).
fn pad(text: &str, width: usize) -> String {
    let used = unicode_width::UnicodeWidthStr::width(text);
    format!("{text}{}", " ".repeat(width.saturating_sub(used)))
}

fn report_findings(findings: &[Diagnostic]) -> Result<()> {
    if findings.is_empty() {
        return Ok(());
    }
    let mut sorted = findings.to_vec();
    diagnostic::sort(&mut sorted);
    diagnostic::print(&mut anstream::stderr(), &sorted)?;
    Ok(())
}

/// Which file `init` writes.
pub enum InitKind {
    /// A cluster, for these submissions (or the option's text, to be read).
    Cluster(Result<Vec<Submission>, String>),
    City,
    Province,
}

impl InitKind {
    pub fn new(submissions: Option<&str>, review: bool, city: bool, province: bool) -> InitKind {
        if city {
            return InitKind::City;
        }
        if province {
            return InitKind::Province;
        }
        if review {
            return InitKind::Cluster(Ok(vec![Submission::ProvincialReview, Submission::NationalReview]));
        }
        let Some(text) = submissions else { return InitKind::Cluster(Ok(vec![Submission::ProvincialApplication])) };
        let named = text.split([',', '，', '、', ' ']).filter(|s| !s.is_empty()).map(|name| {
            Submission::ALL
                .into_iter()
                .find(|s| serde_json::to_value(s).is_ok_and(|v| v == name))
                .ok_or_else(|| name.to_owned())
        });
        InitKind::Cluster(named.collect::<Result<Vec<_>, _>>())
    }
}

pub fn init(dir: &Path, kind: InitKind) -> Result<Outcome> {
    let (name, schema, submissions) = match kind {
        InitKind::City => (CITY_FILE, Kind::City, Vec::new()),
        InitKind::Province => (PROVINCE_FILE, Kind::Province, Vec::new()),
        InitKind::Cluster(Ok(submissions)) if !submissions.is_empty() => (CLUSTER_FILE, Kind::Cluster, submissions),
        InitKind::Cluster(wrong) => bail!(
            "--submissions 中的“{}”不是可报送的材料：可选 省级申报、国家级申报、省级复核、国家级复核，多项用逗号分隔",
            wrong.err().unwrap_or_default()
        ),
    };
    let file = dir.join(name);
    if file.exists() {
        bail!("{} 已存在：init 不会覆盖已有的数据", file.display());
    }
    create_dir(dir)?;
    build::output::write_atomic(&paths::writable(&file)?, skeleton::yaml(schema, &submissions).as_bytes())
        .map_err(|e| anyhow::anyhow!("无法写入 {}：{}", file.display(), diagnostic::io_message(&e)))?;
    println!("已创建 {}", file.display());
    if schema == Kind::Cluster {
        let evidence = dir.join("evidence");
        for folder in load::scans::folders() {
            create_dir(&evidence.join(folder))?;
        }
        println!("已创建 {}（每个目录项一个文件夹，扫描件按文件名顺序装订）", evidence.display());
        let workbook = dir.join(sheet::WORKBOOK);
        if workbook.exists() {
            println!("{} 已存在，未改动", workbook.display());
        } else {
            let today = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap_or_default();
            let today = Date::from_days((today.as_secs() / 86_400) as i64).context("系统日期无效")?;
            build::output::write_atomic(&paths::writable(&workbook)?, &sheet::write::template(today)?)
                .map_err(|e| anyhow::anyhow!("无法写入 {}：{}", workbook.display(), diagnostic::io_message(&e)))?;
            println!(
                "已创建 {}（名单表格：每份名单一张工作表，从第 3 行起逐行填写，示例行可以留着）",
                workbook.display()
            );
        }
    }
    println!("填写后运行：dossier check {}", dir.display());
    Ok(Outcome::Clean)
}

/// 附件8 for each cluster named or found under a folder. The city that lists a cluster (a
/// `city.yaml` in a folder above it) signs with its name and its 现场核查 date.
pub fn verify_statements(paths: &[PathBuf], out: &Path, date: Option<&str>, bundled_fonts: bool) -> Result<Outcome> {
    let date = date
        .map(|d| Date::parse(d).with_context(|| format!("--date “{d}” 不是日期，应写作 2026-05-09")))
        .transpose()?;
    let files: Vec<PathBuf> = paths.iter().flat_map(|p| cluster_files(p)).collect();
    if files.is_empty() {
        bail!(
            "在 {} 中没有找到 cluster.yaml",
            paths.iter().map(|p| p.display().to_string()).collect::<Vec<_>>().join("、")
        );
    }
    let engine = Engine::new(bundled_fonts)?;
    let out = &build::output::Folder::output(paths::writable(out)?);
    let what: Vec<String> = paths.iter().map(|p| format!("{} 的现场核查符合性说明", paths::shown(p))).collect();
    let _lock = out.lock(&what.join("、"))?;
    let mut outcome = Outcome::Clean;
    for file in files {
        let loaded = match load::cluster(&file) {
            Ok(loaded) => loaded,
            Err(LoadError::Invalid { diagnostics, .. }) => {
                refuse(&file.display().to_string(), &diagnostics)?;
                outcome = Outcome::DataErrors;
                continue;
            }
            Err(other) => return Err(other.into()),
        };
        let city = city_above(&file).and_then(|city| project::load_city(&city).ok());
        // What the statement says must be true: the data meets every rule, denies none of its
        // statements, and the city's rules keep the cluster.
        let mut refusals: Vec<Diagnostic> =
            dossier::rules::cluster(&loaded).into_iter().filter(|d| d.severity == Severity::Error).collect();
        refusals.extend(dossier::rules::statement_refusals(&loaded));
        if let Some(project) = &city {
            let folder = file.parent().map(canonical);
            let listed = |entry: &str| Some(canonical(&project.dir().join(entry))) == folder;
            let excluded = dossier::rules::excluded(project);
            refusals.extend(excluded.iter().filter(|e| listed(&e.folder)).map(|e| e.refusal(project)));
        }
        if !refusals.is_empty() {
            refuse(&loaded.value.name, &refusals)?;
            outcome = Outcome::DataErrors;
            continue;
        }
        let mut verifier = city.map_or_else(|| Verifier::unknown(&loaded.value), |p| Verifier::of(&p.city.value));
        verifier.date = date.or(verifier.date);
        let mut form = forms::verification(&loaded.value, &verifier, false);
        form.name = format!("{}（{}）", form.name, loaded.value.name);
        for written in engine.write_form(out, &form)?.files {
            println!("已生成 {}", paths::shown(&written));
        }
    }
    Ok(outcome)
}

/// Creates a folder and those above it, saying in Chinese why it could not.
fn create_dir(dir: &Path) -> Result<()> {
    paths::writable(dir)
        .and_then(std::fs::create_dir_all)
        .map_err(|e| anyhow::anyhow!("无法创建目录 {}：{}", dir.display(), diagnostic::io_message(&e)))
}

/// Says why no statement was written for a cluster.
fn refuse(name: &str, findings: &[Diagnostic]) -> Result<()> {
    report_findings(findings)?;
    eprintln!("{NOT_BUILT} {name}：未生成现场核查符合性说明（原因见上）");
    Ok(())
}

/// Every `cluster.yaml` a path names: itself, or all under a folder, in name order.
fn cluster_files(path: &Path) -> Vec<PathBuf> {
    if path.is_file() {
        return vec![path.to_owned()];
    }
    let mut files: Vec<PathBuf> = walkdir::WalkDir::new(path)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_name() == CLUSTER_FILE)
        .map(|e| e.into_path())
        .collect();
    files.sort();
    files
}

/// The `city.yaml` of the nearest folder above a cluster file, if any.
fn city_above(cluster_file: &Path) -> Option<PathBuf> {
    cluster_file.ancestors().skip(2).map(|dir| dir.join(CITY_FILE)).find(|f| f.is_file())
}

pub fn schema(city: bool, province: bool) -> Result<Outcome> {
    let kind = match (city, province) {
        (true, _) => Kind::City,
        (_, true) => Kind::Province,
        _ => Kind::Cluster,
    };
    println!("{}", serde_json::to_string_pretty(&kind.schema())?);
    Ok(Outcome::Clean)
}

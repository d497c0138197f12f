//! dossier as a county office uses it, against its references:
//!
//! - all forms of one example cluster to DOCX and PDF, against LibreOffice converting the same
//!   DOCX files to PDF (`tools/docx-to-pdf.sh`, one `soffice --headless --convert-to pdf`);
//! - a rebuild after a one-line YAML edit (a figure the forms print, a value never built
//!   before), against a cold build of the same cluster; also as `dossier watch` rebuilds (the
//!   engine already loaded);
//! - a city of 30 clusters (the examples copied under new names: 2 recommended, 28 reviewed),
//!   cold with and without cache and after an edit, with CPU time against wall time.
//!
//!     cargo bench --bench build          (tools/bench.sh installs LibreOffice and runs it)
//!
//! Every dossier run is the release `dossier` (or this harness) in a process of its own under
//! `/usr/bin/time -v`, with the bundled fonts; medians of `BENCH_RUNS` runs (default 10, 3 for
//! LibreOffice and the city).

mod common;

use std::cell::Cell;
use std::path::{Path, PathBuf};
use std::time::Instant;

use common::{Sample, args, copy_tree, header, measure, row};
use dossier::build::cache::Cache;
use dossier::build::{self, CityContext, Engine};
use dossier::model::Submission;
use dossier::render::forms::{self, Verifier};
use rayon::prelude::*;

/// The example the cluster benchmarks build (two submissions: 附件2 and 附件3, two volumes).
const CLUSTER: &str = "qixian-glass";

fn main() {
    let argv: Vec<String> = std::env::args().collect();
    match argv.get(1).map(String::as_str) {
        Some("forms") => return write_forms(Path::new(&argv[2]), Path::new(&argv[3])),
        Some("watch") => return watch_rebuilds(Path::new(&argv[2]), Path::new(&argv[3]), argv[4].parse().unwrap()),
        _ => {}
    }
    let manifest = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let examples = manifest.join("data/jinzhong");
    let root = manifest.join("target/bench-build");
    let _ = std::fs::remove_dir_all(&root);
    std::fs::create_dir_all(&root).unwrap();
    let me = std::env::current_exe().unwrap();
    println!("build: {}", common::machine());
    let runs = common::runs(10);
    // `BENCH_PART=rebuild`: only the rebuilds, which need no LibreOffice.
    let everything = std::env::var("BENCH_PART").map_or(true, |part| part != "rebuild");

    if everything {
        forms(&manifest, &examples, &root, &me, runs);
    }

    // A rebuild after a one-line edit, against a cold build of the same cluster: the example as
    // shipped (its scans are small), and with the scans of a real submission added.
    let cluster = root.join("rebuild/cluster");
    copy_tree(&examples.join(CLUSTER), &cluster);
    rebuilds(&me, &cluster, &root.join("rebuild/out"), &format!("{CLUSTER} as shipped"), runs);
    let scanned = root.join("rebuild/scanned");
    copy_tree(&examples.join(CLUSTER), &scanned);
    add_scans(&scanned);
    rebuilds(
        &me,
        &scanned,
        &root.join("rebuild/scanned-out"),
        &format!("{CLUSTER} + {PNGS} PNG and {JPEGS} JPEG scans"),
        runs,
    );

    if everything {
        city(&examples, &root);
    }
}

/// All forms of one cluster: dossier against LibreOffice on the same DOCX files.
fn forms(manifest: &Path, examples: &Path, root: &Path, me: &Path, runs: usize) {
    let forms_out = root.join("forms");
    header(&format!("forms of {CLUSTER}, DOCX + PDF (median of {runs})"));
    let ours = measure(
        runs,
        || drop(std::fs::remove_dir_all(&forms_out)),
        &args(&[&me, &"forms", &examples.join(CLUSTER), &forms_out]),
    );
    row("dossier: 3 forms to DOCX and PDF", &ours);
    let mut docx: Vec<PathBuf> = std::fs::read_dir(&forms_out)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "docx"))
        .collect();
    docx.sort();
    let lo_runs = common::runs(3);
    let mut convert = args(&[&manifest.join("tools/docx-to-pdf.sh"), &root.join("libreoffice")]);
    convert.extend(docx.iter().map(|p| p.display().to_string()));
    let theirs = measure(lo_runs, || drop(std::fs::remove_dir_all(root.join("libreoffice"))), &convert);
    row(&format!("LibreOffice: the same {} DOCX to PDF ({lo_runs} runs)", docx.len()), &theirs);
    println!(
        "LibreOffice / dossier: {:.1}× wall, {:.1}× CPU (target ≥ 20×; dossier also writes the DOCX)",
        theirs.wall / ours.wall,
        theirs.cpu / ours.cpu
    );
}

/// A city of 30 clusters, cold with and without cache, and after an edit.
fn city(examples: &Path, root: &Path) {
    let city = root.join("city");
    make_city(examples, &city, 28);
    let out = root.join("city-out");
    let build = args(&[&env!("CARGO_BIN_EXE_dossier"), &"build", &city, &"--out", &out, &"--bundled-fonts"]);
    let city_runs = common::runs(3);
    header(&format!("city of 30 clusters (median of {city_runs}; CPU / wall = cores used)"));
    let fresh = || drop(std::fs::remove_dir_all(&out));
    let show = |name: &str, s: &Sample| {
        row(name, s);
        println!("{:<46} {:>9.2}", "  CPU / wall", s.cpu / s.wall);
    };
    show("cold build", &measure(city_runs, fresh, &build));
    show("cold build, --no-cache", &measure(city_runs, fresh, &[build.clone(), args(&[&"--no-cache"])].concat()));
    let edits = Cell::new(0);
    show(
        "rebuild after a one-line edit in one cluster",
        &measure(city_runs, || edit_figure(&city.join(CLUSTER).join("cluster.yaml"), &edits), &build),
    );
}

/// Full-page 300 dpi scans added to a real submission's worth of evidence.
const PNGS: usize = 10;
const JPEGS: usize = 60;

/// Adds scans to two of the cluster's evidence folders, as a county office scans contracts and
/// certificates: some saved as PNG (decoded and compressed again when bound), most as JPEG.
fn add_scans(cluster: &Path) {
    let folder = |name: &str| {
        let dir = cluster.join("evidence").join(name);
        std::fs::create_dir_all(&dir).unwrap();
        dir
    };
    let (pngs, jpegs) = (folder("05-产业链强链补链"), folder("11-数字化服务"));
    for i in 0..PNGS {
        std::fs::write(pngs.join(format!("10-扫描件-{i:02}.png")), common::png_scan(200 + i as u64)).unwrap();
    }
    let distinct: Vec<Vec<u8>> = (0..6).map(|i| common::scan(300 + i)).collect();
    for i in 0..JPEGS {
        std::fs::write(jpegs.join(format!("10-扫描件-{i:02}.jpg")), &distinct[i % distinct.len()]).unwrap();
    }
}

/// Cold builds and rebuilds of one cluster, as processes; and rebuilds as `dossier watch` does
/// them, in this harness (`watch` mode).
fn rebuilds(me: &Path, cluster: &Path, out: &Path, title: &str, runs: usize) {
    let build = args(&[&env!("CARGO_BIN_EXE_dossier"), &"build", &cluster, &"--out", &out, &"--bundled-fonts"]);
    let edits = Cell::new(0);
    let edit = || edit_figure(&cluster.join("cluster.yaml"), &edits);
    let fresh = || drop(std::fs::remove_dir_all(out));
    header(&format!("{title} (median of {runs})"));
    let cold = measure(runs, fresh, &build);
    row("cold build (empty output folder)", &cold);
    row("cold build, --no-cache", &measure(runs, fresh, &[build.clone(), args(&[&"--no-cache"])].concat()));
    let edited = measure(runs, edit, &build);
    row("rebuild after a one-line YAML edit", &edited);
    row("rebuild, nothing changed", &measure(runs, || {}, &build));
    common::timed(&args(&[&me, &"watch", &cluster, &out, &runs.to_string()]));
    let in_watch = std::fs::read_to_string(out.join("watch-median")).unwrap().trim().parse::<f64>().unwrap();
    println!("{:<46} {:>9.3}", "rebuild after an edit, in dossier watch", in_watch);
    println!(
        "rebuild after an edit / cold build: {:.0} % ({:.0} % in dossier watch; target ≤ 10 %)",
        100.0 * edited.wall / cold.wall,
        100.0 * in_watch / cold.wall
    );
}

/// Edits one line, 集群总产值 2024 (亿元, printed on 附件2 and 附件3), to a value no build has
/// seen yet: 46.01, 46.02, …
fn edit_figure(yaml: &Path, edits: &Cell<u32>) {
    edits.set(edits.get() + 1);
    let text = std::fs::read_to_string(yaml).unwrap();
    let start = text.find("    2024: 46.").expect("the edited figure");
    let end = start + text[start..].find('\n').unwrap() + 1;
    let line = format!("    2024: 46.{:02}\n", edits.get() % 100);
    std::fs::write(yaml, format!("{}{line}{}", &text[..start], &text[end..])).unwrap();
}

/// What `dossier build` writes as forms for a cluster: 附件8 and each submission's form with
/// its 情况说明, as DOCX and PDF, side by side as the build does.
fn write_forms(cluster: &Path, out: &Path) {
    let engine = Engine::new(true).unwrap();
    let loaded = dossier::load::cluster(&cluster.join("cluster.yaml")).unwrap();
    let c = &loaded.value;
    let mut all = vec![forms::verification(c, &Verifier::unknown(c), false)];
    for submission in Submission::ALL.into_iter().filter(|s| c.submits(*s)) {
        all.push(forms::cluster_form(c, submission, &forms::Opinion::default(), false));
        all.extend(forms::explanations(c, submission, false));
    }
    let folder = build::output::Folder::output(out);
    all.par_iter().for_each(|form| drop(engine.write_form(&folder, form).unwrap()));
}

/// As `dossier watch` rebuilds: one engine, then `runs` edits each followed by a build; writes
/// the median seconds of those builds to `out/watch-median`.
fn watch_rebuilds(cluster: &Path, out: &Path, runs: usize) {
    let engine = Engine::new(true).unwrap();
    let identity = engine.identity();
    let engine = engine.with_cache(Cache::new(out.join(".cache"), &identity));
    let options = build::Options { out: out.to_owned(), draft: false, duplex: true, progress: Default::default() };
    let yaml = cluster.join("cluster.yaml");
    let build = || {
        let loaded = dossier::load::cluster(&yaml).unwrap();
        let context = CityContext::standalone(&loaded.value);
        build::build_cluster(&engine, &loaded, &context, Vec::new(), &options).unwrap();
    };
    build();
    let edits = Cell::new(50);
    let times: Vec<f64> = (0..runs)
        .map(|_| {
            edit_figure(&yaml, &edits);
            let started = Instant::now();
            build();
            started.elapsed().as_secs_f64()
        })
        .collect();
    std::fs::write(out.join("watch-median"), common::median(times).to_string()).unwrap();
}

/// A city of the two applying examples and `reviewed` renamed copies of the reviewed one, all
/// listed in its city.yaml: passes the city rules (at most 3 recommended, any number reviewed).
fn make_city(examples: &Path, city: &Path, reviewed: usize) {
    for cluster in ["qixian-glass", "pingyao-beef"] {
        copy_tree(&examples.join(cluster), &city.join(cluster));
    }
    let mut entries = String::new();
    for n in 1..=reviewed {
        let folder = city.join(format!("yuci-{n:02}"));
        copy_tree(&examples.join("yuci-hydraulics"), &folder);
        let yaml = std::fs::read_to_string(folder.join("cluster.yaml")).unwrap();
        let renamed = yaml.replacen("name: 榆次区液压装备产业\n", &format!("name: 榆次区液压装备产业{n:02}\n"), 1);
        assert_ne!(renamed, yaml, "the copy is renamed");
        std::fs::write(folder.join("cluster.yaml"), renamed).unwrap();
        entries.push_str(&format!("  - cluster: yuci-{n:02}\n    opinion: 经初审，该集群符合复核要求，同意报送。\n"));
    }
    let text = std::fs::read_to_string(examples.join("city.yaml")).unwrap();
    let (start, end) = (text.find("reviewed:\n").unwrap(), text.find("\nrecommendation_letter:").unwrap());
    std::fs::write(city.join("city.yaml"), format!("{}reviewed:\n{entries}{}", &text[..start], &text[end..])).unwrap();
}

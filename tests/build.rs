//! `dossier build` on the example city, end to end: every document a cluster and the city need,
//! volumes a printer can bind (page numbers, 目录, A4), summary tables with one row per cluster,
//! byte-identical rebuilds, and the city rules that refuse a package or fail one cluster alone.

mod common;
mod volume_support;

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::{Arc, Mutex, OnceLock};

use common::{copy_example, engine, files_under, options};
use dossier::build::{self, BuildError, CityReport, Event, Options, Progress};
use dossier::load::project;
use dossier::model::Submission;

fn build_city(city: &Path, out: &Path) -> Result<CityReport, BuildError> {
    let project = project::load_city(&city.join("city.yaml")).unwrap();
    build::build_city(engine(), &project, &options(out))
}

/// The example city, built once for the tests that read it, with the events it reported.
fn built() -> &'static (tempfile::TempDir, CityReport) {
    &built_and_reported().0
}

fn built_and_reported() -> &'static ((tempfile::TempDir, CityReport), Vec<Event>) {
    static BUILT: OnceLock<((tempfile::TempDir, CityReport), Vec<Event>)> = OnceLock::new();
    BUILT.get_or_init(|| {
        let out = tempfile::tempdir().unwrap();
        let project = project::load_city(&common::example("").join("city.yaml")).unwrap();
        let events = Arc::new(Mutex::new(Vec::new()));
        let sink = events.clone();
        let progress = Progress::new(move |event| sink.lock().unwrap().push(event));
        let report = build::build_city(engine(), &project, &Options { progress, ..options(out.path()) })
            .expect("the example city builds");
        let events = events.lock().unwrap().clone();
        ((out, report), events)
    })
}

#[test]
fn every_document_of_the_example_city_is_written() {
    let (out, report) = built();
    let has = |path: &str| assert!(out.path().join(path).is_file(), "{path} missing");
    for (folder, result) in &report.clusters {
        let cluster = result.as_ref().unwrap_or_else(|e| panic!("{folder}: {e}"));
        let name = &cluster.name;
        let loaded = common::load_example(folder);
        for submission in Submission::ALL.into_iter().filter(|s| loaded.value.submits(*s)) {
            let form = format!("附件{} {}", submission.attachment(), submission.form_title());
            has(&format!("{name}/{form}.docx"));
            has(&format!("{name}/{form}.pdf"));
            has(&format!("{name}/{}.pdf", submission.volume_title().concat()));
        }
        has(&format!("{name}/附件8 现场核查符合性说明.pdf"));
        has(&format!("{name}/打印清单.txt"));
        let county = &loaded.value.region.county;
        let disc =
            if loaded.value.submissions.iter().any(|s| s.is_review()) { "复核申报资料" } else { "申报资料" };
        assert!(out.path().join(format!("{name}/光盘/{county}中小企业特色产业集群{disc}")).is_dir());
    }
    for city_file in [
        "附件1 2026年度国家级、省级中小企业特色产业集群推荐汇总表",
        "附件4 2023年度国家级、省级中小企业特色产业集群复核情况汇总表",
        "正式推荐文件",
        "正式复核意见文件",
        "附件8 现场核查符合性说明（祁县玻璃器皿产业）",
    ] {
        has(&format!("晋中市/{city_file}.docx"));
        has(&format!("晋中市/{city_file}.pdf"));
    }
}

#[test]
fn volumes_number_their_pages_and_their_contents_says_where_items_start() {
    let (_, report) = built();
    for (_, result) in &report.clusters {
        for (path, built) in &result.as_ref().unwrap().volumes {
            let volume = volume_support::Volume::open(path);
            let pages = volume.doc.get_pages();
            assert_eq!(pages.len() as u32, built.pages, "{}", path.display());
            let item_pages: u32 = built.items.iter().map(|i| i.pages).sum();
            assert_eq!(built.pages, built.front_pages + built.blank_pages + item_pages, "{}", path.display());
            for index in 0..pages.len() {
                let (w, h) = volume.shown_size(index);
                assert!((w - 595.3).abs() < 1.0 && (h - 841.9).abs() < 1.0, "page {} is {w}×{h}", index + 1);
                let printed = index as u32 + 1;
                let expected = printed.checked_sub(built.front_pages);
                assert_eq!(volume.stamped_number(index), expected.filter(|n| *n > 0), "page {printed}");
            }
            // The 目录 pages, read back as text: each item's title is followed, past the leader
            // dots, by its start page.
            let contents: String = (1..built.front_pages as usize)
                .map(|index| volume.text(index))
                .collect::<String>()
                .chars()
                .filter(|c| !c.is_whitespace() && *c != '…')
                .collect();
            for (item, entry) in Submission::ALL
                .into_iter()
                .find(|s| path.ends_with(format!("{}.pdf", s.volume_title().concat())))
                .unwrap()
                .items()
                .iter()
                .zip(&built.items)
            {
                let line = format!("{}.{}{}", entry.number, item.title, entry.start);
                assert!(contents.contains(&line), "{}: 目录 lacks {line}", path.display());
                assert_eq!(entry.start % 2, 1, "duplex: item {} starts on a right-hand page", entry.number);
            }
        }
    }
}

#[test]
fn no_page_of_a_form_ends_with_a_heading_or_a_note_that_introduces_a_table() {
    let (out, _) = built();
    // What stays with what follows: the plan's headings, the stage years, the notes over tables.
    let kept = [
        "年度",
        "三年总体目标",
        "阶段性目标",
        "总体思路",
        "发展目标",
        "重点任务",
        "保障措施",
        "以上方面）",
        "以下方面）",
    ];
    for form in [
        "祁县玻璃器皿产业/附件2 山西省中小企业特色产业集群申报表.pdf",
        "祁县玻璃器皿产业/附件3 中小企业特色产业集群申报表.pdf",
        "平遥县牛肉食品产业/附件2 山西省中小企业特色产业集群申报表.pdf",
        "榆次区液压装备产业/附件5 山西省中小企业特色产业集群复核申报表.pdf",
        "榆次区液压装备产业/附件6 中小企业特色产业集群复核申报表.pdf",
    ] {
        let pdf = volume_support::Volume::open(&out.path().join(form));
        for index in 0..pdf.pages.len() {
            let text: String = pdf.text(index).chars().filter(|c| !c.is_whitespace()).collect();
            // The page number comes last: "—7—".
            let body = text.trim_end_matches('—').trim_end_matches(|c: char| c.is_ascii_digit()).trim_end_matches('—');
            assert!(!kept.iter().any(|k| body.ends_with(k)), "{form}, page {}: ends with “{}”", index + 1, {
                let tail: Vec<char> = body.chars().rev().take(30).collect();
                tail.into_iter().rev().collect::<String>()
            });
        }
    }
}

#[test]
fn the_summary_tables_have_one_row_per_cluster_with_its_figures() {
    let (out, _) = built();
    let city = dossier::load::city(&common::example("city.yaml")).unwrap().value;
    let summary =
        std::fs::read(out.path().join("晋中市/附件1 2026年度国家级、省级中小企业特色产业集群推荐汇总表.docx")).unwrap();
    let xml = common::unzip(&summary).remove("word/document.xml").unwrap();
    let rows = common::docx_rows(&xml);
    // Two header rows: the titles, then the 集群简介 note under its title (as the official table).
    assert_eq!(rows.len(), 2 + city.recommended.len(), "a header and one row per recommended cluster");
    assert!(rows[1].iter().any(|cell| cell.starts_with("（集群主导产业发展情况")), "{:?}", rows[1]);
    for (row, entry) in rows[2..].iter().zip(&city.recommended) {
        let cluster = common::load_example(&entry.cluster).value;
        assert_eq!(row[1], cluster.name);
        assert_eq!(row[2], cluster.operator.name);
        assert_eq!(row[6], cluster.founded);
        assert_eq!(
            row[7].replace('\n', ""),
            cluster.summary.lines().map(str::trim).collect::<String>(),
            "集群简介 whole"
        );
    }
    let pdf =
        lopdf::Document::load(out.path().join("晋中市/附件1 2026年度国家级、省级中小企业特色产业集群推荐汇总表.pdf"))
            .unwrap();
    let text = common::page_texts(&pdf).concat();
    for entry in &city.recommended {
        assert!(text.contains(&common::load_example(&entry.cluster).value.name), "the PDF names {}", entry.cluster);
    }

    let review =
        std::fs::read(out.path().join("晋中市/附件4 2023年度国家级、省级中小企业特色产业集群复核情况汇总表.docx"))
            .unwrap();
    let rows = common::docx_rows(&common::unzip(&review).remove("word/document.xml").unwrap());
    assert_eq!(rows.len(), 2 + city.reviewed.len());
    for (row, entry) in rows[2..].iter().zip(&city.reviewed) {
        assert_eq!(row[1], common::load_example(&entry.cluster).value.name);
        assert_eq!(row[6], entry.opinion);
    }
}

#[test]
fn two_builds_of_the_same_inputs_are_byte_identical() {
    let (out, _) = built();
    let again = tempfile::tempdir().unwrap();
    build_city(&common::example(""), again.path()).unwrap();
    let first = files_under(out.path());
    let second = files_under(again.path());
    assert_eq!(first.keys().collect::<Vec<_>>(), second.keys().collect::<Vec<_>>());
    for (path, bytes) in &first {
        assert!(bytes == &second[path], "{} differs between two builds", path.display());
    }
}

/// The bytes of every output of the example city, as recorded in `tests/expected/example-city.txt`
/// (path and BLAKE3 hash): a change of code that is meant to leave the outputs alone proves it
/// here. After a change that alters them on purpose, look at the new outputs, then record them
/// with `DOSSIER_BLESS=1 cargo test --test build recorded`.
#[test]
fn the_example_city_builds_to_the_recorded_bytes() {
    let (out, _) = built();
    let actual: String = files_under(out.path())
        .iter()
        .map(|(path, bytes)| {
            format!("{}  {}\n", blake3::hash(bytes).to_hex(), path.to_string_lossy().replace('\\', "/"))
        })
        .collect();
    let recorded = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/expected/example-city.txt");
    if std::env::var_os("DOSSIER_BLESS").is_some() {
        std::fs::create_dir_all(recorded.parent().unwrap()).unwrap();
        std::fs::write(&recorded, &actual).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&recorded).unwrap_or_default();
    let differ: Vec<&str> = actual
        .lines()
        .filter(|line| !expected.lines().any(|e| e == *line))
        .chain(expected.lines().filter(|line| !actual.lines().any(|a| a == *line)))
        .collect();
    assert!(
        differ.is_empty(),
        "the outputs differ from tests/expected/example-city.txt (DOSSIER_BLESS=1 records them):\n{}",
        differ.join("\n")
    );
}

#[test]
fn a_city_recommending_four_clusters_is_refused_and_nothing_is_written() {
    let dir = copy_example("");
    for copy in ["qixian-glass-2", "qixian-glass-3"] {
        std::fs::create_dir_all(dir.path().join(copy)).unwrap();
        let yaml = std::fs::read_to_string(dir.path().join("qixian-glass/cluster.yaml")).unwrap();
        std::fs::write(
            dir.path().join(copy).join("cluster.yaml"),
            yaml.replacen("segment: ", &format!("segment: {copy}"), 1),
        )
        .unwrap();
    }
    let city = std::fs::read_to_string(dir.path().join("city.yaml")).unwrap();
    let more =
        city.replacen("recommended:\n", "recommended:\n  - cluster: qixian-glass-2\n  - cluster: qixian-glass-3\n", 1);
    std::fs::write(dir.path().join("city.yaml"), more).unwrap();
    let out = tempfile::tempdir().unwrap();
    match build_city(dir.path(), out.path()) {
        Err(BuildError::DataErrors(findings)) => {
            assert!(findings.iter().any(|d| d.message.contains("最多推荐 3 个")), "{findings:#?}")
        }
        Err(other) => panic!("refused for another reason: {other}"),
        Ok(_) => panic!("a city with four recommendations was built"),
    }
    assert_eq!(std::fs::read_dir(out.path()).unwrap().count(), 0, "nothing written");
}

#[test]
fn a_broken_cluster_fails_alone_and_the_others_are_written() {
    let dir = copy_example("");
    let file = dir.path().join("pingyao-beef/cluster.yaml");
    let yaml = std::fs::read_to_string(&file).unwrap();
    std::fs::write(&file, yaml.replacen("area_km2: ", "area_km2: 很大", 1)).unwrap();
    let out = tempfile::tempdir().unwrap();
    let report = build_city(dir.path(), out.path()).expect("the city itself is fine");
    let results: BTreeMap<_, _> = report.clusters.iter().map(|(folder, result)| (folder.as_str(), result)).collect();
    match results["pingyao-beef"] {
        Err(BuildError::DataErrors(findings)) => assert!(findings.iter().any(|d| d.path == "area_km2")),
        other => panic!("the broken cluster was not refused: {:?}", other.as_ref().map(|r| &r.name)),
    }
    assert!(results["qixian-glass"].is_ok() && results["yuci-hydraulics"].is_ok());
    assert!(out.path().join("祁县玻璃器皿产业/山西省中小企业特色产业集群申报材料.pdf").is_file());
}

#[test]
fn every_file_written_is_whole_and_readable_by_others() {
    let (out, _) = built();
    for (path, bytes) in files_under(out.path()) {
        assert!(!bytes.is_empty(), "{} is empty", path.display());
        match path.extension().and_then(|e| e.to_str()) {
            Some("pdf") => assert!(bytes.starts_with(b"%PDF-"), "{}", path.display()),
            Some("docx") => assert!(bytes.starts_with(b"PK"), "{}", path.display()),
            _ => {}
        }
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(out.path().join(&path)).unwrap().permissions().mode();
            assert_eq!(mode & 0o044, 0o044, "{} is not readable by others", path.display());
        }
    }
}

#[test]
fn a_character_no_font_has_is_named_by_its_field() {
    let dir = copy_example("");
    let file = dir.path().join("pingyao-beef/cluster.yaml");
    let yaml = std::fs::read_to_string(&file).unwrap();
    std::fs::write(&file, yaml.replacen("  chain_text: |\n", "  chain_text: |\n    开心😀。\n", 1)).unwrap();
    let loaded = dossier::load::cluster(&file).unwrap();
    let out = tempfile::tempdir().unwrap();
    let context = build::CityContext::standalone(&loaded.value);
    match build::build_cluster(engine(), &loaded, &context, Vec::new(), &options(out.path())) {
        Err(BuildError::DataErrors(findings)) => {
            assert_eq!(findings.len(), 1, "{findings:#?}");
            assert_eq!(findings[0].path, "industry.chain_text");
            assert!(findings[0].message.contains("U+1F600"), "{}", findings[0].message);
        }
        Err(other) => panic!("another error: {other}"),
        Ok(_) => panic!("built with a character no font has"),
    }
}

#[test]
fn a_build_reports_its_clusters_and_each_volume_file_by_file() {
    let ((_, report), events) = built_and_reported();
    let city = "晋中市".to_string();
    assert_eq!(events.first(), Some(&Event::ClustersStarted { city: city.clone(), clusters: report.clusters.len() }));
    let built: Vec<&Event> = events.iter().filter(|e| matches!(e, Event::ClusterBuilt { .. })).collect();
    assert_eq!(built.len(), report.clusters.len());
    assert!(built.iter().all(|e| matches!(e, Event::ClusterBuilt { ok: true, .. })));
    // The city's own events end with the clusters; the volumes' came from rayon's threads before.
    let finished = events.iter().position(|e| *e == Event::ClustersFinished { city: city.clone() }).unwrap();
    assert_eq!(finished, events.len() - 1);
    for (_, cluster) in &report.clusters {
        let cluster = cluster.as_ref().unwrap();
        for (path, volume) in &cluster.volumes {
            let title = path.file_stem().unwrap().to_string_lossy().into_owned();
            let own: Vec<&dossier::volume::Event> = events
                .iter()
                .filter_map(|e| match e {
                    Event::Volume { cluster: c, binding } if *c == cluster.name => Some(binding),
                    _ => None,
                })
                .filter(|b| matches!(b, dossier::volume::Event::Started { volume, .. } | dossier::volume::Event::Bound { volume, .. } | dossier::volume::Event::Finished { volume } if *volume == title))
                .collect();
            let files = volume.files.len();
            assert_eq!(
                own.first(),
                Some(&&dossier::volume::Event::Started { volume: title.clone(), files }),
                "{title}"
            );
            assert_eq!(own.last(), Some(&&dossier::volume::Event::Finished { volume: title.clone() }));
            let done: Vec<usize> = own
                .iter()
                .filter_map(|b| match b {
                    dossier::volume::Event::Bound { done, .. } => Some(*done),
                    _ => None,
                })
                .collect();
            assert_eq!(done, (1..=files).collect::<Vec<_>>(), "{title}: one event per file, in order");
        }
    }
    // What a browser would get.
    let json = serde_json::to_value(built[0]).unwrap();
    assert_eq!(json["kind"], "cluster_built");
    assert_eq!(json["city"], "晋中市");
}

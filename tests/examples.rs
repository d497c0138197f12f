//! The bundled example (`data/jinzhong`) as what it is for: the data a new user copies and the
//! input every other test edits. It must pass `dossier check` as it ships — the rules with its
//! real scans, every document typeset — and exercise what the forms and volumes can hold: every
//! kind of submission, a scan in every volume item, every file format a county sends.
//!
//! The rules themselves are tested one by one, at their line and column, in `tests/rules.rs` and
//! `tests/rules_city.rs`; nothing here restates them.

mod common;

use std::collections::BTreeSet;
use std::path::PathBuf;

use dossier::build;
use dossier::load::project::{self, CityProject, Target};
use dossier::load::scans;
use dossier::model::{Cluster, Submission, TOPICS, Topic};

fn city() -> CityProject {
    let project = project::load_city(&common::example("city.yaml")).expect("the example city loads");
    assert!(project.failed.is_empty(), "{:#?}", project.failed);
    project
}

/// Every scan of a cluster, by its folder's topic.
fn scans_of(cluster: &dossier::load::Loaded<Cluster>) -> Vec<PathBuf> {
    let root = cluster.path.parent().unwrap();
    TOPICS.into_iter().flat_map(|topic| scans::files(&cluster.value.evidence, root, topic).0).map(|f| f.path).collect()
}

#[test]
fn the_example_city_passes_check() {
    let findings = build::check::check(common::engine(), &Target::City(common::example("city.yaml"))).unwrap();
    assert!(findings.is_empty(), "{findings:#?}");
}

#[test]
fn the_examples_submit_every_form() {
    let project = city();
    assert_eq!(project.clusters.len(), 3);
    let submitted: BTreeSet<Submission> =
        project.clusters.values().flat_map(|c| c.value.submissions.iter().copied()).collect();
    assert_eq!(submitted, BTreeSet::from(Submission::ALL), "one of the forms is not exercised");
}

/// A volume item with no scan prints only a placeholder. The rules require a scan where a box
/// is ticked; the example goes further and binds a real scan into every item of its volumes
/// but those dossier typesets itself (the forms, and the 附件8 it writes while the city's
/// stamped one is not scanned yet) and those its data has nothing for.
#[test]
fn every_volume_item_of_the_examples_binds_a_scan() {
    let nothing_to_prove = [
        // 碳排放监测机制: 否.
        "pingyao-beef ProvincialApplication 集群碳排放监测机制",
        // A review has no part 七 and so no 公共服务 boxes.
        "yuci-hydraulics ProvincialReview 集群已提供的中小企业公共服务清单、合同等",
        "yuci-hydraulics NationalReview 集群已提供的中小企业公共服务清单、合同等",
    ];
    let mut empty = Vec::new();
    for (folder, cluster) in &city().clusters {
        let root = cluster.path.parent().unwrap();
        for submission in &cluster.value.submissions {
            for item in submission.items() {
                if item.topic.folder().is_none() || item.topic == Topic::Verification {
                    continue;
                }
                let (files, problems) = scans::files(&cluster.value.evidence, root, item.topic);
                assert!(problems.is_empty(), "{folder}: {problems:#?}");
                if files.is_empty() {
                    empty.push(format!("{folder} {submission:?} {}", item.title));
                }
            }
        }
    }
    assert_eq!(empty, nothing_to_prove);
}

/// Every scan opens with the decoders the volumes use; pages are A4 at 150 dpi (portrait or
/// landscape) except photos; one photo is stored sideways behind an EXIF orientation; JPEG, PNG,
/// TIFF and PDF are all there; the whole data tree stays small enough to ship.
#[test]
fn the_scans_open_with_the_volume_decoders_and_cover_every_format() {
    use image::ImageDecoder;
    use image::metadata::Orientation;

    let mut turned = 0;
    let mut formats = BTreeSet::new();
    let mut bytes = 0u64;
    for cluster in city().clusters.values() {
        for file in scans_of(cluster) {
            bytes += file.metadata().unwrap().len();
            let ext = file.extension().unwrap().to_string_lossy().to_lowercase();
            formats.insert(ext.clone());
            if ext == "pdf" {
                let doc = lopdf::Document::load(&file).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
                assert!(!doc.get_pages().is_empty(), "{}: no pages", file.display());
                continue;
            }
            let reader = image::ImageReader::open(&file).unwrap().with_guessed_format().unwrap();
            let mut decoder = reader.into_decoder().unwrap_or_else(|e| panic!("{}: {e}", file.display()));
            let orientation = decoder.orientation().unwrap();
            let (w, h) = decoder.dimensions();
            // Baseline JPEG is well trodden; decode the pixels of the rest (1-bit PNG, LZW TIFF)
            // and of the photos, which a debug build does in reasonable time.
            if ext != "jpg" || orientation != Orientation::NoTransforms {
                image::DynamicImage::from_decoder(decoder).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
            }
            if orientation != Orientation::NoTransforms {
                turned += 1;
                assert!(
                    matches!(orientation, Orientation::Rotate90 | Orientation::Rotate270),
                    "{}: {orientation:?}",
                    file.display()
                );
            }
            if !file.file_name().unwrap().to_string_lossy().contains("照片") {
                assert!(
                    (w, h) == (1240, 1754) || (w, h) == (1754, 1240),
                    "{}: {w}×{h} is not an A4 page at 150 dpi",
                    file.display()
                );
            }
        }
    }
    assert!(turned >= 1, "no photo carries an EXIF rotation");
    assert_eq!(formats, BTreeSet::from(["jpg", "pdf", "png", "tif"].map(String::from)));
    assert!(bytes < 12_500_000, "the scans total {bytes} bytes");
}

/// The 集群简介 says what the column of 附件1 and 附件4 asks for. That each figure it states is
/// the table's is the narratives rule's to check (`tests/rules.rs`).
#[test]
fn the_summaries_say_what_the_summary_tables_ask() {
    const ASKED: [&str; 8] = [
        "2025年",
        "集群总产值",
        "中小企业",
        "专精特新中小企业",
        "“小巨人”企业",
        "单项冠军企业",
        "有效发明专利",
        "万人发明专利拥有量",
    ];
    for (folder, cluster) in &city().clusters {
        for asked in ASKED {
            assert!(cluster.value.summary.contains(asked), "{folder}: the summary says nothing of {asked}");
        }
    }
}

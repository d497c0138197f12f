//! The city's rules, on a copy of the bundled Jinzhong data: at most 3 recommended clusters,
//! one per 细分领域, each applying; each reviewed cluster under review; every cluster of the
//! city named.

mod common;

use std::fs;

use dossier::load::diagnostic::{Diagnostic, Severity};

/// A copy of `data/jinzhong` in a temporary folder.
struct City {
    dir: tempfile::TempDir,
}

impl City {
    /// The example city, scans included.
    fn jinzhong() -> City {
        City { dir: common::copy_example("") }
    }

    /// Replaces text that occurs once in a file of the copy.
    fn edit(self, file: &str, from: &str, to: &str) -> City {
        common::edit(&self.dir.path().join(file), from, to);
        self
    }

    /// Copies a cluster folder of the copy under a new name.
    fn clone_cluster(self, from: &str, to: &str) -> City {
        common::copy_dir(&self.dir.path().join(from), &self.dir.path().join(to));
        self
    }

    /// Every finding of `dossier check` on the city: its clusters' and its own.
    fn check(&self) -> Checked {
        let file = self.dir.path().join("city.yaml");
        let project = dossier::load::project::load_city(&file).unwrap();
        let mut findings: Vec<_> = project.problems().cloned().collect();
        for cluster in project.clusters.values() {
            findings.extend(dossier::rules::cluster(cluster));
        }
        findings.extend(dossier::rules::city(&project));
        Checked { findings, text: fs::read_to_string(&file).unwrap() }
    }
}

struct Checked {
    findings: Vec<Diagnostic>,
    /// The city file's text.
    text: String,
}

impl Checked {
    /// The only finding, which is at `path` of city.yaml, on the line of `needle` and in the
    /// column of `mark`, the first thing of that line it points at.
    fn single(&self, path: &str, severity: Severity, needle: &str, mark: &str) -> &Diagnostic {
        assert_eq!(self.findings.len(), 1, "{:#?}", self.findings);
        let d = &self.findings[0];
        assert_eq!((d.path.as_str(), d.severity), (path, severity), "{d:#?}");
        assert!(d.file.ends_with("city.yaml"), "{d:#?}");
        assert_eq!(self.text.matches(needle).count(), 1, "{needle:?} should occur once in city.yaml");
        let at = self.text.find(needle).unwrap();
        let line = &self.text[at..at + needle.find('\n').unwrap_or(needle.len())];
        let column = line[..line.find(mark).unwrap()].chars().count() + 1;
        assert_eq!((d.pos.line, d.pos.column), (self.text[..at].matches('\n').count() + 1, column), "{d:#?}");
        d
    }
}

const RECOMMENDED: &str = "  - cluster: pingyao-beef\n";

/// A recommendation of `folder`, added after pingyao-beef's line (so it takes over the
/// example's second opinion, and pingyao-beef gets a short one).
fn recommend(folder: &str) -> String {
    format!("{RECOMMENDED}    opinion: 同意推荐。\n  - cluster: {folder}\n")
}

#[test]
fn at_most_three_clusters_are_recommended() {
    let mut city = City::jinzhong();
    for (i, segment) in ["农副食品加工", "糕点制造"].iter().enumerate() {
        let folder = format!("extra-{i}");
        city = city.clone_cluster("pingyao-beef", &folder).edit(
            &format!("{folder}/cluster.yaml"),
            "segment: 酱卤牛肉制品",
            &format!("segment: {segment}"),
        );
    }
    let broken = city
        .edit("city.yaml", RECOMMENDED, &format!("{RECOMMENDED}  - cluster: extra-0\n  - cluster: extra-1\n"))
        .check();
    let d = broken.single("recommended.3", Severity::Error, "  - cluster: extra-1", "cluster");
    assert!(d.message.contains("4 个") && d.message.contains("不予受理"), "{d:#?}");
}

#[test]
fn one_cluster_per_segment() {
    let broken = City::jinzhong()
        .clone_cluster("pingyao-beef", "pingyao-2")
        .edit("city.yaml", RECOMMENDED, &recommend("pingyao-2"))
        .check();
    let d = broken.single("recommended.2.cluster", Severity::Error, "  - cluster: pingyao-2", "pingyao-2");
    assert!(d.message.contains("酱卤牛肉制品") && d.message.contains("pingyao-beef"), "{d:#?}");
}

#[test]
fn a_recommended_cluster_applies() {
    let broken = City::jinzhong().edit("city.yaml", RECOMMENDED, &recommend("yuci-hydraulics")).check();
    let d = broken.single(
        "recommended.2.cluster",
        Severity::Error,
        "  - cluster: yuci-hydraulics\n    opinion: 经现场核查",
        "yuci",
    );
    assert!(d.message.contains("没有申报"), "{d:#?}");
}

#[test]
fn a_reviewed_cluster_is_under_review() {
    let broken = City::jinzhong()
        .edit("city.yaml", "reviewed:\n", "reviewed:\n  - cluster: qixian-glass\n    opinion: 同意。\n")
        .check();
    let d = broken.single(
        "reviewed.0.cluster",
        Severity::Error,
        "  - cluster: qixian-glass\n    opinion: 同意。",
        "qixian",
    );
    assert!(d.message.contains("没有复核申报"), "{d:#?}");
}

#[test]
fn a_cluster_is_named_once_per_list() {
    let broken = City::jinzhong().edit("city.yaml", RECOMMENDED, &recommend("qixian-glass")).check();
    broken.single(
        "recommended.2.cluster",
        Severity::Error,
        "  - cluster: qixian-glass\n    opinion: 经现场核查，该集群申报材料真实有效，“",
        "qixian",
    );
}

#[test]
fn every_cluster_under_review_is_in_the_review_summary() {
    let city = City::jinzhong();
    let text = fs::read_to_string(city.dir.path().join("city.yaml")).unwrap();
    let start = text.find("reviewed:\n").unwrap();
    let end = text.find("\nrecommendation_letter:").unwrap();
    let broken = city.edit("city.yaml", &text[start..end], "reviewed: []\n").check();
    let d = broken.single("reviewed", Severity::Error, "reviewed: []", "reviewed");
    assert!(d.message.contains("yuci-hydraulics") && d.message.contains("2023"), "{d:#?}");
}

#[test]
fn a_cluster_of_the_city_left_out_is_worth_a_warning() {
    let broken = City::jinzhong().clone_cluster("pingyao-beef", "taigu-pears").check();
    let d = broken.single("recommended", Severity::Warning, "recommended:", "recommended");
    assert!(d.message.contains("taigu-pears"), "{d:#?}");
}

#[test]
fn a_cluster_of_another_city_is_refused() {
    let broken = City::jinzhong().edit("pingyao-beef/cluster.yaml", "city: 晋中市", "city: 吕梁市").check();
    let d = broken.single("recommended.1.cluster", Severity::Error, RECOMMENDED, "pingyao");
    assert!(d.message.contains("吕梁市"), "{d:#?}");
}

#[test]
fn an_opinion_that_is_there_is_not_blank() {
    let city = City::jinzhong();
    let text = fs::read_to_string(city.dir.path().join("city.yaml")).unwrap();
    let start = text.find("    opinion: 经现场核查，该集群申报材料真实有效，“平遥牛肉”").unwrap();
    let line = &text[start..start + text[start..].find('\n').unwrap()];
    let broken = city.edit("city.yaml", line, "    opinion: \"\"").check();
    broken.single("recommended.1.opinion", Severity::Error, "    opinion: \"\"", "opinion");
}

//! The city's rules: at most 3 recommended clusters, one per 细分领域 (more is 一律不予受理);
//! a recommended cluster applies and a reviewed one is under review; the review summary lists
//! every 2023 cluster the city has. Missing cluster folders are reported by `project`, each
//! cluster's own rules (集群简介 ≤ 300字, the 2023 认定年度) by [`super::cluster`].

use std::collections::BTreeMap;
use std::path::PathBuf;

use super::{Sheet, applies, intact, required, reviews};
use crate::load;
use crate::load::diagnostic::Diagnostic;
use crate::load::disk::canonical;
use crate::load::project::{CLUSTER_FILE, CityProject};
use crate::model::Cluster;
use crate::model::schema::Kind;

/// 每市推荐不超过 3 个集群.
const MAX_RECOMMENDED: usize = 3;

pub fn check(project: &CityProject) -> Vec<Diagnostic> {
    let city = &project.city;
    let sheet = Sheet::new(Kind::City, city);
    let mut out = Vec::new();
    required::blank_texts(&sheet, &sheet.json, "", &[], &mut out);

    let recommended = &city.value.recommended;
    if recommended.len() > MAX_RECOMMENDED {
        out.push(sheet.error(
            &format!("recommended.{MAX_RECOMMENDED}"),
            format!("推荐了 {} 个集群，每市最多推荐 {MAX_RECOMMENDED} 个，超过的一律不予受理", recommended.len()),
            format!("只保留 {MAX_RECOMMENDED} 个集群（按推荐顺序）"),
        ));
    }
    let entries = recommended.iter().map(|r| r.cluster.as_str());
    let excluded = excluded(project);
    for (field, folder, cluster) in entries_of(project, &sheet, "recommended", entries, &mut out) {
        if !applies(cluster) {
            out.push(sheet.error(
                &field,
                format!("推荐的集群 “{}” 没有申报（其 submissions 中没有省级申报或国家级申报）", cluster.name),
                "在该集群的 cluster.yaml 的 submissions 中加上“省级申报”或“国家级申报”；不申报的请从 recommended 中删去",
            ));
        }
        if let Some(Exclusion { cause: Cause::Segment(first), .. }) = excluded.iter().find(|e| e.folder == folder) {
            out.push(sheet.error(
                &field,
                format!(
                    "与 “{first}” 同属细分领域“{}”：每个细分领域只能推荐 1 个集群，超过的一律不予受理",
                    cluster.segment
                ),
                "每个细分领域只保留一个集群；如细分领域填写有误，请更正该集群的 segment",
            ));
        }
    }
    let entries = city.value.reviewed.iter().map(|r| r.cluster.as_str());
    for (field, _, cluster) in entries_of(project, &sheet, "reviewed", entries, &mut out) {
        if !reviews(cluster) {
            out.push(sheet.error(
                &field,
                format!("复核的集群 “{}” 没有复核申报（其 submissions 中没有省级复核或国家级复核）", cluster.name),
                "在该集群的 cluster.yaml 的 submissions 中加上“省级复核”或“国家级复核”；不复核的请从 reviewed 中删去",
            ));
        }
    }
    unlisted(project, &sheet, &mut out);
    out
}

/// The loaded clusters of a list with the field that names each; a folder named twice is
/// reported, and a folder that does not load is left to `project`.
fn entries_of<'p>(
    project: &'p CityProject,
    sheet: &Sheet,
    list: &str,
    folders: impl Iterator<Item = &'p str>,
    out: &mut Vec<Diagnostic>,
) -> Vec<(String, &'p str, &'p Cluster)> {
    let mut seen = Vec::new();
    let mut entries = Vec::new();
    for (i, folder) in folders.enumerate() {
        let field = format!("{list}.{i}.cluster");
        if seen.contains(&folder) {
            out.push(sheet.error(&field, format!("集群 “{folder}” 重复列出"), "每个集群只列一次：删去重复的一项"));
            continue;
        }
        seen.push(folder);
        let Some(loaded) = project.cluster(folder) else { continue };
        // A cluster whose file stands in for its region or submissions is not judged by them.
        if !intact(&loaded.stand_ins, &["region", "submissions", "segment"]) {
            continue;
        }
        let value = &loaded.value;
        let city = &project.city.value;
        if (value.region.province.as_str(), value.region.city.as_str()) != (city.province.as_str(), city.city.as_str())
        {
            out.push(sheet.error(
                &field,
                format!(
                    "集群 “{}” 所属地区为{}{}，不是本市（{}{}）的集群",
                    value.name, value.region.province, value.region.city, city.province, city.city
                ),
                "核对该集群 cluster.yaml 中的 region，或从本市名单中删去",
            ));
        }
        entries.push((field, folder, value));
    }
    entries
}

/// Why the notice refuses a recommended cluster outright (一律不予受理).
pub enum Cause {
    /// Recommended beyond the city's first three.
    BeyondThree,
    /// A later cluster of a 细分领域 already recommended (by the folder of the first).
    Segment(String),
}

/// A recommended cluster the notice refuses: the city cannot send it, nor vouch for it.
pub struct Exclusion {
    pub folder: String,
    /// The city file's field that names it (`recommended.3.cluster`).
    pub field: String,
    pub cause: Cause,
}

impl Exclusion {
    /// Why the city cannot sign a 现场核查符合性说明 for it, at the city file's line naming it.
    pub fn refusal(&self, project: &CityProject) -> Diagnostic {
        let reason = match &self.cause {
            Cause::BeyondThree => format!("每市最多推荐 {MAX_RECOMMENDED} 个集群，它排在第 {MAX_RECOMMENDED} 个之后"),
            Cause::Segment(first) => format!("它与 “{first}” 同属一个细分领域，每个细分领域只推荐 1 个集群"),
        };
        Sheet::new(Kind::City, &project.city).error(
            &self.field,
            format!("集群 “{}” 一律不予受理（{reason}）：不能为它出具现场核查符合性说明", self.folder),
            "先按 dossier check 的提示调整推荐名单；不再推荐的集群不出具说明",
        )
    }
}

/// The recommended clusters the notice refuses.
pub fn excluded(project: &CityProject) -> Vec<Exclusion> {
    let mut out = Vec::new();
    let mut segments: BTreeMap<&str, &str> = BTreeMap::new();
    for (i, entry) in project.city.value.recommended.iter().enumerate() {
        let folder = entry.cluster.clone();
        let field = format!("recommended.{i}.cluster");
        if i >= MAX_RECOMMENDED {
            out.push(Exclusion { folder, field, cause: Cause::BeyondThree });
            continue;
        }
        let Some(loaded) = project.cluster(&entry.cluster) else { continue };
        if !intact(&loaded.stand_ins, &["segment"]) {
            continue;
        }
        match segments.get(loaded.value.segment.as_str()) {
            Some(first) if *first != entry.cluster => {
                out.push(Exclusion { folder, field, cause: Cause::Segment((*first).to_owned()) })
            }
            Some(_) => {}
            None => {
                segments.insert(&loaded.value.segment, &entry.cluster);
            }
        }
    }
    out
}

/// Cluster folders beside `city.yaml` that the city names nowhere: a cluster under review
/// must be in the review summary (附件4 lists all the city's 2023 clusters); any other is
/// worth a word, since it will not be submitted.
fn unlisted(project: &CityProject, sheet: &Sheet, out: &mut Vec<Diagnostic>) {
    let dir = project.dir();
    let city = &project.city.value;
    let named: Vec<PathBuf> = city
        .recommended
        .iter()
        .map(|r| &r.cluster)
        .chain(city.reviewed.iter().map(|r| &r.cluster))
        .map(|f| canonical(&load::written::resolve(dir, f)))
        .collect();
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    let mut folders: Vec<PathBuf> =
        entries.filter_map(Result::ok).map(|e| e.path()).filter(|p| p.join(CLUSTER_FILE).is_file()).collect();
    folders.sort();
    for folder in folders {
        if named.contains(&canonical(&folder)) {
            continue;
        }
        let name = folder.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        match load::cluster(&folder.join(CLUSTER_FILE)) {
            Ok(loaded) if reviews(&loaded.value) => out.push(sheet.error(
                "reviewed",
                format!(
                    "集群 “{name}”（{}）参加复核，但不在复核名单中：复核汇总表须列出本市全部 2023 年度集群",
                    loaded.value.name
                ),
                format!("在 reviewed 下添加 `- cluster: {name}` 及其复核意见"),
            )),
            _ => out.push(sheet.warning(
                "recommended",
                format!("集群目录 “{name}” 既未推荐也未复核，不会报送"),
                format!("要报送的请在 recommended 或 reviewed 下添加 `- cluster: {name}`；否则可忽略"),
            )),
        }
    }
}

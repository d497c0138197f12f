//! The province's file: each opinion is about a cluster that is there and submits the national
//! form the opinion is printed in (推荐意见 in 附件3, 复核意见 in 附件6), once.

use std::path::Path;

use super::{Sheet, required, touches, written};
use crate::load::diagnostic::Diagnostic;
use crate::load::project::CLUSTER_FILE;
use crate::load::{self, Loaded};
use crate::model::schema::Kind;
use crate::model::{Province, Submission};

pub fn check(loaded: &Loaded<Province>) -> Vec<Diagnostic> {
    let sheet = Sheet::new(Kind::Province, loaded);
    let mut out = Vec::new();
    required::blank_texts(&sheet, &sheet.json, "", &[], &mut out);
    let dir = loaded.path.parent().unwrap_or(Path::new("."));
    let province = &loaded.value;
    for (list, entries, submission) in [
        ("recommended", &province.recommended, Submission::NationalApplication),
        ("reviewed", &province.reviewed, Submission::NationalReview),
    ] {
        let mut seen = Vec::new();
        for (i, entry) in entries.iter().enumerate() {
            let field = format!("{list}.{i}.cluster");
            let folder = dir.join(&entry.cluster);
            let file = folder.join(CLUSTER_FILE);
            if !file.is_file() {
                out.push(sheet.error(
                    &field,
                    format!("找不到集群 “{}”：{} 不存在", entry.cluster, file.display()),
                    "写集群目录相对于 province.yaml 的路径（如 jinzhong/qixian-glass），该目录中应有 cluster.yaml",
                ));
                continue;
            }
            let canonical = load::disk::canonical(&folder);
            if seen.contains(&canonical) {
                out.push(sheet.error(
                    &field,
                    format!("集群 “{}” 重复列出", entry.cluster),
                    "每个集群只写一条意见：删去重复的一项",
                ));
                continue;
            }
            seen.push(canonical);
            // A cluster that does not load is its own check's to report.
            let Ok(cluster) = load::cluster(&file) else { continue };
            if touches("submissions", &cluster.stand_ins) || cluster.value.submits(submission) {
                continue;
            }
            out.push(sheet.error(
                &field,
                format!(
                    "集群 “{}” 不报送{}（其 submissions 中没有“{}”），这条意见没有表格可以填入",
                    cluster.value.name,
                    submission.form_title(),
                    written(&submission)
                ),
                format!("意见只写给报送“{}”的集群：核对集群目录，或删去这一项", written(&submission)),
            ));
        }
    }
    out
}

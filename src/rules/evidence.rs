//! 勾选需提供佐证材料: a ticked checkbox group (and a 是 on 碳排放监测机制) needs at least one
//! file in its volume item's folder. Every evidence file is inside the cluster folder and is a
//! PDF or an image; a folder no item reads is a typo that would silently leave scans out.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use super::Cx;
use crate::load::diagnostic::{Diagnostic, Pos, Severity};
use crate::load::garbled::{Garbled, garbled};
use crate::load::scans::{self, Problem};
use crate::load::written;
use crate::model::{Cluster, Submission, TOPICS, Topic, YesNo};
use crate::volume::{self, Source, Turn};

/// A checkbox group (or 是/否) that needs evidence when ticked, and how many boxes are ticked.
struct Group {
    path: &'static str,
    topic: Topic,
    ticked: fn(&Cluster) -> usize,
}

const GROUPS: [Group; 10] = [
    Group {
        path: "industry.chain_works",
        topic: Topic::Chain,
        ticked: |c| c.industry.as_ref().map_or(0, |i| i.chain_works.0.len()),
    },
    Group {
        path: "industry.collaboration_works",
        topic: Topic::Collaboration,
        ticked: |c| c.industry.as_ref().map_or(0, |i| i.collaboration_works.0.len()),
    },
    Group {
        path: "industry.quality_works",
        topic: Topic::Quality,
        ticked: |c| c.industry.as_ref().map_or(0, |i| i.quality_works.0.len()),
    },
    Group {
        path: "digital.service_works",
        topic: Topic::DigitalService,
        ticked: |c| c.digital.as_ref().map_or(0, |d| d.service_works.0.len()),
    },
    Group {
        path: "digital.new_model_works",
        topic: Topic::NewModels,
        ticked: |c| c.digital.as_ref().map_or(0, |d| d.new_model_works.0.len()),
    },
    Group {
        path: "green.carbon_monitoring",
        topic: Topic::CarbonMonitoring,
        ticked: |c| c.green.as_ref().map_or(0, |g| usize::from(g.carbon_monitoring == YesNo::Yes)),
    },
    Group { path: "green.works", topic: Topic::GreenWork, ticked: |c| c.green.as_ref().map_or(0, |g| g.works.0.len()) },
    Group {
        path: "openness.works",
        topic: Topic::International,
        ticked: |c| c.openness.as_ref().map_or(0, |o| o.works.0.len()),
    },
    Group {
        path: "governance.environment_works",
        topic: Topic::Environment,
        ticked: |c| c.governance.as_ref().map_or(0, |g| g.environment_works.0.len()),
    },
    Group {
        path: "governance.public_services",
        topic: Topic::PublicServices,
        ticked: |c| c.governance.as_ref().map_or(0, |g| g.public_services.0.len()),
    },
];

pub fn check(cx: &Cx, out: &mut Vec<Diagnostic>) {
    let c = cx.cluster;
    if let Err(why) = scans::evidence_folder(&c.evidence, &cx.root) {
        // Nothing of a folder outside the cluster is read, so no other finding would mean anything.
        out.push(cx.error(
            "evidence.dir",
            format!("佐证材料目录 {why}"),
            "佐证材料目录须在集群目录（cluster.yaml 所在的目录）之内，写相对于它的路径，默认为 evidence",
        ));
        return;
    }
    let mut found = BTreeMap::new();
    for topic in TOPICS {
        let (files, problems) = scans::files(&c.evidence, &cx.root, topic);
        out.extend(problems.into_iter().map(|p| problem(cx, topic, p)));
        // The volume builder's own inspection, so check refuses exactly what build would.
        const FIX: &str = "按说明转换或换成可以装订的 PDF、图片后，替换这个文件";
        for file in &files {
            if let Some(garbled) = file.path.file_name().and_then(garbled) {
                out.push(garbled_name(&file.path, topic, garbled));
            }
            let source = Source::File {
                path: file.path.clone(),
                password: file.password.clone(),
                turn: Turn::default(),
                digest: None,
            };
            for why in volume::inspect([&source]) {
                out.push(match &file.listed_at {
                    Some(field) => cx.error(field, format!("“{}”无法装订：{}", file.path.display(), why.message), FIX),
                    None => at_file(
                        &file.path,
                        Severity::Error,
                        item_label(topic),
                        format!("无法装订：{}", why.message),
                        FIX,
                    ),
                });
            }
        }
        found.insert(topic, files.len());
    }
    for group in &GROUPS {
        let ticked = (group.ticked)(c);
        if ticked > 0 && found.get(&group.topic) == Some(&0) {
            let folder = folder(c, group.topic);
            let what = if group.topic == Topic::CarbonMonitoring {
                "选了“是”".to_owned()
            } else {
                format!("勾选了 {ticked} 项")
            };
            out.push(cx.error(
                group.path,
                format!("{what}，但 {}/ 中没有佐证材料（表中注明勾选需提供佐证材料）", folder.display()),
                format!(
                    "把佐证材料的 PDF 或扫描图片放进 {}/，或在 evidence.files.{} 下列出；确实没有材料的，请取消勾选",
                    folder.display(),
                    scans::topic_key(group.topic)
                ),
            ));
        }
    }
    stray(cx, out);
    let passwords = c.evidence.passwords.keys().enumerate().map(|(i, file)| ("passwords", "密码", i, file));
    let layouts = c.evidence.layout.keys().enumerate().map(|(i, file)| ("layout", "摆放设置", i, file));
    for (field, what, i, file) in passwords.chain(layouts) {
        if !written::relative(file).is_ok_and(|relative| cx.root.join(relative).is_file()) {
            out.push(cx.warning(
                &format!("evidence.{field}.{file}"),
                format!("第 {} 个{what}对应的文件 “{file}” 不存在", i + 1),
                "键写该文件相对于 cluster.yaml 的路径，如 evidence/05-产业链强链补链/图谱.pdf；文件已删除的请删去此行",
            ));
        }
    }
}

/// A file whose name a zip tool garbled: it is bound, but its name is the volume's bookmark
/// and the file's name on the CD.
fn garbled_name(path: &Path, topic: Topic, garbled: Garbled) -> Diagnostic {
    let name = path.file_name().unwrap_or_default().to_string_lossy();
    let (message, fix) = match garbled {
        Garbled::Meant(meant) => (
            format!("文件名“{name}”是乱码（解压缩时按错误的编码读了文件名），原名应为“{meant}”"),
            format!("把文件改名为“{meant}”：文件名用作佐证材料册的书签和光盘上的文件名"),
        ),
        Garbled::Unreadable => (
            format!("文件名“{name}”是乱码（既不是 UTF-8 也不是 GBK 编码的文字）"),
            "给文件重新起一个中文名：文件名用作佐证材料册的书签和光盘上的文件名".to_owned(),
        ),
    };
    at_file(path, Severity::Warning, item_label(topic), message, fix)
}

/// A folder under `evidence/` that no volume item reads: its files would be left out.
fn stray(cx: &Cx, out: &mut Vec<Diagnostic>) {
    let names: Vec<&str> = scans::folders().collect();
    for path in scans::stray_folders(&cx.cluster.evidence, &cx.root) {
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        // A topic's folder garbled by a zip tool: say which it is.
        if let Some(Garbled::Meant(meant)) = path.file_name().and_then(garbled)
            && names.contains(&meant.as_str())
        {
            out.push(at_file(
                &path,
                Severity::Warning,
                "佐证材料 · 目录项文件夹".to_owned(),
                format!("文件夹名“{name}”是乱码（解压缩时按错误的编码读了文件名），其中的文件不会装订"),
                format!("把文件夹改名为“{meant}”"),
            ));
            continue;
        }
        let closest = names
            .iter()
            .max_by(|a, b| {
                strsim::normalized_damerau_levenshtein(&name, a)
                    .total_cmp(&strsim::normalized_damerau_levenshtein(&name, b))
            })
            .copied()
            .unwrap_or_default();
        out.push(at_file(
            &path,
            Severity::Warning,
            "佐证材料 · 目录项文件夹".to_owned(),
            format!("文件夹“{name}”不是任何目录项的文件夹，其中的文件不会装订"),
            format!("最接近的目录项文件夹是“{closest}”：如是笔误请改名；不需要的请移出 {}", cx.cluster.evidence.dir()),
        ));
    }
}

/// The evidence folder of a topic, relative to the cluster.
fn folder(cluster: &Cluster, topic: Topic) -> PathBuf {
    Path::new(cluster.evidence.dir()).join(topic.folder().unwrap_or_default())
}

/// A path problem found by `scans::files`: at the YAML line that lists the file, or at the
/// file itself when it came from a folder.
fn problem(cx: &Cx, topic: Topic, p: Problem) -> Diagnostic {
    if p.field.is_empty() {
        at_file(&p.path, Severity::Error, item_label(topic), p.message, p.fix)
    } else {
        cx.error(&p.field, p.message, p.fix)
    }
}

/// A finding about a file or folder of evidence, which has no line in the YAML.
fn at_file(path: &Path, severity: Severity, label: String, message: String, fix: impl Into<String>) -> Diagnostic {
    Diagnostic {
        severity,
        file: path.to_owned(),
        pos: Pos::default(),
        cell: None,
        path: String::new(),
        label,
        message,
        fix: fix.into(),
    }
}

/// The label of a topic's evidence: its 目录 item.
fn item_label(topic: Topic) -> String {
    let title =
        Submission::ALL.iter().flat_map(|s| s.items()).find(|item| item.topic == topic).map_or("", |item| item.title);
    format!("佐证材料 · {title}")
}

//! Counts that come with a 名单 or 清单 equal the list supplied: year by year for the forms'
//! 年度累计值 (the count of year Y is the entries recognised in Y or before), by level for
//! platforms, projects and the green manufacturing system.

use super::{Cx, written};
use crate::load::diagnostic::Diagnostic;
use crate::model::lists::{Level, StandardCategory, StandardRole};
use crate::model::{LeadJoin, LevelCounts, Years};

/// One count of the form and how many entries of its list it stands for.
struct Row {
    path: String,
    stated: u32,
    listed: usize,
    /// Which entries of the list count (`认定年度在 2024 年及以前的`).
    which: String,
}

pub fn check(cx: &Cx, out: &mut Vec<Diagnostic>) {
    let c = cx.cluster;
    let l = &c.lists;
    if let Some(i) = &c.industry {
        let enterprises = [
            ("champions", &i.champions, &l.champions),
            ("little_giants", &i.little_giants, &l.little_giants),
            ("specialized", &i.specialized, &l.specialized),
            ("high_tech", &i.high_tech, &l.high_tech),
        ];
        for (field, counts, list) in enterprises {
            // The form asks no 名单 of 高新技术企业: its count is held to the list only when given.
            if field == "high_tech" && list.is_empty() {
                continue;
            }
            let rows =
                yearly(&format!("industry.{field}"), counts, |year| list.iter().filter(|e| e.year <= year).count());
            tally(cx, &format!("industry.{field}"), &format!("lists.{field}"), rows, out);
        }
    }
    if let Some(n) = &c.innovation {
        let mut rows = Vec::new();
        for (year, counts) in Years::<u32>::YEARS.into_iter().zip(n.standards.values()) {
            let categories = [
                ("international", StandardCategory::International, counts.international),
                ("national", StandardCategory::National, counts.national),
                ("industry", StandardCategory::Industry, counts.industry),
                ("group", StandardCategory::Group, counts.group),
            ];
            for (category_key, category, LeadJoin { lead, join }) in categories {
                for (role_key, role, stated) in [("lead", StandardRole::Lead, lead), ("join", StandardRole::Join, join)]
                {
                    let listed = l
                        .standards
                        .iter()
                        .filter(|s| s.category == category && s.role == role && s.year <= year)
                        .count();
                    rows.push(Row {
                        path: format!("innovation.standards.{year}.{category_key}.{role_key}"),
                        stated,
                        listed,
                        which: format!(
                            "发布年度在 {year} 年及以前、类别为“{}”、“{}”的",
                            written(&category),
                            written(&role)
                        ),
                    });
                }
            }
        }
        tally(cx, "innovation.standards", "lists.standards", rows, out);
        levels(cx, "innovation.platforms", &n.platforms, "lists.platforms", l.platforms.iter().map(|p| p.level), out);
        // The 清单 of every valid patent is long; when it is given, the 2025 count is its length.
        if !l.patents.is_empty() {
            let row = Row {
                path: "innovation.patents.2025".into(),
                stated: n.patents.y2025,
                listed: l.patents.len(),
                which: String::new(),
            };
            tally(cx, "innovation.patents.2025", "lists.patents", vec![row], out);
        }
    }
    if let Some(d) = &c.digital {
        levels(cx, "digital.projects", &d.projects, "lists.projects", l.projects.iter().map(|p| p.level), out);
    }
    if let Some(g) = &c.green {
        levels(cx, "green.system", &g.system, "lists.green_system", l.green_system.iter().map(|p| p.level), out);
    }
    if let Some(o) = &c.openness {
        let row = Row {
            path: "openness.overseas_branches".into(),
            stated: o.overseas_branches,
            listed: l.overseas_branches.len(),
            which: String::new(),
        };
        tally(cx, "openness.overseas_branches", "lists.overseas_branches", vec![row], out);
    }
    if let Some(g) = &c.governance {
        let row = Row {
            path: "governance.alliances".into(),
            stated: g.alliances,
            listed: l.alliances.len(),
            which: String::new(),
        };
        tally(cx, "governance.alliances", "lists.alliances", vec![row], out);
    }
}

fn yearly(path: &str, counts: &Years<u32>, listed: impl Fn(u16) -> usize) -> Vec<Row> {
    Years::<u32>::YEARS
        .into_iter()
        .zip(counts.values())
        .map(|(year, &stated)| Row {
            path: format!("{path}.{year}"),
            stated,
            listed: listed(year),
            which: format!("认定年度在 {year} 年及以前的"),
        })
        .collect()
}

fn levels(
    cx: &Cx,
    path: &str,
    counts: &LevelCounts,
    list: &str,
    listed: impl Iterator<Item = Level> + Clone,
    out: &mut Vec<Diagnostic>,
) {
    let rows = [
        ("national", Level::National, counts.national),
        ("provincial", Level::Provincial, counts.provincial),
        ("other", Level::Other, counts.other),
    ]
    .into_iter()
    .map(|(field, level, stated)| Row {
        path: format!("{path}.{field}"),
        stated,
        listed: listed.clone().filter(|&l| l == level).count(),
        which: format!("级别为“{}”的", written(&level)),
    })
    .collect();
    tally(cx, path, list, rows, out);
}

/// Reports the counts that differ from their list; a list that is missing altogether is one
/// finding, not one per cell.
fn tally(cx: &Cx, parent: &str, list: &str, rows: Vec<Row>, out: &mut Vec<Diagnostic>) {
    let name = cx.title(list);
    let total: usize = rows.iter().map(|r| r.listed).sum();
    let list = &cx.list_place(list);
    if total == 0 && rows.iter().any(|r| r.stated > 0) {
        out.push(cx.error(
            parent,
            format!("填写了数量，但没有提供{name}（{list}）"),
            format!("表中注明需提供名单或清单：请在 {list} 中逐项列出，数量须与之一致"),
        ));
        return;
    }
    for row in rows.iter().filter(|r| r.stated as usize != r.listed) {
        out.push(cx.error(
            &row.path,
            format!("填写 {}，而{name}（{list}）中{}共 {} 项", row.stated, row.which, row.listed),
            format!("数量须与名单一致：补全或更正 {list}，或把此数改为 {}", row.listed),
        ));
    }
}

//! Figures no reviewer accepts: a part larger than its whole (中小企业 more than 企业, 中小企业产值
//! above 集群总产值, which would print a share above 100%), a percentage above 100. Negative
//! figures and absurd sizes are refused by the schema already (`load`).

use serde_json::Value;

use super::Cx;
use crate::load::diagnostic::Diagnostic;
use crate::model::Dec;

/// Counts and amounts that are part of another, year by year (2023–2025).
const PARTS: [(&str, &str); 11] = [
    ("industry.smes", "industry.enterprises"),
    ("industry.champions", "industry.enterprises"),
    ("industry.high_tech", "industry.enterprises"),
    ("industry.little_giants", "industry.smes"),
    ("industry.specialized", "industry.smes"),
    ("industry.innovative", "industry.smes"),
    ("digital.cloud_smes", "industry.smes"),
    ("digital.platform_smes", "industry.smes"),
    ("industry.sme_output", "industry.output"),
    ("industry.leading_output", "industry.output"),
    ("industry.output", "industry.county_output"),
];

/// Percentages typed in the data.
const PERCENTAGES: [&str; 12] = [
    "digital.levels.none",
    "digital.levels.level1",
    "digital.levels.level2",
    "digital.levels.level3",
    "digital.levels.level4",
    "green.solid_waste_rate",
    "green.water_reuse_rate",
    "plan.targets.iip_rate.base",
    "plan.targets.iip_rate.target",
    "plan.targets.iip_industry_average",
    "plan.targets.co2_industry_reduction",
    "plan.targets.energy_industry_reduction",
];

const YEARS: [u16; 3] = [2023, 2024, 2025];

fn number(cx: &Cx, path: &str) -> Option<Dec> {
    let value = cx.json.pointer(&format!("/{}", path.replace('.', "/")))?;
    match value {
        Value::String(s) => s.parse().ok(),
        Value::Number(n) => n.to_string().parse().ok(),
        _ => None,
    }
}

pub fn check(cx: &Cx, out: &mut Vec<Diagnostic>) {
    for (part, whole) in PARTS {
        if !cx.intact(&[part, whole]) {
            continue;
        }
        for year in YEARS {
            let (p, w) = (format!("{part}.{year}"), format!("{whole}.{year}"));
            let (Some(pv), Some(wv)) = (number(cx, &p), number(cx, &w)) else { continue };
            if pv > wv {
                let (part_title, whole_title) = (cx.title(part), cx.title(whole));
                out.push(cx.error(
                    &p,
                    format!("{year} 年{part_title}为 {pv}，大于{whole_title}（{w}，第 {} 行）的 {wv}", cx.line(&w)),
                    "前者是后者的一部分，不能比它大：请核对两处数字（单位是否一致、是否填错了年份或栏目）",
                ));
            }
        }
    }
    for path in PERCENTAGES {
        if let Some(value) = number(cx, path)
            && value > Dec::HUNDRED
        {
            out.push(cx.error(path, format!("{}% 超过了 100%", value.fixed2()), "比例不能超过 100：请核对此数"));
        }
    }
}

//! The 三年总体目标 and what the notice requires of their 2028 values (notes a.–g. under the
//! table), the 2025 bases against the figures of parts 二–五, and the review's table of the
//! 2023 targets.

use std::collections::BTreeSet;

use rust_decimal::{Decimal, RoundingStrategy};

use super::figures::agree;
use super::{Cx, percent, reviews, written};
use crate::load::diagnostic::Diagnostic;
use crate::model::Dec;
use crate::model::derived::{self, cagr, reduction};
use crate::model::plan::{Direction, Target};

/// a. 近三年产值年均增速不低于 10%; c. 研发经费年均增速不低于 10%; d. 有效发明专利数年均增长不低于 15%.
const OUTPUT_FLOOR: i64 = 10;
const RD_FLOOR: i64 = 10;
const PATENTS_FLOOR: i64 = 15;

/// The steps from the 2025 base to the 2028 target.
const YEARS: u32 = 3;

pub fn check(cx: &Cx, out: &mut Vec<Diagnostic>) {
    let t = &cx.cluster.plan.targets;
    let floor = Dec::from_int(OUTPUT_FLOOR);
    if t.output_cagr.target.round2() < floor {
        out.push(cx.error(
            "plan.targets.output_cagr.target",
            format!(
                "2028 年目标值 {} 低于要求（a. 近三年产值年均增速不低于 {OUTPUT_FLOOR}%）",
                percent(*t.output_cagr.target)
            ),
            format!("2028 年目标值应不低于 {}", floor.fixed2()),
        ));
    }
    quality_smes(cx, out);
    growth(cx, "rd_spending", &t.rd_spending, RD_FLOOR, "c. 研发经费年均增速", 2, out);
    growth(cx, "patents", &t.patents, PATENTS_FLOOR, "d. 有效发明专利数年均增长", 0, out);
    let iip = cx.intact(&["plan.targets.iip_rate", "plan.targets.iip_industry_average"]);
    if iip && t.iip_rate.target.round2() < t.iip_industry_average.round2() {
        out.push(cx.error(
            "plan.targets.iip_rate.target",
            format!(
                "2028 年目标值 {} 低于行业平均工业互联网普及率 {}（e. 工业互联网普及率不低于行业平均水平）",
                percent(t.iip_rate.target),
                percent(t.iip_industry_average)
            ),
            format!("2028 年目标值应不低于 {}；或核对 iip_industry_average", t.iip_industry_average.fixed2()),
        ));
    }
    fall(cx, "co2", &t.co2, ("co2_industry_reduction", *t.co2_industry_reduction), "f. 二氧化碳排放量下降率", out);
    fall(
        cx,
        "energy_intensity",
        &t.energy_intensity,
        ("energy_industry_reduction", *t.energy_industry_reduction),
        "g. 集群单位工业产值能耗下降率",
        out,
    );
    bases(cx, out);
}

/// b. 优质中小企业数量逐年增加: base < 2026 < 2027 < 2028, and the table's 2028 target is the
/// 2028 stage.
fn quality_smes(cx: &Cx, out: &mut Vec<Diagnostic>) {
    if !cx.intact(&["plan.targets.quality_smes", "plan.stages"]) {
        return;
    }
    let q = &cx.cluster.plan.targets.quality_smes;
    let stages = &cx.cluster.plan.stages;
    let steps = [
        ("plan.targets.quality_smes.base", "2025 年基准值", q.base),
        ("plan.stages.2026.quality_smes", "2026 年度", Dec::from(stages.y2026.quality_smes)),
        ("plan.stages.2027.quality_smes", "2027 年度", Dec::from(stages.y2027.quality_smes)),
        ("plan.stages.2028.quality_smes", "2028 年度", Dec::from(stages.y2028.quality_smes)),
    ];
    for pair in steps.windows(2) {
        let [(_, before, previous), (path, year, count)] = [pair[0], pair[1]];
        if count <= previous {
            out.push(cx.error(
                path,
                format!(
                    "{year}优质中小企业 {count} 家，没有多于 {before}的 {previous} 家（b. 优质中小企业数量逐年增加）"
                ),
                format!("{year}的数量应多于 {previous}"),
            ));
        }
    }
    let (_, _, last) = steps[3];
    if q.target != last {
        out.push(cx.warning(
            "plan.targets.quality_smes.target",
            format!("2028 年目标值 {} 与阶段性目标中 2028 年度的 {last} 家不一致", q.target),
            "两处说的是同一个数：请改成一致",
        ));
        if q.target <= q.base {
            out.push(cx.error(
                "plan.targets.quality_smes.target",
                format!("2028 年目标值 {} 没有多于 2025 年基准值 {}（b. 优质中小企业数量逐年增加）", q.target, q.base),
                format!("2028 年目标值应多于 {}", q.base),
            ));
        }
    }
}

/// A figure that must grow by `floor` percent a year from the 2025 base to 2028.
fn growth(cx: &Cx, field: &str, t: &Target, floor: i64, rule: &str, places: u32, out: &mut Vec<Diagnostic>) {
    let path = format!("plan.targets.{field}.target");
    if !cx.intact(&[&format!("plan.targets.{field}")]) {
        return;
    }
    let Some(rate) = cagr(t.base, t.target, YEARS) else {
        out.push(cx.warning(
            &path,
            format!("2025 年基准值为 {}，无法计算年均增速，无法核对要求（{rule}不低于 {floor}%）", t.base),
            "核对 2025 年基准值",
        ));
        return;
    };
    if rate.round2() < Dec::from_int(floor) {
        // base × (1 + floor)³, rounded up to what the cell prints.
        let step = Decimal::ONE + Decimal::new(floor, 2);
        let factor = (0..YEARS).fold(Dec::from_int(1), |f, _| f * Dec(step));
        let least = Dec((t.base * factor).0.round_dp_with_strategy(places, RoundingStrategy::ToPositiveInfinity));
        out.push(cx.error(
            &path,
            format!(
                "按 2025 年基准值 {} 和 2028 年目标值 {} 计算，年均增速为 {}，低于要求（{rule}不低于 {floor}%）",
                t.base,
                t.target,
                percent(rate)
            ),
            format!("2028 年目标值至少应为 {least}（基准值 × {step}³）"),
        ));
    }
}

/// A figure that must fall from the 2025 base at least as fast as the industry's.
/// `industry` is the key and value of the industry's average 下降率.
fn fall(cx: &Cx, field: &str, t: &Target, industry: (&str, Dec), rule: &str, out: &mut Vec<Diagnostic>) {
    let path = format!("plan.targets.{field}.target");
    let (average, industry) = industry;
    if !cx.intact(&[&format!("plan.targets.{field}"), &format!("plan.targets.{average}")]) {
        return;
    }
    let Some(rate) = reduction(t.base, t.target) else {
        out.push(cx.warning(
            &path,
            format!("2025 年基准值为 {}，无法计算下降率，无法核对（{rule}不低于行业平均水平）", t.base),
            "核对 2025 年基准值",
        ));
        return;
    };
    if rate.round2() < industry.round2() {
        let kept = (Dec::HUNDRED - industry).checked_div(Dec::HUNDRED).unwrap_or(Dec::ZERO);
        let most = Dec((t.base * kept).0.round_dp_with_strategy(2, RoundingStrategy::ToNegativeInfinity));
        out.push(cx.error(
            &path,
            format!(
                "按 2025 年基准值 {} 和 2028 年目标值 {} 计算，下降率为 {}，低于行业平均下降率 {}（{rule}不低于行业平均水平）",
                t.base,
                t.target,
                percent(rate),
                percent(industry)
            ),
            format!("2028 年目标值不应高于 {most}；或核对行业平均下降率"),
        ));
    }
}

/// The 2025 bases are the 2025 figures the application reports elsewhere.
fn bases(cx: &Cx, out: &mut Vec<Diagnostic>) {
    let c = cx.cluster;
    let t = &c.plan.targets;
    let figures = derived::figures(c);
    // Each base is compared with its source only while both hold what the file says.
    let sources = ["industry", "innovation", "green", "lists.patents"];
    let listed_patents = (!c.lists.patents.is_empty())
        .then(|| ("有效发明专利清单的件数".to_owned(), Dec::from(c.lists.patents.len() as u32)));
    let field = |path: &str, value: Dec| (format!(" {path}（{}）的", cx.label(path)), value);
    let pairs = [
        (
            "output_cagr",
            *t.output_cagr.base,
            figures
                .leading_output_cagr
                .flatten()
                .map(|v| ("由主导产业产值（industry.leading_output）计算的近三年年均增速".to_owned(), v)),
        ),
        (
            "rd_spending",
            t.rd_spending.base,
            c.innovation.as_ref().map(|i| field("innovation.rd_spending.2025", i.rd_spending.y2025)),
        ),
        (
            "patents",
            t.patents.base,
            c.innovation
                .as_ref()
                .map(|i| field("innovation.patents.2025", Dec::from(i.patents.y2025)))
                .or(listed_patents),
        ),
        (
            "energy_intensity",
            t.energy_intensity.base,
            c.green.as_ref().map(|g| field("green.energy_intensity.2025", g.energy_intensity.y2025)),
        ),
    ];
    for (key, base, reported) in pairs {
        let Some((source, value)) = reported else { continue };
        if !cx.intact(&[&format!("plan.targets.{key}.base")]) || !cx.intact(&sources) {
            continue;
        }
        if !agree(base, value) {
            out.push(cx.warning(
                &format!("plan.targets.{key}.base"),
                format!("2025 年基准值 {base} 与{source} {} 不一致", value.round2()),
                "基准值是 2025 年的实际数：请核对两处，改成一致",
            ));
        }
    }
}

/// 复核申报表 三、发展成效: the table of the targets set in 2023 has a row for every direction
/// the form lists (其它 is optional).
pub fn completion(cx: &Cx, out: &mut Vec<Diagnostic>) {
    let c = cx.cluster;
    let Some(review) = c.review.as_ref().filter(|_| reviews(c)) else { return };
    let present: BTreeSet<Direction> = review.completion.iter().map(|row| row.direction).collect();
    let missing: Vec<String> =
        Direction::REQUIRED.iter().filter(|d| !present.contains(d)).map(|d| format!("“{}”", written(d))).collect();
    if !missing.is_empty() {
        out.push(cx.error(
            "review.completion",
            format!("目标完成情况表缺少方向 {} 的指标", missing.join("、")),
            format!(
                "按 2023 年所定发展目标，为 {} 各补一行（direction、indicator、base_2022、target_2025、actual_2025）；定性目标的 indicator 写“定性描述”",
                missing.join("、")
            ),
        ));
    }
}

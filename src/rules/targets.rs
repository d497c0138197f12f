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
use crate::model::plan::{Direction, Plan, Target};

/// a. 近三年产值年均增速不低于 10%; c. 研发经费年均增速不低于 10%; d. 有效发明专利数年均增长不低于 15%.
const OUTPUT_FLOOR: i64 = 10;
const RD_FLOOR: i64 = 10;
const PATENTS_FLOOR: i64 = 15;

/// The steps from the 2025 base to the 2028 target.
const YEARS: u32 = 3;

/// How a 2028 target is measured against its floor.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Measure {
    /// The target is itself the rate the note bounds (产值年均增速, 工业互联网普及率).
    Typed,
    /// Its yearly growth from the 2025 base; `places` is how the cell prints the target.
    Growth { places: u32 },
    /// How much it falls from the 2025 base (下降率).
    Fall,
}

/// A 2028 target against what the notice requires of it (notes a. and c.–g. under the table).
#[derive(Debug, Clone, PartialEq)]
pub struct Floor {
    /// The key under `plan.targets` (`rd_spending`).
    pub key: &'static str,
    /// The key of the industry average it is bounded by, when it is one.
    pub average: Option<&'static str>,
    /// The note, as the form words it: `c. 研发经费年均增速`.
    pub rule: &'static str,
    pub measure: Measure,
    /// The 2025 base and the 2028 target, as typed.
    pub base: Dec,
    pub target: Dec,
    /// The rate the target comes to, in percent; `None` when its base is 0.
    pub rate: Option<Dec>,
    /// The least rate the note allows, in percent.
    pub floor: Dec,
}

impl Floor {
    /// Whether the target meets the note, as the form prints both (to two places).
    pub fn met(&self) -> Option<bool> {
        self.rate.map(|rate| rate.round2() >= self.floor.round2())
    }

    /// The target's field.
    pub fn path(&self) -> String {
        format!("plan.targets.{}.target", self.key)
    }
}

/// Every bounded 2028 target of the plan, with the rate it comes to.
pub fn floors(plan: &Plan) -> Vec<Floor> {
    let t = &plan.targets;
    let floor = |key, average, rule, measure, target: &Target, floor| {
        let (base, target) = (target.base, target.target);
        let rate = match measure {
            Measure::Typed => Some(target),
            Measure::Growth { .. } => cagr(base, target, YEARS),
            Measure::Fall => reduction(base, target),
        };
        Floor { key, average, rule, measure, base, target, rate, floor }
    };
    let output = Target { base: *t.output_cagr.base, target: *t.output_cagr.target };
    vec![
        floor("output_cagr", None, "a. 近三年产值年均增速", Measure::Typed, &output, Dec::from_int(OUTPUT_FLOOR)),
        floor(
            "rd_spending",
            None,
            "c. 研发经费年均增速",
            Measure::Growth { places: 2 },
            &t.rd_spending,
            Dec::from_int(RD_FLOOR),
        ),
        floor(
            "patents",
            None,
            "d. 有效发明专利数年均增长",
            Measure::Growth { places: 0 },
            &t.patents,
            Dec::from_int(PATENTS_FLOOR),
        ),
        floor(
            "iip_rate",
            Some("iip_industry_average"),
            "e. 工业互联网普及率",
            Measure::Typed,
            &t.iip_rate,
            t.iip_industry_average,
        ),
        floor(
            "co2",
            Some("co2_industry_reduction"),
            "f. 二氧化碳排放量下降率",
            Measure::Fall,
            &t.co2,
            *t.co2_industry_reduction,
        ),
        floor(
            "energy_intensity",
            Some("energy_industry_reduction"),
            "g. 集群单位工业产值能耗下降率",
            Measure::Fall,
            &t.energy_intensity,
            *t.energy_industry_reduction,
        ),
    ]
}

pub fn check(cx: &Cx, out: &mut Vec<Diagnostic>) {
    let plan = &cx.cluster.plan;
    for floor in floors(plan) {
        let mut fields = vec![format!("plan.targets.{}", floor.key)];
        fields.extend(floor.average.map(|a| format!("plan.targets.{a}")));
        // The rate typed as 产值年均增速 needs no other field to be judged.
        let judged = floor.key == "output_cagr" || cx.intact(&fields.iter().map(String::as_str).collect::<Vec<_>>());
        if judged {
            judge(cx, &floor, out);
        }
        // b. sits between a. and c. on the form.
        if floor.key == "output_cagr" {
            quality_smes(cx, out);
        }
    }
    bases(cx, out);
}

/// The finding about a target that misses its floor, or whose rate cannot be computed.
fn judge(cx: &Cx, floor: &Floor, out: &mut Vec<Diagnostic>) {
    let path = floor.path();
    let rule = floor.rule;
    let Some(rate) = floor.rate else {
        let what = if floor.measure == Measure::Fall {
            "下降率，无法核对"
        } else {
            "年均增速，无法核对要求"
        };
        let bound = match floor.measure {
            Measure::Fall => "不低于行业平均水平".to_owned(),
            _ => format!("不低于 {}%", floor.floor),
        };
        out.push(cx.warning(
            &path,
            format!("2025 年基准值为 {}，无法计算{what}（{rule}{bound}）", floor.base),
            "核对 2025 年基准值",
        ));
        return;
    };
    if floor.met() != Some(false) {
        return;
    }
    let (message, fix) = match floor.measure {
        Measure::Typed if floor.average.is_none() => (
            format!("2028 年目标值 {} 低于要求（{rule}不低于 {}%）", percent(rate), floor.floor),
            format!("2028 年目标值应不低于 {}", floor.floor.fixed2()),
        ),
        Measure::Typed => (
            format!(
                "2028 年目标值 {} 低于行业平均工业互联网普及率 {}（{rule}不低于行业平均水平）",
                percent(rate),
                percent(floor.floor)
            ),
            format!("2028 年目标值应不低于 {}；或核对 iip_industry_average", floor.floor.fixed2()),
        ),
        Measure::Growth { places } => {
            // base × (1 + floor)³, rounded up to what the cell prints.
            let step = Decimal::ONE + floor.floor.0 / Decimal::ONE_HUNDRED;
            let factor = (0..YEARS).fold(Dec::from_int(1), |f, _| f * Dec(step));
            let least =
                Dec((floor.base * factor).0.round_dp_with_strategy(places, RoundingStrategy::ToPositiveInfinity));
            (
                format!(
                    "按 2025 年基准值 {} 和 2028 年目标值 {} 计算，年均增速为 {}，低于要求（{rule}不低于 {}%）",
                    floor.base,
                    floor.target,
                    percent(rate),
                    floor.floor
                ),
                format!("2028 年目标值至少应为 {least}（基准值 × {step:.2}³）"),
            )
        }
        Measure::Fall => {
            let kept = (Dec::HUNDRED - floor.floor).checked_div(Dec::HUNDRED).unwrap_or(Dec::ZERO);
            let most = Dec((floor.base * kept).0.round_dp_with_strategy(2, RoundingStrategy::ToNegativeInfinity));
            (
                format!(
                    "按 2025 年基准值 {} 和 2028 年目标值 {} 计算，下降率为 {}，低于行业平均下降率 {}（{rule}不低于行业平均水平）",
                    floor.base,
                    floor.target,
                    percent(rate),
                    percent(floor.floor)
                ),
                format!("2028 年目标值不应高于 {most}；或核对行业平均下降率"),
            )
        }
    };
    out.push(cx.error(&path, message, fix));
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

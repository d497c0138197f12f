//! Figures the data already implies: a 增速, 年均增速 or 占比 typed under `stated` must agree with
//! the computation (`model::derived`) to two places, and the 数字化水平等级比例 add up to 100%.
//! A figure whose base is 0 cannot be computed: the form prints “无” there, and the base is
//! named so the user knows why.

use rust_decimal::Decimal;
use serde_json::Value;

use super::{Cx, applies, leaves, percent};
use crate::load::diagnostic::Diagnostic;
use crate::model::{Dec, derived};

/// What a computed figure divides by, in its series.
#[derive(Clone, Copy)]
enum Base {
    /// The same year's value (占比).
    SameYear,
    /// The year before's (增速).
    YearBefore,
    /// The first year's, against the last (年均增速 2022→2025, 降低率 2023→2025).
    Span(u16, u16),
}

/// Each computed figure (its key under `stated`) and the series whose value it divides by.
const BASES: [(&str, &str, Base); 10] = [
    ("output_share_of_county", "industry.county_output", Base::SameYear),
    ("sme_output_share", "industry.output", Base::SameYear),
    ("leading_output_share", "industry.output", Base::SameYear),
    ("leading_output_growth", "industry.leading_output", Base::YearBefore),
    ("leading_output_cagr", "industry.leading_output", Base::Span(2022, 2025)),
    ("fdi_growth", "industry.fdi", Base::YearBefore),
    ("exports_growth", "industry.exports", Base::YearBefore),
    ("rd_growth", "innovation.rd_spending", Base::YearBefore),
    ("patents_cagr", "innovation.patents", Base::Span(2022, 2025)),
    ("energy_reduction", "green.energy_intensity", Base::Span(2023, 2025)),
];

/// Two figures agree when they print within one hundredth of each other.
pub(crate) fn agree(a: Dec, b: Dec) -> bool {
    (a.round2() - b.round2()).0.abs() <= Decimal::new(1, 2)
}

pub fn check(cx: &Cx, out: &mut Vec<Diagnostic>) {
    stated(cx, out);
    if applies(cx.cluster) {
        zero_bases(cx, out);
    }
    if let Some(digital) = &cx.cluster.digital {
        let total = digital.levels.total();
        if total.round2() != Dec::HUNDRED {
            out.push(cx.error(
                "digital.levels",
                format!("五个等级的占比合计为 {}，应为 100.00%", percent(total)),
                "核对无等级、一级至四级的占比，使其合计正好为 100.00",
            ));
        }
    }
}

/// The figures the forms cannot compute because their base is 0, one warning per base.
fn zero_bases(cx: &Cx, out: &mut Vec<Diagnostic>) {
    let computed = serde_json::to_value(derived::figures(cx.cluster)).unwrap_or(Value::Null);
    let value = |path: &str| {
        cx.json
            .pointer(&format!("/{}", path.replace('.', "/")))
            .and_then(Value::as_str)
            .and_then(|s| s.parse::<Dec>().ok())
    };
    // Base field → the figures (with the year they are for) it leaves uncomputed.
    let mut blamed: Vec<(String, Vec<String>)> = Vec::new();
    for (key, series, base) in BASES {
        let figure = cx.title(&format!("stated.{key}"));
        let uncomputed: Vec<(Option<u16>, u16)> = match (computed.get(key), base) {
            (Some(Value::Object(years)), _) => years
                .iter()
                .filter(|(_, v)| v.is_null())
                .filter_map(|(year, _)| year.parse::<u16>().ok())
                .map(|year| (Some(year), if matches!(base, Base::YearBefore) { year - 1 } else { year }))
                .collect(),
            (Some(Value::Null), Base::Span(first, last)) => {
                // The first year's 0 is the cause; else the last's (a rate to nothing).
                let zero = |year: u16| value(&format!("{series}.{year}")).is_some_and(Dec::is_zero);
                [first, last].into_iter().find(|&y| zero(y)).map(|y| (None, y)).into_iter().collect()
            }
            _ => Vec::new(),
        };
        for (year, base_year) in uncomputed {
            let path = format!("{series}.{base_year}");
            if !value(&path).is_some_and(Dec::is_zero) {
                continue;
            }
            let what = match year {
                Some(year) => format!("{year} 年的“{figure}”"),
                None => format!("“{figure}”"),
            };
            match blamed.iter_mut().find(|(p, _)| *p == path) {
                Some((_, figures)) => figures.push(what),
                None => blamed.push((path, vec![what])),
            }
        }
    }
    for (path, figures) in blamed {
        out.push(cx.warning(
            &path,
            format!("此项为 0，无法计算 {}，表中该格将填“无”", figures.join("、")),
            "确实为 0 的可不改；否则请核对此数",
        ));
    }
}

fn stated(cx: &Cx, out: &mut Vec<Diagnostic>) {
    let typed = serde_json::to_value(&cx.cluster.stated).unwrap_or(Value::Null);
    let computed = serde_json::to_value(derived::figures(cx.cluster)).unwrap_or(Value::Null);
    let mut all = Vec::new();
    leaves(&typed, "", &mut all);
    for (field, value) in all {
        let path = format!("stated.{field}");
        // A part holding a stand-in computes nothing worth comparing.
        let key = field.split('.').next().unwrap_or_default();
        let part = BASES.iter().find(|(k, _, _)| *k == key).and_then(|(_, series, _)| series.split('.').next());
        if !part.is_none_or(|part| cx.intact(&[part])) {
            continue;
        }
        let Some(typed) = value.as_str().and_then(|s| s.parse::<Dec>().ok()) else { continue };
        let pointer = format!("/{}", field.replace('.', "/"));
        match computed.pointer(&pointer).and_then(Value::as_str).and_then(|s| s.parse::<Dec>().ok()) {
            Some(computed) if !agree(typed, computed) => out.push(cx.error(
                &path,
                format!("填写的 {} 与由逐年数据计算的 {} 不一致", typed.fixed2(), computed.fixed2()),
                format!("改为 {}，或删去此项由程序计算；如认为计算值不对，请核对据以计算的逐年数据", computed.fixed2()),
            )),
            Some(_) => {}
            None => out.push(cx.warning(
                &path,
                "无法由逐年数据计算此项（相关部分未填写，或基数为 0），无法核对",
                "核对据以计算的逐年数据；复核申报表不打印此项时可删去",
            )),
        }
    }
}

//! Figures the data already implies: a 增速, 年均增速 or 占比 typed under `stated` must agree with
//! the computation (`model::derived`) to two places, and the 数字化水平等级比例 add up to 100%.

use rust_decimal::Decimal;
use serde_json::Value;

use super::{Cx, leaves, percent};
use crate::load::diagnostic::Diagnostic;
use crate::model::{Dec, derived};

/// Two figures agree when they print within one hundredth of each other.
pub(crate) fn agree(a: Dec, b: Dec) -> bool {
    (a.round2() - b.round2()).0.abs() <= Decimal::new(1, 2)
}

pub fn check(cx: &Cx, out: &mut Vec<Diagnostic>) {
    stated(cx, out);
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

fn stated(cx: &Cx, out: &mut Vec<Diagnostic>) {
    let typed = serde_json::to_value(&cx.cluster.stated).unwrap_or(Value::Null);
    let computed = serde_json::to_value(derived::figures(cx.cluster)).unwrap_or(Value::Null);
    let mut all = Vec::new();
    leaves(&typed, "", &mut all);
    for (field, value) in all {
        let path = format!("stated.{field}");
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

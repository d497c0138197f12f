//! 各必填栏目不得空缺，无相关情况时应填写“无”: the loader has already refused missing keys and
//! wrong types, so what is left is text that is there but empty, and the 情况说明 a 是 needs.

use serde_json::Value;

use super::{Cx, Sheet, leaves};
use crate::load::diagnostic::{Diagnostic, Severity};
use crate::model::{Disclosure, YesNo};

/// Notes that only a 是 requires: [`check`] says so in its own words, so the blank-text walk
/// leaves them alone.
const NOTES: [&str; 3] = ["basics.accidents.note", "basics.violations.note", "operator.change_note"];

pub fn check(cx: &Cx, out: &mut Vec<Diagnostic>) {
    // Evidence paths are checked, with better words, by the evidence rules.
    let fields = cx.json.as_object().into_iter().flatten().filter(|(key, _)| *key != "evidence");
    for (key, value) in fields {
        blank_texts(cx, value, key, &NOTES, out);
    }
    let basics = &cx.cluster.basics;
    if let Some(green) = &cx.cluster.green {
        rate_or_none(cx, "green.solid_waste_rate", &green.solid_waste_rate, out);
        rate_or_none(cx, "green.water_reuse_rate", &green.water_reuse_rate, out);
    }
    disclosure(cx, "basics.accidents", &basics.accidents, out);
    disclosure(cx, "basics.violations", &basics.violations, out);
    if cx.cluster.operator.changed == Some(YesNo::Yes) && is_blank(cx.cluster.operator.change_note.as_deref()) {
        out.push(cx.finding_at(
            Severity::Error,
            "operator.change_note",
            "operator.changed",
            "集群运营管理机构“是否发生变化”选了“是”，但没有变化情况说明",
            "在 operator 下添加 change_note:，写明变化的原因、时间和承接机构（表中“是(需附情况说明)”）",
        ));
    }
}

/// What people type for “nothing” where the notice asks for “无”.
const PLACEHOLDERS: [&str; 16] =
    ["/", "／", "\\", "-", "－", "—", "——", "–", "--", "暂无", "没有", "空", "N/A", "n/a", "NA", "null"];

/// Text fields that are there but hold nothing (or only spaces), or a dash or 暂无 where the
/// form wants “无”: the form would print a blank, or a mark the notice does not accept.
pub(crate) fn blank_texts(sheet: &Sheet, value: &Value, path: &str, skip: &[&str], out: &mut Vec<Diagnostic>) {
    let mut all = Vec::new();
    leaves(value, path, &mut all);
    for (path, leaf) in all {
        let Some(text) = leaf.as_str().map(str::trim) else { continue };
        if skip.contains(&path.as_str()) {
            continue;
        }
        if text.is_empty() {
            out.push(sheet.error(
                &path,
                "此项为空",
                "各必填栏目不得空缺：请填写内容，没有相关情况时填写“无”；不需要的可选项请删去整行",
            ));
        } else if PLACEHOLDERS.contains(&text) {
            out.push(sheet.error(&path, format!("“{text}”不是“无”：通知要求无相关情况时填写“无”"), "把此项改为“无”"));
        }
    }
}

/// A rate the cluster may not have at all: a figure, or “无”.
fn rate_or_none(cx: &Cx, path: &str, rate: &crate::model::Value, out: &mut Vec<Diagnostic>) {
    let crate::model::Value::Text(text) = rate else { return };
    let text = text.trim();
    if text == "无" || text.is_empty() || PLACEHOLDERS.contains(&text) {
        return;
    }
    let number = text.trim_end_matches(['%', '％']);
    let fix = match number.parse::<crate::model::Dec>() {
        Ok(_) => format!("比例只填数字，不写 %：改为 {number}"),
        Err(_) => "填写百分比数字（如 92.50）；没有此项的填写“无”，下一项选“不适用”".to_owned(),
    };
    out.push(cx.error(path, format!("“{text}” 不是比例"), fix));
}

fn disclosure(cx: &Cx, path: &str, answer: &Disclosure, out: &mut Vec<Diagnostic>) {
    if answer.answer == YesNo::Yes && is_blank(answer.note.as_deref()) {
        out.push(cx.finding_at(
            Severity::Error,
            &format!("{path}.note"),
            &format!("{path}.answer"),
            "回答“是”，但没有情况说明",
            format!("在 {path} 下添加 note:，写明具体情况（表中“是(需附情况说明)”）；如实际没有，请把 answer 改为“否”"),
        ));
    }
}

fn is_blank(text: Option<&str>) -> bool {
    text.is_none_or(|t| t.trim().is_empty())
}

//! 数据有小数时，保留小数点后2位: the forms print every figure with two places, so a figure
//! typed with more is rounded on print. The data is never changed; the user is told both.

use super::{Cx, leaves};
use crate::load::diagnostic::Diagnostic;
use crate::model::Dec;

pub fn check(cx: &Cx, out: &mut Vec<Diagnostic>) {
    let mut all = Vec::new();
    leaves(&cx.json, "", &mut all);
    for (path, leaf) in all {
        // Decimals serialize as their typed text; the schema says which leaves are figures
        // (a 定性描述 cell is text that does not parse).
        let Some(typed) = leaf.as_str().and_then(|s| s.parse::<Dec>().ok()) else { continue };
        if typed.scale() > 2 && cx.is_number(&path) {
            let printed = typed.fixed2();
            out.push(cx.warning(
                &path,
                format!("{typed} 有 {} 位小数，表格保留两位小数，将打印为 {printed}", typed.scale()),
                format!("确认无误可不改；否则改为 {printed} 或核对原始数据"),
            ));
        }
    }
}

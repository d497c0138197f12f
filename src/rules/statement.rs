//! 附件8, the 现场核查符合性说明, states in one template that the cluster's industry is not
//! prohibited, that it had no serious accident and no tax or legal violation. An answer of 是 in
//! part 一 denies one of those: the city cannot sign the standard statement and writes its own,
//! which `check` says before anyone asks. A prohibited industry cannot apply at all.

use super::Cx;
use crate::load::diagnostic::{Diagnostic, Severity};
use crate::model::{Denial, Topic};

pub fn check(cx: &Cx, out: &mut Vec<Diagnostic>) {
    for denial in cx.cluster.denials() {
        if denial.field == "basics.prohibited_industry" {
            out.push(cx.error(
                denial.field,
                "集群主导产业属于国家规定的禁止、限制和淘汰类产业，不能申报，也不能通过复核",
                "核对产业类型：如确属禁止、限制和淘汰类产业，本集群不能报送；如回答有误，请改为“否”",
            ));
            continue;
        }
        out.push(cx.warning(
            denial.field,
            format!("回答“是”，与现场核查符合性说明（附件8）中的“{}”不符：不能使用标准的说明", denial.statement),
            format!(
                "如回答属实，须由市级中小企业主管部门根据核查情况另行出具说明，盖章扫描后放入 {}/{}/（生成时装订在佐证材料第 2 项）；如回答有误，请改为“否”",
                cx.cluster.evidence.dir(),
                Topic::Verification.folder().unwrap_or_default()
            ),
        ));
    }
}

/// Why `verify-statement` refuses the standard statement for a cluster: one finding per denial.
pub fn refusals(cx: &Cx) -> Vec<Diagnostic> {
    cx.cluster.denials().iter().map(|denial| refusal(cx, denial)).collect()
}

fn refusal(cx: &Cx, denial: &Denial) -> Diagnostic {
    cx.finding(
        Severity::Error,
        denial.field,
        format!("回答“是”，与标准的现场核查符合性说明中的“{}”不符：不能为此集群出具标准说明", denial.statement),
        "由市级中小企业主管部门根据现场核查情况另行撰写说明、盖章；如回答有误，请改为“否”后重新生成",
    )
}

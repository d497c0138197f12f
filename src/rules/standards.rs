//! 近三年集群中小企业主持或参与制修订标准清单: the forms count the standards of the last three
//! years, 2023 to 2025, as 年度累计值 from 2023, so every entry was published in one of them. An
//! older standard in the list would be counted in 2023 as if it were new.

use super::Cx;
use crate::load::diagnostic::Diagnostic;
use crate::model::Years;

pub fn check(cx: &Cx, out: &mut Vec<Diagnostic>) {
    let years = Years::<u32>::YEARS;
    let (first, last) = (years[0], years[years.len() - 1]);
    for (i, standard) in cx.cluster.lists.standards.iter().enumerate() {
        let at = format!("lists.standards.{i}.year");
        if cx.intact(&[&at]) && !(first..=last).contains(&standard.year) {
            out.push(cx.error(
                &at,
                format!(
                    "{} 的发布年度 {} 不在近三年（{first}—{last} 年）之内：标准清单只列近三年主持或参与制修订的标准",
                    standard.code, standard.year
                ),
                "核对发布年度；其他年度发布的标准不列入清单，并相应核对各年的标准数量",
            ));
        }
    }
}

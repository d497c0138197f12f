//! What the chosen submissions require: the parts each form prints, and who may submit it
//! (a national application needs provincial recognition; a review is of a 2023 cluster).

use super::{Cx, reviews};
use crate::load::diagnostic::Diagnostic;
use crate::model::{Submission, YesNo};

/// The year of the clusters this notice reviews (2023年度中小企业特色产业集群复核).
const REVIEWED_YEAR: u16 = 2023;

pub fn check(cx: &Cx, out: &mut Vec<Diagnostic>) {
    let c = cx.cluster;
    if c.submissions.is_empty() {
        out.push(cx.error(
            "submissions",
            "没有选择本次报送的材料",
            "在 submissions 下列出省级申报、国家级申报、省级复核、国家级复核中的一项或几项",
        ));
    }
    for review in [false, true] {
        // The form named is the first of its kind submitted (the provincial one when both).
        let Some(form) = c.submissions.iter().filter(|s| s.is_review() == review).min() else { continue };
        for &path in form.requires() {
            if cx.json.pointer(&format!("/{}", path.replace('.', "/"))).is_some_and(|v| !v.is_null()) {
                continue;
            }
            let (parent, key) = path.rsplit_once('.').unwrap_or(("", path));
            let place = if parent.is_empty() { "文件顶层".to_owned() } else { format!(" {parent} 下") };
            // A key that is there but empty is 尚未填写, as loading says of required fields.
            let add = match cx.written(path) {
                true => "请".to_owned(),
                false => format!("请在{place}添加 `{key}:` 并"),
            };
            let fix = if cx.is_object(path) {
                format!("{add}填写这一部分的各项（dossier init 生成的模板中有这一部分的完整结构）")
            } else if let Some(options) = cx.options(path) {
                format!("{add}填写{}", options.join("或"))
            } else {
                format!("{add}填写；没有相关情况时填写“无”")
            };
            let message = match cx.written(path) {
                true => "尚未填写".to_owned(),
                false => format!("{}需要填写“{}”，但文件中没有", form.form_title(), cx.title(path)),
            };
            out.push(cx.error(path, message, fix));
        }
    }
    national_prerequisite(cx, out);
    if let Some(review) = c.review.as_ref().filter(|r| reviews(c) && r.recognized_year != REVIEWED_YEAR) {
        out.push(cx.error(
            "review.recognized_year",
            format!("认定年度为 {}，本次只复核 {REVIEWED_YEAR} 年度认定的集群", review.recognized_year),
            format!("核对认定文件：{REVIEWED_YEAR} 年度认定的集群填 {REVIEWED_YEAR}；其他年度认定的集群本次不参加复核，请从 submissions 中删去复核"),
        ));
    }
}

/// 国家级申报 is open to clusters already recognised by the province, or applying to both at once.
fn national_prerequisite(cx: &Cx, out: &mut Vec<Diagnostic>) {
    let c = cx.cluster;
    if c.submits(Submission::NationalApplication)
        && c.basics.provincial_recognized == Some(YesNo::No)
        && !c.submits(Submission::ProvincialApplication)
    {
        out.push(cx.error(
            "basics.provincial_recognized",
            "尚未被认定为省级中小企业特色产业集群，却只申报国家级",
            "申报国家级须已被认定为省级集群：已认定的改为“是”并在 evidence/03-省级集群认定/ 中放认定文件；未认定的在 submissions 中同时加上“省级申报”",
        ));
    }
}

//! The catalogue of documents dossier renders: which template, with which data, under which
//! file name. Form text lives in the templates; this module only gathers their data.

use serde::Serialize;
use tera::Context;

use crate::model::derived::figures;
use crate::model::lists::{Enterprise, Lists};
use crate::model::{City, Cluster, Date, Letter, Submission, Topic, YesNo};
use crate::volume::TocEntry;

/// A document ready to render: its template and data, and the file name users will see.
pub struct Form {
    /// File name without extension, e.g. `附件2 山西省中小企业特色产业集群申报表`.
    pub name: String,
    pub template: &'static str,
    pub context: Context,
}

fn context(draft: bool) -> Context {
    let mut context = Context::new();
    context.insert("draft", &draft);
    context
}

/// The opinion a form's last part carries in the box of the office it names: the city's on the
/// provincial forms (附件2, 附件5), the province's on the national ones (附件3, 附件6). Without a
/// text the box stays empty for the office's own hand and seal.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Opinion {
    pub text: Option<String>,
    /// The date under the seal (blank for hand writing when not known).
    pub date: Option<Date>,
}

#[derive(Serialize)]
struct FormInfo<'a> {
    national: bool,
    /// The cluster's name as this form prints it (national forms: XX省XX县XX产业).
    name: String,
    opinion: &'a Opinion,
}

/// 附件2, 3, 5 or 6: the form of one submission of a cluster.
pub fn cluster_form(cluster: &Cluster, submission: Submission, opinion: &Opinion, draft: bool) -> Form {
    let national = submission.is_national();
    let name = if national { cluster.national_name() } else { cluster.name.clone() };
    let mut context = context(draft);
    context.insert("c", cluster);
    context.insert("d", &figures(cluster));
    context.insert("f", &FormInfo { national, name, opinion });
    Form {
        name: format!("附件{} {}", submission.attachment(), submission.form_title()),
        template: if submission.is_review() { "review.xml" } else { "application.xml" },
        context,
    }
}

/// The 情况说明 a form needs attached: one for each “是(需附情况说明)” answered 是 — the
/// accident and violation questions, and, on the review forms, a changed 运营管理机构.
pub fn explanations(cluster: &Cluster, submission: Submission, draft: bool) -> Vec<Form> {
    let basics = &cluster.basics;
    let operator = submission.is_review().then_some((&cluster.operator.changed, &cluster.operator.change_note));
    let answers = [
        (
            "近三年发生较大及以上安全、质量、环境污染等事故，重大及以上网络安全事件和数据安全事件",
            Some((&Some(basics.accidents.answer), &basics.accidents.note)),
        ),
        (
            "存在偷税漏税、违法违规、严重失信和其他重大问题的行为",
            Some((&Some(basics.violations.answer), &basics.violations.note)),
        ),
        ("集群运营管理机构发生变化", operator),
    ];
    answers
        .into_iter()
        .filter_map(|(question, answer)| {
            let (answer, note) = answer?;
            (*answer == Some(YesNo::Yes)).then(|| {
                let mut context = context(draft);
                context.insert("c", cluster);
                context.insert("question", question);
                context.insert("note", note);
                Form { name: format!("情况说明（{question}）"), template: "explanation.xml", context }
            })
        })
        .collect()
}

/// Who signs the 现场核查符合性说明, and when (blank for hand writing when not known).
#[derive(Debug, Clone, Serialize)]
pub struct Verifier {
    pub authority: String,
    pub date: Option<Date>,
}

impl Verifier {
    /// The city office of a cluster built on its own, before the city has verified it.
    pub fn unknown(cluster: &Cluster) -> Verifier {
        Verifier { authority: format!("{}工业和信息化局", cluster.region.city), date: None }
    }

    pub fn of(city: &City) -> Verifier {
        Verifier { authority: city.authority.clone(), date: Some(city.verified) }
    }
}

/// 附件8 现场核查符合性说明 for one cluster.
pub fn verification(cluster: &Cluster, verifier: &Verifier, draft: bool) -> Form {
    let mut context = context(draft);
    context.insert("c", cluster);
    context.insert("v", verifier);
    Form { name: "附件8 现场核查符合性说明".into(), template: "verification.xml", context }
}

/// The page a volume binds as its 现场核查符合性说明 item while the city's own 说明 is awaited:
/// a cluster whose answers deny a statement of 附件8 cannot have the standard one.
pub fn awaited_statement(cluster: &Cluster, number: usize, title: &str, draft: bool) -> Form {
    let mut details: Vec<String> =
        cluster.denials().iter().map(|d| format!("申报表中的回答与标准说明中的“{}”不符。", d.statement)).collect();
    details.push("标准的现场核查符合性说明（附件8）因此不适用，由市级中小企业主管部门另行出具说明。".to_owned());
    details.push(format!(
        "盖章的说明扫描后放入 {}/{}/，重新生成后装订在此处。",
        cluster.evidence.dir(),
        Topic::Verification.folder().unwrap_or_default()
    ));
    notice_page(cluster, &format!("{number}.{title}"), "此处装订市级中小企业主管部门出具的说明", &details, draft)
}

/// A city's document: its data, dated the day it verified its clusters.
fn city_context(city: &City, draft: bool) -> Context {
    let mut context = context(draft);
    context.insert("city", city);
    context.insert("date", &city.verified);
    context
}

/// 附件1 推荐汇总表.
pub fn recommend_summary(city: &City, clusters: &[&Cluster], draft: bool) -> Form {
    let mut context = city_context(city, draft);
    context.insert("clusters", clusters);
    Form {
        name: "附件1 2026年度国家级、省级中小企业特色产业集群推荐汇总表".into(),
        template: "recommend-summary.xml",
        context,
    }
}

/// One row of 附件4: a reviewed cluster with the city's opinion.
#[derive(Serialize)]
pub struct ReviewRow<'a> {
    pub cluster: &'a Cluster,
    pub opinion: &'a str,
    pub remark: Option<&'a str>,
}

/// 附件4 复核情况汇总表.
pub fn review_summary(city: &City, rows: &[ReviewRow], draft: bool) -> Form {
    let mut context = city_context(city, draft);
    context.insert("rows", rows);
    Form {
        name: "附件4 2023年度国家级、省级中小企业特色产业集群复核情况汇总表".into(),
        template: "review-summary.xml",
        context,
    }
}

/// 正式推荐文件 or 正式复核意见文件.
pub fn letter(city: &City, letter: &Letter, name: &str, draft: bool) -> Form {
    let mut context = city_context(city, draft);
    context.insert("l", letter);
    Form { name: name.to_owned(), template: "letter.xml", context }
}

#[derive(Serialize)]
struct VolumeInfo {
    provincial_application: bool,
}

fn volume_context(cluster: &Cluster, submission: Submission, draft: bool) -> Context {
    let mut context = context(draft);
    let name = if submission.is_national() { cluster.national_name() } else { cluster.name.clone() };
    context.insert("c", cluster);
    context.insert("name", &name);
    context.insert("title", &submission.volume_title());
    context.insert("f", &VolumeInfo { provincial_application: submission == Submission::ProvincialApplication });
    context
}

/// The cover of a submission's volume.
pub fn volume_cover(cluster: &Cluster, submission: Submission, draft: bool) -> Form {
    let context = volume_context(cluster, submission, draft);
    Form { name: "封面".into(), template: "volume-cover.xml", context }
}

/// The 目录 of a submission's volume, with the page each item starts on.
pub fn volume_contents(cluster: &Cluster, submission: Submission, toc: &[TocEntry], draft: bool) -> Form {
    let mut context = volume_context(cluster, submission, draft);
    context.insert("toc", toc);
    Form { name: "目录".into(), template: "volume-contents.xml", context }
}

/// A page standing for a volume item: "无", or in a draft the refused file and why.
pub fn notice_page(cluster: &Cluster, title: &str, message: &str, details: &[String], draft: bool) -> Form {
    let mut context = context(draft);
    context.insert("title", title);
    context.insert("author", &cluster.authority.name);
    context.insert("date", &cluster.submitted);
    context.insert("message", message);
    context.insert("details", details);
    Form { name: title.to_owned(), template: "notice-page.xml", context }
}

/// One table of a 名单/清单.
#[derive(Serialize)]
struct ListTable {
    caption: Option<&'static str>,
    headers: &'static [&'static str],
    widths: &'static [u32],
    rows: Vec<Vec<String>>,
}

fn numbered<T>(items: &[T], cells: impl Fn(&T) -> Vec<String>) -> Vec<Vec<String>> {
    items
        .iter()
        .enumerate()
        .map(|(i, item)| {
            let mut row = vec![(i + 1).to_string()];
            row.extend(cells(item));
            row
        })
        .collect()
}

fn enterprises(caption: &'static str, list: &[Enterprise]) -> ListTable {
    ListTable {
        caption: Some(caption),
        headers: &["序号", "企业名称", "企业简介", "经营范围", "认定年度"],
        widths: &[6, 20, 34, 30, 10],
        rows: numbered(list, |e| vec![e.name.clone(), e.intro.clone(), e.scope.clone(), e.year.to_string()]),
    }
}

fn text<T: Serialize>(value: &T) -> String {
    serde_json::to_value(value).ok().and_then(|v| v.as_str().map(str::to_owned)).unwrap_or_default()
}

/// The 名单/清单 a volume item renders from the YAML, if the topic has one and the data fills it.
fn list_tables(lists: &Lists, topic: Topic) -> Option<(&'static str, Vec<ListTable>)> {
    let single = |title, headers, widths, rows: Vec<Vec<String>>| {
        (!rows.is_empty()).then(|| (title, vec![ListTable { caption: None, headers, widths, rows }]))
    };
    match topic {
        Topic::KeyEnterprises => {
            let groups = [
                ("国家级制造业单项冠军企业", &lists.champions),
                ("国家级专精特新“小巨人”企业", &lists.little_giants),
                ("省级专精特新中小企业", &lists.specialized),
                ("国家级高新技术企业", &lists.high_tech),
            ];
            let tables: Vec<_> =
                groups.iter().filter(|(_, l)| !l.is_empty()).map(|(caption, l)| enterprises(caption, l)).collect();
            (!tables.is_empty()).then_some(("集群内重点企业名单", tables))
        }
        Topic::Standards => single(
            "集群内中小企业近三年主持或参与制修订标准清单",
            &["序号", "标准名称", "标准编号", "类别", "主持/参与", "发布年度", "企业"],
            &[6, 28, 18, 8, 9, 9, 22],
            numbered(&lists.standards, |s| {
                vec![
                    s.name.clone(),
                    s.code.clone(),
                    text(&s.category),
                    text(&s.role),
                    s.year.to_string(),
                    s.enterprise.clone(),
                ]
            }),
        ),
        Topic::Platforms => single(
            "集群创新平台建设情况清单",
            &["序号", "平台名称", "级别", "依托单位", "认定年度"],
            &[6, 40, 10, 32, 12],
            numbered(&lists.platforms, |p| vec![p.name.clone(), text(&p.level), p.host.clone(), p.year.to_string()]),
        ),
        Topic::Patents => single(
            "集群内中小企业有效发明专利清单",
            &["序号", "专利名称", "专利号", "类型", "专利权人", "授权公告日"],
            &[6, 34, 18, 10, 20, 12],
            numbered(&lists.patents, |p| {
                vec![p.title.clone(), p.number.clone(), p.kind.clone(), p.owner.clone(), p.granted.to_string()]
            }),
        ),
        Topic::NewModels => single(
            "集群数字化新模式新业态项目清单",
            &["序号", "项目名称", "级别", "承担单位", "年度"],
            &[6, 42, 10, 30, 12],
            numbered(&lists.projects, |p| {
                vec![p.name.clone(), text(&p.level), p.enterprise.clone(), p.year.to_string()]
            }),
        ),
        Topic::GreenSystem => single(
            "集群绿色制造体系建设清单",
            &["序号", "名称", "类别", "级别", "认定年度"],
            &[6, 40, 22, 12, 12],
            numbered(&lists.green_system, |g| vec![g.name.clone(), g.kind.clone(), text(&g.level), g.year.to_string()]),
        ),
        Topic::OverseasBranches => single(
            "集群或集群内企业在境外设立分支机构清单",
            &["序号", "分支机构名称", "所在国家（地区）", "设立企业", "设立年度"],
            &[6, 36, 16, 30, 12],
            numbered(&lists.overseas_branches, |b| {
                vec![b.name.clone(), b.country.clone(), b.enterprise.clone(), b.year.to_string()]
            }),
        ),
        Topic::Environment => single(
            "集群内产业联盟组织清单",
            &["序号", "组织名称", "类别", "成员单位数量", "成立年度"],
            &[6, 44, 18, 16, 12],
            numbered(&lists.alliances, |a| {
                vec![a.name.clone(), a.kind.clone(), a.members.to_string(), a.year.to_string()]
            }),
        ),
        Topic::ServicePlatforms => single(
            "集群已建设的中小企业公共服务平台清单",
            &["序号", "平台名称", "运营单位", "认定级别及文件", "认定年度"],
            &[6, 30, 26, 26, 12],
            numbered(&lists.service_platforms, |p| {
                vec![p.name.clone(), p.operator.clone(), p.recognition.clone(), p.year.to_string()]
            }),
        ),
        _ => None,
    }
}

/// The 名单/清单 page(s) of a volume item, when the YAML has its list.
pub fn list(cluster: &Cluster, topic: Topic, draft: bool) -> Option<Form> {
    let (title, tables) = list_tables(&cluster.lists, topic)?;
    let mut context = context(draft);
    context.insert("title", title);
    context.insert("author", &cluster.authority.name);
    context.insert("date", &cluster.submitted);
    context.insert("tables", &tables);
    Some(Form { name: title.to_owned(), template: "list.xml", context })
}

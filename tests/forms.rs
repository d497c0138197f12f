//! The forms as a county clerk would compare them with the official Word attachments: every
//! label of the notice, the tables with the official rows and columns, exactly the ticked boxes
//! of the YAML, figures with two decimals. Read back from the DOCX the build writes.

mod common;

use common::{W, docx_paragraphs, load_example, unzip};
use dossier::doc::Document;
use dossier::model::derived::figures;
use dossier::model::options::{Checks, OptionSet};
use dossier::model::plan::Direction;
use dossier::model::{Cluster, Submission};
use dossier::render::Templates;
use dossier::render::forms;

fn render(cluster: &Cluster, submission: Submission) -> (Document, String) {
    let form = forms::cluster_form(cluster, submission, &forms::Opinion::default(), false);
    let doc = Templates::new().unwrap().render(form.template, &form.context).unwrap();
    let docx = dossier::docx::write(&doc, common::fonts()).unwrap();
    let xml = unzip(&docx).remove("word/document.xml").unwrap();
    (doc, xml)
}

/// The labels the application forms print, typed from the notice (附件2/附件3).
const APPLICATION_LABELS: &[&str] = &[
    "填报说明",
    "一、基本情况",
    "县级行政区划中小企业主管部门",
    "集群运营管理机构",
    "集群占地面积(平方公里)",
    "主导产业所属产业类型",
    "集群主导产业是否属于国家规定的禁止、限制和淘汰类产业",
    "近三年是否发生较大及以上安全、质量、环境污染等事故，重大及以上网络安全事件和数据安全事件",
    "是否存在偷税漏税、违法违规、严重失信和其他重大问题的行为",
    "属于高耗能行业的集群，能效水平是否达到行业基准值",
    "属于高用水行业的集群，水效水平是否达到行业基准值",
    "是否已被认定为省级中小企业特色产业集群",
    "二、主导产业情况",
    "集群总产值（亿元）",
    "集群总产值占所在县级行政区划工业总产值比例（%）",
    "集群内中小企业产值占集群总产值比例（%）",
    "集群主导产业产值占集群总产值比例（%）",
    "集群主导产业产值增速（%）",
    "近三年集群主导产业产值年均增速（%）",
    "集群企业数量（年度累计值）",
    "其中：集群中小企业数量（年度累计值）",
    "主导产业相关的国家级制造业单项冠军企业数量（年度累计值）（注：需附名单，包含序号、企业名称、企业简介、经营范围、认定年度等信息）",
    "主导产业相关的国家级专精特新“小巨人”企业数量（年度累计值）",
    "主导产业相关的省级专精特新中小企业数量（年度累计值）",
    "主导产业相关的创新型中小企业数量（年度累计值）",
    "主导产业相关的国家级高新技术企业数量（年度累计值）",
    "集群外商直接投资额（万元）",
    "集群外商直接投资额增长率（%）",
    "集群主导产品出口贸易额（万元）",
    "集群主导产品出口贸易额增长率（%）",
    "集群产业链强链补链情况（200 字以内）",
    "集群已开展的产业链强链补链工作",
    "集群内产业链资源协同协作情况（200 字以内）",
    "集群已开展的产业链资源协同协作工作",
    "集群质量品牌建设情况（200 字以内）",
    "集群已开展的质量品牌建设工作",
    "（注：勾选需提供佐证材料）",
    "三、创新能力情况",
    "集群中小企业研发经费总额（亿元）",
    "集群中小企业研发经费增速（%）",
    "集群中小企业从业人员数量",
    "近三年集群中小企业主持(起草单位排名前三位)或参与制修订标准数量情况(需提供清单)(年度累计值)",
    "主持数量",
    "参与数量",
    "创新平台建设情况（需提供清单及佐证材料）",
    "国家制造业创新中心或国家级创新平台名称及数量",
    "省级制造业创新中心或省级创新平台名称及数量",
    "其他平台名称及数量",
    "近三年集群中小企业有效发明专利年均增速（%）",
    "集群内中小企业有效发明专利拥有量（包括发明专利、国防专利、植物新品种、国家级农作物品种、国家新药、国家一级中药保护品种、集成电路布图设计专有权等）",
    "四、数字化升级情况",
    "集群上云中小企业数量",
    "集群接入工业互联网平台的中小企业数量",
    "工业软件应用率稳步提升",
    "数字化服务总体情况（200 字以内）",
    "集群已开展的数字化服务工作",
    "数字化新模式新业态推广情况",
    "承担智能制造、工业互联网以及其他新模式新业态项目建设及推广工作情况（200 字以内）",
    "集群承担的数字化新模式新业态项目及推广工作：",
    "国家级新模式新业态项目建设名称及数量",
    "省级新模式新业态项目建设名称及数量",
    "其他新模式新业态项目建设及推广工作名称及数量",
    "集群中小企业数字化水平等级比例（%）",
    "无等级占比",
    "四级占比",
    "集群数字化平台建设情况",
    "五、绿色化转型情况",
    "是否建立集群碳排放监测机制",
    "近三年集群单位产值二氧化碳排放量（吨二氧化碳/万元）",
    "（注：单位产值二氧化碳排放量需提供计算公式）",
    "近三年集群单位产值能耗（吨标准煤/万元）",
    "（注：单位产值能耗需提供计算公式）",
    "近三年集群单位产值能耗降低率（%）",
    "大宗工业固废综合利用率（%）",
    "是否高于行业平均水平",
    "工业用水重复利用率（%）",
    "集群绿色低碳相关工作情况（200 字以内）",
    "集群已开展的绿色低碳相关工作",
    "集群绿色制造体系建设水平",
    "国家级绿色制造体系建设情况",
    "省级绿色制造体系建设情况",
    "其他绿色制造体系建设情况",
    "六、开放合作情况",
    "集群国际合作交流总体情况（200 字以内）",
    "集群已开展的国际合作交流活动",
    "集群或集群内企业在境外设立分支机构数量",
    "（注：需提供清单及相关佐证材料）",
    "七、治理和服务水平",
    "集群内产业联盟组织情况（注：包括行业学会、协会等，需提供清单）",
    "集群发展环境情况（200 字以内）",
    "集群已开展的发展环境治理工作",
    "集群提供中小企业公共服务情况",
    "集群已提供的中小企业公共服务：",
    "八、未来三年中小企业特色产业集群发展规划",
    "（3000 字以内）",
    "一、集群基本情况简介",
    "二、发展成效",
    "三、存在的问题",
    "四、未来三年中小企业特色产业集群发展规划",
    "（一）总体思路",
    "（二）发展目标",
    "1. 三年总体目标",
    "近三年集群产值年均增速",
    "优质中小企业数量",
    "研发经费投入",
    "有效发明专利数量",
    "工业互联网普及率",
    "二氧化碳排放量",
    "单位工业产值能耗",
    "定性描述",
    "（备注：基准值须符合中小企业特色产业集群认定标准，2028 年目标值须符合以下要求：",
    "a. 近三年产值年均增速不低于 10%",
    "g. 集群单位工业产值能耗下降率不低于行业平均水平）",
    "2. 阶段性目标",
    "（1）2026 年度",
    "（3）2028 年度",
    "（三）重点任务",
    "（四）保障措施",
    "九、真实性声明及推荐意见",
    "真实性声明",
    "本单位承诺此次申报中小企业特色产业集群的申请材料(包括附件资料)真实、合法。",
    "县级行政区划中小企业主管部门负责人(签字):",
    "县级行政区划中小企业主管部门(公章):",
    "推荐单位(公章):",
];

/// Labels where the two application forms differ.
fn own_labels(submission: Submission) -> &'static [&'static str] {
    match submission {
        Submission::ProvincialApplication => &[
            "附件2",
            "山西省中小企业特色产业集群申报表",
            "山西省工业和信息化厅　制",
            "依据《促进中小企业特色产业集群发展管理办法（暂行）》编制",
            "市级中小企业主管部门推荐意见",
        ],
        Submission::NationalApplication => &[
            "附件3",
            "中小企业特色产业集群申报表",
            "工业和信息化部　制",
            "省(区、市)",
            "依据《促进中小企业特色产业集群发展暂行办法》编制",
            "省级中小企业主管部门推荐意见",
        ],
        Submission::ProvincialReview => {
            &["附件5", "山西省中小企业特色产业集群复核申报表", "市级中小企业主管部门复核意见"]
        }
        Submission::NationalReview => &["附件6", "中小企业特色产业集群复核申报表", "省级中小企业主管部门复核意见"],
    }
}

const REVIEW_LABELS: &[&str] = &[
    "填报说明",
    "集群运营管理机构如发生变化，需提交情况说明。",
    "为确保文件信息的正确采集，填表时不得改变表格样式，其中一至三部分不得串页。",
    "一、基本情况",
    "是否发生变化",
    "是(需附情况说明)",
    "二、近三年目标完成情况",
    "一、集群基本情况简介",
    "二、培育工作",
    "三、发展成效",
    "2022 年基准值",
    "2025 年目标值",
    "2025 年完成值",
    "治理和服务",
    "其它",
    "四、未来三年中小企业特色产业集群发展规划",
    "可不局限于以下方面",
    "三、真实性声明及推荐意见",
    "本单位承诺此次提交的中小企业特色产业集群复核材料(包括附件资料)真实、合法。",
    "四、佐证材料",
    "对照集群申报时制定的发展目标，提供完成情况的佐证材料，包括：",
    "4. 其他发展目标对应的重点工作、重要成果材料。",
];

fn assert_labels(text: &str, labels: &[&str], form: &str) {
    let missing: Vec<_> = labels.iter().filter(|l| !text.contains(*l)).collect();
    assert!(missing.is_empty(), "{form} lacks {missing:#?}");
}

#[test]
fn every_label_of_the_notice_is_in_each_form() {
    for (example, submissions) in [
        ("qixian-glass", &[Submission::ProvincialApplication, Submission::NationalApplication][..]),
        ("yuci-hydraulics", &[Submission::ProvincialReview, Submission::NationalReview][..]),
    ] {
        let cluster = load_example(example).value;
        for &submission in submissions {
            let (_, xml) = render(&cluster, submission);
            // A header cell breaks its label where the words part (2022 年 / 基准值): still the label.
            let text: Vec<String> = docx_paragraphs(&xml).iter().map(|p| p.replace('\n', "")).collect();
            let text = text.join("\n");
            let general = if submission.is_review() { REVIEW_LABELS } else { APPLICATION_LABELS };
            assert_labels(&text, general, submission.form_title());
            assert_labels(&text, own_labels(submission), submission.form_title());
        }
    }
}

/// Rows and grid columns of each table of a form, in order.
fn table_shapes(xml: &str) -> Vec<(usize, usize)> {
    let tree = roxmltree::Document::parse(xml).unwrap();
    tree.descendants()
        .filter(|n| n.has_tag_name((W, "tbl")))
        .map(|t| {
            let rows = t.children().filter(|n| n.has_tag_name((W, "tr"))).count();
            let grid = t.descendants().filter(|n| n.has_tag_name((W, "gridCol"))).count();
            (rows, grid)
        })
        .collect()
}

#[test]
fn tables_have_the_rows_and_columns_of_the_official_form() {
    let cluster = load_example("qixian-glass").value;
    // The form's fixed rows, the cluster's own indicators, and one 其他 row even when empty.
    let others = cluster.plan.targets.extra.iter().filter(|e| e.direction == Direction::Other).count();
    let targets_rows = 1 + 2 + 2 + 1 + 2 + 1 + 1 + cluster.plan.targets.extra.len() - others + others.max(1);
    let (_, xml) = render(&cluster, Submission::ProvincialApplication);
    assert_eq!(
        table_shapes(&xml),
        vec![
            (13, 4), // 一、基本情况
            // The rows after the year header's last user are a w:tbl of their own right below
            // (Word then repeats the header only above rows that use it).
            (18, 4),  // 二：年度 + 17 figures…
            (6, 4),   // … + 3 × (narrative, boxes)
            (14, 10), // 三：3 years × (类别, 主持, 参与)
            (3, 4),   // 四: 年度 and its figures…
            (14, 4),  // … and the narratives
            (19, 3),  // 五
            (3, 2),   // 六
            (4, 2),   // 七
            (targets_rows, 4),
            (2, 2), // 九
        ]
    );
    let review = load_example("yuci-hydraulics").value;
    let (_, xml) = render(&review, Submission::ProvincialReview);
    let shapes = table_shapes(&xml);
    assert_eq!(shapes.len(), 4, "一、完成情况表、目标表、声明");
    assert_eq!(shapes[0], (12, 4), "the review's 一、基本情况 has no 省级认定 row");
    assert_eq!(shapes[1].1, 5);
    assert_eq!(shapes[3], (2, 2));
}

/// Every option of a group: ☑ before the ticked, ☐ before the others, as the YAML says.
fn assert_group<T: OptionSet>(text: &str, checks: &Checks<T>) {
    for &option in T::ALL {
        let (mark, other) = if checks.contains(option) { ('☑', '☐') } else { ('☐', '☑') };
        assert!(text.contains(&format!("{mark}{}", option.text())), "{mark}{} missing", option.text());
        assert!(!text.contains(&format!("{other}{}", option.text())), "{other}{} wrongly drawn", option.text());
    }
}

#[test]
fn ticked_boxes_are_exactly_those_of_the_yaml() {
    let cluster = load_example("qixian-glass").value;
    let (_, xml) = render(&cluster, Submission::ProvincialApplication);
    let text = docx_paragraphs(&xml).join("\n");
    let i = cluster.industry.as_ref().unwrap();
    assert_group(&text, &i.chain_works);
    assert_group(&text, &i.collaboration_works);
    assert_group(&text, &i.quality_works);
    let d = cluster.digital.as_ref().unwrap();
    assert_group(&text, &d.service_works);
    assert_group(&text, &d.new_model_works);
    assert_group(&text, &d.platforms);
    assert_group(&text, &cluster.green.as_ref().unwrap().works);
    assert_group(&text, &cluster.openness.as_ref().unwrap().works);
    let g = cluster.governance.as_ref().unwrap();
    assert_group(&text, &g.environment_works);
    assert_group(&text, &g.public_services);
    assert!(text.contains("☐第一产业　☑第二产业　☐第三产业"), "industry type as typed");
}

#[test]
fn figures_print_with_two_decimals() {
    let cluster = load_example("qixian-glass").value;
    let (_, xml) = render(&cluster, Submission::ProvincialApplication);
    let cells = docx_paragraphs(&xml);
    let has = |s: String| assert!(cells.contains(&s), "no cell reads {s}");
    let i = cluster.industry.as_ref().unwrap();
    for value in i.output.values() {
        has(value.fixed2());
    }
    has(cluster.area_km2.fixed2());
    let derived = figures(&cluster);
    has(derived.leading_output_cagr.flatten().unwrap().fixed2());
    for growth in derived.leading_output_growth.unwrap().values() {
        has(growth.unwrap().fixed2());
    }
    assert!(cells.iter().all(|c| !c.contains("0000000")), "no float noise anywhere");
}

#[test]
fn printed_duplex_page_one_of_a_form_is_a_right_hand_page() {
    let cluster = load_example("qixian-glass").value;
    let (doc, xml) = render(&cluster, Submission::ProvincialApplication);
    // DOCX: the body section begins with an odd-page section break.
    let tree = roxmltree::Document::parse(&xml).unwrap();
    let types: Vec<_> = tree
        .descendants()
        .filter(|n| n.has_tag_name((W, "sectPr")))
        .map(|s| s.children().find(|n| n.has_tag_name((W, "type"))).and_then(|t| t.attribute((W, "val"))))
        .collect();
    assert_eq!(types, vec![None, Some("oddPage")]);
    // PDF: the cover, its blank back, then 填报说明 as page 1.
    let pdf = dossier::pdf::typeset(&doc, common::fonts()).unwrap().to_pdf().unwrap();
    let pages = common::page_texts(&lopdf::Document::load_mem(&pdf).unwrap());
    assert!(pages[0].contains("山西省中小企业特色产业集群申报表"));
    assert_eq!(pages[1], "", "the cover's back is blank");
    assert!(pages[2].starts_with("填报说明") && pages[2].ends_with("—1—"), "{}", pages[2]);
}

#[test]
fn user_text_reaches_the_docx_unchanged_whatever_it_holds() {
    let mut cluster = load_example("qixian-glass").value;
    let hostile = "祁县<玻璃>&\"器皿\" ]]> 'x' 𠀋 产业";
    cluster.name = format!("{hostile}\u{1}");
    cluster.industry.as_mut().unwrap().chain_text = format!("{hostile}\n第二段</p><p>");
    let (_, xml) = render(&cluster, Submission::ProvincialApplication);
    let paragraphs = docx_paragraphs(&xml);
    assert!(paragraphs.iter().any(|p| p == hostile), "the name, its control character dropped");
    assert!(paragraphs.iter().any(|p| p == "第二段</p><p>"), "markup in user text stays text");
}

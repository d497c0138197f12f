//! One cluster's `cluster.yaml`: everything its forms and volumes need.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::lists::Lists;
use super::options::*;
use super::plan::{Plan, Review};
use super::{Contact, Date, Dec, Evidence, Signed, Submission, Value, Years, YearsFrom2022, YesNo, YesNoNa};

/// 中小企业特色产业集群申报（复核）数据
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Cluster {
    /// 本次报送的材料
    ///
    /// 省级申报、国家级申报、省级复核、国家级复核中的一项或几项；同时申报国家和省级的需分别填报。
    pub submissions: Vec<Submission>,
    /// 集群名称
    ///
    /// 省级表格式为 XX(县、区)XX产业，如“祁县玻璃器皿产业”。
    pub name: String,
    /// 国家级表中的集群名称
    ///
    /// 格式为 XX(省、市)XX(县、区)XX产业；不填时为“省名 + 集群名称”。
    #[serde(default)]
    pub national_name: Option<String>,
    /// 所属地区
    pub region: Region,
    /// 主导产业
    pub leading_industry: String,
    /// 细分领域
    ///
    /// 每个细分领域每市只推荐 1 个集群。
    pub segment: String,
    /// 集群成立时间
    ///
    /// 如“2009年”。
    pub founded: String,
    /// 集群简介（300 字以内）
    ///
    /// 集群主导产业发展情况，行业地位，荣誉称号等。2025 年，集群总产值，中小企业数量，专精特新中小企业数量，专精特新“小巨人”企业数量，国家级制造业单项冠军企业数量。近三年集群中小企业主持制定国际、国家、行业标准数量，中小企业有效发明专利数量，万人发明专利拥有量等。
    pub summary: String,
    /// 县级行政区划中小企业主管部门
    pub authority: Authority,
    /// 集群运营管理机构
    pub operator: Operator,
    /// 申报时间
    pub submitted: Date,
    /// 联系人及联系电话（封面）
    pub contact: Contact,
    /// 集群占地面积（平方公里）
    pub area_km2: Dec,
    /// 一、基本情况
    pub basics: Basics,
    /// 二、主导产业情况（申报表）
    #[serde(default)]
    pub industry: Option<Industry>,
    /// 三、创新能力情况（申报表）
    #[serde(default)]
    pub innovation: Option<Innovation>,
    /// 四、数字化升级情况（申报表）
    #[serde(default)]
    pub digital: Option<Digital>,
    /// 五、绿色化转型情况（申报表）
    #[serde(default)]
    pub green: Option<Green>,
    /// 六、开放合作情况（申报表）
    #[serde(default)]
    pub openness: Option<Openness>,
    /// 七、治理和服务水平（申报表）
    #[serde(default)]
    pub governance: Option<Governance>,
    /// 未来三年中小企业特色产业集群发展规划
    pub plan: Plan,
    /// 近三年目标完成情况（复核申报表）
    #[serde(default)]
    pub review: Option<Review>,
    /// 真实性声明
    #[serde(default)]
    pub declaration: Declaration,
    /// 名单与清单
    #[serde(default)]
    pub lists: Lists,
    /// 佐证材料
    #[serde(default)]
    pub evidence: Evidence,
    /// 手工填写的计算值（可选）
    ///
    /// 增速、年均增速、占比等由程序根据逐年数据计算；如在此填写，检查时与计算值比对。
    #[serde(default)]
    pub stated: Figures<Signed>,
}

impl Cluster {
    pub fn submits(&self, submission: Submission) -> bool {
        self.submissions.contains(&submission)
    }

    /// The statements of the standard 现场核查符合性说明 (附件8) that this cluster's answers deny:
    /// its template states all three, so a city can sign it only when this is empty.
    pub fn denials(&self) -> Vec<Denial> {
        let b = &self.basics;
        [
            (b.prohibited_industry, "basics.prohibited_industry", "集群主导产业不属于国家规定的禁止、限制和淘汰类产业"),
            (
                b.accidents.answer,
                "basics.accidents.answer",
                "集群内企业近三年未发生较大及以上安全、质量、环境污染等事故，重大及以上网络安全事件和数据安全事件",
            ),
            (b.violations.answer, "basics.violations.answer", "不存在偷税漏税、违法违规、严重失信和其他重大问题的行为"),
        ]
        .into_iter()
        .filter(|(answer, _, _)| *answer == YesNo::Yes)
        .map(|(_, field, statement)| Denial { field, statement })
        .collect()
    }

    /// The name the national forms print: XX(省、市)XX(县、区)XX产业.
    pub fn national_name(&self) -> String {
        self.national_name.clone().unwrap_or_else(|| format!("{}{}", self.region.province, self.name))
    }
}

/// A statement of 附件8 that an answer of part 一 denies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Denial {
    /// The answer's field (`basics.accidents.answer`).
    pub field: &'static str,
    /// The statement, as 附件8 words it.
    pub statement: &'static str,
}

/// 所属地区
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Region {
    /// 省（区、市）
    pub province: String,
    /// 市（区）
    pub city: String,
    /// 县（市、区）
    pub county: String,
}

/// 县级行政区划中小企业主管部门
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Authority {
    /// 部门名称
    pub name: String,
    /// 联系人及联系方式
    pub contact: Contact,
}

/// 集群运营管理机构
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Operator {
    /// 机构名称
    ///
    /// 对产业集群集中运营管理的产业园区管委会、园区运营企业或公共服务机构等法人主体，基础建设单位不可作为集群运营管理机构。
    pub name: String,
    /// 联系人及联系方式
    pub contact: Contact,
    /// 是否发生变化（复核申报表）
    #[serde(default)]
    pub changed: Option<YesNo>,
    /// 变化情况说明（发生变化时需附）
    #[serde(default)]
    pub change_note: Option<String>,
}

/// 主导产业所属产业类型
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub enum IndustryType {
    #[serde(rename = "第一产业")]
    Primary,
    #[serde(rename = "第二产业")]
    Secondary,
    #[serde(rename = "第三产业")]
    Tertiary,
}

/// 一个“是(需附情况说明)/否”问题的回答
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Disclosure {
    /// 回答（是 / 否）
    pub answer: YesNo,
    /// 情况说明（回答“是”时必填）
    #[serde(default)]
    pub note: Option<String>,
}

/// 一、基本情况
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Basics {
    /// 主导产业所属产业类型
    pub industry_type: IndustryType,
    /// 集群主导产业是否属于国家规定的禁止、限制和淘汰类产业
    pub prohibited_industry: YesNo,
    /// 近三年是否发生较大及以上安全、质量、环境污染等事故，重大及以上网络安全事件和数据安全事件
    pub accidents: Disclosure,
    /// 是否存在偷税漏税、违法违规、严重失信和其他重大问题的行为
    pub violations: Disclosure,
    /// 属于高耗能行业的集群，能效水平是否达到行业基准值
    pub energy_efficiency: YesNoNa,
    /// 属于高用水行业的集群，水效水平是否达到行业基准值
    pub water_efficiency: YesNoNa,
    /// 是否已被认定为省级中小企业特色产业集群（申报表）
    #[serde(default)]
    pub provincial_recognized: Option<YesNo>,
}

/// 二、主导产业情况
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Industry {
    /// 集群总产值（亿元）
    pub output: Years<Dec>,
    /// 所在县级行政区划工业总产值（亿元），用于计算集群总产值占比
    pub county_output: Years<Dec>,
    /// 集群内中小企业产值（亿元），用于计算中小企业产值占比
    pub sme_output: Years<Dec>,
    /// 集群主导产业产值（亿元），用于计算占比、增速和近三年年均增速
    pub leading_output: YearsFrom2022<Dec>,
    /// 集群企业数量（年度累计值）
    pub enterprises: Years<u32>,
    /// 其中：集群中小企业数量（年度累计值）
    pub smes: Years<u32>,
    /// 主导产业相关的国家级制造业单项冠军企业数量（年度累计值，需附名单）
    pub champions: Years<u32>,
    /// 主导产业相关的国家级专精特新“小巨人”企业数量（年度累计值，需附名单）
    pub little_giants: Years<u32>,
    /// 主导产业相关的省级专精特新中小企业数量（年度累计值，需附名单）
    pub specialized: Years<u32>,
    /// 主导产业相关的创新型中小企业数量（年度累计值）
    pub innovative: Years<u32>,
    /// 主导产业相关的国家级高新技术企业数量（年度累计值）
    pub high_tech: Years<u32>,
    /// 集群外商直接投资额（万元）
    pub fdi: YearsFrom2022<Dec>,
    /// 集群主导产品出口贸易额（万元）
    pub exports: YearsFrom2022<Dec>,
    /// 集群产业链强链补链情况（200 字以内）
    pub chain_text: String,
    /// 集群已开展的产业链强链补链工作（勾选需提供佐证材料）
    pub chain_works: Checks<ChainWork>,
    /// 集群内产业链资源协同协作情况（200 字以内）
    pub collaboration_text: String,
    /// 集群已开展的产业链资源协同协作工作（勾选需提供佐证材料）
    pub collaboration_works: Checks<CollaborationWork>,
    /// 集群质量品牌建设情况（200 字以内）
    pub quality_text: String,
    /// 集群已开展的质量品牌建设工作（勾选需提供佐证材料）
    pub quality_works: Checks<QualityWork>,
}

/// 主持和参与制修订的标准数量
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct LeadJoin {
    /// 主持数量
    pub lead: u32,
    /// 参与数量
    pub join: u32,
}

/// 一个年度按类别的标准数量
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct StandardCounts {
    /// 国际
    pub international: LeadJoin,
    /// 国家
    pub national: LeadJoin,
    /// 行业
    pub industry: LeadJoin,
    /// 团体
    pub group: LeadJoin,
}

/// 国家级、省级、其他的数量（名称取自相应清单）
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct LevelCounts {
    /// 国家级数量（个）
    pub national: u32,
    /// 省级数量（个）
    pub provincial: u32,
    /// 其他数量（个）
    pub other: u32,
}

/// 三、创新能力情况
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Innovation {
    /// 集群中小企业研发经费总额（亿元）
    pub rd_spending: YearsFrom2022<Dec>,
    /// 集群中小企业从业人员数量
    pub employees: Years<u32>,
    /// 近三年集群中小企业主持(起草单位排名前三位)或参与制修订标准数量情况（年度累计值，需提供清单）
    pub standards: Years<StandardCounts>,
    /// 创新平台建设情况（需提供清单及佐证材料）
    pub platforms: LevelCounts,
    /// 集群内中小企业有效发明专利拥有量（件）
    pub patents: YearsFrom2022<u32>,
}

/// 集群中小企业数字化水平等级比例（%）
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DigitalLevels {
    /// 无等级占比
    pub none: Dec,
    /// 一级占比
    pub level1: Dec,
    /// 二级占比
    pub level2: Dec,
    /// 三级占比
    pub level3: Dec,
    /// 四级占比
    pub level4: Dec,
}

impl DigitalLevels {
    pub fn total(&self) -> Dec {
        self.none + self.level1 + self.level2 + self.level3 + self.level4
    }
}

/// 四、数字化升级情况
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Digital {
    /// 集群上云中小企业数量
    pub cloud_smes: Years<u32>,
    /// 集群接入工业互联网平台的中小企业数量
    pub platform_smes: Years<u32>,
    /// 工业软件应用率稳步提升
    pub software_rising: YesNo,
    /// 数字化服务总体情况（200 字以内）
    pub service_text: String,
    /// 集群已开展的数字化服务工作（勾选需提供佐证材料）
    pub service_works: Checks<DigitalServiceWork>,
    /// 承担智能制造、工业互联网以及其他新模式新业态项目建设及推广工作情况（200 字以内）
    pub new_model_text: String,
    /// 集群承担的数字化新模式新业态项目及推广工作（勾选需提供佐证材料）
    pub new_model_works: Checks<NewModelWork>,
    /// 新模式新业态项目建设数量（国家级、省级、其他；名称取自项目清单）
    pub projects: LevelCounts,
    /// 集群中小企业数字化水平等级比例（%）
    pub levels: DigitalLevels,
    /// 集群数字化平台建设情况
    pub platforms: Checks<DigitalPlatform>,
}

/// 五、绿色化转型情况
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Green {
    /// 是否建立集群碳排放监测机制（如涉及，需提供佐证材料）
    pub carbon_monitoring: YesNo,
    /// 近三年集群单位产值二氧化碳排放量（吨二氧化碳/万元）
    pub co2_intensity: Years<Dec>,
    /// 单位产值二氧化碳排放量计算公式
    pub co2_formula: String,
    /// 近三年集群单位产值能耗（吨标准煤/万元）
    pub energy_intensity: Years<Dec>,
    /// 单位产值能耗计算公式
    pub energy_formula: String,
    /// 大宗工业固废综合利用率（%）
    ///
    /// 不产生大宗工业固废的集群填“无”，下一项选“不适用”。
    pub solid_waste_rate: Value,
    /// 大宗工业固废综合利用率是否高于行业平均水平
    pub solid_waste_above_average: YesNoNa,
    /// 工业用水重复利用率（%）
    ///
    /// 不使用工业用水的集群填“无”，下一项选“不适用”。
    pub water_reuse_rate: Value,
    /// 工业用水重复利用率是否高于行业平均水平
    pub water_reuse_above_average: YesNoNa,
    /// 集群绿色低碳相关工作情况（200 字以内）
    pub text: String,
    /// 集群已开展的绿色低碳相关工作（勾选需提供佐证材料）
    pub works: Checks<GreenWork>,
    /// 集群绿色制造体系建设水平（国家级、省级、其他；名称取自绿色制造体系清单）
    pub system: LevelCounts,
}

/// 六、开放合作情况
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Openness {
    /// 集群国际合作交流总体情况（200 字以内）
    pub text: String,
    /// 集群已开展的国际合作交流活动（勾选需提供佐证材料）
    pub works: Checks<InternationalWork>,
    /// 集群或集群内企业在境外设立分支机构数量（个，需提供清单）
    pub overseas_branches: u32,
}

/// 七、治理和服务水平
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Governance {
    /// 集群内产业联盟组织数量（个，包括行业学会、协会等，名称取自清单）
    pub alliances: u32,
    /// 集群发展环境情况（200 字以内）
    pub environment_text: String,
    /// 集群已开展的发展环境治理工作（勾选需提供佐证材料）
    pub environment_works: Checks<EnvironmentWork>,
    /// 集群已提供的中小企业公共服务（勾选需提供佐证材料）
    pub public_services: Checks<PublicService>,
}

/// 真实性声明
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Declaration {
    /// 县级行政区划中小企业主管部门负责人（打印姓名；不填则留空手签）
    #[serde(default)]
    pub signatory: Option<String>,
    /// 声明日期（不填则留空手写）
    #[serde(default)]
    pub date: Option<Date>,
}

// The figures the forms compute: `Figures<Signed>` as a user may type them under `stated`,
// `Figures<Option<T>>` as `model::derived` computes them (`None` where a base is zero).
/// 计算值：增速、年均增速、占比。程序由逐年数据算出一份；YAML 的 stated 可另填一份，供检查比对
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Figures<T> {
    /// 集群总产值占所在县级行政区划工业总产值比例（%）
    #[serde(default)]
    pub output_share_of_county: Option<Years<T>>,
    /// 集群内中小企业产值占集群总产值比例（%）
    #[serde(default)]
    pub sme_output_share: Option<Years<T>>,
    /// 集群主导产业产值占集群总产值比例（%）
    #[serde(default)]
    pub leading_output_share: Option<Years<T>>,
    /// 集群主导产业产值增速（%）
    #[serde(default)]
    pub leading_output_growth: Option<Years<T>>,
    /// 近三年集群主导产业产值年均增速（%）
    #[serde(default)]
    pub leading_output_cagr: Option<T>,
    /// 集群外商直接投资额增长率（%）
    #[serde(default)]
    pub fdi_growth: Option<Years<T>>,
    /// 集群主导产品出口贸易额增长率（%）
    #[serde(default)]
    pub exports_growth: Option<Years<T>>,
    /// 集群中小企业研发经费增速（%）
    #[serde(default)]
    pub rd_growth: Option<Years<T>>,
    /// 近三年集群中小企业有效发明专利年均增速（%）
    #[serde(default)]
    pub patents_cagr: Option<T>,
    /// 近三年集群单位产值能耗降低率（%）
    #[serde(default)]
    pub energy_reduction: Option<T>,
}

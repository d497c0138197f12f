//! 未来三年中小企业特色产业集群发展规划 (part 八 of the applications, part 二 of the reviews)
//! and the review's 近三年目标完成情况.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{Dec, Signed, Value};

/// 未来三年中小企业特色产业集群发展规划
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Plan {
    /// 一、集群基本情况简介（申报表）
    ///
    /// 包括集群主导产业在细分领域所处发展水平，行业地位，获得荣誉称号，以及相关政策制定与实施、优质市场主体培育、产业链供应链建设等方面近三年来发展情况。
    #[serde(default)]
    pub intro: Option<String>,
    /// 二、发展成效（申报表）
    ///
    /// 包括提升集群主导产业优势、激发集群创新活力、推进集群数字化升级、加快集群绿色低碳转型、深化集群开放合作、提升集群治理和服务能力等方面开展的工作和取得的成绩。
    #[serde(default)]
    pub achievements: Option<String>,
    /// 三、存在的问题（申报表）
    #[serde(default)]
    pub problems: Option<String>,
    /// （一）总体思路
    pub approach: String,
    /// （二）发展目标 · 1. 三年总体目标
    pub targets: Targets,
    /// （二）发展目标 · 2. 阶段性目标
    pub stages: Stages,
    /// （三）重点任务
    pub tasks: String,
    /// （四）保障措施
    pub safeguards: String,
}

/// 三年总体目标：2025 年基准值与 2028 年目标值
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Targets {
    /// 主导产业 · 近三年集群产值年均增速（%）
    pub output_cagr: Target<Signed>,
    /// 主导产业 · 优质中小企业数量（家）
    pub quality_smes: Target,
    /// 创新 · 研发经费投入（亿元）
    pub rd_spending: Target,
    /// 创新 · 有效发明专利数量（件）
    pub patents: Target,
    /// 数字化 · 工业互联网普及率（%）
    pub iip_rate: Target,
    /// 行业平均工业互联网普及率（%），2028 年目标值不得低于它
    pub iip_industry_average: Dec,
    /// 绿色化 · 二氧化碳排放量（万吨）
    pub co2: Target,
    /// 行业平均二氧化碳排放量下降率（%，2025—2028 年），目标下降率不得低于它
    pub co2_industry_reduction: Signed,
    /// 绿色化 · 单位工业产值能耗（吨标准煤/万元）
    pub energy_intensity: Target,
    /// 行业平均单位工业产值能耗下降率（%，2025—2028 年），目标下降率不得低于它
    pub energy_industry_reduction: Signed,
    /// 开放合作 · 定性描述
    pub openness: QualitativeTarget,
    /// 治理和服务 · 定性描述
    pub governance: QualitativeTarget,
    /// 集群自设的其他考核指标（按方向归入表中相应位置）
    #[serde(default)]
    pub extra: Vec<ExtraTarget>,
}

/// 一项指标的 2025 年基准值与 2028 年目标值
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Target<T = Dec> {
    /// 2025 年基准值
    pub base: T,
    /// 2028 年目标值
    pub target: T,
}

/// 定性描述的基准与目标
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct QualitativeTarget {
    /// 2025 年基准（定性描述）
    pub base: String,
    /// 2028 年目标（定性描述）
    pub target: String,
}

/// 目标表中的方向
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, JsonSchema)]
pub enum Direction {
    #[serde(rename = "主导产业")]
    LeadingIndustry,
    #[serde(rename = "创新")]
    Innovation,
    #[serde(rename = "数字化")]
    Digital,
    #[serde(rename = "绿色化")]
    Green,
    #[serde(rename = "开放合作")]
    Openness,
    #[serde(rename = "治理和服务")]
    Governance,
    #[serde(rename = "其他")]
    Other,
}

impl Direction {
    /// The directions every target table has a row for (其他 is optional).
    pub const REQUIRED: [Direction; 6] = [
        Direction::LeadingIndustry,
        Direction::Innovation,
        Direction::Digital,
        Direction::Green,
        Direction::Openness,
        Direction::Governance,
    ];
}

/// 自设考核指标
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ExtraTarget {
    /// 方向
    pub direction: Direction,
    /// 指标（含单位）
    pub indicator: String,
    /// 2025 年基准值
    pub base: Value,
    /// 2028 年目标值
    pub target: Value,
}

/// 阶段性目标
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Stages {
    /// （1）2026 年度
    #[serde(rename = "2026")]
    pub y2026: Stage,
    /// （2）2027 年度
    #[serde(rename = "2027")]
    pub y2027: Stage,
    /// （3）2028 年度
    #[serde(rename = "2028")]
    pub y2028: Stage,
}

impl Stages {
    pub fn all(&self) -> [(u16, &Stage); 3] {
        [(2026, &self.y2026), (2027, &self.y2027), (2028, &self.y2028)]
    }
}

/// 一个年度的阶段性目标
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Stage {
    /// 年度目标（文字）
    pub text: String,
    /// 该年度末优质中小企业数量（家），须逐年增加
    pub quality_smes: u32,
}

/// 二、近三年目标完成情况（复核申报表，3000 字以内，与发展规划合计）
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Review {
    /// 认定年度
    pub recognized_year: u16,
    /// 一、集群基本情况简介
    ///
    /// 包括集群主导产业在细分领域所处发展水平、行业地位、获得荣誉称号，以及相关政策制定与实施、优质市场主体培育、产业链供应链建设等方面近三年来发展情况。
    pub intro: String,
    /// 二、培育工作
    ///
    /// 包括提升集群主导产业优势、激发集群创新活力、推进集群数字化转型、加快集群绿色低碳发展、深化集群开放合作、提升集群治理和服务能力等方面开展的工作和取得的效果。
    pub cultivation: String,
    /// 三、发展成效（文字说明，表格之前）
    pub achievements: String,
    /// 三、发展成效 · 2023 年所定发展目标完成情况表
    pub completion: Vec<Completion>,
}

/// 目标完成情况表中的一行
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Completion {
    /// 方向
    pub direction: Direction,
    /// 指标（含单位）
    pub indicator: String,
    /// 2022 年基准值
    pub base_2022: Value,
    /// 2025 年目标值
    pub target_2025: Value,
    /// 2025 年完成值
    pub actual_2025: Value,
}

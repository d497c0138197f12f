//! A city's `city.yaml`: the clusters it recommends and reviews, and what its own documents
//! (附件1, 附件4, 附件8, the cover letters) need.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{Contact, Date};

/// 市级中小企业主管部门的推荐与复核数据
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct City {
    /// 所在省（区、市）
    pub province: String,
    /// 所在市（州）
    pub city: String,
    /// 市级中小企业主管部门
    pub authority: String,
    /// 联系人及联系方式
    pub contact: Contact,
    /// 现场核查日期（附件8 落款日期）
    pub verified: Date,
    /// 推荐的集群（附件1，按推荐顺序）
    ///
    /// 每市不超过 3 个，每个细分领域 1 个，超过的一律不予受理。
    #[serde(default)]
    pub recommended: Vec<Recommendation>,
    /// 参加复核的 2023 年度集群（附件4，按顺序）
    #[serde(default)]
    pub reviewed: Vec<ReviewEntry>,
    /// 正式推荐文件（不填则不生成）
    #[serde(default)]
    pub recommendation_letter: Option<Letter>,
    /// 正式复核意见文件（不填则不生成）
    #[serde(default)]
    pub review_letter: Option<Letter>,
}

/// 一个推荐的集群
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Recommendation {
    /// 集群目录（相对于 city.yaml，其中有 cluster.yaml）
    pub cluster: String,
    /// 市级中小企业主管部门推荐意见（填入申报表；不填则留空手写）
    #[serde(default)]
    pub opinion: Option<String>,
}

/// 一个复核的集群
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ReviewEntry {
    /// 集群目录（相对于 city.yaml，其中有 cluster.yaml）
    pub cluster: String,
    /// 复核意见
    pub opinion: String,
    /// 备注
    #[serde(default)]
    pub remark: Option<String>,
}

/// 正式推荐（复核意见）文件
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Letter {
    /// 发文字号，如“晋中工信函〔2026〕18号”
    pub number: String,
    /// 标题
    pub title: String,
    /// 主送机关
    pub recipient: String,
    /// 正文（空行分段）
    pub body: String,
    /// 成文日期
    pub date: Date,
}

//! A province's `province.yaml`: the opinions its 中小企业主管部门 writes into the 省级 boxes of
//! the national forms (附件3 九、省级中小企业主管部门推荐意见, 附件6 三、省级中小企业主管部门复核意见).
//! Without it those boxes reach the province empty, for its own hand and seal.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::Date;

/// 省级中小企业主管部门的推荐意见与复核意见
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Province {
    /// 省（区、市）
    pub province: String,
    /// 省级中小企业主管部门
    pub authority: String,
    /// 省级推荐意见（填入附件3“省级中小企业主管部门推荐意见”）
    #[serde(default)]
    pub recommended: Vec<ProvincialOpinion>,
    /// 省级复核意见（填入附件6“省级中小企业主管部门复核意见”）
    #[serde(default)]
    pub reviewed: Vec<ProvincialOpinion>,
}

/// 对一个集群的意见
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ProvincialOpinion {
    /// 集群目录（相对于 province.yaml，其中有 cluster.yaml），如 jinzhong/qixian-glass
    pub cluster: String,
    /// 意见
    pub opinion: String,
    /// 落款日期（不填则留空手写）
    #[serde(default)]
    pub date: Option<Date>,
}

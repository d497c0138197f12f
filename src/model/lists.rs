//! The 名单 and 清单 the forms ask to attach. Counts printed in the forms come with them, and
//! the rule checks hold the two together.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::Date;

/// 名单与清单
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Lists {
    /// 国家级制造业单项冠军企业名单
    #[serde(default)]
    pub champions: Vec<Enterprise>,
    /// 国家级专精特新“小巨人”企业名单
    #[serde(default)]
    pub little_giants: Vec<Enterprise>,
    /// 省级专精特新中小企业名单
    #[serde(default)]
    pub specialized: Vec<Enterprise>,
    /// 国家级高新技术企业名单
    #[serde(default)]
    pub high_tech: Vec<Enterprise>,
    /// 近三年主持或参与制修订标准清单
    #[serde(default)]
    pub standards: Vec<Standard>,
    /// 创新平台清单
    #[serde(default)]
    pub platforms: Vec<Platform>,
    /// 中小企业有效发明专利清单
    #[serde(default)]
    pub patents: Vec<Patent>,
    /// 数字化新模式新业态项目清单
    #[serde(default)]
    pub projects: Vec<Project>,
    /// 绿色制造体系清单（绿色工厂、绿色工业园区、绿色供应链管理企业、绿色设计产品等）
    #[serde(default)]
    pub green_system: Vec<GreenItem>,
    /// 境外分支机构清单
    #[serde(default)]
    pub overseas_branches: Vec<Branch>,
    /// 产业联盟组织清单（包括行业学会、协会等）
    #[serde(default)]
    pub alliances: Vec<Alliance>,
    /// 中小企业公共服务平台清单
    #[serde(default)]
    pub service_platforms: Vec<ServicePlatform>,
}

/// 名单中的一家企业
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Enterprise {
    /// 企业名称
    pub name: String,
    /// 企业简介
    pub intro: String,
    /// 经营范围
    pub scope: String,
    /// 认定年度
    pub year: u16,
}

/// 标准类别
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, JsonSchema)]
pub enum StandardCategory {
    #[serde(rename = "国际")]
    International,
    #[serde(rename = "国家")]
    National,
    #[serde(rename = "行业")]
    Industry,
    #[serde(rename = "团体")]
    Group,
}

/// 主持（起草单位排名前三位）或参与
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub enum StandardRole {
    #[serde(rename = "主持")]
    Lead,
    #[serde(rename = "参与")]
    Join,
}

/// 标准清单中的一项
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Standard {
    /// 标准名称
    pub name: String,
    /// 标准编号
    pub code: String,
    /// 类别（国际、国家、行业、团体）
    pub category: StandardCategory,
    /// 主持或参与
    pub role: StandardRole,
    /// 发布年度
    pub year: u16,
    /// 主持或参与的企业
    pub enterprise: String,
}

/// 级别
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, JsonSchema)]
pub enum Level {
    #[serde(rename = "国家级")]
    National,
    #[serde(rename = "省级")]
    Provincial,
    #[serde(rename = "其他")]
    Other,
}

/// 创新平台清单中的一项
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Platform {
    /// 平台名称
    pub name: String,
    /// 级别（国家级：国家制造业创新中心或国家级创新平台；省级；其他）
    pub level: Level,
    /// 依托单位
    pub host: String,
    /// 认定年度
    pub year: u16,
}

/// 有效发明专利清单中的一项
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Patent {
    /// 专利名称
    pub title: String,
    /// 专利号
    pub number: String,
    /// 类型（发明专利、国防专利、植物新品种、国家级农作物品种、国家新药、国家一级中药保护品种、集成电路布图设计专有权等）
    #[serde(default = "Patent::default_kind")]
    pub kind: String,
    /// 专利权人
    pub owner: String,
    /// 授权公告日
    pub granted: Date,
}

impl Patent {
    fn default_kind() -> String {
        "发明专利".to_owned()
    }

    /// The check digit of a Chinese application number (8 digits, or 12 since 2003): the
    /// digits weighted 2, 3 … 9, 2, 3 …, summed modulo 11, 10 written X.
    pub fn check_digit(digits: &str) -> Option<char> {
        if !matches!(digits.len(), 8 | 12) || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let weights = (2..=9).chain(2..=5);
        let sum: u32 = digits.bytes().zip(weights).map(|(d, w)| u32::from(d - b'0') * w).sum();
        Some(match sum % 11 {
            10 => 'X',
            n => char::from_digit(n, 10)?,
        })
    }
}

/// 新模式新业态项目
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Project {
    /// 项目名称
    pub name: String,
    /// 级别
    pub level: Level,
    /// 承担单位
    pub enterprise: String,
    /// 年度
    pub year: u16,
}

/// 绿色制造体系中的一项
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct GreenItem {
    /// 名称（企业、园区或产品）
    pub name: String,
    /// 类别（绿色工厂、绿色工业园区、绿色供应链管理企业、绿色设计产品等）
    pub kind: String,
    /// 级别
    pub level: Level,
    /// 认定年度
    pub year: u16,
}

/// 境外分支机构
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Branch {
    /// 分支机构名称
    pub name: String,
    /// 所在国家（地区）
    pub country: String,
    /// 设立企业
    pub enterprise: String,
    /// 设立年度
    pub year: u16,
}

/// 产业联盟、行业学会、协会
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Alliance {
    /// 组织名称
    pub name: String,
    /// 类别（产业联盟、行业协会、学会等）
    pub kind: String,
    /// 成员单位数量
    pub members: u32,
    /// 成立年度
    pub year: u16,
}

/// 中小企业公共服务平台
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ServicePlatform {
    /// 平台名称
    pub name: String,
    /// 运营单位
    pub operator: String,
    /// 认定级别及文件
    pub recognition: String,
    /// 认定年度
    pub year: u16,
}

//! The 名单 and 清单 the forms ask to attach. Counts printed in the forms come with them, and
//! the rule checks hold the two together.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::Date;

// Each list is written in cluster.yaml entry by entry, or kept in a spreadsheet: `from:` names a
// workbook holding every list (a sheet each), or a list names its own file and sheet. The
// loader fills the lists kept in sheets; whichever source filled a list, it is the same list.
// (The doc comment is the schema's label and explanation, in Chinese.)

/// 名单与清单
///
/// 可逐项填写，也可保存在 Excel/WPS 表格中：用 from 指定一个工作簿（每份名单一张工作表），或为某份名单单独指定文件和工作表。dossier init 生成的 名单.xlsx 是可直接填写的模板。
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(from = "Written")]
pub struct Lists {
    pub champions: Vec<Enterprise>,
    pub little_giants: Vec<Enterprise>,
    pub specialized: Vec<Enterprise>,
    pub high_tech: Vec<Enterprise>,
    pub standards: Vec<Standard>,
    pub platforms: Vec<Platform>,
    pub patents: Vec<Patent>,
    pub projects: Vec<Project>,
    pub green_system: Vec<GreenItem>,
    pub overseas_branches: Vec<Branch>,
    pub alliances: Vec<Alliance>,
    pub service_platforms: Vec<ServicePlatform>,
    /// Where cluster.yaml says the lists are kept.
    #[serde(skip)]
    pub sources: Sources,
}

/// The workbook `dossier init` writes beside `cluster.yaml` and `dossier export-lists` fills.
pub const WORKBOOK: &str = "名单.xlsx";

/// Where cluster.yaml says its lists are kept: what the loader reads them from.
#[derive(Debug, Clone, Default)]
pub struct Sources {
    /// The workbook named by `from:`, which holds every list not given otherwise.
    pub workbook: Option<String>,
    /// The lists that name a file (and sheet) of their own, by key (`patents`, or
    /// `enterprises` for the enterprise table).
    pub sheets: Vec<(String, SheetSource)>,
    /// The keys of the lists cluster.yaml writes out entry by entry.
    pub written: Vec<String>,
}

/// Lists are equal by their entries: where they were read from is no part of them.
impl PartialEq for Sources {
    fn eq(&self, _: &Sources) -> bool {
        true
    }
}

/// 从表格读取的名单
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SheetSource {
    /// 表格文件
    ///
    /// .xlsx、.xls、.ods 或 .csv 文件，放在 cluster.yaml 所在的文件夹中，如“名单.xlsx”。
    pub from: String,
    /// 工作表名称
    ///
    /// 不填时读取与名单同名的工作表（企业、标准、创新平台、发明专利、新模式新业态、绿色制造、境外分支机构、产业联盟、公共服务平台），或文件中唯一的一张表。
    #[serde(default)]
    pub sheet: Option<String>,
}

/// 逐项填写的名单，或保存它的表格
// A list as cluster.yaml gives it: its entries, or the sheet that holds them.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(untagged)]
enum Listed<T> {
    Entries(Vec<T>),
    Sheet(SheetSource),
}

/// 名单与清单
///
/// 可逐项填写，也可保存在 Excel/WPS 表格中：用 from 指定一个工作簿（每份名单一张工作表），或为某份名单单独指定文件和工作表。dossier init 生成的 名单.xlsx 是可直接填写的模板。
// The lists as cluster.yaml gives them, entries or sheets.
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
struct Written {
    /// 从表格读取名单
    ///
    /// 一个工作簿（如“名单.xlsx”），每份名单一张工作表，工作表名为：企业、标准、创新平台、发明专利、新模式新业态、绿色制造、境外分支机构、产业联盟、公共服务平台。下面逐项填写了的名单不从表格读取。
    #[serde(default)]
    from: Option<String>,
    /// 重点企业表（从表格读取）
    ///
    /// 一家企业一行，单项冠军、小巨人、专精特新、高新技术企业的认定年度各一列；四份企业名单由它得出，按认定年度排列。
    #[serde(default)]
    enterprises: Option<SheetSource>,
    /// 国家级制造业单项冠军企业名单
    #[serde(default)]
    champions: Option<Vec<Enterprise>>,
    /// 国家级专精特新“小巨人”企业名单
    #[serde(default)]
    little_giants: Option<Vec<Enterprise>>,
    /// 省级专精特新中小企业名单
    #[serde(default)]
    specialized: Option<Vec<Enterprise>>,
    /// 国家级高新技术企业名单
    #[serde(default)]
    high_tech: Option<Vec<Enterprise>>,
    /// 近三年主持或参与制修订标准清单
    #[serde(default)]
    standards: Option<Listed<Standard>>,
    /// 创新平台清单
    #[serde(default)]
    platforms: Option<Listed<Platform>>,
    /// 中小企业有效发明专利清单
    #[serde(default)]
    patents: Option<Listed<Patent>>,
    /// 数字化新模式新业态项目清单
    #[serde(default)]
    projects: Option<Listed<Project>>,
    /// 绿色制造体系清单（绿色工厂、绿色工业园区、绿色供应链管理企业、绿色设计产品等）
    #[serde(default)]
    green_system: Option<Listed<GreenItem>>,
    /// 境外分支机构清单
    #[serde(default)]
    overseas_branches: Option<Listed<Branch>>,
    /// 产业联盟组织清单（包括行业学会、协会等）
    #[serde(default)]
    alliances: Option<Listed<Alliance>>,
    /// 中小企业公共服务平台清单
    #[serde(default)]
    service_platforms: Option<Listed<ServicePlatform>>,
}

impl Sources {
    /// A list's entries as written, noting where the list comes from.
    fn take<T>(&mut self, key: &str, listed: Option<Listed<T>>) -> Vec<T> {
        match listed {
            None => Vec::new(),
            Some(Listed::Entries(entries)) => {
                self.written.push(key.to_owned());
                entries
            }
            Some(Listed::Sheet(source)) => {
                self.sheets.push((key.to_owned(), source));
                Vec::new()
            }
        }
    }
}

impl From<Written> for Lists {
    fn from(w: Written) -> Lists {
        let mut sources = Sources { workbook: w.from, ..Sources::default() };
        if let Some(source) = w.enterprises {
            sources.sheets.push(("enterprises".to_owned(), source));
        }
        Lists {
            champions: sources.take("champions", w.champions.map(Listed::Entries)),
            little_giants: sources.take("little_giants", w.little_giants.map(Listed::Entries)),
            specialized: sources.take("specialized", w.specialized.map(Listed::Entries)),
            high_tech: sources.take("high_tech", w.high_tech.map(Listed::Entries)),
            standards: sources.take("standards", w.standards),
            platforms: sources.take("platforms", w.platforms),
            patents: sources.take("patents", w.patents),
            projects: sources.take("projects", w.projects),
            green_system: sources.take("green_system", w.green_system),
            overseas_branches: sources.take("overseas_branches", w.overseas_branches),
            alliances: sources.take("alliances", w.alliances),
            service_platforms: sources.take("service_platforms", w.service_platforms),
            sources,
        }
    }
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

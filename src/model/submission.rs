//! The four submissions a cluster can make (省级/国家级 申报/复核) and their 附件7 volumes: which items each of the four variants lists, in which order, and the
//! evidence folder that feeds each item.
//!
//! The four 目录 number the same topics differently (the national review inserts the national
//! recognition as item 4; item 3 is city-level recognition in the provincial application and
//! provincial recognition elsewhere). Evidence is therefore keyed by topic, and one folder
//! serves every volume a cluster needs.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

// One topic of the 目录, and so one evidence folder. (A schema type's doc comment is its label.)
/// 目录项
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Topic {
    /// 申报表（由 dossier 生成）
    Form,
    /// 现场核查符合性说明（盖章扫描件；没有时使用 dossier 生成的附件8）
    Verification,
    /// 被认定为市级中小企业特色产业集群(专业镇)佐证材料
    CityRecognition,
    /// 被认定为省级中小企业特色产业集群(专业镇)佐证材料
    ProvincialRecognition,
    /// 被认定为国家中小企业特色产业集群(专业镇)佐证材料
    NationalRecognition,
    /// 集群内重点企业名单
    KeyEnterprises,
    /// 产业链强链补链工作佐证材料
    Chain,
    /// 产业链资源协同协作工作佐证材料
    Collaboration,
    /// 质量品牌建设工作佐证材料
    Quality,
    /// 主持或参与制修订标准清单
    Standards,
    /// 创新平台建设情况清单及佐证材料
    Platforms,
    /// 有效发明专利清单
    Patents,
    /// 数字化服务工作佐证材料
    DigitalService,
    /// 数字化新模式新业态推广工作佐证材料
    NewModels,
    /// 碳排放监测机制
    CarbonMonitoring,
    /// 绿色低碳相关工作佐证材料
    GreenWork,
    /// 绿色制造体系建设水平佐证材料
    GreenSystem,
    /// 国际合作交流活动佐证材料
    International,
    /// 境外分支机构清单、营业执照等
    OverseasBranches,
    /// 发展环境治理工作佐证材料
    Environment,
    /// 中小企业公共服务平台清单及认定文件
    ServicePlatforms,
    /// 中小企业公共服务清单、合同等
    PublicServices,
}

impl Topic {
    /// The evidence folder under `evidence/`, numbered as in the provincial application's 目录
    /// (the three recognition topics share its item 3). `None` for the generated form.
    pub fn folder(self) -> Option<&'static str> {
        Some(match self {
            Topic::Form => return None,
            Topic::Verification => "02-现场核查符合性说明",
            Topic::CityRecognition => "03-市级集群认定",
            Topic::ProvincialRecognition => "03-省级集群认定",
            Topic::NationalRecognition => "03-国家级集群认定",
            Topic::KeyEnterprises => "04-重点企业名单",
            Topic::Chain => "05-产业链强链补链",
            Topic::Collaboration => "06-产业链资源协同协作",
            Topic::Quality => "07-质量品牌建设",
            Topic::Standards => "08-标准清单",
            Topic::Platforms => "09-创新平台",
            Topic::Patents => "10-有效发明专利",
            Topic::DigitalService => "11-数字化服务",
            Topic::NewModels => "12-数字化新模式新业态",
            Topic::CarbonMonitoring => "13-碳排放监测机制",
            Topic::GreenWork => "14-绿色低碳工作",
            Topic::GreenSystem => "15-绿色制造体系",
            Topic::International => "16-国际合作交流",
            Topic::OverseasBranches => "17-境外分支机构",
            Topic::Environment => "18-发展环境治理",
            Topic::ServicePlatforms => "19-公共服务平台",
            Topic::PublicServices => "20-公共服务清单合同",
        })
    }

    pub fn from_folder(name: &str) -> Option<Topic> {
        TOPICS.iter().copied().find(|t| t.folder() == Some(name))
    }
}

/// Every topic, in 目录 order.
pub const TOPICS: [Topic; 22] = [
    Topic::Form,
    Topic::Verification,
    Topic::CityRecognition,
    Topic::ProvincialRecognition,
    Topic::NationalRecognition,
    Topic::KeyEnterprises,
    Topic::Chain,
    Topic::Collaboration,
    Topic::Quality,
    Topic::Standards,
    Topic::Platforms,
    Topic::Patents,
    Topic::DigitalService,
    Topic::NewModels,
    Topic::CarbonMonitoring,
    Topic::GreenWork,
    Topic::GreenSystem,
    Topic::International,
    Topic::OverseasBranches,
    Topic::Environment,
    Topic::ServicePlatforms,
    Topic::PublicServices,
];

// The four documents a cluster can submit; each has its form and its 附件7 volume.
/// 报送的材料
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema)]
pub enum Submission {
    /// 省级申报（附件2 + 申报材料）
    #[serde(rename = "省级申报")]
    ProvincialApplication,
    /// 国家级申报（附件3 + 申报材料）
    #[serde(rename = "国家级申报")]
    NationalApplication,
    /// 省级复核（附件5 + 复核申报佐证材料）
    #[serde(rename = "省级复核")]
    ProvincialReview,
    /// 国家级复核（附件6 + 复核申报佐证材料）
    #[serde(rename = "国家级复核")]
    NationalReview,
}

/// One entry of a volume's 目录.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Item {
    pub topic: Topic,
    /// The 目录 text, word for word from the notice.
    pub title: &'static str,
}

const fn item(topic: Topic, title: &'static str) -> Item {
    Item { topic, title }
}

/// Items 4–20 of the provincial application: the same in every variant.
const COMMON: [Item; 17] = [
    item(Topic::KeyEnterprises, "集群内重点企业名单(省级以上“专精特新”中小企业、制造业单项冠军、国家级高新技术企业等)"),
    item(Topic::Chain, "集群已开展的产业链强链补链工作佐证材料"),
    item(Topic::Collaboration, "集群已开展的产业链资源协同协作工作佐证材料"),
    item(Topic::Quality, "集群已开展的质量品牌建设工作佐证材料"),
    item(Topic::Standards, "集群内中小企业近三年主持(起草单位排名前三位)或参与制修订标准清单"),
    item(Topic::Platforms, "集群已开展的创新平台建设情况清单及佐证材料"),
    item(
        Topic::Patents,
        "集群内中小企业有效发明专利清单(包括发明专利、国防专利、植物新品种、国家级农作物品种、国家新药、国家一级中药保护品种、集成电路布图设计专有权等)",
    ),
    item(Topic::DigitalService, "集群开展的数字化服务工作佐证材料"),
    item(Topic::NewModels, "集群开展数字化新模式新业态推广工作佐证材料"),
    item(Topic::CarbonMonitoring, "集群碳排放监测机制"),
    item(Topic::GreenWork, "集群已开展的绿色低碳相关工作佐证材料"),
    item(Topic::GreenSystem, "集群绿色制造体系建设水平佐证材料"),
    item(Topic::International, "集群已开展的国际合作交流活动佐证材料"),
    item(Topic::OverseasBranches, "集群或集群内企业在境外设立分支机构清单、营业执照等"),
    item(Topic::Environment, "集群已开展的发展环境治理工作佐证材料"),
    item(Topic::ServicePlatforms, "集群已建设的中小企业公共服务平台清单及认定文件"),
    item(Topic::PublicServices, "集群已提供的中小企业公共服务清单、合同等"),
];

const PROVINCIAL_RECOGNITION: Item =
    item(Topic::ProvincialRecognition, "被认定为省级中小企业特色产业集群(专业镇)佐证材料");

impl Submission {
    pub const ALL: [Submission; 4] = [
        Submission::ProvincialApplication,
        Submission::NationalApplication,
        Submission::ProvincialReview,
        Submission::NationalReview,
    ];

    pub fn is_review(self) -> bool {
        matches!(self, Submission::ProvincialReview | Submission::NationalReview)
    }

    pub fn is_national(self) -> bool {
        matches!(self, Submission::NationalApplication | Submission::NationalReview)
    }

    /// The optional fields of `cluster.yaml` this submission's form prints, and so needs: parts
    /// 二–七, part 八's 一–三 and 是否已被认定为省级… of the applications; the review's 近三年目标
    /// 完成情况 and 集群运营管理机构是否发生变化.
    pub fn requires(self) -> &'static [&'static str] {
        const APPLICATION: &[&str] = &[
            "industry",
            "innovation",
            "digital",
            "green",
            "openness",
            "governance",
            "plan.intro",
            "plan.achievements",
            "plan.problems",
            "basics.provincial_recognized",
        ];
        const REVIEW: &[&str] = &["review", "operator.changed"];
        if self.is_review() { REVIEW } else { APPLICATION }
    }

    /// The form's attachment number in the notice (附件2, 3, 5, 6).
    pub fn attachment(self) -> u8 {
        match self {
            Submission::ProvincialApplication => 2,
            Submission::NationalApplication => 3,
            Submission::ProvincialReview => 5,
            Submission::NationalReview => 6,
        }
    }

    /// The form's own title.
    pub fn form_title(self) -> &'static str {
        match self {
            Submission::ProvincialApplication => "山西省中小企业特色产业集群申报表",
            Submission::NationalApplication => "中小企业特色产业集群申报表",
            Submission::ProvincialReview => "山西省中小企业特色产业集群复核申报表",
            Submission::NationalReview => "中小企业特色产业集群复核申报表",
        }
    }

    /// The volume's cover title, in its two cover lines.
    pub fn volume_title(self) -> [&'static str; 2] {
        match self {
            Submission::ProvincialApplication => ["山西省中小企业特色产业集群", "申报材料"],
            Submission::NationalApplication => ["中小企业特色产业集群", "申报材料"],
            Submission::ProvincialReview => ["山西省中小企业特色产业集群", "复核申报佐证材料"],
            Submission::NationalReview => ["中小企业特色产业集群", "复核申报佐证材料"],
        }
    }

    /// The 目录 of this submission's volume, in order.
    pub fn items(self) -> Vec<Item> {
        let head: &[Item] = match self {
            Submission::ProvincialApplication => &[
                item(Topic::Form, "山西省中小企业特色产业集群申报表"),
                item(Topic::Verification, "市工信局现场核查符合性说明"),
                item(Topic::CityRecognition, "被认定为市级中小企业特色产业集群(专业镇)佐证材料"),
            ],
            Submission::NationalApplication => &[
                item(Topic::Form, "中小企业特色产业集群申报表"),
                item(Topic::Verification, "现场核查符合性说明"),
                PROVINCIAL_RECOGNITION,
            ],
            // The notice titles item 1 of both review volumes 山西省…复核申报表.
            Submission::NationalReview => &[
                item(Topic::Form, "山西省中小企业特色产业集群复核申报表"),
                item(Topic::Verification, "现场核查符合性说明"),
                PROVINCIAL_RECOGNITION,
                item(Topic::NationalRecognition, "被认定为国家中小企业特色产业集群(专业镇)佐证材料"),
            ],
            Submission::ProvincialReview => &[
                item(Topic::Form, "山西省中小企业特色产业集群复核申报表"),
                item(Topic::Verification, "现场核查符合性说明"),
                PROVINCIAL_RECOGNITION,
            ],
        };
        head.iter().chain(COMMON.iter()).copied().collect()
    }
}

// Where the scans are, beyond the default folders.
/// 佐证材料
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Evidence {
    /// 佐证材料目录（相对于 cluster.yaml，默认 evidence）
    ///
    /// 其中每个目录项一个子目录，如 evidence/05-产业链强链补链/，文件按名称顺序装订。
    #[serde(default)]
    pub dir: Option<String>,
    /// 另行列出的文件（按目录项），装订在该项子目录中的文件之后
    #[serde(default)]
    pub files: BTreeMap<Topic, Vec<String>>,
    /// 加密 PDF 的打开密码（键为相对于 cluster.yaml 的文件路径）
    #[serde(default)]
    pub passwords: BTreeMap<String, String>,
    /// 扫描件的摆放（键为相对于 cluster.yaml 的文件路径）：横着扫的页面转正，横向页面是否转向装订
    #[serde(default)]
    pub layout: BTreeMap<String, Layout>,
}

/// 一个扫描件文件的摆放，对其每一页都适用
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Layout {
    /// 先顺时针旋转的度数：0、90、180 或 270（扫描时放歪了、图片又没有方向信息时填写）
    #[serde(default)]
    pub rotate: Rotation,
    /// 横向页面：转向（默认：转 90° 铺在竖版 A4 上，页面顶部朝装订边，如横排表格）或 不转（保持正放，缩小到页面宽度，如照片）
    #[serde(default)]
    pub landscape: Landscape,
}

/// 顺时针旋转的度数
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "u16", into = "u16")]
pub struct Rotation(u16);

impl Rotation {
    /// Quarter turns clockwise.
    pub fn quarters(self) -> u8 {
        (self.0 / 90) as u8
    }
}

impl TryFrom<u16> for Rotation {
    type Error = String;
    fn try_from(degrees: u16) -> Result<Self, String> {
        match degrees {
            0 | 90 | 180 | 270 => Ok(Rotation(degrees)),
            other => Err(format!("旋转角度只能是 0、90、180 或 270，而不是 {other}")),
        }
    }
}

impl From<Rotation> for u16 {
    fn from(rotation: Rotation) -> u16 {
        rotation.0
    }
}

impl JsonSchema for Rotation {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Rotation".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({ "type": "integer", "enum": [0, 90, 180, 270] })
    }
}

/// 横向页面的放法
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub enum Landscape {
    /// 转 90° 铺在竖版页面上，页面顶部朝装订边
    #[default]
    #[serde(rename = "转向")]
    Turned,
    /// 不转，缩小到页面宽度
    #[serde(rename = "不转")]
    Upright,
}

impl Evidence {
    pub fn dir(&self) -> &str {
        self.dir.as_deref().unwrap_or("evidence")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_four_volumes_have_the_notices_item_counts() {
        let counts: Vec<_> = Submission::ALL.iter().map(|s| s.items().len()).collect();
        assert_eq!(counts, vec![20, 20, 20, 21]);
        let national_review = Submission::NationalReview.items();
        assert_eq!(national_review[3].topic, Topic::NationalRecognition);
        assert_eq!(national_review[20].title, "集群已提供的中小企业公共服务清单、合同等");
    }

    #[test]
    fn folders_are_unique_and_found_again() {
        for topic in TOPICS {
            if let Some(folder) = topic.folder() {
                assert_eq!(Topic::from_folder(folder), Some(topic));
            }
        }
    }
}

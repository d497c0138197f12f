//! The forms' checkbox groups, each option with its text word for word from the notice.
//!
//! In YAML a group is the list of ticked options, written as the form's own text (VS Code
//! completes them from the schema). For the templates a group serializes as every option of
//! the form in the form's order with its tick, so a template draws the boxes without
//! repeating a single option text.

use std::collections::BTreeSet;
use std::fmt;

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::ser::SerializeSeq;
use serde::{Deserialize, Deserializer, Serialize, Serializer, de};

/// A group of checkbox options.
pub trait OptionSet: Copy + Ord + Sized + 'static {
    /// Every option, in the form's order.
    const ALL: &'static [Self];
    /// The form's text of the option.
    fn text(self) -> &'static str;

    fn from_text(text: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|o| o.text() == text)
    }
}

macro_rules! options {
    ($( $(#[$meta:meta])* $name:ident { $( $variant:ident = $text:literal ),+ $(,)? } )+) => {$(
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum $name { $( $variant ),+ }

        impl OptionSet for $name {
            const ALL: &'static [Self] = &[ $( $name::$variant ),+ ];
            fn text(self) -> &'static str {
                match self { $( $name::$variant => $text ),+ }
            }
        }

        impl JsonSchema for $name {
            fn schema_name() -> std::borrow::Cow<'static, str> {
                stringify!($name).into()
            }
            fn json_schema(_: &mut SchemaGenerator) -> Schema {
                json_schema!({ "type": "string", "enum": [ $( $text ),+ ] })
            }
        }
    )+};
}

options! {
    /// 集群已开展的产业链强链补链工作
    ChainWork {
        ChainMap = "绘制产业链图谱，开展产业链培育",
        ProblemList = "形成产业链技术难点清单或创新项目库，建立“揭榜挂帅”、“赛马”或众创众包等激励机制",
        InnovationConsortium = "联合集群上下游企业，组建创新联合体，开展产业链联合攻关",
        Academia = "引入高等院校、科研院所，开展产业链关键环节产学研协同创新",
        SupplyCoordination = "建有产业链上下游产供销一体化协同协作机制",
        ChainLeader = "与产业链“链主”企业建立稳定合作配套关系",
        AdvancedClusters = "与先进制造业集群、国家新型工业化产业示范基地建立稳定合作配套关系",
        SupplyRisk = "开展供应链风险评估工作，建立供应链风险防范机制",
    }

    /// 集群已开展的产业链资源协同协作工作
    CollaborationWork {
        EquipmentSharing = "开展通用生产设备共享",
        ServiceSharing = "开展物流、仓储、设计等服务资源共享",
        StaffSharing = "开展人力资源共享",
        JointPurchasing = "开展同类设备和产品的集中采销",
        SharedFactory = "建立共享车间、共享工厂",
    }

    /// 集群已开展的质量品牌建设工作
    QualityWork {
        QualityManagement = "开展了先进质量管理模式推广",
        QualityDiagnosis = "开展了质量诊断服务",
        BrandMechanism = "建立了品牌运营、品牌管理标准宣贯等机制",
        CollectiveMark = "获得了集体商标、地理标志产品批准认证或证明商标通过注册",
    }

    /// 集群已开展的数字化服务工作
    DigitalServiceWork {
        SolutionProviders = "引入了数字化系统解决方案服务商",
        CommonSolutions = "开展了数字化共性解决方案开发和诊断等服务",
        IntegrationSystem = "开展了两化融合管理体系推广工作",
        MaturityAssessment = "开展了智能制造能力成熟度评估或数据管理能力成熟度评估等推广工作",
    }

    /// 集群承担的数字化新模式新业态项目及推广工作
    NewModelWork {
        National = "承担了国家智能制造、工业互联网以及其他国家新模式新业态项目建设",
        Provincial = "承担了省级智能制造、工业互联网以及其他省级新模式新业态项目建设",
        Other = "开展了其他智能制造、工业互联网等新模式新业态项目建设及创新应用推广",
    }

    /// 集群数字化平台建设情况
    DigitalPlatform {
        IndustryBrain = "建设了针对主导产业的产业大脑",
        IndustrialInternet = "部署了面向主导产业的工业互联网平台",
        TransformationCenter = "设立了数字化转型促进服务机构",
    }

    /// 集群已开展的绿色低碳相关工作
    GreenWork {
        EnergyDiagnosis = "开展了节能诊断，建立节能管控系统、余热余压回收设施等",
        CarbonAccounting = "开展了碳排放和碳足迹监测与核算等",
        Recycling = "建立了水资源梯级循环利用、工业废弃物分类分级利用设施等",
        CleanerProduction = "开展了清洁生产评价等工作",
        GreenSolutions = "开展了绿色制造系统解决方案推广",
    }

    /// 集群已开展的国际合作交流活动
    InternationalWork {
        Mechanism = "建立或参与主导产业国际合作机制",
        OverseasParks = "与境外产业园区形成较为稳定的合作关系",
        Introduction = "引进了国际领先技术、先进管理经验或高端人才团队等",
        Expos = "参加中国国际中小企业博览会等展会类活动",
        Conferences = "承办主导产业国际研讨会或技术交流会",
    }

    /// 集群已开展的发展环境治理工作
    EnvironmentWork {
        PromotionAgency = "建立了专业化发展促进机构、开展共商共建共享",
        PolicyOutreach = "建立中小企业政策宣贯与对接机制",
        RightsProtection = "建立了中小企业合法权益保护机制",
        ServiceAssessment = "建立了公共服务效果考核机制",
        SafetyControl = "建立安全生产源头管控和隐患排查机制",
        DigitalGovernance = "运用了数字化手段提升治理能力",
    }

    /// 集群已提供的中小企业公共服务
    PublicService {
        Information = "信息服务",
        Startup = "创业辅导",
        Innovation = "创新支持",
        Training = "人员培训",
        Marketing = "市场营销",
        Financing = "投融资服务",
        Consulting = "管理咨询",
    }
}

/// The ticked options of one checkbox group.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Checks<T: OptionSet>(pub BTreeSet<T>);

impl<T: OptionSet> Default for Checks<T> {
    fn default() -> Self {
        Checks(BTreeSet::new())
    }
}

impl<T: OptionSet> Checks<T> {
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn contains(&self, option: T) -> bool {
        self.0.contains(&option)
    }
}

/// One box of a group as templates see it.
#[derive(Serialize)]
struct Box {
    label: &'static str,
    on: bool,
}

impl<T: OptionSet> Serialize for Checks<T> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut seq = s.serialize_seq(Some(T::ALL.len()))?;
        for &option in T::ALL {
            seq.serialize_element(&Box { label: option.text(), on: self.contains(option) })?;
        }
        seq.end()
    }
}

impl<'de, T: OptionSet> Deserialize<'de> for Checks<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Visitor<T>(std::marker::PhantomData<T>);
        impl<'de, T: OptionSet> de::Visitor<'de> for Visitor<T> {
            type Value = Checks<T>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("勾选项的列表")
            }
            fn visit_seq<A: de::SeqAccess<'de>>(self, mut seq: A) -> Result<Checks<T>, A::Error> {
                let mut set = BTreeSet::new();
                while let Some(text) = seq.next_element::<String>()? {
                    let option = T::from_text(&text).ok_or_else(|| {
                        de::Error::custom(format!(
                            "“{text}” 不是表格中的选项，可选：{}",
                            T::ALL.iter().map(|o| o.text()).collect::<Vec<_>>().join("；")
                        ))
                    })?;
                    if !set.insert(option) {
                        return Err(de::Error::custom(format!("“{text}” 重复勾选")));
                    }
                }
                Ok(Checks(set))
            }
        }
        d.deserialize_seq(Visitor(std::marker::PhantomData))
    }
}

impl<T: OptionSet + JsonSchema> JsonSchema for Checks<T> {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        format!("Checks_{}", T::schema_name()).into()
    }
    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "array",
            "uniqueItems": true,
            "items": generator.subschema_for::<T>(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yaml_names_options_by_their_form_text() {
        let checks: Checks<PublicService> = serde_yaml::from_str("[创业辅导, 信息服务]").unwrap();
        assert!(checks.contains(PublicService::Startup) && checks.contains(PublicService::Information));
        let err = serde_yaml::from_str::<Checks<PublicService>>("[创业服务]").unwrap_err();
        assert!(err.to_string().contains("不是表格中的选项"), "{err}");
    }

    #[test]
    fn templates_see_every_box_in_form_order() {
        let checks: Checks<PublicService> = serde_yaml::from_str("[管理咨询]").unwrap();
        let json = serde_json::to_value(&checks).unwrap();
        assert_eq!(json.as_array().unwrap().len(), 7);
        assert_eq!(json[0]["label"], "信息服务");
        assert_eq!(json[6]["on"], true);
    }
}

//! Which sheet holds which list, and its columns: the header text the forms print (with the
//! other ways offices write it), what each column holds and which field of the model it fills.
//! The reader and the template writer both work from these tables.

use super::cell::Kind;

/// Whether a column must be there.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Need {
    Required,
    Optional,
    /// A year column of the enterprise table: the enterprise is on that honour's 名单 (its
    /// `field` is the list's key) when the cell holds a year. At least one must be there.
    Honour,
}

#[derive(Debug)]
pub struct Column {
    /// The field of the model's list entry (or, for an honour, the list's key).
    pub field: &'static str,
    /// The header the template writes.
    pub header: &'static str,
    /// Other headers people write for it.
    pub aliases: &'static [&'static str],
    pub kind: Kind,
    pub need: Need,
    /// The template's column width, in characters.
    pub width: f64,
    /// The template's example row.
    pub example: &'static str,
}

#[derive(Debug)]
pub struct Layout {
    /// The list's key under `lists:`; `enterprises` for the enterprise table, which fills the
    /// four honour lists.
    pub key: &'static str,
    /// The sheet's name in the template.
    pub sheet: &'static str,
    /// Other names people give the sheet.
    pub aliases: &'static [&'static str],
    pub columns: &'static [Column],
}

impl Layout {
    pub fn find(key: &str) -> Option<&'static Layout> {
        LAYOUTS.iter().find(|l| l.key == key)
    }

    pub fn is_enterprises(&self) -> bool {
        self.key == ENTERPRISES
    }
}

/// The key of the enterprise table.
pub const ENTERPRISES: &str = "enterprises";

const LEVELS: Kind = Kind::Choice(&["国家级", "省级", "其他"]);

const fn column(field: &'static str, header: &'static str, kind: Kind, width: f64, example: &'static str) -> Column {
    Column { field, header, aliases: &[], kind, need: Need::Required, width, example }
}

const fn with(column: Column, aliases: &'static [&'static str]) -> Column {
    Column { aliases, ..column }
}

const fn optional(column: Column) -> Column {
    Column { need: Need::Optional, ..column }
}

const fn honour(
    field: &'static str,
    header: &'static str,
    aliases: &'static [&'static str],
    example: &'static str,
) -> Column {
    Column { field, header, aliases, kind: Kind::Year, need: Need::Honour, width: 12.0, example }
}

/// Every list a sheet can hold, in the template's order.
pub static LAYOUTS: [Layout; 9] = [
    Layout {
        key: ENTERPRISES,
        sheet: "企业",
        aliases: &["重点企业", "企业名单", "重点企业名单", "企业清单"],
        columns: &[
            with(column("name", "企业名称", Kind::Text, 30.0, "山西晶鼎玻璃器皿股份有限公司"), &["名称", "企业"]),
            with(
                column(
                    "intro",
                    "企业简介",
                    Kind::Text,
                    50.0,
                    "集群龙头企业，始建于1992年，年产高硼硅耐热玻璃器皿1.8亿只，产品出口60余个国家和地区。",
                ),
                &["简介"],
            ),
            column("scope", "经营范围", Kind::Text, 40.0, "日用玻璃制品、耐热玻璃器皿的研发、生产和销售；货物进出口。"),
            honour(
                "champions",
                "单项冠军认定年度",
                &["单项冠军", "制造业单项冠军", "国家级制造业单项冠军", "国家级制造业单项冠军企业"],
                "2024",
            ),
            honour(
                "little_giants",
                "小巨人认定年度",
                &["小巨人", "专精特新小巨人", "专精特新小巨人认定年度", "国家级专精特新小巨人企业"],
                "",
            ),
            honour(
                "specialized",
                "专精特新认定年度",
                &["专精特新", "专精特新中小企业", "省级专精特新中小企业", "专精特新中小企业认定年度"],
                "",
            ),
            honour(
                "high_tech",
                "高新技术企业认定年度",
                &["高新技术企业", "国家级高新技术企业", "高企认定年度"],
                "2022",
            ),
        ],
    },
    Layout {
        key: "standards",
        sheet: "标准",
        aliases: &["标准清单", "制修订标准"],
        columns: &[
            column("name", "标准名称", Kind::Text, 36.0, "高硼硅耐热玻璃饮具"),
            column("code", "标准编号", Kind::Text, 20.0, "QB/T 5836-2023"),
            with(
                column("category", "类别", Kind::Choice(&["国际", "国家", "行业", "团体"]), 8.0, "行业"),
                &["标准类别"],
            ),
            with(column("role", "主持/参与", Kind::Choice(&["主持", "参与"]), 10.0, "主持"), &["主持或参与"]),
            with(column("year", "发布年度", Kind::Year, 10.0, "2023"), &["年度"]),
            with(
                column("enterprise", "企业", Kind::Text, 30.0, "山西晶鼎玻璃器皿股份有限公司"),
                &["企业名称", "主持或参与的企业", "起草单位"],
            ),
        ],
    },
    Layout {
        key: "platforms",
        sheet: "创新平台",
        aliases: &["创新平台清单", "平台"],
        columns: &[
            column("name", "平台名称", Kind::Text, 40.0, "山西省日用玻璃器皿工程技术研究中心"),
            column("level", "级别", LEVELS, 8.0, "省级"),
            column("host", "依托单位", Kind::Text, 30.0, "山西晶鼎玻璃器皿股份有限公司"),
            with(column("year", "认定年度", Kind::Year, 10.0, "2021"), &["年度"]),
        ],
    },
    Layout {
        key: "patents",
        sheet: "发明专利",
        aliases: &["专利", "有效发明专利", "发明专利清单", "专利清单", "有效发明专利清单"],
        columns: &[
            with(column("title", "专利名称", Kind::Text, 40.0, "一种高硼硅玻璃杯口火抛光装置"), &["名称", "发明名称"]),
            with(column("number", "专利号", Kind::PatentNumber, 20.0, "ZL201310664209.3"), &["专利(申请)号"]),
            with(optional(column("kind", "类型", Kind::Text, 10.0, "发明专利")), &["专利类型"]),
            with(column("owner", "专利权人", Kind::Text, 30.0, "山西麓台晶艺玻璃有限公司"), &["权利人"]),
            with(
                column("granted", "授权公告日", Kind::Date, 12.0, "2015-04-14"),
                &["授权日", "授权日期", "授权公告日期"],
            ),
        ],
    },
    Layout {
        key: "projects",
        sheet: "新模式新业态",
        aliases: &["新模式新业态项目", "数字化项目", "项目"],
        columns: &[
            column("name", "项目名称", Kind::Text, 44.0, "山西省智能制造试点示范——高硼硅玻璃器皿智能工厂"),
            column("level", "级别", LEVELS, 8.0, "省级"),
            column("enterprise", "承担单位", Kind::Text, 30.0, "山西晶鼎玻璃器皿股份有限公司"),
            with(column("year", "年度", Kind::Year, 10.0, "2024"), &["认定年度"]),
        ],
    },
    Layout {
        key: "green_system",
        sheet: "绿色制造",
        aliases: &["绿色制造体系", "绿色制造体系清单"],
        columns: &[
            column("name", "名称", Kind::Text, 40.0, "山西晶鼎玻璃器皿股份有限公司"),
            column("kind", "类别", Kind::Text, 20.0, "绿色工厂"),
            column("level", "级别", LEVELS, 8.0, "国家级"),
            with(column("year", "认定年度", Kind::Year, 10.0, "2023"), &["年度"]),
        ],
    },
    Layout {
        key: "overseas_branches",
        sheet: "境外分支机构",
        aliases: &["境外分支机构清单", "境外机构"],
        columns: &[
            column("name", "分支机构名称", Kind::Text, 36.0, "晶鼎玻璃（美国）贸易有限公司"),
            with(column("country", "所在国家（地区）", Kind::Text, 16.0, "美国"), &["所在国家", "国家(地区)"]),
            column("enterprise", "设立企业", Kind::Text, 30.0, "山西晶鼎玻璃器皿股份有限公司"),
            with(column("year", "设立年度", Kind::Year, 10.0, "2019"), &["年度"]),
        ],
    },
    Layout {
        key: "alliances",
        sheet: "产业联盟",
        aliases: &["产业联盟组织", "产业联盟清单", "行业协会"],
        columns: &[
            column("name", "组织名称", Kind::Text, 36.0, "祁县玻璃器皿行业协会"),
            column("kind", "类别", Kind::Text, 14.0, "行业协会"),
            with(column("members", "成员单位数量", Kind::Count, 14.0, "126"), &["成员数量", "成员单位数"]),
            with(column("year", "成立年度", Kind::Year, 10.0, "2008"), &["年度"]),
        ],
    },
    Layout {
        key: "service_platforms",
        sheet: "公共服务平台",
        aliases: &["中小企业公共服务平台", "公共服务平台清单"],
        columns: &[
            column("name", "平台名称", Kind::Text, 36.0, "祁县玻璃器皿产业公共服务中心"),
            column("operator", "运营单位", Kind::Text, 28.0, "祁县玻璃器皿行业协会"),
            column(
                "recognition",
                "认定级别及文件",
                Kind::Text,
                44.0,
                "山西省中小企业公共服务示范平台（晋工信中小企字〔2023〕86号）",
            ),
            with(column("year", "认定年度", Kind::Year, 10.0, "2023"), &["年度"]),
        ],
    },
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::schema::{Kind as Schema, Walker};

    /// Every column fills a field the model has, every field the model requires has a
    /// column, and a column's options are the model's.
    #[test]
    fn layouts_fill_the_model() {
        let schema = Schema::Cluster.schema();
        let walker = Walker::new(&schema);
        let path = |parts: &[&str]| parts.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>();
        for layout in &LAYOUTS {
            let lists: Vec<&str> = if layout.is_enterprises() {
                layout.columns.iter().filter(|c| c.need == Need::Honour).map(|c| c.field).collect()
            } else {
                vec![layout.key]
            };
            for list in lists {
                let fields = walker.properties(&path(&["lists", list, "0"]));
                assert!(!fields.is_empty(), "{list}");
                for field in &fields {
                    let known = layout.columns.iter().any(|c| c.field == field) || (field == "year");
                    assert!(known, "lists.{list}.{field} has no column");
                }
                for column in layout.columns.iter().filter(|c| c.need != Need::Honour) {
                    assert!(fields.contains(&column.field.to_owned()), "{list}: {}", column.field);
                    if let Kind::Choice(options) = column.kind {
                        let node = walker.child_at(&path(&["lists", list, "0", column.field])).unwrap();
                        let allowed = &walker.resolved(node)["enum"];
                        assert_eq!(allowed, &serde_json::json!(options), "{list}.{}", column.field);
                    }
                }
            }
        }
    }
}

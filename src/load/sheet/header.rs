//! Headers and sheet names as people type them: full-width or half-width, with spaces, line
//! breaks inside the cell, quotation marks, a `*` for a required column, a unit in brackets.

use super::cell::fold;
use super::layout::{Column, Layout};

/// The text compared: folded to half-width, without whitespace, quotation marks or `*`.
pub fn normalize(text: &str) -> String {
    fold(text)
        .chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '"' | '\'' | '“' | '”' | '‘' | '’' | '「' | '」' | '*'))
        .flat_map(char::to_lowercase)
        .collect()
}

/// The same text without a trailing bracketed note (`成员单位数量（家）`).
fn without_note(normalized: &str) -> Option<&str> {
    let open = normalized.strip_suffix(')')?.rfind('(')?;
    (open > 0).then(|| &normalized[..open])
}

fn names_match(typed: &str, names: impl Iterator<Item = &'static str> + Clone) -> bool {
    let typed = normalize(typed);
    let matches = |t: &str| names.clone().any(|name| normalize(name) == t);
    matches(&typed) || without_note(&typed).is_some_and(matches)
}

/// The column a header names.
pub fn column<'l>(layout: &'l Layout, header: &str) -> Option<&'l Column> {
    layout.columns.iter().find(|c| names_match(header, std::iter::once(c.header).chain(c.aliases.iter().copied())))
}

/// Whether a header is the row number column, which is not read.
pub fn is_number_column(header: &str) -> bool {
    matches!(normalize(header).as_str(), "序号" | "序" | "编号" | "no" | "no.")
}

/// The layout a sheet's name calls for.
pub fn layout<'l>(layouts: &'l [Layout], sheet: &str) -> Option<&'l Layout> {
    layouts.iter().find(|l| names_match(sheet, std::iter::once(l.sheet).chain(l.aliases.iter().copied())))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::sheet::layout::LAYOUTS;

    #[test]
    fn headers_match_as_people_type_them() {
        let patents = Layout::find("patents").unwrap();
        for typed in ["专利号", " 专利号 ", "专利\n号", "*专利号", "专利（申请）号", "專利號"] {
            let found = column(patents, typed).map(|c| c.field);
            assert_eq!(found, if typed == "專利號" { None } else { Some("number") }, "{typed:?}");
        }
        let branches = Layout::find("overseas_branches").unwrap();
        assert_eq!(column(branches, "所在国家(地区)").unwrap().field, "country");
        let alliances = Layout::find("alliances").unwrap();
        assert_eq!(column(alliances, "成员单位数量（家）").unwrap().field, "members");
        let enterprises = Layout::find("enterprises").unwrap();
        assert_eq!(column(enterprises, "国家级专精特新“小巨人”企业").unwrap().field, "little_giants");
        assert_eq!(column(enterprises, "专精特新\"小巨人\"认定年度").unwrap().field, "little_giants");
        assert!(is_number_column("序 号") && is_number_column("ＮＯ."));
        assert_eq!(layout(&LAYOUTS, "有效发明专利清单").unwrap().key, "patents");
        assert_eq!(layout(&LAYOUTS, " 企业 ").unwrap().key, "enterprises");
        assert!(layout(&LAYOUTS, "Sheet1").is_none());
    }
}

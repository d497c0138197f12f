//! Narratives that drift from the tables: a 集群简介 or 发展成效 that states a figure the tables
//! hold (总产值, 企业数, 中小企业数, 专精特新 and 小巨人 counts, 发明专利, 主导产业产值) must state
//! the table's value. After a figure is corrected in the table, the sentence that repeats it is
//! easily forgotten — and 附件1 prints the 集群简介 to the province.
//!
//! A figure is read as the narrative writes it: a keyword, then (after a few linking words such
//! as 为、达到、由…增长到) a number with its unit, in the same clause. Its year is the one written
//! just before the number (`2025年的52.70亿元`), else the one the sentence opens with (`2025年，
//! 集群总产值…`); a figure with no year is taken to be 2025's, and then it is only questioned
//! when it is none of the table's years.

use serde_json::Value;

use super::Cx;
use crate::load::diagnostic::{Diagnostic, Severity};
use crate::model::Dec;

/// The narratives that report the cluster's state (not the plan's targets, which speak of 2028).
const NARRATIVES: [&str; 16] = [
    "summary",
    "plan.intro",
    "plan.achievements",
    "plan.problems",
    "review.intro",
    "review.cultivation",
    "review.achievements",
    "industry.chain_text",
    "industry.collaboration_text",
    "industry.quality_text",
    "digital.service_text",
    "digital.new_model_text",
    "green.text",
    "openness.text",
    "governance.environment_text",
    "operator.change_note",
];

/// A figure the tables hold and how narratives name it.
struct Figure {
    /// What it is called in a message.
    name: &'static str,
    keyword: &'static str,
    unit: &'static str,
    series: &'static str,
    /// Characters one of which must come right before the keyword (empty: any), so that
    /// 中小企业 is not read out of 专精特新中小企业.
    after: &'static str,
}

const FIGURES: [Figure; 8] = [
    Figure {
        name: "集群总产值", keyword: "总产值", unit: "亿元", series: "industry.output", after: "群年，、；："
    },
    Figure {
        name: "主导产业产值",
        keyword: "主导产业产值",
        unit: "亿元",
        series: "industry.leading_output",
        after: "",
    },
    Figure {
        name: "集群企业数量", keyword: "集群企业", unit: "家", series: "industry.enterprises", after: ""
    },
    Figure {
        name: "集群中小企业数量",
        keyword: "中小企业",
        unit: "家",
        series: "industry.smes",
        after: "中群内，、；：",
    },
    Figure {
        name: "省级专精特新中小企业数量",
        keyword: "专精特新中小企业",
        unit: "家",
        series: "industry.specialized",
        after: "",
    },
    Figure {
        name: "专精特新“小巨人”企业数量",
        keyword: "小巨人”企业",
        unit: "家",
        series: "industry.little_giants",
        after: "",
    },
    Figure {
        name: "国家级制造业单项冠军企业数量",
        keyword: "单项冠军企业",
        unit: "家",
        series: "industry.champions",
        after: "",
    },
    Figure {
        name: "中小企业有效发明专利数量",
        keyword: "有效发明专利",
        unit: "件",
        series: "innovation.patents",
        after: "",
    },
];

/// Words that may stand between a keyword and its number.
const LINKING: &str = "数量总计共有为达到了由从增加长至提高升扩大年的";

/// Words before a keyword that make its number a change rather than the figure itself.
const CHANGES: [&str; 6] = ["新增", "增加", "减少", "新认定", "新获", "培育"];

/// Marks that end a clause: a figure is looked for up to the next of them.
const CLAUSE_END: &str = "，。；、,;：:（(\n";

pub fn check(cx: &Cx, out: &mut Vec<Diagnostic>) {
    for path in NARRATIVES {
        let Some(text) = cx.json.pointer(&format!("/{}", path.replace('.', "/"))).and_then(Value::as_str) else {
            continue;
        };
        for stated in read(text) {
            let figure = &FIGURES[stated.figure];
            if !cx.intact(&[path, figure.series]) {
                continue;
            }
            let table = |year: u16| {
                let value = cx.json.pointer(&format!("/{}/{year}", figure.series.replace('.', "/")))?;
                value.as_str().map(str::to_owned).or_else(|| value.as_u64().map(|n| n.to_string()))?.parse::<Dec>().ok()
            };
            let (year, sure) = stated.year;
            let Some(expected) = table(year) else { continue };
            if expected == stated.value || (!sure && (2022..=2025).any(|y| table(y) == Some(stated.value))) {
                continue;
            }
            let field = format!("{}.{year}", figure.series);
            out.push(cx.finding_in(
                Severity::Warning,
                path,
                cx.within(path, &stated.text),
                format!(
                    "文中“{}”写 {year} 年{}为 {} {}，而表中 {field}（第 {} 行）为 {} {}",
                    stated.text,
                    figure.name,
                    stated.value,
                    figure.unit,
                    cx.line(&field),
                    expected,
                    figure.unit
                ),
                format!("两处说的是同一个数：核对后改正文中或表中的一处（表中为 {expected} {}）", figure.unit),
            ));
        }
    }
}

/// A figure a narrative states.
struct Stated {
    /// Index into [`FIGURES`].
    figure: usize,
    value: Dec,
    /// The year, and whether the text says it (else 2025 is assumed).
    year: (u16, bool),
    /// From the keyword to the unit, as written.
    text: String,
}

/// Every figure of [`FIGURES`] a text states.
fn read(text: &str) -> Vec<Stated> {
    let chars: Vec<char> = text.chars().collect();
    let mut found = Vec::new();
    for (index, figure) in FIGURES.iter().enumerate() {
        let keyword: Vec<char> = figure.keyword.chars().collect();
        let mut at = 0;
        while let Some(start) = find(&chars[at..], &keyword).map(|i| i + at) {
            at = start + keyword.len();
            let before = start.checked_sub(1).map(|i| chars[i]);
            if !figure.after.is_empty() && before.is_some_and(|c| !figure.after.contains(c)) {
                continue;
            }
            // 新增…、…8家 is a change, not the count (新增 reaches over a list joined by 、).
            let clause = chars[..start].iter().rposition(|c| "，。；,;\n".contains(*c)).map_or(0, |i| i + 1);
            let lead: String = chars[clause..start].iter().collect();
            if CHANGES.iter().any(|w| lead.contains(w)) {
                continue;
            }
            let sentence_year = opening_year(&chars[..start]);
            for (value, own_year, end) in numbers(&chars[at..], figure.unit) {
                let year = match (own_year, sentence_year) {
                    (Some(y), _) | (None, Some(y)) => (y, true),
                    (None, None) => (2025, false),
                };
                let text: String = chars[start..at + end].iter().collect();
                found.push(Stated { figure: index, value, year, text });
            }
        }
    }
    found
}

fn find(haystack: &[char], needle: &[char]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// The numbers with `unit` in the clause that follows a keyword: each with the year written
/// right before it and where its unit ends. Reading stops at a word that is not a linking one.
fn numbers(rest: &[char], unit: &str) -> Vec<(Dec, Option<u16>, usize)> {
    let unit: Vec<char> = unit.chars().collect();
    let mut out = Vec::new();
    let mut year = None;
    let mut i = 0;
    while i < rest.len() && !CLAUSE_END.contains(rest[i]) {
        let digits = rest[i..].iter().take_while(|c| c.is_ascii_digit() || **c == '.').count();
        if digits == 0 {
            if !LINKING.contains(rest[i]) {
                break;
            }
            i += 1;
            continue;
        }
        let number: String = rest[i..i + digits].iter().collect();
        let after = &rest[i + digits..];
        if after.first() == Some(&'年') && digits == 4 {
            year = number.parse().ok();
            i += digits + 1;
            continue;
        }
        if !after.starts_with(&unit) {
            break;
        }
        if let Ok(value) = number.parse::<Dec>() {
            out.push((value, year.take(), i + digits + unit.len()));
        }
        i += digits + unit.len();
    }
    out
}

/// The year a sentence opens with (`2025年，…`, `截至2025年底，…`), up to the keyword.
fn opening_year(before: &[char]) -> Option<u16> {
    let sentence = before.iter().rposition(|c| matches!(c, '。' | '；' | '\n')).map_or(before, |i| &before[i + 1..]);
    let text: String = sentence.iter().collect();
    let at = text.find("年")?;
    let head = &text[..at];
    let digits: String =
        head.chars().rev().take_while(char::is_ascii_digit).collect::<Vec<_>>().into_iter().rev().collect();
    // Only a year that opens the sentence (after at most a few words like 截至) counts.
    (digits.len() == 4 && head.chars().count() <= 6).then(|| digits.parse().ok()).flatten()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn figures(text: &str) -> Vec<(&'static str, String, u16, bool)> {
        read(text).into_iter().map(|s| (FIGURES[s.figure].name, s.value.to_string(), s.year.0, s.year.1)).collect()
    }

    #[test]
    fn figures_are_read_with_their_years() {
        let text = "2025年，集群总产值52.70亿元，集群企业185家，其中中小企业178家，省级专精特新中小企业15家。";
        assert_eq!(
            figures(text),
            vec![
                ("集群总产值", "52.70".to_owned(), 2025, true),
                ("集群企业数量", "185".to_owned(), 2025, true),
                ("集群中小企业数量", "178".to_owned(), 2025, true),
                ("省级专精特新中小企业数量", "15".to_owned(), 2025, true),
            ]
        );
        let text =
            "集群中小企业有效发明专利由2022年的38件增加到66件。集群总产值由2023年的41.60亿元增长到2025年的52.70亿元";
        assert_eq!(
            figures(text),
            vec![
                ("集群总产值", "41.60".to_owned(), 2023, true),
                ("集群总产值", "52.70".to_owned(), 2025, true),
                ("中小企业有效发明专利数量", "38".to_owned(), 2022, true),
                ("中小企业有效发明专利数量", "66".to_owned(), 2025, false),
            ]
        );
    }

    #[test]
    fn other_figures_and_approximations_are_not_read() {
        assert!(figures("上云中小企业97家，占集群总产值的90.89%，服务企业60余家，集群企业中规上企业85家").is_empty());
        assert!(figures("所在县工业总产值191.60亿元").is_empty());
        assert!(figures("近三年新增专精特新“小巨人”企业2家、省级专精特新中小企业8家").is_empty());
    }
}

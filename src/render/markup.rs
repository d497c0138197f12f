//! The small XML markup that templates emit, parsed into the document model.
//!
//! ```xml
//! <document title="…" author="…" date="2026-05-08" font="fangsong" size="小四">
//!   <section orientation="portrait" numbers="false">       <!-- a cover: no page number -->
//!     <p align="center" font="xbs" size="二号">山西省中小企业特色产业集群申报表</p>
//!     <p>集群名称：<blank min="16">{{ name }}</blank></p>
//!   </section>
//!   <section>                                               <!-- new page, numbered -->
//!     <h level="1" font="hei" size="三号">一、基本情况</h>
//!     <table widths="30,20,30,20" header="1">
//!       <tr><td colspan="4">集群名称：{{ name }}</td></tr>
//!       <tr><td>主导产业所属产业类型</td>
//!           <td colspan="3"><check on="true">第二产业</check></td></tr>
//!     </table>
//!     <pagebreak/>
//!   </section>
//! </document>
//! ```
//!
//! * Style attributes (`font`, `size`, `bold`, `underline`) may sit on any element and are
//!   inherited by everything inside it. Fonts: `song`, `fangsong`, `hei`, `kai`, `xbs`
//!   (小标宋); sizes by their Chinese names (`三号`, `小四`, `五号`, …).
//! * `<section>` takes `orientation` (`portrait`, `landscape`), `numbers="false"` (no page
//!   numbers: covers) and `start="odd"` (starts on a right-hand page when printed 双面).
//! * `<p>` (and `<h level="N">`, a paragraph that is also an outline heading) take `align`
//!   (`left`, `center`, `right`, `justify`), `indent` (first-line indent in characters),
//!   `hanging` (where the following lines start, in characters),
//!   `before`/`after` (points), `line` (`1.5` = multiple, `28.95pt` = exact) and `keep`.
//! * Inside a paragraph: text, `<r>` (a styled span), `<b>`, `<u>`, `<br/>`, `<tab/>` (on to
//!   the hanging indent), `<leader/>` (dots to the right edge, the rest set against it),
//!   `<check on="true|false">label</check>` and `<blank min="N">value</blank>`.
//! * `<td>` holds either `<p>` elements or inline content (then it is one paragraph that takes
//!   the cell's `align`); `colspan`, `rowspan`, `valign` (`top`, `center`, `bottom`).
//!   `<tr height="N">` sets a minimum height in points; `<table borders="false">` draws none;
//!   `<table fit="true">` widens the columns whose cells hold the most (`doc::grid`).
//! * Whitespace that contains a line break is template layout and is dropped; any other
//!   whitespace is text.

use roxmltree::{Node, TextPos};

use crate::doc::{
    Align, Blank, Block, Cell, Check, Date, Document, FontRole, Inline, LineSpacing, Meta, Orientation, Paragraph, Row,
    Run, Section, Size, Style, Table, VAlign,
};

/// A template produced markup that is not the documented markup: a bug of the template.
#[derive(Debug, thiserror::Error)]
#[error("模板 {template} 第 {line} 行第 {column} 列：{message}")]
pub struct MarkupError {
    pub template: String,
    pub line: u32,
    pub column: u32,
    pub message: String,
}

/// Parses the markup a template rendered; `template` names it in errors.
pub fn parse(template: &str, xml: &str) -> Result<Document, MarkupError> {
    let options = roxmltree::ParsingOptions { allow_dtd: false, ..Default::default() };
    let tree = roxmltree::Document::parse_with_options(xml, options).map_err(|e| MarkupError {
        template: template.to_owned(),
        line: e.pos().row,
        column: e.pos().col,
        message: format!("不是合法的 XML：{e}"),
    })?;
    Parser { template, tree: &tree }.document(tree.root_element())
}

struct Parser<'a, 'input> {
    template: &'a str,
    tree: &'a roxmltree::Document<'input>,
}

impl Parser<'_, '_> {
    fn error(&self, node: Node, message: impl Into<String>) -> MarkupError {
        let TextPos { row, col } = self.tree.text_pos_at(node.range().start);
        MarkupError { template: self.template.to_owned(), line: row, column: col, message: message.into() }
    }

    fn document(&self, root: Node) -> Result<Document, MarkupError> {
        self.expect(root, "document")?;
        let style = self.style(root, Style::default())?;
        let meta = Meta {
            title: root.attribute("title").unwrap_or_default().to_owned(),
            author: root.attribute("author").unwrap_or_default().to_owned(),
            date: root.attribute("date").filter(|d| !d.is_empty()).map(|d| self.date(root, d)).transpose()?,
            draft: self.flag(root, "draft", false)?,
        };
        let sections = elements(root)
            .map(|node| {
                self.expect(node, "section")?;
                self.section(node, style)
            })
            .collect::<Result<_, _>>()?;
        Ok(Document { meta, sections })
    }

    fn section(&self, node: Node, inherited: Style) -> Result<Section, MarkupError> {
        let style = self.style(node, inherited)?;
        let orientation = match node.attribute("orientation").unwrap_or("portrait") {
            "portrait" => Orientation::Portrait,
            "landscape" => Orientation::Landscape,
            other => return Err(self.error(node, format!("未知的页面方向 “{other}”"))),
        };
        let mut blocks = Vec::new();
        for child in elements(node) {
            blocks.push(match child.tag_name().name() {
                "p" | "h" => Block::Paragraph(self.paragraph(child, style, Align::Left)?),
                "table" => Block::Table(self.table(child, style)?),
                "pagebreak" => Block::PageBreak,
                other => return Err(self.error(child, format!("节中不允许 <{other}>"))),
            });
        }
        let odd_start = match node.attribute("start") {
            None => false,
            Some("odd") => true,
            Some(other) => return Err(self.error(node, format!("start 只能是 odd，而不是 “{other}”"))),
        };
        Ok(Section { orientation, page_numbers: self.flag(node, "numbers", true)?, odd_start, blocks })
    }

    fn paragraph(&self, node: Node, inherited: Style, default_align: Align) -> Result<Paragraph, MarkupError> {
        let style = self.style(node, inherited)?;
        let heading = match node.tag_name().name() {
            "h" => Some(self.number(node, "level")?.unwrap_or(1.0) as u8),
            _ => None,
        };
        let align = match node.attribute("align") {
            None => default_align,
            Some("left") => Align::Left,
            Some("center") => Align::Center,
            Some("right") => Align::Right,
            Some("justify") => Align::Justify,
            Some(other) => return Err(self.error(node, format!("未知的对齐方式 “{other}”"))),
        };
        let spacing = match node.attribute("line") {
            None | Some("single") => LineSpacing::Single,
            Some(value) => match value.strip_suffix("pt") {
                Some(points) => LineSpacing::Exact(self.parse_number(node, points)?),
                None => LineSpacing::Multiple(self.parse_number(node, value)?),
            },
        };
        let mut inlines = Vec::new();
        self.inlines(node, style, &mut inlines)?;
        Ok(Paragraph {
            align,
            indent_chars: self.number(node, "indent")?.unwrap_or(0.0) as u8,
            hanging_chars: self.number(node, "hanging")?.unwrap_or(0.0).clamp(0.0, 100.0),
            space_before: self.number(node, "before")?.unwrap_or(0.0),
            space_after: self.number(node, "after")?.unwrap_or(0.0),
            spacing,
            keep_with_next: self.flag(node, "keep", heading.is_some())?,
            heading,
            style,
            inlines,
        })
    }

    fn inlines(&self, node: Node, style: Style, out: &mut Vec<Inline>) -> Result<(), MarkupError> {
        for child in node.children() {
            if child.is_text() {
                let text = layout_whitespace_removed(child.text().unwrap_or_default());
                if !text.is_empty() {
                    out.push(Inline::Text(Run { text, style }));
                }
                continue;
            }
            if !child.is_element() {
                continue;
            }
            match child.tag_name().name() {
                "r" => self.inlines(child, self.style(child, style)?, out)?,
                "b" => self.inlines(child, Style { bold: true, ..self.style(child, style)? }, out)?,
                "u" => self.inlines(child, Style { underline: true, ..self.style(child, style)? }, out)?,
                "br" => out.push(Inline::LineBreak),
                "tab" => out.push(Inline::Tab),
                "leader" => out.push(Inline::Leader),
                "check" => out.push(Inline::Check(Check {
                    checked: self.flag(child, "on", false)?,
                    label: self.plain_text(child)?,
                    style: self.style(child, style)?,
                })),
                "blank" => out.push(Inline::Blank(Blank {
                    text: self.plain_text(child)?,
                    min_chars: self.number(child, "min")?.unwrap_or(0.0) as u8,
                    style: self.style(child, style)?,
                })),
                other => return Err(self.error(child, format!("段落中不允许 <{other}>"))),
            }
        }
        Ok(())
    }

    fn table(&self, node: Node, inherited: Style) -> Result<Table, MarkupError> {
        let style = self.style(node, inherited)?;
        let widths = node
            .attribute("widths")
            .ok_or_else(|| self.error(node, "<table> 缺少 widths"))?
            .split(',')
            .map(|w| w.trim().parse::<u32>().map_err(|_| self.error(node, format!("widths 中 “{w}” 不是整数"))))
            .collect::<Result<Vec<_>, _>>()?;
        let mut rows = Vec::new();
        for tr in elements(node) {
            self.expect(tr, "tr")?;
            let row_style = self.style(tr, style)?;
            let cells = elements(tr)
                .map(|td| {
                    self.expect(td, "td")?;
                    self.cell(td, row_style)
                })
                .collect::<Result<_, _>>()?;
            rows.push(Row { min_height: self.number(tr, "height")?.unwrap_or(0.0), cells });
        }
        let table = Table {
            widths,
            header_rows: self.number(node, "header")?.unwrap_or(0.0) as usize,
            borders: self.flag(node, "borders", true)?,
            fit_content: self.flag(node, "fit", false)?,
            rows,
        };
        table.place().map_err(|e| self.error(node, e.to_string()))?;
        Ok(table)
    }

    fn cell(&self, td: Node, inherited: Style) -> Result<Cell, MarkupError> {
        let style = self.style(td, inherited)?;
        let span = |name| Ok::<_, MarkupError>(self.number(td, name)?.unwrap_or(1.0).max(1.0) as usize);
        let has_paragraphs = elements(td).any(|n| matches!(n.tag_name().name(), "p" | "h"));
        let mut paragraphs = if has_paragraphs {
            elements(td)
                .map(|p| match p.tag_name().name() {
                    "p" | "h" => self.paragraph(p, style, Align::Left),
                    other => Err(self.error(p, format!("含段落的单元格中不允许 <{other}>"))),
                })
                .collect::<Result<Vec<_>, _>>()?
        } else {
            vec![self.paragraph(td, style, Align::Left)?]
        };
        if paragraphs.is_empty() {
            paragraphs.push(Paragraph { style, ..Default::default() });
        }
        let valign = match td.attribute("valign").unwrap_or("center") {
            "top" => VAlign::Top,
            "center" => VAlign::Center,
            "bottom" => VAlign::Bottom,
            other => return Err(self.error(td, format!("未知的垂直对齐 “{other}”"))),
        };
        Ok(Cell { col_span: span("colspan")?, row_span: span("rowspan")?, valign, paragraphs })
    }

    fn style(&self, node: Node, inherited: Style) -> Result<Style, MarkupError> {
        let font = match node.attribute("font") {
            None => inherited.font,
            Some("song") => FontRole::Song,
            Some("fangsong") => FontRole::FangSong,
            Some("hei") => FontRole::Hei,
            Some("kai") => FontRole::Kai,
            Some("xbs") => FontRole::XiaoBiaoSong,
            Some(other) => return Err(self.error(node, format!("未知的字体角色 “{other}”"))),
        };
        let size = match node.attribute("size") {
            None => inherited.size,
            Some(name) => Size::from_name(name).ok_or_else(|| self.error(node, format!("未知的字号 “{name}”")))?,
        };
        Ok(Style {
            font,
            size,
            bold: self.flag(node, "bold", inherited.bold)?,
            underline: self.flag(node, "underline", inherited.underline)?,
        })
    }

    fn plain_text(&self, node: Node) -> Result<String, MarkupError> {
        if let Some(child) = node.children().find(Node::is_element) {
            return Err(self.error(child, format!("<{}> 中只能有文字", node.tag_name().name())));
        }
        Ok(layout_whitespace_removed(&node.children().filter_map(|n| n.text()).collect::<String>()))
    }

    fn flag(&self, node: Node, name: &str, default: bool) -> Result<bool, MarkupError> {
        match node.attribute(name) {
            None => Ok(default),
            Some("true") => Ok(true),
            Some("false") => Ok(false),
            Some(other) => Err(self.error(node, format!("{name} 应为 true 或 false，而不是 “{other}”"))),
        }
    }

    /// A `YYYY-MM-DD` date, a real day of the calendar.
    fn date(&self, node: Node, value: &str) -> Result<Date, MarkupError> {
        let date = crate::model::Date::parse(value)
            .ok_or_else(|| self.error(node, format!("文档日期 “{value}” 不是有效的 YYYY-MM-DD 日期")))?;
        Ok(Date { year: date.year, month: date.month, day: date.day })
    }

    fn number(&self, node: Node, name: &str) -> Result<Option<f32>, MarkupError> {
        node.attribute(name).map(|v| self.parse_number(node, v)).transpose()
    }

    fn parse_number(&self, node: Node, value: &str) -> Result<f32, MarkupError> {
        value
            .trim()
            .parse::<f32>()
            .ok()
            .filter(|v| v.is_finite() && *v >= 0.0)
            .ok_or_else(|| self.error(node, format!("“{value}” 不是非负数")))
    }

    fn expect(&self, node: Node, tag: &str) -> Result<(), MarkupError> {
        if node.tag_name().name() == tag {
            Ok(())
        } else {
            Err(self.error(node, format!("此处应为 <{tag}>，而不是 <{}>", node.tag_name().name())))
        }
    }
}

fn elements<'a, 'input>(node: Node<'a, 'input>) -> impl Iterator<Item = Node<'a, 'input>> {
    node.children().filter(Node::is_element)
}

/// Drops every run of whitespace that contains a line break (the template's own layout);
/// other whitespace is part of the text.
fn layout_whitespace_removed(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut pending = String::new();
    for c in text.chars() {
        if c.is_whitespace() {
            pending.push(c);
            continue;
        }
        if !pending.contains('\n') {
            out.push_str(&pending);
        }
        pending.clear();
        out.push(c);
    }
    if !pending.contains('\n') {
        out.push_str(&pending);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_sections_paragraphs_and_inherited_styles() {
        let doc = parse(
            "t",
            r#"<document title="T" font="fangsong" size="小四">
                 <section numbers="false">
                   <p align="center" font="xbs" size="二号">标题</p>
                   <p>集群名称：<blank min="12">清徐县</blank><check on="true">第二产业</check></p>
                 </section>
                 <section orientation="landscape"><h level="1" font="hei">一、基本情况</h></section>
               </document>"#,
        )
        .unwrap();
        assert_eq!(doc.meta.title, "T");
        assert_eq!(doc.sections.len(), 2);
        assert!(!doc.sections[0].page_numbers);
        assert_eq!(doc.sections[1].orientation, Orientation::Landscape);
        let Block::Paragraph(title) = &doc.sections[0].blocks[0] else { panic!() };
        assert_eq!(title.style.font, FontRole::XiaoBiaoSong);
        assert_eq!(title.style.size, Size(44));
        let Block::Paragraph(fill) = &doc.sections[0].blocks[1] else { panic!() };
        assert_eq!(fill.text(), "集群名称：清徐县☑第二产业");
        assert_eq!(fill.style.font, FontRole::FangSong);
        let Block::Paragraph(heading) = &doc.sections[1].blocks[0] else { panic!() };
        assert_eq!(heading.heading, Some(1));
        assert!(heading.keep_with_next);
    }

    #[test]
    fn layout_whitespace_goes_and_text_spaces_stay() {
        assert_eq!(layout_whitespace_removed("\n   年 月 日\n  "), "年 月 日");
        assert_eq!(layout_whitespace_removed("a  b"), "a  b");
    }

    #[test]
    fn tables_are_checked_against_their_grid() {
        let err = parse(
            "t",
            r#"<document><section><table widths="1,1"><tr><td colspan="3">x</td></tr></table></section></document>"#,
        )
        .unwrap_err();
        assert_eq!(err.line, 1);
        assert!(err.message.contains("表格第 1 行"), "{}", err.message);
    }

    #[test]
    fn the_date_is_a_real_day_or_an_error_at_its_place() {
        let date = |value: &str| parse("t", &format!("<document date=\"{value}\"><section/></document>"));
        assert_eq!(date("2026-05-08").unwrap().meta.date, Some(Date { year: 2026, month: 5, day: 8 }));
        assert_eq!(date("").unwrap().meta.date, None);
        for bad in ["2026/05/08", "2026-02-29", "2026-13-01"] {
            let err = date(bad).unwrap_err();
            assert!(err.message.contains(bad) && err.line == 1, "{err}");
        }
    }

    #[test]
    fn unknown_elements_name_the_place() {
        let err = parse("fj2", "<document>\n<section>\n<para/></section></document>").unwrap_err();
        assert_eq!((err.line, err.column), (3, 1));
        assert!(err.to_string().contains("fj2"));
    }
}

//! Templates to documents: Tera renders a form's markup from the data, `markup` parses it into
//! the document model that both back ends draw.
//!
//! The templates live in `templates/` and are compiled into the binary, so dossier runs from
//! anywhere. Their names end in `.xml`, which makes Tera escape every `{{ value }}`; the
//! escape function here also drops the control characters XML cannot carry, so no user text
//! can break the markup it lands in.

mod filters;
pub mod forms;
pub mod markup;

use std::fmt::Write as _;

use tera::{Context, Tera};

use crate::doc::Document;

pub use markup::MarkupError;

/// The embedded templates, by the name the Tera environment knows them.
const TEMPLATES: &[(&str, &str)] = &[
    ("macros.xml", include_str!("../../templates/macros.xml.tera")),
    ("parts.xml", include_str!("../../templates/parts.xml.tera")),
    ("plan.xml", include_str!("../../templates/plan.xml.tera")),
    ("application.xml", include_str!("../../templates/application.xml.tera")),
    ("review.xml", include_str!("../../templates/review.xml.tera")),
    ("recommend-summary.xml", include_str!("../../templates/recommend-summary.xml.tera")),
    ("review-summary.xml", include_str!("../../templates/review-summary.xml.tera")),
    ("verification.xml", include_str!("../../templates/verification.xml.tera")),
    ("volume-cover.xml", include_str!("../../templates/volume-cover.xml.tera")),
    ("volume-contents.xml", include_str!("../../templates/volume-contents.xml.tera")),
    ("list.xml", include_str!("../../templates/list.xml.tera")),
    ("notice-page.xml", include_str!("../../templates/notice-page.xml.tera")),
    ("letter.xml", include_str!("../../templates/letter.xml.tera")),
    ("explanation.xml", include_str!("../../templates/explanation.xml.tera")),
];

#[derive(Debug, thiserror::Error)]
pub enum RenderError {
    #[error("模板 {name} 无法渲染：{message}")]
    Template { name: String, message: String },
    #[error(transparent)]
    Markup(#[from] MarkupError),
}

/// The compiled templates; build once, render many documents (also from several threads).
pub struct Templates {
    tera: Tera,
}

impl Templates {
    pub fn new() -> Result<Templates, RenderError> {
        let mut tera = Tera::default();
        tera.add_raw_templates(TEMPLATES.iter().copied())
            .map_err(|e| RenderError::Template { name: "templates/".into(), message: chain(&e) })?;
        tera.set_escape_fn(escape_xml);
        filters::register(&mut tera);
        Ok(Templates { tera })
    }

    /// Renders template `name` with `context` into a document.
    pub fn render(&self, name: &str, context: &Context) -> Result<Document, RenderError> {
        let xml = self
            .tera
            .render(name, context)
            .map_err(|e| RenderError::Template { name: name.to_owned(), message: chain(&e) })?;
        Ok(markup::parse(name, &xml)?)
    }
}

/// Tera's error with its causes (the cause says which line of which template failed).
fn chain(error: &dyn std::error::Error) -> String {
    let mut text = error.to_string();
    let mut source = error.source();
    while let Some(cause) = source {
        let _ = write!(text, "：{cause}");
        source = cause.source();
    }
    text
}

/// XML escaping for user text: the five special characters, and the control characters that
/// XML 1.0 cannot carry at all are dropped (tabs and line breaks stay).
pub fn escape_xml(input: &str) -> String {
    let mut out = String::with_capacity(input.len());
    for c in input.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if c.is_control() || matches!(c, '\u{FFFE}' | '\u{FFFF}') => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn user_text_cannot_break_the_markup() {
        let hostile = "A&B <p>\"x\" ]]> 'y' \u{1}\u{7}\u{FFFF} 😀 </document>";
        let xml = format!("<document><section><p>{}</p></section></document>", escape_xml(hostile));
        let doc = markup::parse("t", &xml).unwrap();
        let crate::doc::Block::Paragraph(p) = &doc.sections[0].blocks[0] else { panic!() };
        assert_eq!(p.text(), "A&B <p>\"x\" ]]> 'y'  😀 </document>");
    }
}

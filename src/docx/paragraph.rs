//! Paragraphs: `w:pPr` in the order of `CT_PPr`, then the runs.

use super::fonts::Fonts;
use super::inline::{inline, run_properties};
use super::xml::Xml;
use crate::doc::{Align, Inline, LineSpacing, Paragraph, Style};

/// What the body adds to a paragraph beyond the model.
#[derive(Default)]
pub(crate) struct Extra<'a> {
    /// A `Block::PageBreak` came just before it.
    pub page_break_before: bool,
    /// The section properties when it is the last paragraph of a section.
    pub section: Option<&'a dyn Fn(&mut Xml)>,
    /// Kept on the page of what follows even when the model does not ask (a table's header
    /// rows stay with its first row).
    pub keep_with_next: bool,
    /// Twips from the left to the right edge of the text: where a leader ends.
    pub width: u32,
    /// The exact pitch of the PDF's lines, in points, written instead of the model's spacing.
    pub pitch: Option<f32>,
    /// The space after the paragraph before, written as space before this one; and whether this
    /// one's space after goes to the next paragraph likewise. LibreOffice sets the larger of
    /// two paragraphs' spaces between them, Word and the PDF their sum: space on one side only
    /// is the same in all three.
    pub carried: f32,
    pub passes_on: bool,
}

pub(crate) fn paragraph(x: &mut Xml, p: &Paragraph, extra: Extra) {
    x.open("w:p", &[]);
    x.open("w:pPr", &[]);
    if p.keep_with_next || extra.keep_with_next {
        x.empty("w:keepNext", &[]);
    }
    if extra.page_break_before {
        x.empty("w:pageBreakBefore", &[]);
    }
    let hanging = if p.hanging_chars.is_finite() { p.hanging_chars.clamp(0.0, 100.0) } else { 0.0 };
    tabs(x, p, chars_to_twips(hanging, p), extra.width);
    // No space added between Chinese and Latin letters or digits ("2026年"), as in the PDF:
    // a line holds what the PDF's holds.
    x.empty("w:autoSpaceDE", &[("w:val", &0)]).empty("w:autoSpaceDN", &[("w:val", &0)]);
    let after = if extra.passes_on { 0.0 } else { p.space_after };
    spacing(x, p.space_before + extra.carried, after, extra.pitch.map_or(p.spacing, LineSpacing::Exact));
    indent(x, p, hanging);
    x.empty("w:jc", &[("w:val", &justification(p.align))]);
    if let Some(level) = p.heading {
        // The outline counts from 0 (Heading 1); the model from 1.
        x.empty("w:outlineLvl", &[("w:val", &level.saturating_sub(1).min(8))]);
    }
    run_properties(x, &p.style, Fonts::Role(p.style.font), false);
    if let Some(section) = extra.section {
        section(x);
    }
    x.close();
    for i in &p.inlines {
        inline(x, i, &p.style);
    }
    x.close();
}

/// An empty paragraph one point high: it carries a page break or section properties where
/// the model has no paragraph to hang them on, without adding a visible line.
pub(crate) fn hairline(x: &mut Xml, page_break: bool, section: Option<&dyn Fn(&mut Xml)>) {
    let style = Style { size: crate::doc::Size(2), ..Style::default() };
    x.open("w:p", &[]);
    x.open("w:pPr", &[]);
    spacing(x, 0.0, 0.0, LineSpacing::Exact(1.0));
    run_properties(x, &style, Fonts::Role(style.font), false);
    if let Some(section) = section {
        section(x);
    }
    x.close();
    if page_break {
        x.open("w:r", &[]).empty("w:br", &[("w:type", &"page")]).close();
    }
    x.close();
}

/// Word reads indents in hundredths of a character; the twips are for readers that do not (one
/// character is the paragraph's font size).
fn chars_to_twips(chars: f32, p: &Paragraph) -> u32 {
    (chars * f32::from(p.style.size.0) * 10.0).round() as u32
}

/// `w:ind`: the first line at `indent_chars`, the others at `hanging` characters.
fn indent(x: &mut Xml, p: &Paragraph, hanging: f32) {
    let first = f32::from(p.indent_chars);
    let hundredths = |chars: f32| (chars * 100.0).round() as u32;
    if hanging <= 0.0 {
        if first > 0.0 {
            x.empty("w:ind", &[("w:firstLineChars", &hundredths(first)), ("w:firstLine", &chars_to_twips(first, p))]);
        }
        return;
    }
    let (left, left_twips) = (hundredths(hanging), chars_to_twips(hanging, p));
    let delta = first - hanging;
    let (chars_name, twips_name) =
        if delta >= 0.0 { ("w:firstLineChars", "w:firstLine") } else { ("w:hangingChars", "w:hanging") };
    x.empty(
        "w:ind",
        &[
            ("w:leftChars", &left),
            ("w:left", &left_twips),
            (chars_name, &hundredths(delta.abs())),
            (twips_name, &chars_to_twips(delta.abs(), p)),
        ],
    );
}

/// `w:tabs`: a tab to the hanging indent, and a right tab with a dot leader at the right edge.
fn tabs(x: &mut Xml, p: &Paragraph, hanging: u32, width: u32) {
    let tab = hanging > 0 && p.inlines.contains(&Inline::Tab);
    let leader = p.inlines.contains(&Inline::Leader);
    if !tab && !leader {
        return;
    }
    x.open("w:tabs", &[]);
    if tab {
        x.empty("w:tab", &[("w:val", &"left"), ("w:pos", &hanging)]);
    }
    if leader {
        x.empty("w:tab", &[("w:val", &"right"), ("w:leader", &"middleDot"), ("w:pos", &width)]);
    }
    x.close();
}

fn spacing(x: &mut Xml, before: f32, after: f32, line: LineSpacing) {
    let (line, rule) = match line {
        LineSpacing::Single => (240, "auto"),
        // An auto line is counted in 240ths of a single line.
        LineSpacing::Multiple(m) => (((m * 240.0).round() as u32).clamp(1, MAX_TWIPS), "auto"),
        LineSpacing::Exact(points) => (twips(points).max(1), "exact"),
    };
    x.empty(
        "w:spacing",
        &[("w:before", &twips(before)), ("w:after", &twips(after)), ("w:line", &line), ("w:lineRule", &rule)],
    );
}

/// Word's limit for spacing, line pitch and row height: 1584 pt.
const MAX_TWIPS: u32 = 31680;

/// Points to twips, within what Word accepts; negative or not-a-number values (no valid model
/// has them) become 0.
pub(crate) fn twips(points: f32) -> u32 {
    // `as` saturates: NaN and negatives give 0, nothing panics.
    ((points * 20.0).round() as u32).min(MAX_TWIPS)
}

fn justification(align: Align) -> &'static str {
    match align {
        Align::Left => "left",
        Align::Center => "center",
        Align::Right => "right",
        Align::Justify => "both",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn points_become_twips_word_accepts() {
        assert_eq!(twips(28.95), 579);
        assert_eq!(twips(-3.0), 0);
        assert_eq!(twips(f32::NAN), 0);
        assert_eq!(twips(1e9), MAX_TWIPS);
    }
}

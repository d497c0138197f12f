//! Runs: text, check boxes, fill-in blanks and line breaks, each with its run properties.

use super::fonts::{self, Fonts};
use super::xml::Xml;
use crate::doc::{Blank, Check, Inline, Style};

/// Writes `w:rPr` in the order of `EG_RPrBase` (rFonts, b, bCs, sz, szCs, u).
pub(crate) fn run_properties(x: &mut Xml, style: &Style, fonts: Fonts, underline: bool) {
    x.open("w:rPr", &[]);
    fonts::run_fonts(x, fonts);
    if style.bold {
        x.empty("w:b", &[]).empty("w:bCs", &[]);
    }
    // A zero size is no size Word accepts; one half point is the least it does.
    let size = style.size.0.max(1);
    x.empty("w:sz", &[("w:val", &size)]).empty("w:szCs", &[("w:val", &size)]);
    if underline || style.underline {
        x.empty("w:u", &[("w:val", &"single")]);
    }
    x.close();
}

/// Writes the runs of one inline; `mark` is the paragraph's own style (line breaks take it).
pub(crate) fn inline(x: &mut Xml, inline: &Inline, mark: &Style) {
    match inline {
        Inline::Text(run) => text_run(x, &run.text, &run.style, Fonts::Role(run.style.font), false),
        Inline::Check(check) => check_box(x, check),
        Inline::Blank(blank) => blank_run(x, blank),
        Inline::LineBreak => {
            x.open("w:r", &[]);
            run_properties(x, mark, Fonts::Role(mark.font), false);
            x.empty("w:br", &[]).close();
        }
        // The paragraph's tab stops (`paragraph::tabs`) say where each goes and what fills it.
        Inline::Tab | Inline::Leader => {
            x.open("w:r", &[]);
            run_properties(x, mark, Fonts::Role(mark.font), false);
            x.empty("w:tab", &[]).close();
        }
    }
}

/// A run of text. Tabs and line breaks inside the text become `w:tab` and `w:br` (a `w:t`
/// would show them as spaces); a carriage return is dropped.
pub(crate) fn text_run(x: &mut Xml, text: &str, style: &Style, fonts: Fonts, underline: bool) {
    if text.is_empty() {
        return;
    }
    x.open("w:r", &[]);
    run_properties(x, style, fonts, underline);
    let mut piece = String::new();
    for c in text.chars() {
        match c {
            '\t' | '\n' => {
                flush(x, &mut piece);
                x.empty(if c == '\t' { "w:tab" } else { "w:br" }, &[]);
            }
            '\r' => {}
            c => piece.push(c),
        }
    }
    flush(x, &mut piece);
    x.close();
}

fn flush(x: &mut Xml, piece: &mut String) {
    if !piece.is_empty() {
        x.text_element("w:t", &[("xml:space", &"preserve")], piece);
        piece.clear();
    }
}

/// "☐ label": the box in a symbol font that has it, the label in the run's own font.
fn check_box(x: &mut Xml, check: &Check) {
    text_run(x, &check.mark().to_string(), &check.style, Fonts::Only(&fonts::SYMBOL), false);
    text_run(x, &check.label, &check.style, Fonts::Role(check.style.font), false);
}

/// The value underlined and centred on a line at least `min_chars` wide. Ideographic spaces
/// pad it: each is exactly one character wide in a Chinese font, and underlined it draws the
/// line even where there is no value.
fn blank_run(x: &mut Xml, blank: &Blank) {
    let missing = (u32::from(blank.min_chars) * 2).saturating_sub(half_widths(&blank.text));
    // Whole characters only: the line may come out half a character longer than asked.
    let pad = missing.div_ceil(2) as usize;
    let before = pad / 2;
    let text = format!("{}{}{}", "\u{3000}".repeat(before), blank.text, "\u{3000}".repeat(pad - before));
    text_run(x, &text, &blank.style, Fonts::Role(blank.style.font), true);
}

/// Width of a text in half characters: Chinese characters, full-width forms and the
/// punctuation Word sets in the Chinese font count two, Latin letters and digits one.
pub(crate) fn half_widths(text: &str) -> u32 {
    text.chars().map(|c| if u32::from(c) >= 0x2000 { 2 } else { 1 }).sum()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::doc::{FontRole, Size};

    fn style() -> Style {
        Style { font: FontRole::FangSong, size: Size(24), bold: true, underline: false }
    }

    #[test]
    fn a_blank_is_padded_to_its_width_and_centred() {
        let mut x = Xml::part();
        blank_run(&mut x, &Blank { text: "清徐县".into(), min_chars: 8, style: style() });
        let out = x.finish();
        assert!(out.contains("<w:u w:val=\"single\"/>"), "{out}");
        assert!(out.contains(">\u{3000}\u{3000}清徐县\u{3000}\u{3000}\u{3000}</w:t>"), "{out}");
    }

    #[test]
    fn an_empty_blank_still_draws_its_line() {
        let mut x = Xml::part();
        blank_run(&mut x, &Blank { text: String::new(), min_chars: 3, style: style() });
        assert!(x.finish().contains(">\u{3000}\u{3000}\u{3000}</w:t>"));
    }

    #[test]
    fn tabs_and_line_feeds_become_elements() {
        let mut x = Xml::part();
        text_run(&mut x, "a\tb\r\nc", &style(), Fonts::Role(FontRole::Song), false);
        let out = x.finish();
        assert!(out.contains(r#"<w:t xml:space="preserve">a</w:t><w:tab/><w:t xml:space="preserve">b</w:t><w:br/><w:t xml:space="preserve">c</w:t>"#), "{out}");
        assert!(out.contains("<w:b/><w:bCs/><w:sz w:val=\"24\"/>"), "{out}");
    }

    #[test]
    fn widths_count_chinese_double() {
        assert_eq!(half_widths("2025年"), 6);
    }
}

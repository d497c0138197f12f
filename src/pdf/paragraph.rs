//! A paragraph set into lines: characters to glyphs with per-character font fallback, line
//! breaking by the 禁则 (a mark that may not start a line takes a character down with it, 推出),
//! justification, first-line indent, checkboxes and underlined blanks.

use super::PdfError;
use super::fonts::{FaceId, Fonts};
use super::layout::{Glyph, Rule};
use super::linebreak::{self, is_cjk};
use crate::doc::{Align, Inline, LineSpacing, Paragraph, Style};

/// The shortest single line, in em: fonts with tight metrics (SimSun's are 1.0 em) still get
/// the leading Word gives them.
const MIN_SINGLE: f32 = 1.3;
/// Space before a checkbox that follows text on its line, in em: one full-width space.
const CHECK_GAP: f32 = 1.0;
/// Space between a checkbox and its label, in em (kept under extraction's word gap too).
const MARK_GAP: f32 = 0.08;
/// What a dot leader repeats: the ellipsis, its dots on the middle of the line in Chinese fonts.
const LEADER: char = '…';
const EPS: f32 = 0.01;

/// One line of a paragraph: x from the paragraph's left edge, y from the line's top.
#[derive(Debug, Clone)]
pub(crate) struct Line {
    pub glyphs: Vec<Glyph>,
    pub rules: Vec<Rule>,
    pub height: f32,
}

/// A paragraph set into lines, with what the page flow needs around them.
#[derive(Debug, Clone)]
pub(crate) struct Laid {
    pub lines: Vec<Line>,
    pub before: f32,
    pub after: f32,
    pub keep: bool,
    pub heading: Option<(u8, String)>,
}

impl Laid {
    pub fn height(&self) -> f32 {
        self.before + self.lines.iter().map(|l| l.height).sum::<f32>() + self.after
    }
}

/// Sets `paragraph` into lines `width` points wide.
pub(crate) fn lay_out(paragraph: &Paragraph, width: f32, fonts: &Fonts) -> Result<Laid, PdfError> {
    let mut atoms = atoms(paragraph, fonts)?;
    let size = size_of(paragraph.style);
    let indent = (f32::from(paragraph.indent_chars) * size).min(width * 0.5);
    let hanging = if paragraph.hanging_chars.is_finite() { paragraph.hanging_chars * size } else { 0.0 };
    let hanging = hanging.clamp(0.0, width * 0.5);
    set_tabs(&mut atoms, hanging - indent);
    let spacing = sanitized(paragraph.spacing);
    let mut lines = Vec::new();
    for span in spans(&atoms, width - indent, width - hanging) {
        let first = lines.is_empty();
        let avail = if first { width - indent } else { width - hanging };
        let offset = if first { indent } else { hanging };
        lines.push(set_line(&atoms[span.start..span.end], &span, avail, offset, paragraph, spacing, fonts));
    }
    if lines.is_empty() {
        lines.push(set_line(&[], &Span::EMPTY, width, 0.0, paragraph, spacing, fonts));
    }
    Ok(Laid {
        lines,
        before: non_negative(paragraph.space_before),
        after: non_negative(paragraph.space_after),
        keep: paragraph.keep_with_next,
        heading: paragraph.heading.map(|level| (level, paragraph.text())),
    })
}

/// A tab on the first line reaches `stop` (points from the line's start), where the following
/// lines start; past it, or on a later line, it is a space.
fn set_tabs(atoms: &mut [Atom], stop: f32) {
    let mut x = 0.0;
    for atom in atoms.iter_mut() {
        if atom.tab {
            let space = 0.25 * size_of(atom.style);
            atom.width = if stop - x > space { stop - x } else { space };
        }
        if atom.forced {
            break;
        }
        x += atom.width + atom.gap;
    }
}

/// Points of a style's size, within what a page can show.
fn size_of(style: Style) -> f32 {
    style.size.points().clamp(1.0, 300.0)
}

/// Space in points, within what a page can hold.
fn non_negative(points: f32) -> f32 {
    if points.is_finite() { points.clamp(0.0, 1000.0) } else { 0.0 }
}

fn sanitized(spacing: LineSpacing) -> LineSpacing {
    match spacing {
        LineSpacing::Multiple(m) if m.is_finite() && m > 0.0 => LineSpacing::Multiple(m.min(10.0)),
        LineSpacing::Exact(p) if p.is_finite() && p > 0.0 => LineSpacing::Exact(p.min(1000.0)),
        _ => LineSpacing::Single,
    }
}

/// The smallest unit line breaking works on: a glyph, a space, a blank's underlined filler
/// or a forced line end.
#[derive(Debug, Clone)]
struct Atom {
    ch: char,
    glyph: Option<(FaceId, u16)>,
    width: f32,
    style: Style,
    underline: bool,
    /// Raise above the baseline (checkboxes sit on the em box's middle).
    rise: f32,
    /// Space after this atom unless the line ends here.
    gap: f32,
    may_break: bool,
    /// A break here is a last resort: inside a checkbox's label.
    weak: bool,
    forced: bool,
    /// Spaces hang: they never overflow a line and vanish at its ends.
    space: bool,
    /// Justification may widen the space after this atom.
    stretch: bool,
    /// A tab to the hanging indent (its width is set once the line's start is known).
    tab: bool,
    /// A dot leader: takes the room the line leaves, drawn as repeated `glyph`s of `width`.
    leader: Option<f32>,
}

/// Characters that print nothing and take no room.
fn ignorable(c: char) -> bool {
    matches!(c as u32, 0x00..=0x08 | 0x0B..=0x0C | 0x0E..=0x1F | 0x7F..=0x9F | 0xAD | 0x200B..=0x200F | 0x2060..=0x2064 | 0xFE00..=0xFE0F | 0xFEFF | 0xE0100..=0xE01EF)
}

struct Builder<'a> {
    fonts: &'a Fonts,
    atoms: Vec<Atom>,
    /// Atoms after which a line must not end (a checkbox and its label).
    bound: Vec<usize>,
}

impl Builder<'_> {
    fn atom(ch: char, glyph: Option<(FaceId, u16)>, width: f32, style: Style) -> Atom {
        Atom {
            ch,
            glyph,
            width,
            style,
            underline: style.underline,
            rise: 0.0,
            gap: 0.0,
            may_break: false,
            weak: false,
            forced: false,
            space: ch.is_whitespace(),
            stretch: false,
            tab: false,
            leader: None,
        }
    }

    fn tab(&mut self, style: Style) {
        let mut atom = Builder::atom('\t', None, 0.0, style);
        atom.space = false;
        atom.tab = true;
        self.atoms.push(atom);
    }

    /// At least two ellipses (……) of the style's font, more where the line has room.
    fn leader(&mut self, style: Style) -> Result<(), PdfError> {
        let Some((face, gid)) = self.fonts.resolve(style.font, style.bold, LEADER) else {
            return Err(PdfError::NoGlyph { ch: LEADER, code: LEADER as u32, text: LEADER.to_string() });
        };
        let unit = self.fonts.face(face).advance(gid) * size_of(style);
        let mut atom = Builder::atom(LEADER, Some((face, gid)), 2.0 * unit, style);
        atom.leader = Some(unit);
        self.atoms.push(atom);
        Ok(())
    }

    fn text(&mut self, text: &str, style: Style, underline: bool) -> Result<(), PdfError> {
        let mut chars = text.chars().peekable();
        while let Some(ch) = chars.next() {
            match ch {
                '\r' if chars.peek() == Some(&'\n') => {}
                '\n' | '\r' => self.line_break(style),
                '\t' => self.char(' ', style, underline, text)?,
                c if ignorable(c) => {}
                c => self.char(c, style, underline, text)?,
            }
        }
        Ok(())
    }

    fn char(&mut self, ch: char, style: Style, underline: bool, text: &str) -> Result<(), PdfError> {
        let size = size_of(style);
        let mut atom = match self.fonts.resolve(style.font, style.bold, ch) {
            Some((face, gid)) => {
                let font = self.fonts.face(face);
                let mut atom = Builder::atom(ch, Some((face, gid)), font.advance(gid) * size, style);
                // A checkbox from the fallback font sits on the middle of the text's em box.
                if let Some(middle) = font.ink_middle(ch) {
                    atom.rise = (self.fonts.primary(style.font).em_top() - 0.5 - middle) * size;
                }
                atom
            }
            // A space no font draws still takes its room.
            None if ch.is_whitespace() => Builder::atom(ch, None, size * if is_cjk(ch) { 1.0 } else { 0.25 }, style),
            None => return Err(PdfError::NoGlyph { ch, code: ch as u32, text: text.to_owned() }),
        };
        atom.underline |= underline;
        self.atoms.push(atom);
        Ok(())
    }

    fn line_break(&mut self, style: Style) {
        let mut atom = Builder::atom('\n', None, 0.0, style);
        atom.forced = true;
        self.atoms.push(atom);
    }

    fn check(&mut self, mark: char, label: &str, style: Style) -> Result<(), PdfError> {
        let size = size_of(style);
        if let Some(prev) = self.atoms.last_mut().filter(|a| !a.space) {
            prev.gap = prev.gap.max(CHECK_GAP * size);
        }
        self.char(mark, style, false, label)?;
        let index = self.atoms.len() - 1;
        let atom = &mut self.atoms[index];
        atom.gap = MARK_GAP * size;
        self.bound.push(index);
        self.text(label, style, false)?;
        // A checkbox list breaks between its items before it breaks inside a label.
        let end = self.atoms.len().saturating_sub(1);
        for atom in &mut self.atoms[index..end] {
            atom.weak = true;
        }
        Ok(())
    }

    fn blank(&mut self, text: &str, min_chars: u8, style: Style) -> Result<(), PdfError> {
        let first = self.atoms.len();
        self.text(text, style, true)?;
        let used: f32 = self.atoms[first..].iter().map(|a| a.width).sum();
        let fill = f32::from(min_chars) * size_of(style) - used;
        if fill > EPS {
            // U+3000 for the break rules: no break before the filler, one after it.
            let mut filler = Builder::atom('\u{3000}', None, fill, style);
            filler.space = false;
            filler.underline = true;
            self.atoms.push(filler);
        }
        Ok(())
    }
}

fn atoms(paragraph: &Paragraph, fonts: &Fonts) -> Result<Vec<Atom>, PdfError> {
    let mut b = Builder { fonts, atoms: Vec::new(), bound: Vec::new() };
    for inline in &paragraph.inlines {
        match inline {
            Inline::Text(run) => b.text(&run.text, run.style, false)?,
            Inline::Check(check) => b.check(check.mark(), &check.label, check.style)?,
            Inline::Blank(blank) => b.blank(&blank.text, blank.min_chars, blank.style)?,
            Inline::LineBreak => b.line_break(paragraph.style),
            Inline::Tab => b.tab(paragraph.style),
            Inline::Leader => b.leader(paragraph.style)?,
        }
    }
    let mut atoms = b.atoms;
    let chars: Vec<char> = atoms.iter().map(|a| a.ch).collect();
    let breaks = linebreak::opportunities(&chars);
    for (i, may) in breaks.into_iter().enumerate() {
        atoms[i].may_break = may;
    }
    for i in b.bound {
        atoms[i].may_break = false;
    }
    // A number stays with its tab and the title after it; a leader with the page number and
    // with the title's last two characters: no line of dots alone, and no character left alone
    // before them ("佐证材 / 料……15" is what a typesetter would never print).
    for i in 0..atoms.len() {
        let kept = match (atoms[i].tab, atoms[i].leader.is_some()) {
            (true, _) => 1,
            (_, true) => 2,
            _ => continue,
        };
        atoms[i].may_break = false;
        for atom in &mut atoms[i.saturating_sub(kept)..i] {
            atom.may_break = false;
        }
    }
    for i in 1..atoms.len() {
        let (a, c) = (atoms[i - 1].ch, atoms[i].ch);
        let next_tab = atoms[i].tab;
        let prev = &mut atoms[i - 1];
        // Inside a Latin word or number the letters keep their spacing; a tab keeps its stop.
        prev.stretch = !prev.tab && !next_tab && (prev.may_break || is_cjk(a) || is_cjk(c));
    }
    Ok(atoms)
}

/// A line's share of the atoms and how to fit it.
struct Span {
    start: usize,
    end: usize,
    justify: bool,
}

impl Span {
    const EMPTY: Span = Span { start: 0, end: 0, justify: false };
}

fn spans(atoms: &[Atom], first: f32, rest: f32) -> Vec<Span> {
    let mut out = Vec::new();
    let mut start = 0;
    while start < atoms.len() {
        let avail = if out.is_empty() { first } else { rest };
        let (end, forced) = fit(atoms, start, avail);
        out.push(Span { start, end, justify: !forced && end < atoms.len() });
        start = end;
        if !forced {
            start = skip_spaces(atoms, start);
        }
    }
    avoid_lone_character(atoms, &mut out, first, rest);
    out
}

fn skip_spaces(atoms: &[Atom], mut start: usize) -> usize {
    while atoms.get(start).is_some_and(|a| a.space && !a.forced) {
        start += 1;
    }
    start
}

/// A paragraph whose last line holds a single character (孤字) takes one more down from the
/// line above, if that line may break earlier and stays at least half full.
fn avoid_lone_character(atoms: &[Atom], spans: &mut [Span], first: f32, rest: f32) {
    let n = spans.len();
    if n < 2 || !spans[n - 2].justify {
        return;
    }
    let (prev, last) = (&spans[n - 2], &spans[n - 1]);
    let content = atoms[last.start..last.end].iter().filter(|a| !a.space && !linebreak::may_not_start(a.ch)).count();
    if content != 1 {
        return;
    }
    let avail = if n == 2 { first } else { rest };
    let Some(b) = (prev.start..prev.end.saturating_sub(1)).rev().find(|&b| atoms[b].may_break) else { return };
    let start = skip_spaces(atoms, b + 1);
    if natural(&atoms[prev.start..=b]) < avail / 2.0 || natural(&atoms[start..last.end]) > rest + EPS {
        return;
    }
    spans[n - 2].end = b + 1;
    spans[n - 1].start = start;
}

/// The end of the line starting at `start`, and whether it was forced.
fn fit(atoms: &[Atom], start: usize, avail: f32) -> (usize, bool) {
    let mut x = 0.0;
    let mut breaks = Breaks { last: None, strong: None };
    for (i, atom) in atoms.iter().enumerate().skip(start) {
        if !atom.space && i > start && x + atom.width > avail + EPS {
            return (overflow(i, &breaks, avail), false);
        }
        if atom.forced {
            return (i + 1, true);
        }
        if atom.may_break {
            breaks.last = Some(i);
            if !atom.weak {
                breaks.strong = Some((i, x + atom.width));
            }
        }
        x += atom.width + atom.gap;
    }
    (atoms.len(), false)
}

/// The allowed breaks seen on a line so far: the last one, and the last one that is not a
/// last resort with the width of the line up to it.
struct Breaks {
    last: Option<usize>,
    strong: Option<(usize, f32)>,
}

/// Atom `i` does not fit on the line: end before it, or push words down. Nothing is squeezed
/// and nothing hangs past the margin, as in Word told neither to compress punctuation
/// (characterSpacingControl) nor to let it overflow (overflowPunct).
fn overflow(i: usize, breaks: &Breaks, avail: f32) -> usize {
    // A checkbox item goes down whole if that leaves the line at least half full.
    if let Some((b, _)) = breaks.strong.filter(|&(b, w)| breaks.last != Some(b) && w >= avail / 2.0) {
        return b + 1;
    }
    match breaks.last {
        // 推出: the line ends at the last allowed break and is spread to the margin.
        Some(b) => b + 1,
        // A word longer than the line breaks where it must.
        None => i,
    }
}

/// Width of atoms set without stretching, trailing spaces excluded.
fn natural(atoms: &[Atom]) -> f32 {
    let end = atoms.iter().rposition(|a| !a.space).map_or(0, |p| p + 1);
    let atoms = &atoms[..end];
    atoms.iter().map(|a| a.width).sum::<f32>() + atoms.iter().rev().skip(1).map(|a| a.gap).sum::<f32>()
}

fn set_line(
    atoms: &[Atom],
    span: &Span,
    avail: f32,
    indent: f32,
    paragraph: &Paragraph,
    spacing: LineSpacing,
    fonts: &Fonts,
) -> Line {
    let (ascent, height) = line_box(atoms.iter().map(|a| a.style), paragraph.style, spacing, fonts);
    let drawn = &atoms[..atoms.iter().rposition(|a| !a.space).map_or(0, |p| p + 1)];
    let extra = avail - natural(drawn);
    let stretches = drawn.iter().rev().skip(1).filter(|a| a.stretch).count();
    // A leader takes what the line leaves: the text after it ends at the right edge.
    let leader = drawn.iter().position(|a| a.leader.is_some());
    let (mut x, per_stretch) = match paragraph.align {
        _ if leader.is_some() => (indent, 0.0),
        Align::Justify if span.justify && extra > 0.0 && stretches > 0 => (indent, extra / stretches as f32),
        Align::Center => (indent + extra.max(0.0) / 2.0, 0.0),
        Align::Right => (indent + extra.max(0.0), 0.0),
        _ => (indent, 0.0),
    };
    let mut glyphs = Vec::with_capacity(drawn.len());
    let mut underlines: Vec<(f32, f32, f32)> = Vec::new();
    let mut underlining = false;
    for (k, atom) in drawn.iter().enumerate() {
        let (left, right) = (x, x + atom.width);
        if let (Some(unit), Some((face, gid))) = (atom.leader, atom.glyph) {
            // As many whole ellipses as fit, set against the text after the leader.
            let right = right + extra.max(0.0);
            let size = size_of(atom.style);
            let count = ((right - left) / unit + EPS).floor() as usize;
            for i in (1..=count).rev() {
                let x = right - i as f32 * unit;
                glyphs.push(Glyph { face, gid, ch: atom.ch, size, bold: atom.style.bold, x, y: ascent });
            }
            x = right + atom.gap;
            continue;
        }
        if let Some((face, gid)) = atom.glyph {
            let size = size_of(atom.style);
            glyphs.push(Glyph { face, gid, ch: atom.ch, size, bold: atom.style.bold, x, y: ascent - atom.rise });
        }
        if atom.underline {
            let size = size_of(atom.style);
            match underlines.last_mut() {
                Some(last) if underlining => *last = (last.0, right, last.2.max(size)),
                _ => underlines.push((left, right, size)),
            }
        }
        underlining = atom.underline;
        x = right;
        if k + 1 < drawn.len() {
            x += atom.gap + if atom.stretch { per_stretch } else { 0.0 };
        }
    }
    let rules = underlines
        .into_iter()
        .map(|(x1, x2, size)| {
            let y = ascent + 0.14 * size;
            Rule { x1, y1: y, x2, y2: y, width: (size / 20.0).max(0.5) }
        })
        .collect();
    Line { glyphs, rules, height }
}

/// Ascent (line top to baseline) and height of a line holding text in `styles`: each size
/// gets its leading and its ideographic em box centred in it.
fn line_box(styles: impl Iterator<Item = Style>, fallback: Style, spacing: LineSpacing, fonts: &Fonts) -> (f32, f32) {
    let mut styles = styles.peekable();
    // The paragraph mark's style only counts for a line with nothing else on it.
    let empty = styles.peek().is_none();
    let (mut ascent, mut descent) = (0.0f32, 0.0f32);
    for style in styles.chain(empty.then_some(fallback)) {
        let size = size_of(style);
        let face = fonts.primary(style.font);
        let single = face.line_height().max(MIN_SINGLE) * size;
        let height = match spacing {
            LineSpacing::Single => single,
            LineSpacing::Multiple(m) => single * m,
            LineSpacing::Exact(p) => p,
        };
        let top = (height - size) / 2.0 + face.em_top() * size;
        ascent = ascent.max(top);
        descent = descent.max(height - top);
    }
    match spacing {
        LineSpacing::Exact(p) => (ascent.min(p), p),
        _ => (ascent, ascent + descent),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::markup;
    use std::sync::OnceLock;

    fn fonts() -> &'static Fonts {
        static FONTS: OnceLock<Fonts> = OnceLock::new();
        FONTS.get_or_init(|| Fonts::bundled().unwrap())
    }

    fn paragraph(xml: &str) -> Paragraph {
        let doc = markup::parse("t", &format!("<document><section>{xml}</section></document>")).unwrap();
        match doc.sections.into_iter().next().unwrap().blocks.into_iter().next().unwrap() {
            crate::doc::Block::Paragraph(p) => p,
            other => panic!("{other:?}"),
        }
    }

    fn texts(laid: &Laid) -> Vec<String> {
        laid.lines.iter().map(|l| l.glyphs.iter().map(|g| g.ch).collect()).collect()
    }

    /// Right edge of the last glyph of a line.
    fn right_edge(line: &Line) -> f32 {
        let g = line.glyphs.last().unwrap();
        g.x + fonts().face(g.face).advance(g.gid) * g.size
    }

    #[test]
    fn justified_lines_end_flush_and_the_last_line_stays_left() {
        let p =
            paragraph(&format!(r#"<p align="justify" size="小四">{}</p>"#, "中小企业特色产业集群发展规划，".repeat(8)));
        let laid = lay_out(&p, 300.0, fonts()).unwrap();
        assert!(laid.lines.len() > 2);
        for line in &laid.lines[..laid.lines.len() - 1] {
            assert!((right_edge(line) - 300.0).abs() < 0.05, "{}", right_edge(line));
        }
        assert!(right_edge(laid.lines.last().unwrap()) < 290.0);
    }

    #[test]
    fn a_mark_after_a_full_line_takes_a_character_down() {
        // 25 characters of 12 pt fill 300 pt exactly; a mark after them neither begins the
        // next line nor hangs past the margin: the last character goes down with it (推出)
        // and the line is spread to the margin.
        for mark in ['，', '。', '）', '”', '》'] {
            let text = format!("{}{mark}{}", "集".repeat(25), "群".repeat(30));
            let laid = lay_out(&paragraph(&format!(r#"<p align="justify">{text}</p>"#)), 300.0, fonts()).unwrap();
            for line in texts(&laid) {
                assert!(!"，。、；：？！）》”".contains(line.chars().next().unwrap()), "{line}");
            }
            assert_eq!(texts(&laid)[1].chars().take(2).collect::<String>(), format!("集{mark}"));
            assert!((right_edge(&laid.lines[0]) - 300.0).abs() < 0.05);
        }
    }

    #[test]
    fn marks_keep_their_whole_em_as_in_word() {
        // Word is told not to compress punctuation (characterSpacingControl doNotCompress),
        // so neither does the PDF: 》 ） ， each take a whole em.
        let laid = lay_out(&paragraph("<p>《办法》），再</p>"), 300.0, fonts()).unwrap();
        let xs: Vec<f32> = laid.lines[0].glyphs.iter().map(|g| g.x).collect();
        for pair in xs.windows(2) {
            assert!((pair[1] - pair[0] - 12.0).abs() < 0.01, "{xs:?}");
        }
    }

    #[test]
    fn an_opening_mark_goes_down_with_its_word() {
        let text = format!("{}《管理办法》", "集".repeat(24));
        let laid = lay_out(&paragraph(&format!(r#"<p align="justify">{text}</p>"#)), 300.0, fonts()).unwrap();
        let lines = texts(&laid);
        assert!(!lines[0].ends_with('《'), "{lines:?}");
        assert!(lines[1].starts_with("《"), "{lines:?}");
    }

    #[test]
    fn numbers_with_percent_stay_whole() {
        let text = format!("{}增速12.50%以上", "集".repeat(22));
        let laid = lay_out(&paragraph(&format!("<p>{text}</p>")), 300.0, fonts()).unwrap();
        let lines = texts(&laid);
        assert!(lines.iter().any(|l| l.contains("12.50%")), "{lines:?}");
    }

    #[test]
    fn the_last_line_never_holds_a_lone_character() {
        // "主导产业" in a cell three and a half characters wide: 主导 / 产业, not 主导产 / 业.
        let laid = lay_out(&paragraph("<p>主导产业</p>"), 42.0, fonts()).unwrap();
        assert_eq!(texts(&laid), ["主导", "产业"]);
        let text = format!("{}规划。", "集".repeat(24));
        let laid = lay_out(&paragraph(&format!(r#"<p align="justify">{text}</p>"#)), 300.0, fonts()).unwrap();
        assert_eq!(texts(&laid).last().unwrap(), "规划。");
    }

    #[test]
    fn first_line_indent_is_in_characters() {
        let laid = lay_out(&paragraph(r#"<p indent="2" size="三号">集群</p>"#), 400.0, fonts()).unwrap();
        assert!((laid.lines[0].glyphs[0].x - 32.0).abs() < 0.01);
    }

    #[test]
    fn a_checkbox_is_never_separated_from_its_label() {
        let boxes: String = (0..12).map(|i| format!(r#"<check on="{}">选项{i}</check>"#, i % 2 == 0)).collect();
        let laid = lay_out(&paragraph(&format!("<p>{boxes}</p>")), 200.0, fonts()).unwrap();
        assert!(laid.lines.len() > 2);
        for line in texts(&laid) {
            assert!(!line.ends_with(['☐', '☑']), "{line}");
            assert!(line.starts_with(['☐', '☑']), "{line}");
        }
    }

    #[test]
    fn a_blank_is_underlined_at_least_its_minimum_width() {
        let laid = lay_out(&paragraph(r#"<p size="三号">名称：<blank min="10"></blank></p>"#), 400.0, fonts()).unwrap();
        let rule = laid.lines[0].rules[0];
        assert!((rule.x2 - rule.x1 - 160.0).abs() < 0.01, "{rule:?}");
    }

    #[test]
    fn a_character_no_font_has_is_an_error_naming_it() {
        let err = lay_out(&paragraph("<p>联系人：张\u{E000}</p>"), 400.0, fonts()).unwrap_err();
        let message = err.to_string();
        assert!(message.contains("U+E000") && message.contains("联系人：张"), "{message}");
    }

    #[test]
    fn a_contents_line_hangs_its_title_and_leads_dots_to_its_page_number() {
        let title = "集群内中小企业有效发明专利清单(包括发明专利、国防专利、植物新品种等)";
        let xml = format!(r#"<p hanging="2" size="三号">10.<tab/>{title}<leader/>43</p>"#);
        let laid = lay_out(&paragraph(&xml), 400.0, fonts()).unwrap();
        let lines = texts(&laid);
        assert_eq!(lines.len(), 2, "{lines:?}");
        // The title starts two characters in on both lines, under itself.
        assert!((laid.lines[0].glyphs[3].x - 32.0).abs() < 0.01, "{:?}", laid.lines[0].glyphs[3]);
        assert!((laid.lines[1].glyphs[0].x - 32.0).abs() < 0.01, "{:?}", laid.lines[1].glyphs[0]);
        // Dots run to the page number, which ends at the right edge; a character of the title
        // goes with them.
        let last = &laid.lines[1];
        assert!(lines[1].ends_with("……43") || lines[1].contains("…43"), "{lines:?}");
        assert!(!lines[1].starts_with('…'), "{lines:?}");
        assert!(lines[1].chars().nth(1) != Some('…'), "two characters go with the dots: {lines:?}");
        assert!((right_edge(last) - 400.0).abs() < 0.05, "{}", right_edge(last));
        assert!(lines[1].chars().filter(|&c| c == '…').count() >= 2, "{lines:?}");
    }

    #[test]
    fn a_wrapped_contents_title_never_leaves_one_character_alone_before_its_dots() {
        // Every length of title, so that one of them wraps with a single character to spare.
        for n in 10..50 {
            let title: String = "集群已建设的中小企业公共服务平台清单及认定文件".chars().cycle().take(n).collect();
            let xml = format!(r#"<p hanging="2" size="三号">19.<tab/>{title}<leader/>73</p>"#);
            let lines = texts(&lay_out(&paragraph(&xml), 400.0, fonts()).unwrap());
            let last = lines.last().unwrap();
            if lines.len() > 1 {
                assert!(last.chars().nth(1) != Some('…'), "{n}: {lines:?}");
            }
        }
    }

    #[test]
    fn exact_spacing_sets_the_line_pitch() {
        let laid = lay_out(&paragraph(r#"<p line="28.95pt" size="三号">正文</p>"#), 400.0, fonts()).unwrap();
        assert!((laid.lines[0].height - 28.95).abs() < 1e-4);
    }
}

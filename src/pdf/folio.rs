//! The one drawer of what goes on top of a page, for a form's own PDF and for the volumes alike:
//! the GB/T 9704 page number ("— 7 —", 4号, half-width digits, its line 7 mm below the type area,
//! one character in from the type area's outer edge) and, in a draft, a diagonal 草稿.
//!
//! Both use `folio/folio.ttf`, a 2.6 KB subset of the repository's Noto Serif SC (SIL OFL 1.1)
//! holding only the digits, space, em dash and 草稿 (see `folio/make-font.sh`), so a number looks
//! the same on every page of every file, whatever fonts the machine has. The number is real text
//! in that font, embedded as a simple TrueType font (WinAnsi codes, so copying and searching the
//! number work), marked as a pagination artifact; the draft mark is drawn from the same glyph
//! outlines as filled paths, so it never gets into copied text.

use std::io::{self, Write};

use lopdf::{Dictionary, Object, ObjectId, Stream, dictionary};
use ttf_parser::{Face, OutlineBuilder};

use super::fonts::em_top;
use super::writer::{PdfWriter, number};
use crate::doc::page::{FOLIO_SIZE, Page, Side};

const FONT: &[u8] = include_bytes!("folio/folio.ttf");
/// The font's PostScript name with the tag PDF asks subsets to carry.
const FONT_NAME: &str = "DSFOLI+DossierFolio-Regular";
/// The em dash in WinAnsiEncoding.
const DASH: u8 = 0x97;
/// Resource names the stamp adds to a page's resources (subset tags are six capitals, so the
/// fonts of a typeset page never take these).
const FONT_RESOURCE: &str = "Folio";
const DRAFT_RESOURCE: &str = "Draft";
/// The draft mark: 草稿 this large, turned 45°, red at 22 % opacity so what is under it stays legible.
const DRAFT_SIZE: f64 = 200.0;

/// The folio font and, in a draft, the draft mark, written once into a file and drawn on its pages.
pub(crate) struct Stamp {
    /// The folio font, when the file numbers any page.
    font: Option<ObjectId>,
    /// Advance widths (1000 units per em) of WinAnsi codes 0–255.
    widths: Vec<f64>,
    /// Height of the em box's middle above the baseline, in em: where the 一字线 sits.
    middle: f64,
    draft: Option<ObjectId>,
}

fn face() -> io::Result<Face<'static>> {
    Face::parse(FONT, 0).map_err(|e| io::Error::other(format!("folio.ttf: {e}")))
}

impl Stamp {
    /// Writes the folio font (if `numbers`) and the draft mark (if `draft`) into `w`.
    pub fn write<W: Write>(w: &mut PdfWriter<W>, numbers: bool, draft: bool) -> io::Result<Stamp> {
        let face = face()?;
        let scale = 1000.0 / f64::from(face.units_per_em());
        let mut widths = vec![0.0; 256];
        for (code, ch) in [(DASH, '\u{2014}'), (b' ', ' ')].into_iter().chain((b'0'..=b'9').map(|c| (c, c as char))) {
            let advance = face.glyph_index(ch).and_then(|g| face.glyph_hor_advance(g)).unwrap_or(0);
            widths[code as usize] = f64::from(advance) * scale;
        }
        let font = if numbers { Some(write_font(w, &face, &widths)?) } else { None };
        let draft = if draft { Some(write_draft_mark(w, &face)?) } else { None };
        Ok(Stamp { font, widths, middle: f64::from(em_top(&face)) - 0.5, draft })
    }

    /// The content stream a page draws last, over everything: its number (if it has one) and, in
    /// a draft, the draft mark. What it names is added to `resources`, the page's own.
    pub fn overlay(&self, page: &Page, number: Option<u32>, resources: &mut Dictionary) -> Vec<u8> {
        let mut ops = Vec::new();
        if let (Some(n), Some(font)) = (number, self.font) {
            ops.extend(self.number(page, n));
            add(resources, "Font", FONT_RESOURCE, font);
        }
        if let Some(draft) = self.draft {
            let centre = format!("1 0 0 1 {} {} cm", number_of(page.width / 2.0), number_of(page.height / 2.0));
            ops.extend(
                format!(
                    "/Artifact <</Type /Pagination /Subtype /Watermark>> BDC q {centre} /{DRAFT_RESOURCE} Do Q EMC\n"
                )
                .bytes(),
            );
            add(resources, "XObject", DRAFT_RESOURCE, draft);
        }
        ops
    }

    /// Page number `n` as a pagination artifact: right-aligned one character inside the type
    /// area's right edge on odd pages, left-aligned one character inside its left edge on even
    /// pages, the middle of its line (the em dashes) 7 mm below the type area. Isolated by q/Q and
    /// a fresh text state, so nothing the page did before can move, scale or hide it.
    fn number(&self, page: &Page, n: u32) -> Vec<u8> {
        let mut text = vec![DASH, b' '];
        text.extend(n.to_string().bytes());
        text.extend([b' ', DASH]);
        let size = f64::from(FOLIO_SIZE);
        let width: f64 = text.iter().map(|&c| self.widths[c as usize]).sum::<f64>() * size / 1000.0;
        let (left, body) = (f64::from(page.left), f64::from(page.body_width));
        let x = match page.side {
            Side::Odd => left + body - size - width,
            Side::Even => left + size,
        };
        let y = f64::from(page.height) - f64::from(page.folio_middle()) - self.middle * size;
        let escaped: String =
            text.iter()
                .map(|&c| {
                    if c.is_ascii_alphanumeric() || c == b' ' { (c as char).to_string() } else { format!("\\{c:03o}") }
                })
                .collect();
        format!(
            "/Artifact <</Type /Pagination /Subtype /Footer>> BDC q 0 g 0 Tc 0 Tw 100 Tz 0 Ts 0 Tr BT /{FONT_RESOURCE} {} Tf 1 0 0 1 {} {} Tm ({escaped}) Tj ET Q EMC\n",
            number(size),
            number(x),
            number(y)
        )
        .into_bytes()
    }
}

fn number_of(v: f32) -> String {
    number(f64::from(v))
}

/// The folio font as a simple TrueType font, embedded whole (it is 2.6 KB).
fn write_font<W: Write>(w: &mut PdfWriter<W>, face: &Face, widths: &[f64]) -> io::Result<ObjectId> {
    let scale = 1000.0 / f64::from(face.units_per_em());
    let bbox = face.global_bounding_box();
    let (file, descriptor, font) = (w.alloc(), w.alloc(), w.alloc());
    let compressed = super::deflate(FONT);
    w.write_stream(file, dictionary! {"Length1" => FONT.len() as i64, "Filter" => "FlateDecode"}, &compressed)?;
    let scaled = |v: i16| (f64::from(v) * scale).round() as i64;
    w.write(
        descriptor,
        Object::Dictionary(dictionary! {
            "Type" => "FontDescriptor",
            "FontName" => Object::Name(FONT_NAME.into()),
            // Nonsymbolic: codes map through WinAnsiEncoding to the font's Unicode cmap.
            "Flags" => 32,
            "FontBBox" => vec![scaled(bbox.x_min).into(), scaled(bbox.y_min).into(), scaled(bbox.x_max).into(), scaled(bbox.y_max).into()],
            "ItalicAngle" => 0,
            "Ascent" => scaled(face.ascender()),
            "Descent" => scaled(face.descender()),
            "CapHeight" => scaled(face.capital_height().unwrap_or(700)),
            "StemV" => 80,
            "FontFile2" => file,
        }),
    )?;
    let (first, last) = (32usize, DASH as usize);
    w.write(
        font,
        Object::Dictionary(dictionary! {
            "Type" => "Font",
            "Subtype" => "TrueType",
            "BaseFont" => Object::Name(FONT_NAME.into()),
            "FirstChar" => first as i64,
            "LastChar" => last as i64,
            "Widths" => widths[first..=last].iter().map(|&v| Object::Integer(v.round() as i64)).collect::<Vec<_>>(),
            "Encoding" => "WinAnsiEncoding",
            "FontDescriptor" => descriptor,
        }),
    )?;
    Ok(font)
}

/// Adds `name` → `id` to the `kind` dictionary of `resources` (made if missing).
fn add(resources: &mut Dictionary, kind: &str, name: &str, id: ObjectId) {
    match resources.get_mut(kind.as_bytes()) {
        Ok(Object::Dictionary(names)) => names.set(name, id),
        _ => resources.set(kind, dictionary! {name => id}),
    }
}

/// The Form XObject of the draft mark, centred on its origin (a page places it at its centre):
/// 草稿 at 45°, red at 22 % opacity.
fn write_draft_mark<W: Write>(w: &mut PdfWriter<W>, face: &Face) -> io::Result<ObjectId> {
    let upm = f64::from(face.units_per_em());
    let scale = DRAFT_SIZE / upm;
    let mut path = Path::default();
    let mut pen_x = 0.0;
    for ch in ['草', '稿'] {
        let glyph = face.glyph_index(ch).ok_or_else(|| io::Error::other("folio.ttf lacks 草稿"))?;
        path.dx = pen_x;
        face.outline_glyph(glyph, &mut path);
        pen_x += f64::from(face.glyph_hor_advance(glyph).unwrap_or(1000));
    }
    // The em boxes' middle on the origin (ideographs sit around 0.38 em), then turned 45°.
    let (c, s) = (std::f64::consts::FRAC_1_SQRT_2, std::f64::consts::FRAC_1_SQRT_2);
    let (dx, dy) = (-pen_x / 2.0, -f64::from(em_top(face) - 0.5) * upm);
    let m = [scale * c, scale * s, -scale * s, scale * c, scale * (dx * c - dy * s), scale * (dx * s + dy * c)];
    let mut content = format!("q /G0 gs 0.85 0.1 0.1 rg {} cm\n", m.map(number).join(" ")).into_bytes();
    content.extend(path.ops);
    content.extend(b"f\nQ\n");
    // The turned em boxes lie within this square.
    let reach = (pen_x / 2.0 + upm / 2.0) * scale * c;
    let id = w.alloc();
    let dict = dictionary! {
        "Type" => "XObject",
        "Subtype" => "Form",
        "BBox" => [-reach, -reach, reach, reach].map(|v| Object::Real(v as f32)).to_vec(),
        "Resources" => dictionary! {"ExtGState" => dictionary! {"G0" => dictionary! {"Type" => "ExtGState", "ca" => 0.22, "CA" => 0.22}}},
    };
    w.write(id, Object::Stream(Stream::new(dict, content)))?;
    Ok(id)
}

/// Glyph outlines as PDF path operators (quadratic TrueType curves raised to cubic ones).
#[derive(Default)]
struct Path {
    ops: Vec<u8>,
    dx: f64,
    current: (f64, f64),
}

impl Path {
    fn point(&self, x: f32, y: f32) -> (f64, f64) {
        (f64::from(x) + self.dx, f64::from(y))
    }
}

impl OutlineBuilder for Path {
    fn move_to(&mut self, x: f32, y: f32) {
        let p = self.point(x, y);
        self.ops.extend(format!("{} {} m\n", number(p.0), number(p.1)).bytes());
        self.current = p;
    }

    fn line_to(&mut self, x: f32, y: f32) {
        let p = self.point(x, y);
        self.ops.extend(format!("{} {} l\n", number(p.0), number(p.1)).bytes());
        self.current = p;
    }

    fn quad_to(&mut self, x1: f32, y1: f32, x: f32, y: f32) {
        let (q, p, c) = (self.point(x1, y1), self.point(x, y), self.current);
        let c1 = (c.0 + 2.0 / 3.0 * (q.0 - c.0), c.1 + 2.0 / 3.0 * (q.1 - c.1));
        let c2 = (p.0 + 2.0 / 3.0 * (q.0 - p.0), p.1 + 2.0 / 3.0 * (q.1 - p.1));
        let v = [c1.0, c1.1, c2.0, c2.1, p.0, p.1].map(number);
        self.ops.extend(format!("{} c\n", v.join(" ")).bytes());
        self.current = p;
    }

    fn curve_to(&mut self, x1: f32, y1: f32, x2: f32, y2: f32, x: f32, y: f32) {
        let (a, b, p) = (self.point(x1, y1), self.point(x2, y2), self.point(x, y));
        let v = [a.0, a.1, b.0, b.1, p.0, p.1].map(number);
        self.ops.extend(format!("{} c\n", v.join(" ")).bytes());
        self.current = p;
    }

    fn close(&mut self) {
        self.ops.extend(b"h\n");
    }
}

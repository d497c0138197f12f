//! What the volume prints on top of every page: the GB/T 9704 page number ("— 7 —", 4号 = 14 pt,
//! half-width digits, in the bottom margin: right on odd pages, left on even pages) and, in a
//! draft, a diagonal 草稿 watermark.
//!
//! Both use `font/folio.ttf`, a 2.6 KB subset of the repository's Noto Serif SC (SIL OFL 1.1)
//! holding only the digits, space, em dash and 草稿 (see `font/make-font.sh`). The number is real
//! text in that font embedded as a simple TrueType font (WinAnsi codes, so copying and searching
//! the number work); the watermark is drawn from the same glyph outlines as filled paths.

use std::io::{self, Write};

use lopdf::{Object, ObjectId, Stream, dictionary};
use ttf_parser::{Face, OutlineBuilder};

use super::geometry::{A4, MM, Matrix, number};
use super::writer::PdfWriter;

const FONT: &[u8] = include_bytes!("font/folio.ttf");
/// The font's PostScript name with the tag PDF asks subsets to carry.
const FONT_NAME: &str = "DSFOLI+DossierFolio-Regular";
/// 4号
pub const SIZE: f64 = 14.0;
/// The em dash in WinAnsiEncoding.
const DASH: u8 = 0x97;
/// Resource names the stamp uses on a page (the page's own resources live in its Form XObject,
/// so these cannot collide).
pub const FONT_RESOURCE: &str = "Folio";
pub const WATERMARK_RESOURCE: &str = "Draft";

/// The number font, written once and shared by every page.
pub struct Folio {
    pub font: ObjectId,
    /// Advance widths (1000 units per em) of WinAnsi codes 0–255.
    widths: Vec<f64>,
}

fn face() -> io::Result<Face<'static>> {
    Face::parse(FONT, 0).map_err(|e| io::Error::other(format!("folio.ttf: {e}")))
}

impl Folio {
    pub fn write<W: Write>(w: &mut PdfWriter<W>) -> io::Result<Folio> {
        let face = face()?;
        let scale = 1000.0 / f64::from(face.units_per_em());
        let mut widths = vec![0.0; 256];
        for (code, ch) in [(DASH, '\u{2014}'), (b' ', ' ')].into_iter().chain((b'0'..=b'9').map(|c| (c, c as char))) {
            let advance = face.glyph_index(ch).and_then(|g| face.glyph_hor_advance(g)).unwrap_or(0);
            widths[code as usize] = f64::from(advance) * scale;
        }
        let bbox = face.global_bounding_box();
        let (file, descriptor, font) = (w.alloc(), w.alloc(), w.alloc());
        let compressed = crate::pdf::deflate(FONT);
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
        Ok(Folio { font, widths })
    }

    /// The content stream that prints page number `n`: right-aligned one character inside the
    /// type area's right edge on odd (right-hand) pages, left-aligned one character inside its
    /// left edge on even pages. Isolated by q/Q and a fresh text state, so nothing the page did
    /// before can move, scale or hide it.
    pub fn number(&self, n: u32, left: bool) -> Vec<u8> {
        let mut text = vec![DASH, b' '];
        text.extend(n.to_string().bytes());
        text.extend([b' ', DASH]);
        let width: f64 = text.iter().map(|&c| self.widths[c as usize]).sum::<f64>() * SIZE / 1000.0;
        // The type area is 156 mm wide and 225 mm high under a 37 mm top margin (GB/T 9704); the
        // number sits 7 mm below it, so its top is 28 mm above the bottom edge: baseline 24 mm.
        let margin = (A4.0 - 156.0 * MM) / 2.0;
        let x = if left { margin + SIZE } else { A4.0 - margin - SIZE - width };
        let y = 24.0 * MM;
        let escaped: String =
            text.iter()
                .map(|&c| {
                    if c.is_ascii_alphanumeric() || c == b' ' { (c as char).to_string() } else { format!("\\{c:03o}") }
                })
                .collect();
        format!(
            "q 0 g 0 Tc 0 Tw 100 Tz 0 Tr BT /{FONT_RESOURCE} {} Tf 1 0 0 1 {} {} Tm ({escaped}) Tj ET Q\n",
            number(SIZE),
            number(x),
            number(y)
        )
        .into_bytes()
    }
}

/// The Form XObject of the draft watermark: 草稿 across the page at 45°, red at 22 % opacity so
/// the evidence under it stays legible.
pub fn write_watermark<W: Write>(w: &mut PdfWriter<W>) -> io::Result<ObjectId> {
    let face = face()?;
    let size = 200.0;
    let scale = size / f64::from(face.units_per_em());
    let mut path = Path::default();
    let mut pen_x = 0.0;
    for ch in ['草', '稿'] {
        let glyph = face.glyph_index(ch).ok_or_else(|| io::Error::other("folio.ttf lacks 草稿"))?;
        path.dx = pen_x;
        face.outline_glyph(glyph, &mut path);
        pen_x += f64::from(face.glyph_hor_advance(glyph).unwrap_or(1000));
    }
    // Centre the text (ideographs sit around 0.38 em) on the page centre, then turn it 45°.
    let (c, s) = (std::f64::consts::FRAC_1_SQRT_2, std::f64::consts::FRAC_1_SQRT_2);
    let m = Matrix::translate(-pen_x / 2.0, -0.38 * f64::from(face.units_per_em()))
        .then(Matrix::scale(scale, scale))
        .then(Matrix([c, s, -s, c, 0.0, 0.0]))
        .then(Matrix::translate(A4.0 / 2.0, A4.1 / 2.0));
    let mut content = format!("q /G0 gs 0.85 0.1 0.1 rg {}\n", m.cm()).into_bytes();
    content.extend(path.ops);
    content.extend(b"f\nQ\n");
    let id = w.alloc();
    let dict = dictionary! {
        "Type" => "XObject",
        "Subtype" => "Form",
        "BBox" => vec![0.into(), 0.into(), Object::Real(A4.0 as f32), Object::Real(A4.1 as f32)],
        "Resources" => dictionary! {"ExtGState" => dictionary! {"G0" => dictionary! {"Type" => "ExtGState", "ca" => 0.22, "CA" => 0.22}}},
    };
    let stream = Stream::new(dict, content);
    w.write(id, Object::Stream(stream))?;
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

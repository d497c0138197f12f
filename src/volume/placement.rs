//! Where a page's content lands on the A4 sheet: affine matrices, boxes and the fitting rule.
//!
//! Landscape content is turned a quarter counter-clockwise, so its top lies at the left edge of
//! the sheet (the binding edge of a right-hand page) and the reader turns the volume clockwise, as
//! book typography places broadside tables. The rotation is done in the content (a `cm`), not with
//! /Rotate: every sheet stays a plain A4 portrait page, so no printer driver "auto-rotates" it a
//! different way, and the page number stays at the foot of the sheet.

use super::Turn;
use crate::doc::Orientation;
use crate::doc::page::{self, Side};
use crate::pdf::writer::number;

/// A4 in points (210 × 297 mm).
pub const A4: (f64, f64) = (page::A4.0 as f64, page::A4.1 as f64);

pub const MM: f64 = page::MM as f64;

/// Where evidence goes on a numbered page: 10 mm from the top and 4 mm above the middle of the
/// GB/T 9704 page number's line (32 mm from the bottom), which keeps the number's digits 2 mm clear
/// of the scan; as wide as an A4 page scaled to that height, 14 mm plus the rest of the width
/// from the binding edge and 6 mm plus the rest from the outer edge (a bound volume hides the first
/// millimetres at the spine; printers cannot print the last few at the edge). An A4 scan fills
/// the box, and nothing else, a wide photo or a landscape page turned, comes closer to the
/// binding than it: every evidence page keeps the same inner margin.
/// Printed duplex, the binding edge of an even (left-hand) page is its right edge.
pub fn content_box(binding_left: bool) -> Rect {
    let folio = page::Page::new(Orientation::Portrait, Side::Odd).folio_middle();
    let (top, bottom) = (A4.1 - 10.0 * MM, f64::from(page::A4.1 - folio) + 4.0 * MM);
    let width = (top - bottom) * A4.0 / A4.1;
    let rest = (A4.0 - 20.0 * MM - width) / 2.0;
    let (binding, outer) = (14.0 * MM + rest, 6.0 * MM + rest);
    let (left, right) = if binding_left { (binding, outer) } else { (outer, binding) };
    Rect { x0: left, y0: bottom, x1: A4.0 - right, y1: top }
}

pub fn full_page() -> Rect {
    Rect { x0: 0.0, y0: 0.0, x1: A4.0, y1: A4.1 }
}

/// An affine transform `[a b c d e f]` as PDF writes it: `x' = a x + c y + e`, `y' = b x + d y + f`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Matrix(pub [f64; 6]);

impl Matrix {
    pub const IDENTITY: Matrix = Matrix([1.0, 0.0, 0.0, 1.0, 0.0, 0.0]);

    pub fn translate(x: f64, y: f64) -> Matrix {
        Matrix([1.0, 0.0, 0.0, 1.0, x, y])
    }

    pub fn scale(sx: f64, sy: f64) -> Matrix {
        Matrix([sx, 0.0, 0.0, sy, 0.0, 0.0])
    }

    /// `self` first, then `next`.
    pub fn then(self, next: Matrix) -> Matrix {
        let [a, b, c, d, e, f] = self.0;
        let [na, nb, nc, nd, ne, nf] = next.0;
        Matrix([
            a * na + b * nc,
            a * nb + b * nd,
            c * na + d * nc,
            c * nb + d * nd,
            e * na + f * nc + ne,
            e * nb + f * nd + nf,
        ])
    }

    pub fn apply(&self, x: f64, y: f64) -> (f64, f64) {
        let [a, b, c, d, e, f] = self.0;
        (a * x + c * y + e, b * x + d * y + f)
    }

    pub fn is_finite(&self) -> bool {
        self.0.iter().all(|v| v.is_finite())
    }

    /// `a b c d e f cm`
    pub fn cm(&self) -> String {
        let parts: Vec<String> = self.0.iter().map(|&v| number(v)).collect();
        format!("{} cm", parts.join(" "))
    }
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rect {
    pub x0: f64,
    pub y0: f64,
    pub x1: f64,
    pub y1: f64,
}

impl Rect {
    /// From any two corners; `None` for a degenerate or non-finite box.
    pub fn new(a: f64, b: f64, c: f64, d: f64) -> Option<Rect> {
        let r = Rect { x0: a.min(c), y0: b.min(d), x1: a.max(c), y1: b.max(d) };
        (r.width() >= 1.0 && r.height() >= 1.0 && [a, b, c, d].iter().all(|v| v.is_finite())).then_some(r)
    }

    pub fn width(&self) -> f64 {
        self.x1 - self.x0
    }

    pub fn height(&self) -> f64 {
        self.y1 - self.y0
    }

    pub fn intersect(&self, other: &Rect) -> Option<Rect> {
        Rect::new(self.x0.max(other.x0), self.y0.max(other.y0), self.x1.min(other.x1), self.y1.min(other.y1))
    }

    /// The bounding box of this box after `m`.
    pub fn transform(&self, m: &Matrix) -> Rect {
        let corners = [
            m.apply(self.x0, self.y0),
            m.apply(self.x1, self.y0),
            m.apply(self.x0, self.y1),
            m.apply(self.x1, self.y1),
        ];
        let xs = corners.map(|c| c.0);
        let ys = corners.map(|c| c.1);
        Rect {
            x0: xs.iter().copied().fold(f64::INFINITY, f64::min),
            y0: ys.iter().copied().fold(f64::INFINITY, f64::min),
            x1: xs.iter().copied().fold(f64::NEG_INFINITY, f64::max),
            y1: ys.iter().copied().fold(f64::NEG_INFINITY, f64::max),
        }
    }

    pub fn as_array(&self) -> Vec<lopdf::Object> {
        [self.x0, self.y0, self.x1, self.y1].iter().map(|&v| lopdf::Object::Real(v as f32)).collect()
    }
}

/// Turns content that occupies `[0,w]×[0,h]` by `quarters` quarter turns clockwise (as a viewer
/// shows a page with /Rotate 90·quarters); the result occupies `[0,w']×[0,h']`.
pub fn turn(quarters: i64, w: f64, h: f64) -> (Matrix, f64, f64) {
    match quarters.rem_euclid(4) {
        1 => (Matrix([0.0, -1.0, 1.0, 0.0, 0.0, w]), h, w),
        2 => (Matrix([-1.0, 0.0, 0.0, -1.0, w, h]), w, h),
        3 => (Matrix([0.0, 1.0, -1.0, 0.0, h, 0.0]), h, w),
        _ => (Matrix::IDENTITY, w, h),
    }
}

/// Mirrors `[0,w]×[0,h]` left to right.
pub fn mirror(w: f64) -> Matrix {
    Matrix([-1.0, 0.0, 0.0, 1.0, w, 0.0])
}

/// How content that reads upright in `[0,w]×[0,h]` goes into `target`: first turned as `how`
/// says, then landscape content turned to the portrait sheet (unless it stays upright), then
/// scaled (up or down) to fit, centred.
pub fn fit(w: f64, h: f64, target: &Rect, how: Turn) -> Matrix {
    let (asked, w, h) = turn(i64::from(how.quarters), w, h);
    let (turned, w, h) = if w > h && !how.upright { turn(3, w, h) } else { (Matrix::IDENTITY, w, h) };
    let s = (target.width() / w).min(target.height() / h);
    let x = target.x0 + (target.width() - w * s) / 2.0;
    let y = target.y0 + (target.height() - h * s) / 2.0;
    asked.then(turned).then(Matrix::scale(s, s)).then(Matrix::translate(x, y))
}

/// Whether a `w×h` box is A4 portrait (within a point, as exported A4 sizes vary that much).
pub fn is_a4_portrait(w: f64, h: f64) -> bool {
    (w - A4.0).abs() < 1.5 && (h - A4.1).abs() < 1.5
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: (f64, f64), b: (f64, f64)) -> bool {
        (a.0 - b.0).abs() < 1e-6 && (a.1 - b.1).abs() < 1e-6
    }

    #[test]
    fn quarter_turns_move_the_top_left_corner_clockwise() {
        let (m, w, h) = turn(1, 100.0, 50.0);
        assert_eq!((w, h), (50.0, 100.0));
        assert!(close(m.apply(0.0, 50.0), (50.0, 100.0))); // top-left → top-right
        let (m, ..) = turn(3, 100.0, 50.0);
        assert!(close(m.apply(0.0, 50.0), (0.0, 0.0))); // top-left → bottom-left
        let (m, ..) = turn(2, 100.0, 50.0);
        assert!(close(m.apply(0.0, 50.0), (100.0, 0.0)));
    }

    #[test]
    fn every_evidence_page_keeps_the_inner_margin_of_an_a4_scan() {
        let target = content_box(true);
        let inner =
            |w: f64, h: f64| Rect { x0: 0.0, y0: 0.0, x1: w, y1: h }.transform(&fit(w, h, &target, Turn::default())).x0;
        let a4 = inner(A4.0, A4.1);
        assert!(a4 > 18.0 * MM && a4 < 19.5 * MM, "{}", a4 / MM);
        // A 16:9 photo and an A4 landscape page, both turned, and a wide portrait page.
        for (w, h) in [(1920.0, 1080.0), (A4.1, A4.0), (A4.0, A4.0)] {
            assert!(inner(w, h) >= a4 - 1e-6, "{w}×{h}: {}", inner(w, h) / MM);
        }
        let even = content_box(false);
        assert!((A4.0 - even.x1 - a4).abs() < 1e-6);
    }

    #[test]
    fn a_file_may_be_turned_first_or_stay_upright() {
        let target = content_box(true);
        // A portrait page scanned sideways (its top at the right): a quarter turn back.
        let m = fit(842.0, 595.0, &target, Turn { quarters: 3, upright: false });
        let top_middle = m.apply(842.0, 297.5);
        let placed = Rect { x0: 0.0, y0: 0.0, x1: 842.0, y1: 595.0 }.transform(&m);
        assert!((top_middle.1 - placed.y1).abs() < 1e-6, "{top_middle:?} {placed:?}");
        // A photo kept upright: as wide as the box, its top up.
        let m = fit(1600.0, 900.0, &target, Turn { quarters: 0, upright: true });
        let placed = Rect { x0: 0.0, y0: 0.0, x1: 1600.0, y1: 900.0 }.transform(&m);
        assert!((placed.width() - target.width()).abs() < 1e-6 && placed.height() < placed.width());
        assert!((m.apply(800.0, 900.0).1 - placed.y1).abs() < 1e-6);
    }

    #[test]
    fn landscape_is_turned_so_its_top_is_at_the_left_edge() {
        let target = content_box(true);
        let m = fit(842.0, 595.0, &target, Turn::default());
        let placed = Rect { x0: 0.0, y0: 0.0, x1: 842.0, y1: 595.0 }.transform(&m);
        let top_middle = m.apply(421.0, 595.0);
        assert!((top_middle.0 - placed.x0).abs() < 1e-6, "{top_middle:?}");
        assert!(placed.x0 >= target.x0 - 1e-6 && placed.x1 <= target.x1 + 1e-6);
        assert!(placed.y0 >= target.y0 - 1e-6 && placed.y1 <= target.y1 + 1e-6);
    }
}

//! The GB/T 9704-2012 page, the one geometry the PDF and DOCX back ends and the volumes share:
//! A4, type area 156 × 225 mm, 天头 37 mm, 订口 28 mm, with margins mirrored for duplex printing
//! (binding on the left of odd pages, on the right of even ones); landscape pages keep the same
//! margins turned with the sheet, so the binding edge becomes the top. The folio ("— 7 —") is
//! 4号 (14 pt), its line 7 mm below the type area, one character in from the type area's outer
//! edge: right on odd pages, left on even ones.
//!
//! Lengths are points (1/72 inch), what PDF draws in; DOCX turns them into twips.

use super::Orientation;

/// Points per millimetre.
pub const MM: f32 = 72.0 / 25.4;

/// The sheet, the type area and two margins, in millimetres.
const SHEET: (f32, f32) = (210.0, 297.0);
const BODY: (f32, f32) = (156.0, 225.0);
const HEAD: f32 = 37.0;
const BINDING: f32 = 28.0;

/// A4 portrait, in points.
pub const A4: (f32, f32) = (SHEET.0 * MM, SHEET.1 * MM);

/// The folio's size: 4号.
pub const FOLIO_SIZE: f32 = 14.0;
/// How far the middle of the folio's line (its 一字线) sits below the type area.
pub const FOLIO_DROP: f32 = 7.0 * MM;

/// Which side of the sheet a page is when printed on both sides.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    /// A right-hand page (odd): bound on its left, numbered on its right.
    Odd,
    /// A left-hand page (even): bound on its right, numbered on its left.
    Even,
}

impl Side {
    /// The side of the `physical`-th page (1 is the front of the first sheet).
    pub fn of(physical: usize) -> Side {
        if physical % 2 == 1 { Side::Odd } else { Side::Even }
    }
}

/// A page and its type area, in points; `left`/`top` place the type area on the sheet.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Page {
    pub orientation: Orientation,
    pub side: Side,
    pub width: f32,
    pub height: f32,
    pub left: f32,
    pub top: f32,
    pub body_width: f32,
    pub body_height: f32,
}

impl Page {
    pub fn new(orientation: Orientation, side: Side) -> Page {
        let outer = SHEET.0 - BINDING - BODY.0;
        let binding = if side == Side::Odd { BINDING } else { outer };
        let (width, height, left, top, body) = match orientation {
            Orientation::Portrait => (SHEET.0, SHEET.1, binding, HEAD, BODY),
            // Turned with the sheet: the foot margin (35 mm) is now on the left, the head on the right.
            Orientation::Landscape => (SHEET.1, SHEET.0, SHEET.1 - HEAD - BODY.1, binding, (BODY.1, BODY.0)),
        };
        Page {
            orientation,
            side,
            width: width * MM,
            height: height * MM,
            left: left * MM,
            top: top * MM,
            body_width: body.0 * MM,
            body_height: body.1 * MM,
        }
    }

    pub fn right(&self) -> f32 {
        self.width - self.left - self.body_width
    }

    pub fn bottom(&self) -> f32 {
        self.height - self.top - self.body_height
    }

    /// The middle of the folio's line, down from the top edge of the sheet.
    pub fn folio_middle(&self) -> f32 {
        self.top + self.body_height + FOLIO_DROP
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn portrait_margins_mirror_on_even_pages() {
        let odd = Page::new(Orientation::Portrait, Side::Odd);
        let even = Page::new(Orientation::Portrait, Side::Even);
        assert!((odd.left - 28.0 * MM).abs() < 0.01);
        assert!((even.left - 26.0 * MM).abs() < 0.01);
        assert!((odd.top - 37.0 * MM).abs() < 0.01);
        assert!((odd.right() - 26.0 * MM).abs() < 0.01);
        assert!((odd.bottom() - 35.0 * MM).abs() < 0.01);
        assert_eq!((odd.width, odd.height), A4);
        assert!((odd.folio_middle() - 269.0 * MM).abs() < 0.01);
    }

    #[test]
    fn landscape_turns_the_type_area() {
        let g = Page::new(Orientation::Landscape, Side::Odd);
        assert!(g.width > g.height);
        assert!((g.body_width - 225.0 * MM).abs() < 0.01);
        assert!((g.top - 28.0 * MM).abs() < 0.01);
        assert!((g.left - 35.0 * MM).abs() < 0.01);
        assert_eq!(Side::of(1), Side::Odd);
        assert_eq!(Side::of(2), Side::Even);
    }
}

//! The GB/T 9704-2012 page: A4, type area 156 × 225 mm, 天头 37 mm, 订口 28 mm, with margins
//! mirrored for duplex printing (binding on the left of odd pages, on the right of even
//! ones). Landscape pages keep the same margins turned with the sheet: the binding edge
//! becomes the top.

use crate::doc::Orientation;

/// Points per millimetre.
pub(crate) const MM: f32 = 72.0 / 25.4;

const SHEET: (f32, f32) = (210.0, 297.0);
const BODY: (f32, f32) = (156.0, 225.0);
const HEAD: f32 = 37.0;
const BINDING: f32 = 28.0;

/// A page and its type area, in points; `left`/`top` place the type area on the sheet.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Geometry {
    pub width: f32,
    pub height: f32,
    pub left: f32,
    pub top: f32,
    pub body_width: f32,
    pub body_height: f32,
}

/// The geometry of the `physical`-th page of the document (1 is the front of the first
/// sheet), whose parity decides which side is bound.
pub(crate) fn page(orientation: Orientation, physical: usize) -> Geometry {
    let odd = physical % 2 == 1;
    let outer = SHEET.0 - BINDING - BODY.0;
    let binding = if odd { BINDING } else { outer };
    let (width, height, left, top, body) = match orientation {
        Orientation::Portrait => (SHEET.0, SHEET.1, binding, HEAD, BODY),
        // Turned with the sheet: the foot margin (35 mm) is now on the left, the head on the right.
        Orientation::Landscape => (SHEET.1, SHEET.0, SHEET.1 - HEAD - BODY.1, binding, (BODY.1, BODY.0)),
    };
    Geometry {
        width: width * MM,
        height: height * MM,
        left: left * MM,
        top: top * MM,
        body_width: body.0 * MM,
        body_height: body.1 * MM,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn portrait_margins_mirror_on_even_pages() {
        let odd = page(Orientation::Portrait, 1);
        let even = page(Orientation::Portrait, 2);
        assert!((odd.left - 28.0 * MM).abs() < 0.01);
        assert!((even.left - 26.0 * MM).abs() < 0.01);
        assert!((odd.top - 37.0 * MM).abs() < 0.01);
        assert!((odd.width - odd.left - odd.body_width - 26.0 * MM).abs() < 0.01);
        assert!((odd.height - odd.top - odd.body_height - 35.0 * MM).abs() < 0.01);
    }

    #[test]
    fn landscape_turns_the_type_area() {
        let g = page(Orientation::Landscape, 1);
        assert!(g.width > g.height);
        assert!((g.body_width - 225.0 * MM).abs() < 0.01);
        assert!((g.top - 28.0 * MM).abs() < 0.01);
        assert!((g.left - 35.0 * MM).abs() < 0.01);
    }
}

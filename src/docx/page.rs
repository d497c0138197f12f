//! Page geometry of GB/T 9704-2012 on A4, in twips (1/1440 inch).

use crate::doc::Orientation;

/// A4 in twips, portrait.
const A4_SHORT: u32 = 11906;
const A4_LONG: u32 = 16838;

/// Millimetres to twips, rounded.
const fn mm(mm: u32) -> u32 {
    (mm * 14400 + 127) / 254
}

/// One section's page: size, margins and where header and footer sit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Page {
    pub width: u32,
    pub height: u32,
    pub landscape: bool,
    pub top: u32,
    pub right: u32,
    pub bottom: u32,
    /// The binding side (订口); with mirrored margins it is the inside edge of every page.
    pub left: u32,
    /// Distance of the header from the top edge and of the footer from the bottom edge.
    pub header: u32,
    pub footer: u32,
}

impl Page {
    pub fn new(orientation: Orientation) -> Page {
        match orientation {
            // Top 37 mm, binding 28 mm, type area 156 × 225 mm; the footer line, "— N —" in
            // 四号, then sits about 7 mm below the type area.
            Orientation::Portrait => Page {
                width: A4_SHORT,
                height: A4_LONG,
                landscape: false,
                top: mm(37),
                right: mm(26),
                bottom: mm(35),
                left: mm(28),
                header: mm(18),
                footer: mm(25),
            },
            // The portrait margins turned a quarter clockwise: the top of a landscape page faces
            // the binding, and the type area stays 225 × 156 mm.
            Orientation::Landscape => Page {
                width: A4_LONG,
                height: A4_SHORT,
                landscape: true,
                top: mm(28),
                right: mm(37),
                bottom: mm(26),
                left: mm(35),
                header: mm(14),
                footer: mm(16),
            },
        }
    }

    /// Width of the type area: what a full-width table spans.
    pub fn text_width(&self) -> u32 {
        self.width - self.left - self.right
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_type_area_is_156_by_225_mm_either_way() {
        let portrait = Page::new(Orientation::Portrait);
        assert_eq!((portrait.top, portrait.left, portrait.right, portrait.bottom), (2098, 1587, 1474, 1984));
        assert_eq!(portrait.text_width(), 8845); // 156.0 mm
        assert_eq!(portrait.height - portrait.top - portrait.bottom, 12756); // 225.0 mm
        let landscape = Page::new(Orientation::Landscape);
        assert_eq!(landscape.text_width(), 12756);
        assert_eq!(landscape.height - landscape.top - landscape.bottom, 8845);
    }
}

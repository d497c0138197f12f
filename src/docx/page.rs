//! The GB/T 9704 page ([`crate::doc::page`]) as a DOCX section sets it up, in twips (1/20 pt).

use crate::doc::Orientation;
use crate::doc::page::{self, MM, Side};

/// Points to twips, rounded.
fn twips(points: f32) -> u32 {
    (points * 20.0).round() as u32
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
        // Word mirrors the margins itself: the odd page's are the ones it asks for.
        let g = page::Page::new(orientation, Side::Odd);
        // Where Word puts header and footer: the footer line, "— N —" in 四号, then has its
        // middle about 7 mm below the type area (the landscape distances are turned with the sheet).
        let (header, footer) = match orientation {
            Orientation::Portrait => (18.0, 25.0),
            Orientation::Landscape => (14.0, 16.0),
        };
        Page {
            width: twips(g.width),
            height: twips(g.height),
            landscape: orientation == Orientation::Landscape,
            top: twips(g.top),
            right: twips(g.right()),
            bottom: twips(g.bottom()),
            left: twips(g.left),
            header: twips(header * MM),
            footer: twips(footer * MM),
        }
    }

    /// Width of the type area: what a full-width table spans.
    pub fn text_width(&self) -> u32 {
        self.width - self.left - self.right
    }

    /// Height of the type area.
    pub fn text_height(&self) -> u32 {
        self.height - self.top - self.bottom
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_type_area_is_156_by_225_mm_either_way() {
        let portrait = Page::new(Orientation::Portrait);
        assert_eq!((portrait.width, portrait.height), (11906, 16838));
        assert_eq!((portrait.top, portrait.left, portrait.right, portrait.bottom), (2098, 1587, 1474, 1984));
        assert_eq!((portrait.header, portrait.footer), (1020, 1417));
        assert_eq!(portrait.text_width(), 8845); // 156.0 mm
        assert_eq!(portrait.height - portrait.top - portrait.bottom, 12756); // 225.0 mm
        let landscape = Page::new(Orientation::Landscape);
        assert_eq!((landscape.top, landscape.right, landscape.bottom, landscape.left), (1587, 2098, 1474, 1984));
        assert_eq!((landscape.header, landscape.footer), (794, 907));
        assert_eq!(landscape.text_width(), 12756);
        assert_eq!(landscape.height - landscape.top - landscape.bottom, 8845);
    }
}

//! What the DOCX takes from the PDF's layout, so that Word and LibreOffice break pages where the
//! PDF does: the pitch of every paragraph's lines (the PDF's single spacing comes from its fonts'
//! metrics and a floor; Word's would come from whatever font it finds) and the height of every
//! table row (a row is never shorter in Word than on the PDF's page).

use super::PdfError;
use super::fonts::Fonts;
use super::{paragraph, table};
use crate::doc::{Paragraph, Table};

/// The PDF layout's measures, for the fonts the PDF is set in.
#[derive(Clone, Copy)]
pub struct Metrics<'a> {
    fonts: &'a Fonts,
}

impl<'a> Metrics<'a> {
    pub fn new(fonts: &'a Fonts) -> Metrics<'a> {
        Metrics { fonts }
    }

    /// The pitch of `p`'s lines set `width` points wide: its tallest line, as an exact line
    /// height (the PDF's lines of one paragraph are all this tall unless a larger run is on one).
    pub fn line_pitch(&self, p: &Paragraph, width: f32) -> Result<f32, PdfError> {
        let laid = paragraph::lay_out(p, width, self.fonts)?;
        Ok(laid.lines.iter().map(|l| l.height).fold(0.0, f32::max))
    }

    /// Each row's height in points in a table `width` wide on a type area `height` high.
    pub fn row_heights(&self, t: &Table, width: f32, height: f32) -> Result<Vec<f32>, PdfError> {
        Ok(table::measure(t, width, height, self.fonts)?.row_heights())
    }
}

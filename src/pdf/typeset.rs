//! A document typeset: what the PDF back end hands on. Its pages are content streams with the
//! resources they draw with (subset fonts); what is printed on top of them — the page number and
//! the draft mark — is not in them but kept beside them, for [`super::folio`] to draw: the form's
//! own PDF ([`Typeset::to_pdf`]) prints the document's numbers, a volume that binds the same pages
//! prints its own. The build cache keeps a typeset document as bytes ([`Typeset::encode`]).

use std::io::{self, Write};

use lopdf::{Dictionary, Object, ObjectId};

use super::codec::{Reader, put_bytes, put_dict, put_len, put_object};
use super::writer::PdfWriter;
use crate::doc::page::{self, Side};
use crate::doc::{Date, Meta, Orientation};

#[derive(Debug, Clone, PartialEq)]
pub struct Typeset {
    /// Title, author, date and whether it is a draft (then every page carries the draft mark).
    pub meta: Meta,
    pub pages: Vec<TypesetPage>,
    /// What every page draws with (its fonts), referring into `objects`.
    pub resources: Dictionary,
    /// The objects `resources` reaches: the reference `(n, 0)` means `objects[n - 1]`.
    pub objects: Vec<Object>,
}

/// One page, drawn in its own coordinates (points, origin at the bottom left of a GB/T 9704
/// page of its orientation).
#[derive(Debug, Clone, PartialEq)]
pub struct TypesetPage {
    pub orientation: Orientation,
    /// The content stream, Flate-compressed.
    pub content: Vec<u8>,
    /// The number the document itself gives the page (none on a cover): what the folio prints
    /// on it in the document's own PDF.
    pub number: Option<u32>,
    /// Outline entries that start on the page.
    pub headings: Vec<Heading>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Heading {
    pub level: u8,
    pub title: String,
    /// Height of the heading's top above the bottom edge of the page.
    pub y: f32,
}

impl TypesetPage {
    /// The page's sheet and type area; a document's page `i` (from 0) is the `i + 1`-th page
    /// printed, whose parity decides its side.
    pub fn geometry(&self, index: usize) -> page::Page {
        page::Page::new(self.orientation, Side::of(index + 1))
    }
}

/// Bumped whenever the encoding or what [`super::typeset`] makes of a document changes.
const FORMAT: u8 = 1;

impl Typeset {
    /// Writes `objects` into `w` under new numbers and returns `resources` pointing at them. A
    /// reference to no object becomes `null`.
    pub(crate) fn write_objects<W: Write>(&self, w: &mut PdfWriter<W>) -> io::Result<Dictionary> {
        let ids: Vec<ObjectId> = self.objects.iter().map(|_| w.alloc()).collect();
        let renumber = |object: &mut Object| renumber(object, &ids);
        for (object, &id) in self.objects.iter().zip(&ids) {
            let mut object = object.clone();
            renumber(&mut object);
            w.write(id, object)?;
        }
        let mut resources = Object::Dictionary(self.resources.clone());
        renumber(&mut resources);
        Ok(resources.as_dict().cloned().unwrap_or_default())
    }

    /// The bytes the build cache keeps.
    pub fn encode(&self) -> Vec<u8> {
        let mut out = vec![FORMAT];
        put_bytes(&mut out, self.meta.title.as_bytes());
        put_bytes(&mut out, self.meta.author.as_bytes());
        match self.meta.date {
            None => out.push(0),
            Some(d) => {
                out.push(1);
                out.extend(d.year.to_le_bytes());
                out.extend([d.month, d.day]);
            }
        }
        out.push(u8::from(self.meta.draft));
        put_dict(&mut out, &self.resources);
        put_len(&mut out, self.objects.len());
        for object in &self.objects {
            put_object(&mut out, object);
        }
        put_len(&mut out, self.pages.len());
        for page in &self.pages {
            out.push(u8::from(page.orientation == Orientation::Landscape));
            match page.number {
                None => out.push(0),
                Some(n) => {
                    out.push(1);
                    out.extend(n.to_le_bytes());
                }
            }
            put_bytes(&mut out, &page.content);
            put_len(&mut out, page.headings.len());
            for heading in &page.headings {
                out.push(heading.level);
                put_bytes(&mut out, heading.title.as_bytes());
                out.extend(heading.y.to_bits().to_le_bytes());
            }
        }
        out
    }

    /// What [`Typeset::encode`] wrote, or `None` for anything else (never a panic).
    pub fn decode(bytes: &[u8]) -> Option<Typeset> {
        let mut r = Reader(bytes);
        (r.u8()? == FORMAT).then_some(())?;
        let text = |r: &mut Reader| String::from_utf8(r.bytes()?.to_vec()).ok();
        let title = text(&mut r)?;
        let author = text(&mut r)?;
        let date = match r.u8()? {
            0 => None,
            1 => Some(Date { year: u16::from_le_bytes([r.u8()?, r.u8()?]), month: r.u8()?, day: r.u8()? }),
            _ => return None,
        };
        let draft = r.u8()? == 1;
        let resources = r.dict(0)?;
        let objects = (0..r.len()?).map(|_| r.object(0)).collect::<Option<Vec<_>>>()?;
        let mut pages = Vec::new();
        for _ in 0..r.len()? {
            let orientation = if r.u8()? == 1 { Orientation::Landscape } else { Orientation::Portrait };
            let number = match r.u8()? {
                0 => None,
                1 => Some(r.u32()?),
                _ => return None,
            };
            let content = r.bytes()?.to_vec();
            let mut headings = Vec::new();
            for _ in 0..r.len()? {
                let level = r.u8()?;
                let title = text(&mut r)?;
                headings.push(Heading { level, title, y: f32::from_bits(r.u32()?) });
            }
            pages.push(TypesetPage { orientation, content, number, headings });
        }
        let meta = Meta { title, author, date, draft };
        r.is_done().then_some(Typeset { meta, pages, resources, objects })
    }
}

/// `(n, 0)` → the id written for `objects[n - 1]`, throughout `object`.
fn renumber(object: &mut Object, ids: &[ObjectId]) {
    match object {
        Object::Reference(id) => match (id.0 as usize).checked_sub(1).and_then(|i| ids.get(i)) {
            Some(&target) => *id = target,
            None => *object = Object::Null,
        },
        Object::Array(items) => items.iter_mut().for_each(|item| renumber(item, ids)),
        Object::Dictionary(dict) => dict.iter_mut().for_each(|(_, value)| renumber(value, ids)),
        Object::Stream(stream) => stream.dict.iter_mut().for_each(|(_, value)| renumber(value, ids)),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use lopdf::{Stream, dictionary};

    fn sample() -> Typeset {
        Typeset {
            meta: Meta {
                title: "表".into(),
                author: "局".into(),
                date: Some(Date { year: 2026, month: 5, day: 8 }),
                draft: true,
            },
            pages: vec![
                TypesetPage { orientation: Orientation::Portrait, content: vec![1, 2], number: None, headings: vec![] },
                TypesetPage {
                    orientation: Orientation::Landscape,
                    content: vec![3],
                    number: Some(1),
                    headings: vec![Heading { level: 1, title: "一、甲".into(), y: 700.5 }],
                },
            ],
            resources: dictionary! {"Font" => dictionary! {"ABCDEF" => (1, 0)}},
            objects: vec![
                Object::Dictionary(dictionary! {"Type" => "Font", "FontFile2" => (2, 0), "Lost" => (9, 0)}),
                Object::Stream(Stream::new(dictionary! {}, vec![0; 10])),
            ],
        }
    }

    #[test]
    fn a_typeset_document_reads_back_exactly_and_garbage_reads_as_nothing() {
        let bytes = sample().encode();
        assert_eq!(Typeset::decode(&bytes), Some(sample()));
        for end in 0..bytes.len() {
            assert!(Typeset::decode(&bytes[..end]).is_none(), "cut at {end}");
        }
        let mut other = bytes.clone();
        other[0] = FORMAT + 1;
        assert!(Typeset::decode(&other).is_none(), "another format");
    }

    #[test]
    fn objects_are_renumbered_into_the_file_and_lost_references_become_null() {
        let mut w = PdfWriter::new(Vec::new()).unwrap();
        let first = w.alloc();
        let resources = sample().write_objects(&mut w).unwrap();
        let font = (first.0 + 1, 0);
        assert_eq!(resources, dictionary! {"Font" => dictionary! {"ABCDEF" => font}});
        let info = w.alloc();
        let bytes = w.finish(first, info).unwrap();
        let text = String::from_utf8_lossy(&bytes);
        assert!(text.contains(&format!("/FontFile2 {} 0 R", font.0 + 1)), "{text}");
        assert!(text.contains("/Lost null"), "{text}");
    }
}

//! A typeset document as a PDF file of its own: its pages, each with the folio of the number the
//! document gives it (and, in a draft, the draft mark) drawn by [`super::folio`], the outline
//! of its headings, its metadata and language. Deterministic: the /ID is the hash of the file.

use std::io;

use lopdf::{Dictionary, Object, ObjectId, dictionary, text_string};

use super::folio::Stamp;
use super::typeset::Typeset;
use super::writer::PdfWriter;

impl Typeset {
    /// The document's own PDF.
    pub fn to_pdf(&self) -> Result<Vec<u8>, super::PdfError> {
        write(self).map_err(|e| super::PdfError::Write(e.to_string()))
    }
}

fn write(t: &Typeset) -> io::Result<Vec<u8>> {
    let mut w = PdfWriter::new(Vec::new())?;
    let pages_root = w.alloc();
    let numbered = t.pages.iter().any(|p| p.number.is_some());
    let stamp = Stamp::write(&mut w, numbered, t.meta.draft)?;
    let resources = t.write_objects(&mut w)?;
    let mut kids = Vec::with_capacity(t.pages.len());
    for (i, page) in t.pages.iter().enumerate() {
        let g = page.geometry(i);
        let mut resources = resources.clone();
        let overlay = stamp.overlay(&g, page.number, &mut resources);
        let body = w.alloc();
        w.write_stream(body, dictionary! {"Filter" => "FlateDecode"}, &page.content)?;
        let mut contents = vec![Object::Reference(body)];
        if !overlay.is_empty() {
            let top = w.alloc();
            w.write_stream(top, Dictionary::new(), &overlay)?;
            contents.push(Object::Reference(top));
        }
        let id = w.alloc();
        let media = vec![0.into(), 0.into(), Object::Real(g.width), Object::Real(g.height)];
        w.write(
            id,
            Object::Dictionary(dictionary! {
                "Type" => "Page",
                "Parent" => pages_root,
                "MediaBox" => media,
                "Resources" => resources,
                "Contents" => contents,
            }),
        )?;
        kids.push(id);
    }
    let count = kids.len() as i64;
    let kids: Vec<Object> = kids.iter().map(|&id| id.into()).collect();
    w.write(pages_root, Object::Dictionary(dictionary! {"Type" => "Pages", "Kids" => kids.clone(), "Count" => count}))?;
    let mut catalog = dictionary! {
        "Type" => "Catalog",
        "Pages" => pages_root,
        "Lang" => Object::string_literal("zh-CN"),
        "ViewerPreferences" => dictionary! {"DisplayDocTitle" => true},
    };
    let page_ids: Vec<ObjectId> = kids.iter().filter_map(|k| k.as_reference().ok()).collect();
    if let Some(outline) = outline(&mut w, t, &page_ids)? {
        catalog.set("Outlines", outline);
        catalog.set("PageMode", "UseOutlines");
    }
    let (root, info) = (w.alloc(), w.alloc());
    w.write(root, Object::Dictionary(catalog))?;
    let mut info_dict = dictionary! {
        "Title" => text_string(&t.meta.title),
        "Author" => text_string(&t.meta.author),
        "Creator" => text_string("dossier"),
        "Producer" => text_string(concat!("dossier ", env!("CARGO_PKG_VERSION"), " (printpdf 0.12)")),
    };
    if let Some(d) = t.meta.date {
        // Midnight China time.
        let date = format!("D:{:04}{:02}{:02}000000+08'00'", d.year, d.month, d.day);
        info_dict.set("CreationDate", Object::string_literal(date.clone()));
        info_dict.set("ModDate", Object::string_literal(date));
    }
    w.write(info, Object::Dictionary(info_dict))?;
    w.finish(root, info)
}

/// The headings as a nested outline in document order, every item open.
fn outline<W: io::Write>(w: &mut PdfWriter<W>, t: &Typeset, pages: &[ObjectId]) -> io::Result<Option<ObjectId>> {
    let items: Vec<(u8, &str, ObjectId, f32)> = t
        .pages
        .iter()
        .zip(pages)
        .flat_map(|(page, &id)| page.headings.iter().map(move |h| (h.level, h.title.as_str(), id, h.y)))
        .collect();
    if items.is_empty() {
        return Ok(None);
    }
    let root = w.alloc();
    let ids: Vec<ObjectId> = items.iter().map(|_| w.alloc()).collect();
    // Each item's parent is the nearest earlier item of a higher level (a lower number).
    let mut parents = Vec::with_capacity(items.len());
    let mut stack: Vec<usize> = Vec::new();
    for (i, item) in items.iter().enumerate() {
        while stack.last().is_some_and(|&s| items[s].0 >= item.0) {
            stack.pop();
        }
        parents.push(stack.last().copied());
        stack.push(i);
    }
    let kids_of = |parent: Option<usize>| (0..items.len()).filter(|&i| parents[i] == parent).collect::<Vec<_>>();
    // Everything is open: an item counts all items below it.
    let below = |parent: Option<usize>| match parent {
        None => items.len(),
        Some(p) => (p + 1..items.len()).take_while(|&i| items[i].0 > items[p].0).count(),
    };
    let with_kids = |mut dict: Dictionary, parent: Option<usize>| {
        let kids = kids_of(parent);
        if let (Some(&first), Some(&last)) = (kids.first(), kids.last()) {
            dict.set("First", ids[first]);
            dict.set("Last", ids[last]);
            dict.set("Count", below(parent) as i64);
        }
        dict
    };
    w.write(root, Object::Dictionary(with_kids(dictionary! {"Type" => "Outlines"}, None)))?;
    for (i, &(_, title, page, y)) in items.iter().enumerate() {
        let siblings = kids_of(parents[i]);
        let at = siblings.iter().position(|&s| s == i).unwrap_or(0);
        let mut dict = dictionary! {
            "Title" => text_string(title),
            "Parent" => parents[i].map_or(root, |p| ids[p]),
            "Dest" => vec![page.into(), "XYZ".into(), Object::Null, y.into(), Object::Null],
        };
        if at > 0 {
            dict.set("Prev", ids[siblings[at - 1]]);
        }
        if let Some(&next) = siblings.get(at + 1) {
            dict.set("Next", ids[next]);
        }
        w.write(ids[i], Object::Dictionary(with_kids(dict, Some(i))))?;
    }
    Ok(Some(root))
}

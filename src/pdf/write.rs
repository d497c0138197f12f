//! Laid-out pages to PDF bytes through printpdf's page API: glyph runs with absolute text
//! matrices, rules and cell frames, GB/T 9704 page numbers, the draft watermark, subset
//! fonts with ToUnicode maps, and the document metadata, all deterministic.

use std::collections::{BTreeMap, BTreeSet};

use lopdf044 as lo;
use printpdf::{
    Codepoint, Color, DictItem, FontId, Greyscale, Line as PdfLine, LinePoint, Op, PaintMode, PdfDocument, PdfFont,
    PdfFontHandle, PdfPage, PdfParseErrorSeverity, PdfSaveOptions, Point, Pt, Rect, TextItem, TextMatrix,
    TextRenderingMode,
};

use super::fonts::{FaceId, Fonts};
use super::layout::{Glyph, Page};
use super::{PAGE_NUMBER, PdfError, deflate};
use crate::doc::page::{FOLIO_DROP, FOLIO_SIZE, Page as Geometry, Side};
use crate::doc::{Document, FontRole};

/// Page numbers: 4号 (14 pt) 宋体, 7 mm below the type area, one character in from its edge.
const NUMBER_SIZE: f32 = FOLIO_SIZE;
const NUMBER_DROP: f32 = FOLIO_DROP;
/// The draft mark: light enough that the text over it stays easy to read.
const WATERMARK_GREY: f32 = 0.85;
/// Synthetic bold: the outline stroked this fraction of the size, as Word does for fonts
/// without a bold face (仿宋_GB2312).
const BOLD_STROKE: f32 = 1.0 / 30.0;
const BORDER: f32 = 0.5;
/// Written into the trailer first and replaced by the hash of the file.
const ID_PLACEHOLDER: [u8; 16] = *b"dossier-id-00000";

pub(crate) fn write(doc: &Document, pages: &[Page], fonts: &Fonts) -> Result<Vec<u8>, PdfError> {
    let extras = pages
        .iter()
        .enumerate()
        .map(|(i, page)| decorations(page, i + 1, doc.meta.draft, fonts))
        .collect::<Result<Vec<_>, _>>()?;
    let ids = font_ids(pages, &extras, fonts);
    let mut pdf = PdfDocument::new(&doc.meta.title);
    for (&face, id) in &ids {
        let parsed =
            fonts.face(face).parsed().ok_or_else(|| PdfError::Embed { font: fonts.face(face).label().to_owned() })?;
        pdf.resources.fonts.map.insert(id.clone(), PdfFont::new(parsed.clone()));
    }
    for (i, (page, extra)) in pages.iter().zip(&extras).enumerate() {
        let g = Geometry::new(page.orientation, Side::of(i + 1));
        let mut ops = Vec::new();
        if let Some(mark) = &extra.watermark {
            ops.extend([
                Op::BeginMarkedContent { tag: "Artifact".into() },
                Op::SaveGraphicsState,
                Op::SetFillColor { col: Color::Greyscale(Greyscale::new(WATERMARK_GREY, None)) },
                Op::StartTextSection,
            ]);
            text_ops(&mark.glyphs, &ids, fonts, &g, Some(mark.matrix), &mut ops);
            ops.extend([Op::EndTextSection, Op::RestoreGraphicsState, Op::EndMarkedContent]);
        }
        ops.push(Op::StartTextSection);
        text_ops(&page.glyphs, &ids, fonts, &g, None, &mut ops);
        ops.push(Op::EndTextSection);
        line_ops(page, &g, &mut ops);
        // Last, so that `finish` can give it a content stream of its own.
        if !extra.number.is_empty() {
            ops.extend([
                Op::BeginMarkedContentWithProperties { tag: "Artifact".into(), properties: pagination() },
                Op::StartTextSection,
            ]);
            text_ops(&extra.number, &ids, fonts, &g, None, &mut ops);
            ops.extend([Op::EndTextSection, Op::EndMarkedContent]);
        }
        let size = || Rect::from_wh(Pt(g.width), Pt(g.height));
        pdf.pages.push(PdfPage { media_box: size(), trim_box: size(), crop_box: size(), ops });
    }
    let options = PdfSaveOptions { optimize: false, subset_fonts: true, secure: true, image_optimization: None };
    let mut warnings = Vec::new();
    let mut out = printpdf::to_lopdf_doc(&pdf, &options, &mut warnings);
    // printpdf reports what it could not do (a font it failed to subset goes in whole):
    // nothing of that may pass silently into a document that gets printed.
    if let Some(problem) = warnings.iter().find(|w| w.severity == PdfParseErrorSeverity::Error) {
        return Err(PdfError::Write(problem.msg.clone()));
    }
    finish(&mut out, doc, pages)
}

/// A page number's marked-content properties: a pagination artifact (PDF 32000 §14.8.2.2).
fn pagination() -> DictItem {
    let name = |n: &str| DictItem::Name(n.as_bytes().to_vec());
    DictItem::Dict { map: BTreeMap::from([("Type".into(), name("Pagination")), ("Subtype".into(), name("Footer"))]) }
}

/// What a page carries besides its content: its number and the draft mark.
struct Extras {
    number: Vec<Glyph>,
    watermark: Option<Watermark>,
}

struct Watermark {
    glyphs: Vec<Glyph>,
    /// Text matrix of the rotated line; glyph x positions are along its baseline.
    matrix: [f32; 6],
}

fn decorations(page: &Page, physical: usize, draft: bool, fonts: &Fonts) -> Result<Extras, PdfError> {
    let g = Geometry::new(page.orientation, Side::of(physical));
    let mut number = Vec::new();
    if let Some(n) = page.number {
        let (mut glyphs, width) = set_text(&format!("— {n} —"), FontRole::Song, NUMBER_SIZE, fonts)?;
        // Outer side: right on odd pages, left on even, one character in from the edge.
        let x = if physical % 2 == 1 { g.body_width - NUMBER_SIZE - width } else { NUMBER_SIZE };
        let middle = (fonts.primary(FontRole::Song).em_top() - 0.5) * NUMBER_SIZE;
        let y = g.body_height + NUMBER_DROP + middle;
        for glyph in &mut glyphs {
            glyph.x += x;
            glyph.y = y;
        }
        number = glyphs;
    }
    let watermark = if draft {
        let diagonal = g.width.hypot(g.height);
        let size = diagonal * 0.25;
        let (glyphs, width) = set_text("草稿", FontRole::Hei, size, fonts)?;
        let angle = g.height.atan2(g.width);
        let (sin, cos) = angle.sin_cos();
        // Centre the em box's middle on the centre of the sheet.
        let (along, up) = (width / 2.0, (fonts.primary(FontRole::Hei).em_top() - 0.5) * size);
        let x = g.width / 2.0 - (along * cos - up * sin);
        let y = g.height / 2.0 - (along * sin + up * cos);
        Some(Watermark { glyphs, matrix: [cos, sin, -sin, cos, x, y] })
    } else {
        None
    };
    Ok(Extras { number, watermark })
}

/// A single line of text at x = 0 on its baseline, and its width.
fn set_text(text: &str, role: FontRole, size: f32, fonts: &Fonts) -> Result<(Vec<Glyph>, f32), PdfError> {
    let mut x = 0.0;
    let mut glyphs = Vec::new();
    for ch in text.chars() {
        let (face, gid) =
            fonts.resolve(role, ch).ok_or_else(|| PdfError::NoGlyph { ch, code: ch as u32, text: text.to_owned() })?;
        glyphs.push(Glyph { face, gid, ch, size, bold: false, x, y: 0.0 });
        x += fonts.face(face).advance(gid) * size;
    }
    Ok((glyphs, x))
}

/// One resource name per face used, derived from the face and the glyphs it serves: it
/// doubles as the subset tag, so two different subsets never share a name when volumes are
/// merged, and the same document always gets the same names.
fn font_ids(pages: &[Page], extras: &[Extras], fonts: &Fonts) -> BTreeMap<FaceId, FontId> {
    let mut used: BTreeMap<FaceId, BTreeSet<u16>> = BTreeMap::new();
    let extra_glyphs = extras.iter().flat_map(|e| e.number.iter().chain(e.watermark.iter().flat_map(|w| &w.glyphs)));
    for glyph in pages.iter().flat_map(|p| &p.glyphs).chain(extra_glyphs) {
        used.entry(glyph.face).or_default().insert(glyph.gid);
    }
    let mut taken = BTreeSet::new();
    used.into_iter()
        .map(|(face, gids)| {
            let mut hash = blake3::Hasher::new();
            hash.update(fonts.face(face).key().as_bytes());
            for gid in gids {
                hash.update(&gid.to_be_bytes());
            }
            let digest = hash.finalize();
            let mut tag: Vec<u8> = digest.as_bytes().iter().take(6).map(|b| b'A' + b % 26).collect();
            while !taken.insert(tag.clone()) {
                tag[5] = b'A' + (tag[5] - b'A' + 1) % 26;
            }
            (face, FontId(String::from_utf8_lossy(&tag).into_owned()))
        })
        .collect()
}

/// Gives each page number a content stream of its own, beginning with [`PAGE_NUMBER`] and left
/// uncompressed (a few bytes), so that a volume, which numbers its pages itself, knows it without
/// decoding anything, leaves it out and binds the rest of the page as is. printpdf writes one
/// stream per page, the number last.
fn separate_page_numbers(out: &mut lo::Document) -> Result<(), PdfError> {
    for page in out.get_pages().into_values() {
        let [content] = out.get_page_contents(page)[..] else { continue };
        let stream = out.get_object_mut(content).and_then(lo::Object::as_stream_mut);
        let stream = stream.map_err(|e| PdfError::Write(e.to_string()))?;
        let Some(at) = memchr::memmem::rfind(&stream.content, PAGE_NUMBER) else { continue };
        let number = stream.content.split_off(at);
        let body = std::mem::take(&mut stream.content);
        stream.set_content(body);
        let number = out.add_object(lo::Stream::new(lo::Dictionary::new(), number).with_compression(false));
        let page = out.get_dictionary_mut(page).map_err(|e| PdfError::Write(e.to_string()))?;
        page.set("Contents", vec![lo::Object::Reference(content), lo::Object::Reference(number)]);
    }
    Ok(())
}

/// Every stream deflated at zlib's default level: lopdf's own `compress` uses level 9, which
/// took a seventh of a form's time for files a few percent smaller.
fn compress(doc: &mut lo::Document) {
    for object in doc.objects.values_mut() {
        if let lo::Object::Stream(stream) = object
            && stream.allows_compression
            && stream.dict.get(b"Filter").is_err()
        {
            let packed = deflate(&stream.content);
            if packed.len() < stream.content.len() {
                stream.dict.set("Filter", "FlateDecode");
                stream.set_content(packed);
            }
        }
    }
}

fn round(v: f32) -> f32 {
    (v * 100.0).round() / 100.0
}

/// Glyph runs: one text matrix per run of glyphs sharing font, size, weight and baseline,
/// the spacing inside a run written as TJ offsets. `rotated` is the matrix of a turned line
/// (the watermark); otherwise glyphs are in type-area coordinates.
fn text_ops(
    glyphs: &[Glyph],
    ids: &BTreeMap<FaceId, FontId>,
    fonts: &Fonts,
    g: &Geometry,
    rotated: Option<[f32; 6]>,
    ops: &mut Vec<Op>,
) {
    let mut font: Option<(FaceId, f32)> = None;
    let mut stroke: Option<f32> = None;
    let mut start = 0;
    while start < glyphs.len() {
        let first = glyphs[start];
        let mut end = start + 1;
        while end < glyphs.len() && same_run(&glyphs[end - 1], &glyphs[end]) {
            end += 1;
        }
        let run = &glyphs[start..end];
        start = end;
        let Some(id) = ids.get(&first.face) else { continue };
        if font != Some((first.face, first.size)) {
            ops.push(Op::SetFont { font: PdfFontHandle::External(id.clone()), size: Pt(first.size) });
            font = Some((first.face, first.size));
        }
        let wanted = first.bold.then(|| round(first.size * BOLD_STROKE));
        if wanted != stroke {
            ops.push(Op::SetTextRenderingMode {
                mode: if wanted.is_some() { TextRenderingMode::FillStroke } else { TextRenderingMode::Fill },
            });
            if let Some(width) = wanted {
                ops.push(Op::SetOutlineThickness { pt: Pt(width) });
            }
            stroke = wanted;
        }
        let matrix = match rotated {
            Some(m) => {
                TextMatrix::Raw([m[0], m[1], m[2], m[3], round(m[4] + first.x * m[0]), round(m[5] + first.x * m[1])])
            }
            None => TextMatrix::Translate(Pt(round(g.left + first.x)), Pt(round(g.height - g.top - first.y))),
        };
        ops.push(Op::SetTextMatrix { matrix });
        let codepoints = run
            .iter()
            .zip(run.iter().skip(1).map(Some).chain([None]))
            .map(|(glyph, next)| {
                // TJ offsets move the pen from where the glyph's /W width leaves it.
                let offset = next.map_or(0.0, |next| {
                    let advance = fonts.face(glyph.face).advance(glyph.gid) * glyph.size;
                    round(-(next.x - glyph.x - advance) * 1000.0 / glyph.size)
                });
                Codepoint::with_cid(glyph.gid, offset, glyph.ch.to_string())
            })
            .collect();
        ops.push(Op::ShowText { items: vec![TextItem::GlyphIds(codepoints)] });
    }
    if stroke.is_some() {
        ops.push(Op::SetTextRenderingMode { mode: TextRenderingMode::Fill });
    }
}

fn same_run(a: &Glyph, b: &Glyph) -> bool {
    a.face == b.face && a.size == b.size && a.bold == b.bold && a.y == b.y && b.x >= a.x
}

/// Underlines, blank lines and cell borders, in black.
fn line_ops(page: &Page, g: &Geometry, ops: &mut Vec<Op>) {
    if page.rules.is_empty() && page.frames.is_empty() {
        return;
    }
    let point = |x: f32, y: f32| LinePoint {
        p: Point { x: Pt(round(g.left + x)), y: Pt(round(g.height - g.top - y)) },
        bezier: false,
    };
    ops.push(Op::SaveGraphicsState);
    ops.push(Op::SetOutlineColor { col: Color::Greyscale(Greyscale::new(0.0, None)) });
    let mut width = None;
    for rule in &page.rules {
        if width != Some(rule.width) {
            ops.push(Op::SetOutlineThickness { pt: Pt(rule.width) });
            width = Some(rule.width);
        }
        ops.push(Op::DrawLine {
            line: PdfLine { points: vec![point(rule.x1, rule.y1), point(rule.x2, rule.y2)], is_closed: false },
        });
    }
    if !page.frames.is_empty() && width != Some(BORDER) {
        ops.push(Op::SetOutlineThickness { pt: Pt(BORDER) });
    }
    for frame in &page.frames {
        let bottom = point(frame.x, frame.y + frame.height).p;
        ops.push(Op::DrawRectangle {
            rectangle: Rect {
                x: bottom.x,
                y: bottom.y,
                width: Pt(round(frame.width)),
                height: Pt(round(frame.height)),
                mode: Some(PaintMode::Stroke),
                winding_order: None,
            },
        });
    }
    ops.push(Op::RestoreGraphicsState);
}

/// Metadata, language, outline and a content-derived ID on printpdf's document, then bytes.
fn finish(out: &mut lo::Document, doc: &Document, pages: &[Page]) -> Result<Vec<u8>, PdfError> {
    out.version = "1.7".into();
    let date = doc.meta.date.map(|d| format!("D:{:04}{:02}{:02}000000+08'00'", d.year, d.month, d.day));
    let mut info = lo::Dictionary::new();
    info.set("Title", text_string(&doc.meta.title));
    info.set("Author", text_string(&doc.meta.author));
    info.set("Creator", text_string("dossier"));
    info.set("Producer", text_string(concat!("dossier ", env!("CARGO_PKG_VERSION"), " (printpdf 0.12)")));
    if let Some(date) = date {
        info.set("CreationDate", lo::Object::string_literal(date.clone()));
        info.set("ModDate", lo::Object::string_literal(date));
    }
    let info_id = out.add_object(info);
    out.trailer.set("Info", info_id);
    let outline = outline(out, pages);
    let catalog = out.catalog_mut().map_err(|e| PdfError::Write(e.to_string()))?;
    catalog.set("Lang", lo::Object::string_literal("zh-CN"));
    catalog.set("ViewerPreferences", lo::Dictionary::from_iter([("DisplayDocTitle", lo::Object::Boolean(true))]));
    if let Some(outline) = outline {
        catalog.set("Outlines", outline);
        catalog.set("PageMode", lo::Object::Name(b"UseOutlines".to_vec()));
    }
    out.prune_objects();
    separate_page_numbers(out)?;
    compress(out);
    let placeholder = lo::Object::String(ID_PLACEHOLDER.to_vec(), lo::StringFormat::Hexadecimal);
    out.trailer.set("ID", vec![placeholder.clone(), placeholder]);
    let mut bytes = Vec::new();
    out.save_to(&mut bytes).map_err(|e| PdfError::Write(e.to_string()))?;
    // The ID is the hash of the file itself: same document, same bytes, same ID.
    let digest = blake3::hash(&bytes);
    let hex_of = |b: &[u8]| b.iter().map(|x| format!("{x:02X}")).collect::<String>().into_bytes();
    let (placeholder, id) = (hex_of(&ID_PLACEHOLDER), hex_of(&digest.as_bytes()[..16]));
    for _ in 0..2 {
        let at = bytes.windows(placeholder.len()).rposition(|w| w == placeholder.as_slice());
        let at = at.ok_or_else(|| PdfError::Write("文件标识占位符丢失".into()))?;
        bytes[at..at + id.len()].copy_from_slice(&id);
    }
    Ok(bytes)
}

/// A PDF text string: UTF-16BE with a byte order mark, so Chinese titles survive.
fn text_string(text: &str) -> lo::Object {
    let mut bytes = vec![0xFE, 0xFF];
    bytes.extend(text.encode_utf16().flat_map(u16::to_be_bytes));
    lo::Object::String(bytes, lo::StringFormat::Hexadecimal)
}

/// The headings as a nested outline in document order.
fn outline(out: &mut lo::Document, pages: &[Page]) -> Option<lo::ObjectId> {
    let page_ids = out.get_pages();
    let items: Vec<(u8, &str, lo::ObjectId, f32)> = pages
        .iter()
        .enumerate()
        .flat_map(|(i, page)| {
            let g = Geometry::new(page.orientation, Side::of(i + 1));
            let id = page_ids.get(&(i as u32 + 1)).copied();
            page.headings
                .iter()
                .filter_map(move |h| Some((h.level.max(1), h.title.as_str(), id?, round(g.height - g.top - h.y))))
        })
        .collect();
    if items.is_empty() {
        return None;
    }
    let root = out.new_object_id();
    let ids: Vec<lo::ObjectId> = items.iter().map(|_| out.new_object_id()).collect();
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
    let with_kids = |mut dict: lo::Dictionary, parent: Option<usize>| {
        let kids = kids_of(parent);
        if let (Some(&first), Some(&last)) = (kids.first(), kids.last()) {
            dict.set("First", ids[first]);
            dict.set("Last", ids[last]);
            dict.set("Count", below(parent) as i64);
        }
        dict
    };
    let root_dict = lo::Dictionary::from_iter([("Type", lo::Object::Name(b"Outlines".to_vec()))]);
    out.objects.insert(root, with_kids(root_dict, None).into());
    for (i, &(_, title, page, y)) in items.iter().enumerate() {
        let siblings = kids_of(parents[i]);
        let at = siblings.iter().position(|&s| s == i).unwrap_or(0);
        let mut dict = lo::Dictionary::new();
        dict.set("Title", text_string(title));
        dict.set("Parent", parents[i].map_or(root, |p| ids[p]));
        dict.set(
            "Dest",
            vec![page.into(), lo::Object::Name(b"XYZ".to_vec()), lo::Object::Null, y.into(), lo::Object::Null],
        );
        if at > 0 {
            dict.set("Prev", ids[siblings[at - 1]]);
        }
        if let Some(&next) = siblings.get(at + 1) {
            dict.set("Next", ids[next]);
        }
        out.objects.insert(ids[i], with_kids(dict, Some(i)).into());
    }
    Some(root)
}

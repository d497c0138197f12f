//! Laid-out pages to the typed hand-over ([`Typeset`]) through printpdf's page API: glyph runs
//! with absolute text matrices, rules and cell frames, subset fonts with ToUnicode maps, all
//! deterministic. The only module that knows printpdf, and the lopdf 0.44 document it returns.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use lopdf::{Dictionary, Object, Stream, StringFormat};
use lopdf044 as lo;
use printpdf::{
    Codepoint, Color, FontId, Greyscale, Line as PdfLine, LinePoint, Op, PaintMode, PdfDocument, PdfFont,
    PdfFontHandle, PdfPage, PdfParseErrorSeverity, PdfSaveOptions, Point, Pt, Rect, TextItem, TextMatrix,
    TextRenderingMode,
};

use super::fonts::{FaceId, Fonts};
use super::layout::{Glyph, Page};
use super::typeset::{Heading, Typeset, TypesetPage};
use super::{PdfError, deflate};
use crate::doc::Document;
use crate::doc::page::{Page as Geometry, Side};

/// Synthetic bold: the outline stroked this fraction of the size, as Word does for fonts
/// without a bold face (仿宋_GB2312).
const BOLD_STROKE: f32 = 1.0 / 30.0;
const BORDER: f32 = 0.5;

pub(crate) fn compose(doc: &Document, pages: &[Page], fonts: &Fonts) -> Result<Typeset, PdfError> {
    let ids = font_ids(pages, fonts);
    let mut pdf = PdfDocument::new(&doc.meta.title);
    for (&face, id) in &ids {
        let parsed =
            fonts.face(face).parsed().ok_or_else(|| PdfError::Embed { font: fonts.face(face).label().to_owned() })?;
        pdf.resources.fonts.map.insert(id.clone(), PdfFont::new(parsed.clone()));
    }
    for (i, page) in pages.iter().enumerate() {
        let g = Geometry::new(page.orientation, Side::of(i + 1));
        let mut ops = vec![Op::StartTextSection];
        text_ops(&page.glyphs, &ids, fonts, &g, &mut ops);
        ops.push(Op::EndTextSection);
        line_ops(page, &g, &mut ops);
        let size = || Rect::from_wh(Pt(g.width), Pt(g.height));
        pdf.pages.push(PdfPage { media_box: size(), trim_box: size(), crop_box: size(), ops });
    }
    let options = PdfSaveOptions { optimize: false, subset_fonts: true, secure: true, image_optimization: None };
    let mut warnings = Vec::new();
    let out = printpdf::to_lopdf_doc(&pdf, &options, &mut warnings);
    // printpdf reports what it could not do (a font it failed to subset goes in whole):
    // nothing of that may pass silently into a document that gets printed.
    if let Some(problem) = warnings.iter().find(|w| w.severity == PdfParseErrorSeverity::Error) {
        return Err(PdfError::Write(problem.msg.clone()));
    }
    hand_over(&out, doc, pages)
}

/// printpdf's document as the typed hand-over: each page's content stream compressed, and the
/// fonts the pages share converted in memory into lopdf 0.47 objects, numbered from 1 as met.
fn hand_over(out: &lo::Document, doc: &Document, pages: &[Page]) -> Result<Typeset, PdfError> {
    let lost = |what: &str| PdfError::Write(format!("printpdf 输出的文档缺少{what}"));
    let page_ids: Vec<lo::ObjectId> = out.get_pages().into_values().collect();
    if page_ids.len() != pages.len() {
        return Err(lost("页面"));
    }
    let mut objects = Objects { out, numbers: HashMap::new(), objects: Vec::new() };
    // printpdf gives every page the same resources, those of the whole document; of them,
    // dossier's pages use only fonts (empty dictionaries for the rest).
    let resources = out.get_dictionary(page_ids[0]).and_then(|p| p.get(b"Resources")).map_err(|_| lost("资源"))?;
    let mut shared = Dictionary::new();
    if let lo::Object::Dictionary(resources) = objects.resolve(resources) {
        for (key, value) in resources.iter() {
            match objects.resolve(value) {
                lo::Object::Dictionary(names) if names.is_empty() => {}
                value => shared.set(key.clone(), objects.convert(value)),
            }
        }
    }
    let mut typeset = Vec::with_capacity(pages.len());
    for (i, (page, &id)) in pages.iter().zip(&page_ids).enumerate() {
        let g = Geometry::new(page.orientation, Side::of(i + 1));
        let content = out.get_page_content(id);
        let headings = page
            .headings
            .iter()
            .map(|h| Heading { level: h.level.max(1), title: h.title.clone(), y: round(g.height - g.top - h.y) })
            .collect();
        typeset.push(TypesetPage {
            orientation: page.orientation,
            content: deflate(&content),
            number: page.number,
            headings,
        });
    }
    Ok(Typeset { meta: doc.meta.clone(), pages: typeset, resources: shared, objects: objects.objects })
}

/// The objects of printpdf's document that the pages reach, converted and renumbered.
struct Objects<'a> {
    out: &'a lo::Document,
    /// printpdf's id → the number of the converted object.
    numbers: HashMap<lo::ObjectId, u32>,
    objects: Vec<Object>,
}

impl<'a> Objects<'a> {
    fn resolve(&self, object: &'a lo::Object) -> &'a lo::Object {
        match object {
            lo::Object::Reference(id) => self.out.get_object(*id).unwrap_or(&lo::Object::Null),
            other => other,
        }
    }

    fn convert(&mut self, object: &lo::Object) -> Object {
        match object {
            lo::Object::Null => Object::Null,
            lo::Object::Boolean(b) => Object::Boolean(*b),
            lo::Object::Integer(i) => Object::Integer(*i),
            lo::Object::Real(r) => Object::Real(*r),
            lo::Object::Name(name) => Object::Name(name.clone()),
            lo::Object::String(text, format) => Object::String(
                text.clone(),
                match format {
                    lo::StringFormat::Literal => StringFormat::Literal,
                    lo::StringFormat::Hexadecimal => StringFormat::Hexadecimal,
                },
            ),
            lo::Object::Array(items) => Object::Array(items.iter().map(|item| self.convert(item)).collect()),
            lo::Object::Dictionary(dict) => Object::Dictionary(self.dictionary(dict)),
            lo::Object::Stream(stream) => {
                let mut dict = self.dictionary(&stream.dict);
                // Zlib at the default level: lopdf's own `compress` uses level 9, which took a
                // seventh of a form's time for files a few percent smaller.
                let packed = (stream.allows_compression && !dict.has(b"Filter")).then(|| deflate(&stream.content));
                match packed.filter(|p| p.len() < stream.content.len()) {
                    Some(packed) => {
                        dict.set("Filter", "FlateDecode");
                        Object::Stream(Stream::new(dict, packed))
                    }
                    None => Object::Stream(Stream::new(dict, stream.content.clone())),
                }
            }
            lo::Object::Reference(id) => Object::Reference((self.number(*id), 0)),
        }
    }

    fn dictionary(&mut self, dict: &lo::Dictionary) -> Dictionary {
        dict.iter().map(|(key, value)| (key.clone(), self.convert(value))).collect()
    }

    /// The number of printpdf's object `id`, converting it the first time it is met.
    fn number(&mut self, id: lo::ObjectId) -> u32 {
        if let Some(&number) = self.numbers.get(&id) {
            return number;
        }
        self.objects.push(Object::Null);
        let number = self.objects.len() as u32;
        self.numbers.insert(id, number);
        let out = self.out;
        if let Ok(object) = out.get_object(id) {
            self.objects[number as usize - 1] = self.convert(object);
        }
        number
    }
}

/// One resource name per face used, derived from the face and the glyphs it serves: it
/// doubles as the subset tag, so two different subsets never share a name when volumes are
/// merged, and the same document always gets the same names.
fn font_ids(pages: &[Page], fonts: &Fonts) -> BTreeMap<FaceId, FontId> {
    let mut used: BTreeMap<FaceId, BTreeSet<u16>> = BTreeMap::new();
    for glyph in pages.iter().flat_map(|p| &p.glyphs) {
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

fn round(v: f32) -> f32 {
    (v * 100.0).round() / 100.0
}

/// Glyph runs: one text matrix per run of glyphs sharing font, size, weight and baseline,
/// the spacing inside a run written as TJ offsets; glyphs are in type-area coordinates.
fn text_ops(glyphs: &[Glyph], ids: &BTreeMap<FaceId, FontId>, fonts: &Fonts, g: &Geometry, ops: &mut Vec<Op>) {
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
        // A bold face (the Latin one) is bold already.
        let synthetic = first.bold && !fonts.face(first.face).is_bold();
        let wanted = synthetic.then(|| round(first.size * BOLD_STROKE));
        if wanted != stroke {
            ops.push(Op::SetTextRenderingMode {
                mode: if wanted.is_some() { TextRenderingMode::FillStroke } else { TextRenderingMode::Fill },
            });
            if let Some(width) = wanted {
                ops.push(Op::SetOutlineThickness { pt: Pt(width) });
            }
            stroke = wanted;
        }
        let matrix = TextMatrix::Translate(Pt(round(g.left + first.x)), Pt(round(g.height - g.top - first.y)));
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

//! Pages of an evidence PDF brought into the volume.
//!
//! Each source page becomes a Form XObject holding its content and its own (inherited)
//! resources; the new A4 page draws that form with the placing matrix. The form isolates the
//! source's graphics state, so its stray `q`/`Q` or clipping can neither hide nor move the page
//! number, and the new page owns a fresh resource dictionary (printpdf pages share one).
//! Objects are copied by reachability from those forms and renumbered into the output as they
//! are met; the source's catalog, page tree, outlines, AcroForm and labels are never copied.

use std::collections::{HashMap, VecDeque};
use std::io::Write;

use lopdf::{Dictionary, Document, LoadOptions, Object, ObjectId, Stream, dictionary};

use super::Turn;
use super::error::Failure;
use super::placement::{A4, Matrix, Rect, fit, turn};
use crate::pdf::deflate;
use crate::pdf::writer::PdfWriter;

/// Largest decoded content stream accepted (the lopdf default guard against decompression bombs).
const LIMIT: usize = lopdf::DEFAULT_MAX_DECOMPRESSED_SIZE;

/// Image data at least this large is left in the file while the document is parsed and copied
/// from there straight to the output, so a source PDF costs its own size in memory, not twice.
const LAZY: usize = 16 * 1024;
/// Where such data lies in the source: `[start length]`, a key only dossier's copy ever carries.
const AT: &[u8] = b"DossierSourceBytes";

/// Parsing keeps the dictionary of a large image and drops its data (found again by `locate`).
/// lopdf keeps the object it passed in for direct objects and the returned one for members of
/// object streams, so both are the same.
fn drop_image_data(id: ObjectId, object: &mut Object) -> Option<(ObjectId, Object)> {
    if let Object::Stream(stream) = object
        && stream.content.len() >= LAZY
        && stream.dict.get(b"Subtype").and_then(Object::as_name).is_ok_and(|s| s == b"Image")
    {
        stream.dict.set(AT, vec![Object::Integer(-1), Object::Integer(stream.content.len() as i64)]);
        stream.content = Vec::new();
    }
    Some((id, object.clone()))
}

/// Opens a PDF; a file encrypted with an empty user password opens without one. The message of
/// an error says in Chinese what is wrong and what to do. The document may refer to `bytes` for
/// image data: keep them for [`Import`].
pub fn open(bytes: &[u8], password: Option<&str>) -> Result<Document, String> {
    // Encrypted data must be decrypted, so it cannot be copied from the file as it is.
    let lazy = memchr::memmem::find(bytes, b"/Encrypt").is_none();
    if lazy
        && let Ok(mut doc) = load(bytes, password, Some(drop_image_data))
        && locate_all(&mut doc, bytes)
    {
        return Ok(doc);
    }
    load(bytes, password, None)
}

fn load(bytes: &[u8], password: Option<&str>, filter: Option<lopdf::FilterFunc>) -> Result<Document, String> {
    let options = LoadOptions { password: password.map(str::to_owned), filter, ..LoadOptions::default() };
    let doc = match Document::load_mem_with_options(bytes, options) {
        Ok(doc) => doc,
        Err(lopdf::Error::InvalidPassword) => {
            return Err(
                "PDF 已加密，配置的打开密码不正确。请核对 cluster.yaml 中 evidence.passwords 里该文件的密码".into()
            );
        }
        Err(lopdf::Error::UnsupportedSecurityHandler(_)) => {
            return Err("PDF 使用了不支持的加密方式（证书或版权保护），请向出具单位索取未加密的版本".into());
        }
        Err(lopdf::Error::Decompress(lopdf::DecompressError::MemoryLimitExceeded { .. })) => {
            return Err("PDF 中有解压后超过 256 MB 的数据，疑似损坏或恶意文件，请重新扫描或另存为 PDF".into());
        }
        Err(e) => return Err(damaged(&e.to_string())),
    };
    if doc.trailer.has(b"Encrypt") && doc.encryption_state.is_none() {
        return Err("PDF 已加密，需要打开密码。请在 cluster.yaml 的 evidence.passwords 中填写该文件的密码，或向出具单位索取未加密的版本".into());
    }
    if page_tree(&doc).is_empty() {
        return Err(damaged("找不到任何页面"));
    }
    Ok(doc)
}

/// The page objects in reading order. A page tree node met a second time (a /Kids that points
/// back up) is passed over: its pages are listed already, and following it again would repeat
/// them without end. A page listed twice in /Kids is two pages, as readers show it; a kid that
/// does not load stands as a page, which placing refuses as lost.
fn page_tree(doc: &Document) -> Vec<ObjectId> {
    let kids = |node: ObjectId| -> Vec<Object> {
        let kids = doc.get_dictionary(node).and_then(|n| n.get(b"Kids")).map(|k| resolve(doc, k));
        kids.and_then(Object::as_array).cloned().unwrap_or_default()
    };
    let Some(root) = doc.catalog().ok().and_then(|c| c.get(b"Pages").ok()?.as_reference().ok()) else {
        return Vec::new();
    };
    let mut met = std::collections::HashSet::from([root]);
    let mut stack = vec![kids(root).into_iter()];
    let mut pages = Vec::new();
    while let Some(level) = stack.last_mut() {
        let Some(kid) = level.next() else {
            stack.pop();
            continue;
        };
        let Ok(id) = kid.as_reference() else { continue };
        match doc.get_dictionary(id).map(|d| d.get_type().ok()) {
            Ok(Some(b"Pages")) => {
                if met.insert(id) {
                    stack.push(kids(id).into_iter());
                }
            }
            Ok(Some(b"Page")) | Ok(None) | Err(_) => pages.push(id),
            Ok(Some(_)) => {}
        }
    }
    pages
}

/// Finds the data of every image parsing left in the file; false if one is not where its object
/// says (then the file is parsed again, keeping everything).
fn locate_all(doc: &mut Document, bytes: &[u8]) -> bool {
    let offsets: HashMap<u32, usize> = doc
        .reference_table
        .entries
        .iter()
        .filter_map(|(&n, e)| match e {
            lopdf::xref::XrefEntry::Normal { offset, .. } => Some((n, *offset as usize)),
            _ => None,
        })
        .collect();
    for (id, object) in doc.objects.iter_mut() {
        let Object::Stream(stream) = object else {
            continue;
        };
        let Some(length) = stream.dict.get(AT).ok().and_then(|a| a.as_array().ok()?.get(1)?.as_i64().ok()) else {
            continue;
        };
        let Some(start) = offsets.get(&id.0).and_then(|&offset| locate(bytes, offset, length as usize)) else {
            return false;
        };
        stream.dict.set(AT, vec![Object::Integer(start as i64), Object::Integer(length)]);
    }
    true
}

/// The start of the `length` bytes of stream data of the object at `offset`: after the `stream`
/// keyword and its end of line, followed by `endstream`.
fn locate(bytes: &[u8], offset: usize, length: usize) -> Option<usize> {
    let mut at = offset;
    loop {
        let keyword = at + memchr::memmem::find(bytes.get(at..)?, b"stream")?;
        at = keyword + 6;
        if keyword > 0 && bytes[keyword - 1] == b'd' {
            return None; // reached this object's endstream without finding its data
        }
        let mut start = at;
        if bytes.get(start) == Some(&b'\r') {
            start += 1;
        }
        if bytes.get(start) == Some(&b'\n') {
            start += 1;
        }
        if start == at {
            continue;
        }
        let mut end = start.checked_add(length)?;
        while matches!(bytes.get(end), Some(b'\r' | b'\n' | b' ')) {
            end += 1;
        }
        if bytes.get(end..end + 9) == Some(b"endstream") {
            return Some(start);
        }
    }
}

fn damaged(detail: &str) -> String {
    format!(
        "PDF 文件已损坏，无法读取（{detail}）。请从原处重新下载或重新扫描；也可用 WPS 或 Acrobat 打开后“另存为 PDF”修复"
    )
}

/// A source page, placed: draw `form` with `matrix`, then each flattened annotation.
pub struct Placed {
    pub form: ObjectId,
    pub matrix: Matrix,
    pub annotations: Vec<(ObjectId, Matrix)>,
}

impl Placed {
    /// The content stream that draws it, with resource names `P` and `A0`, `A1`… for `xobjects`.
    pub fn draw(&self) -> (Vec<u8>, Vec<(String, ObjectId)>) {
        let mut ops = format!("q {} /P Do Q\n", self.matrix.cm());
        let mut names = vec![("P".to_string(), self.form)];
        for (i, (id, m)) in self.annotations.iter().enumerate() {
            ops.push_str(&format!("q {} /A{i} Do Q\n", m.then(self.matrix).cm()));
            names.push((format!("A{i}"), *id));
        }
        (ops.into_bytes(), names)
    }
}

/// One source PDF being copied into the output.
pub struct Import<'a> {
    doc: Document,
    /// The file the document was parsed from (large image data is copied from here).
    bytes: &'a [u8],
    map: HashMap<ObjectId, ObjectId>,
    queue: VecDeque<ObjectId>,
    forms: HashMap<ObjectId, (ObjectId, Vec<(ObjectId, Matrix)>)>,
}

impl<'a> Import<'a> {
    pub fn new(doc: Document, bytes: &'a [u8]) -> Self {
        Import { doc, bytes, map: HashMap::new(), queue: VecDeque::new(), forms: HashMap::new() }
    }

    /// The page objects in reading order (see [`page_tree`]).
    pub fn pages(&self) -> Vec<ObjectId> {
        page_tree(&self.doc)
    }

    /// Writes the form of `page` (once per page object) and returns how to draw it fitted into
    /// `area` of the sheet, turned as `how` says.
    pub fn place<W: Write>(
        &mut self,
        page: ObjectId,
        area: Rect,
        how: Turn,
        w: &mut PdfWriter<W>,
    ) -> Result<Placed, Failure> {
        // Readers show a lost page as a blank one; on paper that is evidence silently missing.
        if self.doc.get_dictionary(page).is_err() {
            return Err(Failure::Refused(damaged("有页面丢失")));
        }
        let attrs = self.attributes(page);
        let (turned, dw, dh) = turn(attrs.rotate / 90, attrs.bbox.width(), attrs.bbox.height());
        let origin = Matrix::translate(-attrs.bbox.x0, -attrs.bbox.y0).then(turned);
        let matrix = origin.then(fit(dw, dh, &area, how));
        if let Some((form, annotations)) = self.forms.get(&page) {
            return Ok(Placed { form: *form, matrix, annotations: annotations.clone() });
        }
        let content = self.content(page).map_err(|e| Failure::Refused(damaged(&e)))?;
        let mut dict = dictionary! {
            "Type" => "XObject",
            "Subtype" => "Form",
            "BBox" => attrs.bbox.as_array(),
            "Resources" => attrs.resources,
        };
        if let Some(group) = attrs.group {
            dict.set("Group", group);
        }
        let (filters, data) = content;
        for (key, value) in filters {
            dict.set(key, value);
        }
        dict.iter_mut().for_each(|(_, value)| self.rewrite(value, w));
        let form = w.alloc();
        w.write_stream(form, dict, &data)?;
        let annotations: Vec<(ObjectId, Matrix)> = self
            .appearances(page)
            .into_iter()
            .map(|(ap, m)| {
                let mut reference = Object::Reference(ap);
                self.rewrite(&mut reference, w);
                (reference.as_reference().unwrap_or(ap), m)
            })
            .collect();
        self.forms.insert(page, (form, annotations.clone()));
        Ok(Placed { form, matrix, annotations })
    }

    /// Writes every object the placed pages reach, taking each out of the source document. A
    /// JPEG image cut short or damaged refuses the file: it would print as grey or garbage.
    pub fn finish<W: Write>(mut self, w: &mut PdfWriter<W>) -> Result<(), Failure> {
        while let Some(source) = self.queue.pop_front() {
            let Some(&target) = self.map.get(&source) else {
                continue;
            };
            let object = match self.doc.objects.remove(&source) {
                // A reference back into the page tree or catalog (from an odd resource) must not
                // drag the source's page tree along.
                Some(Object::Dictionary(d)) if matches!(d.get_type(), Ok(b"Page" | b"Pages" | b"Catalog")) => {
                    Object::Null
                }
                Some(Object::Stream(mut stream)) => {
                    stream.dict.remove(b"Length");
                    let at = stream.dict.remove(AT).and_then(|a| {
                        let a = a.as_array().ok()?;
                        Some((
                            usize::try_from(a.first()?.as_i64().ok()?).ok()?,
                            usize::try_from(a.get(1)?.as_i64().ok()?).ok()?,
                        ))
                    });
                    stream.dict.iter_mut().for_each(|(_, value)| self.rewrite(value, w));
                    let data = match at {
                        Some((start, length)) => self.bytes.get(start..start + length).unwrap_or_default(),
                        None => &stream.content,
                    };
                    if is_jpeg(&stream.dict) && !super::image::jpeg_info(data).is_some_and(|j| j.complete) {
                        return Err(Failure::Refused(
                            "PDF 中有一张图片的数据不完整或已损坏（打印出来会是灰块或花屏）。请从原处重新下载或重新扫描".into(),
                        ));
                    }
                    w.write_stream(target, stream.dict, data)?;
                    continue;
                }
                Some(mut object) => {
                    self.rewrite(&mut object, w);
                    object
                }
                None => Object::Null,
            };
            w.write(target, object)?;
        }
        Ok(())
    }

    /// Renumbers the references in `object`, queueing every source object met for the first time.
    fn rewrite<W: Write>(&mut self, object: &mut Object, w: &mut PdfWriter<W>) {
        match object {
            Object::Reference(id) => {
                let target = match self.map.get(id) {
                    Some(target) => *target,
                    None => {
                        let target = w.alloc();
                        self.map.insert(*id, target);
                        self.queue.push_back(*id);
                        target
                    }
                };
                *id = target;
            }
            Object::Array(items) => items.iter_mut().for_each(|item| self.rewrite(item, w)),
            Object::Dictionary(dict) => dict.iter_mut().for_each(|(_, value)| self.rewrite(value, w)),
            Object::Stream(stream) => stream.dict.iter_mut().for_each(|(_, value)| self.rewrite(value, w)),
            _ => {}
        }
    }

    /// The page's boxes, rotation, resources and group, inherited from its ancestors when the page
    /// lacks them.
    fn attributes(&self, page: ObjectId) -> Attributes {
        let doc = &self.doc;
        let inherited = |key: &[u8]| -> Option<Object> {
            let mut node = doc.get_dictionary(page).ok()?;
            for _ in 0..64 {
                if let Ok(value) = node.get(key) {
                    return Some(value.clone());
                }
                node = doc.get_dictionary(node.get(b"Parent").ok()?.as_reference().ok()?).ok()?;
            }
            None
        };
        let rect = |key: &[u8]| -> Option<Rect> {
            let value = inherited(key)?;
            let array = resolve(doc, &value).as_array().ok()?;
            let v: Vec<f64> = array.iter().filter_map(|o| resolve(doc, o).as_float().ok().map(f64::from)).collect();
            (v.len() == 4).then(|| Rect::new(v[0], v[1], v[2], v[3])).flatten()
        };
        let media = rect(b"MediaBox").unwrap_or(Rect { x0: 0.0, y0: 0.0, x1: A4.0, y1: A4.1 });
        let bbox = rect(b"CropBox").and_then(|crop| crop.intersect(&media)).unwrap_or(media);
        let rotate = inherited(b"Rotate").and_then(|r| resolve(doc, &r).as_i64().ok()).unwrap_or(0);
        // Only multiples of 90 are meaningful; readers ignore anything else.
        let rotate = if rotate % 90 == 0 { rotate.rem_euclid(360) } else { 0 };
        let resources = inherited(b"Resources").unwrap_or_else(|| Object::Dictionary(Dictionary::new()));
        let group = doc.get_dictionary(page).ok().and_then(|p| p.get(b"Group").ok().cloned());
        Attributes { bbox, rotate, resources, group }
    }

    /// The page's content as one stream: a single stream keeps its encoding; several are decoded,
    /// joined and compressed again.
    fn content(&self, page: ObjectId) -> Result<Content, String> {
        let doc = &self.doc;
        let ids = doc.get_page_contents(page);
        let streams: Vec<&Stream> = ids.iter().filter_map(|id| doc.get_object(*id).ok()?.as_stream().ok()).collect();
        if streams.len() < ids.len() {
            return Err("页面内容丢失".into());
        }
        if let [stream] = streams.as_slice() {
            let mut filters = Vec::new();
            for key in ["Filter", "DecodeParms"] {
                if let Ok(value) = stream.dict.get(key.as_bytes()) {
                    filters.push((key, value.clone()));
                }
            }
            return Ok((filters, stream.content.clone()));
        }
        let mut joined = Vec::new();
        for stream in streams {
            let plain = stream.get_plain_content_with_limit(LIMIT).map_err(|e| format!("页面内容无法解码：{e}"))?;
            joined.extend(plain);
            joined.push(b'\n');
        }
        Ok((vec![("Filter", Object::Name(b"FlateDecode".to_vec()))], deflate(&joined)))
    }

    /// Appearance streams of the annotations that print, with the matrix that puts each on its
    /// /Rect (PDF 32000 §12.5.5). Filled-in form fields thus stay visible without the source's
    /// AcroForm; links and pop-ups, which mean nothing on paper, are dropped.
    fn appearances(&mut self, page: ObjectId) -> Vec<(ObjectId, Matrix)> {
        let doc = &self.doc;
        let annots: Vec<Object> = doc
            .get_dictionary(page)
            .ok()
            .and_then(|p| p.get(b"Annots").ok())
            .and_then(|a| resolve(doc, a).as_array().ok().cloned())
            .unwrap_or_default();
        let default_resources = doc
            .catalog()
            .ok()
            .and_then(|c| c.get(b"AcroForm").ok())
            .and_then(|f| resolve(doc, f).as_dict().ok())
            .and_then(|f| f.get(b"DR").ok().cloned());
        let mut found = Vec::new();
        for annot in &annots {
            let Ok(annot) = resolve(doc, annot).as_dict() else {
                continue;
            };
            let subtype = annot.get(b"Subtype").and_then(Object::as_name).unwrap_or_default();
            let flags = annot.get(b"F").and_then(Object::as_i64).unwrap_or(0);
            let (hidden, print, no_view) = (flags & 2 != 0, flags & 4 != 0, flags & 32 != 0);
            let shows = !hidden && !no_view && (print || subtype == b"Widget");
            if !shows || matches!(subtype, b"Link" | b"Popup") {
                continue;
            }
            let Some(rect) = annot
                .get(b"Rect")
                .ok()
                .and_then(|r| resolve(doc, r).as_array().ok())
                .map(|a| a.iter().filter_map(|o| resolve(doc, o).as_float().ok().map(f64::from)).collect::<Vec<_>>())
                .filter(|v| v.len() == 4)
                .and_then(|v| Rect::new(v[0], v[1], v[2], v[3]))
            else {
                continue;
            };
            let normal =
                annot.get(b"AP").ok().and_then(|ap| resolve(doc, ap).as_dict().ok()).and_then(|ap| ap.get(b"N").ok());
            let stream_id = match normal {
                Some(Object::Reference(id)) if doc.get_object(*id).is_ok_and(|o| o.as_stream().is_ok()) => Some(*id),
                Some(states) => {
                    // A checkbox or radio button: the appearance of its current state (/AS).
                    let state = annot.get(b"AS").and_then(Object::as_name).ok();
                    resolve(doc, states)
                        .as_dict()
                        .ok()
                        .zip(state)
                        .and_then(|(s, name)| s.get(name).ok()?.as_reference().ok())
                }
                None => None,
            };
            let Some(id) = stream_id else { continue };
            let Ok(stream) = doc.get_object(id).and_then(Object::as_stream) else {
                continue;
            };
            let floats = |key: &[u8]| -> Option<Vec<f64>> {
                let a = resolve(doc, stream.dict.get(key).ok()?).as_array().ok()?;
                Some(a.iter().filter_map(|o| resolve(doc, o).as_float().ok().map(f64::from)).collect())
            };
            let Some(bbox) = floats(b"BBox").filter(|v| v.len() == 4).and_then(|v| Rect::new(v[0], v[1], v[2], v[3]))
            else {
                continue;
            };
            let form_matrix = floats(b"Matrix")
                .filter(|v| v.len() == 6)
                .map(|v| Matrix([v[0], v[1], v[2], v[3], v[4], v[5]]))
                .unwrap_or(Matrix::IDENTITY);
            let shown = bbox.transform(&form_matrix);
            if shown.width() < 1e-6 || shown.height() < 1e-6 {
                continue;
            }
            let onto = Matrix::translate(-shown.x0, -shown.y0)
                .then(Matrix::scale(rect.width() / shown.width(), rect.height() / shown.height()))
                .then(Matrix::translate(rect.x0, rect.y0));
            if onto.is_finite() {
                found.push((id, onto, stream.dict.has(b"Resources")));
            }
        }
        // An appearance must be a Form XObject to be drawn with Do; one that borrows its fonts from
        // the form's default resources gets them itself, as the AcroForm is not copied.
        for (id, _, has_resources) in &found {
            if let Ok(Object::Stream(stream)) = self.doc.get_object_mut(*id) {
                stream.dict.set("Type", "XObject");
                stream.dict.set("Subtype", "Form");
                if let (false, Some(dr)) = (has_resources, &default_resources) {
                    stream.dict.set("Resources", dr.clone());
                }
            }
        }
        found.into_iter().map(|(id, m, _)| (id, m)).collect()
    }
}

/// A page's content as one stream: the /Filter and /DecodeParms entries, and the data.
type Content = (Vec<(&'static str, Object)>, Vec<u8>);

struct Attributes {
    bbox: Rect,
    rotate: i64,
    resources: Object,
    group: Option<Object>,
}

/// An image whose only filter is DCTDecode: the data is a JPEG file.
fn is_jpeg(dict: &Dictionary) -> bool {
    let filter = match dict.get(b"Filter") {
        Ok(Object::Array(filters)) if filters.len() == 1 => &filters[0],
        Ok(filter) => filter,
        Err(_) => return false,
    };
    filter.as_name().is_ok_and(|name| name == b"DCTDecode")
}

static NULL: Object = Object::Null;

/// Follows a reference (a few levels at most).
fn resolve<'a>(doc: &'a Document, object: &'a Object) -> &'a Object {
    let mut object = object;
    for _ in 0..8 {
        match object {
            Object::Reference(id) => match doc.get_object(*id) {
                Ok(next) => object = next,
                Err(_) => return &NULL,
            },
            _ => return object,
        }
    }
    object
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scanned(data: &[u8]) -> Vec<u8> {
        let mut doc = Document::with_version("1.5");
        let pages = doc.new_object_id();
        let image = doc.add_object(Stream::new(
            dictionary! {"Type" => "XObject", "Subtype" => "Image", "Width" => 1, "Height" => 1, "ColorSpace" => "DeviceGray", "BitsPerComponent" => 8},
            data.to_vec(),
        ));
        let page = doc.add_object(dictionary! {"Type" => "Page", "Parent" => pages, "Resources" => dictionary! {"XObject" => dictionary! {"Im" => image}}});
        doc.objects.insert(
            pages,
            Object::Dictionary(dictionary! {"Type" => "Pages", "Kids" => vec![page.into()], "Count" => 1}),
        );
        let catalog = doc.add_object(dictionary! {"Type" => "Catalog", "Pages" => pages});
        doc.trailer.set("Root", catalog);
        let mut bytes = Vec::new();
        doc.save_to(&mut bytes).unwrap();
        bytes
    }

    #[test]
    fn large_image_data_stays_in_the_file_until_it_is_copied() {
        // Data that itself contains the keywords the search looks for.
        let mut data = b"stream\nendstream ".repeat(2000);
        data.extend(b"\r\n");
        let bytes = scanned(&data);
        let doc = open(&bytes, None).unwrap();
        let image =
            doc.objects.values().find_map(|o| o.as_stream().ok().filter(|s| s.dict.has(AT))).expect("left in the file");
        assert!(image.content.is_empty());
        let at = image.dict.get(AT).unwrap().as_array().unwrap();
        let (start, length) = (at[0].as_i64().unwrap() as usize, at[1].as_i64().unwrap() as usize);
        assert_eq!(&bytes[start..start + length], &data[..]);
    }

    #[test]
    fn small_images_are_parsed_whole() {
        let bytes = scanned(b"tiny");
        let doc = open(&bytes, None).unwrap();
        assert!(!doc.objects.values().any(|o| o.as_stream().is_ok_and(|s| s.dict.has(AT))));
    }
}

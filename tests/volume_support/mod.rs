//! Fixtures the volume tests make for themselves (evidence in every state a county may drop in)
//! and readers that look into a built volume the way a printer or a checker would.
#![allow(dead_code)]

use std::cell::RefCell;
use std::collections::{BTreeMap, HashMap};
use std::io::Cursor;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use dossier::doc::{Meta, Orientation};
use dossier::pdf::{Typeset, TypesetPage, deflate};
use dossier::volume::{Pages, PagesError, TocEntry};
use image::{DynamicImage, ImageFormat, Rgb, RgbImage, Rgba, RgbaImage};
use lopdf::content::Content;
use lopdf::encryption::crypt_filters::{Aes128CryptFilter, CryptFilter};
use lopdf::{
    Dictionary, Document, EncryptionState, EncryptionVersion, Object, ObjectId, Permissions, SaveOptions, Stream,
    StringFormat, dictionary,
};

// ---------------------------------------------------------------- PDF fixtures

/// One page of a fixture PDF: its size, an optional /Rotate and the marker it prints.
pub struct Spec {
    pub w: f64,
    pub h: f64,
    pub rotate: Option<i64>,
    pub marker: String,
}

pub fn a4(marker: &str) -> Spec {
    Spec { w: 595.0, h: 842.0, rotate: None, marker: marker.into() }
}

pub fn sized(w: f64, h: f64, marker: &str) -> Spec {
    Spec { w, h, rotate: None, marker: marker.into() }
}

/// A frame, an arrow pointing up and the marker at the top left: a rendered page shows at once
/// whether it is upright, scaled and whole.
pub fn page_content(w: f64, h: f64, marker: &str) -> Vec<u8> {
    format!(
        "q 0 0 0.8 RG 6 w 12 12 {} {} re S Q \
         q 0.8 0 0 rg {} {} m {} {} l {} {} l f Q \
         BT /F1 28 Tf 40 {} Td (MARK:{marker}) Tj ET\n",
        w - 24.0,
        h - 24.0,
        w / 2.0 - 40.0,
        h / 2.0,
        w / 2.0 + 40.0,
        h / 2.0,
        w / 2.0,
        h / 2.0 + 120.0,
        h - 70.0
    )
    .into_bytes()
}

pub struct Built {
    pub doc: Document,
    pub pages_id: ObjectId,
    pub page_ids: Vec<ObjectId>,
    pub font: ObjectId,
}

pub fn build_doc(specs: &[Spec]) -> Built {
    let mut doc = Document::with_version("1.5");
    let pages_id = doc.new_object_id();
    let font = doc.add_object(dictionary! {"Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Helvetica"});
    let resources = doc.add_object(dictionary! {"Font" => dictionary! {"F1" => font}});
    let mut page_ids = Vec::new();
    for s in specs {
        let content = doc.add_object(Stream::new(dictionary! {}, page_content(s.w, s.h, &s.marker)));
        let mut page = dictionary! {
            "Type" => "Page", "Parent" => pages_id,
            "MediaBox" => vec![0.into(), 0.into(), Object::Real(s.w as f32), Object::Real(s.h as f32)],
            "Contents" => content, "Resources" => resources,
        };
        if let Some(r) = s.rotate {
            page.set("Rotate", r);
        }
        page_ids.push(doc.add_object(page));
    }
    let kids: Vec<Object> = page_ids.iter().map(|&id| id.into()).collect();
    doc.objects.insert(
        pages_id,
        Object::Dictionary(dictionary! {"Type" => "Pages", "Kids" => kids, "Count" => specs.len() as i64}),
    );
    let catalog = doc.add_object(dictionary! {"Type" => "Catalog", "Pages" => pages_id});
    doc.trailer.set("Root", catalog);
    Built { doc, pages_id, page_ids, font }
}

pub fn save(doc: &mut Document) -> Vec<u8> {
    let mut bytes = Vec::new();
    doc.save_to(&mut bytes).expect("fixture saves");
    bytes
}

pub fn pdf(specs: &[Spec]) -> Vec<u8> {
    save(&mut build_doc(specs).doc)
}

/// MediaBox, Resources and Rotate only on the parent /Pages node.
pub fn inherited(marker: &str) -> Vec<u8> {
    let mut b = build_doc(&[sized(842.0, 595.0, marker)]);
    let page = b.doc.get_dictionary_mut(b.page_ids[0]).unwrap();
    let media = page.remove(b"MediaBox").unwrap();
    let resources = page.remove(b"Resources").unwrap();
    let pages = b.doc.get_dictionary_mut(b.pages_id).unwrap();
    pages.set("MediaBox", media);
    pages.set("Resources", resources);
    pages.set("Rotate", 90);
    save(&mut b.doc)
}

/// The same page object listed twice in /Kids.
pub fn shared_page(marker: &str) -> Vec<u8> {
    let mut b = build_doc(&[a4(marker)]);
    let id = b.page_ids[0];
    let pages = b.doc.get_dictionary_mut(b.pages_id).unwrap();
    pages.set("Kids", vec![id.into(), id.into()]);
    pages.set("Count", 2);
    save(&mut b.doc)
}

/// A page tree whose /Kids loop back up: the root lists the page and a node whose only kid is
/// the root again.
pub fn looping_tree(marker: &str) -> Vec<u8> {
    let mut b = build_doc(&[a4(marker)]);
    let back = b.doc.add_object(
        dictionary! {"Type" => "Pages", "Parent" => b.pages_id, "Kids" => vec![b.pages_id.into()], "Count" => 1},
    );
    let pages = b.doc.get_dictionary_mut(b.pages_id).unwrap();
    pages.set("Kids", vec![b.page_ids[0].into(), back.into()]);
    pages.set("Count", 2);
    save(&mut b.doc)
}

/// Filled form fields (text field, ticked checkbox, a field whose appearance borrows its font
/// from the AcroForm's /DR), a link, its own bookmarks and /PageLabels.
pub fn form(marker: &str) -> Vec<u8> {
    let mut b = build_doc(&[a4(marker)]);
    let doc = &mut b.doc;
    let helv = doc.add_object(dictionary! {"Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Helvetica"});
    let ap = |doc: &mut Document, text: &str, with_resources: bool| {
        let mut dict = dictionary! {"Type" => "XObject", "Subtype" => "Form", "BBox" => vec![0.into(), 0.into(), 200.into(), 30.into()]};
        if with_resources {
            dict.set("Resources", dictionary! {"Font" => dictionary! {"Helv" => helv}});
        }
        doc.add_object(Stream::new(dict, format!("BT /Helv 12 Tf 2 10 Td (MARK:{text}) Tj ET").into_bytes()))
    };
    let filled = ap(doc, "FILLED", true);
    let yes = ap(doc, "CHECKED", true);
    let off = ap(doc, "UNCHECKED", true);
    let borrowed = ap(doc, "BORROWED", false);
    let page = b.page_ids[0];
    let text = doc.add_object(dictionary! {
        "Type" => "Annot", "Subtype" => "Widget", "FT" => "Tx", "T" => Object::string_literal("name"),
        "V" => Object::string_literal("value"), "Rect" => vec![100.into(), 600.into(), 300.into(), 630.into()],
        "F" => 4, "P" => page, "AP" => dictionary! {"N" => filled},
    });
    let check = doc.add_object(dictionary! {
        "Type" => "Annot", "Subtype" => "Widget", "FT" => "Btn", "T" => Object::string_literal("tick"),
        "Rect" => vec![100.into(), 500.into(), 300.into(), 530.into()], "F" => 4, "P" => page,
        "AS" => "Yes", "AP" => dictionary! {"N" => dictionary! {"Yes" => yes, "Off" => off}},
    });
    let dr = doc.add_object(dictionary! {
        "Type" => "Annot", "Subtype" => "Widget", "FT" => "Tx", "T" => Object::string_literal("dr"),
        "Rect" => vec![100.into(), 400.into(), 300.into(), 430.into()], "P" => page, "AP" => dictionary! {"N" => borrowed},
    });
    let link = doc.add_object(dictionary! {
        "Type" => "Annot", "Subtype" => "Link", "Rect" => vec![0.into(), 0.into(), 50.into(), 50.into()],
        "A" => dictionary! {"S" => "URI", "URI" => Object::string_literal("http://example.invalid/")},
    });
    doc.get_dictionary_mut(page).unwrap().set("Annots", vec![text.into(), check.into(), dr.into(), link.into()]);
    let outline_item = doc.new_object_id();
    let outlines = doc
        .add_object(dictionary! {"Type" => "Outlines", "First" => outline_item, "Last" => outline_item, "Count" => 1});
    doc.objects.insert(
        outline_item,
        Object::Dictionary(dictionary! {"Title" => Object::string_literal("OLD BOOKMARK"), "Parent" => outlines, "Dest" => vec![page.into(), "Fit".into()]}),
    );
    let root = doc.trailer.get(b"Root").unwrap().as_reference().unwrap();
    let catalog = doc.get_dictionary_mut(root).unwrap();
    catalog.set("AcroForm", dictionary! {"Fields" => vec![text.into(), check.into(), dr.into()], "DR" => dictionary! {"Font" => dictionary! {"Helv" => helv}}});
    catalog.set("Outlines", outlines);
    catalog.set(
        "PageLabels",
        dictionary! {"Nums" => vec![0.into(), dictionary! {"S" => "A", "P" => Object::string_literal("OLD-")}.into()]},
    );
    save(doc)
}

pub fn object_streams(marker: &str) -> Vec<u8> {
    let mut doc = build_doc(&[a4(marker)]).doc;
    let mut bytes = Vec::new();
    doc.save_with_options(&mut bytes, SaveOptions::builder().use_object_streams(true).use_xref_streams(true).build())
        .unwrap();
    assert!(bytes.windows(6).any(|w| w == b"ObjStm"), "the fixture really has object streams");
    bytes
}

/// A second revision replaces the page's content; only the latest must show.
pub fn incremental(old: &str, new: &str) -> Vec<u8> {
    let b = build_doc(&[a4(old)]);
    let page = b.page_ids[0];
    let mut doc = b.doc;
    let base = save(&mut doc);
    let prev = Document::load_mem(&base).unwrap();
    let mut inc = lopdf::IncrementalDocument::create_from(base, prev);
    inc.opt_clone_object_to_new_document(page).unwrap();
    let content = inc.new_document.add_object(Stream::new(dictionary! {}, page_content(595.0, 842.0, new)));
    inc.new_document.get_dictionary_mut(page).unwrap().set("Contents", content);
    let mut bytes = Vec::new();
    inc.save_to(&mut bytes).unwrap();
    assert_eq!(bytes.windows(5).filter(|w| w == b"%%EOF").count(), 2, "two revisions");
    bytes
}

/// Encrypted: RC4-128 with an empty user password, or AES-128 with a real one.
pub fn encrypted(marker: &str, user_password: &str) -> Vec<u8> {
    let mut doc = build_doc(&[a4(marker)]).doc;
    let id = Object::String(b"0123456789abcdef".to_vec(), StringFormat::Hexadecimal);
    doc.trailer.set("ID", vec![id.clone(), id]);
    let version = if user_password.is_empty() {
        EncryptionVersion::V2 {
            document: &doc,
            owner_password: "owner",
            user_password,
            key_length: 128,
            permissions: Permissions::all(),
        }
    } else {
        let filter: Arc<dyn CryptFilter> = Arc::new(Aes128CryptFilter);
        EncryptionVersion::V4 {
            document: &doc,
            encrypt_metadata: true,
            crypt_filters: BTreeMap::from([(b"StdCF".to_vec(), filter)]),
            stream_filter: b"StdCF".to_vec(),
            string_filter: b"StdCF".to_vec(),
            owner_password: "owner",
            user_password,
            permissions: Permissions::all(),
        }
    };
    let state = EncryptionState::try_from(version).unwrap();
    doc.encrypt(&state).unwrap();
    let bytes = save(&mut doc);
    assert!(bytes.windows(8).any(|w| w == b"/Encrypt"));
    bytes
}

/// Every xref offset wrong (bytes inserted after the header), as after a bad transfer.
pub fn damaged_xref(marker: &str) -> Vec<u8> {
    let mut doc = build_doc(&[a4(marker)]).doc;
    doc.reference_table.cross_reference_type = lopdf::xref::XrefType::CrossReferenceTable;
    let bytes = save(&mut doc);
    let header_end = bytes.iter().position(|&b| b == b'\n').unwrap() + 1;
    let mut damaged = bytes[..header_end].to_vec();
    damaged.extend_from_slice(b"% inserted by a broken mail gateway\n");
    damaged.extend_from_slice(&bytes[header_end..]);
    damaged
}

/// A scanned PDF: each page one JPEG, as scanners write them.
pub fn jpeg_pdf(jpegs: &[Vec<u8>]) -> Vec<u8> {
    let specs: Vec<Spec> = jpegs.iter().map(|_| a4("")).collect();
    let mut b = build_doc(&specs);
    for (page, jpeg) in b.page_ids.iter().zip(jpegs) {
        let info = image::ImageReader::new(Cursor::new(jpeg)).with_guessed_format().unwrap().into_dimensions().unwrap();
        let image = b.doc.add_object(Stream::new(
            dictionary! {"Type" => "XObject", "Subtype" => "Image", "Width" => info.0, "Height" => info.1,
            "ColorSpace" => "DeviceRGB", "BitsPerComponent" => 8, "Filter" => "DCTDecode"},
            jpeg.clone(),
        ));
        let content = b.doc.add_object(Stream::new(dictionary! {}, b"q 595 0 0 842 0 0 cm /Im0 Do Q".to_vec()));
        let page = b.doc.get_dictionary_mut(*page).unwrap();
        page.set("Contents", content);
        page.set("Resources", dictionary! {"XObject" => dictionary! {"Im0" => image}});
    }
    save(&mut b.doc)
}

// ---------------------------------------------------------------- image fixtures

/// An RGB picture with a red bar along its top edge (so a render shows which way is up).
pub fn picture(w: u32, h: u32) -> RgbImage {
    RgbImage::from_fn(w, h, |x, y| {
        if y < h / 8 {
            Rgb([220, 30, 30])
        } else if (x / 8 + y / 8) % 2 == 0 {
            Rgb([240, 240, 240])
        } else {
            Rgb([60, 90, 160])
        }
    })
}

pub fn encode(image: DynamicImage, format: ImageFormat) -> Vec<u8> {
    let mut out = Cursor::new(Vec::new());
    image.write_to(&mut out, format).unwrap();
    out.into_inner()
}

/// A grey PNG whose header claims `w`×`h` pixels and whose data holds one row: what a hostile
/// or broken file looks like to a decoder that trusts the header.
pub fn claiming_png(w: u32, h: u32) -> Vec<u8> {
    let mut png = encode(DynamicImage::ImageLuma8(image::GrayImage::new(1, 1)), ImageFormat::Png);
    // IHDR: length at 8, "IHDR" at 12, width and height at 16, its CRC (over 12..29) at 29.
    png[16..20].copy_from_slice(&w.to_be_bytes());
    png[20..24].copy_from_slice(&h.to_be_bytes());
    let crc = crc32(&png[12..29]);
    png[29..33].copy_from_slice(&crc.to_be_bytes());
    png
}

fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &b in bytes {
        crc ^= u32::from(b);
        for _ in 0..8 {
            crc = if crc & 1 != 0 { (crc >> 1) ^ 0xEDB8_8320 } else { crc >> 1 };
        }
    }
    !crc
}

/// A JPEG stored sideways, as phones write them, with EXIF orientation `orientation`.
pub fn exif_jpeg(w: u32, h: u32, orientation: u8) -> Vec<u8> {
    let jpeg = encode(DynamicImage::ImageRgb8(picture(w, h)), ImageFormat::Jpeg);
    let mut exif = b"Exif\0\0MM\0\x2a\0\0\0\x08\0\x01\x01\x12\0\x03\0\0\0\x01\0".to_vec();
    exif.extend([orientation, 0, 0, 0, 0, 0, 0]);
    let mut out = jpeg[..2].to_vec();
    out.extend([0xFF, 0xE1]);
    out.extend(((exif.len() + 2) as u16).to_be_bytes());
    out.extend(exif);
    out.extend(&jpeg[2..]);
    out
}

pub fn png_with_alpha(w: u32, h: u32) -> Vec<u8> {
    let image = RgbaImage::from_fn(w, h, |x, _| Rgba([20, 120, 40, if x < w / 2 { 255 } else { 90 }]));
    encode(DynamicImage::ImageRgba8(image), ImageFormat::Png)
}

/// A TIFF with several pages of different sizes (gray and colour).
pub fn multipage_tiff(sizes: &[(u32, u32)]) -> Vec<u8> {
    let mut out = Cursor::new(Vec::new());
    let mut encoder = tiff::encoder::TiffEncoder::new(&mut out).unwrap();
    for (i, &(w, h)) in sizes.iter().enumerate() {
        if i % 2 == 0 {
            let gray: Vec<u8> = (0..w * h).map(|p| if (p % w) < w / 2 { 30 } else { 200 }).collect();
            encoder.write_image::<tiff::encoder::colortype::Gray8>(w, h, &gray).unwrap();
        } else {
            encoder.write_image::<tiff::encoder::colortype::RGB8>(w, h, picture(w, h).as_raw()).unwrap();
        }
    }
    out.into_inner()
}

/// A fax-style 1-bit TIFF (WhiteIsZero, uncompressed), written by hand as the tiff crate writes
/// no bilevel images: the top `black_rows` rows black, the rest white.
pub fn bilevel_tiff(width: u32, height: u32, black_rows: u32) -> Vec<u8> {
    let stride = width.div_ceil(8);
    let data: Vec<u8> =
        (0..height).flat_map(|y| std::iter::repeat_n(if y < black_rows { 0xFF } else { 0 }, stride as usize)).collect();
    let entries: [(u16, u16, u32); 8] = [
        (256, 4, width),             // ImageWidth
        (257, 4, height),            // ImageLength
        (258, 3, 1),                 // BitsPerSample
        (259, 3, 1),                 // Compression: none
        (262, 3, 0),                 // PhotometricInterpretation: WhiteIsZero
        (273, 4, 8),                 // StripOffsets
        (278, 4, height),            // RowsPerStrip
        (279, 4, data.len() as u32), // StripByteCounts
    ];
    let mut t = b"II*\0".to_vec();
    t.extend((8 + data.len() as u32).to_le_bytes());
    t.extend(&data);
    t.extend((entries.len() as u16).to_le_bytes());
    for (tag, kind, value) in entries {
        t.extend(tag.to_le_bytes());
        t.extend(kind.to_le_bytes());
        t.extend(1u32.to_le_bytes());
        if kind == 3 {
            t.extend((value as u16).to_le_bytes());
            t.extend([0, 0]);
        } else {
            t.extend(value.to_le_bytes());
        }
    }
    t.extend(0u32.to_le_bytes());
    t
}

/// What offices save as ".pdf" that is not one.
pub fn impostors() -> Vec<(&'static str, Vec<u8>)> {
    let mut docx = b"PK\x03\x04\x14\0\x06\0\x08\0\0\0!\0".to_vec();
    docx.extend(b"\0\0\0\0\0\0\0\0\0\0\0\0\x13\0\0\0[Content_Types].xml....PK\x03\x04word/document.xml");
    vec![
        (
            "网页另存.pdf",
            b"<!DOCTYPE html>\n<html><head><title>\xe8\xaf\x81\xe4\xb9\xa6</title></head></html>".to_vec(),
        ),
        ("空文件.pdf", Vec::new()),
        ("手机照片.jpg", b"\0\0\0\x18ftypheic\0\0\0\0mif1heic".to_vec()),
        ("改名的文档.pdf", docx),
        ("损坏.pdf", b"%PDF-1.4\n1 0 obj garbage garbage\n%%EOF\n".to_vec()),
    ]
}

// ---------------------------------------------------------------- the renderer dossier plugs in

/// Stand-in for dossier's PDF engine: plain A4 pages whose content says what they are, so the
/// tests can read the 目录 back.
#[derive(Default)]
pub struct TestPages {
    /// Every 目录 the assembler asked for.
    pub tocs: RefCell<Vec<Vec<TocEntry>>>,
    /// 目录 lines per page (small, so a 目录 runs to two pages).
    pub lines_per_page: usize,
}

impl TestPages {
    pub fn new() -> Self {
        TestPages { tocs: RefCell::new(Vec::new()), lines_per_page: 12 }
    }
}

/// A document as dossier's typesetter hands it on, one page per list of lines, each line a
/// `MARK:` the tests read back.
pub fn typeset(pages: &[Vec<String>]) -> Arc<Typeset> {
    let page = |lines: &Vec<String>| {
        let mut content = String::from("BT /F1 14 Tf 60 780 Td 18 TL\n");
        for line in lines {
            content.push_str(&format!("(MARK:{line}) '\n"));
        }
        content.push_str("ET\n");
        TypesetPage {
            orientation: Orientation::Portrait,
            content: deflate(content.as_bytes()),
            number: None,
            headings: vec![],
        }
    };
    Arc::new(Typeset {
        meta: Meta::default(),
        pages: pages.iter().map(page).collect(),
        resources: dictionary! {"Font" => dictionary! {"F1" => (1, 0)}},
        objects: vec![Object::Dictionary(
            dictionary! {"Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Helvetica"},
        )],
    })
}

impl Pages for TestPages {
    fn cover(&self) -> Result<Arc<Typeset>, PagesError> {
        Ok(typeset(&[vec!["COVER".into()]]))
    }

    fn contents(&self, toc: &[TocEntry]) -> Result<Arc<Typeset>, PagesError> {
        self.tocs.borrow_mut().push(toc.to_vec());
        let lines: Vec<String> = toc.iter().map(|e| format!("TOC:{}:{}", e.number, e.page)).collect();
        let pages: Vec<Vec<String>> = lines.chunks(self.lines_per_page.max(1)).map(|c| c.to_vec()).collect();
        Ok(typeset(&pages))
    }

    fn empty_item(&self, number: usize, _title: &str) -> Result<Arc<Typeset>, PagesError> {
        Ok(typeset(&[vec![format!("EMPTY:{number}")]]))
    }

    fn refused(&self, _title: &str, file: &Path, _reason: &str) -> Result<Arc<Typeset>, PagesError> {
        let name = file.file_name().unwrap().to_string_lossy().into_owned();
        Ok(typeset(&[vec![format!("REFUSED:{}", name.len())]]))
    }
}

// ---------------------------------------------------------------- reading a built volume

/// A bookmark: title, page index, and the bookmarks under it (title, page index).
pub type Bookmark = (String, usize, Vec<(String, usize)>);

pub struct Volume {
    pub doc: Document,
    pub pages: Vec<ObjectId>,
}

impl Volume {
    pub fn open(path: &Path) -> Volume {
        let doc = Document::load(path).expect("the volume opens");
        assert!(doc.xref_recovery.is_none(), "the volume's xref is read as written");
        let pages = doc.page_iter().collect();
        Volume { doc, pages }
    }

    pub fn resolve<'a>(&'a self, object: &'a Object) -> &'a Object {
        match object {
            Object::Reference(id) => self.doc.get_object(*id).unwrap(),
            other => other,
        }
    }

    pub fn page(&self, index: usize) -> &Dictionary {
        self.doc.get_dictionary(self.pages[index]).unwrap()
    }

    /// Page size as shown (after /Rotate).
    pub fn shown_size(&self, index: usize) -> (f64, f64) {
        let page = self.page(index);
        let media: Vec<f64> = self
            .resolve(page.get(b"MediaBox").unwrap())
            .as_array()
            .unwrap()
            .iter()
            .map(|o| o.as_float().unwrap() as f64)
            .collect();
        let (w, h) = (media[2] - media[0], media[3] - media[1]);
        let rotate = page.get(b"Rotate").and_then(Object::as_i64).unwrap_or(0);
        if rotate % 180 == 0 { (w, h) } else { (h, w) }
    }

    pub fn xobjects(&self, index: usize) -> Vec<(String, ObjectId)> {
        let page = self.page(index);
        let Ok(resources) = page.get(b"Resources").map(|r| self.resolve(r)).and_then(Object::as_dict) else {
            return vec![];
        };
        let Ok(xobjects) = resources.get(b"XObject").map(|x| self.resolve(x)).and_then(Object::as_dict) else {
            return vec![];
        };
        xobjects.iter().map(|(k, v)| (String::from_utf8_lossy(k).into_owned(), v.as_reference().unwrap())).collect()
    }

    /// The markers the page shows: MARK:… strings in its forms, IMG:w×h for its images.
    pub fn markers(&self, index: usize) -> Vec<String> {
        let mut found = Vec::new();
        for (name, id) in self.xobjects(index) {
            if name == "Draft" {
                continue;
            }
            let stream = self.doc.get_object(id).unwrap().as_stream().unwrap();
            if stream.dict.get(b"Subtype").unwrap().as_name().unwrap() == b"Image" {
                let w = stream.dict.get(b"Width").unwrap().as_i64().unwrap();
                let h = stream.dict.get(b"Height").unwrap().as_i64().unwrap();
                found.push(format!("IMG:{w}x{h}"));
                continue;
            }
            let content = stream.get_plain_content().unwrap();
            let text = String::from_utf8_lossy(&content);
            for part in text.split("(MARK:").skip(1) {
                found.push(part.split(')').next().unwrap().to_string());
            }
        }
        found
    }

    /// The text a reader copies from a page: the volume wraps each page in a form XObject,
    /// which lopdf's text extraction does not enter, so the form is lifted onto the page of a
    /// copy first.
    pub fn text(&self, index: usize) -> String {
        let mut doc = self.doc.clone();
        let mut text = String::new();
        for (name, id) in self.xobjects(index) {
            let Ok(form) = self.doc.get_object(id).and_then(Object::as_stream) else { continue };
            if name == "Draft" || form.dict.get(b"Subtype").and_then(Object::as_name).ok() != Some(b"Form".as_slice()) {
                continue;
            }
            let content = form.get_plain_content().unwrap_or_default();
            let resources = form.dict.get(b"Resources").cloned().unwrap_or(Object::Dictionary(Dictionary::new()));
            let contents = doc.add_object(Stream::new(Dictionary::new(), content));
            let page = doc.get_object_mut(self.pages[index]).unwrap().as_dict_mut().unwrap();
            page.set("Contents", contents);
            page.set("Resources", resources);
            text.push_str(&doc.extract_text(&[index as u32 + 1]).unwrap_or_default());
        }
        text
    }

    pub fn content_streams(&self, index: usize) -> Vec<Vec<u8>> {
        self.doc
            .get_page_contents(self.pages[index])
            .iter()
            .map(|id| self.doc.get_object(*id).unwrap().as_stream().unwrap().get_plain_content().unwrap())
            .collect()
    }

    /// The number stamped on the page, read from its last (overlay) content stream.
    pub fn stamped_number(&self, index: usize) -> Option<u32> {
        let overlay = self.content_streams(index).pop()?;
        let content = Content::decode(&overlay).ok()?;
        let tj = content.operations.iter().find(|op| op.operator == "Tj")?;
        let bytes = tj.operands[0].as_str().ok()?;
        assert_eq!(bytes.first(), Some(&0x97), "an em dash (WinAnsi 0x97) opens the number");
        assert_eq!(bytes.last(), Some(&0x97), "an em dash closes the number");
        let digits: String = bytes.iter().filter(|b| b.is_ascii_digit()).map(|&b| b as char).collect();
        digits.parse().ok()
    }

    /// The x of the stamped number's text matrix.
    pub fn stamp_x(&self, index: usize) -> f64 {
        let overlay = self.content_streams(index).pop().unwrap();
        let content = Content::decode(&overlay).unwrap();
        let tm = content.operations.iter().find(|op| op.operator == "Tm").unwrap();
        tm.operands[4].as_float().unwrap() as f64
    }

    pub fn page_index(&self, id: ObjectId) -> usize {
        self.pages.iter().position(|&p| p == id).expect("a bookmark points at a page of the volume")
    }

    /// (title, page index, children)
    pub fn outline(&self) -> Vec<Bookmark> {
        let catalog = self.doc.catalog().unwrap();
        let outlines = self.resolve(catalog.get(b"Outlines").unwrap()).as_dict().unwrap();
        self.level(outlines.get(b"First").ok())
            .into_iter()
            .map(|(title, page, id)| {
                let node = self.doc.get_dictionary(id).unwrap();
                let children = self.level(node.get(b"First").ok()).into_iter().map(|(t, p, _)| (t, p)).collect();
                (title, page, children)
            })
            .collect()
    }

    fn level(&self, first: Option<&Object>) -> Vec<(String, usize, ObjectId)> {
        let mut out = Vec::new();
        let mut next = first.and_then(|o| o.as_reference().ok());
        while let Some(id) = next {
            let node = self.doc.get_dictionary(id).unwrap();
            let title = lopdf::decode_text_string(node.get(b"Title").unwrap()).unwrap();
            let dest = node.get(b"Dest").unwrap().as_array().unwrap();
            out.push((title, self.page_index(dest[0].as_reference().unwrap()), id));
            next = node.get(b"Next").ok().and_then(|o| o.as_reference().ok());
        }
        out
    }

    /// The viewer's label of every page, from /PageLabels.
    pub fn labels(&self) -> Vec<String> {
        let catalog = self.doc.catalog().unwrap();
        let labels = self.resolve(catalog.get(b"PageLabels").unwrap()).as_dict().unwrap();
        let nums = labels.get(b"Nums").unwrap().as_array().unwrap();
        let ranges: Vec<(usize, &Dictionary)> =
            nums.chunks(2).map(|c| (c[0].as_i64().unwrap() as usize, self.resolve(&c[1]).as_dict().unwrap())).collect();
        (0..self.pages.len())
            .map(|i| {
                let (start, style) = ranges.iter().rev().find(|(s, _)| *s <= i).unwrap();
                let n = i - start + 1;
                match style.get(b"S").ok().and_then(|s| s.as_name().ok()) {
                    Some(b"D") => n.to_string(),
                    Some(b"r") => roman(n),
                    other => panic!("unexpected label style {other:?}"),
                }
            })
            .collect()
    }
}

fn roman(mut n: usize) -> String {
    let table = [(10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")];
    let mut out = String::new();
    for (value, text) in table {
        while n >= value {
            out.push_str(text);
            n -= value;
        }
    }
    out
}

/// Where a test's volumes go: a temporary directory, or `DOSSIER_VOLUME_OUT` (for
/// tools/check-volumes.sh, which runs qpdf and poppler over them).
pub fn out_dir(test: &str) -> (Option<tempfile::TempDir>, PathBuf) {
    match std::env::var_os("DOSSIER_VOLUME_OUT") {
        Some(dir) => {
            let dir = PathBuf::from(dir).join(test);
            std::fs::create_dir_all(&dir).unwrap();
            (None, dir)
        }
        None => {
            let temp = tempfile::tempdir().unwrap();
            let path = temp.path().to_path_buf();
            (Some(temp), path)
        }
    }
}

pub fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

pub fn count_by<T: std::hash::Hash + Eq>(items: impl IntoIterator<Item = T>) -> HashMap<T, usize> {
    let mut map = HashMap::new();
    for item in items {
        *map.entry(item).or_insert(0) += 1;
    }
    map
}

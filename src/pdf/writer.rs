//! A streaming PDF writer, for the forms' own PDFs and the volumes alike: objects go to the output
//! as soon as they exist, so memory holds one input at a time instead of the whole volume (qpdf
//! streams the same way). Offsets are kept for the cross-reference table written at the end.
//! Objects use lopdf's own serializer, so every byte matches what `Document::save` would write
//! for the same object; the file's /ID is the hash of its content.

use std::io::{self, Write};

use lopdf::{Dictionary, Object, ObjectId};

pub(crate) struct PdfWriter<W: Write> {
    out: Counting<W>,
    /// Byte offset of every object, indexed by object number (0 unused); `None` until written.
    offsets: Vec<Option<u64>>,
}

/// Counts and hashes everything written: offsets for the xref, a content hash for the /ID.
struct Counting<W: Write> {
    inner: W,
    position: u64,
    hash: blake3::Hasher,
}

impl<W: Write> Write for Counting<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.position += n as u64;
        self.hash.update(&buf[..n]);
        Ok(n)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

impl<W: Write> PdfWriter<W> {
    pub fn new(inner: W) -> io::Result<Self> {
        let mut out = Counting { inner, position: 0, hash: blake3::Hasher::new() };
        // The comment of high bytes tells transfer tools the file is binary.
        out.write_all(b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n")?;
        Ok(PdfWriter { out, offsets: vec![None] })
    }

    /// Reserves an object number; the object may be written later, in any order.
    pub fn alloc(&mut self) -> ObjectId {
        self.offsets.push(None);
        ((self.offsets.len() - 1) as u32, 0)
    }

    fn begin(&mut self, id: ObjectId) -> io::Result<()> {
        let slot = self
            .offsets
            .get_mut(id.0 as usize)
            .ok_or_else(|| io::Error::other(format!("object {} was never allocated", id.0)))?;
        *slot = Some(self.out.position);
        writeln!(self.out, "{} 0 obj", id.0)
    }

    /// Writes an object; a stream gets its /Length from its content.
    pub fn write(&mut self, id: ObjectId, object: Object) -> io::Result<()> {
        match object {
            Object::Stream(stream) => self.write_stream(id, stream.dict, &stream.content),
            object => {
                self.begin(id)?;
                if lopdf::Writer::need_separator(&object) {
                    self.out.write_all(b" ")?;
                }
                lopdf::Writer::write_object(&mut self.out, &object)?;
                self.out.write_all(b"\nendobj\n")
            }
        }
    }

    /// Writes a stream from borrowed data (a JPEG passes from the file to the output this way).
    pub fn write_stream(&mut self, id: ObjectId, mut dict: Dictionary, data: &[u8]) -> io::Result<()> {
        dict.set("Length", data.len() as i64);
        self.begin(id)?;
        lopdf::Writer::write_object(&mut self.out, &Object::Dictionary(dict))?;
        self.out.write_all(b"stream\n")?;
        self.out.write_all(data)?;
        self.out.write_all(b"\nendstream\nendobj\n")
    }

    /// Writes the cross-reference table and trailer and returns the sink. An id reserved but never
    /// written becomes `null`, so the table never points at nothing.
    pub fn finish(mut self, root: ObjectId, info: ObjectId) -> io::Result<W> {
        for number in 1..self.offsets.len() {
            if self.offsets[number].is_none() {
                self.write((number as u32, 0), Object::Null)?;
            }
        }
        // The /ID comes from the content, so equal volumes are equal files.
        let digest = self.out.hash.finalize();
        let id = Object::String(digest.as_bytes()[..16].to_vec(), lopdf::StringFormat::Hexadecimal);
        let start = self.out.position;
        write!(self.out, "xref\n0 {}\n0000000000 65535 f \n", self.offsets.len())?;
        for offset in self.offsets.iter().skip(1) {
            writeln!(self.out, "{:010} 00000 n ", offset.unwrap_or(0))?;
        }
        let mut trailer = Dictionary::new();
        trailer.set("Size", self.offsets.len() as i64);
        trailer.set("Root", root);
        trailer.set("Info", info);
        trailer.set("ID", vec![id.clone(), id]);
        self.out.write_all(b"trailer\n")?;
        lopdf::Writer::write_object(&mut self.out, &Object::Dictionary(trailer))?;
        write!(self.out, "\nstartxref\n{start}\n%%EOF\n")?;
        self.out.flush()?;
        Ok(self.out.inner)
    }
}

/// A number as content streams want it: no exponent, at most 4 decimals, no "-0".
pub(crate) fn number(v: f64) -> String {
    let v = if v.is_finite() { (v * 10000.0).round() / 10000.0 } else { 0.0 };
    let text = format!("{v:.4}");
    let text = text.trim_end_matches('0').trim_end_matches('.');
    match text {
        "-0" | "" => "0".to_string(),
        t => t.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_written_file_reads_back_with_lopdf() {
        let mut w = PdfWriter::new(Vec::new()).unwrap();
        let catalog = w.alloc();
        let pages = w.alloc();
        let info = w.alloc();
        let page = w.alloc();
        let content = w.alloc();
        w.write_stream(content, Dictionary::new(), b"0 0 m 10 10 l S").unwrap();
        let mut p = Dictionary::new();
        p.set("Type", "Page");
        p.set("Parent", pages);
        p.set("MediaBox", vec![0.into(), 0.into(), 595.into(), 842.into()]);
        p.set("Contents", content);
        w.write(page, Object::Dictionary(p)).unwrap();
        w.write(
            pages,
            Object::Dictionary(lopdf::dictionary! {"Type" => "Pages", "Kids" => vec![page.into()], "Count" => 1}),
        )
        .unwrap();
        w.write(catalog, Object::Dictionary(lopdf::dictionary! {"Type" => "Catalog", "Pages" => pages})).unwrap();
        let bytes = w.finish(catalog, info).unwrap();
        let doc = lopdf::Document::load_mem(&bytes).unwrap();
        assert_eq!(doc.get_pages().len(), 1);
        assert!(doc.xref_recovery.is_none());
        assert!(doc.get_page_content(page).starts_with(b"0 0 m 10 10 l S"));
    }

    #[test]
    fn numbers_are_plain() {
        assert_eq!(number(-0.00001), "0");
        assert_eq!(number(595.28), "595.28");
        assert_eq!(number(2.0), "2");
        assert_eq!(number(f64::NAN), "0");
    }
}

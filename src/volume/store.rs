//! The cache hook: an image file's normalised pictures (decoded, scaled, compressed again —
//! the costly part of binding a PNG, TIFF or oversized photo) kept between builds under the
//! hash of the file and of how it is fitted. The volume writes the same bytes either way: a
//! stored value is exactly what the decoders produced, and one that does not read back whole
//! is computed again.

use ::image::metadata::Orientation;
use lopdf::{Dictionary, Object, StringFormat};

use super::geometry::Rect;
use super::image::{self, Picture};
use super::sniff::Kind;

/// Where a build keeps values between builds (dossier's build cache is one). Keys are
/// content hashes; a store may lose or refuse any value, at the cost of computing it again.
pub trait Store: Sync {
    fn get(&self, key: &[u8; 32]) -> Option<Vec<u8>>;
    fn put(&self, key: &[u8; 32], payload: &[u8]);
    /// Whether a value is there (cheaper than reading it; it may still fail its check).
    fn contains(&self, key: &[u8; 32]) -> bool;
}

/// Keeps nothing: every file is normalised afresh.
pub struct NoStore;

impl Store for NoStore {
    fn get(&self, _: &[u8; 32]) -> Option<Vec<u8>> {
        None
    }

    fn put(&self, _: &[u8; 32], _: &[u8]) {}

    fn contains(&self, _: &[u8; 32]) -> bool {
        false
    }
}

/// Bumped whenever what `image::pictures` produces for the same file changes, or the key does.
const FORMAT: &[u8] = b"pictures-2";

/// An image file and how it is fitted: all its pictures depend on.
pub(super) struct Scan<'a> {
    pub bytes: &'a [u8],
    pub kind: Kind,
    pub area: &'a Rect,
    pub max_dpi: u32,
}

impl Scan<'_> {
    /// A JPEG that goes in as it is (or is refused) has nothing worth keeping.
    fn worth_keeping(&self) -> bool {
        !image::passes_through(self.bytes, self.kind, self.area, self.max_dpi)
    }

    /// The key of its pictures, from the hash of the file's bytes (`digest`) and the fitting.
    fn key(&self, digest: &[u8; 32]) -> [u8; 32] {
        blake3::Hasher::new()
            .update(FORMAT)
            .update(format!("{:?} {} {} {}", self.kind, self.max_dpi, self.area.width(), self.area.height()).as_bytes())
            .update(digest)
            .finalize()
            .into()
    }
}

/// The pictures of an image file, from `store` when it has them, else from `compute` (then
/// stored). A JPEG that goes in as it is is never stored: reading it is all it costs.
pub(super) fn pictures(
    store: &dyn Store,
    scan: &Scan,
    compute: impl FnOnce() -> Result<Vec<Picture>, String>,
) -> Result<Vec<Picture>, String> {
    if !scan.worth_keeping() {
        return compute();
    }
    let key = scan.key(blake3::hash(scan.bytes).as_bytes());
    if let Some(pictures) = store.get(&key).and_then(|payload| decode(&payload)) {
        return Ok(pictures);
    }
    let pictures = compute()?;
    store.put(&key, &encode(&pictures));
    Ok(pictures)
}

/// Computes and stores the pictures of an image file unless `store` has them already; `digest`
/// is the hash of the file's bytes.
pub(super) fn prepare(
    store: &dyn Store,
    scan: &Scan,
    digest: &[u8; 32],
    compute: impl FnOnce() -> Result<Vec<Picture>, String>,
) {
    if !scan.worth_keeping() {
        return;
    }
    let key = scan.key(digest);
    if !store.contains(&key)
        && let Ok(pictures) = compute()
    {
        store.put(&key, &encode(&pictures));
    }
}

fn encode(pictures: &[Picture]) -> Vec<u8> {
    let mut out = Vec::new();
    put_len(&mut out, pictures.len());
    for p in pictures {
        out.extend(p.width.to_le_bytes());
        out.extend(p.height.to_le_bytes());
        out.push(p.orientation.to_exif());
        put_dict(&mut out, &p.dict);
        put_bytes(&mut out, &p.data);
        match &p.smask {
            None => out.push(0),
            Some((dict, data)) => {
                out.push(1);
                put_dict(&mut out, dict);
                put_bytes(&mut out, data);
            }
        }
    }
    out
}

/// The pictures `encode` wrote, or `None` for anything else (never a panic).
fn decode(payload: &[u8]) -> Option<Vec<Picture>> {
    let mut r = Reader(payload);
    let count = r.len()?;
    let mut pictures = Vec::new();
    for _ in 0..count {
        let width = r.u32()?;
        let height = r.u32()?;
        let orientation = Orientation::from_exif(r.u8()?)?;
        let dict = r.dict(0)?;
        let data = r.bytes()?.to_vec();
        let smask = match r.u8()? {
            0 => None,
            1 => Some((r.dict(0)?, r.bytes()?.to_vec())),
            _ => return None,
        };
        pictures.push(Picture { dict, data, smask, width, height, orientation });
    }
    r.0.is_empty().then_some(pictures)
}

// Objects as a tag byte and their value; lengths as u64, little-endian throughout.
const NULL: u8 = 0;
const BOOLEAN: u8 = 1;
const INTEGER: u8 = 2;
const REAL: u8 = 3;
const NAME: u8 = 4;
const LITERAL: u8 = 5;
const HEXADECIMAL: u8 = 6;
const ARRAY: u8 = 7;
const DICTIONARY: u8 = 8;
const REFERENCE: u8 = 9;
/// Image dictionaries are flat; anything deeper is not an entry this module wrote.
const DEPTH: usize = 16;

fn put_len(out: &mut Vec<u8>, len: usize) {
    out.extend((len as u64).to_le_bytes());
}

fn put_bytes(out: &mut Vec<u8>, bytes: &[u8]) {
    put_len(out, bytes.len());
    out.extend(bytes);
}

fn put_dict(out: &mut Vec<u8>, dict: &Dictionary) {
    put_len(out, dict.len());
    for (key, value) in dict.iter() {
        put_bytes(out, key);
        put_object(out, value);
    }
}

fn put_object(out: &mut Vec<u8>, object: &Object) {
    match object {
        Object::Null => out.push(NULL),
        Object::Boolean(b) => out.extend([BOOLEAN, u8::from(*b)]),
        Object::Integer(i) => {
            out.push(INTEGER);
            out.extend(i.to_le_bytes());
        }
        Object::Real(r) => {
            out.push(REAL);
            out.extend(r.to_bits().to_le_bytes());
        }
        Object::Name(name) => {
            out.push(NAME);
            put_bytes(out, name);
        }
        Object::String(text, format) => {
            out.push(if *format == StringFormat::Literal { LITERAL } else { HEXADECIMAL });
            put_bytes(out, text);
        }
        Object::Array(items) => {
            out.push(ARRAY);
            put_len(out, items.len());
            items.iter().for_each(|item| put_object(out, item));
        }
        Object::Dictionary(dict) => {
            out.push(DICTIONARY);
            put_dict(out, dict);
        }
        // Pictures hold no streams; written as null, which `decode` accepts as such.
        Object::Stream(_) => out.push(NULL),
        Object::Reference((number, generation)) => {
            out.push(REFERENCE);
            out.extend(number.to_le_bytes());
            out.extend(generation.to_le_bytes());
        }
    }
}

struct Reader<'a>(&'a [u8]);

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        let (head, rest) = self.0.split_at_checked(n)?;
        self.0 = rest;
        Some(head)
    }

    fn u8(&mut self) -> Option<u8> {
        Some(self.take(1)?[0])
    }

    fn u32(&mut self) -> Option<u32> {
        Some(u32::from_le_bytes(self.take(4)?.try_into().ok()?))
    }

    fn u64(&mut self) -> Option<u64> {
        Some(u64::from_le_bytes(self.take(8)?.try_into().ok()?))
    }

    /// A count or length; never more than the bytes left, so a bad one cannot ask for memory.
    fn len(&mut self) -> Option<usize> {
        usize::try_from(self.u64()?).ok().filter(|&n| n <= self.0.len())
    }

    fn bytes(&mut self) -> Option<&'a [u8]> {
        let n = self.len()?;
        self.take(n)
    }

    fn dict(&mut self, depth: usize) -> Option<Dictionary> {
        let mut dict = Dictionary::new();
        for _ in 0..self.len()? {
            let key = self.bytes()?.to_vec();
            dict.set(key, self.object(depth + 1)?);
        }
        Some(dict)
    }

    fn object(&mut self, depth: usize) -> Option<Object> {
        if depth > DEPTH {
            return None;
        }
        Some(match self.u8()? {
            NULL => Object::Null,
            BOOLEAN => Object::Boolean(self.u8()? != 0),
            INTEGER => Object::Integer(i64::from_le_bytes(self.take(8)?.try_into().ok()?)),
            REAL => Object::Real(f32::from_bits(self.u32()?)),
            NAME => Object::Name(self.bytes()?.to_vec()),
            LITERAL => Object::String(self.bytes()?.to_vec(), StringFormat::Literal),
            HEXADECIMAL => Object::String(self.bytes()?.to_vec(), StringFormat::Hexadecimal),
            ARRAY => {
                let count = self.len()?;
                let mut items = Vec::new();
                for _ in 0..count {
                    items.push(self.object(depth + 1)?);
                }
                Object::Array(items)
            }
            DICTIONARY => Object::Dictionary(self.dict(depth)?),
            REFERENCE => Object::Reference((self.u32()?, u16::from_le_bytes(self.take(2)?.try_into().ok()?))),
            _ => return None,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use lopdf::dictionary;

    fn sample() -> Vec<Picture> {
        vec![Picture {
            dict: dictionary! {
                "Type" => "XObject", "Width" => 3, "Decode" => vec![1.into(), 0.into()], "Gamma" => 2.2,
                "Nested" => dictionary! {"On" => true, "Ref" => (4, 0), "Text" => Object::string_literal("文")},
            },
            data: vec![1, 2, 3],
            smask: Some((dictionary! {"Type" => "XObject"}, vec![9; 40])),
            width: 3,
            height: 1,
            orientation: Orientation::Rotate90,
        }]
    }

    #[test]
    fn pictures_read_back_exactly() {
        let decoded = decode(&encode(&sample())).unwrap();
        let original = sample();
        assert_eq!(decoded.len(), 1);
        let (a, b) = (&decoded[0], &original[0]);
        assert_eq!((a.width, a.height, a.orientation), (b.width, b.height, b.orientation));
        assert_eq!((&a.dict, &a.data, &a.smask), (&b.dict, &b.data, &b.smask));
    }

    #[test]
    fn any_cut_or_garbage_decodes_to_nothing_without_panicking() {
        let bytes = encode(&sample());
        for end in 0..bytes.len() {
            assert!(decode(&bytes[..end]).is_none(), "cut at {end}");
        }
        let mut longer = bytes.clone();
        longer.push(0);
        assert!(decode(&longer).is_none());
        for i in 0..bytes.len() {
            let mut flipped = bytes.clone();
            flipped[i] ^= 0xFF;
            let _ = decode(&flipped);
        }
    }
}

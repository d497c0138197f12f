//! The cache hook: an image file's normalised pictures (decoded, scaled, compressed again —
//! the costly part of binding a PNG, TIFF or oversized photo) kept between builds under the
//! hash of the file and of how it is fitted. The volume writes the same bytes either way: a
//! stored value is exactly what the decoders produced, and one that does not read back whole
//! is computed again.

use super::image::{self, Picture};
use super::placement::Rect;
use super::sniff::Kind;
use crate::pdf::codec::{Reader, put_bytes, put_dict, put_len};
use ::image::metadata::Orientation;

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
    r.is_done().then_some(pictures)
}

#[cfg(test)]
mod tests {
    use super::*;
    use lopdf::{Object, dictionary};

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

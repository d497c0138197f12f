//! lopdf objects as bytes and back, for what the build cache keeps (normalised pictures, typeset
//! documents). Reading never panics and never asks for more memory than the bytes it reads: an
//! entry that does not read back whole is `None`, and the value is computed again.

use lopdf::{Dictionary, Object, Stream, StringFormat};

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
const STREAM: u8 = 10;
/// What dossier stores is shallow (image dictionaries, fonts); anything deeper is not an entry
/// this module wrote.
const DEPTH: usize = 16;

pub(crate) fn put_len(out: &mut Vec<u8>, len: usize) {
    out.extend((len as u64).to_le_bytes());
}

pub(crate) fn put_bytes(out: &mut Vec<u8>, bytes: &[u8]) {
    put_len(out, bytes.len());
    out.extend(bytes);
}

pub(crate) fn put_dict(out: &mut Vec<u8>, dict: &Dictionary) {
    put_len(out, dict.len());
    for (key, value) in dict.iter() {
        put_bytes(out, key);
        put_object(out, value);
    }
}

pub(crate) fn put_object(out: &mut Vec<u8>, object: &Object) {
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
        Object::Stream(stream) => {
            out.push(STREAM);
            put_dict(out, &stream.dict);
            put_bytes(out, &stream.content);
        }
        Object::Reference((number, generation)) => {
            out.push(REFERENCE);
            out.extend(number.to_le_bytes());
            out.extend(generation.to_le_bytes());
        }
    }
}

pub(crate) struct Reader<'a>(pub &'a [u8]);

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        let (head, rest) = self.0.split_at_checked(n)?;
        self.0 = rest;
        Some(head)
    }

    pub fn u8(&mut self) -> Option<u8> {
        Some(self.take(1)?[0])
    }

    pub fn u32(&mut self) -> Option<u32> {
        Some(u32::from_le_bytes(self.take(4)?.try_into().ok()?))
    }

    pub fn u64(&mut self) -> Option<u64> {
        Some(u64::from_le_bytes(self.take(8)?.try_into().ok()?))
    }

    /// A count or length; never more than the bytes left, so a bad one cannot ask for memory.
    pub fn len(&mut self) -> Option<usize> {
        usize::try_from(self.u64()?).ok().filter(|&n| n <= self.0.len())
    }

    pub fn bytes(&mut self) -> Option<&'a [u8]> {
        let n = self.len()?;
        self.take(n)
    }

    pub fn dict(&mut self, depth: usize) -> Option<Dictionary> {
        let mut dict = Dictionary::new();
        for _ in 0..self.len()? {
            let key = self.bytes()?.to_vec();
            dict.set(key, self.object(depth + 1)?);
        }
        Some(dict)
    }

    pub fn object(&mut self, depth: usize) -> Option<Object> {
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
            STREAM => {
                let dict = self.dict(depth + 1)?;
                Object::Stream(Stream::new(dict, self.bytes()?.to_vec()))
            }
            _ => return None,
        })
    }

    /// Whether every byte has been read.
    pub fn is_done(&self) -> bool {
        self.0.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use lopdf::dictionary;

    #[test]
    fn objects_read_back_exactly_and_garbage_reads_as_nothing() {
        let object = Object::Array(vec![
            Object::Dictionary(dictionary! {
                "Type" => "XObject", "Width" => 3, "Decode" => vec![1.into(), 0.into()], "Gamma" => 2.2,
                "Nested" => dictionary! {"On" => true, "Ref" => (4, 0), "Text" => Object::string_literal("文")},
            }),
            Object::Stream(Stream::new(dictionary! {"Length1" => 3}, vec![1, 2, 3])),
            Object::Null,
            Object::String(vec![0xFE, 0xFF], StringFormat::Hexadecimal),
        ]);
        let mut bytes = Vec::new();
        put_object(&mut bytes, &object);
        let mut r = Reader(&bytes);
        assert_eq!(r.object(0), Some(object));
        assert!(r.is_done());
        for end in 0..bytes.len() {
            let mut cut = Reader(&bytes[..end]);
            assert!(cut.object(0).is_none(), "cut at {end}");
        }
    }
}

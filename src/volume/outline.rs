//! Navigation of the finished volume: bookmarks (one per item, one per file under it) and the
//! /PageLabels that make the viewer's page box show the printed numbers.

use std::io::{self, Write};

use lopdf::{Dictionary, Object, ObjectId, dictionary, text_string};

use crate::pdf::writer::PdfWriter;

/// A bookmark and the bookmarks under it.
pub struct Mark {
    pub title: String,
    pub page: ObjectId,
    pub children: Vec<Mark>,
}

/// Writes the outline tree; items start closed so the 目录 reads at a glance.
pub fn write_outline<W: Write>(w: &mut PdfWriter<W>, marks: &[Mark]) -> io::Result<Option<ObjectId>> {
    if marks.is_empty() {
        return Ok(None);
    }
    let root = w.alloc();
    let (first, last) = write_level(w, marks, root)?;
    w.write(
        root,
        Object::Dictionary(
            dictionary! {"Type" => "Outlines", "First" => first, "Last" => last, "Count" => marks.len() as i64},
        ),
    )?;
    Ok(Some(root))
}

fn write_level<W: Write>(w: &mut PdfWriter<W>, marks: &[Mark], parent: ObjectId) -> io::Result<(ObjectId, ObjectId)> {
    let ids: Vec<ObjectId> = marks.iter().map(|_| w.alloc()).collect();
    for (i, mark) in marks.iter().enumerate() {
        let mut dict = dictionary! {
            "Title" => text_string(&mark.title),
            "Parent" => parent,
            "Dest" => vec![mark.page.into(), "Fit".into()],
        };
        if i > 0 {
            dict.set("Prev", ids[i - 1]);
        }
        if let Some(next) = ids.get(i + 1) {
            dict.set("Next", *next);
        }
        if !mark.children.is_empty() {
            let (first, last) = write_level(w, &mark.children, ids[i])?;
            dict.set("First", first);
            dict.set("Last", last);
            dict.set("Count", -(mark.children.len() as i64));
        }
        w.write(ids[i], Object::Dictionary(dict))?;
    }
    Ok((ids[0], ids[ids.len() - 1]))
}

/// Cover and 目录 as i, ii, iii…; the numbered pages as 1, 2, 3… like the printed numbers.
pub fn page_labels(front: usize) -> Dictionary {
    let mut nums = Vec::new();
    if front > 0 {
        nums.extend([Object::Integer(0), Object::Dictionary(dictionary! {"S" => "r"})]);
    }
    nums.extend([Object::Integer(front as i64), Object::Dictionary(dictionary! {"S" => "D"})]);
    dictionary! {"Nums" => nums}
}

//! A character no font has cannot be printed: the PDF back end refuses it rather than draw a
//! box, and this names the field that holds it, so the user fixes the data, not the program.

use super::{Sheet, leaves};
use crate::load::Loaded;
use crate::load::diagnostic::Diagnostic;
use crate::model::Cluster;
use crate::model::schema::Kind;

/// The finding for a character `ch` of the cluster's data that no font can print.
pub fn unprintable(loaded: &Loaded<Cluster>, ch: char) -> Diagnostic {
    let sheet = Sheet::new(Kind::Cluster, loaded);
    let mut all = Vec::new();
    leaves(&sheet.json, "", &mut all);
    let path = all
        .into_iter()
        .find(|(_, leaf)| leaf.as_str().is_some_and(|s| s.contains(ch)))
        .map(|(path, _)| path)
        .unwrap_or_default();
    sheet.error(
        &path,
        format!("字符“{ch}”（U+{:04X}）在所有可用字体中都没有，PDF 无法印出", ch as u32),
        "改用常用字，或删去这个符号；生僻字可安装含该字的字体（如方正超大字符集的宋体），dossier 会自动使用",
    )
}

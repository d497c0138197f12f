//! A cluster's lists kept in spreadsheets, read into its model: every list of the workbook
//! `lists.from` names that cluster.yaml does not give otherwise, and the sheet each list that
//! names one of its own. Each value keeps the cell it came from, so that a rule's finding about
//! it names `名单.xlsx「专精特新」C7` as a finding about YAML names its line.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use serde_json::{Map, Value};

use super::layout::{ENTERPRISES, LAYOUTS, Layout};
use super::{Book, CellRef, SheetLists, book};
use crate::load::diagnostic::{Diagnostic, Pos, Severity};
use crate::load::{Loaded, mend, scans};
use crate::model::Cluster;
use crate::model::lists::{Lists, Sources};
use crate::model::schema::{Kind, Walker};

/// Where the lists kept in sheets came from.
#[derive(Debug, Clone, Default)]
pub struct Origins {
    /// Each list filled from a sheet, by key (`patents`, `specialized`), with where it is:
    /// `名单.xlsx「发明专利」`.
    lists: Vec<(String, String)>,
    /// Each entry and value (`lists.patents.3.number`) with its file and cell.
    cells: HashMap<String, (PathBuf, CellRef)>,
}

impl Origins {
    /// The cell a field came from, or the row of its entry.
    pub fn cell(&self, path: &str) -> Option<(&Path, &CellRef)> {
        let mut at = path;
        loop {
            if let Some((file, cell)) = self.cells.get(at) {
                return Some((file, cell));
            }
            at = &at[..at.rfind('.')?];
        }
    }

    /// Where the list `key` was read from (`名单.xlsx「发明专利」`), if from a sheet.
    pub fn list(&self, key: &str) -> Option<&str> {
        self.lists.iter().find(|(k, _)| k == key).map(|(_, place)| place.as_str())
    }
}

/// Fills the lists of `loaded` that its cluster.yaml keeps in sheets, adding what reading them
/// found.
pub fn fill(loaded: &mut Loaded<Cluster>) {
    let sources = loaded.value.lists.sources.clone();
    if sources.workbook.is_none() && sources.sheets.is_empty() {
        return;
    }
    let root = loaded.folder();
    let json = serde_json::to_value(&loaded.value.lists).ok().and_then(|v| v.as_object().cloned()).unwrap_or_default();
    let mut filler = Filler { loaded, root, walker: Walker::new(Kind::Cluster.cached()), json, books: Vec::new() };

    if let Some(from) = &sources.workbook
        && let Some((file, book)) = filler.open(from, "lists.from")
    {
        let read = super::workbook(&book);
        // A list cluster.yaml writes out, or gives a sheet of its own, is not read from here.
        let elsewhere = |key: &str| {
            sources.written.iter().any(|k| k == key)
                || sources.sheets.iter().any(|(k, _)| k == key || (k == ENTERPRISES && is_honour(key)))
        };
        for (key, sheet) in &read.sheets {
            let entries = read.lists.get(key).and_then(Value::as_array).map_or(0, Vec::len);
            if sources.written.iter().any(|k| k == key) && entries > 0 {
                let path = format!("lists.{key}");
                let sheet = sheet.as_deref().unwrap_or_default();
                let message = format!("{from} 中的工作表「{sheet}」未读入这份名单：cluster.yaml 中已逐项填写了它");
                let fix = format!("只保留一处：删去 {path} 下的各项（改从表格读取），或删去表格中的这份名单");
                filler.yaml(Severity::Warning, &path, message, &fix);
            }
        }
        // A list the workbook lacks is to be added to it, on the sheet the template names.
        for layout in &LAYOUTS {
            let keys = if layout.is_enterprises() { HONOURS.as_slice() } else { std::slice::from_ref(&layout.key) };
            for key in keys.iter().filter(|k| !elsewhere(k) && !read.sheets.iter().any(|(r, _)| r == *k)) {
                filler.loaded.origins.lists.push(((*key).to_owned(), format!("{from}「{}」", layout.sheet)));
            }
        }
        filler.take(&file, from, read, |key| !elsewhere(key));
    }

    for (key, source) in &sources.sheets {
        let at = format!("lists.{key}");
        let Some((file, book)) = filler.open(&source.from, &format!("{at}.from")) else { continue };
        let layout = Layout::find(key).expect("a list that may come from a sheet has a layout");
        match super::list(&book, layout, source.sheet.as_deref()) {
            // The enterprise table does not replace an honour list written out entry by entry.
            Ok(read) => filler.take(&file, &source.from, read, |key| !sources.written.iter().any(|k| k == key)),
            Err(missing) => {
                let place = if source.sheet.is_some() { format!("{at}.sheet") } else { format!("{at}.from") };
                let message = format!("{} {missing}", source.from);
                filler.yaml(Severity::Error, &place, message, "请改正工作表名称（sheet:），或在表格中加上这张工作表");
            }
        }
    }
    filler.finish(sources);
}

/// The four lists the enterprise table gives.
const HONOURS: [&str; 4] = ["champions", "little_giants", "specialized", "high_tech"];

fn is_honour(key: &str) -> bool {
    HONOURS.contains(&key)
}

struct Filler<'a> {
    loaded: &'a mut Loaded<Cluster>,
    /// The cluster's folder, which file names are relative to.
    root: PathBuf,
    walker: Walker<'static>,
    /// The lists as JSON, keyed as under `lists:`, the sheets' entries put in.
    json: Map<String, Value>,
    /// Each workbook read so far, by its name in cluster.yaml.
    books: Vec<(String, Option<(PathBuf, Book)>)>,
}

impl Filler<'_> {
    /// The workbook cluster.yaml names at `at`, read once; a finding at `at` when it cannot be.
    fn open(&mut self, name: &str, at: &str) -> Option<(PathBuf, Book)> {
        if let Some((_, read)) = self.books.iter().find(|(n, _)| n == name) {
            return read.clone();
        }
        let read = match scans::inside(&self.root, Path::new(name)) {
            Err(problem) => {
                self.yaml(
                    Severity::Error,
                    at,
                    format!("表格文件 {problem}"),
                    "请把表格放在 cluster.yaml 所在的文件夹中",
                );
                None
            }
            Ok(path) => match book::read(&path) {
                Ok(book) => Some((path, book)),
                Err(error) => {
                    self.yaml(Severity::Error, at, error.to_string(), "");
                    None
                }
            },
        };
        self.books.push((name.to_owned(), read.clone()));
        read
    }

    /// Takes the lists of `read` that `wanted` keeps, with their cells and findings.
    fn take(&mut self, file: &Path, name: &str, read: SheetLists, wanted: impl Fn(&str) -> bool) {
        let key_of = |path: &str| path.split('.').next().unwrap_or_default().to_owned();
        for (key, sheet) in read.sheets.iter().filter(|(key, _)| wanted(key)) {
            let place = match sheet {
                Some(sheet) => format!("{name}「{sheet}」"),
                None => name.to_owned(),
            };
            self.loaded.origins.lists.push((key.clone(), place));
            if let Some(entries) = read.lists.get(key) {
                self.json.insert(key.clone(), entries.clone());
            }
        }
        for (path, cell) in read.cells.into_iter().filter(|(path, _)| wanted(&key_of(path))) {
            self.loaded.origins.cells.insert(format!("lists.{path}"), (file.to_owned(), cell));
        }
        // The enterprise table's findings are about its rows: kept while any of its lists is.
        let used = |key: &str| match key {
            ENTERPRISES => read.sheets.iter().any(|(k, _)| is_honour(k) && wanted(k)),
            "" => true,
            key => wanted(key),
        };
        for finding in read.findings.into_iter().filter(|f| used(&key_of(&f.path))) {
            let path = if finding.path.is_empty() { "lists".to_owned() } else { format!("lists.{}", finding.path) };
            let label = self.walker.titles(&split(&path)).join(" · ");
            self.loaded.findings.push(Diagnostic {
                severity: finding.severity,
                file: file.to_owned(),
                pos: Pos::default(),
                cell: Some(finding.cell),
                path,
                label,
                message: finding.message,
                fix: finding.fix,
            });
        }
    }

    /// A finding about cluster.yaml's own `lists:` (a file that cannot be read, a sheet that is
    /// not there).
    fn yaml(&mut self, severity: Severity, path: &str, message: String, fix: &str) {
        let label = self.walker.titles(&split(path)).join(" · ");
        let pos = self.loaded.positions.value(path);
        let file = self.loaded.path.clone();
        let fix = fix.to_owned();
        self.loaded.findings.push(Diagnostic {
            severity,
            file,
            pos,
            cell: None,
            path: path.to_owned(),
            label,
            message,
            fix,
        });
    }

    /// The lists as the model has them: a value a sheet could not give is stood in for (its
    /// cell's finding says why), and the rules leave it alone.
    fn finish(mut self, sources: Sources) {
        for (key, entries) in self.json.iter_mut() {
            let Some(entries) = entries.as_array_mut() else { continue };
            for (index, entry) in entries.iter_mut().enumerate() {
                let path = format!("lists.{key}.{index}");
                let Some(fields) = entry.as_object_mut() else { continue };
                let complete = mend::stand_in(&self.walker, &path);
                for (field, stand_in) in complete.as_object().into_iter().flatten() {
                    if !fields.contains_key(field) {
                        fields.insert(field.clone(), stand_in.clone());
                        self.loaded.stand_ins.push(format!("{path}.{field}"));
                    }
                }
            }
        }
        match serde_json::from_value::<Lists>(Value::Object(std::mem::take(&mut self.json))) {
            Ok(lists) => self.loaded.value.lists = Lists { sources, ..lists },
            Err(error) => {
                let message = format!("表格中的名单无法读入（{error}）");
                self.yaml(Severity::Error, "lists", message, "请对照 dossier init 生成的 名单.xlsx 检查各列的内容");
            }
        }
    }
}

fn split(path: &str) -> Vec<String> {
    path.split('.').map(str::to_owned).collect()
}

//! Edits written into the YAML a person wrote: each edit replaces the text of one value (or
//! adds the lines of one field or list entry, or takes them out) and leaves every other byte of
//! the file as it was — comments, key order, quoting, blank lines and line endings.
//!
//! The parser gives where each value starts; where it ends is read here from the text, by the
//! YAML rules for its style (plain, quoted, block `|`). Every result is parsed again and
//! compared with the file before it: the edited field holds exactly the new value and nothing
//! else in the file reads differently, or the edit is refused and nothing is written.

use marked_yaml::types::{MarkedMappingNode, MarkedScalarNode};
use marked_yaml::{LoaderOptions, Node};
use serde_json::{Map, Value};

use crate::load::diagnostic::{Pos, byte_offset};
use crate::model::schema::{Kind, Walker};

/// A value as the form gives it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Scalar {
    /// A number, written as typed (`12.60` stays `12.60`): only plain decimal digits.
    Number(String),
    /// Text, read back exactly as given (quoted where YAML would read it otherwise).
    Text(String),
    /// Nothing after the key.
    Empty,
}

/// One change to a file, at a dotted path (`industry.output.2023`, `lists.patents.3`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Edit {
    /// A field's value; the keys above it are added when the file does not have them.
    Set { path: String, value: Scalar },
    /// A list of texts (a checkbox group): entries no longer there are taken out, new ones added
    /// after the others.
    List { path: String, items: Vec<String> },
    /// A new entry at the end of a list, with these fields (a row of a 名单).
    Push { path: String, fields: Vec<(String, Scalar)> },
    /// A list entry or a field taken out, with its lines.
    Remove { path: String },
}

impl Edit {
    pub fn path(&self) -> &str {
        match self {
            Edit::Set { path, .. } | Edit::List { path, .. } | Edit::Push { path, .. } | Edit::Remove { path } => path,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EditError {
    #[error("文件不是有效的 YAML，无法按栏目修改：请先改正文件中的格式错误")]
    NotYaml,
    #[error("“{0}”不是文件中可以这样修改的栏目")]
    Shape(String),
    #[error("修改“{0}”时无法保证文件其余内容不变，未写入：请用文本编辑器修改这一项")]
    Unsafe(String),
}

/// `text` with `edit` made, or why it cannot be. `kind` orders a field the file lacks among
/// the keys it has, as the form orders them.
pub fn apply(text: &str, edit: &Edit, kind: Kind) -> Result<String, EditError> {
    let doc = Doc::parse(text)?;
    let splices = doc.splices(edit, kind)?;
    let mut new = text.to_owned();
    let mut sorted = splices;
    sorted.sort_by_key(|s| std::cmp::Reverse(s.start));
    for s in &sorted {
        new.replace_range(s.start..s.end, &s.with);
    }
    verify(text, &new, edit)?;
    Ok(new)
}

/// A piece of the text replaced.
#[derive(Debug)]
struct Splice {
    start: usize,
    end: usize,
    with: String,
}

/// The file as parsed, and the text the positions are in.
struct Doc<'t> {
    text: &'t str,
    root: Node,
    eol: &'static str,
}

/// Where a node sits: itself, the key that names it (none for a list entry), and the
/// indentation its block content is measured against (its key's column, or its dash's).
struct Place<'n> {
    node: &'n Node,
    key: Option<&'n MarkedScalarNode>,
    indent: usize,
}

fn options() -> LoaderOptions {
    LoaderOptions::default().error_on_duplicate_keys(true).prevent_coercion(true)
}

/// A plain scalar with nothing in it: `key:` with no value written.
fn is_absent(node: &Node) -> bool {
    node.as_scalar().is_some_and(|s| s.may_coerce() && s.as_str().is_empty())
}

fn segments(path: &str) -> Vec<&str> {
    path.split('.').filter(|s| !s.is_empty()).collect()
}

impl<'t> Doc<'t> {
    fn parse(text: &'t str) -> Result<Doc<'t>, EditError> {
        let body = text.strip_prefix('\u{feff}').unwrap_or(text);
        if body.trim().is_empty() {
            return Err(EditError::NotYaml);
        }
        let root = marked_yaml::parse_yaml_with_options(0, body, options()).map_err(|_| EditError::NotYaml)?;
        let eol = if text.contains("\r\n") { "\r\n" } else { "\n" };
        Ok(Doc { text, root, eol })
    }

    /// The byte offset of a marker (the BOM, when there is one, comes before line 1).
    fn at(&self, span: &marked_yaml::Span) -> usize {
        let bom = if self.text.starts_with('\u{feff}') { '\u{feff}'.len_utf8() } else { 0 };
        let body = &self.text[bom..];
        let pos = span.start().map(|m| Pos { line: m.line(), column: m.column() }).unwrap_or_default();
        bom + byte_offset(body, pos).unwrap_or(0)
    }

    /// The nodes along a path, as far as the file has them.
    fn walk(&self, path: &[&str]) -> Vec<Place<'_>> {
        let mut places = vec![Place { node: &self.root, key: None, indent: 0 }];
        for segment in path {
            let parent = places.last().map(|p| p.node).unwrap_or(&self.root);
            let next = match parent {
                Node::Mapping(map) => map.iter().find(|(k, _)| k.as_str() == *segment).map(|(key, node)| {
                    let indent = self.column(self.at(key.span()));
                    Place { node, key: Some(key), indent }
                }),
                Node::Sequence(seq) => segment.parse::<usize>().ok().and_then(|i| seq.get(i)).map(|node| {
                    let start = self.start(node);
                    Place { node, key: None, indent: self.dash(start).map_or(self.column(start), |d| self.column(d)) }
                }),
                Node::Scalar(_) => None,
            };
            match next {
                Some(place) => places.push(place),
                None => break,
            }
        }
        places
    }

    /// Where a node's text starts. The parser places a block mapping after its first key: it
    /// starts at that key (or at the `{` before it).
    fn start(&self, node: &Node) -> usize {
        match node {
            Node::Mapping(map) => match map.iter().next() {
                Some((key, _)) => {
                    let at = self.at(key.span());
                    let before = self.text[..at].trim_end_matches([' ', '\t', '\r', '\n']);
                    if before.ends_with('{') { before.len() - 1 } else { at }
                }
                None => self.at(node.span()),
            },
            Node::Scalar(_) => self.scalar_start(node),
            Node::Sequence(_) => self.at(node.span()),
        }
    }

    /// Where a scalar's text starts: the parser places a block scalar (`|`, `>`) at its first
    /// content line; its header, on the line before, is where its text starts.
    fn scalar_start(&self, node: &Node) -> usize {
        let at = self.at(node.span());
        let line = self.line_start(at);
        if line == 0 || !self.text[line..at].trim().is_empty() {
            return at;
        }
        // The last line before it that is not blank.
        let mut end = line - 1;
        loop {
            let start = self.line_start(end);
            let text = self.text[start..end].trim_end_matches('\r');
            if text.trim().is_empty() && start > 0 {
                end = start - 1;
                continue;
            }
            let content = &text[..content_len(text)];
            let header = content.rfind(['|', '>']).filter(|&i| {
                content[i + 1..].chars().all(|c| c.is_ascii_digit() || c == '-' || c == '+')
                    && content[..i].trim_end().ends_with([':', '-'])
            });
            return header.map_or(at, |i| start + i);
        }
    }

    /// The column (0-based, in bytes of indentation) of an offset: spaces before it on its line.
    fn column(&self, offset: usize) -> usize {
        offset - self.line_start(offset)
    }

    fn line_start(&self, offset: usize) -> usize {
        self.text[..offset].rfind('\n').map_or(0, |i| i + 1)
    }

    /// The end of the line `offset` is on, before its line ending.
    fn line_end(&self, offset: usize) -> usize {
        let end = self.text[offset..].find('\n').map_or(self.text.len(), |i| offset + i);
        if end > offset && self.text[..end].ends_with('\r') { end - 1 } else { end }
    }

    /// Just past the line ending of the line `offset` is on.
    fn next_line(&self, offset: usize) -> usize {
        self.text[offset..].find('\n').map_or(self.text.len(), |i| offset + i + 1)
    }

    /// The dash of the list entry starting at `start`, when it is on the same line.
    fn dash(&self, start: usize) -> Option<usize> {
        if self.text[start..].starts_with("- ") {
            return Some(start);
        }
        let before = self.text[self.line_start(start)..start].trim_end();
        before.ends_with('-').then(|| self.line_start(start) + before.len() - 1)
    }

    /// Just after the colon that ends a key.
    fn after_colon(&self, key: &MarkedScalarNode) -> usize {
        let start = self.at(key.span());
        let rest = &self.text[start..];
        // A quoted key may hold a colon of its own: look after its closing quote.
        let skip = match rest.chars().next() {
            Some(q @ ('"' | '\'')) => quoted_end(rest, q).unwrap_or(0),
            _ => 0,
        };
        start + skip + rest[skip..].find(':').map_or(0, |i| i + 1)
    }

    /// Where a node's text ends (exclusive): the last character of its value.
    fn end(&self, node: &Node, indent: usize) -> usize {
        let start = self.start(node);
        let first = self.text[start..].chars().next();
        match node {
            Node::Mapping(_) | Node::Sequence(_) if matches!(first, Some('{' | '[')) => {
                flow_end(&self.text[start..]).map_or(self.line_end(start), |n| start + n)
            }
            Node::Mapping(map) => match map.iter().next_back() {
                Some((key, value)) if is_absent(value) => self.after_colon(key),
                Some((key, value)) => self.end(value, self.column(self.at(key.span()))),
                None => self.line_end(start),
            },
            Node::Sequence(seq) => match seq.last() {
                Some(item) => {
                    let at = self.start(item);
                    self.end(item, self.dash(at).map_or(self.column(at), |d| self.column(d)))
                }
                None => self.line_end(start),
            },
            Node::Scalar(_) => self.scalar_end(self.scalar_start(node), indent),
        }
    }

    fn scalar_end(&self, start: usize, indent: usize) -> usize {
        let rest = &self.text[start..];
        match rest.chars().next() {
            Some(q @ ('"' | '\'')) => quoted_end(rest, q).map_or(self.line_end(start), |n| start + n),
            Some('|' | '>') => self.block_end(start, indent),
            _ => self.plain_end(start, indent),
        }
    }

    /// A block scalar: its header line, then every line more indented than its parent (blank
    /// lines inside it included, trailing blank lines not).
    fn block_end(&self, start: usize, indent: usize) -> usize {
        let header = &self.text[start..self.line_end(start)];
        let explicit = header.chars().find_map(|c| c.to_digit(10)).map(|d| indent + d as usize);
        let mut end = self.line_end(start);
        let mut content = explicit;
        let mut at = self.next_line(start);
        while at < self.text.len() {
            let line = &self.text[at..self.line_end(at)];
            if !line.trim().is_empty() {
                let spaces = line.len() - line.trim_start_matches(' ').len();
                let wanted = *content.get_or_insert(spaces);
                if spaces <= indent || spaces < wanted {
                    break;
                }
                end = self.line_end(at);
            }
            at = self.next_line(at);
        }
        end
    }

    /// A plain scalar: to a ` #` comment or the line's end, then the lines that continue it
    /// (more indented than its parent, not comments).
    fn plain_end(&self, start: usize, indent: usize) -> usize {
        let mut end = start + content_len(&self.text[start..self.line_end(start)]);
        let mut at = self.next_line(start);
        while at < self.text.len() {
            let line = &self.text[at..self.line_end(at)];
            let trimmed = line.trim_start_matches(' ');
            if !trimmed.is_empty() {
                let spaces = line.len() - trimmed.len();
                if spaces <= indent || trimmed.starts_with('#') {
                    break;
                }
                end = at + spaces + content_len(trimmed);
            }
            at = self.next_line(at);
        }
        end
    }

    fn splices(&self, edit: &Edit, kind: Kind) -> Result<Vec<Splice>, EditError> {
        let path = segments(edit.path());
        let places = self.walk(&path);
        let found = places.len() == path.len() + 1;
        let shape = || EditError::Shape(edit.path().to_owned());
        match edit {
            Edit::Set { value, .. } if found => self.set(places.last().ok_or_else(shape)?, value).ok_or_else(shape),
            Edit::List { items, .. } if found => self.list(places.last().ok_or_else(shape)?, items).ok_or_else(shape),
            Edit::Push { fields, .. } if found => self.push(places.last().ok_or_else(shape)?, fields).ok_or_else(shape),
            Edit::Remove { .. } if found => self.remove(&places).ok_or_else(shape),
            Edit::Remove { .. } => Ok(Vec::new()),
            _ => {
                let missing = &path[places.len() - 1..];
                let value = match edit {
                    Edit::Set { value, .. } => New::Scalar(value.clone()),
                    Edit::List { items, .. } => New::List(items.iter().cloned().map(Scalar::Text).collect()),
                    Edit::Push { fields, .. } => New::Rows(vec![fields.clone()]),
                    Edit::Remove { .. } => return Ok(Vec::new()),
                };
                let prefix: Vec<&str> = path[..places.len() - 1].to_vec();
                self.add(&places, &prefix, missing, &value, kind).ok_or_else(shape)
            }
        }
    }

    /// A scalar replaced, filled in or emptied.
    fn set(&self, place: &Place, value: &Scalar) -> Option<Vec<Splice>> {
        if !matches!(place.node, Node::Scalar(_)) {
            return None;
        }
        if is_absent(place.node) {
            // `key:` with nothing: the value goes after the colon (a comment there stays after it).
            let at = self.after_colon(place.key?);
            return Some(vec![Splice { start: at, end: at, with: self.after_key(value, place.indent) }]);
        }
        let start = self.scalar_start(place.node);
        let end = self.scalar_end(start, place.indent);
        let was_block = matches!(self.text[start..].chars().next(), Some('|' | '>'));
        let inline_from = self.text[..start].trim_end_matches(' ').len();
        Some(vec![match value {
            Scalar::Empty if place.key.is_some() => Splice { start: inline_from, end, with: String::new() },
            Scalar::Text(text) if was_block || text.contains('\n') => {
                // The block keeps the indentation its lines had; a comment after an inline
                // value moves up to the block's header.
                let has_lines = was_block && self.next_line(start) < end;
                let indent = if has_lines { self.column(self.first_content(start)) } else { place.indent + 2 };
                let line_end = self.line_end(end);
                let comment = self.text[end..line_end].trim();
                let (end, comment) =
                    if !was_block && comment.starts_with('#') { (line_end, comment) } else { (end, "") };
                Splice { start, end, with: block(text, indent, comment, self.eol) }
            }
            other => Splice { start, end, with: inline(other) },
        }])
    }

    /// The first content line of a block scalar whose header is at `start`.
    fn first_content(&self, start: usize) -> usize {
        let mut at = self.next_line(start);
        while at < self.text.len() && self.text[at..self.line_end(at)].trim().is_empty() {
            at = self.next_line(at);
        }
        at + self.text[at..self.line_end(at)].len() - self.text[at..self.line_end(at)].trim_start_matches(' ').len()
    }

    /// What follows `key:` for a new value: ` 12.60`, ` |` and its lines, or nothing.
    fn after_key(&self, value: &Scalar, indent: usize) -> String {
        match value {
            Scalar::Empty => String::new(),
            Scalar::Text(text) if text.contains('\n') => format!(" {}", block(text, indent + 2, "", self.eol)),
            other => format!(" {}", inline(other)),
        }
    }

    /// A checkbox group made to hold `items`.
    fn list(&self, place: &Place, items: &[String]) -> Option<Vec<Splice>> {
        let Node::Sequence(seq) = place.node else {
            return is_absent(place.node).then(|| self.fresh(place, &New::List(texts(items))))?;
        };
        if seq.is_empty() || self.is_flow(place.node) {
            return self.fresh(place, &New::List(texts(items)));
        }
        let current: Vec<Option<&str>> = seq.iter().map(|n| n.as_scalar().map(|s| s.as_str())).collect();
        let kept: Vec<bool> = current.iter().map(|c| c.is_some_and(|c| items.iter().any(|i| i == c))).collect();
        let added: Vec<&String> = items.iter().filter(|i| !current.contains(&Some(i.as_str()))).collect();
        let mut splices = Vec::new();
        let dash_indent = self.dash(self.start(&seq[0])).map(|d| self.column(d))?;
        let lines = |items: &[&String]| -> String {
            items
                .iter()
                .map(|i| format!("{}- {}{}", " ".repeat(dash_indent), inline(&Scalar::Text((*i).clone())), self.eol))
                .collect()
        };
        let last_kept = kept.iter().rposition(|k| *k);
        for (i, item) in seq.iter().enumerate() {
            if !kept[i] {
                let (start, end) = self.entry_lines(item);
                let first_gone = last_kept.is_none() && i == 0;
                let with = if first_gone { lines(&added) } else { String::new() };
                splices.push(Splice { start, end, with });
            }
        }
        if let Some(last) = last_kept {
            let (_, end) = self.entry_lines(&seq[last]);
            splices.push(Splice { start: end, end, with: lines(&added) });
        }
        if items.is_empty() {
            // No box ticked: an empty list, not a missing one.
            let at = self.after_colon(place.key?);
            splices.push(Splice { start: at, end: at, with: " []".into() });
        }
        Some(merge(splices))
    }

    /// A row added at the end of a list.
    fn push(&self, place: &Place, fields: &[(String, Scalar)]) -> Option<Vec<Splice>> {
        let rows = New::Rows(vec![fields.to_vec()]);
        let Node::Sequence(seq) = place.node else {
            return is_absent(place.node).then(|| self.fresh(place, &rows))?;
        };
        let Some(last) = seq.last().filter(|_| !self.is_flow(place.node)) else { return self.fresh(place, &rows) };
        let dash_indent = self.dash(self.start(last)).map(|d| self.column(d))?;
        let (_, end) = self.entry_lines(last);
        let mut with = String::new();
        rows.write(dash_indent, self.eol, &mut with);
        // `write` starts each line with a line ending: here the lines follow a line's end.
        let with = with.strip_prefix(self.eol).unwrap_or(&with).to_owned() + self.eol;
        Some(vec![Splice { start: end, end, with }])
    }

    /// A list entry or a field taken out with its lines; a list left empty is written `[]`.
    fn remove(&self, places: &[Place]) -> Option<Vec<Splice>> {
        let place = places.last()?;
        let parent = places.get(places.len().checked_sub(2)?)?;
        let (start, end) = match place.key {
            Some(key) => {
                let start = self.line_start(self.at(key.span()));
                let end =
                    if is_absent(place.node) { self.after_colon(key) } else { self.end(place.node, place.indent) };
                (start, self.next_line(end))
            }
            None => self.entry_lines(place.node),
        };
        let mut splices = vec![Splice { start, end, with: String::new() }];
        if let Node::Sequence(seq) = parent.node
            && seq.len() == 1
        {
            let at = self.after_colon(parent.key?);
            splices.push(Splice { start: at, end: at, with: " []".into() });
        }
        Some(splices)
    }

    /// The whole lines of a list entry: from its line's start to past its last line's ending.
    fn entry_lines(&self, item: &Node) -> (usize, usize) {
        let at = self.start(item);
        let dash = self.dash(at).unwrap_or(at);
        let end = self.end(item, self.column(dash));
        (self.line_start(dash), self.next_line(end))
    }

    fn is_flow(&self, node: &Node) -> bool {
        matches!(self.text[self.start(node)..].chars().next(), Some('[' | '{'))
    }

    /// A field's value written anew after its key (an empty or flow list, nothing at all).
    fn fresh(&self, place: &Place, value: &New) -> Option<Vec<Splice>> {
        let key = place.key?;
        let start = self.after_colon(key);
        let end = if is_absent(place.node) { start } else { self.end(place.node, place.indent) };
        let mut with = String::new();
        value.write(place.indent + 2, self.eol, &mut with);
        Some(vec![Splice { start, end, with }])
    }

    /// Fields the file lacks: `missing` keys under the last place found, the first of them put
    /// among its siblings in the form's order.
    fn add(&self, places: &[Place], found: &[&str], missing: &[&str], value: &New, kind: Kind) -> Option<Vec<Splice>> {
        let parent = places.last()?;
        let first = missing.first()?;
        // Only a mapping gets new keys: a list gets new entries by `Push`.
        let value =
            missing[1..].iter().rev().fold(value.clone(), |inner, key| New::Map(vec![((*key).to_owned(), inner)]));
        let entry = New::Map(vec![((*first).to_owned(), value)]);
        match parent.node {
            Node::Mapping(map) if !map.is_empty() && !self.is_flow(parent.node) => {
                let indent = self.column(self.at(map.iter().next()?.0.span()));
                let (at, after) = self.slot(map, found, first, kind);
                let mut with = String::new();
                entry.write(indent, self.eol, &mut with);
                let with =
                    if after { with } else { with.strip_prefix(self.eol).unwrap_or(&with).to_owned() + self.eol };
                Some(vec![Splice { start: at, end: at, with }])
            }
            Node::Mapping(_) => self.fresh(parent, &entry),
            Node::Scalar(_) if is_absent(parent.node) => self.fresh(parent, &entry),
            _ => None,
        }
    }

    /// Where a new key goes in a mapping: after the last key the form puts before it (at that
    /// entry's line end), else before the first key (at its line's start, `false`).
    fn slot(&self, map: &MarkedMappingNode, path: &[&str], key: &str, kind: Kind) -> (usize, bool) {
        let schema = kind.cached();
        let walker = Walker::new(schema);
        let owned: Vec<String> = path.iter().map(|s| (*s).to_owned()).collect();
        let order = walker.properties(&owned);
        let rank = |k: &str| order.iter().position(|o| o == k).unwrap_or(usize::MAX);
        let wanted = rank(key);
        let before = map.iter().rfind(|(k, _)| rank(k.as_str()) < wanted);
        match before.or_else(|| (wanted == usize::MAX).then(|| map.iter().next_back()).flatten()) {
            Some((k, v)) => {
                let end = if is_absent(v) { self.after_colon(k) } else { self.end(v, self.column(self.at(k.span()))) };
                (self.line_end(end), true)
            }
            None => {
                let first = map.iter().next().map_or(0, |(k, _)| self.at(k.span()));
                (self.line_start(first), false)
            }
        }
    }
}

/// A value to write where the file has none yet.
#[derive(Debug, Clone)]
enum New {
    Scalar(Scalar),
    List(Vec<Scalar>),
    Rows(Vec<Vec<(String, Scalar)>>),
    Map(Vec<(String, New)>),
}

fn texts(items: &[String]) -> Vec<Scalar> {
    items.iter().cloned().map(Scalar::Text).collect()
}

impl New {
    /// The value as it follows a key: its lines each start with the
    /// line ending, content `indent` deep.
    fn write(&self, indent: usize, eol: &str, out: &mut String) {
        let pad = " ".repeat(indent);
        match self {
            New::Scalar(Scalar::Empty) => {}
            New::Scalar(Scalar::Text(text)) if text.contains('\n') => {
                out.push(' ');
                out.push_str(&block(text, indent, "", eol));
            }
            New::Scalar(other) => {
                out.push(' ');
                out.push_str(&inline(other));
            }
            New::List(items) if items.is_empty() => out.push_str(" []"),
            New::List(items) => {
                for item in items {
                    out.push_str(&format!("{eol}{pad}- {}", inline(item)));
                }
            }
            New::Rows(rows) => {
                for row in rows {
                    for (i, (key, value)) in row.iter().enumerate() {
                        let lead = if i == 0 { format!("{pad}- ") } else { format!("{pad}  ") };
                        out.push_str(&format!("{eol}{lead}{}:", key_text(key)));
                        New::Scalar(value.clone()).write(indent + 4, eol, out);
                    }
                }
            }
            New::Map(fields) => {
                for (key, value) in fields {
                    out.push_str(&format!("{eol}{pad}{}:", key_text(key)));
                    value.write(indent + 2, eol, out);
                }
            }
        }
    }
}

/// Merges an insertion and a deletion that start at the same place into one replacement.
fn merge(mut splices: Vec<Splice>) -> Vec<Splice> {
    splices.sort_by_key(|s| (s.start, s.end));
    let mut merged: Vec<Splice> = Vec::new();
    for s in splices {
        match merged.last_mut() {
            Some(last) if last.start == s.start && (last.start == last.end || s.start == s.end) => {
                last.end = last.end.max(s.end);
                last.with.push_str(&s.with);
            }
            _ => merged.push(s),
        }
    }
    merged
}

/// How long the text of a plain value on its first line is: up to a ` #` comment, without the
/// spaces before it.
fn content_len(line: &str) -> usize {
    let cut = line
        .char_indices()
        .find(|&(i, c)| c == '#' && i > 0 && line[..i].ends_with([' ', '\t']))
        .map_or(line.len(), |(i, _)| i);
    line[..cut].trim_end().len()
}

/// The length of a quoted scalar starting at `text[0]` (the quote), closing quote included.
fn quoted_end(text: &str, quote: char) -> Option<usize> {
    let mut chars = text.char_indices().skip(1);
    while let Some((i, c)) = chars.next() {
        match c {
            '\\' if quote == '"' => {
                chars.next();
            }
            c if c == quote => {
                if quote == '\'' && text[i + 1..].starts_with('\'') {
                    chars.next();
                    continue;
                }
                return Some(i + 1);
            }
            _ => {}
        }
    }
    None
}

/// The length of a flow collection (`[…]`, `{…}`) starting at `text[0]`.
fn flow_end(text: &str) -> Option<usize> {
    let mut depth = 0usize;
    let mut i = 0;
    while i < text.len() {
        let c = text[i..].chars().next()?;
        match c {
            '[' | '{' => depth += 1,
            ']' | '}' => {
                depth = depth.checked_sub(1)?;
                if depth == 0 {
                    return Some(i + 1);
                }
            }
            '"' | '\'' => {
                i += quoted_end(&text[i..], c)?;
                continue;
            }
            _ => {}
        }
        i += c.len_utf8();
    }
    None
}

/// A key as YAML writes it: the schema's keys (`output`, `2024`) plain.
fn key_text(key: &str) -> String {
    if !key.is_empty() && key.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
        key.to_owned()
    } else {
        inline(&Scalar::Text(key.to_owned()))
    }
}

/// A value on the key's line: a number as typed, text plain where YAML reads it back as the
/// same text, else double-quoted.
fn inline(value: &Scalar) -> String {
    match value {
        Scalar::Empty => String::new(),
        Scalar::Number(number) => number.clone(),
        Scalar::Text(text) if plain_safe(text) => text.clone(),
        Scalar::Text(text) => quoted(text),
    }
}

fn quoted(text: &str) -> String {
    let mut out = String::from('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if c.is_control() || c == '\u{feff}' || c == '\u{2028}' || c == '\u{2029}' => {
                out.push_str(&format!("\\u{:04X}", c as u32));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Whether text can be written plain and reads back as the same text (never as a number, a
/// boolean or nothing).
fn plain_safe(text: &str) -> bool {
    let Some(first) = text.chars().next() else { return false };
    let lower = text.to_ascii_lowercase();
    let looks_typed =
        matches!(lower.as_str(), "~" | "null" | "true" | "false" | "yes" | "no" | "on" | "off" | "y" | "n")
            || lower.trim_start_matches(['-', '+']).starts_with(|c: char| c.is_ascii_digit() || c == '.')
                && text.chars().all(|c| c.is_ascii_alphanumeric() || "+-._:".contains(c));
    !looks_typed
        && !"-?:,[]{}#&*!|>'\"%@`".contains(first)
        && text.trim() == text
        && !text.contains(": ")
        && !text.contains(" #")
        && !text.ends_with(':')
        && !text.chars().any(|c| c.is_control() || c == '\u{feff}' || c == '\u{2028}' || c == '\u{2029}')
}

/// Text as a literal block: the header (`|`, `|-` without a final line ending, an indentation
/// digit when the first line starts with a space) and each line `indent` deep.
fn block(text: &str, indent: usize, comment: &str, eol: &str) -> String {
    let body = text.trim_end_matches(['\n', '\r']).replace("\r\n", "\n");
    let chomp = if text.ends_with('\n') || !body.contains('\n') { "" } else { "-" };
    let digit = if body.starts_with(' ') { "2" } else { "" };
    let comment = if comment.is_empty() { String::new() } else { format!(" {comment}") };
    let pad = " ".repeat(indent);
    let lines: Vec<String> = body
        .split('\n')
        .map(|l| if l.trim().is_empty() { String::new() } else { format!("{pad}{}", l.trim_end()) })
        .collect();
    format!("|{digit}{chomp}{comment}{eol}{}", lines.join(eol))
}

/// The file read as JSON, every value as its text as typed (`12.60`, `１２`) and a key with
/// nothing after it as null: what a form shows, and what an edit is verified against.
pub fn read(text: &str) -> Option<Value> {
    fn convert(node: &Node) -> Value {
        match node {
            Node::Mapping(map) => Value::Object(map.iter().map(|(k, v)| (k.as_str().to_owned(), convert(v))).collect()),
            Node::Sequence(seq) => Value::Array(seq.iter().map(convert).collect()),
            Node::Scalar(_) if is_absent(node) => Value::Null,
            Node::Scalar(s) => Value::String(s.as_str().to_owned()),
        }
    }
    let body = text.strip_prefix('\u{feff}').unwrap_or(text);
    marked_yaml::parse_yaml_with_options(0, body, options()).ok().map(|root| convert(&root))
}

/// The new file reads as the old one with the edit made, and nothing else.
fn verify(old: &str, new: &str, edit: &Edit) -> Result<(), EditError> {
    let unsafe_edit = || EditError::Unsafe(edit.path().to_owned());
    let mut expected = read(old).ok_or(EditError::NotYaml)?;
    let actual = read(new).ok_or_else(unsafe_edit)?;
    let path = segments(edit.path());
    let read = |s: &Scalar| match s {
        Scalar::Empty => Value::Null,
        Scalar::Number(n) => Value::String(n.clone()),
        Scalar::Text(t) => Value::String(t.clone()),
    };
    match edit {
        Edit::Set { value, .. } => {
            let slot = slot_mut(&mut expected, &path).ok_or_else(unsafe_edit)?;
            *slot = read(value);
            // A block scalar reads back with one final line ending: any text compares equal to
            // what its block holds.
            if let (Value::String(want), Some(Value::String(got))) = (&*slot, lookup(&actual, &path))
                && got.trim_end_matches('\n') == want.trim_end_matches(['\n', '\r']).replace("\r\n", "\n")
            {
                *slot = Value::String(got.clone());
            }
        }
        Edit::List { items, .. } => {
            let slot = slot_mut(&mut expected, &path).ok_or_else(unsafe_edit)?;
            let before: Vec<String> = match slot {
                Value::Array(old) => old.iter().filter_map(Value::as_str).map(str::to_owned).collect(),
                _ => Vec::new(),
            };
            let mut list: Vec<Value> =
                before.iter().filter(|b| items.contains(b)).cloned().map(Value::String).collect();
            list.extend(items.iter().filter(|i| !before.contains(i)).cloned().map(Value::String));
            *slot = Value::Array(list);
        }
        Edit::Push { fields, .. } => {
            let slot = slot_mut(&mut expected, &path).ok_or_else(unsafe_edit)?;
            let row = Value::Object(fields.iter().map(|(k, v)| (k.clone(), read(v))).collect::<Map<_, _>>());
            match slot {
                Value::Array(rows) => rows.push(row),
                other => *other = Value::Array(vec![row]),
            }
        }
        Edit::Remove { .. } => {
            let (last, parent) = path.split_last().ok_or_else(unsafe_edit)?;
            match lookup_mut(&mut expected, parent) {
                Some(Value::Array(items)) => {
                    let i: usize = last.parse().map_err(|_| unsafe_edit())?;
                    if i < items.len() {
                        items.remove(i);
                    }
                }
                Some(Value::Object(map)) => {
                    map.shift_remove(*last);
                }
                _ => {}
            }
        }
    }
    if expected == actual { Ok(()) } else { Err(unsafe_edit()) }
}

fn lookup<'v>(value: &'v Value, path: &[&str]) -> Option<&'v Value> {
    path.iter().try_fold(value, |v, s| match v {
        Value::Object(map) => map.get(*s),
        Value::Array(items) => items.get(s.parse::<usize>().ok()?),
        _ => None,
    })
}

fn lookup_mut<'v>(value: &'v mut Value, path: &[&str]) -> Option<&'v mut Value> {
    path.iter().try_fold(value, |v, s| match v {
        Value::Object(map) => map.get_mut(*s),
        Value::Array(items) => items.get_mut(s.parse::<usize>().ok()?),
        _ => None,
    })
}

/// The place of a value in a JSON tree, made (with the objects above it) where missing.
fn slot_mut<'v>(value: &'v mut Value, path: &[&str]) -> Option<&'v mut Value> {
    let mut at = value;
    for segment in path {
        if at.is_null() {
            *at = Value::Object(Map::new());
        }
        at = match at {
            Value::Object(map) => map.entry((*segment).to_owned()).or_insert(Value::Null),
            Value::Array(items) => items.get_mut(segment.parse::<usize>().ok()?)?,
            _ => return None,
        };
    }
    Some(at)
}

#[cfg(test)]
mod tests {
    use super::*;

    const FILE: &str = "\
# 祁县玻璃器皿产业（注释）
name: 祁县玻璃器皿产业   # 集群名称
national_name:
contact:
  name: 张三
  phone: \"13753402618\"
summary: |
  第一段，集群简介。

  第二段。
# 二、主导产业情况
industry:
  output:
    2023: 56.30 # 亿元
    2025: 68.10
  chain_works:
    # - 绘制产业链图谱，开展产业链培育
    - 引入高等院校、科研院所，开展产业链关键环节产学研协同创新
    - 建有产业链上下游产供销一体化协同协作机制
  quality_works: []
lists:
  patents:
    - title: 一种玻璃
      number: ZL1
  champions: []
";

    fn edit(text: &str, edit: Edit) -> String {
        apply(text, &edit, Kind::Cluster).unwrap_or_else(|e| panic!("{e}"))
    }

    fn set(path: &str, value: Scalar) -> Edit {
        Edit::Set { path: path.into(), value }
    }

    fn text(s: &str) -> Scalar {
        Scalar::Text(s.into())
    }

    #[test]
    fn a_figure_is_replaced_and_nothing_else_moves() {
        let new = edit(FILE, set("industry.output.2023", Scalar::Number("60.00".into())));
        assert_eq!(new, FILE.replace("2023: 56.30 # 亿元", "2023: 60.00 # 亿元"));
        let new = edit(FILE, set("name", text("祁县玻璃产业")));
        assert_eq!(new, FILE.replace("name: 祁县玻璃器皿产业   #", "name: 祁县玻璃产业   #"));
    }

    #[test]
    fn text_that_yaml_would_read_otherwise_is_quoted() {
        let new = edit(FILE, set("contact.phone", text("0354-5682317")));
        assert!(new.contains("  phone: \"0354-5682317\"\n"), "{new}");
        for (typed, written) in [
            ("13753402618", "\"13753402618\""),
            ("是: 否", "\"是: 否\""),
            ("#1", "\"#1\""),
            ("true", "\"true\""),
            (" 前有空格", "\" 前有空格\""),
            ("引号\"与\\斜线", "引号\"与\\斜线"),
        ] {
            let new = edit(FILE, set("contact.name", text(typed)));
            assert!(new.contains(&format!("  name: {written}\n")), "{typed}: {new}");
        }
    }

    #[test]
    fn an_empty_key_is_filled_and_a_value_emptied() {
        let new = edit(FILE, set("national_name", text("山西省祁县玻璃器皿产业")));
        assert!(new.contains("\nnational_name: 山西省祁县玻璃器皿产业\ncontact:"), "{new}");
        let new = edit(FILE, set("contact.name", Scalar::Empty));
        assert!(new.contains("\n  name:\n  phone:"), "{new}");
    }

    #[test]
    fn narratives_stay_blocks() {
        let new = edit(FILE, set("summary", text("新的简介。\n\n第二段改了。\n")));
        assert!(new.contains("summary: |\n  新的简介。\n\n  第二段改了。\n# 二、主导产业情况\n"), "{new}");
        // A one-line text in a block stays a block; an inline text with lines becomes one, its
        // comment moving to the header.
        let new = edit(FILE, set("summary", text("一句话。")));
        assert!(new.contains("summary: |\n  一句话。\n# 二"), "{new}");
        let new = edit(FILE, set("name", text("一行\n两行")));
        assert!(new.contains("name: |- # 集群名称\n  一行\n  两行\nnational_name:"), "{new}");
    }

    #[test]
    fn missing_fields_are_added_in_the_forms_order() {
        let new = edit(FILE, set("industry.output.2024", Scalar::Number("61.00".into())));
        assert!(new.contains("    2023: 56.30 # 亿元\n    2024: 61.00\n    2025: 68.10\n"), "{new}");
        let new = edit(FILE, set("industry.county_output.2023", Scalar::Number("100".into())));
        assert!(new.contains("    2025: 68.10\n  county_output:\n    2023: 100\n  chain_works:"), "{new}");
        let new = edit(FILE, set("basics.industry_type", text("第二产业")));
        assert!(new.contains("\nbasics:\n  industry_type: 第二产业\n# 二、主导产业情况\n"), "{new}");
    }

    #[test]
    fn checkbox_groups_keep_their_comments() {
        let items = |v: &[&str]| v.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>();
        let ticked = "建有产业链上下游产供销一体化协同协作机制";
        let new = edit(
            FILE,
            Edit::List {
                path: "industry.chain_works".into(),
                items: items(&[ticked, "绘制产业链图谱，开展产业链培育"]),
            },
        );
        assert!(
            new.contains("    # - 绘制产业链图谱，开展产业链培育\n    - 建有产业链上下游产供销一体化协同协作机制\n    - 绘制产业链图谱，开展产业链培育\n  quality_works"),
            "{new}"
        );
        let new = edit(FILE, Edit::List { path: "industry.chain_works".into(), items: vec![] });
        assert!(new.contains("  chain_works: []\n    # - 绘制产业链图谱，开展产业链培育\n  quality_works"), "{new}");
        let new =
            edit(FILE, Edit::List { path: "industry.quality_works".into(), items: items(&["开展了质量诊断服务"]) });
        assert!(new.contains("  quality_works:\n    - 开展了质量诊断服务\nlists:"), "{new}");
    }

    #[test]
    fn rows_are_added_and_removed_with_their_lines() {
        let row = vec![("title".to_owned(), text("一种杯子")), ("number".to_owned(), text("ZL2"))];
        let new = edit(FILE, Edit::Push { path: "lists.patents".into(), fields: row.clone() });
        assert!(
            new.contains("      number: ZL1\n    - title: 一种杯子\n      number: ZL2\n  champions: []\n"),
            "{new}"
        );
        let new = edit(FILE, Edit::Push { path: "lists.champions".into(), fields: row });
        assert!(new.ends_with("  champions:\n    - title: 一种杯子\n      number: ZL2\n"), "{new}");
        let new = edit(FILE, Edit::Remove { path: "lists.patents.0".into() });
        assert!(new.ends_with("lists:\n  patents: []\n  champions: []\n"), "{new}");
    }

    #[test]
    fn windows_line_endings_and_a_bom_stay() {
        let windows = format!("\u{feff}{}", FILE.replace('\n', "\r\n"));
        let new = edit(&windows, set("industry.output.2024", Scalar::Number("61".into())));
        assert_eq!(new, windows.replace("    2025: 68.10\r\n", "    2024: 61\r\n    2025: 68.10\r\n"));
        let new = edit(&windows, set("summary", text("甲\n乙")));
        assert!(new.contains("summary: |-\r\n  甲\r\n  乙\r\n# 二"), "{new:?}");
    }

    #[test]
    fn quoted_and_multi_line_values_are_replaced_whole() {
        let file = "a: \"引号 \\\" 中\n  下一行\"\nb: 多行的\n  普通文字\n# 注释\nc: 'it''s'\n";
        let new = edit(file, set("a", text("甲")));
        assert_eq!(new, "a: 甲\nb: 多行的\n  普通文字\n# 注释\nc: 'it''s'\n");
        let new = edit(file, set("b", text("乙")));
        assert_eq!(new, "a: \"引号 \\\" 中\n  下一行\"\nb: 乙\n# 注释\nc: 'it''s'\n");
        let new = edit(file, set("c", text("丙")));
        assert!(new.ends_with("c: 丙\n"), "{new}");
    }

    #[test]
    fn what_cannot_be_edited_is_refused() {
        assert_eq!(apply("a: [\n", &set("a", text("x")), Kind::Cluster), Err(EditError::NotYaml));
        assert!(matches!(apply(FILE, &set("industry.output", text("x")), Kind::Cluster), Err(EditError::Shape(_))));
        assert!(matches!(apply(FILE, &set("name.first", text("x")), Kind::Cluster), Err(EditError::Shape(_))));
    }
}

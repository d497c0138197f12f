//! What dossier tells a user about their data: one finding, where it is, what is wrong and how
//! to fix it, in Chinese; printed with the YAML line it is about, or as JSON for other tools.

use std::io::{self, Write};
use std::path::{Path, PathBuf};

use anstyle::{AnsiColor, Style};
use serde::Serialize;
use unicode_width::UnicodeWidthStr;

use crate::load::sheet::CellRef;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub enum Severity {
    /// Must be fixed before the submission can be built.
    #[serde(rename = "错误")]
    Error,
    /// Worth a look; the build goes on.
    #[serde(rename = "警告")]
    Warning,
}

impl Severity {
    pub fn chinese(self) -> &'static str {
        match self {
            Severity::Error => "错误",
            Severity::Warning => "警告",
        }
    }
}

/// A place in a YAML file, 1-based; line 0 when the finding is about the file as a whole.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize)]
pub struct Pos {
    pub line: usize,
    pub column: usize,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    pub severity: Severity,
    pub file: PathBuf,
    #[serde(flatten)]
    pub pos: Pos,
    /// The cell, for a finding about a list kept in a spreadsheet (`file` is the workbook; `pos`
    /// is then line 0).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cell: Option<CellRef>,
    /// The field's path in the YAML, e.g. `industry.output.2023`.
    pub path: String,
    /// The form's own label of the field, part first: `二、主导产业情况 · 集群总产值（亿元）`.
    pub label: String,
    /// What is wrong.
    pub message: String,
    /// What would fix it.
    pub fix: String,
}

impl Diagnostic {
    /// An error about a whole file (one that cannot be read, or a build of it that failed).
    pub fn of_file(file: &Path, message: String, fix: &str) -> Self {
        Diagnostic {
            severity: Severity::Error,
            file: file.to_owned(),
            pos: Pos::default(),
            cell: None,
            path: String::new(),
            label: String::new(),
            message,
            fix: fix.to_owned(),
        }
    }

    /// `file:line:column`, as editors and terminals make clickable; `名单.xlsx「专精特新」C7` in a
    /// workbook.
    pub fn location(&self) -> String {
        if let Some(cell) = &self.cell {
            // A CSV file's cell has no sheet to set it off from the file name.
            let gap = if cell.sheet.is_some() { "" } else { " " };
            format!("{}{gap}{cell}", self.file.display())
        } else if self.pos.line == 0 {
            self.file.display().to_string()
        } else {
            format!("{}:{}:{}", self.file.display(), self.pos.line, self.pos.column)
        }
    }

    /// The part of the form the finding belongs to: the first of its labels when it sits in
    /// a part (二、主导产业情况 · …); fields of the cover and header share one group.
    pub fn part(&self) -> &str {
        match self.label.split_once(" · ") {
            Some((part, _)) => part,
            None => "封面及集群信息",
        }
    }
}

/// An operating system error in Chinese: what happened, and what usually helps. The system's own
/// text (English, or the console's code page) is no message for the users of dossier.
pub fn io_message(error: &io::Error) -> String {
    use io::ErrorKind::*;
    if let Some(outside) = error.get_ref().and_then(|e| e.downcast_ref::<crate::build::output::Outside>()) {
        return outside.to_string();
    }
    let text = match error.kind() {
        NotFound => "找不到该文件或文件夹（请检查路径是否写错，上一级文件夹是否存在）",
        PermissionDenied => "没有权限（文件可能正被 WPS、Word 或 PDF 阅读器打开，或文件夹是只读的）",
        AlreadyExists => "同名的文件已存在",
        NotADirectory => "路径中有一段是文件而不是文件夹",
        IsADirectory => "这是一个文件夹，不是文件",
        DirectoryNotEmpty => "文件夹不是空的",
        ReadOnlyFilesystem => "磁盘是只读的",
        StorageFull | QuotaExceeded => "磁盘空间不足",
        FileTooLarge => "文件太大",
        InvalidFilename => "文件名不合法（过长或含有系统不允许的字符）",
        ResourceBusy | WouldBlock => "文件正被其他程序占用，请关闭后重试",
        TimedOut => "操作超时",
        Interrupted => "操作被中断",
        UnexpectedEof => "文件意外结束（可能不完整）",
        InvalidData => "文件内容无法读取",
        OutOfMemory => "内存不足",
        _ => return format!("系统错误（代码 {}）", error.raw_os_error().map_or("未知".to_owned(), |c| c.to_string())),
    };
    text.to_owned()
}

/// Orders findings as users read them: by file, errors first, grouped by the part of the form
/// (parts in the order the file has them), then by place.
pub fn sort(diagnostics: &mut [Diagnostic]) {
    let mut first_line = std::collections::HashMap::new();
    for d in diagnostics.iter() {
        let line = first_line.entry((d.file.clone(), d.severity, d.part().to_owned())).or_insert(usize::MAX);
        *line = (*line).min(d.pos.line);
    }
    let rank = |d: &Diagnostic| first_line[&(d.file.clone(), d.severity, d.part().to_owned())];
    diagnostics.sort_by(|a, b| {
        (&a.file, a.severity, rank(a), a.part(), a.pos, &a.cell, &a.path).cmp(&(
            &b.file,
            b.severity,
            rank(b),
            b.part(),
            b.pos,
            &b.cell,
            &b.path,
        ))
    });
}

/// Prints findings in Chinese, each with the YAML line it points at, then the count:
///
/// ```text
/// 错误：未知的键 `nmae`
///   --> data/x/cluster.yaml:2:1  nmae
///    2 | nmae: 祁县玻璃器皿产业
///      | ^^^^
///   改法：是否想写 `name`（集群名称）？
/// ```
/// Colour goes through `anstream`, which drops it when the output is not a terminal.
pub fn print(out: &mut dyn Write, diagnostics: &[Diagnostic]) -> io::Result<()> {
    let bold = Style::new().bold();
    let dim = Style::new().fg_color(Some(AnsiColor::Blue.into()));
    let mut texts: Vec<(PathBuf, String)> = Vec::new();
    let mut group: Option<(&PathBuf, Severity, &str)> = None;
    for d in diagnostics {
        if group.is_none_or(|(file, severity, part)| (file, severity, part) != (&d.file, d.severity, d.part())) {
            if group.is_none_or(|(file, _, _)| file != &d.file) {
                writeln!(out, "{bold}== {} =={bold:#}\n", d.file.display())?;
            }
            if !d.part().is_empty() {
                writeln!(out, "{bold}【{}】{bold:#}", d.part())?;
            }
            group = Some((&d.file, d.severity, d.part()));
        }
        let colour = match d.severity {
            Severity::Error => AnsiColor::Red,
            Severity::Warning => AnsiColor::Yellow,
        };
        let heading = Style::new().bold().fg_color(Some(colour.into()));
        writeln!(out, "{heading}{}{heading:#}{bold}：{}{bold:#}", d.severity.chinese(), d.message)?;
        let field = match (d.label.is_empty(), d.path.is_empty()) {
            (false, false) => format!("{}（{}）", d.label, d.path),
            (false, true) => d.label.clone(),
            (true, _) => d.path.clone(),
        };
        writeln!(out, "  {dim}-->{dim:#} {}  {field}", d.location())?;
        // A cell is named, not quoted: a workbook is no text to show a line of.
        if d.cell.is_none() && !texts.iter().any(|(p, _)| *p == d.file) {
            texts.push((d.file.clone(), std::fs::read_to_string(&d.file).unwrap_or_default()));
        }
        let text = texts.iter().find(|(p, _)| *p == d.file).map(|(_, t)| t.as_str()).unwrap_or_default();
        if let Some(offset) = byte_offset(text, d.pos) {
            let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
            let line = text[line_start..].lines().next().unwrap_or_default();
            let end = token_end(text, offset).min(line_start + line.len()).max(offset);
            let number = d.pos.line.to_string();
            let gutter = " ".repeat(number.len());
            let lead = text[line_start..offset].width();
            let marks = text[offset..end].width().max(1);
            writeln!(out, "  {dim}{number} |{dim:#} {line}")?;
            writeln!(out, "  {dim}{gutter} |{dim:#} {}{heading}{}{heading:#}", " ".repeat(lead), "^".repeat(marks))?;
        }
        if !d.fix.is_empty() {
            writeln!(out, "  {bold}改法：{bold:#}{}", d.fix)?;
        }
        writeln!(out)?;
    }
    let errors = diagnostics.iter().filter(|d| d.severity == Severity::Error).count();
    let warnings = diagnostics.len() - errors;
    writeln!(out, "共 {errors} 个错误，{warnings} 个警告。")
}

/// Byte offset of a 1-based line and (character) column.
pub(crate) fn byte_offset(text: &str, pos: Pos) -> Option<usize> {
    if pos.line == 0 {
        return None;
    }
    let line_start = if pos.line == 1 { 0 } else { text.match_indices('\n').nth(pos.line - 2)?.0 + 1 };
    let line = &text[line_start..];
    let column = line.char_indices().nth(pos.column.saturating_sub(1)).map_or(line.len(), |(i, _)| i);
    Some(line_start + column)
}

/// The end of the token starting at `offset`: up to a colon, comma or the end of the line.
fn token_end(text: &str, offset: usize) -> usize {
    let rest = &text[offset..];
    let end = rest.find(['\n', ':', ',', ']', '}']).unwrap_or(rest.len());
    let end = rest[..end].trim_end().len();
    offset + end.max(rest.chars().next().map_or(0, char::len_utf8))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_become_byte_offsets_on_chinese_lines() {
        let text = "name: 祁县\nregion:\n  city: 晋中市\n";
        assert_eq!(byte_offset(text, Pos { line: 3, column: 9 }), Some(text.find("晋中市").unwrap()));
        assert_eq!(token_end(text, 0), 4);
    }

    #[test]
    fn printed_findings_quote_the_line_and_the_fix() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("cluster.yaml");
        std::fs::write(&file, "nmae: 祁县玻璃器皿产业\n").unwrap();
        let d = Diagnostic {
            severity: Severity::Error,
            file,
            pos: Pos { line: 1, column: 1 },
            cell: None,
            path: "nmae".into(),
            label: String::new(),
            message: "未知的键 `nmae`".into(),
            fix: "是否想写 `name`（集群名称）？".into(),
        };
        let mut out = Vec::new();
        print(&mut out, &[d]).unwrap();
        let text = anstream::adapter::strip_str(&String::from_utf8(out).unwrap()).to_string();
        assert!(text.contains("cluster.yaml:1:1"), "{text}");
        assert!(text.contains("nmae: 祁县玻璃器皿产业"), "{text}");
        assert!(text.contains("改法：是否想写 `name`"), "{text}");
        assert!(text.contains("\n错误：未知的键 `nmae`"), "{text}");
        assert!(text.contains("  1 | nmae: 祁县玻璃器皿产业\n    | ^^^^\n"), "{text}");
        assert!(text.contains("共 1 个错误，0 个警告。"), "{text}");
    }

    #[test]
    fn a_finding_about_a_sheet_names_the_workbook_the_sheet_and_the_cell() {
        let cell = |sheet: Option<&str>| CellRef { sheet: sheet.map(str::to_owned), row: 6, column: 2 };
        let d = Diagnostic {
            severity: Severity::Error,
            file: PathBuf::from("名单.xlsx"),
            pos: Pos::default(),
            cell: Some(cell(Some("专精特新"))),
            path: "lists.specialized.5.year".into(),
            label: String::new(),
            message: "“专精特新认定年度”应为四位年份，而这里是“是”".into(),
            fix: "请填写认定的年份，如 2023".into(),
        };
        assert_eq!(d.location(), "名单.xlsx「专精特新」C7");
        let csv = Diagnostic { file: PathBuf::from("专利.csv"), cell: Some(cell(None)), ..d.clone() };
        assert_eq!(csv.location(), "专利.csv C7");
        let mut out = Vec::new();
        print(&mut out, &[d]).unwrap();
        let text = anstream::adapter::strip_str(&String::from_utf8(out).unwrap()).to_string();
        assert!(
            text.contains("  --> 名单.xlsx「专精特新」C7  lists.specialized.5.year\n  改法：请填写认定的年份"),
            "{text}"
        );
    }
}

//! Names from the data that become file or folder names: a cluster's and a city's folders in
//! the output folder (and the city's 附件8 for each cluster), the CD folder named after the
//! county. They are checked when the file is loaded — before any rule, so a draft cannot get
//! past them — against what Windows and Linux both accept, so a name can neither climb out of
//! the output folder nor fail halfway through a build.

use crate::model::schema::Kind;

/// The fields whose values become file or folder names, by file kind.
pub fn fields(kind: Kind) -> &'static [&'static str] {
    match kind {
        Kind::Cluster => &["name", "region.county"],
        Kind::City => &["city"],
        // The province's file names cluster folders to read, none to write.
        Kind::Province => &[],
    }
}

/// Longest name, in characters. dossier adds up to 80 characters of folders and file names below
/// it (`光盘/…复核申报资料/情况说明（…）.docx`); with 50 the whole stays well inside Windows'
/// 260-character paths wherever the output folder sits, and inside the 64 characters a CD's file
/// system keeps of a name.
pub const MAX_CHARS: usize = 50;

/// Characters Windows refuses in a file name (besides control characters).
const FORBIDDEN: &[char] = &['<', '>', ':', '"', '/', '\\', '|', '?', '*'];

/// Device names Windows reserves, with or without an extension, in any case.
const RESERVED: &[&str] = &[
    "CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$", "COM0", "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7",
    "COM8", "COM9", "COM¹", "COM²", "COM³", "LPT0", "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8",
    "LPT9", "LPT¹", "LPT²", "LPT³",
];

/// Why `name` cannot be a file or folder name, in Chinese; `None` when it can, or when it is
/// blank (left to the rule that every text be filled, so it is said once).
pub fn problem(name: &str) -> Option<String> {
    if name.trim().is_empty() {
        return None;
    }
    if name == "." || name == ".." {
        return Some("不能用作文件夹名（“.”指当前文件夹，“..”指上一级文件夹）".into());
    }
    if let Some(c) = name.chars().find(|c| FORBIDDEN.contains(c)) {
        return Some(format!("含有文件夹名中不允许的字符“{c}”"));
    }
    if name.chars().any(char::is_control) {
        return Some("含有换行、制表符等控制字符".into());
    }
    if name.starts_with('.') {
        return Some(
            "不能以“.”开头（这样的文件夹在 Linux 上是隐藏的，也会与 dossier 自己的 .cache 文件夹混淆）".into(),
        );
    }
    if name.starts_with(char::is_whitespace) || name.ends_with(char::is_whitespace) || name.ends_with('.') {
        return Some("开头或末尾有空格或句点（Windows 会把末尾的空格和句点去掉，文件夹就不是这个名字了）".into());
    }
    let stem = name.split('.').next().unwrap_or_default().trim_end();
    if let Some(device) = RESERVED.iter().find(|d| d.eq_ignore_ascii_case(stem)) {
        return Some(format!("“{device}”是 Windows 保留的设备名，不能用作文件夹名"));
    }
    let count = name.chars().count();
    if count > MAX_CHARS {
        return Some(format!("有 {count} 个字，超过了 {MAX_CHARS} 个字的上限（用作文件夹名，Windows 的路径长度有限）"));
    }
    None
}

/// What to do about a name [`problem`] refuses.
pub const FIX: &str = "这个名称用作输出目录中的文件夹名：请只用文字、数字和常用标点，不用 / \\ : * ? \" < > | 和换行，\
    开头和末尾不用空格或句点，不超过 50 个字";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinary_chinese_names_pass_and_blank_ones_are_left_to_the_rules() {
        for name in [
            "",
            "  ",
            "祁县玻璃器皿产业",
            "晋中市",
            "榆次区",
            "平遥县（古城）牛肉食品产业",
            "A-1 产业 2026",
            "Con-tech 产业",
            "COM10",
        ] {
            assert_eq!(problem(name), None, "{name}");
        }
    }

    #[test]
    fn names_that_leave_the_folder_or_fail_on_windows_are_refused() {
        let long = "产".repeat(MAX_CHARS + 1);
        for (name, says) in [
            (".", "当前文件夹"),
            ("..", "上一级文件夹"),
            (".cache", "“.”开头"),
            ("../祁县", "“/”"),
            ("祁县\\玻璃", "“\\”"),
            ("祁县:玻璃", "“:”"),
            ("什么?", "“?”"),
            ("a*b", "“*”"),
            ("<a>", "“<”"),
            ("a|b", "“|”"),
            ("\"引号\"", "“\"”"),
            ("祁县\n玻璃", "控制字符"),
            ("祁县\t玻璃", "控制字符"),
            ("祁县玻璃器皿产业.", "末尾"),
            ("祁县玻璃器皿产业 ", "末尾"),
            (" 祁县玻璃器皿产业", "开头"),
            ("CON", "保留"),
            ("nul", "保留"),
            ("Com1.txt", "保留"),
            ("LPT9", "保留"),
            ("aux .doc", "保留"),
            (long.as_str(), "上限"),
        ] {
            let problem = problem(name).unwrap_or_else(|| panic!("{name:?} passes"));
            assert!(problem.contains(says), "{name:?}: {problem}");
        }
    }
}

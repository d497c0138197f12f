//! dossier.exe started from the desktop rather than a terminal. Cluster or city folders dropped
//! on the program arrive as its only arguments: each is built into an `out` folder inside it. A
//! double click (no argument at all) explains in Chinese what to do, and offers to open the
//! workbench on the folders beside the program that hold a city or a cluster (the example
//! city in the release zip). Whenever Windows opened a console window for dossier alone, the
//! window stays until a key is pressed: otherwise it would close before anyone could read it.

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};

use anyhow::{Result, bail};

use super::{BuildOptions, Outcome, paths};
use dossier::load::project::{CITY_FILE, CLUSTER_FILE};

/// Set when the workbench's offer was declined: that key press closed the window already.
static DECLINED: AtomicBool = AtomicBool::new(false);

/// How dossier was started, when not as a command.
#[derive(Debug, PartialEq, Eq)]
pub enum Launch {
    /// Folders (or their YAML files) dropped on the program, or named alone on the command line.
    Dropped(Vec<PathBuf>),
    /// A double click: no argument, and a console window of its own.
    DoubleClicked,
}

impl Launch {
    /// `args` without the program; `commands` the subcommands, which win over a folder of the
    /// same name.
    pub fn of(args: &[OsString], commands: &[&str]) -> Option<Launch> {
        let Some(first) = args.first() else { return own_window().then_some(Launch::DoubleClicked) };
        let first = first.to_string_lossy();
        if first.starts_with('-') || commands.contains(&first.as_ref()) {
            return None;
        }
        let dropped: Vec<PathBuf> = args.iter().cloned().map(paths::native).collect();
        dropped.iter().all(|path| path.exists()).then_some(Launch::Dropped(dropped))
    }

    pub fn run(self) -> ExitCode {
        match self {
            Launch::Dropped(paths) => super::exit_code(dropped(&paths)),
            Launch::DoubleClicked => {
                println!("{}", guide());
                let beside = std::env::current_exe().ok().and_then(|exe| exe.parent().map(workbenches));
                let found = beside.unwrap_or_default();
                if found.is_empty() {
                    return ExitCode::SUCCESS;
                }
                print!("{}", offer(&found));
                match read_key().and_then(|key| chosen(key, &found)) {
                    Some(folder) => super::exit_code(super::serve::serve(folder, false, true)),
                    None => {
                        DECLINED.store(true, Ordering::Relaxed);
                        ExitCode::SUCCESS
                    }
                }
            }
        }
    }
}

/// Before dossier ends: a console window Windows opened for it alone waits for a key.
pub fn keep_window_open() {
    if own_window() && !DECLINED.load(Ordering::Relaxed) {
        print!("\n按任意键关闭窗口……");
        read_key();
        println!();
    }
}

/// The folders the workbench can open from `dir`: `dir` itself when it holds a city or a
/// cluster, then its subfolders that do, by name (at most nine: one digit key each).
fn workbenches(dir: &Path) -> Vec<PathBuf> {
    let holds = |folder: &Path| folder.join(CITY_FILE).is_file() || folder.join(CLUSTER_FILE).is_file();
    let mut inside: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|entries| entries.filter_map(Result::ok).map(|e| e.path()).filter(|p| p.is_dir() && holds(p)).collect())
        .unwrap_or_default();
    inside.sort();
    let mut found: Vec<PathBuf> = holds(dir).then(|| dir.to_owned()).into_iter().collect();
    found.extend(inside);
    found.truncate(9);
    found
}

/// The offer of the workbench on each folder found, a digit key each.
fn offer(found: &[PathBuf]) -> String {
    let mut text = String::from("\n也可以在浏览器中打开工作台，按表格填写、检查、拖入扫描件、生成并打印：\n");
    for (i, folder) in found.iter().enumerate() {
        let name = folder.file_name().map_or_else(|| paths::shown(folder), |n| n.to_string_lossy().into_owned());
        text.push_str(&format!("  按 {} 键：{name}\n", i + 1));
    }
    text.push_str("按其他任意键关闭窗口。");
    text
}

/// The folder a key chose.
fn chosen(key: char, found: &[PathBuf]) -> Option<&Path> {
    let index = key.to_digit(10)?.checked_sub(1)?;
    found.get(index as usize).map(PathBuf::as_path)
}

/// What a double click shows.
fn guide() -> String {
    format!(
        "dossier {}：生成中小企业特色产业集群申报、复核的全套材料\n\
         （申报表、复核表、汇总表、现场核查符合性说明，以及装订用的佐证材料册）。\n\n\
         用法：把一个集群文件夹（其中有 cluster.yaml）或市文件夹（其中有 city.yaml）\n\
         拖到 dossier.exe 的图标上再松开。dossier 先检查数据，再生成全部材料，\n\
         放在该文件夹中的 out 文件夹里；数据有错误时列出每处错误和改法。\n\n\
         新建集群、只检查数据等其他用法：在命令提示符中运行 dossier --help。\n\
         详细说明见 dossier.exe 旁边的“使用说明.txt”。",
        env!("CARGO_PKG_VERSION")
    )
}

/// Builds each dropped folder into `out` inside it (beside a dropped `cluster.yaml`).
fn dropped(paths: &[PathBuf]) -> Result<Outcome> {
    let mut outcome = Outcome::Clean;
    for path in paths {
        if let Outcome::DataErrors = build_in_place(path)? {
            outcome = Outcome::DataErrors;
        }
    }
    Ok(outcome)
}

fn build_in_place(path: &Path) -> Result<Outcome> {
    let yaml = path.extension().is_some_and(|e| e.eq_ignore_ascii_case("yaml") || e.eq_ignore_ascii_case("yml"));
    if path.is_file() && !yaml {
        bail!(
            "{} 不是集群或市的目录：请把集群文件夹（其中有 cluster.yaml）或市文件夹（其中有 city.yaml）拖到 dossier.exe 上",
            paths::shown(path)
        );
    }
    let folder = if path.is_dir() { path } else { path.parent().unwrap_or(Path::new(".")) };
    let options = BuildOptions {
        out: paths::writable(&folder.join("out"))?,
        draft: false,
        duplex: true,
        bundled_fonts: false,
        cache: true,
    };
    println!("正在检查并生成 {} 的材料……\n", paths::shown(path));
    let outcome = super::build(&[path.to_owned()], &options)?;
    match outcome {
        Outcome::Clean => println!(
            "\n材料已全部生成，在 {}。打印前请看每个集群文件夹中的“打印清单.txt”。\n",
            paths::shown(&options.out)
        ),
        Outcome::DataErrors => println!(
            "\n数据有错误，未生成有错误的集群的材料：按上面的说明改正 cluster.yaml（或 city.yaml）并保存，\n\
             再把文件夹拖到 dossier.exe 上。\n"
        ),
    }
    Ok(outcome)
}

/// Whether the console window is dossier's alone: Windows opened it for a program started
/// from Explorer, and closes it when the program ends. A terminal's window has the shell too.
#[cfg(windows)]
#[allow(unsafe_code)]
fn own_window() -> bool {
    use std::io::IsTerminal;
    let mut processes = [0u32; 2];
    // SAFETY: the buffer holds `processes.len()` ids, the count passed; the call writes no more.
    let attached = unsafe {
        windows_sys::Win32::System::Console::GetConsoleProcessList(processes.as_mut_ptr(), processes.len() as u32)
    };
    attached == 1 && std::io::stdin().is_terminal()
}

#[cfg(not(windows))]
fn own_window() -> bool {
    false
}

/// Waits for one key press on the console (not a whole line: any key answers) and gives its
/// character, if it has one.
#[cfg(windows)]
#[allow(unsafe_code)]
fn read_key() -> Option<char> {
    use std::io::Write;
    use windows_sys::Win32::System::Console::{
        FlushConsoleInputBuffer, GetStdHandle, INPUT_RECORD, KEY_EVENT, ReadConsoleInputW, STD_INPUT_HANDLE,
    };
    let _ = std::io::stdout().flush();
    // SAFETY: the handle is the process's own console input (checked by `own_window`); each
    // read fills the one record passed and says how many it read. A failed call ends the wait.
    unsafe {
        let input = GetStdHandle(STD_INPUT_HANDLE);
        // Keys pressed while the build ran do not count.
        FlushConsoleInputBuffer(input);
        let mut record = INPUT_RECORD::default();
        let mut read = 0;
        while ReadConsoleInputW(input, &mut record, 1, &mut read) != 0 {
            if read == 1 && u32::from(record.EventType) == KEY_EVENT && record.Event.KeyEvent.bKeyDown != 0 {
                return char::from_u32(u32::from(record.Event.KeyEvent.uChar.UnicodeChar));
            }
        }
    }
    None
}

#[cfg(not(windows))]
fn read_key() -> Option<char> {
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    const COMMANDS: [&str; 2] = ["build", "check"];

    fn launch(args: &[&str]) -> Option<Launch> {
        Launch::of(&args.iter().map(OsString::from).collect::<Vec<_>>(), &COMMANDS)
    }

    #[test]
    fn folders_alone_are_built_and_commands_still_work() {
        let dir = tempfile::tempdir().unwrap();
        let folder = dir.path().join("祁县 玻璃器皿（终稿）");
        let other = dir.path().join("平遥牛肉");
        std::fs::create_dir(&folder).unwrap();
        std::fs::create_dir(&other).unwrap();
        let dropped = folder.to_str().unwrap();
        assert_eq!(launch(&[dropped]), Some(Launch::Dropped(vec![folder.clone()])));
        assert_eq!(launch(&[dropped, other.to_str().unwrap()]), Some(Launch::Dropped(vec![folder.clone(), other])));
        assert_eq!(launch(&["build", dropped]), None);
        assert_eq!(launch(&["--help"]), None);
        assert_eq!(launch(&[&format!("{dropped}-不存在")]), None);
        // Started from a terminal, not from Explorer: clap explains what is missing.
        assert_eq!(launch(&[]), None);
    }

    #[test]
    fn a_dropped_file_that_is_no_yaml_is_refused_in_chinese() {
        let dir = tempfile::tempdir().unwrap();
        let scan = dir.path().join("扫描件.pdf");
        std::fs::write(&scan, b"%PDF").unwrap();
        let Err(error) = build_in_place(&scan) else { panic!("a PDF was built") };
        let error = error.to_string();
        assert!(error.contains("扫描件.pdf 不是集群或市的目录") && error.contains("拖到 dossier.exe 上"), "{error}");
        assert!(!dir.path().join("out").exists());
    }

    #[test]
    fn a_double_click_offers_the_workbench_on_the_folders_beside_the_program() {
        let dir = tempfile::tempdir().unwrap();
        for (folder, file) in [("示例-晋中市", CITY_FILE), ("祁县", CLUSTER_FILE), ("扫描件", "a.pdf")] {
            std::fs::create_dir(dir.path().join(folder)).unwrap();
            std::fs::write(dir.path().join(folder).join(file), "").unwrap();
        }
        let found = workbenches(dir.path());
        assert_eq!(found, [dir.path().join("示例-晋中市"), dir.path().join("祁县")]);
        let offer = offer(&found);
        assert!(offer.contains("按 1 键：示例-晋中市") && offer.contains("按 2 键：祁县"), "{offer}");
        assert_eq!(chosen('2', &found), Some(dir.path().join("祁县").as_path()));
        for other in ['0', '3', 'x', '\r'] {
            assert_eq!(chosen(other, &found), None, "{other:?}");
        }
        // A folder that is a cluster itself comes first; an empty one offers nothing.
        assert_eq!(workbenches(&dir.path().join("祁县")), [dir.path().join("祁县")]);
        assert!(workbenches(&dir.path().join("扫描件")).is_empty());
    }

    #[test]
    fn the_guide_says_what_to_drag_where() {
        let guide = guide();
        assert!(
            guide.contains("cluster.yaml") && guide.contains("拖到 dossier.exe") && guide.contains("out"),
            "{guide}"
        );
    }
}

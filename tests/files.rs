//! What dossier promises about files, tried through the command as an office would meet it:
//! nothing written or deleted outside `--out`, I/O failures named in Chinese with exit status 2.

mod common;

use std::collections::BTreeMap;
use std::ffi::OsStr;
use std::path::{Path, PathBuf};

/// `dossier` run with `args`: its exit code, stdout and stderr.
fn dossier(args: &[&OsStr]) -> (i32, String, String) {
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_dossier")).args(args).output().unwrap();
    let text = |b: &[u8]| String::from_utf8_lossy(b).into_owned();
    (output.status.code().unwrap_or(-1), text(&output.stdout), text(&output.stderr))
}

/// `dossier build <cluster> --out <out> --bundled-fonts`.
fn build(cluster: &Path, out: &Path, more: &[&str]) -> (i32, String, String) {
    let mut args: Vec<&OsStr> = vec!["build".as_ref(), cluster.as_os_str(), "--out".as_ref(), out.as_os_str()];
    args.push("--bundled-fonts".as_ref());
    args.extend(more.iter().map(OsStr::new));
    dossier(&args)
}

/// The same build, started and left running.
fn started(cluster: &Path, out: &Path) -> std::process::Child {
    std::process::Command::new(env!("CARGO_BIN_EXE_dossier"))
        .args(["build".as_ref(), cluster.as_os_str(), "--out".as_ref(), out.as_os_str(), "--bundled-fonts".as_ref()])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap()
}

/// Every file under `dir` (not under `skip`) with its bytes.
fn files_under(dir: &Path, skip: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_entry(|e| e.path() != skip)
        .map(Result::unwrap)
        .filter(|e| e.file_type().is_file())
        .map(|e| (e.path().to_owned(), std::fs::read(e.path()).unwrap()))
        .collect()
}

/// `name: ".."` once wrote the outputs into the folder above `--out`, overwrote its print list
/// and emptied its CD folder. Now the name is refused at its line, even for a draft, and
/// nothing outside `out/` is touched.
#[test]
fn a_cluster_name_that_climbs_out_of_the_output_folder_touches_nothing_there() {
    let top = tempfile::tempdir().unwrap();
    let cluster = top.path().join("祁县");
    let file = common::copy_cluster("qixian-glass", &cluster, |yaml| {
        yaml.replacen("name: 祁县玻璃器皿产业", "name: \"..\"", 1)
    });
    std::fs::write(top.path().join("打印清单.txt"), "the office's own list").unwrap();
    std::fs::create_dir_all(top.path().join("光盘/祁县中小企业特色产业集群申报资料")).unwrap();
    std::fs::write(top.path().join("光盘/祁县中小企业特色产业集群申报资料/旧的申报表.pdf"), b"%PDF").unwrap();
    let out = top.path().join("out");
    let before = files_under(top.path(), &out);
    for draft in [&[][..], &["--draft"]] {
        let (code, stdout, stderr) = build(&cluster, &out, draft);
        assert_eq!(code, 1, "{stdout}{stderr}");
        assert!(stderr.contains("“..”不能用作文件夹名"), "{stderr}");
        assert!(stderr.contains(&format!("{}:", file.display())), "names the file: {stderr}");
        assert!(!stdout.contains('→'), "{stdout}");
        assert_eq!(files_under(top.path(), &out), before, "nothing outside out/ changed");
    }
}

/// An output folder that cannot be written (here a file stands where a folder must go) is an
/// I/O failure: exit status 2, the path and the reason in Chinese, and no claim that the
/// materials were written.
#[test]
fn an_output_folder_that_cannot_be_written_exits_2_and_says_why_in_chinese() {
    let top = tempfile::tempdir().unwrap();
    let blocker = top.path().join("out");
    std::fs::write(&blocker, "not a folder").unwrap();
    let (code, stdout, stderr) = build(&common::example("qixian-glass"), &blocker.join("材料"), &[]);
    assert_eq!(code, 2, "{stdout}{stderr}");
    assert!(stderr.contains("无法写入") && stderr.contains("路径中有一段是文件而不是文件夹"), "{stderr}");
    assert!(stderr.contains(&blocker.display().to_string()), "{stderr}");
    for english in ["os error", "Not a directory", "完整生成"] {
        assert!(!stderr.contains(english) && !stdout.contains(english), "{english}: {stdout}{stderr}");
    }
}

/// The folder of the example cluster's outputs.
const FOLDER: &str = "祁县玻璃器皿产业";

/// The example cluster copied into `top/祁县`.
fn cluster_in(top: &Path) -> PathBuf {
    let cluster = top.join("祁县");
    common::copy_cluster("qixian-glass", &cluster, |yaml| yaml);
    cluster
}

fn edit(cluster: &Path, from: &str, to: &str) {
    let file = cluster.join("cluster.yaml");
    let text = std::fs::read_to_string(&file).unwrap();
    assert!(text.contains(from), "{from}");
    std::fs::write(&file, text.replacen(from, to, 1)).unwrap();
}

/// A build that fails leaves the earlier outputs where they were, every byte, with a note
/// beside them that they are not current, and says so; the next good build takes the note away.
#[test]
fn outputs_a_failed_build_could_not_renew_are_marked_and_kept() {
    let top = tempfile::tempdir().unwrap();
    let cluster = cluster_in(top.path());
    let out = top.path().join("out");
    let (code, stdout, stderr) = build(&cluster, &out, &[]);
    assert_eq!(code, 0, "{stdout}{stderr}");
    let note = out.join(FOLDER).join("未更新说明.txt");
    assert!(!note.exists());
    let earlier = files_under(&out.join(FOLDER), &out.join(".cache"));

    edit(&cluster, "industry_type: 第二产业", "industry_type:");
    let (code, stdout, stderr) = build(&cluster, &out, &[]);
    assert_eq!(code, 1, "{stdout}{stderr}");
    assert!(stderr.contains("不是这次生成的完整结果") && stderr.contains("未更新说明.txt"), "{stderr}");
    let text = std::fs::read_to_string(&note).unwrap();
    assert!(text.starts_with("本文件夹中的材料不是最新的，请勿打印、报送！"), "{text}");
    assert!(text.contains("数据中有") && text.contains("dossier check"), "{text}");
    let mut now = files_under(&out.join(FOLDER), &out.join(".cache"));
    now.remove(&note);
    assert_eq!(now, earlier, "nothing of the earlier outputs is lost");

    edit(&cluster, "industry_type:", "industry_type: 第二产业");
    let (code, stdout, stderr) = build(&cluster, &out, &[]);
    assert_eq!(code, 0, "{stdout}{stderr}");
    assert!(!note.exists(), "a good build takes the note away");
}

/// Two builds into one output folder at once once mixed their outputs: the second now stops,
/// saying which build holds the folder, and the first one's outputs are whole.
#[test]
fn a_second_build_into_the_same_output_folder_stops_and_says_who_holds_it() {
    let top = tempfile::tempdir().unwrap();
    let first = cluster_in(top.path());
    let second = top.path().join("另一份");
    common::copy_cluster("qixian-glass", &second, |yaml| {
        yaml.replacen("leading_industry: 日用玻璃器皿", "leading_industry: 玻璃器皿", 1)
    });
    let out = top.path().join("out");
    let mut running = started(&first, &out);
    let holder = out.join(".dossier-lock-holder.txt");
    let pid = format!("进程 {}", running.id());
    let since = std::time::Instant::now();
    while !std::fs::read_to_string(&holder).is_ok_and(|t| t.contains(&pid)) {
        assert!(since.elapsed().as_secs() < 60, "the first build never took the folder");
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    let (code, stdout, stderr) = build(&second, &out, &[]);
    let first_done = running.wait().unwrap();
    assert!(first_done.success());
    assert_eq!(code, 2, "{stdout}{stderr}");
    assert!(stderr.contains("正被另一次生成使用") && stderr.contains(&pid), "{stderr}");
    assert!(stderr.contains(&first.display().to_string()), "names what the other build builds: {stderr}");
    let form = std::fs::read(out.join(FOLDER).join("附件2 山西省中小企业特色产业集群申报表.docx")).unwrap();
    let xml = common::unzip(&form).remove("word/document.xml").unwrap();
    assert!(xml.contains("日用玻璃器皿"), "the first build's form");
}

/// Killed builds leave temporary files; the next build clears them, and a CD folder has each of
/// its files at every moment, old or new.
#[test]
fn a_killed_build_leaves_nothing_the_next_build_does_not_clear() {
    let top = tempfile::tempdir().unwrap();
    let cluster = cluster_in(top.path());
    let out = top.path().join("out");
    let (code, stdout, stderr) = build(&cluster, &out, &[]);
    assert_eq!(code, 0, "{stdout}{stderr}");
    let discs = out.join(FOLDER).join("光盘");
    let on_disc: Vec<PathBuf> = files_under(&discs, &out.join(".cache")).into_keys().collect();
    assert!(!on_disc.is_empty());
    // What a build killed while binding a volume once left, never to be removed.
    std::fs::write(out.join(FOLDER).join(".volume-Ab12Cd.pdf.part"), vec![0; 4096]).unwrap();

    edit(&cluster, "leading_industry: 日用玻璃器皿", "leading_industry: 玻璃器皿");
    for millis in [150, 400, 900, 1600, 2500] {
        let mut running = started(&cluster, &out);
        std::thread::sleep(std::time::Duration::from_millis(millis));
        let _ = running.kill();
        running.wait().unwrap();
        for file in &on_disc {
            assert!(file.is_file(), "killed after {millis} ms: {} is missing", file.display());
        }
    }
    let (code, stdout, stderr) = build(&cluster, &out, &[]);
    assert_eq!(code, 0, "{stdout}{stderr}");
    let left: Vec<PathBuf> =
        files_under(&out, Path::new("")).into_keys().filter(|p| p.extension().is_some_and(|e| e == "part")).collect();
    assert!(left.is_empty(), "{left:#?}");
}

/// A disk that fills up during the build, and a file system that may not be written: exit 2,
/// the place and the reason in Chinese. Each needs a mount, so each runs only when its folder
/// is given (`tools/check-outside.sh` mounts a 2 MB tmpfs and a read-only one) and says so when
/// skipped.
#[test]
fn a_full_or_read_only_disk_exits_2_and_says_so() {
    for (variable, reason) in [("DOSSIER_FULL_DISK", "磁盘空间不足"), ("DOSSIER_READ_ONLY_DIR", "磁盘是只读的")]
    {
        let Some(dir) = std::env::var_os(variable) else {
            eprintln!("skipped: set {variable} to a folder on such a file system (tools/check-outside.sh does)");
            continue;
        };
        let out = Path::new(&dir).join("out");
        let (code, stdout, stderr) = build(&common::example("qixian-glass"), &out, &[]);
        assert_eq!(code, 2, "{variable}: {stdout}{stderr}");
        assert!(stderr.contains(reason) && stderr.contains(&out.display().to_string()), "{variable}: {stderr}");
        for english in ["os error", "No space", "Read-only", "完整生成"] {
            assert!(!stderr.contains(english) && !stdout.contains(english), "{english}: {stdout}{stderr}");
        }
    }
}

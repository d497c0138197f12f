//! Volume assembly against `qpdf --empty --pages … --` on the same 300 scanned pages.
//!
//!     cargo bench --bench volume
//!
//! Generates (once, into target/bench-volume/) 300 A4 scans at 300 dpi as JPEG (~115 MB): as 30
//! ten-page JPEG-in-PDF files, as 300 JPEG files, and as one 300-page PDF (the largest single
//! input a memory bound is measured against). Then times, under `/usr/bin/time -v`
//! (apt-get install time), each run in its own process so peak memory is the build's alone:
//! dossier binding the PDFs, qpdf merging the same PDFs, dossier binding the JPEG files (qpdf
//! cannot read images). dossier does more than qpdf here: cover, 目录, A4 fitting, page-number
//! stamps, blank pages, bookmarks and labels.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use dossier::volume::{Options, Pages, PagesError, Source, TocEntry, Volume, VolumeItem, build};
use image::{GrayImage, Luma};
use lopdf::{Document, Object, Stream, dictionary};

const PAGES: usize = 300;
const PER_PDF: usize = 10;
const DISTINCT: usize = 12;
const RUNS: usize = 3;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.get(1).map(String::as_str) == Some("build") {
        let started = Instant::now();
        let report = bind(Path::new(&args[2]), Path::new(&args[3]));
        eprintln!(
            "built {} pages in {:.2} s",
            report,
            started.elapsed().as_secs_f64()
        );
        return;
    }
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/bench-volume");
    let (pdfs, jpegs, single) = fixtures(&root);
    let size = |dir: &Path| -> u64 {
        std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().metadata().unwrap().len())
            .sum()
    };
    println!("inputs: {PAGES} scanned A4 pages, 2480×3508 JPEG");
    println!(
        "  {} PDFs of {PER_PDF} pages: {:.1} MB; {PAGES} JPEG files: {:.1} MB",
        PAGES / PER_PDF,
        size(&pdfs) as f64 / 1e6,
        size(&jpegs) as f64 / 1e6
    );
    let me = std::env::current_exe().unwrap();
    let mut inputs: Vec<PathBuf> = std::fs::read_dir(&pdfs)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    inputs.sort();
    let out = root.join("out");
    std::fs::create_dir_all(&out).unwrap();
    let runs: Vec<(&str, Vec<String>)> = vec![
        (
            "dossier, 30 PDFs",
            vec![
                me.display().to_string(),
                "build".into(),
                pdfs.display().to_string(),
                out.join("dossier-pdfs.pdf").display().to_string(),
            ],
        ),
        ("qpdf --empty --pages, same PDFs", {
            let mut a = vec!["qpdf".into(), "--empty".into(), "--pages".into()];
            a.extend(inputs.iter().map(|p| p.display().to_string()));
            a.extend(["--".into(), out.join("qpdf.pdf").display().to_string()]);
            a
        }),
        (
            "dossier, 300 JPEG files",
            vec![
                me.display().to_string(),
                "build".into(),
                jpegs.display().to_string(),
                out.join("dossier-jpegs.pdf").display().to_string(),
            ],
        ),
        (
            "dossier, one 300-page PDF",
            vec![
                me.display().to_string(),
                "build".into(),
                single.display().to_string(),
                out.join("dossier-single.pdf").display().to_string(),
            ],
        ),
        (
            "qpdf --empty --pages, same PDF",
            vec![
                "qpdf".into(),
                "--empty".into(),
                "--pages".into(),
                single.join("binder.pdf").display().to_string(),
                "--".into(),
                out.join("qpdf-single.pdf").display().to_string(),
            ],
        ),
    ];
    println!(
        "\n{:<34} {:>8} {:>8} {:>13} {:>11}",
        "run (best of 3; peak: max)", "wall s", "cpu s", "peak RSS MB", "output MB"
    );
    for (name, argv) in runs {
        let mut best = (f64::MAX, f64::MAX, 0u64);
        for _ in 0..RUNS {
            let (wall, cpu, rss) = timed(&argv);
            best = (best.0.min(wall), best.1.min(cpu), best.2.max(rss));
        }
        let output = argv.last().unwrap();
        let mb = std::fs::metadata(output)
            .map(|m| m.len() as f64 / 1e6)
            .unwrap_or(0.0);
        println!(
            "{name:<34} {:>8.2} {:>8.2} {:>13.1} {:>11.1}",
            best.0,
            best.1,
            best.2 as f64 / 1024.0,
            mb
        );
    }
}

/// Runs a command under /usr/bin/time -v: (wall seconds, CPU seconds, peak RSS in KB).
fn timed(argv: &[String]) -> (f64, f64, u64) {
    let output = Command::new("/usr/bin/time")
        .arg("-v")
        .args(argv)
        .output()
        .expect("/usr/bin/time (apt-get install time)");
    let text = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{argv:?} failed: {text}");
    let field = |key: &str| {
        text.lines()
            .find_map(|l| l.trim().strip_prefix(key))
            .map(str::trim)
            .unwrap_or_default()
            .to_string()
    };
    let wall = field("Elapsed (wall clock) time (h:mm:ss or m:ss):");
    let seconds = wall.split(':').fold(0.0, |acc, part| {
        acc * 60.0 + part.parse::<f64>().unwrap_or(0.0)
    });
    let cpu = ["User time (seconds):", "System time (seconds):"]
        .iter()
        .map(|key| field(key).parse::<f64>().unwrap_or(0.0))
        .sum();
    (
        seconds,
        cpu,
        field("Maximum resident set size (kbytes):")
            .parse()
            .unwrap_or(0),
    )
}

/// Binds every file of `dir` into a 20-item volume.
fn bind(dir: &Path, out: &Path) -> u32 {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    let per_item = files.len().div_ceil(20);
    let items = files
        .chunks(per_item.max(1))
        .enumerate()
        .map(|(i, chunk)| VolumeItem {
            number: i + 1,
            title: format!("第 {} 项佐证材料", i + 1),
            sources: chunk
                .iter()
                .map(|p| Source::File {
                    path: p.clone(),
                    password: None,
                })
                .collect(),
            may_be_empty: true,
        })
        .collect();
    let volume = Volume {
        title: "基准卷册".into(),
        author: "bench".into(),
        items,
        options: Options::default(),
    };
    build(&volume, &Plain, out)
        .expect("the benchmark volume builds")
        .pages
}

/// Plain cover and 目录 pages (dossier's real renderer is the PDF back end's business).
struct Plain;

fn text_page(lines: &[String]) -> Vec<u8> {
    let mut doc = Document::with_version("1.5");
    let pages = doc.new_object_id();
    let font = doc.add_object(
        dictionary! {"Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Helvetica"},
    );
    let mut content = String::from("BT /F1 12 Tf 60 780 Td 16 TL\n");
    for line in lines {
        content.push_str(&format!("({line}) '\n"));
    }
    content.push_str("ET");
    let c = doc.add_object(Stream::new(dictionary! {}, content.into_bytes()));
    let page = doc.add_object(dictionary! {
        "Type" => "Page", "Parent" => pages, "Contents" => c,
        "MediaBox" => vec![0.into(), 0.into(), 595.into(), 842.into()],
        "Resources" => dictionary! {"Font" => dictionary! {"F1" => font}},
    });
    doc.objects.insert(
        pages,
        Object::Dictionary(
            dictionary! {"Type" => "Pages", "Kids" => vec![page.into()], "Count" => 1},
        ),
    );
    let catalog = doc.add_object(dictionary! {"Type" => "Catalog", "Pages" => pages});
    doc.trailer.set("Root", catalog);
    let mut bytes = Vec::new();
    doc.save_to(&mut bytes).unwrap();
    bytes
}

impl Pages for Plain {
    fn cover(&self) -> Result<Vec<u8>, PagesError> {
        Ok(text_page(&["COVER".into()]))
    }
    fn contents(&self, toc: &[TocEntry]) -> Result<Vec<u8>, PagesError> {
        Ok(text_page(
            &toc.iter()
                .map(|e| format!("{} ........ {}", e.number, e.page))
                .collect::<Vec<_>>(),
        ))
    }
    fn empty_item(&self, number: usize, _: &str) -> Result<Vec<u8>, PagesError> {
        Ok(text_page(&[format!("{number}: none")]))
    }
    fn refused(&self, _: &str, _: &Path, _: &str) -> Result<Vec<u8>, PagesError> {
        Ok(text_page(&["refused".into()]))
    }
}

/// A scanned A4 page at 300 dpi: paper-grey noise and lines of dark "words", ~330 KB as JPEG.
fn scan(seed: u64) -> Vec<u8> {
    let (w, h) = (2480u32, 3508u32);
    let mut state = seed
        .wrapping_mul(6364136223846793005)
        .wrapping_add(1442695040888963407);
    let mut next = move || {
        state = state
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (state >> 33) as u32
    };
    let mut image = GrayImage::from_fn(w, h, |_, _| Luma([235]));
    for y in (300..h - 300).step_by(70) {
        let mut x = 250;
        while x < w - 300 {
            let word = 40 + next() % 160;
            for yy in y..y + 34 {
                for xx in x..(x + word).min(w - 250) {
                    image.put_pixel(xx, yy, Luma([(30 + next() % 12) as u8]));
                }
            }
            x += word + 30;
        }
    }
    // Paper texture: a faint pattern, as scanners pick up from the paper.
    for (i, p) in image.pixels_mut().enumerate() {
        if i % 7 == 0 {
            p.0[0] = p.0[0].saturating_add((next() % 6) as u8);
        }
    }
    let mut out = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 60)
        .encode_image(&image)
        .unwrap();
    out
}

fn fixtures(root: &Path) -> (PathBuf, PathBuf, PathBuf) {
    let (pdfs, jpegs, single) = (root.join("pdfs"), root.join("jpegs"), root.join("single"));
    if root.join("ready").exists() {
        return (pdfs, jpegs, single);
    }
    eprintln!("generating {PAGES} scans (once)…");
    std::fs::create_dir_all(&pdfs).unwrap();
    std::fs::create_dir_all(&jpegs).unwrap();
    let scans: Vec<Vec<u8>> = (0..DISTINCT as u64).map(scan).collect();
    for i in 0..PAGES {
        std::fs::write(jpegs.join(format!("scan-{i:03}.jpg")), &scans[i % DISTINCT]).unwrap();
    }
    for f in 0..PAGES / PER_PDF {
        scanned_pdf(
            &scans,
            f * PER_PDF,
            PER_PDF,
            &pdfs.join(format!("scan-{f:02}.pdf")),
        );
    }
    std::fs::create_dir_all(&single).unwrap();
    scanned_pdf(&scans, 0, PAGES, &single.join("binder.pdf"));
    std::fs::write(root.join("ready"), b"").unwrap();
    (pdfs, jpegs, single)
}

/// A PDF of `count` scanned pages, as a scanner writes it (one JPEG per page).
fn scanned_pdf(scans: &[Vec<u8>], first: usize, count: usize, path: &Path) {
    let mut doc = Document::with_version("1.5");
    let pages = doc.new_object_id();
    let mut kids = Vec::new();
    for p in 0..count {
        let jpeg = &scans[(first + p) % DISTINCT];
        let image = doc.add_object(Stream::new(
                dictionary! {"Type" => "XObject", "Subtype" => "Image", "Width" => 2480, "Height" => 3508,
                "ColorSpace" => "DeviceGray", "BitsPerComponent" => 8, "Filter" => "DCTDecode"},
                jpeg.clone(),
            ).with_compression(false));
        let content = doc.add_object(Stream::new(
            dictionary! {},
            b"q 595.28 0 0 841.89 0 0 cm /Im0 Do Q".to_vec(),
        ));
        kids.push(Object::Reference(doc.add_object(dictionary! {
            "Type" => "Page", "Parent" => pages, "Contents" => content,
            "MediaBox" => vec![0.into(), 0.into(), 595.28.into(), 841.89.into()],
            "Resources" => dictionary! {"XObject" => dictionary! {"Im0" => image}},
        })));
    }
    doc.objects.insert(
        pages,
        Object::Dictionary(
            dictionary! {"Type" => "Pages", "Kids" => kids, "Count" => count as i64},
        ),
    );
    let catalog = doc.add_object(dictionary! {"Type" => "Catalog", "Pages" => pages});
    doc.trailer.set("Root", catalog);
    doc.save(path).unwrap();
}

//! Volume assembly against `qpdf --empty --pages … --` on the same 300 scanned pages, and the
//! build cache on scans that must be decoded.
//!
//!     cargo bench --bench volume          (tools/bench.sh runs it with the other benchmarks)
//!
//! Generates (once, into target/bench-volume/) 300 A4 scans at 300 dpi as JPEG (~115 MB): as 30
//! ten-page JPEG-in-PDF files, as 300 JPEG files, and as one 300-page PDF (the largest single
//! input a memory bound is measured against); and 20 of them as PNG files (decoded and
//! compressed again when bound). Each run is a process of its own under `/usr/bin/time -v`, so
//! peak memory is the build's alone; medians of `BENCH_RUNS` (default 5) runs. dossier does more
//! than qpdf here: cover, 目录, A4 fitting, page-number stamps, blank pages, bookmarks, labels.
//!
//! Then the peak memory of binding one huge image: a 1.3 MB grey PNG of 30000×42000 pixels
//! (refused from its header), and an RGB PNG and a JPEG of 8000×8000 pixels (the most dossier
//! decodes, brought down to 300 dpi). Target: ≤ 300 MB whatever the image.

mod common;
// Plain cover and 目录 pages, the volume tests' own: the real renderer is the PDF back end's business.
#[path = "../tests/volume_support/mod.rs"]
mod volume_support;

use std::path::{Path, PathBuf};
use std::time::Instant;

use common::{Sample, args, header, measure, png_scan, row, scan};
use dossier::build::cache::Cache;
use dossier::volume::{Options, Source, Volume, VolumeItem, bind_with};
use lopdf::{Document, Object, Stream, dictionary};
use volume_support::TestPages;

const PAGES: usize = 300;
const PER_PDF: usize = 10;
const DISTINCT: usize = 12;
const PNGS: usize = 20;

fn main() {
    let argv: Vec<String> = std::env::args().collect();
    if argv.get(1).map(String::as_str) == Some("image") {
        image(Path::new(&argv[2]), Path::new(&argv[3]));
        return;
    }
    if argv.get(1).map(String::as_str) == Some("build") {
        let started = Instant::now();
        let pages = bind(Path::new(&argv[2]), Path::new(&argv[3]), argv.get(4).map(Path::new));
        eprintln!("built {pages} pages in {:.2} s", started.elapsed().as_secs_f64());
        return;
    }
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/bench-volume");
    let (pdfs, jpegs, single, pngs) = fixtures(&root);
    let size =
        |dir: &Path| -> u64 { std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().metadata().unwrap().len()).sum() };
    println!("volume: {PAGES} scanned A4 pages, 2480×3508 at 300 dpi; {}", common::machine());
    println!(
        "  {} PDFs of {PER_PDF} pages (JPEG in PDF): {:.1} MB; {PAGES} JPEG files: {:.1} MB; one {PAGES}-page PDF: {:.1} MB; {PNGS} PNG files: {:.1} MB",
        PAGES / PER_PDF,
        size(&pdfs) as f64 / 1e6,
        size(&jpegs) as f64 / 1e6,
        size(&single) as f64 / 1e6,
        size(&pngs) as f64 / 1e6,
    );
    let me = std::env::current_exe().unwrap();
    let mut inputs: Vec<PathBuf> = std::fs::read_dir(&pdfs).unwrap().map(|e| e.unwrap().path()).collect();
    inputs.sort();
    let out = root.join("out");
    std::fs::create_dir_all(&out).unwrap();
    let cache = out.join("cache");
    let runs = common::runs(5);
    let dossier = |from: &Path, name: &str| args(&[&me, &"build", &from, &out.join(name)]);
    let qpdf = |from: &[PathBuf], name: &str| {
        let mut a = args(&[&"qpdf", &"--empty", &"--pages"]);
        a.extend(from.iter().map(|p| p.display().to_string()));
        a.extend(args(&[&"--", &out.join(name)]));
        a
    };
    let nothing = || {};
    header(&format!("run (median of {runs})"));
    let measured = |name: &str, prepare: &mut dyn FnMut(), argv: Vec<String>| -> Sample {
        let sample = measure(runs, prepare, &argv);
        row(name, &sample);
        sample
    };
    let ours = measured("dossier, 30 PDFs", &mut { nothing }, dossier(&pdfs, "dossier-pdfs.pdf"));
    let theirs = measured("qpdf --empty --pages, same PDFs", &mut { nothing }, qpdf(&inputs, "qpdf.pdf"));
    measured("dossier, 300 JPEG files", &mut { nothing }, dossier(&jpegs, "dossier-jpegs.pdf"));
    let single_ours = measured("dossier, one 300-page PDF", &mut { nothing }, dossier(&single, "dossier-single.pdf"));
    let single_theirs = measured(
        "qpdf --empty --pages, same PDF",
        &mut { nothing },
        qpdf(&[single.join("binder.pdf")], "qpdf-single.pdf"),
    );
    measured("dossier, 20 PNG scans, no cache", &mut { nothing }, dossier(&pngs, "dossier-pngs.pdf"));
    let mut cached = args(&[&me, &"build", &pngs, &out.join("dossier-pngs.pdf"), &cache]);
    let cold =
        measured("dossier, 20 PNG scans, empty cache", &mut || drop(std::fs::remove_dir_all(&cache)), cached.clone());
    let warm = measured("dossier, 20 PNG scans, warm cache", &mut { nothing }, std::mem::take(&mut cached));
    let largest = std::fs::metadata(single.join("binder.pdf")).unwrap().len() as f64 / 1024.0 / 1024.0;
    println!(
        "\ndossier / qpdf wall time: 30 PDFs {:.2}×, one PDF {:.2}× (target ≤ 1)",
        ours.wall / theirs.wall,
        single_ours.wall / single_theirs.wall
    );
    println!(
        "peak memory, one 300-page PDF: {:.0} MB; largest input + 100 MB = {:.0} MB ({})",
        single_ours.peak_mb,
        largest + 100.0,
        if single_ours.peak_mb <= largest + 100.0 { "met" } else { "NOT met" }
    );
    println!("PNG scans, warm / empty cache: {:.2}×", warm.wall / cold.wall);

    let huge = huge_images(&root);
    header("one huge image (median of 1 run)");
    let mut peak: f64 = 0.0;
    for (name, file) in huge {
        let sample = measure(1, || {}, &args(&[&me, &"image", &file, &out.join("dossier-image.pdf")]));
        row(name, &sample);
        peak = peak.max(sample.peak_mb);
    }
    println!(
        "peak memory of one image: {peak:.0} MB (target ≤ 300 MB: {})",
        if peak <= 300.0 { "met" } else { "NOT met" }
    );
}

/// Binds the one image `file` into a draft volume (a refused image gets a page saying why).
fn image(file: &Path, out: &Path) {
    let item = VolumeItem {
        number: 1,
        title: "图片".into(),
        sources: vec![Source::File { path: file.to_owned(), password: None, turn: Default::default(), digest: None }],
        may_be_empty: true,
    };
    let options = Options { draft: true, ..Options::default() };
    let volume = Volume { title: "基准卷册".into(), author: "bench".into(), items: vec![item], options };
    let report =
        bind_with(&volume, &TestPages::new(), out, &dossier::volume::NoStore, &|_| {}).expect("the volume builds");
    eprintln!("{} pages, {} refused", report.pages, report.problems.len());
}

/// The huge images (generated once): what each is, and its path.
fn huge_images(root: &Path) -> Vec<(&'static str, PathBuf)> {
    let dir = root.join("huge");
    let gray = dir.join("gray-30000x42000.png");
    let rgb = dir.join("rgb-8000x8000.png");
    let jpeg = dir.join("photo-8000x8000.jpg");
    if !root.join("huge-ready").exists() {
        eprintln!("generating the huge images (once)…");
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(&gray, blank_png(30_000, 42_000)).unwrap();
        let picture = image::RgbImage::from_fn(8000, 8000, |x, y| image::Rgb([(x / 32) as u8, (y / 32) as u8, 200]));
        picture.save(&rgb).unwrap();
        picture.save(&jpeg).unwrap();
        std::fs::write(root.join("huge-ready"), b"").unwrap();
    }
    vec![
        ("30000×42000 grey PNG, 1.3 MB (refused)", gray),
        ("8000×8000 RGB PNG (reduced)", rgb),
        ("8000×8000 JPEG (reduced)", jpeg),
    ]
}

/// A white 8-bit grey PNG of `width`×`height`, written row by row (never held whole).
fn blank_png(width: u32, height: u32) -> Vec<u8> {
    use std::io::Write;
    let mut out = Vec::new();
    let mut encoder = png::Encoder::new(&mut out, width, height);
    encoder.set_color(png::ColorType::Grayscale);
    encoder.set_compression(png::Compression::High);
    let mut writer = encoder.write_header().unwrap();
    let mut stream = writer.stream_writer().unwrap();
    let row = vec![255u8; width as usize];
    for _ in 0..height {
        stream.write_all(&row).unwrap();
    }
    stream.finish().unwrap();
    writer.finish().unwrap();
    out
}

/// Binds every file of `dir` into a 20-item volume, with the build cache in `cache` if given.
fn bind(dir: &Path, out: &Path, cache: Option<&Path>) -> u32 {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().path()).collect();
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
                .map(|p| Source::File { path: p.clone(), password: None, turn: Default::default(), digest: None })
                .collect(),
            may_be_empty: true,
        })
        .collect();
    let volume = Volume { title: "基准卷册".into(), author: "bench".into(), items, options: Options::default() };
    let store: Box<dyn dossier::volume::Store> = match cache {
        Some(dir) => Box::new(Cache::new(dir, b"bench")),
        None => Box::new(dossier::volume::NoStore),
    };
    bind_with(&volume, &TestPages::new(), out, store.as_ref(), &|_| {}).expect("the benchmark volume builds").pages
}

fn fixtures(root: &Path) -> (PathBuf, PathBuf, PathBuf, PathBuf) {
    let (pdfs, jpegs, single, pngs) = (root.join("pdfs"), root.join("jpegs"), root.join("single"), root.join("pngs"));
    // The marker sits beside the folder: `bind` binds every file in it.
    if !root.join("pngs-ready").exists() {
        eprintln!("generating {PNGS} PNG scans (once)…");
        std::fs::create_dir_all(&pngs).unwrap();
        // All different: a cache must not find one scan's pictures under another's.
        for i in 0..PNGS {
            std::fs::write(pngs.join(format!("scan-{i:03}.png")), png_scan(100 + i as u64)).unwrap();
        }
        std::fs::write(root.join("pngs-ready"), b"").unwrap();
    }
    if root.join("ready").exists() {
        return (pdfs, jpegs, single, pngs);
    }
    eprintln!("generating {PAGES} scans (once)…");
    std::fs::create_dir_all(&pdfs).unwrap();
    std::fs::create_dir_all(&jpegs).unwrap();
    let scans: Vec<Vec<u8>> = (0..DISTINCT as u64).map(scan).collect();
    for i in 0..PAGES {
        std::fs::write(jpegs.join(format!("scan-{i:03}.jpg")), &scans[i % DISTINCT]).unwrap();
    }
    for f in 0..PAGES / PER_PDF {
        scanned_pdf(&scans, f * PER_PDF, PER_PDF, &pdfs.join(format!("scan-{f:02}.pdf")));
    }
    std::fs::create_dir_all(&single).unwrap();
    scanned_pdf(&scans, 0, PAGES, &single.join("binder.pdf"));
    std::fs::write(root.join("ready"), b"").unwrap();
    (pdfs, jpegs, single, pngs)
}

/// A PDF of `count` scanned pages, as a scanner writes it (one JPEG per page).
fn scanned_pdf(scans: &[Vec<u8>], first: usize, count: usize, path: &Path) {
    let mut doc = Document::with_version("1.5");
    let pages = doc.new_object_id();
    let mut kids = Vec::new();
    for p in 0..count {
        let jpeg = &scans[(first + p) % DISTINCT];
        let image = doc.add_object(
            Stream::new(
                dictionary! {"Type" => "XObject", "Subtype" => "Image", "Width" => 2480, "Height" => 3508,
                "ColorSpace" => "DeviceGray", "BitsPerComponent" => 8, "Filter" => "DCTDecode"},
                jpeg.clone(),
            )
            .with_compression(false),
        );
        let content = doc.add_object(Stream::new(dictionary! {}, b"q 595.28 0 0 841.89 0 0 cm /Im0 Do Q".to_vec()));
        kids.push(Object::Reference(doc.add_object(dictionary! {
            "Type" => "Page", "Parent" => pages, "Contents" => content,
            "MediaBox" => vec![0.into(), 0.into(), 595.28.into(), 841.89.into()],
            "Resources" => dictionary! {"XObject" => dictionary! {"Im0" => image}},
        })));
    }
    doc.objects
        .insert(pages, Object::Dictionary(dictionary! {"Type" => "Pages", "Kids" => kids, "Count" => count as i64}));
    let catalog = doc.add_object(dictionary! {"Type" => "Catalog", "Pages" => pages});
    doc.trailer.set("Root", catalog);
    doc.save(path).unwrap();
}

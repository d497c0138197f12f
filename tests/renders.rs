//! Reference renders: pages of the example city and of the stress example (`tests/stress`), drawn
//! at 30 dpi by hayro, a PDF rasteriser written in Rust (so `cargo test` needs nothing else), and
//! compared with the pictures committed in `tests/renders/`. A page that moved, broke elsewhere or
//! changed its face fails, and its render and a picture of the differences are written beside the
//! test's target folder. After an intended change, look at the new renders, then record them:
//! `DOSSIER_BLESS=1 cargo test --test renders`.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use dossier::build::{self, Engine, Options};
use dossier::load::project;
use hayro::hayro_interpret::InterpreterSettings;
use hayro::hayro_syntax::Pdf;
use hayro::vello_cpu::color::palette::css::WHITE;
use hayro::{PixmapSettings, RenderCache, RenderSettings, render};
use image::{GrayImage, Luma, Rgb, RgbImage};

/// Dots per inch of the renders: enough to see every line of a page, small enough to commit.
const DPI: f32 = 30.0;
/// A pixel differs when its grey level moved by more than this…
const LEVELS: u8 = 64;
/// … and a page differs when more than this share of its pixels did (anti-aliasing may vary by
/// a level or two between machines; a line that moves changes thousands of pixels).
const SHARE: f64 = 0.002;

/// The example city and the stress example, each built once into a folder of its own.
fn built(city: &str) -> &'static Path {
    static EXAMPLE: OnceLock<tempfile::TempDir> = OnceLock::new();
    static STRESS: OnceLock<tempfile::TempDir> = OnceLock::new();
    let (cell, dir) = match city {
        "example" => (&EXAMPLE, "data/jinzhong"),
        _ => (&STRESS, "tests/stress"),
    };
    cell.get_or_init(|| {
        static ENGINE: OnceLock<Engine> = OnceLock::new();
        let engine = ENGINE.get_or_init(|| Engine::new(true).unwrap());
        let out = tempfile::tempdir().unwrap();
        let project = project::load_city(&root().join(dir).join("city.yaml")).unwrap();
        let options = Options { out: out.path().to_owned(), draft: false, duplex: true, progress: Default::default() };
        build::build_city(engine, &project, &options).expect("the city builds");
        out
    })
    .path()
}

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).to_owned()
}

/// Page `page` (from 1) of `file` as grey levels.
fn render_page(file: &Path, page: usize) -> GrayImage {
    let pdf = Pdf::new(std::fs::read(file).unwrap()).unwrap_or_else(|e| panic!("{}: {e:?}", file.display()));
    let pages = pdf.pages();
    let page = pages.get(page - 1).unwrap_or_else(|| panic!("{} has no page {page}", file.display()));
    let scale = DPI / 72.0;
    let pixmap = render(
        page,
        &RenderCache::new(),
        &InterpreterSettings::default(),
        &RenderSettings::default(),
        &PixmapSettings { x_scale: scale, y_scale: scale, bg_color: WHITE },
    );
    let (width, height) = (u32::from(pixmap.width()), u32::from(pixmap.height()));
    let grey = pixmap
        .data_as_u8_slice()
        .chunks_exact(4)
        .map(|p| ((u32::from(p[0]) * 299 + u32::from(p[1]) * 587 + u32::from(p[2]) * 114) / 1000) as u8)
        .collect();
    GrayImage::from_raw(width, height, grey).expect("one grey level a pixel")
}

/// Compares a page with its reference picture `tests/renders/{name}.png`.
fn check(name: &str, city: &str, file: &str, page: usize) -> Result<(), String> {
    let actual = render_page(&built(city).join(file), page);
    let reference = root().join("tests/renders").join(format!("{name}.png"));
    if std::env::var_os("DOSSIER_BLESS").is_some() {
        actual.save(&reference).unwrap();
        return Ok(());
    }
    let failed = |why: String| {
        let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("renders");
        std::fs::create_dir_all(&dir).unwrap();
        let (got, diff) = (dir.join(format!("{name}.png")), dir.join(format!("{name}-diff.png")));
        actual.save(&got).unwrap();
        if let Ok(expected) = image::open(&reference).map(|i| i.to_luma8()) {
            differences(&expected, &actual).save(&diff).unwrap();
        }
        Err(format!(
            "{name} ({file}, page {page}): {why}; the render is {}, the differences {}",
            got.display(),
            diff.display()
        ))
    };
    let Ok(expected) = image::open(&reference).map(|i| i.to_luma8()) else {
        return failed(format!("no reference picture {}", reference.display()));
    };
    if expected.dimensions() != actual.dimensions() {
        return failed(format!("the page is {:?}, the reference {:?}", actual.dimensions(), expected.dimensions()));
    }
    let moved = expected.pixels().zip(actual.pixels()).filter(|(a, b)| a.0[0].abs_diff(b.0[0]) > LEVELS).count();
    let share = moved as f64 / f64::from(actual.width() * actual.height());
    if share > SHARE {
        return failed(format!("{moved} pixels ({:.2} %) differ from the reference", share * 100.0));
    }
    Ok(())
}

/// The reference in grey, what only the new render has in red, what only the reference has in blue.
fn differences(expected: &GrayImage, actual: &GrayImage) -> RgbImage {
    RgbImage::from_fn(actual.width(), actual.height(), |x, y| {
        let Luma([b]) = *actual.get_pixel(x, y);
        let Luma([a]) = expected.get_pixel_checked(x, y).copied().unwrap_or(Luma([255]));
        match (a.abs_diff(b) > LEVELS, b < a) {
            (false, _) => Rgb([a / 2 + 128; 3]),
            (true, true) => Rgb([220, 0, 0]),
            (true, false) => Rgb([0, 0, 220]),
        }
    })
}

/// (reference name, city, file, page): at least one page of every attachment, a volume's cover
/// and 目录, and the pages where headings, rows and header cells once broke badly.
const PAGES: &[(&str, &str, &str, usize)] = &[
    ("fj1", "example", "晋中市/附件1 2026年度国家级、省级中小企业特色产业集群推荐汇总表.pdf", 1),
    ("fj2-cover", "example", "祁县玻璃器皿产业/附件2 山西省中小企业特色产业集群申报表.pdf", 1),
    ("fj2-part2", "example", "祁县玻璃器皿产业/附件2 山西省中小企业特色产业集群申报表.pdf", 5),
    ("fj2-plan-stages", "example", "祁县玻璃器皿产业/附件2 山西省中小企业特色产业集群申报表.pdf", 18),
    ("fj3-part1", "example", "祁县玻璃器皿产业/附件3 中小企业特色产业集群申报表.pdf", 4),
    ("fj4", "example", "晋中市/附件4 2023年度国家级、省级中小企业特色产业集群复核情况汇总表.pdf", 1),
    ("fj5-completion", "example", "榆次区液压装备产业/附件5 山西省中小企业特色产业集群复核申报表.pdf", 6),
    ("fj5-targets", "example", "榆次区液压装备产业/附件5 山西省中小企业特色产业集群复核申报表.pdf", 8),
    ("fj6-declaration", "example", "榆次区液压装备产业/附件6 中小企业特色产业集群复核申报表.pdf", 10),
    ("fj7-cover", "example", "榆次区液压装备产业/中小企业特色产业集群复核申报佐证材料.pdf", 1),
    ("fj7-contents", "example", "榆次区液压装备产业/中小企业特色产业集群复核申报佐证材料.pdf", 3),
    ("fj8", "example", "祁县玻璃器皿产业/附件8 现场核查符合性说明.pdf", 1),
    ("stress-fj4-1", "stress", "晋中市/附件4 2023年度国家级、省级中小企业特色产业集群复核情况汇总表.pdf", 1),
    ("stress-fj4-2", "stress", "晋中市/附件4 2023年度国家级、省级中小企业特色产业集群复核情况汇总表.pdf", 2),
];

#[test]
fn pages_look_as_recorded() {
    let failures: Vec<String> =
        PAGES.iter().filter_map(|&(name, city, file, page)| check(name, city, file, page).err()).collect();
    assert!(failures.is_empty(), "{} page(s) changed:\n{}", failures.len(), failures.join("\n"));
}

//! Builds 附件7 volumes from evidence in every state a county may drop in, then opens each volume
//! with lopdf and checks what a printer and a reviewer would see.

mod volume_support;

use std::path::{Path, PathBuf};

use dossier::volume::{
    Event, NoStore, Options, Report, Source, Turn, Volume as Spec, VolumeError, VolumeItem, bind, bind_with, inspect,
};
use image::{DynamicImage, ImageFormat};
use volume_support::*;

fn file(path: PathBuf) -> Source {
    Source::File { path, password: None, turn: Default::default(), digest: None }
}

fn item(number: usize, title: &str, sources: Vec<Source>) -> VolumeItem {
    VolumeItem { number, title: title.into(), sources, may_be_empty: true }
}

/// Builds a single-sided volume and opens it.
fn build_simplex(items: Vec<VolumeItem>, options: Options, out: &Path) -> (Report, Volume) {
    let options = Options { duplex: false, ..options };
    let report = bind(&spec(items, options), &TestPages::new(), out).expect("the volume builds");
    (report, Volume::open(out))
}

fn spec(items: Vec<VolumeItem>, options: Options) -> Spec {
    Spec {
        title: "测试县特色产业集群申报材料".into(), author: "测试县工信局".into(), items, options
    }
}

/// Evidence of every kind, one item per concern, and enough items for a two-page 目录.
fn every_kind(dir: &Path) -> Vec<VolumeItem> {
    let w = |name: &str, bytes: Vec<u8>| file(write(dir, name, &bytes));
    vec![
        item(
            1,
            "山西省中小企业特色产业集群申报表",
            vec![Source::Generated {
                name: "申报表".into(),
                typeset: typeset(&[vec!["FORM-1".into()], vec!["FORM-2".into()], vec!["FORM-3".into()]]),
            }],
        ),
        item(
            2,
            "市工信局现场核查符合性说明",
            vec![
                w("letter.pdf", pdf(&[sized(612.0, 792.0, "LETTER")])),
                w("a3.pdf", pdf(&[sized(842.0, 1191.0, "A3")])),
            ],
        ),
        item(3, "被认定为市级中小企业特色产业集群(专业镇)佐证材料", vec![]),
        item(
            4,
            "集群内重点企业名单",
            vec![
                w("landscape.pdf", pdf(&[sized(842.0, 595.0, "LANDSCAPE")])),
                w("rotated.pdf", pdf(&[Spec90::spec("ROTATE90")])),
                w("inherited.pdf", inherited("INHERITED")),
            ],
        ),
        item(
            5,
            "集群已开展的产业链强链补链工作佐证材料",
            vec![
                w("扫描件.tif", multipage_tiff(&[(170, 240), (240, 170), (150, 210)])),
                w("现场照片.jpg", exif_jpeg(160, 120, 6)),
                w("透明.png", png_with_alpha(120, 90)),
                w("动图.gif", encode(DynamicImage::ImageRgb8(picture(101, 143)), ImageFormat::Gif)),
                w("位图.bmp", encode(DynamicImage::ImageRgb8(picture(102, 144)), ImageFormat::Bmp)),
                w("网图.webp", encode(DynamicImage::ImageRgb8(picture(103, 145)), ImageFormat::WebP)),
            ],
        ),
        item(
            6,
            "集群已开展的产业链资源协同协作工作佐证材料",
            vec![
                w("表单.pdf", form("FORM-FIELDS")),
                w("objstm.pdf", object_streams("OBJSTM")),
                w("incremental.pdf", incremental("OLD-REVISION", "NEW-REVISION")),
                w("shared.pdf", shared_page("SHARED")),
            ],
        ),
        VolumeItem {
            number: 7,
            title: "集群已开展的质量品牌建设工作佐证材料".into(),
            sources: vec![
                w("empty-password.pdf", encrypted("EMPTY-PASSWORD", "")),
                Source::File {
                    path: write(dir, "secret.pdf", &encrypted("SECRET", "s3cret")),
                    password: Some("s3cret".into()),
                    turn: Default::default(),
                    digest: None,
                },
                w("damaged.pdf", damaged_xref("DAMAGED")),
            ],
            may_be_empty: false,
        },
        item(8, "标准清单", vec![w("8.pdf", pdf(&[a4("ITEM-8")]))]),
        item(9, "创新平台", vec![w("9.pdf", pdf(&[a4("ITEM-9-1"), a4("ITEM-9-2")]))]),
        item(10, "有效发明专利清单", vec![]),
        item(11, "数字化服务", vec![w("11.pdf", pdf(&[a4("ITEM-11")]))]),
        item(12, "数字化新模式新业态", vec![w("12.pdf", pdf(&[a4("ITEM-12")]))]),
        item(13, "碳排放监测机制", vec![w("13.pdf", pdf(&[a4("ITEM-13")]))]),
        item(14, "绿色低碳", vec![w("14.pdf", pdf(&[a4("ITEM-14")]))]),
    ]
}

/// A portrait page that a viewer shows landscape (/Rotate 90).
struct Spec90;
impl Spec90 {
    fn spec(marker: &str) -> volume_support::Spec {
        volume_support::Spec { w: 595.0, h: 842.0, rotate: Some(90), marker: marker.into() }
    }
}

/// The first marker each item's first page must show.
fn first_markers() -> Vec<(usize, &'static str)> {
    vec![
        (1, "FORM-1"),
        (2, "LETTER"),
        (3, "EMPTY:3"),
        (4, "LANDSCAPE"),
        (5, "IMG:170x240"),
        (6, "FORM-FIELDS"),
        (7, "EMPTY-PASSWORD"),
        (8, "ITEM-8"),
        (9, "ITEM-9-1"),
        (10, "EMPTY:10"),
        (11, "ITEM-11"),
        (12, "ITEM-12"),
        (13, "ITEM-13"),
        (14, "ITEM-14"),
    ]
}

fn check_volume(v: &Volume, report: &Report, pages: &TestPages, duplex: bool, firsts: &[(usize, &str)]) {
    let front = report.front_pages as usize;
    // Page count: front + blanks + Σ item pages.
    let item_pages: u32 = report.items.iter().map(|i| i.pages).sum();
    assert_eq!(v.pages.len() as u32, report.front_pages + report.blank_pages + item_pages);
    assert_eq!(v.pages.len() as u32, report.pages);
    // Every sheet is A4 portrait as shown.
    for i in 0..v.pages.len() {
        let (w, h) = v.shown_size(i);
        assert!((w - 595.28).abs() < 0.5 && (h - 841.89).abs() < 0.5, "page {i} is {w}×{h}");
    }
    // Cover and 目录 are not numbered; then 1, 2, 3… without a gap, blanks included.
    for i in 0..front {
        assert_eq!(v.stamped_number(i), None, "front page {i} carries no number");
    }
    for i in front..v.pages.len() {
        assert_eq!(v.stamped_number(i), Some((i - front + 1) as u32), "page {i}");
        let right = !duplex || (i - front).is_multiple_of(2);
        assert_eq!(v.stamp_x(i) > 297.0, right, "odd numbers right, even numbers left (page {i})");
    }
    // The 目录 the renderer got is the one it printed, and its numbers are where items start.
    let tocs = pages.tocs.borrow();
    assert_eq!(tocs.len(), 1, "the 目录 is rendered once: numbering does not depend on its length");
    let printed: Vec<String> = (0..front).flat_map(|i| v.markers(i)).filter(|m| m.starts_with("TOC:")).collect();
    assert_eq!(printed.len(), report.items.len());
    for entry in &tocs[0] {
        assert!(printed.contains(&format!("TOC:{}:{}", entry.number, entry.page)));
        let index = front + entry.page as usize - 1;
        let expected = firsts.iter().find(|(n, _)| *n == entry.number).map(|(_, m)| *m);
        if let Some(marker) = expected {
            assert!(
                v.markers(index).iter().any(|m| m == marker),
                "item {} starts on page {} with {marker}: {:?}",
                entry.number,
                entry.page,
                v.markers(index)
            );
        }
        if duplex {
            assert_eq!(entry.page % 2, 1, "item {} starts on a right-hand page", entry.number);
        }
    }
    // Bookmarks: 目录, then "N. title" at the item's first page, files under it.
    let outline = v.outline();
    assert_eq!(outline[0].0, "目录");
    assert_eq!(outline.len(), report.items.len() + 1);
    for (entry, (title, page, children)) in tocs[0].iter().zip(&outline[1..]) {
        assert_eq!(title, &format!("{}. {}", entry.number, entry.title));
        assert_eq!(*page, front + entry.page as usize - 1);
        if let Some((_, first)) = children.first() {
            assert_eq!(first, page);
        }
    }
    // Labels read like the printed numbers.
    let labels = v.labels();
    assert_eq!(labels[0], "i");
    for (n, label) in labels[front..].iter().enumerate() {
        assert_eq!(label, &(n + 1).to_string());
    }
    // Nothing of the sources' structure survives: no annotations, forms, old outlines or labels.
    let catalog = v.doc.catalog().unwrap();
    assert!(!catalog.has(b"AcroForm"));
    for i in 0..v.pages.len() {
        assert!(!v.page(i).has(b"Annots"), "page {i} keeps no annotations");
    }
    assert!(!v.doc.trailer.has(b"Encrypt"));
}

#[test]
fn a_volume_of_every_kind_of_evidence() {
    let (_keep, dir) = out_dir("every-kind");
    let items = every_kind(&dir);
    let pages = TestPages::new();
    let out = dir.join("volume.pdf");
    let report = bind(&spec(items, Options::default()), &pages, &out).expect("the volume builds");
    let v = Volume::open(&out);
    check_volume(&v, &report, &pages, true, &first_markers());

    // Duplex: cover + its blank back + two 目录 pages, so page 1 is a right-hand page.
    assert_eq!(report.front_pages, 4);
    assert!(v.markers(0).contains(&"COVER".to_string()));
    assert!(v.markers(1).is_empty(), "the back of the cover is blank");
    assert!(report.blank_pages > 0);

    let all: Vec<String> = (0..v.pages.len()).flat_map(|i| v.markers(i)).collect();
    let counts = count_by(all.iter().map(String::as_str));
    for marker in [
        "LETTER",
        "A3",
        "ROTATE90",
        "INHERITED",
        "EMPTY-PASSWORD",
        "SECRET",
        "DAMAGED",
        "OBJSTM",
        "NEW-REVISION",
        "ITEM-9-2",
    ] {
        assert_eq!(counts.get(marker), Some(&1), "{marker} is bound once");
    }
    assert_eq!(counts.get("OLD-REVISION"), None, "only the latest revision of an updated PDF shows");
    assert_eq!(counts.get("SHARED"), Some(&2), "a page object listed twice gives two pages");
    // Every page of the TIFF, the EXIF JPEG and each image format.
    for image in [
        "IMG:170x240",
        "IMG:240x170",
        "IMG:150x210",
        "IMG:160x120",
        "IMG:120x90",
        "IMG:101x143",
        "IMG:102x144",
        "IMG:103x145",
    ] {
        assert_eq!(counts.get(image), Some(&1), "{image}");
    }
    // Filled form fields stay visible, the unticked state and the link do not.
    for marker in ["FILLED", "CHECKED", "BORROWED"] {
        assert_eq!(counts.get(marker), Some(&1), "{marker}");
    }
    assert_eq!(counts.get("UNCHECKED"), None);
    let titles: Vec<String> =
        v.outline().into_iter().flat_map(|(t, _, c)| std::iter::once(t).chain(c.into_iter().map(|(t, _)| t))).collect();
    assert!(!titles.iter().any(|t| t.contains("OLD BOOKMARK")));
    assert!(titles.contains(&"扫描件".to_string()), "file bookmarks are file names without extension");
    assert_eq!(report.files.iter().find(|f| f.name == "扫描件").unwrap().pages, 3);

    // Duplex: evidence keeps away from the spine, which is left on odd and right on even pages.
    let page_of = |marker: &str| (0..v.pages.len()).find(|&i| v.markers(i).iter().any(|m| m == marker)).unwrap();
    let shift = |i: usize| {
        let ops = lopdf::content::Content::decode(&v.content_streams(i)[0]).unwrap();
        let cm = ops.operations.iter().find(|op| op.operator == "cm").unwrap();
        cm.operands[4].as_float().unwrap() as f64
    };
    let (odd, even) = (page_of("ITEM-9-1"), page_of("ITEM-9-2"));
    assert_eq!(v.stamped_number(odd).unwrap() % 2, 1);
    assert!((shift(odd) - shift(even) - 8.0 * 72.0 / 25.4).abs() < 0.01);

    // The annotation borrowed its font from the dropped AcroForm: it must carry it itself.
    let form_page = (0..v.pages.len()).find(|&i| v.markers(i).contains(&"FORM-FIELDS".to_string())).unwrap();
    for (name, id) in v.xobjects(form_page) {
        let stream = v.doc.get_object(id).unwrap().as_stream().unwrap();
        assert!(stream.dict.has(b"Resources"), "{name} has resources");
    }
    // The stamp font is embedded (a simple TrueType font with its FontFile2).
    let first_numbered = report.front_pages as usize;
    let resources = v.resolve(v.page(first_numbered).get(b"Resources").unwrap()).as_dict().unwrap();
    let fonts = resources.get(b"Font").unwrap().as_dict().unwrap();
    let font = v.resolve(fonts.get(b"Folio").unwrap()).as_dict().unwrap();
    assert_eq!(font.get(b"Subtype").unwrap().as_name().unwrap(), b"TrueType");
    let descriptor = v.resolve(font.get(b"FontDescriptor").unwrap()).as_dict().unwrap();
    assert!(descriptor.has(b"FontFile2"));
}

#[test]
fn pages_are_scaled_and_turned_onto_a4() {
    let (_keep, dir) = out_dir("geometry");
    let items = vec![item(
        1,
        "几何",
        vec![
            file(write(&dir, "a4.pdf", &pdf(&[a4("A4")]))),
            file(write(&dir, "landscape.pdf", &pdf(&[sized(842.0, 595.0, "LANDSCAPE")]))),
            file(write(&dir, "rotated.pdf", &pdf(&[Spec90::spec("ROTATE90")]))),
            file(write(&dir, "tiny.pdf", &pdf(&[sized(100.0, 150.0, "TINY")]))),
            file(write(&dir, "photo.jpg", &exif_jpeg(160, 120, 6))),
        ],
    )];
    let (report, v) = build_simplex(items, Options::default(), &dir.join("volume.pdf"));
    let front = report.front_pages as usize;
    // The placing matrix of each page: "q a b c d e f cm /P Do Q".
    let matrix = |i: usize| -> [f64; 6] {
        let ops = lopdf::content::Content::decode(&v.content_streams(i)[0]).unwrap();
        let cm = ops.operations.iter().find(|op| op.operator == "cm").unwrap();
        let m: Vec<f64> = cm.operands.iter().map(|o| o.as_float().unwrap() as f64).collect();
        [m[0], m[1], m[2], m[3], m[4], m[5]]
    };
    let placed = |m: [f64; 6], w: f64, h: f64| {
        let pts = [(0.0, 0.0), (w, 0.0), (0.0, h), (w, h)]
            .map(|(x, y)| (m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]));
        let xs = pts.map(|p| p.0);
        let ys = pts.map(|p| p.1);
        (
            xs.iter().cloned().fold(f64::MAX, f64::min),
            ys.iter().cloned().fold(f64::MAX, f64::min),
            xs.iter().cloned().fold(f64::MIN, f64::max),
            ys.iter().cloned().fold(f64::MIN, f64::max),
        )
    };
    let mm = 72.0 / 25.4;
    for (i, (w, h)) in
        [(595.0, 842.0), (842.0, 595.0), (595.0, 842.0), (100.0, 150.0), (1.0, 1.0)].into_iter().enumerate()
    {
        let m = matrix(front + i);
        let (x0, y0, x1, y1) = placed(m, w, h);
        // Inside the box an A4 scan fills (10 mm from the top, above the page number's band at
        // 32 mm, as wide as A4 at that height, 14 and 6 mm plus the rest of the width from the
        // binding and outer edges), and filling it one way.
        // (Within the rounding of the matrix's scale to four decimals.)
        let (height, outer) = (841.89 - 42.0 * mm, 6.0 * mm);
        let width = height * 595.28 / 841.89;
        let rest = (595.28 - 20.0 * mm - width) / 2.0;
        assert!(x0 >= outer + rest - 0.05 && x1 <= 595.28 - outer - rest + 0.05, "page {i}: {x0}..{x1}");
        assert!(y0 >= 32.0 * mm - 0.05 && y1 <= 841.89 - 10.0 * mm + 0.05, "page {i}: {y0}..{y1}");
        let fills = (x1 - x0 - width).abs() < 0.5 || (y1 - y0 - height).abs() < 0.5;
        assert!(fills, "page {i} is scaled to fit: {x0} {y0} {x1} {y1}");
        let turned = m[1].abs() > 1e-6;
        // Landscape turned a quarter; the /Rotate 90 page is shown landscape and turned back;
        // the phone photo (EXIF 6) is turned upright.
        let expect_turn = matches!(i, 1 | 4);
        assert_eq!(turned, expect_turn, "page {i}: {m:?}");
    }
    // The landscape page's top edge lies at the left of the sheet.
    let m = matrix(front + 1);
    let top_left_x = m[0] * 0.0 + m[2] * 595.0 + m[4];
    let (x0, ..) = placed(m, 842.0, 595.0);
    assert!((top_left_x - x0).abs() < 0.01);
    // The phone photo stored 160×120 shows portrait.
    let (x0, y0, x1, y1) = placed(matrix(front + 4), 1.0, 1.0);
    assert!(y1 - y0 > x1 - x0);
}

#[test]
fn cluster_yaml_may_turn_a_sideways_scan_or_keep_a_landscape_page_upright() {
    let (_keep, dir) = out_dir("turned");
    let landscape = pdf(&[sized(842.0, 595.0, "LANDSCAPE")]);
    let with = |name: &str, quarters: u8, upright: bool| Source::File {
        path: write(&dir, name, &landscape),
        password: None,
        turn: Turn { quarters, upright },
        digest: None,
    };
    let items = vec![item(
        1,
        "摆放",
        vec![with("turned.pdf", 0, false), with("upright.pdf", 0, true), with("sideways.pdf", 1, false)],
    )];
    let (report, v) = build_simplex(items, Options::default(), &dir.join("volume.pdf"));
    let front = report.front_pages as usize;
    let matrix = |i: usize| -> [f64; 6] {
        let ops = lopdf::content::Content::decode(&v.content_streams(front + i)[0]).unwrap();
        let cm = ops.operations.iter().find(|op| op.operator == "cm").unwrap();
        let m: Vec<f64> = cm.operands.iter().map(|o| o.as_float().unwrap() as f64).collect();
        [m[0], m[1], m[2], m[3], m[4], m[5]]
    };
    // Where the page's top middle lands, against its placed box's middle.
    let top = |m: [f64; 6]| (m[2] * 595.0 + m[0] * 421.0 + m[4], m[3] * 595.0 + m[1] * 421.0 + m[5]);
    // As it comes: turned, its top at the binding edge (left).
    let m = matrix(0);
    assert!(m[1].abs() > 1e-6 && top(m).0 < 100.0, "{m:?}");
    // Kept upright: not turned, its top up.
    let m = matrix(1);
    assert!(m[1].abs() < 1e-6 && m[0] > 0.0 && top(m).1 > 400.0, "{m:?}");
    // Turned a quarter clockwise first, it reads portrait: its top on the right edge of the sheet.
    let m = matrix(2);
    assert!(m[1].abs() > 1e-6 && top(m).0 > 400.0, "{m:?}");
}

#[test]
fn two_builds_are_byte_identical() {
    let dir = tempfile::tempdir().unwrap();
    let items = every_kind(dir.path());
    let one = dir.path().join("one.pdf");
    let two = dir.path().join("two.pdf");
    bind(&spec(items.clone(), Options::default()), &TestPages::new(), &one).unwrap();
    bind(&spec(items, Options::default()), &TestPages::new(), &two).unwrap();
    assert_eq!(std::fs::read(&one).unwrap(), std::fs::read(&two).unwrap());
}

fn refused_items(dir: &Path) -> Vec<VolumeItem> {
    let mut sources: Vec<Source> =
        impostors().into_iter().map(|(name, bytes)| file(write(dir, name, &bytes))).collect();
    sources.push(file(write(dir, "要密码.pdf", &encrypted("LOCKED", "s3cret"))));
    sources.push(Source::File {
        path: write(dir, "密码错.pdf", &encrypted("LOCKED", "s3cret")),
        password: Some("wrong".into()),
        turn: Default::default(),
        digest: None,
    });
    sources.push(file(dir.join("不存在.pdf")));
    vec![
        item(1, "申报表", vec![file(write(dir, "ok.pdf", &pdf(&[a4("OK")])))]),
        item(2, "现场核查符合性说明", sources),
        VolumeItem {
            number: 3, title: "被认定为省级集群佐证材料".into(), sources: vec![], may_be_empty: false
        },
    ]
}

#[test]
fn every_refused_file_is_reported_and_nothing_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let items = refused_items(dir.path());
    let out = dir.path().join("volume.pdf");
    let error = bind(&spec(items, Options::default()), &TestPages::new(), &out).unwrap_err();
    let VolumeError::Refused(problems) = &error else { panic!("refused, not {error}") };
    let said = |name: &str, what: &str| {
        let p = problems
            .iter()
            .find(|p| p.file.as_deref().is_some_and(|f| f.ends_with(name)))
            .unwrap_or_else(|| panic!("{name} reported"));
        assert!(p.message.contains(what), "{name}: {}", p.message);
        assert_eq!(p.item, Some(2));
    };
    said("网页另存.pdf", "HTML");
    said("空文件.pdf", "0 字节");
    said("手机照片.jpg", "HEIC");
    said("改名的文档.pdf", "Word");
    said("损坏.pdf", "损坏");
    said("要密码.pdf", "密码");
    said("密码错.pdf", "密码不正确");
    said("不存在.pdf", "找不到");
    assert!(
        problems.iter().any(|p| p.item == Some(3) && p.file.is_none()),
        "an item that may not be empty is reported"
    );
    assert_eq!(problems.len(), 9);
    let text = error.to_string();
    assert!(text.contains("网页另存.pdf") && text.contains("未生成卷册"), "{text}");
    // No volume, and no temporary file left behind.
    assert!(!out.exists());
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().contains("volume"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
    // `inspect` finds the same file problems without building.
    let sources: Vec<Source> = refused_items(dir.path()).into_iter().flat_map(|i| i.sources).collect();
    assert_eq!(inspect(&sources).len(), 8);
}

#[test]
fn a_draft_is_built_with_placeholders_and_a_watermark() {
    let (_keep, dir) = out_dir("draft");
    let items = refused_items(&dir);
    let out = dir.join("volume.pdf");
    let pages = TestPages::new();
    let report = bind(&spec(items, Options { draft: true, ..Options::default() }), &pages, &out).unwrap();
    assert_eq!(report.problems.len(), 9);
    let v = Volume::open(&out);
    check_volume(&v, &report, &pages, true, &[(1, "OK"), (3, "EMPTY:3")]);
    let placeholders = (0..v.pages.len()).filter(|&i| v.markers(i).iter().any(|m| m.starts_with("REFUSED:"))).count();
    assert_eq!(placeholders, 8);
    for i in 0..v.pages.len() {
        let overlay = v.content_streams(i).pop().unwrap();
        assert!(String::from_utf8_lossy(&overlay).contains("/Draft Do"), "page {i} carries the watermark");
    }
    assert!(v.outline().iter().any(|(_, _, c)| c.iter().any(|(t, _)| t.ends_with("（未装订）"))));
}

/// A one-page evidence PDF that carries a page number of its own, marked as a pagination
/// artifact in a stream of its own (as some office software writes them).
fn numbered_page(marker: &str) -> Vec<u8> {
    let mut b = build_doc(&[a4(marker)]);
    let page = b.page_ids[0];
    let body = b.doc.get_dictionary(page).unwrap().get(b"Contents").unwrap().clone();
    let number =
        b"/Artifact <</Subtype/Footer/Type/Pagination>> BDC BT /F1 12 Tf 300 30 Td (MARK:OWN-NUMBER) Tj ET EMC\n";
    let number = b.doc.add_object(lopdf::Stream::new(lopdf::Dictionary::new(), number.to_vec()));
    b.doc.get_dictionary_mut(page).unwrap().set("Contents", vec![body, number.into()]);
    save(&mut b.doc)
}

#[test]
fn evidence_is_bound_as_it_is_numbers_and_all() {
    let dir = tempfile::tempdir().unwrap();
    let evidence = write(dir.path(), "scan.pdf", &numbered_page("SCAN"));
    let (_, v) =
        build_simplex(vec![item(1, "佐证材料", vec![file(evidence)])], Options::default(), &dir.path().join("v.pdf"));
    assert_eq!(v.markers(v.pages.len() - 1), ["SCAN", "OWN-NUMBER"]);
}

/// A form as dossier typesets it: three numbered pages.
fn typeset_form() -> std::sync::Arc<dossier::pdf::Typeset> {
    let fonts = dossier::pdf::Fonts::bundled().unwrap();
    let xml = r#"<document title="表"><section><p>第一页</p><pagebreak/><p>第二页</p><pagebreak/><p>第三页</p></section></document>"#;
    let doc = dossier::render::markup::parse("test", xml).unwrap();
    std::sync::Arc::new(dossier::pdf::typeset(&doc, &fonts).unwrap())
}

/// Every text-showing operator of a page, with the font it draws in: in its content streams and
/// in the forms they draw.
fn shown(v: &Volume, index: usize) -> Vec<(String, Vec<u8>)> {
    let mut streams = v.content_streams(index);
    for (_, id) in v.xobjects(index) {
        let stream = v.doc.get_object(id).unwrap().as_stream().unwrap();
        if stream.dict.get(b"Subtype").unwrap().as_name().unwrap() == b"Form" {
            streams.push(stream.get_plain_content().unwrap());
        }
    }
    let mut found = Vec::new();
    for stream in streams {
        let mut font = String::new();
        for op in lopdf::content::Content::decode(&stream).unwrap().operations {
            match op.operator.as_str() {
                "Tf" => font = String::from_utf8_lossy(op.operands[0].as_name().unwrap()).into_owned(),
                "Tj" | "TJ" => found.push((font.clone(), stream.clone())),
                _ => {}
            }
        }
    }
    found
}

#[test]
fn a_bound_form_has_one_folio_a_page_where_its_own_pdf_prints_it() {
    let dir = tempfile::tempdir().unwrap();
    let form = typeset_form();
    let items = vec![item(1, "申报表", vec![Source::Generated { name: "申报表".into(), typeset: form.clone() }])];
    let out = dir.path().join("v.pdf");
    let report = bind(&spec(items, Options::default()), &TestPages::new(), &out).unwrap();
    let v = Volume::open(&out);
    let own = lopdf::Document::load_mem(&form.to_pdf().unwrap()).unwrap();
    for (n, &id) in (1..=3).zip(own.get_pages().values()) {
        let index = report.front_pages as usize + n - 1;
        assert_eq!(v.stamped_number(index), Some(n as u32));
        let folios = shown(&v, index).into_iter().filter(|(font, _)| font == "Folio").count();
        assert_eq!(folios, 1, "page {n} carries exactly one number");
        // The volume numbers its pages as the form numbers its own: the same drawer, the same place.
        let overlay = *own.get_page_contents(id).last().unwrap();
        let own_overlay = own.get_object(overlay).unwrap().as_stream().unwrap().content.clone();
        assert_eq!(v.content_streams(index).pop(), Some(own_overlay), "page {n}");
    }
}

#[test]
fn simplex_volumes_have_no_blank_pages() {
    let dir = tempfile::tempdir().unwrap();
    let items = every_kind(dir.path());
    let pages = TestPages::new();
    let out = dir.path().join("simplex.pdf");
    let report = bind(&spec(items, Options { duplex: false, ..Options::default() }), &pages, &out).unwrap();
    assert_eq!(report.blank_pages, 0);
    assert_eq!(report.front_pages, 3, "cover and a two-page 目录, no padding");
    check_volume(&Volume::open(&out), &report, &pages, false, &first_markers());
}

#[test]
fn huge_images_are_downsampled_and_jpegs_pass_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let jpeg = encode(DynamicImage::ImageRgb8(picture(300, 400)), ImageFormat::Jpeg);
    let items = vec![item(
        1,
        "图片",
        vec![
            file(write(dir.path(), "big.png", &encode(DynamicImage::ImageRgb8(picture(900, 1200)), ImageFormat::Png))),
            file(write(dir.path(), "scan.jpg", &jpeg)),
        ],
    )];
    let out = dir.path().join("images.pdf");
    // 72 dpi: 900×1200 px on ~10 inches is ~120 dpi, above 1.5 × 72.
    let (report, v) = build_simplex(items, Options { max_dpi: 72, ..Options::default() }, &out);
    let front = report.front_pages as usize;
    let big = &v.markers(front)[0];
    let (w, h) = big
        .trim_start_matches("IMG:")
        .split_once('x')
        .map(|(w, h)| (w.parse::<u32>().unwrap(), h.parse::<u32>().unwrap()))
        .unwrap();
    assert!(w < 900 && h < 1200 && (w as f64 / h as f64 - 0.75).abs() < 0.01, "{w}×{h}");
    // The JPEG (~40 dpi here) is embedded byte for byte.
    let (_, id) = v.xobjects(front + 1).into_iter().find(|(n, _)| n == "Im").unwrap();
    let stream = v.doc.get_object(id).unwrap().as_stream().unwrap();
    assert_eq!(stream.dict.get(b"Filter").unwrap().as_name().unwrap(), b"DCTDecode");
    assert_eq!(stream.content, jpeg);
}

/// Large images of evidence PDFs are copied from the file byte for byte (never held twice in
/// memory), also from an incremental update and from a file whose xref had to be rebuilt.
#[test]
fn scanned_pdfs_keep_their_jpegs_byte_for_byte() {
    let dir = tempfile::tempdir().unwrap();
    let jpegs: Vec<Vec<u8>> = [(700, 990), (640, 900)]
        .iter()
        .map(|&(w, h)| encode(DynamicImage::ImageRgb8(picture(w, h)), ImageFormat::Jpeg))
        .collect();
    assert!(jpegs.iter().all(|j| j.len() > 16 * 1024), "large enough to be left in the file while parsing");
    let scanned = jpeg_pdf(&jpegs);
    let mut shifted = scanned.clone();
    shifted.splice(9..9, b"% shifted\n".iter().copied());
    let items = vec![item(
        1,
        "扫描件",
        vec![file(write(dir.path(), "scan.pdf", &scanned)), file(write(dir.path(), "shifted.pdf", &shifted))],
    )];
    let out = dir.path().join("scans.pdf");
    let (report, v) = build_simplex(items, Options::default(), &out);
    let front = report.front_pages as usize;
    for (page, jpeg) in (front..front + 4).zip(jpegs.iter().cycle()) {
        let (_, form) = v.xobjects(page).into_iter().find(|(n, _)| n == "P").unwrap();
        let form = v.doc.get_object(form).unwrap().as_stream().unwrap();
        let resources = v.resolve(form.dict.get(b"Resources").unwrap()).as_dict().unwrap();
        let images = v.resolve(resources.get(b"XObject").unwrap()).as_dict().unwrap();
        let image = v.resolve(images.get(b"Im0").unwrap()).as_stream().unwrap();
        assert_eq!(&image.content, jpeg, "page {page}");
        assert!(!image.dict.has(b"DossierSourceBytes"));
    }
}

/// Fax-style black-and-white scans stay 1 bit, black where the TIFF says black.
#[test]
fn bilevel_tiffs_stay_one_bit() {
    let dir = tempfile::tempdir().unwrap();
    let items = vec![item(1, "传真", vec![file(write(dir.path(), "fax.tif", &bilevel_tiff(20, 4, 2)))])];
    let (report, v) = build_simplex(items, Options::default(), &dir.path().join("fax.pdf"));
    let (_, id) = v.xobjects(report.front_pages as usize).into_iter().find(|(n, _)| n == "Im").unwrap();
    let image = v.doc.get_object(id).unwrap().as_stream().unwrap();
    assert_eq!(image.dict.get(b"BitsPerComponent").unwrap().as_i64().unwrap(), 1);
    let pixels = image.decompressed_content().unwrap();
    assert_eq!(pixels, vec![0, 0, 0, 0, 0, 0, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF], "0 = black in DeviceGray");
}

/// Files cut short or with bytes overwritten at any place: the build (a draft) completes, each
/// file bound or refused with a reason, and nothing panics.
#[test]
fn damaged_inputs_never_crash_the_build() {
    let (_keep, dir) = out_dir("damaged");
    let dir = dir.as_path();
    let originals: Vec<(&str, Vec<u8>)> = vec![
        ("form.pdf", form("F")),
        ("objstm.pdf", object_streams("O")),
        ("secret.pdf", encrypted("S", "")),
        ("scan.pdf", jpeg_pdf(&[encode(DynamicImage::ImageRgb8(picture(300, 400)), ImageFormat::Jpeg)])),
        ("photo.jpg", exif_jpeg(64, 48, 6)),
        ("pages.tif", multipage_tiff(&[(30, 40), (40, 30)])),
        ("alpha.png", png_with_alpha(40, 30)),
        ("fax.tif", bilevel_tiff(20, 4, 2)),
    ];
    let mut sources = Vec::new();
    for (name, bytes) in &originals {
        for (k, cut) in [0.1, 0.5, 0.9, 0.99].into_iter().enumerate() {
            let cut_bytes = &bytes[..(bytes.len() as f64 * cut) as usize];
            sources.push(file(write(dir, &format!("cut{k}-{name}"), cut_bytes)));
            let mut flipped = bytes.clone();
            let at = (bytes.len() as f64 * cut) as usize;
            for b in flipped.iter_mut().skip(at).take(16) {
                *b ^= 0x5A;
            }
            sources.push(file(write(dir, &format!("flip{k}-{name}"), &flipped)));
        }
    }
    let count = sources.len();
    let items = vec![item(1, "损坏的材料", sources)];
    let out = dir.join("volume.pdf");
    let report = bind(&spec(items, Options { draft: true, ..Options::default() }), &TestPages::new(), &out).unwrap();
    assert_eq!(report.files.len(), count, "every file bound or stood in for");
    eprintln!("{} of {count} damaged files refused", report.problems.len());
    for problem in &report.problems {
        assert!(!problem.message.contains("内部错误"), "a decoder panicked on {problem}");
    }
    let v = Volume::open(&out);
    assert_eq!(v.pages.len() as u32, report.pages);
}

/// A page object or content stream missing from the file would print as a blank page: refused.
#[test]
fn lost_pages_and_contents_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let mut lost_page = build_doc(&[a4("KEPT"), a4("LOST")]);
    lost_page.doc.objects.remove(&lost_page.page_ids[1]);
    let mut lost_content = build_doc(&[a4("EMPTIED")]);
    let content = lost_content.doc.get_page_contents(lost_content.page_ids[0])[0];
    lost_content.doc.objects.remove(&content);
    let items = vec![item(
        1,
        "丢页",
        vec![
            file(write(dir.path(), "lost-page.pdf", &save(&mut lost_page.doc))),
            file(write(dir.path(), "lost-content.pdf", &save(&mut lost_content.doc))),
        ],
    )];
    let out = dir.path().join("volume.pdf");
    let Err(VolumeError::Refused(problems)) = bind(&spec(items, Options::default()), &TestPages::new(), &out) else {
        panic!("refused");
    };
    assert_eq!(problems.len(), 2, "{problems:?}");
    assert!(problems.iter().all(|p| p.message.contains("丢失")), "{problems:?}");
}

/// A small file claiming a billion pixels is refused by name from its header, before any
/// decoding (it once took 2.7 GB and aborted the process); `dossier check` says so too.
#[test]
fn an_image_claiming_more_pixels_than_any_page_needs_is_refused_by_name() {
    let dir = tempfile::tempdir().unwrap();
    let huge = write(dir.path(), "巨幅.png", &claiming_png(30_000, 42_000));
    let items = vec![item(1, "图片", vec![file(huge.clone())])];
    let out = dir.path().join("volume.pdf");
    let Err(VolumeError::Refused(problems)) = bind(&spec(items, Options::default()), &TestPages::new(), &out) else {
        panic!("refused");
    };
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert_eq!(problems[0].file.as_deref(), Some(huge.as_path()));
    assert!(problems[0].message.starts_with("图片有 30000×42000 像素（约 126000 万像素）"), "{}", problems[0].message);
    assert!(problems[0].message.contains("300 dpi 重新扫描"), "{}", problems[0].message);
    let checked = inspect([&file(huge)]);
    assert!(checked.len() == 1 && checked[0].message.contains("万像素"), "a check refuses it too: {checked:?}");
}

/// A page tree whose /Kids point back up binds each of its pages once, in order.
#[test]
fn a_page_tree_that_loops_binds_each_page_once() {
    let dir = tempfile::tempdir().unwrap();
    let items = vec![item(1, "循环", vec![file(write(dir.path(), "loop.pdf", &looping_tree("LOOPED")))])];
    let (report, v) = build_simplex(items, Options::default(), &dir.path().join("volume.pdf"));
    assert_eq!(report.files[0].pages, 1);
    let all: Vec<String> = (0..v.pages.len()).flat_map(|i| v.markers(i)).collect();
    assert_eq!(all.iter().filter(|m| *m == "LOOPED").count(), 1, "{all:?}");
}

#[test]
fn binding_reports_each_source_as_it_goes_and_always_ends() {
    let dir = tempfile::tempdir().unwrap();
    let bind_reporting = |items: Vec<VolumeItem>| {
        let events = std::cell::RefCell::new(Vec::new());
        let out = dir.path().join("v.pdf");
        let bound = bind_with(&spec(items, Options::default()), &TestPages::new(), &out, &NoStore, &|event| {
            events.borrow_mut().push(event)
        });
        (bound, events.into_inner())
    };
    let volume = "测试县特色产业集群申报材料".to_string();
    let items = every_kind(dir.path());
    let files: usize = items.iter().map(|i| i.sources.len()).sum();
    let (bound, events) = bind_reporting(items);
    let report = bound.unwrap();
    assert_eq!(events.first(), Some(&Event::Started { volume: volume.clone(), files }));
    assert_eq!(events.last(), Some(&Event::Finished { volume: volume.clone() }));
    let bound: Vec<(usize, u32)> = events[1..events.len() - 1]
        .iter()
        .map(|event| match event {
            Event::Bound { done, pages, .. } => (*done, *pages),
            other => panic!("{other:?} between start and end"),
        })
        .collect();
    assert_eq!(bound.iter().map(|b| b.0).collect::<Vec<_>>(), (1..=files).collect::<Vec<_>>());
    assert!(bound.windows(2).all(|w| w[0].1 <= w[1].1), "pages only grow: {bound:?}");
    assert!(bound.last().unwrap().1 <= report.pages);
    // A volume refused still ends: a progress display never waits for it.
    let (bound, events) = bind_reporting(refused_items(dir.path()));
    assert!(bound.is_err());
    assert_eq!(events.last(), Some(&Event::Finished { volume }));
    let json = serde_json::to_value(&events[0]).unwrap();
    assert_eq!((json["kind"].as_str(), json["files"].as_u64()), (Some("started"), Some(9)));
}

//! `word/theme/theme1.xml`: the least theme DrawingML allows. Word and WPS open a document
//! without one, but every document Word itself writes has it, and validators built on the
//! Open XML SDK ask for it. The body names its fonts directly, so the theme's fonts only
//! show in Word's font list as the theme fonts: the official 宋体 and 黑体.

use super::xml::Xml;

const A_NS: &str = "http://schemas.openxmlformats.org/drawingml/2006/main";

pub(crate) fn theme() -> String {
    let mut x = Xml::part();
    x.open("a:theme", &[("xmlns:a", &A_NS), ("name", &"dossier")]);
    x.open("a:themeElements", &[]);

    // Office's colours: only text and background colours are ever used by the forms.
    x.open("a:clrScheme", &[("name", &"Office")]);
    x.open("a:dk1", &[]).empty("a:sysClr", &[("val", &"windowText"), ("lastClr", &"000000")]).close();
    x.open("a:lt1", &[]).empty("a:sysClr", &[("val", &"window"), ("lastClr", &"FFFFFF")]).close();
    for (name, rgb) in [
        ("a:dk2", "44546A"),
        ("a:lt2", "E7E6E6"),
        ("a:accent1", "4472C4"),
        ("a:accent2", "ED7D31"),
        ("a:accent3", "A5A5A5"),
        ("a:accent4", "FFC000"),
        ("a:accent5", "5B9BD5"),
        ("a:accent6", "70AD47"),
        ("a:hlink", "0563C1"),
        ("a:folHlink", "954F72"),
    ] {
        x.open(name, &[]).empty("a:srgbClr", &[("val", &rgb)]).close();
    }
    x.close();

    x.open("a:fontScheme", &[("name", &"dossier")]);
    for (name, east_asia) in [("a:majorFont", "黑体"), ("a:minorFont", "宋体")] {
        x.open(name, &[]);
        x.empty("a:latin", &[("typeface", &"Times New Roman")]);
        x.empty("a:ea", &[("typeface", &east_asia)]);
        x.empty("a:cs", &[("typeface", &"Times New Roman")]);
        x.close();
    }
    x.close();

    // The schema asks for three entries in each list.
    x.open("a:fmtScheme", &[("name", &"Office")]);
    x.open("a:fillStyleLst", &[]);
    for _ in 0..3 {
        solid_fill(&mut x);
    }
    x.close();
    x.open("a:lnStyleLst", &[]);
    for width in [6350, 12700, 19050] {
        x.open("a:ln", &[("w", &width)]);
        solid_fill(&mut x);
        x.close();
    }
    x.close();
    x.open("a:effectStyleLst", &[]);
    for _ in 0..3 {
        x.open("a:effectStyle", &[]).empty("a:effectLst", &[]).close();
    }
    x.close();
    x.open("a:bgFillStyleLst", &[]);
    for _ in 0..3 {
        solid_fill(&mut x);
    }
    x.close();
    x.finish()
}

fn solid_fill(x: &mut Xml) {
    x.open("a:solidFill", &[]).empty("a:schemeClr", &[("val", &"phClr")]).close();
}

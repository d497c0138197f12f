//! The PDF back end end to end: documents built from markup, rendered with the bundled fonts,
//! read back with lopdf (text through the ToUnicode maps, page boxes, content operators).

mod common;

use common::{fonts, page_texts, squash};
use dossier::doc::{
    Align, Blank, Block, Cell, Check, Date, Document, FontRole, Inline, LineSpacing, Meta, Orientation, Paragraph, Row,
    Run, Section, Size, Style, Table, VAlign,
};
use dossier::pdf::{Fonts, PdfError, typeset};
use dossier::render::markup;
use lopdf::content::Content;
use lopdf::{Document as Pdf, Object};

fn parse(xml: &str) -> Document {
    markup::parse("test", xml).expect("test markup parses")
}

fn render_xml(xml: &str) -> Vec<u8> {
    typeset(&parse(xml), fonts()).expect("renders").to_pdf().expect("writes")
}

fn load(pdf: &[u8]) -> Pdf {
    Pdf::load_mem(pdf).expect("lopdf reads the PDF")
}

/// A page's text without the "—N—" the page carries last.
fn without_number(text: &str) -> &str {
    let Some(body) = text.strip_suffix('—') else { return text };
    body.trim_end_matches(|c: char| c.is_ascii_digit()).strip_suffix('—').unwrap_or(text)
}

/// Content operators of a page.
fn operations(pdf: &Pdf, page: u32) -> Vec<lopdf::content::Operation> {
    let id = pdf.get_pages()[&page];
    Content::decode(&pdf.get_page_content(id)).unwrap().operations
}

/// x of the text matrix of the last text run on a page (the page number is drawn last).
fn last_run_x(pdf: &Pdf, page: u32) -> f32 {
    let ops = operations(pdf, page);
    let tm = ops.iter().rev().find(|op| op.operator == "Tm").expect("a text matrix");
    tm.operands[4].as_float().unwrap()
}

fn media_box(pdf: &Pdf, page: u32) -> Vec<f32> {
    let id = pdf.get_pages()[&page];
    let page = pdf.get_dictionary(id).unwrap();
    page.get(b"MediaBox").unwrap().as_array().unwrap().iter().map(|o| o.as_float().unwrap()).collect()
}

/// Base font names of every font the document uses.
fn base_fonts(pdf: &Pdf) -> Vec<String> {
    let mut names: Vec<String> = pdf
        .objects
        .values()
        .filter_map(|o| o.as_dict().ok())
        .filter(|d| d.get(b"Type").and_then(Object::as_name).ok() == Some(b"Font".as_slice()))
        .filter(|d| d.get(b"Subtype").and_then(Object::as_name).ok() == Some(b"Type0".as_slice()))
        .map(|d| String::from_utf8_lossy(d.get(b"BaseFont").unwrap().as_name().unwrap()).into_owned())
        .collect();
    names.sort();
    names
}

/// About 3000 characters of development plan, as a cluster would write it.
fn plan_text() -> String {
    let sentences = [
        "清徐县精细化工产业集群依托山西焦化、美锦能源等龙头企业，已形成以焦炉煤气制甲醇、粗苯精制、煤焦油深加工为主线的产业链条。",
        "2025年集群总产值达到186.35亿元，同比增长12.50%，集群内中小企业产值占集群总产值比例为68.20%。",
        "近三年集群主导产业产值年均增速为11.84%，高于全省同行业平均水平。",
        "集群现有国家级专精特新“小巨人”企业3家、省级专精特新中小企业27家、创新型中小企业64家，梯度培育成效明显。",
        "集群联合太原理工大学、中国科学院山西煤炭化学研究所组建创新联合体，围绕“卡脖子”环节开展产业链联合攻关。",
        "集群已建成工业互联网标识解析二级节点，接入MES、ERP等系统的企业达到142家，上云中小企业数量逐年提升。",
        "在绿色低碳方面，集群开展了节能诊断和碳排放监测，单位产值能耗较2023年下降9.60%，工业用水重复利用率达到95.00%。",
        "下一步，集群将按照《促进中小企业特色产业集群发展暂行办法》的要求，坚持“专精特新”发展方向，",
        "到2028年实现集群总产值260亿元以上，优质中小企业数量逐年增加，研发经费年均增速不低于10%，有效发明专利数年均增长不低于15%。",
    ];
    let mut text = String::new();
    let mut i = 0;
    while text.chars().count() < 3000 {
        text.push_str(sentences[i % sentences.len()]);
        i += 1;
    }
    text
}

/// A document shaped like the official 附件2: cover, 填报说明, part 一 with checkbox
/// questions, part 三 with merged label cells, part 八's long plan in one cell, part 九.
fn form() -> String {
    let plan = plan_text();
    format!(
        r#"<document title="山西省中小企业特色产业集群申报表" author="清徐县工业和信息化局" date="2026-05-08" font="fangsong" size="小四">
  <section numbers="false">
    <p font="hei" size="三号">附件2</p>
    <p align="center" font="xbs" size="二号" before="96" after="72">山西省中小企业特色产业集群申报表</p>
    <p size="三号" line="1.8" indent="2">集群名称：<blank min="17">清徐县精细化工产业</blank></p>
    <p size="三号" line="1.8" indent="2">所属地区：<blank min="5">太原</blank>市(区)<blank min="5">清徐</blank>县(市、区)</p>
    <p size="三号" line="1.8" indent="2">县级行政区划中小企业主管部门(盖章)：<blank min="4"></blank></p>
    <p size="三号" line="1.8" indent="2">集群运营管理机构：<blank min="14">清徐经济开发区管理委员会</blank></p>
    <p size="三号" line="1.8" indent="2">申报时间：<blank min="17">2026年5月8日</blank></p>
    <p size="三号" line="1.8" indent="2">联系人及联系电话：<blank min="13">王堃 0351-5723618</blank></p>
    <p align="center" size="三号" before="120">山西省工业和信息化厅 制</p>
  </section>
  <section>
    <h level="1" align="center" font="hei" size="三号" after="12">填报说明</h>
    <p align="justify" indent="2" line="1.5">1. 集群应如实填报所附各表。要求文字简洁，数据准确、详实，并提供必要的数据清单及佐证材料。</p>
    <p align="justify" indent="2" line="1.5">2. 各必填栏目不得空缺，无相关情况时应填写“无”；数据有小数时，保留小数点后2位。</p>
    <p align="justify" indent="2" line="1.5">11. 为确保文件信息的正确采集，填表时不得改变表格样式，其中一至七部分不得串页。</p>
    <pagebreak/>
    <h level="1" font="hei" size="三号" after="6">一、基本情况</h>
    <table widths="34,22,22,22">
      <tr height="24"><td colspan="4">集群名称：清徐县精细化工产业</td></tr>
      <tr height="24"><td>县级行政区划中小企业主管部门</td><td colspan="3">清徐县工业和信息化局</td></tr>
      <tr height="24"><td>联系人</td><td>王堃</td><td>联系方式</td><td>0351-5723618</td></tr>
      <tr height="24"><td>集群占地面积(平方公里)</td><td colspan="3">12.50</td></tr>
      <tr><td>主导产业所属产业类型</td><td colspan="3"><check on="false">第一产业</check><check on="true">第二产业</check><check on="false">第三产业</check></td></tr>
      <tr><td>集群主导产业是否属于国家规定的禁止、限制和淘汰类产业</td><td colspan="3"><check on="false">是</check><check on="true">否</check></td></tr>
      <tr><td>近三年是否发生较大及以上安全、质量、环境污染等事故，重大及以上网络安全事件和数据安全事件</td><td colspan="3"><check on="false">是(需附情况说明)</check><check on="true">否</check></td></tr>
      <tr><td>属于高耗能行业的集群，能效水平是否达到行业基准值</td><td colspan="3"><check on="true">是</check><check on="false">否</check><check on="false">非高耗能行业，不适用</check></td></tr>
      <tr><td>集群已开展的产业链强链补链工作</td><td colspan="3" valign="top"><check on="true">绘制产业链图谱，开展产业链培育</check><check on="true">形成产业链技术难点清单或创新项目库，建立“揭榜挂帅”、“赛马”或众创众包等激励机制</check><check on="false">联合集群上下游企业，组建创新联合体，开展产业链联合攻关</check><check on="true">引入高等院校、科研院所，开展产业链关键环节产学研协同创新</check><check on="false">开展供应链风险评估工作，建立供应链风险防范机制</check>（注：勾选需提供佐证材料）</td></tr>
    </table>
    <pagebreak/>
    <h level="1" font="hei" size="三号" after="6">三、创新能力情况</h>
    <table widths="28,8,8,8,8,8,8,8,8,8" size="五号">
      <tr><td>年度</td><td colspan="3">2023年</td><td colspan="3">2024年</td><td colspan="3">2025年</td></tr>
      <tr><td>集群中小企业研发经费总额(亿元)</td><td colspan="3">3.26</td><td colspan="3">3.71</td><td colspan="3">4.18</td></tr>
      <tr><td rowspan="5">近三年集群中小企业主持(起草单位排名前三位)或参与制修订标准数量情况(需提供清单)(年度累计值)</td>
          <td>类别</td><td>主持数量</td><td>参与数量</td><td>类别</td><td>主持数量</td><td>参与数量</td><td>类别</td><td>主持数量</td><td>参与数量</td></tr>
      <tr><td>国际</td><td>0</td><td>0</td><td>国际</td><td>0</td><td>1</td><td>国际</td><td>0</td><td>1</td></tr>
      <tr><td>国家</td><td>1</td><td>2</td><td>国家</td><td>1</td><td>3</td><td>国家</td><td>2</td><td>4</td></tr>
      <tr><td>行业</td><td>2</td><td>3</td><td>行业</td><td>3</td><td>4</td><td>行业</td><td>4</td><td>6</td></tr>
      <tr><td>团体</td><td>1</td><td>1</td><td>团体</td><td>2</td><td>2</td><td>团体</td><td>3</td><td>5</td></tr>
      <tr><td rowspan="3">创新平台建设情况(需提供清单及佐证材料)</td><td colspan="5">国家制造业创新中心或国家级创新平台名称及数量</td><td colspan="4">数量：<blank min="2">1</blank>个 名称：<blank min="6">国家煤基新材料创新中心</blank></td></tr>
      <tr><td colspan="5">省级制造业创新中心或省级创新平台名称及数量</td><td colspan="4">数量：<blank min="2">3</blank>个 名称：<blank min="6">无</blank></td></tr>
      <tr><td colspan="5">其他平台名称及数量</td><td colspan="4">数量：<blank min="2">0</blank>个 名称：<blank min="6">无</blank></td></tr>
    </table>
    <pagebreak/>
    <h level="1" font="hei" size="三号" after="6">八、未来三年中小企业特色产业集群发展规划</h>
    <table widths="18,82" header="1">
      <tr><td align="center" font="hei">项目</td><td align="center" font="hei">内容（3000字以内）</td></tr>
      <tr><td align="center">发展规划</td><td valign="top"><p align="justify" indent="2" font="kai">一、集群基本情况简介</p><p align="justify" indent="2">{plan}</p></td></tr>
    </table>
    <pagebreak/>
    <h level="1" font="hei" size="三号" after="6">九、真实性声明及推荐意见</h>
    <table widths="22,78">
      <tr height="200"><td align="center">真实性声明</td><td valign="top"><p align="justify" indent="2" line="1.5">本单位承诺此次申报中小企业特色产业集群的申请材料(包括附件资料)真实、合法。如有不实之处，本单位愿意负相应责任，并承担由此产生的一切后果。</p><p before="24">县级行政区划中小企业主管部门负责人(签字)：</p><p before="12">县级行政区划中小企业主管部门(公章)：</p><p align="right" before="12">年　　月　　日</p></td></tr>
      <tr height="160"><td align="center">市级中小企业主管部门推荐意见</td><td valign="bottom"><p align="right">推荐单位(公章)：</p><p align="right" before="12">年　　月　　日</p></td></tr>
    </table>
  </section>
</document>"#
    )
}

#[test]
fn every_label_of_the_form_can_be_copied_back() {
    let pdf = load(&render_xml(&form()));
    let text: String = page_texts(&pdf).concat();
    for label in [
        "附件2",
        "山西省中小企业特色产业集群申报表",
        "集群名称：清徐县精细化工产业",
        "山西省工业和信息化厅制",
        "填报说明",
        "无相关情况时应填写“无”；数据有小数时，保留小数点后2位。",
        "一、基本情况",
        "县级行政区划中小企业主管部门",
        "☐第一产业☑第二产业☐第三产业",
        "集群主导产业是否属于国家规定的禁止、限制和淘汰类产业",
        "☑形成产业链技术难点清单或创新项目库，建立“揭榜挂帅”、“赛马”或众创众包等激励机制",
        "（注：勾选需提供佐证材料）",
        "三、创新能力情况",
        "近三年集群中小企业主持(起草单位排名前三位)或参与制修订标准数量情况(需提供清单)(年度累计值)",
        "国家制造业创新中心或国家级创新平台名称及数量",
        "八、未来三年中小企业特色产业集群发展规划",
        "一、集群基本情况简介",
        "九、真实性声明及推荐意见",
        "推荐单位(公章)：",
    ] {
        assert!(text.contains(&squash(label)), "missing label {label}");
    }
    // The plan comes back whole once the page numbers and the repeated header are taken out.
    let flowing: String = page_texts(&pdf)
        .iter()
        .map(|t| without_number(t))
        .map(|t| t.strip_prefix("项目内容（3000字以内）").unwrap_or(t))
        .collect();
    assert!(flowing.contains(&squash(&plan_text())), "the plan comes back whole");
}

#[test]
fn a_long_plan_in_one_cell_runs_over_pages_with_its_header_repeated() {
    let pdf = load(&render_xml(&form()));
    let texts = page_texts(&pdf);
    let plan_pages: Vec<usize> = (0..texts.len()).filter(|&i| texts[i].contains("集群依托山西焦化")).collect();
    assert!(plan_pages.len() >= 2, "the plan spans pages: {plan_pages:?}");
    for &i in &plan_pages {
        assert!(texts[i].contains("项目内容（3000字以内）"), "header row on page {}", i + 1);
    }
    // Borders are closed where the cell breaks: each plan page has the cell's frames.
    for &i in &plan_pages {
        let rects = operations(&pdf, i as u32 + 1).iter().filter(|op| op.operator == "re").count();
        assert!(rects >= 4, "page {} draws header and body frames ({rects})", i + 1);
    }
}

#[test]
fn covers_have_no_number_and_numbers_sit_on_the_outer_side() {
    let pdf = load(&render_xml(&form()));
    let texts = page_texts(&pdf);
    assert!(!texts[0].contains('—'), "the cover carries no page number");
    let width = media_box(&pdf, 1)[2];
    for (i, text) in texts.iter().enumerate().skip(1) {
        let n = i; // the cover is physical page 1, so page i + 1 carries number i
        assert!(text.ends_with(&format!("—{n}—")), "page {} ends with its number: {text}", i + 1);
        let x = last_run_x(&pdf, i as u32 + 1);
        let physical = i + 1;
        if physical % 2 == 1 {
            assert!(x > width / 2.0, "odd page {physical}: number on the right ({x})");
        } else {
            assert!(x < width / 2.0, "even page {physical}: number on the left ({x})");
        }
    }
}

#[test]
fn a_page_number_is_a_pagination_artifact_over_the_page_in_the_folio_font() {
    let pdf = load(&render_xml(&form()));
    for (n, &id) in pdf.get_pages().iter() {
        let streams: Vec<Vec<u8>> = pdf
            .get_page_contents(id)
            .iter()
            .map(|&s| pdf.get_object(s).unwrap().as_stream().unwrap().decompressed_content().unwrap())
            .collect();
        if *n == 1 {
            assert_eq!(streams.len(), 1, "the cover has no number");
            continue;
        }
        let [body, number] = &streams[..] else { panic!("page {n}: {} streams", streams.len()) };
        assert!(!body.windows(b"/Artifact".len()).any(|w| w == b"/Artifact"), "page {n}: the body is all content");
        let ops = Content::decode(number).unwrap().operations;
        assert_eq!(ops.first().unwrap().operator, "BDC");
        assert_eq!(ops.first().unwrap().operands[0].as_name().unwrap(), b"Artifact");
        let properties = ops.first().unwrap().operands[1].as_dict().unwrap();
        assert_eq!(properties.get(b"Type").unwrap().as_name().unwrap(), b"Pagination");
        assert_eq!(ops.last().unwrap().operator, "EMC");
        let shown = ops.iter().filter(|op| op.operator == "TJ" || op.operator == "Tj").count();
        assert_eq!(shown, 1, "page {n}: the number is one run: {ops:?}");
        let tf = ops.iter().find(|op| op.operator == "Tf").unwrap();
        assert_eq!(tf.operands[0].as_name().unwrap(), b"Folio");
        let resources = pdf.get_dictionary(id).unwrap().get(b"Resources").unwrap().as_dict().unwrap();
        let folio = resources.get(b"Font").unwrap().as_dict().unwrap().get(b"Folio").unwrap();
        let folio = pdf.get_dictionary(folio.as_reference().unwrap()).unwrap();
        assert_eq!(folio.get(b"BaseFont").unwrap().as_name().unwrap(), b"DSFOLI+DossierFolio-Regular");
    }
}

#[test]
fn rare_characters_come_from_the_fallback_font() {
    let pdf =
        load(&render_xml(r#"<document><section><p>联系人：王堃、李喆、𠀾字，2026年〇月</p></section></document>"#));
    assert!(page_texts(&pdf)[0].contains("联系人：王堃、李喆、𠀾字"));
    let fonts = base_fonts(&pdf);
    // The GB2312 face sets the common characters, the rare-character face the others, and the
    // digits are Latin text, set at Times New Roman's metrics.
    assert_eq!(fonts.len(), 3, "{fonts:?}");
    assert_eq!(fonts.iter().filter(|f| f.contains("NotoSerifCJK")).count(), 2, "{fonts:?}");
    assert!(fonts.iter().any(|f| f.ends_with("+LiberationSerif")), "{fonts:?}");
}

#[test]
fn checkboxes_print_and_copy_as_ballot_boxes() {
    let pdf = load(&render_xml(
        r#"<document><section><p><check on="true">是</check><check on="false">否</check></p></section></document>"#,
    ));
    assert_eq!(page_texts(&pdf)[0], "☑是☐否—1—");
    assert!(base_fonts(&pdf).iter().any(|f| f.ends_with("+DejaVuSans")));
}

#[test]
fn a_character_no_font_has_names_itself_and_its_text() {
    let doc = parse("<document><section><p>集群名称：清徐\u{E123}产业</p></section></document>");
    match typeset(&doc, fonts()) {
        Err(err @ PdfError::NoGlyph { .. }) => {
            let message = err.to_string();
            assert!(message.contains("U+E123") && message.contains("集群名称：清徐"), "{message}");
        }
        other => panic!("expected a missing-glyph error, got {:?}", other.map(|t| t.pages.len())),
    }
}

#[test]
fn the_same_document_gives_the_same_bytes() {
    let doc = parse(&form());
    let first = typeset(&doc, fonts()).unwrap();
    let second = typeset(&doc, fonts()).unwrap();
    assert!(first == second, "two renders differ");
    assert!(first.to_pdf().unwrap() == second.to_pdf().unwrap(), "two files of one render differ");
    // Fonts loaded separately make no difference either.
    let other = Fonts::bundled().unwrap();
    assert!(typeset(&doc, &other).unwrap() == first, "a second font set changes the bytes");
}

#[test]
fn fonts_are_embedded_as_subsets_and_the_form_stays_small() {
    let bytes = render_xml(&form());
    assert!(bytes.len() < 1_000_000, "{} bytes", bytes.len());
    let pdf = load(&bytes);
    let fonts = base_fonts(&pdf);
    assert!(!fonts.is_empty());
    for name in &fonts {
        let (tag, _) = name.split_once('+').unwrap_or_else(|| panic!("{name} is not a subset"));
        assert!(tag.len() == 6 && tag.chars().all(|c| c.is_ascii_uppercase()), "{name}");
    }
    let programs = pdf
        .objects
        .values()
        .filter_map(|o| o.as_dict().ok())
        .filter(|d| d.has(b"FontFile2") || d.has(b"FontFile3"))
        .count();
    assert_eq!(programs, fonts.len() + 1, "every font carries its program, the folio's too");
}

#[test]
fn metadata_comes_from_the_document_and_nothing_from_the_clock() {
    let bytes = render_xml(&form());
    let pdf = load(&bytes);
    let info = pdf.trailer.get(b"Info").and_then(Object::as_reference).unwrap();
    let info = pdf.get_dictionary(info).unwrap();
    let text = |key: &[u8]| lopdf::decode_text_string(info.get(key).unwrap()).unwrap();
    assert_eq!(text(b"Title"), "山西省中小企业特色产业集群申报表");
    assert_eq!(text(b"Author"), "清徐县工业和信息化局");
    assert_eq!(info.get(b"CreationDate").unwrap().as_str().unwrap(), b"D:20260508000000+08'00'");
    let catalog = pdf.catalog().unwrap();
    assert_eq!(catalog.get(b"Lang").unwrap().as_str().unwrap(), b"zh-CN");
    // No date, no date entry.
    let undated = load(&render_xml("<document><section><p>无日期</p></section></document>"));
    let info = undated.trailer.get(b"Info").and_then(Object::as_reference).unwrap();
    assert!(!undated.get_dictionary(info).unwrap().has(b"CreationDate"));
}

#[test]
fn headings_become_the_outline() {
    let pdf = load(&render_xml(&form()));
    let catalog = pdf.catalog().unwrap();
    let outlines = pdf.get_dictionary(catalog.get(b"Outlines").unwrap().as_reference().unwrap()).unwrap();
    let mut item = outlines.get(b"First").unwrap().as_reference().unwrap();
    let mut titles = Vec::new();
    loop {
        let dict = pdf.get_dictionary(item).unwrap();
        titles.push(lopdf::decode_text_string(dict.get(b"Title").unwrap()).unwrap());
        match dict.get(b"Next") {
            Ok(next) => item = next.as_reference().unwrap(),
            Err(_) => break,
        }
    }
    assert_eq!(titles.first().map(String::as_str), Some("填报说明"));
    assert_eq!(titles.last().map(String::as_str), Some("九、真实性声明及推荐意见"));
    assert_eq!(titles.len(), 5);
}

#[test]
fn sub_headings_nest_under_their_heading() {
    let pdf = load(&render_xml(
        r#"<document><section><h level="1">一、甲</h><h level="2">（一）乙</h><h level="2">（二）丙</h><h level="1">二、丁</h></section></document>"#,
    ));
    let catalog = pdf.catalog().unwrap();
    let root = pdf.get_dictionary(catalog.get(b"Outlines").unwrap().as_reference().unwrap()).unwrap();
    assert_eq!(root.get(b"Count").unwrap().as_i64().unwrap(), 4);
    let first = pdf.get_dictionary(root.get(b"First").unwrap().as_reference().unwrap()).unwrap();
    assert_eq!(lopdf::decode_text_string(first.get(b"Title").unwrap()).unwrap(), "一、甲");
    assert_eq!(first.get(b"Count").unwrap().as_i64().unwrap(), 2);
    let child = pdf.get_dictionary(first.get(b"First").unwrap().as_reference().unwrap()).unwrap();
    assert_eq!(lopdf::decode_text_string(child.get(b"Title").unwrap()).unwrap(), "（一）乙");
}

#[test]
fn a_heading_goes_to_the_next_page_with_the_table_it_introduces() {
    let filler: String = (0..31).map(|i| format!("<p>第{i}行</p>")).collect();
    let pdf = load(&render_xml(&format!(
        r#"<document><section>{filler}<h level="1">二、表格标题</h><table widths="1,1"><tr height="150"><td>行标签</td><td>内容</td></tr></table></section></document>"#
    )));
    let texts = page_texts(&pdf);
    assert_eq!(texts.len(), 2, "{texts:?}");
    assert!(texts[1].starts_with("二、表格标题行标签内容"), "{texts:?}");
}

#[test]
fn a_three_line_paragraph_with_room_for_two_goes_to_the_next_page_whole() {
    // Two lines here would leave its last alone on the next page, one its first alone here.
    let filler: String = (0..34).map(|i| format!("<p>第{i}行</p>")).collect();
    let long: String = "三行的段落".repeat(16);
    let pdf = load(&render_xml(&format!("<document><section>{filler}<p>{long}</p></section></document>")));
    let texts = page_texts(&pdf);
    assert_eq!(texts.len(), 2, "{texts:?}");
    assert!(without_number(&texts[0]).ends_with("第33行"), "{texts:?}");
    assert!(texts[1].starts_with(&long), "{texts:?}");
}

/// Whether a page draws the draft mark, and where.
fn draft_mark(pdf: &Pdf, page: u32) -> Option<(f32, f32)> {
    let ops = operations(pdf, page);
    let at = ops.iter().position(|op| op.operator == "Do" && op.operands[0].as_name().unwrap() == b"Draft")?;
    let cm = ops[..at].iter().rev().find(|op| op.operator == "cm").unwrap();
    Some((cm.operands[4].as_float().unwrap(), cm.operands[5].as_float().unwrap()))
}

#[test]
fn a_draft_carries_its_mark_on_every_page_and_never_in_its_text() {
    let xml = form().replacen("<document ", r#"<document draft="true" "#, 1);
    let pdf = load(&render_xml(&xml));
    let (width, height) = (media_box(&pdf, 1)[2], media_box(&pdf, 1)[3]);
    for (i, text) in page_texts(&pdf).iter().enumerate() {
        let (x, y) = draft_mark(&pdf, i as u32 + 1).unwrap_or_else(|| panic!("page {} is marked", i + 1));
        assert!((x - width / 2.0).abs() < 0.01 && (y - height / 2.0).abs() < 0.01, "centred: {x} {y}");
        assert!(!text.contains("草稿"), "copied text stays clean");
    }
    let final_pdf = load(&render_xml(&form()));
    assert!((1..=final_pdf.get_pages().len() as u32).all(|p| draft_mark(&final_pdf, p).is_none()));
}

#[test]
fn landscape_sections_are_turned_and_keep_their_numbering() {
    let pdf = load(&render_xml(
        r#"<document>
             <section><p>第一页</p></section>
             <section orientation="landscape"><table widths="1,3,2"><tr><td>序号</td><td>集群名称</td><td>主导产业</td></tr></table></section>
           </document>"#,
    ));
    let portrait = media_box(&pdf, 1);
    let landscape = media_box(&pdf, 2);
    assert!(portrait[2] < portrait[3] && landscape[2] > landscape[3], "{portrait:?} {landscape:?}");
    assert!(page_texts(&pdf)[1].ends_with("—2—"));
}

#[test]
fn tables_without_borders_draw_no_lines() {
    let xml = |borders: &str| {
        format!(
            r#"<document><section numbers="false"><table widths="1,1" borders="{borders}"><tr><td>甲</td><td>乙</td></tr></table></section></document>"#
        )
    };
    let count =
        |pdf: &Pdf| operations(pdf, 1).iter().filter(|op| ["re", "l", "S"].contains(&op.operator.as_str())).count();
    assert_eq!(count(&load(&render_xml(&xml("false")))), 0);
    assert!(count(&load(&render_xml(&xml("true")))) > 0);
}

#[test]
fn a_row_that_does_not_fit_moves_to_the_next_page_whole() {
    let filler: String = (0..36).map(|i| format!("<p>第{i}行</p>")).collect();
    let pdf = load(&render_xml(&format!(
        r#"<document><section>{filler}<table widths="1,1"><tr height="150"><td>行标签</td><td>不被拆开的行</td></tr></table></section></document>"#
    )));
    let texts = page_texts(&pdf);
    assert_eq!(texts.len(), 2);
    assert!(texts[1].contains("行标签不被拆开的行"), "{texts:?}");
}

/// Lines of a 五号 remark in a narrow column, one per line: `第{i}句。`.
fn remark(lines: usize) -> String {
    (1..=lines).map(|i| format!("<p>第{i:02}句。</p>")).collect()
}

#[test]
fn a_row_that_fits_a_page_of_its_own_moves_there_under_its_repeated_header() {
    // On the first page the title, the header and the row do not fit; on the next page the
    // repeated header and the row do: the row moves whole (it used to be cut, its last line
    // alone under the repeated header).
    let filler: String = (0..20).map(|i| format!("<p>第{i}行</p>")).collect();
    let pdf = load(&render_xml(&format!(
        r#"<document><section>{filler}<table widths="1,1" header="1"><tr><td>表头甲</td><td>表头乙</td></tr><tr><td>标签</td><td>{}</td></tr></table></section></document>"#,
        remark(30)
    )));
    let texts = page_texts(&pdf);
    assert_eq!(texts.len(), 2, "{texts:?}");
    assert!(!texts[0].contains("第01句"), "{texts:?}");
    assert!(texts[1].starts_with("表头甲表头乙标签第01句。") && texts[1].contains("第30句。"), "{texts:?}");
}

#[test]
fn a_row_taller_than_a_page_leaves_at_least_two_lines_on_each_side() {
    // 46 lines of 小四: the cut falls where one line would be left over, and two go instead.
    let pdf = load(&render_xml(&format!(
        r#"<document><section><table widths="1,3" header="1"><tr><td>表头甲</td><td>表头乙</td></tr><tr><td>标签</td><td>{}</td></tr></table></section></document>"#,
        remark(46)
    )));
    let texts = page_texts(&pdf);
    assert_eq!(texts.len(), 2, "{texts:?}");
    let carried = without_number(&texts[1]).matches('句').count();
    assert!(carried >= 2, "{carried} line(s) carried over: {texts:?}");
    assert_eq!(without_number(&texts[0]).matches('句').count() + carried, 46);
}

#[test]
fn the_header_is_repeated_only_above_rows_that_use_it() {
    let years = "<tr><td>年度</td><td>2023 年</td><td>2024 年</td></tr>";
    let figures: String = (0..30).map(|i| format!("<tr><td>指标{i}</td><td>{i}</td><td>{i}</td></tr>")).collect();
    let narratives: String =
        (0..12).map(|i| format!("<tr height=\"90\"><td>情况{i}</td><td colspan=\"2\">文字{i}</td></tr>")).collect();
    let pdf = load(&render_xml(&format!(
        r#"<document><section><table widths="2,1,1" header="1">{years}{figures}{narratives}</table></section></document>"#
    )));
    let texts = page_texts(&pdf);
    assert!(texts.len() >= 3, "{texts:?}");
    for (i, text) in texts.iter().enumerate().skip(1) {
        let starts_with_figures = text.trim_start_matches("年度2023年2024年").starts_with("指标");
        assert_eq!(text.starts_with("年度"), starts_with_figures, "page {}: {text}", i + 1);
    }
    assert!(texts.last().unwrap().starts_with("情况"), "{texts:?}");
}

#[test]
fn one_font_set_serves_renders_on_many_threads() {
    let doc = parse(&form());
    let expected = typeset(&doc, fonts()).unwrap();
    std::thread::scope(|s| {
        let handles: Vec<_> = (0..2).map(|_| s.spawn(|| typeset(&doc, fonts()).unwrap())).collect();
        for handle in handles {
            assert!(handle.join().unwrap() == expected);
        }
    });
}

/// Writes the sample form for a look: `DOSSIER_PDF_SAMPLE=/tmp/form.pdf cargo test --test pdf_render sample`.
#[test]
fn sample() {
    if let Some(path) = std::env::var_os("DOSSIER_PDF_SAMPLE") {
        let start = std::time::Instant::now();
        let bytes = render_xml(&form());
        eprintln!("rendered in {:?}", start.elapsed());
        std::fs::write(path, bytes).unwrap();
    }
}

fn odd_paragraph(style: Style, spacing: LineSpacing, before: f32, inlines: Vec<Inline>) -> Block {
    Block::Paragraph(Paragraph {
        align: Align::Justify,
        indent_chars: 255,
        hanging_chars: f32::NAN,
        space_before: before,
        space_after: -before,
        spacing,
        keep_with_next: true,
        heading: Some(0),
        style,
        inlines,
    })
}

#[test]
fn odd_documents_render_or_fail_cleanly_and_never_hang() {
    let tiny = Style { font: FontRole::Hei, size: Size(0), bold: true, underline: true };
    let huge = Style { font: FontRole::Kai, size: Size(u16::MAX), ..Style::default() };
    let text = |t: &str, style: Style| Inline::Text(Run { text: t.to_owned(), style });
    let blocks = vec![
        odd_paragraph(
            tiny,
            LineSpacing::Exact(f32::NAN),
            f32::NAN,
            vec![text("\u{200B}\u{7}\t\r\n集群", tiny), Inline::LineBreak, Inline::LineBreak],
        ),
        odd_paragraph(huge, LineSpacing::Multiple(-1.0), f32::INFINITY, vec![text("大字", huge)]),
        odd_paragraph(Style::default(), LineSpacing::Multiple(1e30), 0.0, vec![text("行距", Style::default())]),
        odd_paragraph(Style::default(), LineSpacing::Exact(1e6), 1e9, vec![]),
        odd_paragraph(
            Style::default(),
            LineSpacing::Single,
            0.0,
            vec![
                Inline::Check(Check { checked: true, label: String::new(), style: Style::default() }),
                Inline::Blank(Blank { text: String::new(), min_chars: 255, style: Style::default() }),
                text("   ", Style::default()),
            ],
        ),
        Block::PageBreak,
        Block::PageBreak,
        Block::Table(Table { widths: vec![0, 0], header_rows: 9, borders: true, fit_content: false, rows: vec![] }),
        Block::Table(Table {
            widths: vec![0, 0],
            header_rows: 9,
            fit_content: false,
            borders: true,
            rows: (0..3)
                .map(|i| Row {
                    min_height: [1e9, f32::NAN, -5.0][i],
                    cells: vec![
                        Cell { col_span: 0, row_span: 0, valign: VAlign::Bottom, paragraphs: vec![] },
                        Cell {
                            col_span: 1,
                            row_span: 1,
                            valign: VAlign::Center,
                            paragraphs: vec![Paragraph::default()],
                        },
                    ],
                })
                .collect(),
        }),
    ];
    let doc = Document {
        meta: Meta {
            title: String::new(),
            author: String::new(),
            date: Some(Date { year: 2026, month: 13, day: 45 }),
            draft: true,
        },
        sections: vec![
            Section {
                orientation: Orientation::Landscape,
                page_numbers: true,
                odd_start: false,
                blocks: blocks.clone(),
            },
            Section { orientation: Orientation::Portrait, page_numbers: false, odd_start: false, blocks: vec![] },
            Section { orientation: Orientation::Portrait, page_numbers: true, odd_start: false, blocks },
        ],
    };
    let bytes = typeset(&doc, fonts()).expect("odd but valid input renders").to_pdf().unwrap();
    let pdf = load(&bytes);
    let pages = pdf.get_pages().len();
    for page in 1..=pages as u32 {
        for op in operations(&pdf, page) {
            let finite = op.operands.iter().all(|o| !matches!(o, Object::Real(r) if !r.is_finite()));
            assert!(finite, "page {page}: {op:?}");
        }
    }
    assert!((3..200).contains(&pages), "{pages} pages");
    let empty = Document { meta: Meta::default(), sections: vec![] };
    assert!(matches!(typeset(&empty, fonts()), Err(PdfError::Empty)));
    let ragged = Document {
        meta: Meta::default(),
        sections: vec![Section {
            orientation: Orientation::Portrait,
            page_numbers: true,
            odd_start: false,
            blocks: vec![Block::Table(Table {
                widths: vec![1],
                header_rows: 0,
                fit_content: false,
                borders: true,
                rows: vec![Row { min_height: 0.0, cells: vec![] }],
            })],
        }],
    };
    assert!(matches!(typeset(&ragged, fonts()), Err(PdfError::Grid(_))));
}

/// Timing in release: `cargo test --release --test pdf_render -- --ignored --nocapture timing`.
#[test]
#[ignore]
fn timing() {
    let start = std::time::Instant::now();
    let fonts = Fonts::bundled().unwrap();
    eprintln!("fonts loaded in {:?}", start.elapsed());
    // Two forms' worth of parts: about fifteen pages.
    let xml = form();
    let (head, rest) = xml.split_once("<section>").unwrap();
    let body = rest.rsplit_once("</document>").unwrap().0;
    let doc = parse(&format!("{head}<section>{body}<section>{body}</document>"));
    let start = std::time::Instant::now();
    let first = typeset(&doc, &fonts).unwrap();
    eprintln!("first render (parses the fonts it uses) {:?}", start.elapsed());
    let runs = 10;
    let start = std::time::Instant::now();
    for _ in 0..runs {
        typeset(&doc, &fonts).unwrap();
    }
    let bytes = first.to_pdf().unwrap();
    eprintln!("{} pages, {} bytes: {:?} a render", first.pages.len(), bytes.len(), start.elapsed() / runs);
}

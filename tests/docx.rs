//! The DOCX back end, checked on what Word reads: the package, every part's children in
//! ECMA-376 schema order, the table grids and merges, fonts, text, determinism, and (where
//! LibreOffice is installed) a conversion to PDF.
//!
//! `DOSSIER_DOCX_OUT=dir cargo test --test docx` also writes the sample (a form like 附件2)
//! there for a visual check with `tools/docx-to-pdf.sh`.

mod common;

use std::collections::BTreeMap;
use std::io::Cursor;

use common::{W, fonts, is, paragraph_text, unzip};
use dossier::doc::{
    Block, Cell, Date, Document, FontRole, Inline, LineSpacing, Meta, Orientation, Paragraph, Row, Run, Section, Size,
    Style, Table, VAlign,
};
use dossier::docx::{DocxError, write};
use dossier::pdf::Metrics;
use roxmltree::Node;

/// A realistic form: cover, 填报说明, parts with merged label cells, check box groups, long
/// narrative cells and paragraphs, a signature table, and a landscape summary table.
const SAMPLE: &str = r#"<document title="山西省中小企业特色产业集群申报表" author="清徐县工业和信息化局" date="2026-05-08" font="fangsong" size="小四">
  <section numbers="false">
    <p font="hei" size="三号">附件2</p>
    <p align="center" font="xbs" size="二号" before="96" after="72">山西省中小企业特色产业集群申报表</p>
    <p size="三号" indent="2" line="36pt">集群名称：<blank min="16">清徐县精细化工产业</blank></p>
    <p size="小四" indent="12" line="20pt">(XX(县、区)XX产业)</p>
    <p size="三号" indent="2" line="36pt">所属地区：<blank min="5">太原</blank>市(区)<blank min="5">清徐</blank>县(市、区)</p>
    <p size="三号" indent="2" line="36pt">县级行政区划中小企业主管部门(盖章)：<blank min="7"></blank></p>
    <p size="三号" indent="2" line="36pt">集群运营管理机构：<blank min="14">清徐经济开发区管理委员会</blank></p>
    <p size="三号" indent="2" line="36pt">申报时间：<blank min="16">2026年5月8日</blank></p>
    <p size="三号" indent="2" line="36pt">联系人及联系电话：<blank min="14">王明 0351-5724000</blank></p>
    <p align="center" size="三号" before="120">山西省工业和信息化厅　制</p>
  </section>
  <section>
    <h level="1" align="center" font="hei" size="三号" after="12">填报说明</h>
    <p size="三号" indent="2" align="justify" line="28.95pt">1. 集群应如实填报所附各表。要求文字简洁，数据准确、详实，并提供必要的数据清单及佐证材料。填报数据将依权限对相关部门和单位开放共享，仅供审核验证和查阅用。</p>
    <p size="三号" indent="2" align="justify" line="28.95pt">2. 各必填栏目不得空缺，无相关情况时应填写“无”；数据有小数时，保留小数点后2位。</p>
    <p size="三号" indent="2" align="justify" line="28.95pt">3. 集群运营管理机构是指对产业集群集中运营管理的产业园区管委会、园区运营企业或公共服务机构等法人主体，基础建设单位不可作为集群运营管理机构。</p>
    <p size="三号" indent="2" align="justify" line="28.95pt">11. 为确保文件信息的正确采集，填表时不得改变表格样式，其中一至七部分不得串页。</p>
    <pagebreak/>
    <h level="1" font="hei" size="三号" after="6">一、基本情况</h>
    <table widths="30,20,20,30">
      <tr height="28"><td colspan="4">集群名称：清徐县精细化工产业 (XX(省、市)XX(县、区)XX产业))</td></tr>
      <tr height="28"><td>县级行政区划中小企业主管部门</td><td colspan="3">清徐县工业和信息化局</td></tr>
      <tr height="28"><td>联系人</td><td>王明</td><td>联系方式</td><td>0351-5724000</td></tr>
      <tr height="28"><td>集群运营管理机构</td><td colspan="3">清徐经济开发区管理委员会</td></tr>
      <tr height="28"><td>联系人</td><td>李华</td><td>联系方式</td><td>a&lt;b&gt;&amp;&quot;c&quot;]]&gt;𠀋</td></tr>
      <tr height="28"><td>集群占地面积(平方公里)</td><td colspan="3">12.50</td></tr>
      <tr><td>主导产业所属产业类型</td><td colspan="3"><check>第一产业</check>　<check on="true">第二产业</check>　<check>第三产业</check></td></tr>
      <tr><td>集群主导产业是否属于国家规定的禁止、限制和淘汰类产业</td><td colspan="3"><check>是</check>　<check on="true">否</check></td></tr>
      <tr><td>近三年是否发生较大及以上安全、质量、环境污染等事故，重大及以上网络安全事件和数据安全事件</td><td colspan="3"><check>是(需附情况说明)</check>　<check on="true">否</check></td></tr>
      <tr><td>属于高耗能行业的集群，能效水平是否达到行业基准值</td><td colspan="3"><check on="true">是</check>　<check>否</check>　<check>非高耗能行业，不适用</check></td></tr>
      <tr><td>是否已被认定为省级中小企业特色产业集群</td><td colspan="3"><check>是</check>　<check on="true">否</check></td></tr>
    </table>
    <pagebreak/>
    <h level="1" font="hei" size="三号" after="6">二、主导产业情况</h>
    <table widths="40,20,20,20" header="1">
      <tr height="24"><td align="center">年度</td><td align="center">2023 年</td><td align="center">2024 年</td><td align="center">2025 年</td></tr>
      <tr><td>集群总产值（亿元）</td><td align="center">86.40</td><td align="center">95.12</td><td align="center">108.37</td></tr>
      <tr><td>集群总产值占所在县级行政区划工业总产值比例（%）</td><td align="center">31.20</td><td align="center">32.85</td><td align="center">34.10</td></tr>
      <tr><td>集群主导产业产值增速（%）</td><td align="center">9.80</td><td align="center">10.09</td><td align="center">13.93</td></tr>
      <tr><td>集群企业数量（年度累计值）</td><td align="center">212</td><td align="center">228</td><td align="center">241</td></tr>
      <tr><td>主导产业相关的国家级专精特新“小巨人”企业数量（年度累计值）（注：需附名单，包含序号、企业名称、企业简介、经营范围、认定年度等信息）</td><td align="center">2</td><td align="center">3</td><td align="center">4</td></tr>
      <tr height="140"><td>集群产业链强链补链情况 (200 字以内)</td><td colspan="3" valign="top" align="justify">集群围绕煤焦油深加工、针状焦和碳材料三条主链，绘制产业链图谱，梳理出关键材料和装备短板12项，形成技术难点清单和创新项目库。2025年引进下游负极材料企业3家，与太原理工大学共建碳材料联合实验室，联合链上企业开展高端针状焦攻关，实现煤系针状焦国产替代，链上配套率由2023年的46%提高到2025年的58%。</td></tr>
      <tr><td>集群已开展的产业链强链补链工作</td><td colspan="3" valign="top">
        <p><check on="true">绘制产业链图谱，开展产业链培育</check></p>
        <p><check on="true">形成产业链技术难点清单或创新项目库，建立“揭榜挂帅”、“赛马”或众创众包等激励机制</check></p>
        <p><check>联合集群上下游企业，组建创新联合体，开展产业链联合攻关</check></p>
        <p><check on="true">引入高等院校、科研院所，开展产业链关键环节产学研协同创新</check></p>
        <p><check>建有产业链上下游产供销一体化协同协作机制</check></p>
        <p><check>与产业链“链主”企业建立稳定合作配套关系</check></p>
        <p><check>与先进制造业集群、国家新型工业化产业示范基地建立稳定合作配套关系</check></p>
        <p><check>开展供应链风险评估工作，建立供应链风险防范机制</check></p>
        <p>（注：勾选需提供佐证材料）</p>
      </td></tr>
    </table>
    <pagebreak/>
    <h level="1" font="hei" size="三号" after="6">三、创新能力情况</h>
    <table widths="19,9,9,9,9,9,9,9,9,9" size="五号" header="1">
      <tr height="22"><td align="center">年度</td><td colspan="3" align="center">2023 年</td><td colspan="3" align="center">2024 年</td><td colspan="3" align="center">2025 年</td></tr>
      <tr><td>集群中小企业研发经费总额 (亿元)</td><td colspan="3" align="center">1.25</td><td colspan="3" align="center">1.43</td><td colspan="3" align="center">1.68</td></tr>
      <tr><td>集群中小企业研发经费增速 (%)</td><td colspan="3" align="center">11.61</td><td colspan="3" align="center">14.40</td><td colspan="3" align="center">17.48</td></tr>
      <tr><td rowspan="5">近三年集群中小企业主持(起草单位排名前三位)或参与制修订标准数量情况(需提供清单)(年度累计值)</td>
        <td align="center">类别</td><td align="center">主持数量</td><td align="center">参与数量</td><td align="center">类别</td><td align="center">主持数量</td><td align="center">参与数量</td><td align="center">类别</td><td align="center">主持数量</td><td align="center">参与数量</td></tr>
      <tr><td align="center">国际</td><td align="center">0</td><td align="center">0</td><td align="center">国际</td><td align="center">0</td><td align="center">1</td><td align="center">国际</td><td align="center">0</td><td align="center">1</td></tr>
      <tr><td align="center">国家</td><td align="center">1</td><td align="center">2</td><td align="center">国家</td><td align="center">1</td><td align="center">3</td><td align="center">国家</td><td align="center">2</td><td align="center">4</td></tr>
      <tr><td align="center">行业</td><td align="center">2</td><td align="center">3</td><td align="center">行业</td><td align="center">3</td><td align="center">4</td><td align="center">行业</td><td align="center">4</td><td align="center">6</td></tr>
      <tr><td align="center">团体</td><td align="center">3</td><td align="center">1</td><td align="center">团体</td><td align="center">4</td><td align="center">2</td><td align="center">团体</td><td align="center">6</td><td align="center">2</td></tr>
      <tr><td rowspan="3">创新平台建设情况 (需提供清单及佐证材料)</td><td colspan="4">国家制造业创新中心或国家级创新平台名称及数量</td><td colspan="5">数量：<blank min="3">1</blank>个 名称：<blank min="10">国家煤基碳材料技术创新中心</blank></td></tr>
      <tr><td colspan="4">省级制造业创新中心或省级创新平台名称及数量</td><td colspan="5">数量：<blank min="3">3</blank>个 名称：<blank min="10">山西省针状焦工程技术研究中心等</blank></td></tr>
      <tr><td colspan="4">其他平台名称及数量</td><td colspan="5">数量：<blank min="3"></blank>个 名称：<blank min="10"></blank></td></tr>
      <tr><td>近三年集群中小企业有效发明专利年均增速 (%)</td><td colspan="9" align="center">16.27</td></tr>
    </table>
    <pagebreak/>
    <h level="1" font="hei" size="三号" after="6">五、绿色化转型情况</h>
    <table widths="40,20,40">
      <tr><td>是否建立集群碳排放监测机制</td><td colspan="2"><check on="true">是</check>　<check>否</check>（如涉及，需提供佐证材料）</td></tr>
      <tr><td rowspan="4">近三年集群单位产值二氧化碳排放量（吨二氧化碳/万元）</td><td align="center">2023 年</td><td align="center">0.85</td></tr>
      <tr><td align="center">2024 年</td><td align="center">0.81</td></tr>
      <tr><td align="center">2025 年</td><td align="center">0.78</td></tr>
      <tr><td colspan="2">（注：单位产值二氧化碳排放量需提供计算公式）</td></tr>
      <tr><td>近三年集群单位产值能耗降低率（%）</td><td colspan="2" align="center">4.12</td></tr>
    </table>
    <pagebreak/>
    <h level="1" font="hei" size="三号" after="6">八、未来三年中小企业特色产业集群发展规划</h>
    <p align="center" size="三号" line="28.95pt">(3000 字以内)</p>
    <h level="2" font="hei" size="三号" line="28.95pt" indent="2">一、集群基本情况简介</h>
    <p size="三号" indent="2" align="justify" line="28.95pt">清徐县精细化工产业集群以清徐经济开发区为核心承载区，依托全县丰富的焦化产能和煤焦油、粗苯等副产资源，经过二十余年发展，形成了以煤焦油深加工、针状焦和碳材料、精细化学品为主导的产业体系。集群现有企业241家，其中中小企业233家，国家级专精特新“小巨人”企业4家，省级专精特新中小企业27家，2025年集群总产值108.37亿元，占全县工业总产值的34.10%。</p>
    <p size="三号" indent="2" align="justify" line="28.95pt">近三年来，县委、县政府先后出台《清徐县支持精细化工产业高质量发展的若干措施》等政策文件，设立产业发展专项资金，累计支持企业技术改造项目36个，带动投资42.6亿元。集群内企业主持或参与制修订国家、行业和团体标准共21项，有效发明专利拥有量由2023年的118件增加到2025年的159件。</p>
    <h level="2" font="kai" size="三号" line="28.95pt" indent="2">(一) 总体思路</h>
    <p size="三号" indent="2" align="justify" line="28.95pt">坚持以新时代中国特色社会主义思想为指导，完整、准确、全面贯彻新发展理念，以“延链、补链、强链”为主线，以数字化、绿色化转型为动力，推动集群由“焦化副产品加工”向“高端碳材料和精细化学品”跃升，打造国内领先的煤基碳材料特色产业集群。</p>
    <h level="2" font="kai" size="三号" line="28.95pt" indent="2">(二) 发展目标</h>
    <p size="三号" indent="2" align="justify" line="28.95pt">到2028年，集群总产值达到145亿元，年均增速不低于10%；优质中小企业数量逐年增加，国家级专精特新“小巨人”企业达到6家；研发经费年均增速不低于10%，有效发明专利数年均增长不低于15%；单位工业产值能耗和二氧化碳排放量下降率均不低于行业平均水平。</p>
    <p size="三号" indent="2" align="justify" line="28.95pt">为实现上述目标，集群将分三个阶段推进：2026年重点完善产业链图谱和项目库，启动碳材料中试基地建设；2027年推动中试基地投入运行，引进下游应用企业不少于5家；2028年形成从煤焦油到高端碳材料的完整产业链条，链上配套率提高到70%以上。</p>
    <pagebreak/>
    <h level="1" font="hei" size="三号" after="6">九、真实性声明及推荐意见</h>
    <table widths="22,78">
      <tr height="220"><td align="center">真实性声明</td><td valign="top">
        <p indent="2" align="justify" line="24pt">本单位承诺此次申报中小企业特色产业集群的申请材料(包括附件资料)真实、合法。如有不实之处，本单位愿意负相应责任，并承担由此产生的一切后果。</p>
        <p line="24pt"> </p>
        <p line="24pt">县级行政区划中小企业主管部门负责人(签字)：</p>
        <p line="24pt">县级行政区划中小企业主管部门(公章)：</p>
        <p align="right" line="24pt">年　　月　　日</p>
      </td></tr>
      <tr height="160"><td align="center">市级中小企业主管部门推荐意见</td><td valign="bottom">
        <p align="right" line="24pt">推荐单位(公章)：　　　　　　</p>
        <p align="right" line="24pt">年　　月　　日</p>
      </td></tr>
    </table>
  </section>
  <section orientation="landscape">
    <p font="hei" size="三号">附件1</p>
    <p align="center" font="xbs" size="二号" after="12">2026 年度国家级、省级中小企业特色产业集群推荐汇总表</p>
    <p size="四号">市级中小企业主管部门：（盖章）</p>
    <p size="四号" after="6">联系人及联系方式：</p>
    <table widths="5,14,14,8,9,10,9,31" size="五号" header="1">
      <tr height="30"><td align="center" font="hei">序号</td><td align="center" font="hei">集群名称</td><td align="center" font="hei">集群运营管理机构</td><td align="center" font="hei">所在市（州）</td><td align="center" font="hei">所在县（市、区）</td><td align="center" font="hei">主导产业</td><td align="center" font="hei">集群成立时间</td><td align="center" font="hei">集群简介（300 字以内）</td></tr>
      <tr><td align="center">1</td><td>清徐县精细化工产业</td><td>清徐经济开发区管理委员会</td><td align="center">太原市</td><td align="center">清徐县</td><td>煤基精细化工</td><td align="center">2003年</td><td align="justify">集群以煤焦油深加工、针状焦和碳材料为主导，2025年集群总产值108.37亿元，中小企业233家，专精特新中小企业27家，专精特新“小巨人”企业4家，国家级制造业单项冠军企业0家。近三年集群中小企业主持制定国际、国家、行业标准7项，中小企业有效发明专利159件，万人发明专利拥有量21.6件。集群先后获评省级新型工业化产业示范基地、省级化工园区。</td></tr>
      <tr><td align="center">2</td><td>阳曲县现代装备制造产业</td><td>阳曲产业园区管理委员会</td><td align="center">太原市</td><td align="center">阳曲县</td><td>矿山装备</td><td align="center">2010年</td><td align="justify">集群以矿山机械、液压支架和智能化采掘装备为主导，2025年集群总产值76.52亿元，中小企业168家，专精特新中小企业19家，专精特新“小巨人”企业3家。近三年集群中小企业主持制定国家、行业标准5项，中小企业有效发明专利121件，万人发明专利拥有量18.3件。集群获评省级智能制造示范园区，骨干企业产品覆盖全国主要产煤省份，并出口至印度尼西亚、蒙古等国家。</td></tr>
      <tr><td align="center">3</td><td>娄烦县特色农产品加工产业</td><td>娄烦县农产品加工园区服务中心</td><td align="center">太原市</td><td align="center">娄烦县</td><td>杂粮加工</td><td align="center">2012年</td><td align="justify">集群以小杂粮、马铃薯和食用菌精深加工为主导，2025年集群总产值21.37亿元，中小企业96家，专精特新中小企业8家。近三年集群中小企业参与制定行业标准2项、团体标准6项，中小企业有效发明专利37件。集群拥有“娄烦山药蛋”国家地理标志产品，建成县域冷链物流中心和电商直播基地，带动周边农户1.2万户增收。</td></tr>
      <tr><td align="center">4</td><td>古交市煤基新材料产业</td><td>古交经济技术开发区管理委员会</td><td align="center">太原市</td><td align="center">古交市</td><td>煤基新材料</td><td align="center">2015年</td><td align="justify">集群以煤层气利用、煤基碳纤维和特种炭黑为主导，2025年集群总产值58.90亿元，中小企业121家，专精特新中小企业14家，专精特新“小巨人”企业2家。近三年集群中小企业主持制定行业标准3项，中小企业有效发明专利88件，万人发明专利拥有量15.2件。集群建成煤基新材料中试基地，与中国科学院山西煤炭化学研究所开展长期合作。</td></tr>
      <tr><td align="center">5</td><td>尖草坪区不锈钢制品产业</td><td>太原不锈钢产业园区管理委员会</td><td align="center">太原市</td><td align="center">尖草坪区</td><td>不锈钢精深加工</td><td align="center">2008年</td><td align="justify">集群以不锈钢精密带材、管材和高端制品为主导，2025年集群总产值132.60亿元，中小企业187家，专精特新中小企业23家，专精特新“小巨人”企业5家，国家级制造业单项冠军企业1家。近三年集群中小企业主持制定国际、国家、行业标准9项，中小企业有效发明专利204件，万人发明专利拥有量26.4件。集群获评国家新型工业化产业示范基地。</td></tr>
    </table>
  </section>
</document>"#;

fn sample() -> Document {
    dossier::render::markup::parse("docx_sample", SAMPLE).expect("the sample is valid markup")
}

fn draft_sample() -> Document {
    let mut doc = sample();
    doc.meta.draft = true;
    doc
}

fn package_files(doc: &Document) -> BTreeMap<String, String> {
    unzip(&write(doc, fonts()).expect("renders"))
}

fn children<'a, 'i>(node: Node<'a, 'i>, name: &'static str) -> impl Iterator<Item = Node<'a, 'i>> + 'a {
    node.children().filter(move |n| is(n, name))
}

fn child<'a, 'i>(node: Node<'a, 'i>, name: &'static str) -> Option<Node<'a, 'i>> {
    children(node, name).next()
}

fn descendants<'a, 'i>(node: Node<'a, 'i>, name: &'static str) -> impl Iterator<Item = Node<'a, 'i>> + 'a {
    node.descendants().filter(move |n| is(n, name))
}

fn attr<'a>(node: Node<'a, '_>, name: &str) -> Option<&'a str> {
    node.attribute((W, name))
}

fn val<'a>(node: Node<'a, '_>, name: &'static str) -> Option<&'a str> {
    child(node, name).and_then(|n| attr(n, "val"))
}

// ---- schema order -------------------------------------------------------------------------

/// Child order of the elements the back end writes, from the ECMA-376 schema (wml.xsd):
/// names in sequence order, `a|b` for names of equal rank (a choice).
fn schema_order(parent: &str) -> Option<&'static str> {
    Some(match parent {
        "document" => "background body",
        "body" => "p|tbl sectPr",
        "p" => "pPr r|bookmarkStart|bookmarkEnd",
        "r" => "rPr t|br|tab|fldChar|instrText",
        "pPr" => {
            "pStyle keepNext keepLines pageBreakBefore framePr widowControl numPr suppressLineNumbers pBdr shd \
                  tabs suppressAutoHyphens kinsoku wordWrap overflowPunct topLinePunct autoSpaceDE autoSpaceDN bidi \
                  adjustRightInd snapToGrid spacing ind contextualSpacing mirrorIndents suppressOverlap jc \
                  textDirection textAlignment textboxTightWrap outlineLvl divId cnfStyle rPr sectPr pPrChange"
        }
        "rPr" => {
            "ins del moveFrom moveTo rStyle rFonts b bCs i iCs caps smallCaps strike dstrike outline shadow \
                  emboss imprint noProof snapToGrid vanish webHidden color spacing w kern position sz szCs highlight \
                  u effect bdr shd fitText vertAlign rtl cs em lang eastAsianLayout specVanish oMath rPrChange"
        }
        "tbl" => "tblPr tblGrid tr",
        "tblPr" => {
            "tblStyle tblpPr tblOverlap bidiVisual tblStyleRowBandSize tblStyleColBandSize tblW jc \
                    tblCellSpacing tblInd tblBorders shd tblLayout tblCellMar tblLook tblCaption tblDescription \
                    tblPrChange"
        }
        "tblBorders" => "top start left bottom end right insideH insideV",
        "tblCellMar" => "top start left bottom end right",
        "tblGrid" => "gridCol tblGridChange",
        "tr" => "tblPrEx trPr tc",
        // CT_TrPrBase is a choice: any order, then the revision elements.
        "trPr" => {
            "cnfStyle|divId|gridBefore|gridAfter|wBefore|wAfter|cantSplit|trHeight|tblHeader|tblCellSpacing|jc|hidden \
                   ins del trPrChange"
        }
        "tc" => "tcPr p|tbl",
        "tcPr" => {
            "cnfStyle tcW gridSpan hMerge vMerge tcBorders shd noWrap tcMar textDirection tcFitText vAlign \
                   hideMark headers cellIns cellDel cellMerge tcPrChange"
        }
        "sectPr" => {
            "headerReference|footerReference footnotePr endnotePr type pgSz pgMar paperSrc pgBorders \
                     lnNumType pgNumType cols formProt vAlign noEndnote titlePg textDirection bidi rtlGutter docGrid \
                     printerSettings sectPrChange"
        }
        "hdr" | "ftr" => "p|tbl",
        "styles" => "docDefaults latentStyles style",
        "docDefaults" => "rPrDefault pPrDefault",
        "rPrDefault" => "rPr",
        "pPrDefault" => "pPr",
        "style" => {
            "name aliases basedOn next link autoRedefine hidden uiPriority semiHidden unhideWhenUsed qFormat \
                    locked personal personalCompose personalReply rsid pPr rPr tblPr trPr tcPr tblStylePr"
        }
        "fonts" => "font",
        "font" => {
            "altName panose1 charset family notTrueType pitch sig embedRegular embedBold embedItalic \
                   embedBoldItalic"
        }
        "settings" => {
            "writeProtection view zoom removePersonalInformation removeDateAndTime \
                       doNotDisplayPageBoundaries displayBackgroundShape printPostScriptOverText \
                       printFractionalCharacterWidth printFormsData embedTrueTypeFonts embedSystemFonts \
                       saveSubsetFonts saveFormsData mirrorMargins alignBordersAndEdges bordersDoNotSurroundHeader \
                       bordersDoNotSurroundFooter gutterAtTop hideSpellingErrors hideGrammaticalErrors \
                       activeWritingStyle proofState formsDesign attachedTemplate linkStyles stylePaneFormatFilter \
                       stylePaneSortMethod documentType mailMerge revisionView trackRevisions doNotTrackMoves \
                       doNotTrackFormatting documentProtection autoFormatOverride styleLockTheme styleLockQFSet \
                       defaultTabStop autoHyphenation consecutiveHyphenLimit hyphenationZone doNotHyphenateCaps \
                       showEnvelope summaryLength clickAndTypeStyle defaultTableStyle evenAndOddHeaders \
                       bookFoldRevPrinting bookFoldPrinting bookFoldPrintingSheets drawingGridHorizontalSpacing \
                       drawingGridVerticalSpacing displayHorizontalDrawingGridEvery displayVerticalDrawingGridEvery \
                       doNotUseMarginsForDrawingGridOrigin drawingGridHorizontalOrigin drawingGridVerticalOrigin \
                       doNotShadeFormData noPunctuationKerning characterSpacingControl printTwoOnOne \
                       strictFirstAndLastChars noLineBreaksAfter noLineBreaksBefore savePreviewPicture \
                       doNotValidateAgainstSchema saveInvalidXml ignoreMixedContent alwaysShowPlaceholderText \
                       doNotDemarcateInvalidXml saveXmlDataOnly useXSLTWhenSaving saveThroughXslt showXMLTags \
                       alwaysMergeEmptyNamespace updateFields hdrShapeDefaults footnotePr endnotePr compat docVars \
                       rsids mathPr attachedSchema themeFontLang clrSchemeMapping doNotIncludeSubdocsInStats \
                       doNotAutoCompressPictures forceUpgrade captions readModeInkLockDown smartTagType \
                       schemaLibrary shapeDefaults doNotEmbedSmartTags decimalSymbol listSeparator"
        }
        "compat" => {
            "useSingleBorderforContiguousCells wpJustification noTabHangInd noLeading spaceForUL \
                     noColumnBalance balanceSingleByteDoubleByteWidth noExtraLineSpacing doNotLeaveBackslashAlone \
                     ulTrailSpace doNotExpandShiftReturn spacingInWholePoints lineWrapLikeWord6 compatSetting"
        }
        _ => return None,
    })
}

/// Every element of the part whose children the schema orders has them in that order, and
/// no child the order does not know.
fn assert_schema_order(part: &str, xml: &str) {
    let tree = roxmltree::Document::parse(xml).unwrap_or_else(|e| panic!("{part}: {e}"));
    let mut checked = 0;
    for node in tree.descendants().filter(|n| n.is_element() && n.tag_name().namespace() == Some(W)) {
        let Some(order) = schema_order(node.tag_name().name()) else { continue };
        checked += 1;
        let rank = |name: &str| order.split_whitespace().position(|group| group.split('|').any(|n| n == name));
        let mut last = 0;
        for c in node.children().filter(Node::is_element) {
            let name = c.tag_name().name();
            let r = rank(name)
                .unwrap_or_else(|| panic!("{part}: <w:{name}> is not a child of <w:{}>", node.tag_name().name()));
            assert!(r >= last, "{part}: <w:{name}> comes too late in <w:{}>", node.tag_name().name());
            last = r;
        }
    }
    assert!(checked > 0 || !xml.contains(W), "{part}: nothing checked");
}

#[test]
fn every_part_writes_its_children_in_schema_order() {
    let draft = draft_sample();
    for doc in [sample(), draft] {
        for (name, xml) in package_files(&doc) {
            if name.ends_with(".xml") {
                assert_schema_order(&name, &xml);
            }
        }
    }
}

#[test]
fn the_order_check_catches_what_docx_rs_writes() {
    // docx-rs 0.4 writes rPr first in pPr and sz before rFonts: the check must fail on that.
    let bad = format!(r#"<w:p xmlns:w="{W}"><w:pPr><w:rPr/><w:jc w:val="both"/></w:pPr></w:p>"#);
    assert!(std::panic::catch_unwind(|| assert_schema_order("bad", &bad)).is_err());
    let bad = format!(r#"<w:rPr xmlns:w="{W}"><w:sz w:val="2"/><w:rFonts/></w:rPr>"#);
    assert!(std::panic::catch_unwind(|| assert_schema_order("bad", &bad)).is_err());
}

// ---- package ------------------------------------------------------------------------------

#[test]
fn the_package_declares_and_links_every_part() {
    let doc = draft_sample();
    let files = package_files(&doc);
    let types = roxmltree::Document::parse(&files["[Content_Types].xml"]).unwrap();
    for name in files.keys().filter(|n| n.ends_with(".xml") && !n.starts_with('[')) {
        assert!(
            types.descendants().any(|n| n.attribute("PartName") == Some(&format!("/{name}"))),
            "{name} has no content type"
        );
    }
    for (rels, base) in [("_rels/.rels", ""), ("word/_rels/document.xml.rels", "word/")] {
        let tree = roxmltree::Document::parse(&files[rels]).unwrap();
        for target in tree.descendants().filter_map(|n| n.attribute("Target")) {
            assert!(files.contains_key(&format!("{base}{target}")), "{rels} points to missing {target}");
        }
    }
    // Every relationship id the body uses exists.
    let rels = &files["word/_rels/document.xml.rels"];
    let document = roxmltree::Document::parse(&files["word/document.xml"]).unwrap();
    let r = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    for id in document.descendants().filter_map(|n| n.attribute((r, "id"))) {
        assert!(rels.contains(&format!("Id=\"{id}\"")), "{id} is not a relationship");
    }
    let mut archive = zip::ZipArchive::new(Cursor::new(write(&doc, fonts()).unwrap())).unwrap();
    assert_eq!(archive.by_index(0).unwrap().name().unwrap(), "[Content_Types].xml", "content types come first");
}

#[test]
fn two_renders_are_byte_identical_and_carry_no_clock() {
    let doc = sample();
    let a = write(&doc, fonts()).unwrap();
    let b = write(&doc, fonts()).unwrap();
    assert_eq!(a, b);
    let files = unzip(&a);
    let core = &files["docProps/core.xml"];
    assert!(core.contains(">2026-05-08T00:00:00Z</dcterms:created>"), "{core}");
    assert!(core.contains("<dc:title>山西省中小企业特色产业集群申报表</dc:title>"));
    assert!(core.contains("<dc:creator>清徐县工业和信息化局</dc:creator>"));
    for (name, xml) in &files {
        for random in ["rsid", "paraId", "textId", "docId", "w14:", "w15:"] {
            assert!(!xml.contains(random), "{name} carries {random}");
        }
    }
    let mut archive = zip::ZipArchive::new(Cursor::new(a)).unwrap();
    for i in 0..archive.len() {
        let file = archive.by_index(i).unwrap();
        let t = file.last_modified().unwrap();
        assert_eq!((t.year(), t.month(), t.day(), t.hour(), t.minute()), (2026, 5, 8, 0, 0), "{:?}", file.name());
    }
}

// ---- text and fonts -----------------------------------------------------------------------

/// Every paragraph of the model, in reading order (table cells row by row).
fn model_paragraphs(doc: &Document) -> Vec<&Paragraph> {
    let mut out = Vec::new();
    for section in &doc.sections {
        for block in &section.blocks {
            match block {
                Block::Paragraph(p) => out.push(p),
                Block::Table(t) => out.extend(t.rows.iter().flat_map(|r| &r.cells).flat_map(|c| &c.paragraphs)),
                Block::PageBreak => {}
            }
        }
    }
    out
}

#[test]
fn the_text_of_every_paragraph_is_in_the_document_in_order() {
    let doc = sample();
    let files = package_files(&doc);
    let tree = roxmltree::Document::parse(&files["word/document.xml"]).unwrap();
    // Blanks are padded with ideographic spaces; compare without them.
    let plain = |s: String| s.replace('\u{3000}', "");
    let expected: Vec<String> =
        model_paragraphs(&doc).into_iter().map(|p| plain(p.text())).filter(|t| !t.is_empty()).collect();
    let found: Vec<String> =
        descendants(tree.root(), "p").map(|p| plain(paragraph_text(p))).filter(|t| !t.is_empty()).collect();
    assert_eq!(found, expected);
    assert!(expected.iter().any(|t| t == "联系人及联系电话：王明 0351-5724000"));
}

#[test]
fn user_text_round_trips_unchanged() {
    let tricky = "a<b & c \"quoted\" 'single' ]]> <![CDATA[x]]> &amp; 𠀋 \u{3000}全角 tab\there";
    let doc = one_paragraph(vec![Inline::Text(Run { text: tricky.into(), style: Style::default() })]);
    let files = package_files(&doc);
    let tree = roxmltree::Document::parse(&files["word/document.xml"]).unwrap();
    let p = descendants(tree.root(), "p").next().unwrap();
    assert_eq!(paragraph_text(p), tricky);
    let mut meta = doc.clone();
    meta.meta.title = "<标题 & \"引号\">".into();
    let core = package_files(&meta)["docProps/core.xml"].clone();
    let tree = roxmltree::Document::parse(&core).unwrap();
    assert_eq!(tree.descendants().find(|n| n.has_tag_name("title")).and_then(|n| n.text()), Some("<标题 & \"引号\">"));
}

#[test]
fn every_run_names_its_fonts_by_role() {
    let files = package_files(&sample());
    let tree = roxmltree::Document::parse(&files["word/document.xml"]).unwrap();
    let official = ["宋体", "仿宋_GB2312", "黑体", "楷体_GB2312", "方正小标宋简体"];
    let mut boxes = 0;
    for r in descendants(tree.root(), "r") {
        let fonts = child(r, "rPr").and_then(|p| child(p, "rFonts")).expect("every run has rFonts");
        let text: String = children(r, "t").filter_map(|t| t.text()).collect();
        assert_eq!(attr(fonts, "hint"), Some("eastAsia"));
        if text == "☐" || text == "☑" {
            boxes += 1;
            for slot in ["ascii", "hAnsi", "eastAsia", "cs"] {
                assert_eq!(attr(fonts, slot), Some("Segoe UI Symbol"), "check box font");
            }
        } else {
            assert!(official.contains(&attr(fonts, "eastAsia").unwrap()), "{text}");
            assert_eq!(attr(fonts, "ascii"), Some("Times New Roman"), "{text}");
        }
        let size = child(r, "rPr").and_then(|p| val(p, "sz")).expect("every run has a size");
        assert!(size.parse::<u16>().unwrap() > 0);
    }
    let doc = sample();
    let checks =
        model_paragraphs(&doc).iter().flat_map(|p| &p.inlines).filter(|i| matches!(i, Inline::Check(_))).count();
    assert_eq!(boxes, checks);
    let by_role = |role: FontRole| {
        let doc = one_paragraph(vec![Inline::Text(Run {
            text: "字".into(),
            style: Style { font: role, ..Style::default() },
        })]);
        let f = package_files(&doc);
        let tree = roxmltree::Document::parse(&f["word/document.xml"]).unwrap();
        let r = descendants(tree.root(), "r").next().unwrap();
        attr(child(child(r, "rPr").unwrap(), "rFonts").unwrap(), "eastAsia").unwrap().to_owned()
    };
    assert_eq!(
        FontRole::ALL.map(by_role),
        ["宋体", "仿宋_GB2312", "黑体", "楷体_GB2312", "方正小标宋简体"].map(String::from)
    );
}

#[test]
fn the_font_table_declares_fallbacks() {
    let files = package_files(&sample());
    let tree = roxmltree::Document::parse(&files["word/fontTable.xml"]).unwrap();
    let alt = |name: &str| {
        descendants(tree.root(), "font")
            .find(|f| attr(*f, "name") == Some(name))
            .and_then(|f| val(f, "altName"))
            .map(str::to_owned)
    };
    assert_eq!(alt("仿宋_GB2312").as_deref(), Some("仿宋"));
    assert_eq!(alt("楷体_GB2312").as_deref(), Some("楷体"));
    assert_eq!(alt("方正小标宋简体").as_deref(), Some("华文中宋"));
    assert_eq!(alt("宋体").as_deref(), Some("SimSun"));
    assert_eq!(alt("黑体").as_deref(), Some("SimHei"));
    assert_eq!(alt("Segoe UI Symbol").as_deref(), Some("MS Gothic"));
}

// ---- paragraphs ---------------------------------------------------------------------------

fn one_paragraph(inlines: Vec<Inline>) -> Document {
    one_section(vec![Block::Paragraph(Paragraph { inlines, ..Paragraph::default() })])
}

fn one_section(blocks: Vec<Block>) -> Document {
    Document {
        meta: Meta {
            title: "t".into(),
            author: "a".into(),
            date: Some(Date { year: 2026, month: 5, day: 8 }),
            draft: false,
        },
        sections: vec![Section { orientation: Orientation::Portrait, page_numbers: true, odd_start: false, blocks }],
    }
}

fn body(doc: &Document) -> String {
    package_files(doc)["word/document.xml"].clone()
}

#[test]
fn paragraph_properties_follow_the_model() {
    let p = Paragraph {
        align: dossier::doc::Align::Justify,
        indent_chars: 2,
        hanging_chars: 0.0,
        space_before: 6.0,
        space_after: 3.5,
        spacing: LineSpacing::Exact(28.95),
        keep_with_next: true,
        heading: Some(2),
        style: Style { font: FontRole::FangSong, size: Size::SAN_HAO, bold: true, underline: true },
        inlines: vec![Inline::Text(Run { text: "正文".into(), style: Style { bold: true, ..Style::default() } })],
    };
    let xml = body(&one_section(vec![Block::Paragraph(p.clone())]));
    let tree = roxmltree::Document::parse(&xml).unwrap();
    let ppr = descendants(tree.root(), "pPr").next().unwrap();
    assert!(child(ppr, "keepNext").is_some());
    // No quarter em between Chinese and digits (Word's default): the PDF sets a hair's space.
    assert_eq!((val(ppr, "autoSpaceDE"), val(ppr, "autoSpaceDN")), (Some("0"), Some("0")));
    let spacing = child(ppr, "spacing").unwrap();
    assert_eq!(
        ["before", "after", "line", "lineRule"].map(|a| attr(spacing, a).unwrap()),
        ["120", "70", "579", "exact"]
    );
    let ind = child(ppr, "ind").unwrap();
    // Two characters of 三号 (16 pt): 200 hundredths of a character, 640 twips.
    assert_eq!((attr(ind, "firstLineChars"), attr(ind, "firstLine")), (Some("200"), Some("640")));
    assert_eq!(val(ppr, "jc"), Some("both"));
    assert_eq!(val(ppr, "outlineLvl"), Some("1"));
    let mark = child(ppr, "rPr").unwrap();
    assert_eq!(val(mark, "sz"), Some("32"));
    assert!(child(mark, "b").is_some() && child(mark, "u").is_some());
    let run = descendants(tree.root(), "r").next().unwrap();
    let rpr = child(run, "rPr").unwrap();
    assert!(child(rpr, "b").is_some() && child(rpr, "bCs").is_some() && child(rpr, "u").is_none());

    // Spacing from the font (single, a multiple of it) is written as the PDF's exact pitch, so
    // that Word and LibreOffice, whatever font they find, set the lines the PDF sets.
    let multiple = Paragraph { spacing: LineSpacing::Multiple(1.5), indent_chars: 0, heading: None, ..p };
    let pitch = Metrics::new(fonts()).line_pitch(&multiple, 400.0).unwrap();
    let xml = body(&one_section(vec![Block::Paragraph(multiple)]));
    assert!(xml.contains(&format!(r#"w:line="{}" w:lineRule="exact""#, (pitch * 20.0).round())), "{xml}");
    assert!(!xml.contains("<w:ind") && !xml.contains("outlineLvl"));
}

#[test]
fn checks_blanks_and_line_breaks() {
    let style = Style::default();
    let doc = one_paragraph(vec![
        Inline::Check(dossier::doc::Check { checked: true, label: "第二产业".into(), style }),
        Inline::LineBreak,
        Inline::Blank(dossier::doc::Blank { text: "1".into(), min_chars: 3, style }),
        Inline::Text(Run { text: "个".into(), style }),
    ]);
    let xml = body(&doc);
    let tree = roxmltree::Document::parse(&xml).unwrap();
    let p = descendants(tree.root(), "p").next().unwrap();
    // One half-width digit is half a character: two and a half more make three, rounded up.
    assert_eq!(paragraph_text(p), "☑第二产业\n\u{3000}1\u{3000}\u{3000}个");
    let underlined: Vec<String> = descendants(tree.root(), "r")
        .filter(|r| child(*r, "rPr").and_then(|p| child(p, "u")).is_some())
        .map(|r| children(r, "t").filter_map(|t| t.text()).collect())
        .collect();
    assert_eq!(underlined, ["\u{3000}1\u{3000}\u{3000}"]);
}

// ---- tables -------------------------------------------------------------------------------

fn model_tables(doc: &Document) -> Vec<(&Table, Orientation)> {
    doc.sections
        .iter()
        .flat_map(|s| {
            s.blocks.iter().filter_map(move |b| match b {
                Block::Table(t) => Some((t, s.orientation)),
                _ => None,
            })
        })
        .collect()
}

#[test]
fn tables_have_a_consistent_grid_and_the_model_spans() {
    let doc = sample();
    let xml = body(&doc);
    let tree = roxmltree::Document::parse(&xml).unwrap();
    let mut tables = descendants(tree.root(), "tbl").peekable();
    let model = model_tables(&doc);
    for (n, (table, orientation)) in model.iter().enumerate() {
        // The rows after the header's last user are a table of their own, right below, so that
        // Word repeats the header only above rows that use it.
        let mut parts: Vec<Node> = vec![tables.next().expect("a w:tbl per model table")];
        let count = |parts: &[Node]| parts.iter().map(|t| children(*t, "tr").count()).sum::<usize>();
        while count(&parts) < table.rows.len() {
            parts.push(tables.next().expect("the rest of the table"));
        }
        let uses = table.uses_header();
        assert_eq!(parts.len() == 2, table.header_rows > 0 && !uses[table.rows.len() - 1], "table {n}");
        let grid: Vec<u32> = descendants(parts[0], "gridCol").map(|g| attr(g, "w").unwrap().parse().unwrap()).collect();
        assert_eq!(grid.len(), table.widths.len(), "table {n}");
        let (text_width, text_height) =
            if *orientation == Orientation::Landscape { (12756, 8845) } else { (8845, 12756) };
        let metrics = Metrics::new(fonts());
        let heights = metrics.row_heights(table, text_width as f32 / 20.0, text_height as f32 / 20.0).unwrap();
        assert_eq!(grid.iter().sum::<u32>(), text_width, "table {n} spans the type area");
        for tbl in &parts {
            let tbl_pr = child(*tbl, "tblPr").unwrap();
            assert_eq!(
                val(tbl_pr, "tblLayout").or(child(tbl_pr, "tblLayout").and_then(|l| attr(l, "type"))),
                Some("fixed")
            );
        }
        // For each grid column, whether a merge from above is open there.
        let mut open = vec![false; grid.len()];
        let rows: Vec<Node> = parts.iter().flat_map(|t| children(*t, "tr")).collect();
        assert_eq!(rows.len(), table.rows.len());
        let (mut spans, mut restarts, mut continues) = (0, 0, 0);
        for (r, tr) in rows.iter().enumerate() {
            let mut col = 0;
            for tc in children(*tr, "tc") {
                let tc_pr = child(tc, "tcPr").expect("tcPr");
                let span: usize = val(tc_pr, "gridSpan").map_or(1, |s| s.parse().unwrap());
                assert!(col + span <= grid.len(), "table {n} row {r} overflows the grid");
                let width: u32 = attr(child(tc_pr, "tcW").unwrap(), "w").unwrap().parse().unwrap();
                assert_eq!(width, grid[col..col + span].iter().sum::<u32>(), "tcW matches the grid");
                assert!(child(tc, "p").is_some(), "table {n} row {r}: a cell without a paragraph");
                if span > 1 {
                    spans += 1;
                }
                match child(tc_pr, "vMerge").map(|m| attr(m, "val").unwrap_or("continue")) {
                    Some("restart") => {
                        restarts += 1;
                        open[col] = true;
                    }
                    Some(_) => {
                        continues += 1;
                        assert!(open[col], "table {n} row {r}: a continuation with no restart above");
                        assert!(paragraph_text(tc).is_empty());
                    }
                    None => open[col] = false,
                }
                col += span;
            }
            assert_eq!(col, grid.len(), "table {n} row {r}: cells do not fill the grid");
            let tr_pr = child(*tr, "trPr");
            let header = tr_pr.and_then(|p| child(p, "tblHeader")).is_some();
            assert_eq!(header, r < table.header_rows, "table {n} row {r}: header row");
            // Never shorter than the PDF's row (Word and LibreOffice add the border's half point
            // to it), and kept on one page as the PDF keeps it.
            let tr_pr = tr_pr.expect("trPr");
            assert!(child(tr_pr, "cantSplit").is_some(), "table {n} row {r}");
            let height = child(tr_pr, "trHeight").expect("trHeight");
            assert_eq!(attr(height, "hRule"), Some("atLeast"));
            let border = if table.borders { 10.0 } else { 0.0 };
            assert_eq!(
                attr(height, "val"),
                Some(&*format!("{}", (heights[r] * 20.0).round() - border)),
                "table {n} row {r}"
            );
            // The PDF's line pitch, exactly.
            let cell = &table.rows[r].cells[0];
            let pitch = metrics.line_pitch(&cell.paragraphs[0], 50.0).unwrap();
            if let Some(tc) =
                children(*tr, "tc").find(|tc| paragraph_text(*tc) == cell.text() && !cell.text().is_empty())
            {
                let spacing = descendants(tc, "spacing").next().unwrap();
                assert_eq!(attr(spacing, "lineRule"), Some("exact"), "table {n} row {r}");
                assert_eq!(attr(spacing, "line"), Some(&*format!("{}", (pitch * 20.0).round())), "table {n} row {r}");
            }
        }
        // Word joins two tables with nothing between them: a paragraph parts them.
        for tbl in &parts[..parts.len() - 1] {
            assert_eq!(tbl.next_sibling_element().map(|e| e.tag_name().name()), Some("p"), "table {n}");
        }
        let placed = table.place().unwrap();
        let expected_spans: usize = placed.iter().filter(|p| p.col_span > 1).map(|p| p.row_span).sum();
        assert_eq!(spans, expected_spans, "table {n}: gridSpan cells");
        assert_eq!(restarts, placed.iter().filter(|p| p.row_span > 1).count(), "table {n}: restarts");
        assert_eq!(continues, placed.iter().map(|p| p.row_span - 1).sum::<usize>(), "table {n}: continuations");
    }
    assert!(tables.next().is_none(), "no w:tbl beyond the model's tables");
}

#[test]
fn borders_and_vertical_alignment() {
    let cell = |valign| Cell { col_span: 1, row_span: 1, valign, paragraphs: vec![] };
    let table = |borders| Table {
        widths: vec![1, 2],
        header_rows: 0,
        fit_content: false,
        borders,
        rows: vec![Row { min_height: 0.0, cells: vec![cell(VAlign::Top), cell(VAlign::Bottom)] }],
    };
    let xml = body(&one_section(vec![Block::Table(table(true)), Block::Table(table(false))]));
    let tree = roxmltree::Document::parse(&xml).unwrap();
    let tables: Vec<Node> = descendants(tree.root(), "tbl").collect();
    let border = |t: Node| attr(descendants(t, "insideV").next().unwrap(), "val").unwrap().to_owned();
    assert_eq!((border(tables[0]), border(tables[1])), ("single".into(), "nil".into()));
    let valigns: Vec<&str> = descendants(tables[0], "vAlign").map(|v| attr(v, "val").unwrap()).collect();
    assert_eq!(valigns, ["top", "bottom"]);
    // A cell of the model without paragraphs still gets the paragraph Word requires.
    assert!(descendants(tables[0], "tc").all(|tc| child(tc, "p").is_some()));
    // The last block is a table: a hairline paragraph closes the body, not a full empty line.
    let body_node = descendants(tree.root(), "body").next().unwrap();
    let last_p = children(body_node, "p").last().unwrap();
    assert_eq!(attr(descendants(last_p, "spacing").next().unwrap(), "lineRule"), Some("exact"));
}

// ---- sections, page numbers, page breaks ------------------------------------------------

#[test]
fn sections_pages_and_numbering() {
    let doc = sample();
    let files = package_files(&doc);
    let tree = roxmltree::Document::parse(&files["word/document.xml"]).unwrap();
    let sects: Vec<Node> = descendants(tree.root(), "sectPr").collect();
    assert_eq!(sects.len(), doc.sections.len());
    let rels = &files["word/_rels/document.xml.rels"];
    let target = |id: &str| {
        let at = rels.find(&format!("Id=\"{id}\"")).unwrap();
        let rest = &rels[at..];
        let t = rest.find("Target=\"").unwrap() + 8;
        rest[t..t + rest[t..].find('"').unwrap()].to_owned()
    };
    let r = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    for (sect, section) in sects.iter().zip(&doc.sections) {
        let footers: BTreeMap<&str, String> = children(*sect, "footerReference")
            .map(|f| (attr(f, "type").unwrap(), target(f.attribute((r, "id")).unwrap())))
            .collect();
        assert_eq!(footers.len(), 2, "default and even footers on every section");
        for (kind, name) in &footers {
            let footer = &files[&format!("word/{name}")];
            assert_eq!(footer.contains("PAGE"), section.page_numbers, "{kind} footer {name}");
        }
        let size = child(*sect, "pgSz").unwrap();
        let margins = child(*sect, "pgMar").unwrap();
        let m = |a| attr(margins, a).unwrap().parse::<u32>().unwrap();
        match section.orientation {
            Orientation::Portrait => {
                assert_eq!(
                    (attr(size, "w"), attr(size, "h"), attr(size, "orient")),
                    (Some("11906"), Some("16838"), None)
                );
                assert_eq!((m("top"), m("left"), m("right"), m("bottom")), (2098, 1587, 1474, 1984));
            }
            Orientation::Landscape => {
                assert_eq!((attr(size, "w"), attr(size, "orient")), (Some("16838"), Some("landscape")));
                assert_eq!((m("top"), m("left"), m("right"), m("bottom")), (1587, 1984, 2098, 1474));
            }
        }
    }
    // Numbering starts at 1 on the first numbered section and runs on.
    let starts: Vec<Option<&str>> =
        sects.iter().map(|s| child(*s, "pgNumType").and_then(|p| attr(p, "start"))).collect();
    assert_eq!(starts, [None, Some("1"), None]);
    // The last section's properties close the body; the others sit in their last paragraph.
    assert!(sects.last().unwrap().parent().is_some_and(|p| is(&p, "body")));
    assert!(sects[0].parent().is_some_and(|p| is(&p, "pPr")));

    let settings = &files["word/settings.xml"];
    assert!(settings.contains("<w:evenAndOddHeaders/>") && settings.contains("<w:mirrorMargins/>"));
    let odd = &files["word/footer1.xml"];
    let even = &files["word/footer2.xml"];
    assert!(odd.contains(r#"<w:jc w:val="right"/>"#) && even.contains(r#"<w:jc w:val="left"/>"#));
    for footer in [odd, even] {
        let tree = roxmltree::Document::parse(footer).unwrap();
        let p = descendants(tree.root(), "p").next().unwrap();
        assert_eq!(paragraph_text(p), "— 1 —");
        let instr: String = descendants(tree.root(), "instrText").filter_map(|n| n.text()).collect();
        assert_eq!(instr.trim(), "PAGE");
        // 四号 宋体, the digits half-width 宋体 too.
        for r in descendants(tree.root(), "r") {
            let rpr = child(r, "rPr").unwrap();
            assert_eq!(val(rpr, "sz"), Some("28"));
            assert_eq!(attr(child(rpr, "rFonts").unwrap(), "ascii"), Some("宋体"));
        }
    }
    assert!(!files.contains_key("word/header1.xml"), "no header unless a draft");
}

#[test]
fn a_draft_says_so_on_every_page() {
    let doc = draft_sample();
    let files = package_files(&doc);
    let tree = roxmltree::Document::parse(&files["word/document.xml"]).unwrap();
    for sect in descendants(tree.root(), "sectPr") {
        let kinds: Vec<&str> = children(sect, "headerReference").map(|h| attr(h, "type").unwrap()).collect();
        assert_eq!(kinds, ["default", "even"]);
    }
    for name in ["word/header1.xml", "word/header2.xml"] {
        assert!(files[name].contains(">草稿</w:t>"), "{name}");
    }
}

fn text_block(text: &str) -> Block {
    Block::Paragraph(Paragraph {
        inlines: vec![Inline::Text(Run { text: text.into(), style: Style::default() })],
        ..Paragraph::default()
    })
}

fn one_cell_table() -> Block {
    let cell = Cell { col_span: 1, row_span: 1, valign: VAlign::Center, paragraphs: vec![] };
    Block::Table(Table {
        widths: vec![1],
        header_rows: 0,
        fit_content: false,
        borders: true,
        rows: vec![Row { min_height: 0.0, cells: vec![cell] }],
    })
}

/// The body's paragraphs: (text, page break before, page break inside, section properties).
fn body_paragraphs(doc: &Document) -> Vec<(String, bool, bool, bool)> {
    let xml = body(doc);
    let tree = roxmltree::Document::parse(&xml).unwrap();
    let body_node = descendants(tree.root(), "body").next().unwrap();
    children(body_node, "p")
        .map(|p| {
            let before = descendants(p, "pageBreakBefore").next().is_some();
            let br = descendants(p, "br").any(|b| attr(b, "type") == Some("page"));
            (paragraph_text(p), before, br, descendants(p, "sectPr").next().is_some())
        })
        .collect()
}

#[test]
fn page_breaks_add_no_empty_line() {
    let doc =
        one_section(vec![text_block("一"), Block::PageBreak, text_block("二"), Block::PageBreak, one_cell_table()]);
    assert_eq!(
        body_paragraphs(&doc),
        [
            ("一".into(), false, false, false),
            ("二".into(), true, false, false),
            (String::new(), false, true, false),
            // The table ends the document: a hairline instead of Word's own full empty line.
            (String::new(), false, false, false),
        ]
    );
}

#[test]
fn every_section_but_the_last_ends_in_a_paragraph_with_its_properties() {
    let mut doc = one_section(vec![text_block("一"), Block::PageBreak]);
    let section =
        |blocks| Section { orientation: Orientation::Portrait, page_numbers: false, odd_start: false, blocks };
    doc.sections.push(section(vec![one_cell_table()]));
    doc.sections.push(section(vec![]));
    doc.sections.push(section(vec![text_block("四")]));
    assert_eq!(
        body_paragraphs(&doc),
        [
            ("一".into(), false, false, false),
            // A section that ends in a page break keeps it: a blank page, as the model says.
            (String::new(), false, true, false),
            (String::new(), false, false, true),
            (String::new(), false, false, true),
            (String::new(), false, false, true),
            ("四".into(), false, false, false),
        ]
    );
}

// ---- errors -------------------------------------------------------------------------------

#[test]
fn documents_the_docx_cannot_carry_are_errors_in_chinese() {
    let empty = Document { meta: Meta::default(), sections: vec![] };
    assert!(matches!(write(&empty, fonts()), Err(DocxError::NoSections)));

    let zero =
        Table { widths: vec![0, 0], header_rows: 0, borders: true, fit_content: false, rows: vec![Row::default()] };
    let err = write(&one_section(vec![Block::Table(zero)]), fonts()).unwrap_err();
    assert_eq!(err.to_string(), "第 1 节第 1 个表格：表格第 1 行：第 1 列没有单元格");

    let cell = Cell { col_span: 1, row_span: 1, valign: VAlign::Center, paragraphs: vec![] };
    let zero = Table {
        widths: vec![0],
        header_rows: 0,
        fit_content: false,
        borders: true,
        rows: vec![Row { min_height: 0.0, cells: vec![cell] }],
    };
    let err = write(&one_section(vec![Block::Table(zero)]), fonts()).unwrap_err();
    assert_eq!(err.to_string(), "第 1 节第 1 个表格：表格各列宽度之和为 0");
}

// ---- LibreOffice --------------------------------------------------------------------------

/// LibreOffice opens anything, so this proves only that the package converts; the checks
/// above are what stand for Word. Skipped where LibreOffice is not installed.
#[test]
fn libreoffice_converts_the_sample_to_pdf() {
    let Some(soffice) = ["soffice", "libreoffice"]
        .into_iter()
        .find(|c| std::process::Command::new(c).arg("--version").output().is_ok_and(|o| o.status.success()))
    else {
        eprintln!("LibreOffice is not installed: conversion not checked");
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let draft = draft_sample();
    let docx = dir.path().join("sample.docx");
    std::fs::write(&docx, write(&draft, fonts()).unwrap()).unwrap();
    // A profile of its own: a LibreOffice already running elsewhere would take the job over.
    let profile = format!("-env:UserInstallation=file://{}/profile", dir.path().display());
    let status = std::process::Command::new(soffice)
        .args([profile.as_str(), "--headless", "--convert-to", "pdf", "--outdir"])
        .arg(dir.path())
        .arg(&docx)
        .output()
        .unwrap();
    assert!(status.status.success(), "{}", String::from_utf8_lossy(&status.stderr));
    let pdf = std::fs::read(dir.path().join("sample.pdf")).expect("LibreOffice wrote a PDF");
    assert!(pdf.starts_with(b"%PDF"));
    let pages = lopdf::Document::load_mem(&pdf).unwrap().get_pages().len();
    assert!(pages >= 10, "{pages} pages");
}

/// The Open XML SDK's rules (schema and Word's semantics) through openxml-audit, where
/// `OPENXML_AUDIT` names the command (`tools/docx-validate.sh` installs it and prints it).
#[test]
fn openxml_audit_finds_nothing_for_old_and_new_word() {
    let Some(audit) = std::env::var_os("OPENXML_AUDIT") else {
        eprintln!("OPENXML_AUDIT is not set: Open XML validation not run");
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    for (name, doc) in [("sample.docx", sample()), ("draft.docx", draft_sample())] {
        let path = dir.path().join(name);
        std::fs::write(&path, write(&doc, fonts()).unwrap()).unwrap();
        for version in ["office2007", "microsoft365"] {
            let out = std::process::Command::new(&audit)
                .args(["--policy", "strict", "-f", version, "--max-errors", "0"])
                .arg(&path)
                .output()
                .expect("OPENXML_AUDIT runs");
            let report = String::from_utf8_lossy(&out.stdout);
            assert!(out.status.success() && report.contains("Errors: 0"), "{name} for {version}:\n{report}");
        }
    }
}

/// Writes the sample (and its draft) to `DOSSIER_DOCX_OUT` for a visual check.
#[test]
fn sample_for_visual_checks() {
    let Some(dir) = std::env::var_os("DOSSIER_DOCX_OUT") else { return };
    let draft = draft_sample();
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(std::path::Path::new(&dir).join("sample.docx"), write(&sample(), fonts()).unwrap()).unwrap();
    std::fs::write(std::path::Path::new(&dir).join("sample-draft.docx"), write(&draft, fonts()).unwrap()).unwrap();
}

#[test]
fn tables_one_after_another_stay_two_tables() {
    // Word and LibreOffice join two w:tbl with nothing between them into one table.
    let xml = body(&one_section(vec![one_cell_table(), one_cell_table()]));
    let tree = roxmltree::Document::parse(&xml).unwrap();
    let tables: Vec<Node> = descendants(tree.root(), "tbl").collect();
    assert_eq!(tables.len(), 2);
    assert_eq!(tables[0].next_sibling_element().map(|e| e.tag_name().name()), Some("p"));
}

#[test]
fn space_between_paragraphs_is_written_on_one_side() {
    // LibreOffice sets the larger of an after and a before between two paragraphs, Word and the
    // PDF their sum: written all as the second one's space before, the three agree.
    let spaced = |before: f32, after: f32| {
        Block::Paragraph(Paragraph {
            space_before: before,
            space_after: after,
            inlines: vec![Inline::Text(Run { text: "段".into(), style: Style::default() })],
            ..Paragraph::default()
        })
    };
    let xml = body(&one_section(vec![spaced(3.0, 12.0), spaced(12.0, 6.0), one_cell_table()]));
    let tree = roxmltree::Document::parse(&xml).unwrap();
    let spacing: Vec<[&str; 2]> = children(descendants(tree.root(), "body").next().unwrap(), "p")
        .filter_map(|p| descendants(p, "spacing").next())
        .map(|s| [attr(s, "before").unwrap(), attr(s, "after").unwrap()])
        .collect();
    assert_eq!(spacing[..2], [["60", "0"], ["480", "120"]]);
}

#[test]
fn word_sets_every_character_its_own_width_as_the_pdf_does() {
    // The PDF neither squeezes punctuation, nor hangs it past the margin, nor adds space
    // between Chinese and digits: the DOCX tells Word to do none of these either.
    let text = "《办法》），（2026年";
    let p = Paragraph {
        inlines: vec![Inline::Text(Run { text: text.into(), style: Style::default() })],
        ..Paragraph::default()
    };
    let files = package_files(&one_section(vec![Block::Paragraph(p)]));
    let settings = roxmltree::Document::parse(&files["word/settings.xml"]).unwrap();
    assert_eq!(val(settings.root_element(), "characterSpacingControl"), Some("doNotCompress"));
    let styles = roxmltree::Document::parse(&files["word/styles.xml"]).unwrap();
    let defaults = descendants(styles.root(), "pPrDefault").next().unwrap();
    assert_eq!(val(child(defaults, "pPr").unwrap(), "overflowPunct"), Some("0"));
    let tree = roxmltree::Document::parse(&files["word/document.xml"]).unwrap();
    let ppr = descendants(tree.root(), "pPr").next().unwrap();
    assert_eq!([val(ppr, "autoSpaceDE"), val(ppr, "autoSpaceDN")], [Some("0"), Some("0")]);
    let runs: Vec<Node> = descendants(tree.root(), "r").collect();
    assert_eq!(runs.len(), 1);
    assert!(descendants(runs[0], "spacing").next().is_none());
}

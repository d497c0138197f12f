#!/usr/bin/env bash
# Redraws the README's pictures of the forms from a build of the example city:
#   docs/every-form.png              a page of each attachment 附件1–附件8, as dossier prints it;
#   docs/fj2-part{1,2}-docx-vs-pdf.png  附件2's parts 一 and 二, LibreOffice's render of the DOCX
#                                    (tools/docx-to-pdf.sh) beside dossier's PDF;
#   docs/volume-contents-and-scan.png  a volume's 目录 beside a scan placed on its page.
# Needs poppler-utils, imagemagick, LibreOffice (installed from Debian's packages if missing).
set -euo pipefail
cd "$(dirname "$0")/.."
need=()
command -v pdftoppm >/dev/null || need+=(poppler-utils)
command -v montage >/dev/null || need+=(imagemagick)
command -v soffice >/dev/null || need+=(libreoffice-writer)
command -v fc-match >/dev/null || need+=(fontconfig fonts-noto-cjk)
/usr/bin/python3 -c 'import uno' 2>/dev/null || need+=(python3-uno)
if ((${#need[@]})); then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cargo run --quiet -- build data/jinzhong --bundled-fonts --out "$work/out" >/dev/null
city=$work/out/晋中市 glass=$work/out/祁县玻璃器皿产业 yuci=$work/out/榆次区液压装备产业
label=(-font Noto-Sans-CJK-SC -pointsize 15)

# One page of a PDF as a grey image: page `2` of `1.pdf` → `out.png`, at $dpi.
dpi=40
page() { pdftoppm -r "$dpi" -gray -png -singlefile -f "$2" -l "$2" "$1" "${3%.png}"; }
# The page of `pdf` whose text holds `words`.
page_with() {
  local pdf=$1 words=$2 i
  for i in $(seq 1 "$(pdfinfo "$pdf" | awk '/^Pages:/ { print $2 }')"); do
    pdftotext -f "$i" -l "$i" "$pdf" - | tr -d ' \n' | grep -q "$words" && { echo "$i"; return; }
  done
  echo "no page of $pdf holds $words" >&2
  exit 1
}

fj5=$(ls "$yuci"/附件5*.pdf)
page "$(ls "$city"/附件1*.pdf)" 1 "$work/1.png"
page "$(ls "$glass"/附件2*.pdf)" 1 "$work/2.png"
page "$(ls "$glass"/附件3*.pdf)" 1 "$work/3.png"
page "$(ls "$city"/附件4*.pdf)" 1 "$work/4.png"
page "$fj5" "$(page_with "$fj5" 2022年基准值)" "$work/5.png"
page "$(ls "$yuci"/附件6*.pdf)" 1 "$work/6.png"
page "$glass/山西省中小企业特色产业集群申报材料.pdf" 1 "$work/7.png"
page "$glass/附件8 现场核查符合性说明.pdf" 1 "$work/8.png"
montage "${label[@]}" -background '#c8c8c8' -geometry +6+6 -tile 4x2 \
  -label '附件1 推荐汇总表' "$work/1.png" -label '附件2 省级申报表' "$work/2.png" \
  -label '附件3 国家申报表' "$work/3.png" -label '附件4 复核情况汇总表' "$work/4.png" \
  -label '附件5 省级复核表（近三年目标完成情况）' "$work/5.png" -label '附件6 国家复核表' "$work/6.png" \
  -label '附件7 佐证材料册封面' "$work/7.png" -label '附件8 现场核查符合性说明' "$work/8.png" \
  -colorspace Gray -depth 8 docs/every-form.png

fj2=$(ls "$glass"/附件2*.pdf)
tools/docx-to-pdf.sh "$work/lo" "${fj2%.pdf}.docx" >/dev/null
lo=$(ls "$work"/lo/*.pdf)
dpi=70
for part in 1 2; do
  heading=$([ "$part" = 1 ] && echo 一、基本情况 || echo 二、主导产业情况)
  page "$lo" "$(page_with "$lo" "$heading")" "$work/docx.png"
  page "$fj2" "$(page_with "$fj2" "$heading")" "$work/pdf.png"
  montage "${label[@]}" -background '#c8c8c8' -geometry +6+6 -tile 2x1 \
    -label 'DOCX（LibreOffice 打开）' "$work/docx.png" -label 'PDF（dossier 排版）' "$work/pdf.png" \
    -colorspace Gray -depth 8 "docs/fj2-part$part-docx-vs-pdf.png"
done
volume=$glass/山西省中小企业特色产业集群申报材料.pdf
page "$volume" "$(page_with "$volume" 目录)" "$work/contents.png"
page "$volume" "$(page_with "$volume" —39—)" "$work/scan.png"
montage "${label[@]}" -background '#c8c8c8' -geometry +6+6 -tile 2x1 \
  -label '佐证材料册：目录（仿宋，点线引导，页码为实际起始页）' "$work/contents.png" \
  -label '佐证材料册：扫描件缩放至 A4，页码“— N —”' "$work/scan.png" \
  -colorspace Gray -depth 8 docs/volume-contents-and-scan.png
echo "docs/every-form.png, docs/fj2-part{1,2}-docx-vs-pdf.png, docs/volume-contents-and-scan.png redrawn"

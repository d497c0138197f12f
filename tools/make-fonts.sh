#!/usr/bin/env bash
# Regenerates the subset fonts in fonts/ (a maintainer's tool; builds and tests never run it).
# Sources are Debian packages, all under SIL OFL 1.1 (DejaVu: Bitstream Vera licence):
#   apt-get install fonts-noto-cjk fonts-lxgw-wenkai fonts-dejavu-core fonts-liberation2 && pip install fonttools
# 朱雀仿宋 (Zhuque Fangsong, SIL OFL 1.1) is in no Debian package: ZHUQUE names its
# ZhuqueFangsong-Regular.ttf (built from TrionesType/zhuque, see fonts/README.md).
# GB2312 coverage keeps each role's font small; everything else the Noto SC face has (minus
# Hangul) goes into one fallback file, so rare characters in names still render.
# LXGW WenKai reserves its names ("LXGW", "霞鹜"): a modified (subset) copy must be renamed.
set -euo pipefail
cd "$(dirname "$0")/../fonts"
noto=/usr/share/fonts/opentype/noto
kai=/usr/share/fonts/truetype/lxgw-wenkai/LXGWWenKai-Regular.ttf
fangsong=${ZHUQUE:?set ZHUQUE to the path of ZhuqueFangsong-Regular.ttf}
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT

python3 - "$work" <<'PY'
import sys
from fontTools.ttLib import TTFont
work = sys.argv[1]
def codec(enc):
    out = set()
    for b1 in range(0x81, 0xff):
        for b2 in range(0x40, 0xff):
            try: out.add(bytes([b1, b2]).decode(enc))
            except UnicodeDecodeError: pass
    return out
base = codec('gb2312') | {chr(c) for c in range(0x20, 0x7f)} | {chr(c) for c in range(0xa0, 0x100)}
base |= {chr(c) for c in range(0xff01, 0xff5f)}
base |= set("①②③④⑤⑥⑦⑧⑨⑩㎡℃≥≤±×÷—…‘’“”·•●○■□◆◇★☆→←↑↓√％〈〉「」『』〔〕")
open(f'{work}/common.txt', 'w').write(''.join(sorted(base)))
cmap = TTFont('/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc', fontNumber=2).getBestCmap()
hangul = lambda c: 0x1100 <= c <= 0x11FF or 0x3130 <= c <= 0x318F or 0xA960 <= c <= 0xA97F or 0xAC00 <= c <= 0xD7FF
rare = [c for c in cmap if chr(c) not in base and not hangul(c)]
open(f'{work}/rare.txt', 'w').write(','.join('%X' % c for c in rare))
PY

sub() { pyftsubset "$@" --layout-features='*' --no-hinting; }
sub $noto/NotoSerifCJK-Regular.ttc --font-number=2 --text-file="$work/common.txt" --output-file=NotoSerifSC-Regular-GB2312.otf
sub $noto/NotoSerifCJK-Bold.ttc    --font-number=2 --text-file="$work/common.txt" --output-file=NotoSerifSC-Bold-GB2312.otf
sub $noto/NotoSansCJK-Regular.ttc  --font-number=2 --text-file="$work/common.txt" --output-file=NotoSansSC-Regular-GB2312.otf
sub $noto/NotoSerifCJK-Regular.ttc --font-number=2 --unicodes-file="$work/rare.txt" --output-file=NotoSerifSC-Regular-Rare.otf
# Zhuque's name is not reserved: its subset keeps it.
sub "$fangsong" --text-file="$work/common.txt" --output-file="$work/fangsong.ttf"
sub $kai --text-file="$work/common.txt" --output-file="$work/kai.ttf"
# Latin letters and digits: Liberation Serif has the metrics of Times New Roman, which Word
# uses for them. Copied whole: "Liberation" is a reserved name, a subset would need another.
cp /usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf /usr/share/fonts/truetype/liberation2/LiberationSerif-Bold.ttf .
sub /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf --text='☐☑☒✓✔✗' --output-file=DejaVuSans-Checkbox.ttf

# The official 仿宋_GB2312 and 楷体_GB2312 set every GB2312 character outside ASCII one em wide,
# and Word sets “ ” · × ° and the like in them (w:hint="eastAsia"). 朱雀仿宋 and WenKai draw
# those marks narrow: widen each punctuation mark and symbol of GB2312 to one em, opening
# quotes with their ink at the right, closing ones at the left (as in the official fonts, so
# that punctuation squeezing knows the blank half), the rest centred. Letters stay as drawn.
widen() {
  python3 - "$@" <<'PY'
import sys, unicodedata
from fontTools.ttLib import TTFont
source, target = sys.argv[1], sys.argv[2]
font = TTFont(source)
# The GB2312 area of code page 936, as Windows maps it (A1A4 is ·, A1AA is —).
gb2312 = set()
for b1 in range(0xA1, 0xF8):
    for b2 in range(0xA1, 0xFF):
        try: gb2312.add(bytes([b1, b2]).decode('gbk'))
        except UnicodeDecodeError: pass
em, glyf, hmtx = font['head'].unitsPerEm, font['glyf'], font['hmtx']
shifts = {}
for code, name in sorted(font.getBestCmap().items()):
    ch, advance = chr(code), hmtx[name][0]
    kind = unicodedata.category(ch)
    if ch in gb2312 and kind[0] in 'PS' and advance < 0.9 * em and name not in shifts:
        shifts[name] = {'Pi': em - advance, 'Ps': em - advance, 'Pf': 0, 'Pe': 0}.get(kind, (em - advance) // 2)
        hmtx[name] = (em, hmtx[name][1] + shifts[name])
# A composite glyph (“ made of two ‘) moves by its own shift less what its parts moved.
for name in font.getGlyphOrder():
    glyph, shift = glyf[name], shifts.get(name, 0)
    if glyph.isComposite():
        for component in glyph.components:
            component.x += shift - shifts.get(component.glyphName, 0)
    elif glyph.numberOfContours and shift:
        glyph.coordinates.translate((shift, 0))
for name in font.getGlyphOrder():
    glyf[name].recalcBounds(glyf)
font.save(target)
PY
}
widen "$work/fangsong.ttf" ZhuqueFangsong-Regular-GB2312.ttf
widen "$work/kai.ttf" "$work/kai-wide.ttf"

# LXGW WenKai reserves its names: the modified copy is renamed.
python3 - "$work/kai-wide.ttf" DossierKai-Regular.ttf <<'PY'
import sys
from fontTools.ttLib import TTFont
font = TTFont(sys.argv[1])
for rec in font['name'].names:
    if rec.nameID in (1, 3, 4, 6, 16):
        rec.string = {6: 'DossierKai-Regular', 3: 'DossierKai-Regular'}.get(rec.nameID, 'Dossier Kai')
font.save(sys.argv[2])
PY
ls -l

#!/usr/bin/env bash
# Regenerates the subset fonts in fonts/ (a maintainer's tool; builds and tests never run it).
# Sources are Debian packages, all under SIL OFL 1.1 (DejaVu: Bitstream Vera licence):
#   apt-get install fonts-noto-cjk fonts-lxgw-wenkai fonts-dejavu-core && pip install fonttools
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
sub "$fangsong" --text-file="$work/common.txt" --output-file=ZhuqueFangsong-Regular-GB2312.ttf
sub $kai --text-file="$work/common.txt" --output-file="$work/kai.ttf"
sub /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf --text='☐☑☒✓✔✗' --output-file=DejaVuSans-Checkbox.ttf

python3 - "$work/kai.ttf" DossierKai-Regular.ttf <<'PY'
import sys
from fontTools.ttLib import TTFont
font = TTFont(sys.argv[1])
for rec in font['name'].names:
    if rec.nameID in (1, 3, 4, 6, 16):
        rec.string = {6: 'DossierKai-Regular', 3: 'DossierKai-Regular'}.get(rec.nameID, 'Dossier Kai')
font.save(sys.argv[2])
PY
ls -l

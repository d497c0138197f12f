#!/usr/bin/env bash
# Regenerates folio.ttf, the font of the page numbers and the 草稿 draft mark (a maintainer's
# tool; builds and tests never run it). Needs fonttools (pip install fonttools).
# Source: fonts/NotoSerifSC-Regular-GB2312.otf (Noto Serif CJK SC, SIL OFL 1.1, see
# fonts/OFL-1.1.txt). Kept: the digits, space and the em dash of GB/T 9704 page numbers ("— 7 —")
# and 草稿. The CFF outlines are converted to TrueType (glyf) so the folio can be embedded as a
# simple TrueType font (FontFile2), which every PDF reader and RIP handles. Renamed because it is
# a modified version (OFL §3 spirit; Noto reserves no names, but a subset must not pass as it).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
src="$here/../../../fonts/NotoSerifSC-Regular-GB2312.otf"
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
pyftsubset "$src" --text='0123456789— 草稿' --no-hinting --layout-features='' \
  --name-IDs='*' --output-file="$work/sub.otf"
python3 - "$work/sub.otf" "$here/folio.ttf" <<'PY'
import sys
from fontTools.ttLib import TTFont, newTable
from fontTools.pens.cu2quPen import Cu2QuPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
font = TTFont(sys.argv[1], recalcTimestamp=False)
order = font.getGlyphOrder()
gs = font.getGlyphSet()
glyf = newTable('glyf'); glyf.glyphOrder = order; glyf.glyphs = {}
for name in order:
    pen = TTGlyphPen(gs)
    gs[name].draw(Cu2QuPen(pen, 1.0, reverse_direction=True))
    glyf[name] = pen.glyph()
font['glyf'] = glyf
font['loca'] = newTable('loca')
del font['CFF ']
if 'VORG' in font: del font['VORG']
maxp = font['maxp']; maxp.tableVersion = 0x00010000
for k in ('maxZones','maxTwilightPoints','maxStorage','maxFunctionDefs','maxInstructionDefs',
          'maxStackElements','maxSizeOfInstructions','maxComponentElements'):
    setattr(maxp, k, 0)
maxp.maxZones = 1
font['head'].glyphDataFormat = 0
font['head'].created = font['head'].modified = 0
font['post'].formatType = 3.0  # no glyph names: readers map through the (3,1) cmap
for tag in ('BASE', 'GPOS', 'GSUB', 'vhea', 'vmtx'):
    if tag in font: del font[tag]
for rec in font['name'].names:
    if rec.nameID in (1, 4, 16): rec.string = 'Dossier Folio'
    elif rec.nameID in (3, 6): rec.string = 'DossierFolio-Regular'
font.sfntVersion = '\x00\x01\x00\x00'
font.save(sys.argv[2])
PY
ls -l "$here/folio.ttf"

#!/usr/bin/env bash
# Converts DOCX files to PDF with LibreOffice, the official font names (仿宋_GB2312, 方正小标宋简体,
# 黑体, 楷体_GB2312, 宋体, Segoe UI Symbol) mapped to the installed open fonts by
# tools/docx-fonts.conf, so that a render on Linux looks like the document in Word.
#
#   tools/docx-to-pdf.sh [--png DPI] OUTDIR FILE.docx...
#
# Writes OUTDIR/NAME.pdf for each file; with --png also OUTDIR/NAME-N.png, one per page
# (pdftoppm). LibreOffice runs with a profile of its own, so it neither joins nor blocks a
# LibreOffice someone else is running. Needs: libreoffice, python3-uno, fontconfig, poppler-utils
# (--png).
# A LibreOffice conversion is no proof that Word opens the file: LibreOffice opens anything.
set -euo pipefail

usage() { echo "usage: $0 [--png DPI] OUTDIR FILE.docx..." >&2; exit 2; }
dpi=""
if [ "${1:-}" = "--png" ]; then
  [ $# -ge 2 ] || usage
  dpi=$2; shift 2
fi
[ $# -ge 2 ] || usage
out=$1; shift
mkdir -p "$out"

here=$(cd "$(dirname "$0")" && pwd)
export FONTCONFIG_FILE="$here/docx-fonts.conf"
profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT

# LibreOffice listens on a pipe of its own; tools/lo-convert.py loads each file, reads the
# paragraph settings LibreOffice gets wrong as Word reads them, and exports the PDF.
pipe=dossier-$$
soffice "-env:UserInstallation=file://$profile" --headless --invisible --norestore \
  "--accept=pipe,name=$pipe;urp;" >&2 &
office=$!
/usr/bin/python3 "$here/lo-convert.py" "$pipe" "$out" "$@" >&2 || { kill "$office" 2>/dev/null; exit 1; }
wait "$office" || true
for docx in "$@"; do
  name=$(basename "${docx%.*}")
  pdf="$out/$name.pdf"
  # soffice exits 0 even when a conversion fails: the PDF is the proof.
  if [ ! -s "$pdf" ]; then
    echo "LibreOffice did not convert $docx" >&2
    exit 1
  fi
  if [ -n "$dpi" ]; then
    pdftoppm -r "$dpi" -png "$pdf" "$out/$name"
  fi
  echo "$pdf"
done

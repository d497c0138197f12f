#!/usr/bin/env bash
# Converts DOCX files to PDF with LibreOffice, the official font names (仿宋_GB2312, 方正小标宋简体,
# 黑体, 楷体_GB2312, 宋体, Segoe UI Symbol) mapped to the installed open fonts by
# tools/docx-fonts.conf, so that a render on Linux looks like the document in Word.
#
#   tools/docx-to-pdf.sh [--png DPI] OUTDIR FILE.docx...
#
# Writes OUTDIR/NAME.pdf for each file; with --png also OUTDIR/NAME-N.png, one per page
# (pdftoppm). LibreOffice runs with a profile of its own, so it neither joins nor blocks a
# LibreOffice someone else is running. Needs: libreoffice, fontconfig, poppler-utils (--png).
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

# Keep the blank pages Word inserts for odd-page section breaks (a cover's back), as a
# printer would print them.
keep_blank='pdf:writer_pdf_Export:{"IsSkipEmptyPages":{"type":"boolean","value":"false"}}'
soffice "-env:UserInstallation=file://$profile" --headless --convert-to "$keep_blank" --outdir "$out" "$@" >&2
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

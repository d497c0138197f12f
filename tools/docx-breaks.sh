#!/usr/bin/env bash
# Whether LibreOffice breaks our DOCX where our PDF breaks: converts every DOCX under each
# OUTDIR (a `dossier build` output) with tools/docx-to-pdf.sh and compares it page by page with
# the PDF dossier wrote beside it: the same page count, and on each page the same text
# (`pdftotext -layout`, blanks and the folio left out, compared as the characters it holds, so
# that a line wrapped elsewhere within a page is no difference). Prints ok/FAIL per document, with
# the first and last words of a page that differs; exits 1 on a FAIL.
#
#   tools/docx-breaks.sh OUTDIR...
#
# Needs LibreOffice, python3-uno, poppler-utils and the fonts of tools/docx-fonts.conf
# (tools/check-outside.sh installs them).
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
status=0
# The text of page $2 of $1, blanks and the folio ("— 7 —") removed.
page_text() { pdftotext -layout -f "$2" -l "$2" "$1" - 2>/dev/null | tr -d ' \n\t\f' | sed 's/—[0-9]*—$//'; }
# Its characters sorted: what the page holds, however its lines wrap.
holds() { grep -o . <<<"$1" | LC_ALL=C sort | tr -d '\n'; }
pages() { pdfinfo "$1" 2>/dev/null | awk '/^Pages:/ {print $2}'; }
for root in "$@"; do
  lo=$(mktemp -d)
  for dir in "$root"/*/; do
    files=("$dir"*.docx)
    [ -e "${files[0]}" ] || continue
    "$here/docx-to-pdf.sh" "$lo/$(basename "$dir")" "${files[@]}" >/dev/null 2>&1
  done
  while IFS= read -r -d '' docx; do
    folder=$(basename "$(dirname "$docx")") name=$(basename "$docx" .docx)
    ours=${docx%.docx}.pdf theirs=$lo/$folder/$name.pdf
    a=$(pages "$ours") b=$(pages "$theirs")
    diff=""
    [ "$a" = "$b" ] || diff="dossier ${a:-?} pages, LibreOffice ${b:-none}; "
    for i in $(seq 1 $((a < ${b:-0} ? a : ${b:-0}))); do
      x=$(page_text "$ours" "$i") y=$(page_text "$theirs" "$i")
      if [ "$(holds "$x")" != "$(holds "$y")" ]; then
        diff+="page $i: dossier ${x:0:12}…${x: -12}, LibreOffice ${y:0:12}…${y: -12}; "
      fi
    done
    if [ -z "$diff" ]; then
      echo "ok    breaks        $folder/$name: $a pages"
    else
      status=1
      echo "FAIL  breaks        $folder/$name: $diff"
    fi
  done < <(find "$root" -name '*.docx' -not -path '*/光盘/*' -print0 | sort -z)
  rm -rf "$lo"
done
exit $status

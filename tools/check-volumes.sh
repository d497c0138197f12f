#!/usr/bin/env bash
# Checks volumes built by the volume tests with outside tools: qpdf --check (structure, xref,
# streams) and poppler (pdfinfo, pdftoppm renders every page). Cargo tests never need these.
#   tools/check-volumes.sh [OUT_DIR]     (renders land in OUT_DIR/<test>/png/, default out/volumes)
set -euo pipefail
cd "$(dirname "$0")/.."
out=$(realpath -m "${1:-out/volumes}")

need=()
command -v qpdf >/dev/null || need+=(qpdf)
command -v pdftoppm >/dev/null || need+=(poppler-utils)
if ((${#need[@]})); then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}"
fi

rm -rf "$out" && mkdir -p "$out"
DOSSIER_VOLUME_OUT="$out" cargo test --quiet --test volume

status=0
while IFS= read -r -d '' pdf; do
  case "$pdf" in */png/*) continue ;; esac
  # Each test writes its volume as volume.pdf; evidence fixtures lie beside it.
  [ "$(basename "$pdf")" = volume.pdf ] || continue
  if report=$(qpdf --check "$pdf" 2>&1); then
    echo "ok    qpdf --check $pdf"
  else
    status=1; echo "FAIL  qpdf --check $pdf"; echo "$report" | tail -5
  fi
  # qpdf exits 3 for warnings: treat as failures too.
  if echo "$report" | grep -qi "warning"; then status=1; echo "$report" | grep -i warning | head -5; fi
  pages=$(pdfinfo "$pdf" 2>/dev/null | awk '/^Pages:/ {print $2}')
  dir="$(dirname "$pdf")/png"; mkdir -p "$dir"
  if pdftoppm -r 50 -png "$pdf" "$dir/$(basename "$pdf" .pdf)" 2>"$dir/errors.txt" && [ ! -s "$dir/errors.txt" ]; then
    echo "ok    pdftoppm rendered $pages pages of $pdf"
  elif [[ "$pdf" == */damaged/* ]]; then
    # Bytes overwritten inside content streams and JPEG data pass through as they are: the
    # renderer complains about the evidence, the structure is what qpdf checked above.
    echo "ok    pdftoppm rendered $pages pages of $pdf ($(wc -l <"$dir/errors.txt") complaints about deliberately damaged content)"
  else
    status=1; echo "FAIL  pdftoppm on $pdf"; head -5 "$dir/errors.txt"
  fi
done < <(find "$out" -name '*.pdf' -print0 | sort -z)
exit $status

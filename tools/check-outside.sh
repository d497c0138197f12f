#!/usr/bin/env bash
# The checks that need outside tools, run on the bundled example: every PDF passes
# `qpdf --check` and has every font embedded as a subset (pdffonts); every DOCX converts with
# LibreOffice to the pages of dossier's own PDF of it, each holding the same text
# (tools/docx-breaks.sh, also on tests/stress), and passes the Open XML SDK rules Word applies
# (openxml-audit); the volume tests' PDFs pass tools/check-volumes.sh; a workbook of
# lists saved by LibreOffice as .xls and .ods reads as the .xlsx does; the workbench in headless
# chromium (tests/browser.rs), its screenshots saved in target/outside/workbench
# (`DOSSIER_SCREENSHOTS=docs cargo test --test browser -- --ignored` redraws the README's).
# Installs what it needs (Debian packages, one PyPI package); `cargo test` needs none of it.
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
command -v qpdf >/dev/null || need+=(qpdf)
command -v pdffonts >/dev/null || need+=(poppler-utils)
command -v soffice >/dev/null || need+=(libreoffice-writer-nogui)
/usr/bin/python3 -c 'import uno' 2>/dev/null || need+=(python3-uno)
command -v chromium >/dev/null || need+=(chromium)
[ -e /usr/lib/libreoffice/program/libsclo.so ] || need+=(libreoffice-calc-nogui)
fc-list | grep -q "Noto Serif CJK" || need+=(fonts-noto-cjk)
if ((${#need[@]})); then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi

out=target/outside
rm -rf "$out" && mkdir -p "$out"
cargo run --quiet -- build data/jinzhong --out "$out/build" --bundled-fonts

status=0
fail() { status=1; echo "FAIL  $*"; }

while IFS= read -r -d '' pdf; do
  if report=$(qpdf --check "$pdf" 2>&1) && ! grep -qi warning <<<"$report"; then
    echo "ok    qpdf --check  $pdf"
  else
    fail "qpdf --check $pdf"; tail -5 <<<"$report"
  fi
  # pdffonts: columns emb and sub must read "yes" for every font.
  if pdffonts "$pdf" | awk 'NR > 2 && ($(NF-4) != "yes" || $(NF-3) != "yes") { bad = 1 } END { exit bad }'; then
    echo "ok    pdffonts      $pdf"
  else
    fail "a font is not embedded as a subset in $pdf"; pdffonts "$pdf"
  fi
done < <(find "$out/build" -name '*.pdf' -not -path '*/光盘/*' -print0)

mapfile -d '' docx < <(find "$out/build" -name '*.docx' -not -path '*/光盘/*' -print0)
tools/docx-validate.sh "${docx[@]}" || fail "a DOCX breaks the Open XML rules Word applies"

# LibreOffice breaks every DOCX's pages where dossier's PDF breaks them, for the example and for
# the stress example (long names, long 备注, many rows).
cargo run --quiet -- build tests/stress --out "$out/stress" --bundled-fonts
tools/docx-breaks.sh "$out/build" "$out/stress" || fail "LibreOffice breaks a DOCX's pages elsewhere than dossier's PDF"

# A disk that fills up and one that may not be written (tests/files.rs): each needs a mount.
full=$(mktemp -d) && readonly_dir=$(mktemp -d)
if mount -t tmpfs -o size=2m tmpfs "$full" 2>/dev/null && mount -t tmpfs -o ro tmpfs "$readonly_dir" 2>/dev/null; then
  if DOSSIER_FULL_DISK="$full" DOSSIER_READ_ONLY_DIR="$readonly_dir" \
    cargo test --quiet --test files a_full_or_read_only_disk; then
    echo "ok    a full disk and a read-only one exit 2 with the reason in Chinese"
  else
    fail "a full or read-only disk"
  fi
else
  echo "skip  full and read-only disks: cannot mount a tmpfs here (needs root)"
fi
umount "$full" "$readonly_dir" 2>/dev/null || true
rmdir "$full" "$readonly_dir"
tools/check-volumes.sh "$out/volumes" || fail "volume checks"
cargo test --quiet --test sheets -- --ignored || fail "workbooks saved by LibreOffice as .xls and .ods"
DOSSIER_SCREENSHOTS="$out/workbench" cargo test --quiet --test browser -- --ignored ||
  fail "the workbench in headless chromium"

exit $status

#!/usr/bin/env bash
# The release for Windows users: dist/dossier-<version>-windows-x64.zip holding dossier.exe
# (one file: fonts compiled in, C runtime linked in), the example city to try it on, 使用说明.txt
# for the office clerk, and the licences of the bundled fonts.
#
#   tools/package-windows.sh                 builds dossier.exe (mingw-w64, profile `dist`)
#   tools/package-windows.sh path/to/exe     packages an exe already built and tested
#                                            (tools/check-windows.sh passes its own)
#
# The zip is reproducible: entries sorted, dated by the last commit, names in UTF-8 (flagged as
# such, which Windows 10's Explorer, 7-Zip, Bandizip and WinRAR read).
set -euo pipefail
cd "$(dirname "$0")/.."

target=x86_64-pc-windows-gnu
exe=${1:-}
if [ -z "$exe" ]; then
  need=()
  command -v x86_64-w64-mingw32-gcc >/dev/null || need+=(gcc-mingw-w64-x86-64)
  command -v python3 >/dev/null || need+=(python3)
  if ((${#need[@]})); then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
  fi
  rustup target add "$target" >/dev/null 2>&1 || true
  cargo build --quiet --profile dist --target "$target"
  exe=${CARGO_TARGET_DIR:-target}/$target/dist/dossier.exe
fi

version=$(sed -n 's/^version = "\(.*\)"$/\1/p' Cargo.toml | head -1)
name=dossier-$version-windows-x64
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
root=$stage/$name
mkdir -p "$root/字体许可"
cp "$exe" "$root/dossier.exe"
# UTF-8 with a byte-order mark and CRLF line ends: Notepad and WPS on every Windows read it.
{ printf '\xef\xbb\xbf'; sed 's/$/\r/' docs/使用说明.txt; } >"$root/使用说明.txt"
cp -r data/jinzhong "$root/示例-晋中市"
cp fonts/README.md fonts/OFL-1.1.txt fonts/ZhuqueFangsong-OFL.txt fonts/LICENSE-DejaVu.txt "$root/字体许可/"

mkdir -p dist
epoch=$(git log -1 --format=%ct 2>/dev/null || date +%s)
python3 - "$stage" "$name" "dist/$name.zip" "$epoch" <<'PY'
import os, sys, time, zipfile
stage, name, zip_path, epoch = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
date = time.gmtime(max(epoch, 315532800))[:6]  # zip dates start in 1980
paths = []
for folder, dirs, files in os.walk(os.path.join(stage, name)):
    paths += [os.path.join(folder, f) for f in files]
partial = zip_path + ".part"
with zipfile.ZipFile(partial, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
    for path in sorted(paths):
        entry = zipfile.ZipInfo(os.path.relpath(path, stage), date)
        entry.compress_type = zipfile.ZIP_DEFLATED
        entry.external_attr = (0o755 if path.endswith(".exe") else 0o644) << 16
        with open(path, "rb") as f:
            archive.writestr(entry, f.read())
os.replace(partial, zip_path)
PY
echo "dist/$name.zip: $(du -m "dist/$name.zip" | cut -f1) MB ($(stat -c %s "dist/$name.zip") bytes)"

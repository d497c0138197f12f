#!/usr/bin/env bash
# dossier.exe, tested rather than assumed. Cross-compiles the Windows build with Debian's
# mingw-w64 and runs it under Debian's Wine:
#   - dossier.exe imports only DLLs every Windows 10 has;
#   - the unit tests and tests/paths.rs, built for Windows (the Windows-only ones included);
#   - the README's example build, byte-identical to the Linux build with --bundled-fonts;
#   - `check`, reporting as on Linux (text and JSON, on the example and two broken clusters),
#     piped output in UTF-8, a console in code page 936 showing Chinese;
#   - the release zip (tools/package-windows.sh) unpacked under a Chinese path far past 260
#     characters: the example folder dropped on dossier.exe builds inside itself, byte-identical;
#     dropped with a console window of its own, the summary stays until a key; a double click
#     explains what to do and waits; it offers the workbench on the example, which answers;
#   - a city listing a cluster on another drive, and two cluster folders there dropped at once;
#   - the official fonts found in the Wine prefix's Fonts folders (open fonts renamed, from
#     tests/fonts) and used in the PDFs.
# Installs what it needs (Debian packages, the rustup target). Run by .ci/run.
set -euo pipefail
cd "$(dirname "$0")/.."
# Wine reads file names and writes to a terminal in the locale's encoding.
export LC_ALL=C.UTF-8
repo=$PWD
started=$SECONDS
target=x86_64-pc-windows-gnu
targets=$(realpath -m "${CARGO_TARGET_DIR:-target}")

need=()
command -v x86_64-w64-mingw32-gcc >/dev/null || need+=(gcc-mingw-w64-x86-64)
[ -x /usr/lib/wine/wine64 ] || need+=(wine wine64)
command -v pdffonts >/dev/null || need+=(poppler-utils)
command -v python3 >/dev/null || need+=(python3)
command -v script >/dev/null || need+=(util-linux)
command -v curl >/dev/null || need+=(curl)
if ((${#need[@]})); then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
rustup target add "$target" >/dev/null 2>&1 || true

status=0
ok() { echo "ok    $*"; }
fail() { status=1; echo "FAIL  $*"; }

# The exe and the Windows test executables share one profile, so the dependencies compile once.
# `dist` is the release profile without symbols: what the zip ships is what is tested.
echo "building dossier.exe and the Windows tests (profile dist) ..."
build_started=$SECONDS
cargo build --quiet --profile dist --target "$target"
mapfile -t tests < <(cargo test --quiet --profile dist --target "$target" --lib --bins --test paths --no-run \
  --message-format=json | python3 -c '
import json, sys
for line in sys.stdin:
    m = json.loads(line)
    if m.get("reason") == "compiler-artifact" and m.get("profile", {}).get("test") and m.get("executable"):
        print(m["executable"])')
# The library's, the binary's and tests/paths.rs's.
((${#tests[@]} == 3)) || { echo "FAIL  the Windows tests did not build (${#tests[@]} of 3)"; exit 1; }
exe=$targets/$target/dist/dossier.exe
cargo build --quiet
linux=$targets/debug/dossier
echo "built in $((SECONDS - build_started)) s: $exe ($(($(stat -c %s "$exe") / 1048576)) MB)"
# One file to ship: it may import only what every Windows 10 has (advapi32: zip 9 sets a
# security descriptor on what it unpacks).
dlls=$(x86_64-w64-mingw32-objdump -p "$exe" | awk '/DLL Name:/ { print tolower($3) }' | sort -u)
if others=$(grep -vxE 'kernel32\.dll|ntdll\.dll|msvcrt\.dll|advapi32\.dll|userenv\.dll|ws2_32\.dll|bcryptprimitives\.dll|api-ms-win-core-[a-z0-9-]+\.dll' <<<"$dlls"); then
  fail "dossier.exe needs DLLs Windows does not have: $others"
else
  ok "dossier.exe imports only Windows' own DLLs: $(tr '\n' ' ' <<<"$dlls")"
fi

work=$targets/windows-check
rm -rf "$work" && mkdir -p "$work"
x86_64-w64-mingw32-gcc -shared -O2 -s -o "$work/bcryptprimitives.dll" tools/wine/bcryptprimitives.c -ladvapi32

# A fresh 64-bit prefix; no Mono or Gecko (their installers would want the network).
export WINEPREFIX=$work/prefix WINEARCH=win64 WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml="
wine=/usr/lib/wine/wine64
"$wine" wineboot -i >/dev/null 2>&1
# Rust's std takes its random numbers from bcryptprimitives.dll (Windows 10 and later have it),
# which Wine 8 lacks: tools/wine/bcryptprimitives.c stands in for it, in this prefix only.
cp "$work/bcryptprimitives.dll" "$WINEPREFIX/drive_c/windows/system32/"
win() { local path; path=$(realpath -m "$1"); printf 'Z:%s' "${path//\//\\}"; }

# ---- the unit tests and tests/paths.rs, under Wine ----
for test in "${tests[@]}"; do
  name=$(basename "$test" .exe)
  if "$wine" "$test" >"$work/$name.log" 2>&1; then
    ok "under Wine: $(grep -h '^test result' "$work/$name.log") ($name)"
  else
    fail "tests under Wine: $name"; grep -E 'FAILED|panicked' "$work/$name.log" | head -20
  fi
done

# ---- the README's example build ----
"$linux" build data/jinzhong --bundled-fonts --out "$work/linux" >"$work/linux-build.txt"
if "$wine" "$exe" build data/jinzhong --bundled-fonts --out "$(win "$work/wine")" >"$work/wine-build.txt" 2>&1 &&
  diff -r -x .cache "$work/linux" "$work/wine" >"$work/diff.txt"; then
  ok "the example city builds under Wine, every output byte-identical to Linux ($(find "$work/wine" -path '*/.cache' -prune -o -type f -print | wc -l) files)"
else
  fail "the example city under Wine"; head -20 "$work/wine-build.txt" "$work/diff.txt"
fi

# ---- check: the example, and a cluster with errors, in folders with spaces and brackets ----
cd "$work"
cp -r "$repo/data/jinzhong" "晋中市 示例（副本）"
# One cluster whose YAML does not load (a misspelt key), one that breaks rules: a file listed
# with backslashes that is missing, and a scan whose name a zip tool garbled.
misspelt="键写错的集群 （副本）"
broken="有错误的集群【副本】"
cp -r "$repo/data/jinzhong/qixian-glass" "$misspelt"
sed -i '0,/^name:/s//nmae:/' "$misspelt/cluster.yaml"
cp -r "$repo/data/jinzhong/qixian-glass" "$broken"
cp "$broken/evidence/05-产业链强链补链/01-祁县玻璃器皿产业链图谱.png" "$broken/evidence/05-产业链强链补链/╓╨╬─.png"
printf 'evidence:\n  files:\n    chain:\n      - evidence\\05-产业链强链补链\\缺少的图谱.pdf\n' >>"$broken/cluster.yaml"
# Windows' separators as Linux's (JSON doubles them).
as_linux() { sed 's#\\\\#/#g; s#\\#/#g'; }
for folder in "晋中市 示例（副本）" "$misspelt" "$broken"; do
  for format in text json; do
    linux_code=0 wine_code=0
    "$linux" check "$folder" --format "$format" >linux.out 2>&1 || linux_code=$?
    "$wine" "$exe" check "$folder" --format "$format" >wine.out 2>&1 || wine_code=$?
    if [ "$linux_code" = "$wine_code" ] && iconv -f UTF-8 -t UTF-8 wine.out >/dev/null &&
      cmp -s <(as_linux <linux.out) <(as_linux <wine.out); then
      ok "check $folder --format $format: exit $wine_code, the same $(wc -l <wine.out) lines as on Linux, piped in UTF-8"
    else
      fail "check $folder --format $format: exit $linux_code on Linux, $wine_code under Wine"
      diff <(as_linux <linux.out) <(as_linux <wine.out) | head -20
    fi
  done
done
grep -q '原名应为“中文.png”' wine.out || fail "check does not name the garbled file as meant"

# A console in code page 936 (Chinese Windows') shows the messages in Chinese.
SHELL=/bin/bash timeout 60 script -qec "$wine cmd /c \"chcp 936 & $(win "$exe") check $(win "$repo/data/jinzhong")\"" \
  /dev/null >console.txt 2>&1 </dev/null || true
if grep -q 'Active code page: 936' console.txt && grep -q '检查完毕：没有发现问题。' console.txt; then
  ok "a console in code page 936 shows the messages in Chinese"
else
  fail "a console in code page 936"; cat -v console.txt | head
fi
cd "$repo"

# ---- the release zip, unpacked under a long Chinese path, the example dropped on the exe ----
tools/package-windows.sh "$exe" | tee "$work/package.txt"
zip=$(ls dist/dossier-*-windows-x64.zip)
# Deep enough that the outputs pass 260 characters wherever the clone is.
desktop="$work/用户/张三/桌面"
while ((${#desktop} < 220)); do
  desktop="$desktop/2026年度中小企业特色产业集群申报（晋中市工业和信息化局汇总，第二次修改稿） 请勿外传"
done
mkdir -p "$desktop"
python3 -c 'import sys, zipfile; zipfile.ZipFile(sys.argv[1]).extractall(sys.argv[2])' "$zip" "$desktop"
unpacked=$(ls -d "$desktop"/dossier-*)
example="$unpacked/示例-晋中市"
if "$wine" "$unpacked/dossier.exe" "$(win "$example")" >"$work/dropped.txt" 2>&1 </dev/null &&
  diff -r -x .cache "$work/linux" "$example/out" >"$work/diff.txt"; then
  # As Windows counts it: Z: and the path, in UTF-16 units (one per Chinese character).
  longest=$(find "$example/out" -type f -print0 | python3 -c '
import sys; print(max(len("Z:" + p) for p in sys.stdin.buffer.read().decode().split("\0") if p))')
  ok "the example dropped on the unpacked exe builds in its out folder, byte-identical (paths up to $longest characters)"
  [ "$longest" -gt 260 ] || fail "the dropped example's paths should pass 260 characters ($longest)"
else
  fail "the example dropped on the exe"; head -20 "$work/dropped.txt" "$work/diff.txt"
fi
grep -q "材料已全部生成" "$work/dropped.txt" || fail "the dropped build ends without its summary"

# Dropped from Explorer, with a console window of its own: the summary stays until a key.
rm -rf "$example/out"
waited=$SECONDS
(sleep 8; printf x) | SHELL=/bin/bash timeout 60 script -qec "$wine $(printf %q "$unpacked/dossier.exe") $(printf %q "$(win "$example")")" \
  /dev/null >"$work/window.txt" 2>&1 || true
if grep -q "材料已全部生成" "$work/window.txt" && grep -q "按任意键关闭窗口" "$work/window.txt" && ((SECONDS - waited >= 8)); then
  ok "dropped from Explorer: the summary stays until a key is pressed"
else
  fail "dropped from Explorer"; cat -v "$work/window.txt" | tail -5
fi
# A double click: no argument, a window of its own.
waited=$SECONDS
(sleep 3; printf x) | SHELL=/bin/bash timeout 60 script -qec "$wine $(printf %q "$unpacked/dossier.exe")" /dev/null \
  >"$work/double-click.txt" 2>&1 || true
if grep -q "拖到 dossier.exe 的图标上" "$work/double-click.txt" && ((SECONDS - waited >= 3)); then
  ok "a double click explains in Chinese what to do and waits for a key"
else
  fail "a double click"; cat -v "$work/double-click.txt" | tail -5
fi
# A double click that takes its offer (key 1: the example beside the exe): the workbench answers
# on 127.0.0.1 with the example city. Its own process group, ended once answered; bounded by
# timeout whatever happens.
set -m
( (sleep 5; printf 1; sleep 120) | SHELL=/bin/bash timeout 150 script -qec "$wine $(printf %q "$unpacked/dossier.exe")" \
  /dev/null >"$work/workbench.txt" 2>&1 ) &
workbench=$!
set +m
url=
for _ in $(seq 120); do
  # The console wraps the address at its width: read it with the lines joined, token whole.
  url=$(tr -d '\r\n' <"$work/workbench.txt" | grep -aoE 'http://127\.0\.0\.1:[0-9]+/\?t=[0-9a-f]{64}' | head -1 || true)
  [ -n "$url" ] && break
  sleep 1
done
if grep -q "按 1 键：示例-晋中市" "$work/workbench.txt" && [ -n "$url" ] &&
  curl -sfL --max-time 60 -c "$work/cookies" -b "$work/cookies" "$url" | grep -q "晋中市"; then
  ok "a double click offers the workbench on the example beside the exe, and key 1 opens it"
else
  fail "the workbench from a double click"; cat -v "$work/workbench.txt" | tail -8
fi
kill -- -"$workbench" 2>/dev/null || true
wait "$workbench" 2>/dev/null || true

# ---- another drive: D: holds a cluster the city lists, and a cluster folder dropped there ----
mkdir -p "$work/d/集群"
ln -sfn "$work/d" "$WINEPREFIX/dosdevices/d:"
cp -r data/jinzhong/qixian-glass "$work/d/集群/祁县 玻璃器皿"
city="$work/市（另一盘）"
cp -r data/jinzhong "$city"
sed -i 's#cluster: qixian-glass#cluster: D:\\集群\\祁县 玻璃器皿#' "$city/city.yaml"
if "$wine" "$exe" build "$(win "$city")" --bundled-fonts --out 'C:\输出' >"$work/drive.txt" 2>&1 &&
  diff -r -x .cache "$work/linux" "$WINEPREFIX/drive_c/输出" >"$work/diff.txt"; then
  ok "a city listing a cluster on drive D:, written to drive C:, builds byte-identical"
else
  fail "cluster on another drive"; head -20 "$work/drive.txt" "$work/diff.txt"
fi
# Two cluster folders dropped at once: each builds in its own out folder.
cp -r data/jinzhong/pingyao-beef "$work/d/集群/平遥 牛肉"
"$linux" build "$work/d/集群/祁县 玻璃器皿" --bundled-fonts --out "$work/linux-d/祁县" >/dev/null
"$linux" build "$work/d/集群/平遥 牛肉" --bundled-fonts --out "$work/linux-d/平遥" >/dev/null
if "$wine" "$exe" 'D:\集群\祁县 玻璃器皿' 'D:\集群\平遥 牛肉' >"$work/drive-dropped.txt" 2>&1 </dev/null &&
  diff -r -x .cache "$work/linux-d/祁县" "$work/d/集群/祁县 玻璃器皿/out" >"$work/diff.txt" &&
  diff -r -x .cache "$work/linux-d/平遥" "$work/d/集群/平遥 牛肉/out" >>"$work/diff.txt"; then
  ok "two cluster folders on drive D: dropped on the exe build each in its out folder, byte-identical"
else
  fail "dropped from drive D:"; head -20 "$work/drive-dropped.txt" "$work/diff.txt"
fi

# ---- the official fonts, installed as Windows keeps them ----
fonts=$WINEPREFIX/drive_c/windows/Fonts
local_app_data=$("$wine" cmd /c echo %LOCALAPPDATA% | tr -d '\r')
user_fonts=$("$wine" winepath -u "$local_app_data\\Microsoft\\Windows\\Fonts" | tr -d '\r')
mkdir -p "$fonts" "$user_fonts"
cp tests/fonts/Windows/Fonts/* "$fonts/"
cp tests/fonts/LocalAppData/Microsoft/Windows/Fonts/* "$user_fonts/"
lib_tests=$(grep -l 'official_fonts_installed_on_windows_are_found' "${tests[@]}" | head -1)
if "$wine" "$lib_tests" --ignored official_fonts_installed_on_windows_are_found >"$work/fonts.log" 2>&1 &&
  grep -q '1 passed' "$work/fonts.log"; then
  ok "the official fonts are found in %WINDIR%\\Fonts and %LOCALAPPDATA%\\Microsoft\\Windows\\Fonts by their family names"
else
  fail "font discovery under Wine"; tail -20 "$work/fonts.log"
fi
"$wine" "$exe" build data/jinzhong/qixian-glass --out "$(win "$work/official")" >/dev/null 2>&1
embedded=$(find "$work/official" -name '*.pdf' -not -path '*/.cache/*' -exec pdffonts {} \; | awk 'NR > 2 { sub(/^[A-Z]+\+/, "", $1); print $1 }' | sort -u)
# 宋体 serves no form today: the unit test above covers it.
for font in FangSong_GB2312 SimHei KaiTi_GB2312 FZXBSJW--GB1-0; do
  grep -qx "$font" <<<"$embedded" || fail "the PDFs built under Wine do not use the installed $font"
done
grep -qx FangSong_GB2312 <<<"$embedded" && ok "the PDFs built with the fonts installed use them: $(grep -E 'Sim|GB2312|FZ' <<<"$embedded" | tr '\n' ' ')"

echo "tools/check-windows.sh took $((SECONDS - started)) s; $(cat "$work/package.txt")"
exit $status

#!/usr/bin/env bash
# Screenshots of the workbench on the example city, for the README (docs/workbench-*.png):
# `dossier serve` on a copy of data/jinzhong; an error typed into a cluster, saved and shown at
# its field; a scan dropped on an item; a build; each page rendered by Debian's headless
# chromium. The requests go through the workbench's own API with its token, as the page sends
# them. Usage: tools/workbench-screenshots.sh [folder for the PNGs, default docs]
set -euo pipefail
cd "$(dirname "$0")/.."
shots=$(realpath -m "${1:-docs}")
mkdir -p "$shots"

need=()
command -v chromium >/dev/null || need+=(chromium)
command -v curl >/dev/null || need+=(curl)
fc-list | grep -q "Noto Sans CJK" || need+=(fonts-noto-cjk)
if ((${#need[@]})); then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

cargo build --quiet
work=$(mktemp -d)
trap 'kill "$server" 2>/dev/null || true; rm -rf "$work"' EXIT
cp -r data/jinzhong "$work/jinzhong"
"${CARGO_TARGET_DIR:-target}"/debug/dossier serve --no-browser --bundled-fonts "$work/jinzhong" >"$work/serve.log" 2>&1 &
server=$!
for _ in $(seq 50); do grep -q "http://" "$work/serve.log" && break; sleep 0.2; done
url=$(grep -o 'http://127.0.0.1:[0-9]*/?t=[0-9a-f]*' "$work/serve.log")
base=${url%/?t=*}
token=${url#*t=}

api() { # method path [curl args…]
  local method=$1 path=$2
  shift 2
  curl -sf -X "$method" -H "x-dossier-token: $token" "$base$path" "$@"
}
shot() { # name path [height] [#fragment]
  chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --lang=zh-CN \
    --window-size=1400,"${3:-1000}" --screenshot="$shots/workbench-$1.png" "$base$2?t=$token${4:-}" 2>/dev/null
  echo "ok    screenshot    $shots/workbench-$1.png"
}

shot home / 500
# An error typed into the first cluster's 2028 研发经费 target, saved.
version=$(api GET /api/f/0/version | sed 's/.*"version":"\([^"]*\)".*/\1/')
api POST /api/f/0/save -H 'Content-Type: application/json' \
  -d "{\"version\":\"$version\",\"changes\":[{\"op\":\"set\",\"path\":\"plan.targets.rd_spending.target\",\"value\":\"1.60\"}]}" \
  | grep -q '研发经费年均增速不低于 10%'
shot form-error /f/0 1100
# Fixed again, a scan dropped on item 5, and the city built.
version=$(api GET /api/f/0/version | sed 's/.*"version":"\([^"]*\)".*/\1/')
api POST /api/f/0/save -H 'Content-Type: application/json' \
  -d "{\"version\":\"$version\",\"changes\":[{\"op\":\"set\",\"path\":\"plan.targets.rd_spending.target\",\"value\":\"2.10\"}]}" >/dev/null
scan=$(find "$work/jinzhong" -path '*evidence*' -name '*.jpg' -print -quit)
api POST "/api/f/0/evidence/05-%E4%BA%A7%E4%B8%9A%E9%93%BE%E5%BC%BA%E9%93%BE%E8%A1%A5%E9%93%BE?name=%E6%96%B0%E6%89%AB%E6%8F%8F%E4%BB%B6.jpg" \
  --data-binary @"$scan" >/dev/null
shot evidence /f/0/evidence 1400
api POST /api/build -H 'Content-Type: application/json' -d '{}' >/dev/null
until api GET /api/build | grep -q '"running":false,"last":\['; do sleep 1; done
shot build /build 1400

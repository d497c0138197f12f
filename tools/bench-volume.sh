#!/usr/bin/env bash
# Volume assembly vs `qpdf --empty --pages … --` on 300 generated scanned pages, with peak memory
# from /usr/bin/time -v for both. Installs what it needs, then runs `cargo bench --bench volume`.
set -euo pipefail
cd "$(dirname "$0")/.."
need=()
[ -x /usr/bin/time ] || need+=(time)
command -v qpdf >/dev/null || need+=(qpdf)
if ((${#need[@]})); then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}"
fi
exec cargo bench --bench volume

#!/usr/bin/env bash
# The benchmarks of the README, with what they need installed (Debian packages): /usr/bin/time
# (wall, CPU and peak memory of every run), qpdf (the volume reference), LibreOffice and the open
# CJK fonts tools/docx-fonts.conf maps the official font names to (the forms reference).
#
#   tools/bench.sh            volumes, then forms, rebuilds and the 30-cluster city
#   tools/bench.sh volume     only the volumes (300 scanned pages against qpdf)
#   tools/bench.sh build      only forms, rebuilds and the city
#
# BENCH_RUNS=N sets the number of runs each median is taken over. Timings are printed, never
# asserted: `cargo test` has none.
set -euo pipefail
cd "$(dirname "$0")/.."

benches=()
case "${1:-all}" in
  volume) benches=(--bench volume) ;;
  build) benches=(--bench build) ;;
  all) benches=(--bench volume --bench build) ;;
  *) echo "usage: $0 [volume|build]" >&2; exit 2 ;;
esac

need=()
[ -x /usr/bin/time ] || need+=(time)
command -v qpdf >/dev/null || need+=(qpdf)
command -v soffice >/dev/null || need+=(libreoffice-writer-nogui)
fc-list | grep -q "Noto Serif CJK" || need+=(fonts-noto-cjk)
fc-list | grep -qi "wenkai" || need+=(fonts-lxgw-wenkai)
if ((${#need[@]})); then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi
exec cargo bench "${benches[@]}"

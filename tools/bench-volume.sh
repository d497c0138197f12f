#!/usr/bin/env bash
# Volume assembly vs `qpdf --empty --pages … --` on 300 generated scanned pages, with peak memory
# from /usr/bin/time -v for both: tools/bench.sh volume (which installs what it needs).
exec "$(dirname "$0")/bench.sh" volume

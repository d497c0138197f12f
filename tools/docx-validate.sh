#!/usr/bin/env bash
# Validates DOCX files against the Office Open XML schemas and Word's semantic rules with
# openxml-audit (PyPI, MIT; a Python port of the Open XML SDK validator), for the oldest and
# the newest Word it knows. LibreOffice opens files Word rejects; this is the check that
# stands for Word.
#
#   tools/docx-validate.sh FILE.docx...
#
# Installs openxml-audit once into a virtual environment under ~/.cache/dossier. Exits
# non-zero when any file has a finding. `cargo test --test docx` runs the same check on its
# sample when OPENXML_AUDIT points at the installed command (printed below).
set -euo pipefail
[ $# -ge 1 ] || { echo "usage: $0 FILE.docx..." >&2; exit 2; }

venv="${XDG_CACHE_HOME:-$HOME/.cache}/dossier/openxml-audit"
audit="$venv/bin/openxml-audit"
if [ ! -x "$audit" ]; then
  python3 -m venv "$venv" >&2
  "$venv/bin/pip" install --quiet "openxml-audit==0.8.0" >&2
  echo "installed $audit" >&2
fi

status=0
for docx in "$@"; do
  for version in office2007 microsoft365; do
    echo "== $docx ($version)"
    "$audit" --policy strict -f "$version" --max-errors 0 "$docx" || status=1
  done
done
exit $status

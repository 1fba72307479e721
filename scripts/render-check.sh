#!/usr/bin/env bash
# Renders dabir's DOCX and HTML exports to PDF and PNG pages, to look at them by
# eye (docs/exports.md says what to look for). Optional for developers; not part of
# CI. Needs LibreOffice (soffice) for DOCX, Chromium for HTML, pdftoppm for PNGs;
# a missing tool skips its step.
#
#   scripts/render-check.sh [OUTDIR]            a demo meeting
#   DABIR_DB=PATH MEETING=ID scripts/render-check.sh [OUTDIR]
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-target/render-check}
mkdir -p "$out"
cargo build --release --quiet
bin=target/release/dabir
if [ -z "${DABIR_DB:-}" ]; then
  export DABIR_DB="$out/db"
  rm -rf "$DABIR_DB"
  "$bin" demo --meetings 20 --seed 4 --today 2024-12-20
fi
id=${MEETING:-$("$bin" meetings --format json | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["id"])')}
"$bin" export "$id" --format docx -o "$out/minutes.docx"
"$bin" export "$id" --format html -o "$out/minutes.html"
if command -v soffice >/dev/null; then
  soffice --headless --convert-to pdf --outdir "$out" "$out/minutes.docx" >/dev/null
  mv "$out/minutes.pdf" "$out/minutes-docx.pdf"
else
  echo "no soffice: DOCX not rendered" >&2
fi
if command -v chromium >/dev/null; then
  chromium --headless --no-sandbox --disable-gpu --no-first-run --disable-background-networking \
    --user-data-dir="$(mktemp -d)" --print-to-pdf="$out/minutes-html.pdf" --no-pdf-header-footer \
    "file://$(realpath "$out/minutes.html")" 2>/dev/null
else
  echo "no chromium: HTML not rendered" >&2
fi
if command -v pdftoppm >/dev/null; then
  for pdf in "$out"/minutes-*.pdf; do
    pdftoppm -png -r 70 "$pdf" "${pdf%.pdf}"
  done
fi
ls -1 "$out"

#!/usr/bin/env bash
# Renders dabir's documents to PDF and PNG pages, to look at them by eye
# (docs/exports.md and docs/letters.md say what to look for): the minutes (DOCX
# and HTML) and every kind of letter (ابلاغ, a first and a second follow-up
# letter, an invitation, a status report), with the official header, a sample
# logo and numbering from a config made for the check. Optional for developers;
# not part of CI. Needs LibreOffice (soffice) for DOCX, Chromium for HTML,
# pdftoppm for PNGs; a missing tool skips its step.
#
#   scripts/render-check.sh [OUTDIR]            a demo database
#   DABIR_DB=PATH MEETING=ID scripts/render-check.sh [OUTDIR]
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
out=${1:-target/render-check}
mkdir -p "$out"
out=$(realpath "$out")
cargo build --release --quiet
bin=$root/target/release/dabir
if [ -z "${DABIR_DB:-}" ]; then
  export DABIR_DB="$out/db"
  rm -rf "$DABIR_DB"
  "$bin" demo --meetings 20 --seed 4 --today 2024-12-20
fi
# A config of the check's own: the organisation, the sample logo, a pattern.
export XDG_CONFIG_HOME="$out/config"
mkdir -p "$XDG_CONFIG_HOME/dabir"
cat > "$XDG_CONFIG_HOME/dabir/config.toml" <<TOML
[organisation]
name = ["وزارت کشور", "استانداری خراسان رضوی", "فرمانداری شهرستان نمونه"]
logo = "$root/docs/img/logo-sample.png"
signatory = "secretary"

[letters]
numbering = "{year}/د/{seq}"
TOML
id=${MEETING:-$("$bin" meetings --format json | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["id"])')}
body=$("$bin" meetings --format json | python3 -c "import json,sys; print([m for m in json.load(sys.stdin) if m['id']==$id][0]['body'])")
"$bin" export "$id" --format docx -o "$out/minutes.docx"
"$bin" export "$id" --format html -o "$out/minutes.html"
"$bin" letters notify "$id" -o "$out/notify.docx"
"$bin" letters notify "$id" --format html --no-number -o "$out/notify.html"
unit=$("$bin" pending --format json | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["responsible"][0])')
"$bin" letters follow-up --unit "$unit" -o "$out/followup-1.docx"
"$bin" letters follow-up --unit "$unit" -o "$out/followup-2.docx"
"$bin" letters invite --body "$body" --on "+7" --time 09:30 --agenda "بررسی عملکرد سه‌ماهه" -o "$out/invitation.docx"
"$bin" letters report --body "$body" --from 1400/01/01 -o "$out/report.docx"
"$bin" letters report --body "$body" --from 1400/01/01 --format xlsx -o "$out/report.xlsx"
if command -v soffice >/dev/null; then
  for f in minutes notify followup-1 followup-2 invitation report; do
    soffice --headless --convert-to pdf --outdir "$out" "$out/$f.docx" >/dev/null
    mv "$out/$f.pdf" "$out/$f-docx.pdf"
  done
else
  echo "no soffice: DOCX not rendered" >&2
fi
if command -v chromium >/dev/null; then
  for f in minutes notify; do
    chromium --headless --no-sandbox --disable-gpu --no-first-run --disable-background-networking \
      --user-data-dir="$(mktemp -d)" --print-to-pdf="$out/$f-html.pdf" --no-pdf-header-footer \
      "file://$out/$f.html" 2>/dev/null
  done
else
  echo "no chromium: HTML not rendered" >&2
fi
if command -v pdftoppm >/dev/null; then
  for pdf in "$out"/*-docx.pdf "$out"/*-html.pdf; do
    [ -e "$pdf" ] && pdftoppm -png -r 70 "$pdf" "${pdf%.pdf}"
  done
fi
"$bin" letters list
ls -1 "$out"

#!/usr/bin/env bash
# Builds the Windows release artefact: target/dist/dabir-VERSION-windows-x86_64.zip
# with dabir.exe (stripped), README, the licences, the user guides and a short
# Persian quick-start (راهنمای نصب). Needs the same tools as windows-check.sh
# (rustup target add x86_64-pc-windows-gnu; apt-get install gcc-mingw-w64-x86-64)
# and zip. The Wine shim of windows-check.sh is never part of it.
set -euo pipefail
cd "$(dirname "$0")/.."

target=x86_64-pc-windows-gnu
version=$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -1)
name="dabir-$version-windows-x86_64"
cargo build --release --target "$target"

stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
dir="$stage/$name"
mkdir -p "$dir/docs"
x86_64-w64-mingw32-strip -o "$dir/dabir.exe" "target/$target/release/dabir.exe"
# Notepad reads UTF-8 without a BOM since Windows 10 1903; the BOM is for older ones.
to_windows_text() { printf '\xef\xbb\xbf'; sed 's/$/\r/' "$1"; }
to_windows_text README.md >"$dir/README.txt"
to_windows_text docs/install-windows.fa.md >"$dir/راهنمای-نصب.txt"
to_windows_text LICENSE-MIT >"$dir/LICENSE-MIT.txt"
to_windows_text LICENSE-APACHE >"$dir/LICENSE-APACHE.txt"
cp docs/guide.fa.md docs/guide.en.md docs/keys.md docs/terminals.md "$dir/docs/"

mkdir -p target/dist
out="$PWD/target/dist/$name.zip"
rm -f "$out"
(cd "$stage" && zip -qr -X "$out" "$name")
echo "$out"
unzip -l "$out"

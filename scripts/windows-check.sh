#!/usr/bin/env bash
# Cross-builds dabir for Windows (x86_64-pc-windows-gnu) and runs the CLI commands
# the tests use under Wine, comparing every output with the Linux binary's on the
# same inputs: date, demo, meetings, show, pending, search, export to every format,
# import of a text and a DOCX file, and backup/restore identity.
#
# Needs: rustup target add x86_64-pc-windows-gnu
#        apt-get install gcc-mingw-w64-x86-64 wine64
# With --if-available it says so and exits 0 when those are missing (what .ci/run
# does); without it, missing tools are an error.
#
# Wine 8 (Debian 12's) lacks bcryptprimitives.dll, which Rust's std imports for
# ProcessPrng. A shim DLL with that one function, built here with mingw into the
# check's own folder beside the exe, stands in for it. It is never shipped:
# scripts/package-windows.sh does not use it, and real Windows 10+ has the DLL.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD

target=x86_64-pc-windows-gnu
mingw=x86_64-w64-mingw32-gcc
wine=${WINE:-}
if [ -z "$wine" ]; then
    wine=$(command -v wine64 || true)
    [ -n "$wine" ] || { [ -x /usr/lib/wine/wine64 ] && wine=/usr/lib/wine/wine64; } || true
fi

missing=()
rustup target list --installed 2>/dev/null | grep -qx "$target" || missing+=("the Rust target ($target: rustup target add $target)")
command -v "$mingw" >/dev/null || missing+=("mingw-w64 (apt-get install gcc-mingw-w64-x86-64)")
[ -n "$wine" ] || missing+=("Wine (apt-get install wine64)")
if [ ${#missing[@]} -gt 0 ]; then
    msg="windows-check: skipped: missing ${missing[*]}"
    if [ "${1:-}" = "--if-available" ]; then
        echo "$msg"
        exit 0
    fi
    echo "$msg" >&2
    exit 1
fi

echo "windows-check: building for $target"
cargo build --quiet --release --target "$target"
cargo build --quiet --bin dabir
exe_dir=$(mktemp -d)
work=$(mktemp -d)
trap 'rm -rf "$exe_dir" "$work"' EXIT
cp "target/$target/release/dabir.exe" "$exe_dir/"
cat >"$exe_dir/shim.c" <<'EOF'
#include <windows.h>
#include <ntsecapi.h>
/* ProcessPrng as Windows 10's bcryptprimitives.dll has it, over RtlGenRandom. */
__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T len) {
    while (len > 0) {
        ULONG chunk = len > 0x10000000 ? 0x10000000 : (ULONG)len;
        if (!RtlGenRandom(data, chunk)) return FALSE;
        data += chunk;
        len -= chunk;
    }
    return TRUE;
}
EOF
"$mingw" -O2 -shared -o "$exe_dir/bcryptprimitives.dll" "$exe_dir/shim.c" -ladvapi32

export WINEDEBUG=-all WINEPREFIX="${WINEPREFIX:-$HOME/.wine-dabir-check}"
# No user config on either side: the defaults must give the same output.
export XDG_CONFIG_HOME="$work/config"
unset DABIR_DB
linux() { "$root/target/debug/dabir" "$@"; }
windows() { "$wine" "$exe_dir/dabir.exe" "$@"; }
echo "windows-check: starting Wine (the first run sets up $WINEPREFIX)"
windows --version >/dev/null

checked=0
failed=0
# run NAME ARGS...: runs both binaries, each with its own folder as {}, and
# compares stdout and the exit code. Paths in ARGS are relative to that folder.
run() {
    local name=$1
    shift
    local side
    for side in linux windows; do
        mkdir -p "$work/$side"
        local args=()
        local a
        for a in "$@"; do args+=("${a//\{\}/$work/$side}"); done
        set +e
        (cd "$work/$side" && "$side" "${args[@]}") >"$work/$side.$name.out" 2>"$work/$side.$name.err"
        echo $? >"$work/$side.$name.rc"
        set -e
    done
    same "$name" "$work/linux.$name.out" "$work/windows.$name.out"
    same "$name (exit code)" "$work/linux.$name.rc" "$work/windows.$name.rc"
}
# same NAME A B: the files are byte for byte the same.
same() {
    checked=$((checked + 1))
    if cmp -s "$2" "$3"; then
        printf '  ok    %-34s %8d bytes\n' "$1" "$(wc -c <"$2")"
    else
        failed=$((failed + 1))
        echo "  DIFF  $1"
        diff <(od -c "$2" | head -40) <(od -c "$3" | head -40) | head -20 || true
        sed 's/^/        linux stderr: /' "${2%.out}.err" 2>/dev/null | head -3 || true
        sed 's/^/        windows stderr: /' "${3%.out}.err" 2>/dev/null | head -3 || true
    fi
}
# same_zip NAME A B: two zip files hold the same entries with the same bytes.
same_zip() {
    local d
    for d in a b; do mkdir -p "$work/zip-$d" && rm -rf "${work:?}/zip-$d"/*; done
    (cd "$work/zip-a" && unzip -qo "$2") && (cd "$work/zip-b" && unzip -qo "$3")
    (cd "$work/zip-a" && find . -type f -exec sha256sum {} + | sort -k2) >"$work/zip-a.sum"
    (cd "$work/zip-b" && find . -type f -exec sha256sum {} + | sort -k2) >"$work/zip-b.sum"
    same "$1 (unzipped)" "$work/zip-a.sum" "$work/zip-b.sum"
}

today=2024-12-20
run date-text date 1403/12/30 10/10/1397 "۱۵ آذر ۱۴۰۳" "دو هفته پس از جلسه" --today "$today"
run date-json date 1403/12/30 10/10/1397 "۱۵ آذر ۱۴۰۳" --today "$today" --format json
run date-bad date 1403/13/40
run demo demo --db {}/db --meetings 40 --seed 11 --today "$today"
run meetings meetings --db {}/db
run meetings-json meetings --db {}/db --format json
id=$(linux meetings --db "$work/linux/db" --format json | sed -n 's/.*"id": *\([0-9]*\).*/\1/p' | head -1)
run show-text show "$id" --db {}/db
run show-json show "$id" --db {}/db --format json
run show-missing show 999999 --db {}/db
run pending pending --db {}/db
run pending-json pending --db {}/db --format json
run pending-csv pending --db {}/db --format csv
run search search "مديريت" --db {}/db --format json --limit 20
run search-text search "سامانه" --db {}/db
run report report --db {}/db --body "شورای اداری" --today "$today"
for f in docx html md txt xlsx csv ics; do
    run "export-$f" export "$id" --db {}/db --format "$f" -o "{}/minutes.$f"
done
for f in html md txt csv; do
    same "export-$f (file)" "$work/linux/minutes.$f" "$work/windows/minutes.$f"
done
# The ICS stamp is the time of writing; everything else must agree.
grep -v '^DTSTAMP' "$work/linux/minutes.ics" >"$work/linux.ics" || true
grep -v '^DTSTAMP' "$work/windows/minutes.ics" >"$work/windows.ics" || true
same "export-ics (file, less DTSTAMP)" "$work/linux.ics" "$work/windows.ics"
same_zip "export-docx" "$work/linux/minutes.docx" "$work/windows/minutes.docx"
same_zip "export-xlsx" "$work/linux/minutes.xlsx" "$work/windows/minutes.xlsx"

cp tests/data/minutes/clean.txt tests/data/minutes/messy.txt "$work/linux/"
cp tests/data/minutes/clean.txt tests/data/minutes/messy.txt "$work/windows/"
cp "$work/linux/minutes.docx" "$work/windows/minutes.docx"
run import-dry import --db {}/imported --dry-run --format json clean.txt
run import import --db {}/imported clean.txt messy.txt minutes.docx
run import-meetings meetings --db {}/imported --format json
for imported in $(linux meetings --db "$work/linux/imported" --format json | sed -n 's/.*"id": *\([0-9]*\).*/\1/p'); do
    run "import-show-$imported" show "$imported" --db {}/imported --format json
done

run backup backup --db {}/db {}/backup.json
same "backup (file)" "$work/linux/backup.json" "$work/windows/backup.json"
run restore restore --db {}/restored {}/backup.json
run backup-again backup --db {}/restored {}/backup-again.json
same "backup identity (linux)" "$work/linux/backup.json" "$work/linux/backup-again.json"
same "backup identity (windows)" "$work/windows/backup.json" "$work/windows/backup-again.json"

# The lock: while dabir.exe's UI holds the database, a second dabir.exe that
# writes is refused with exit 2 and the holder's pid, and a read-only command is
# answered by the running app. The UI needs a terminal: tmux gives it one.
if command -v tmux >/dev/null; then
    linux demo --db "$work/lockdb" --meetings 3 >/dev/null 2>&1
    tmux -L dabir-wcheck new-session -d -x 120 -y 35 \
        "WINEDEBUG=-all WINEPREFIX='$WINEPREFIX' '$wine' '$exe_dir/dabir.exe' --db '$work/lockdb'"
    for _ in $(seq 100); do [ -s "$work/lockdb/dabir.serve" ] && break; sleep 0.2; done
    sleep 1
    set +e
    windows demo --db "$work/lockdb" --meetings 1 >/dev/null 2>"$work/lock.err"
    rc=$?
    windows meetings --db "$work/lockdb" >"$work/served.out" 2>/dev/null
    served=$?
    set -e
    tmux -L dabir-wcheck send-keys q
    sleep 1
    tmux -L dabir-wcheck kill-server 2>/dev/null || true
    checked=$((checked + 2))
    if [ "$rc" -eq 2 ] && grep -q "(pid [0-9]*)" "$work/lock.err"; then
        printf '  ok    %-34s %s\n' "lock (second dabir.exe writing)" "exit 2, $(grep -o '(pid [0-9]*)' "$work/lock.err" | head -1)"
    else
        failed=$((failed + 1))
        echo "  FAIL  lock (second dabir.exe writing): exit $rc: $(head -2 "$work/lock.err")"
    fi
    linux meetings --db "$work/lockdb" >"$work/direct.out" 2>/dev/null
    if [ "$served" -eq 0 ] && cmp -s "$work/served.out" "$work/direct.out"; then
        printf '  ok    %-34s %8d bytes\n' "read-only answered by the open app" "$(wc -c <"$work/served.out")"
    else
        failed=$((failed + 1))
        echo "  FAIL  read-only answered by the open app: exit $served"
    fi
else
    echo "  skip  lock and the open app answering: tmux is not installed (apt-get install tmux)"
fi

echo "windows-check: $((checked - failed)) passed, $failed failed"
[ "$failed" -eq 0 ]

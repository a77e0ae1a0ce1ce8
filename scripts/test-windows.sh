#!/usr/bin/env bash
# Tests the Windows build (scripts/build-windows.sh) under Wine against the Linux build.
#
#   scripts/test-windows.sh      # after scripts/build-windows.sh; exits 1 on any difference
#
# With Windows paths that have spaces and æøå (C:\Users\Søren Ærø\Dokumenter\Min plan æøå.sqlite)
# it runs import-json, check, list, export-json and export-pdf on the reference plan with
# virkplan.exe and with the Linux binary, and compares: the same stdout, byte-identical JSON,
# the same text in the PDF (pdftotext). Then each build opens the file the other wrote. Last, it
# starts the editor under Xvfb + Wine with the plan and checks that a window shows it
# (screenshot in $VIRKPLAN_WINDOWS_DIR/test/editor-wine.png).
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
cd "$repo"
win_dir="${VIRKPLAN_WINDOWS_DIR:-${CARGO_TARGET_DIR:-$repo/target}/windows}"
exe="$win_dir/virkplan.exe"
reference="$repo/tests/data/virksomhedsplan-albertslund-sof-2012-2013.json"
start=$(date +%s)
export LANG=C.UTF-8 LC_ALL=C.UTF-8 # Wine turns the arguments into UTF-16 from the locale's charset
[ -f "$exe" ] || { echo "test-windows: $exe is missing; run scripts/build-windows.sh first" >&2; exit 1; }

# 1. Packages. wine/wine64: Debian's Wine 8 runs 64-bit exes (there is no wine64 command, just
#    wine). mingw-w64's gcc builds the test-only DLL below. poppler-utils: pdftotext/pdfinfo.
#    Xvfb, xauth, x11-utils (xdpyinfo), imagemagick (import), xdotool: a display to start the
#    editor on, a screenshot, and the window's name; Mesa for the OpenGL that Wine passes on to the display.
packages=(wine wine64 gcc-mingw-w64-x86-64 poppler-utils xvfb xauth x11-utils imagemagick xdotool
          libgl1-mesa-dri libegl1 libegl-mesa0 mesa-vulkan-drivers libvulkan1)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo=sudo
  echo "== installing ${missing[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# 2. The Linux build to compare with: the debug binary that `cargo test` has already built in CI
#    (or VIRKPLAN_LINUX_BIN).
#    Run alone, `cargo test --no-run` makes it; a plain `cargo build`
#    would not reuse cargo test's dependencies (without the dev-dependencies' features it
#    builds eframe and the rest a second time, minutes in CI).
if [ -n "${VIRKPLAN_LINUX_BIN:-}" ]; then
  linux="$VIRKPLAN_LINUX_BIN"
else
  cargo test --quiet --no-run # after cargo test (as in CI): nothing to do
  target_dir="$(cargo metadata --format-version 1 --no-deps | sed -n 's/.*"target_directory":"\([^"]*\)".*/\1/p')"
  linux="$target_dir/debug/virkplan"
fi

# 3. A fresh Wine prefix of our own (never the user's ~/.wine). No Mono or Gecko (they would
#    ask to download). WINEDEBUG=-all: only the program's own output on stdout and stderr.
work="$win_dir/test"
rm -rf "$work"
mkdir -p "$work"
export WINEPREFIX="$work/wineprefix" WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml="
cleanup() {
  wineserver -k 2>/dev/null || true
  [ -z "${xvfb_pid:-}" ] || kill "$xvfb_pid" 2>/dev/null || true
}
trap cleanup EXIT
echo "== wine prefix ($(wine --version))"
wineboot --init >/dev/null 2>&1
wineserver -w
# 4. Rust's std imports ProcessPrng from bcryptprimitives.dll, which Windows 10 and 11 have and
#    Wine 8 lacks: without it every Rust exe stops at start. This stand-in is for the test
#    prefix only and is never shipped (tests/windows/processprng-shim.c).
x86_64-w64-mingw32-gcc -shared -O2 -s -o "$WINEPREFIX/drive_c/windows/system32/bcryptprimitives.dll" \
  tests/windows/processprng-shim.c tests/windows/processprng-shim.def -ladvapi32

# 5. The user's folder, with a space and æøå in every name, on the Windows side and the Linux side.
user="Søren Ærø"
win_docs_unix="$WINEPREFIX/drive_c/users/$user/Dokumenter"
win_docs="C:\\Users\\$user\\Dokumenter"
lin="$work/linux æøå"
mkdir -p "$win_docs_unix" "$lin"
cp "$reference" "$win_docs_unix/Referenceplan æøå.json"
cp "$reference" "$lin/Referenceplan æøå.json"

failures=0
fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }
same() { # same FILE_A FILE_B WHAT
  if cmp -s "$1" "$2"; then echo "ok: $3"; else fail "$3 differs:"; diff "$1" "$2" | head -n 20 >&2 || true; fi
}
# Runs the exe; its stdout goes to the file $1, its exit code must be $2.
win() {
  local out="$1" code="$2" got=0; shift 2
  wine "$exe" "$@" >"$out" 2>"$out.err" || got=$?
  [ "$got" -eq "$code" ] || { fail "wine virkplan.exe $* exited $got, not $code"; cat "$out.err" >&2; }
}
lnx() {
  local out="$1" code="$2" got=0; shift 2
  "$linux" "$@" >"$out" 2>"$out.err" || got=$?
  [ "$got" -eq "$code" ] || { fail "virkplan $* exited $got, not $code"; cat "$out.err" >&2; }
}
r="$work/results"
mkdir -p "$r"
W="$win_docs\\Min plan æøå.sqlite"
L="$lin/Min plan æøå.sqlite"

echo "== the same commands on both builds"
win "$r/import.win" 0 import-json "$W" --from "$win_docs\\Referenceplan æøå.json"
lnx "$r/import.lin" 0 import-json "$L" --from "$lin/Referenceplan æøå.json"
same "$r/import.win" "$r/import.lin" "import-json prints the same plan ids"
plan="$(tail -n 1 "$r/import.lin")" # the reference document's last plan: 2012–2013
[ -f "$win_docs_unix/Min plan æøå.sqlite" ] || fail "virkplan.exe wrote no Min plan æøå.sqlite"

win "$r/list.win" 0 list "$W"
lnx "$r/list.lin" 0 list "$L"
same "$r/list.win" "$r/list.lin" "list"
[ -s "$r/list.lin" ] || fail "list printed nothing"

win "$r/check.win" 0 check "$W"
lnx "$r/check.lin" 0 check "$L"
# The first line names the file, which differs by design.
grep -qF "Fil: $W" "$r/check.win" || fail "check does not name the Windows path: $(head -n 1 "$r/check.win")"
tail -n +2 "$r/check.win" >"$r/check.win.body"
tail -n +2 "$r/check.lin" >"$r/check.lin.body"
same "$r/check.win.body" "$r/check.lin.body" "check (after the file name)"

win "$r/export-json.win" 0 export-json "$W" -o "$win_docs\\Eksport æøå.json"
lnx "$r/export-json.lin" 0 export-json "$L" -o "$lin/Eksport æøå.json"
same "$win_docs_unix/Eksport æøå.json" "$lin/Eksport æøå.json" "export-json file (byte for byte)"
cmp -s "$lin/Eksport æøå.json" "$reference" && echo "ok: export-json gives back the reference document byte for byte" \
  || echo "note: export-json is not the reference document byte for byte (the people's keys are made anew on export; both builds alike)"
win "$r/stdout-json.win" 0 export-json "$W" --plan "$plan"
lnx "$r/stdout-json.lin" 0 export-json "$L" --plan "$plan"
same "$r/stdout-json.win" "$r/stdout-json.lin" "export-json --plan $plan on stdout"

win "$r/pdf.win" 0 export-pdf "$W" --plan "$plan" -o "$win_docs\\Plan æøå.pdf"
lnx "$r/pdf.lin" 0 export-pdf "$L" --plan "$plan" -o "$lin/Plan æøå.pdf"
pdftotext -enc UTF-8 "$win_docs_unix/Plan æøå.pdf" "$r/pdf-text.win"
pdftotext -enc UTF-8 "$lin/Plan æøå.pdf" "$r/pdf-text.lin"
same "$r/pdf-text.win" "$r/pdf-text.lin" "export-pdf: the same text (pdftotext)"
grep -q "Albertslund" "$r/pdf-text.win" || fail "the PDF's text lacks Albertslund"
pdfinfo "$win_docs_unix/Plan æøå.pdf" | grep -E '^(Pages|Tagged|Title):' >"$r/pdfinfo.win"
pdfinfo "$lin/Plan æøå.pdf" | grep -E '^(Pages|Tagged|Title):' >"$r/pdfinfo.lin"
same "$r/pdfinfo.win" "$r/pdfinfo.lin" "export-pdf: the same pages, tagging and title (pdfinfo)"
cmp -s "$win_docs_unix/Plan æøå.pdf" "$lin/Plan æøå.pdf" && echo "ok: the PDFs are byte-identical" \
  || echo "note: the PDFs differ in $(cmp -l "$win_docs_unix/Plan æøå.pdf" "$lin/Plan æøå.pdf" | wc -l) bytes (the creation time is in the file: made in different seconds)"

echo "== each build opens the file the other wrote"
cp "$L" "$win_docs_unix/Fra Linux æøå.sqlite"
cp "$win_docs_unix/Min plan æøå.sqlite" "$lin/Fra Windows æøå.sqlite"
win "$r/x-list.win" 0 list "$win_docs\\Fra Linux æøå.sqlite"
same "$r/x-list.win" "$r/list.lin" "virkplan.exe lists the Linux file as Linux does"
win "$r/x-check.win" 0 check "$win_docs\\Fra Linux æøå.sqlite"
tail -n +2 "$r/x-check.win" >"$r/x-check.win.body"
same "$r/x-check.win.body" "$r/check.lin.body" "virkplan.exe checks the Linux file as Linux does"
win "$r/x-json.win" 0 export-json "$win_docs\\Fra Linux æøå.sqlite"
lnx "$r/all-json.lin" 0 export-json "$L"
same "$r/x-json.win" "$r/all-json.lin" "virkplan.exe exports the Linux file's JSON as Linux does"
lnx "$r/x-list.lin" 0 list "$lin/Fra Windows æøå.sqlite"
same "$r/x-list.lin" "$r/list.win" "Linux lists the Windows file as virkplan.exe does"
lnx "$r/x-check.lin" 0 check "$lin/Fra Windows æøå.sqlite"
tail -n +2 "$r/x-check.lin" >"$r/x-check.lin.body"
same "$r/x-check.lin.body" "$r/check.win.body" "Linux checks the Windows file as virkplan.exe does"
lnx "$r/x-json.lin" 0 export-json "$lin/Fra Windows æøå.sqlite"
win "$r/all-json.win" 0 export-json "$W"
same "$r/x-json.lin" "$r/all-json.win" "Linux exports the Windows file's JSON as virkplan.exe does"

echo "== errors: exit codes and the Danish sentence"
win "$r/missing.win" 1 check "$win_docs\\Findes ikke æøå.sqlite"
grep -q "Findes ikke æøå.sqlite" "$r/missing.win.err" || fail "no Danish sentence naming the missing file: $(cat "$r/missing.win.err")"
win "$r/usage.win" 2 export-pdf
grep -q "^Brug: virkplan" "$r/usage.win.err" || fail "no usage line for a wrong command line"
lnx "$r/usage.lin" 2 export-pdf
same "$r/usage.win.err" "$r/usage.lin.err" "the usage error on stderr"

echo "== a plan file in a folder deeper than 260 characters (OneDrive, ESDH)"
deep_unix="$win_docs_unix"
deep_win="$win_docs"
for i in $(seq 1 12); do
  deep_unix="$deep_unix/Undermappe nummer $i med et langt navn æøå"
  deep_win="$deep_win\\Undermappe nummer $i med et langt navn æøå"
done
mkdir -p "$deep_unix"
echo "   the plan file's path: $(( ${#deep_win} + 12 )) characters"
win "$r/deep-import.win" 0 import-json "$deep_win\\Plan æøå.sqlite" --from "$win_docs\\Referenceplan æøå.json"
[ -f "$deep_unix/Plan æøå.sqlite" ] || fail "virkplan.exe wrote no plan file in the deep folder"
win "$r/deep-list.win" 0 list "$deep_win\\Plan æøå.sqlite"
same "$r/deep-list.win" "$r/list.lin" "list of the plan file in the deep folder"
win "$r/deep-pdf.win" 0 export-pdf "$deep_win\\Plan æøå.sqlite" --plan "$plan" -o "$deep_win\\Plan æøå.pdf"
[ -s "$deep_unix/Plan æøå.pdf" ] || fail "no PDF in the deep folder"

echo "== the editor under Xvfb + Wine"
display=77
while [ -e "/tmp/.X$display-lock" ]; do display=$((display + 1)); done
export DISPLAY=":$display"
Xvfb "$DISPLAY" -screen 0 1366x768x24 -nolisten tcp >/dev/null 2>&1 &
xvfb_pid=$!
for _ in $(seq 50); do xdpyinfo >/dev/null 2>&1 && break; sleep 0.1; done 2>/dev/null || true
# Wine's desktop process started with the commands above, without a display: stop it, so that
# the editor's Wine session starts on this one.
wineserver -k 2>/dev/null || true
wineserver -w
wine "$exe" "$W" >"$r/gui.out" 2>"$r/gui.err" &
gui_pid=$!
disown "$gui_pid" # no "Killed" from the shell when wineserver -k ends it below
window=""
for _ in $(seq 90); do
  window="$(xdotool search --name 'Min plan æøå' 2>/dev/null | head -n 1)" && [ -n "$window" ] && break
  kill -0 "$gui_pid" 2>/dev/null || break
  sleep 1
done
if [ -z "$window" ]; then
  fail "no editor window within 90 s"; cat "$r/gui.err" >&2
else
  sleep 8 # a few frames: the window is drawn (and a renderer that failed has closed its own)
  import -window root "$work/editor-wine.png"
  colours="$(convert "$work/editor-wine.png" -format %k info:)"
  kill -0 "$gui_pid" 2>/dev/null || fail "the editor stopped after it opened its window"
  [ "$colours" -gt 50 ] || fail "the editor's window looks empty ($colours colours)"
  window="$(xdotool search --onlyvisible --name 'Min plan æøå' 2>/dev/null | head -n 1)" || true
  title="$(xdotool getwindowname "$window" 2>/dev/null)" || fail "the editor's window is gone"
  echo "ok: the editor shows \"$title\" ($colours colours; $work/editor-wine.png)"
  grep "^Bemærk" "$r/gui.err" || true # a renderer that could not start, and the fallback
  # The recent-files list in %APPDATA%: the plan, as a plain C:\ path (not \\?\C:\…).
  recent_list="$(cat "$WINEPREFIX"/drive_c/users/*/AppData/Roaming/virkplan/seneste-filer.txt 2>/dev/null || true)"
  if grep -qi '^C:\\users\\Søren Ærø\\Dokumenter\\Min plan æøå.sqlite$' <<<"$recent_list"; then
    echo "ok: %APPDATA%\\virkplan\\seneste-filer.txt has $(head -n 1 <<<"$recent_list")"
  else
    fail "the recent-files list in %APPDATA% lacks the plan as C:\\…: $recent_list"
  fi
fi
wineserver -k 2>/dev/null || true

echo "== test-windows took $(( $(date +%s) - start )) s, $failures failure(s)"
[ "$failures" -eq 0 ]

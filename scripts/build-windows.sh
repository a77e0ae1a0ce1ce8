#!/usr/bin/env bash
# Builds virkplan.exe for 64-bit Windows (x86_64-pc-windows-gnu) on a Debian 12 machine.
#
#   scripts/build-windows.sh            # installs what is missing, builds, prints the .exe's path
#
# Output: $VIRKPLAN_WINDOWS_DIR/virkplan.exe (default: windows/virkplan.exe in $CARGO_TARGET_DIR or target/): release
# profile, stripped, GUI subsystem, icon and version information embedded (build.rs).
#
# Why this route: the rustup toolchains here have no Windows standard library and cannot fetch
# one, and Debian's libstd-rust-dev-windows is for rustc 1.63 (too old for our crates). Debian
# does ship a recent Rust (rustc-web/cargo-web, 1.96 in bookworm-security) with the standard
# library's source (rust-web-src), so we build std for the Windows target from that source with
# cargo's -Zbuild-std and link with MinGW-w64. The normal Linux build on rustup is untouched:
# every Windows setting is passed on the command line or in the environment of this script, and
# the build has its own target directory.
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
cd "$repo"
out_dir="${VIRKPLAN_WINDOWS_DIR:-${CARGO_TARGET_DIR:-$repo/target}/windows}"
target=x86_64-pc-windows-gnu
start=$(date +%s)

# 1. Packages. rustc-web/cargo-web/rust-web-src: the compiler, cargo and std's source, all the
#    same version (build-std needs the source of exactly the compiler that builds it).
#    gcc/g++/binutils/-dev for mingw-w64: the linker, the C compiler for the bundled SQLite,
#    windres for the icon and version resource, strip, and the Windows import libraries.
packages=(rustc-web cargo-web rust-web-src
          gcc-mingw-w64-x86-64 g++-mingw-w64-x86-64 binutils-mingw-w64-x86-64 mingw-w64-x86-64-dev)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo=sudo
  echo "== installing ${missing[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
fi

# 2. Use Debian's toolchain, not rustup's. The rustup proxies in ~/.cargo/bin shadow /usr/bin,
#    and rustup's compilers cannot build rust-web-src (it must match the compiler exactly).
#    RUSTUP_TOOLCHAIN would make a proxy pick a toolchain; cargo passes RUSTC/RUSTDOC on.
export PATH="/usr/bin:$PATH"
export RUSTC=/usr/bin/rustc RUSTDOC=/usr/bin/rustdoc CARGO=/usr/bin/cargo
unset RUSTUP_TOOLCHAIN RUSTFLAGS CARGO_BUILD_TARGET
# 3. `rustc --print sysroot` is /usr, and its lib/rustlib/src/rust points at rust-web-src: that
#    is where -Zbuild-std finds the source. Check it here rather than fail deep in cargo.
if [ ! -e "$(/usr/bin/rustc --print sysroot)/lib/rustlib/src/rust/library/std/Cargo.toml" ]; then
  echo "build-windows: std's source not found under $(/usr/bin/rustc --print sysroot)/lib/rustlib/src/rust (rust-web-src)" >&2
  exit 1
fi
echo "== $(/usr/bin/rustc --version), $(x86_64-w64-mingw32-gcc --version | head -n1)"

# 4. The C compiler and archiver for the bundled SQLite (the cc crate reads these), and windres
#    for build.rs.
export CC_x86_64_pc_windows_gnu=x86_64-w64-mingw32-gcc
export AR_x86_64_pc_windows_gnu=x86_64-w64-mingw32-ar
export WINDRES=x86_64-w64-mingw32-windres
# A target directory of its own: another compiler, and its own host build scripts (sharing
# target/ with rustup's cargo would make each rebuild the other's).
export CARGO_TARGET_DIR="$out_dir/cargo"

# 5. Build. RUSTC_BOOTSTRAP=1 lets this stable compiler accept -Zbuild-std (a nightly flag);
#    panic = "abort" because std is built with panic_abort (the app never catches a panic:
#    nothing changes for the user), only here, so tests and benchmarks keep unwinding.
#    --locked: exactly the crate versions of Cargo.lock, as the Linux build uses.
echo "== cargo build --release --target $target -Zbuild-std (cold: 20 min or more on 2 cores; then seconds)"
RUSTC_BOOTSTRAP=1 /usr/bin/cargo build --release --locked --target "$target" \
  -Zbuild-std=std,panic_abort \
  --config "target.$target.linker=\"x86_64-w64-mingw32-gcc\"" \
  --config 'profile.release.panic="abort"' \
  --bin virkplan

# 6. Strip the symbols (rustc leaves them in the PE file for the gnu target; most of the size).
mkdir -p "$out_dir"
x86_64-w64-mingw32-strip -o "$out_dir/virkplan.exe" "$CARGO_TARGET_DIR/$target/release/virkplan.exe"

# 7. Check what we ship: a GUI-subsystem PE32+ file that needs only Windows' own DLLs (no MinGW
#    runtime to ship beside it) and carries the icon and version resource.
dump="$(x86_64-w64-mingw32-objdump -p "$out_dir/virkplan.exe")"
grep -q 'Subsystem[[:space:]]*00000002' <<<"$dump" || { echo "build-windows: not a GUI-subsystem exe" >&2; exit 1; }
resources="$(x86_64-w64-mingw32-windres --input "$out_dir/virkplan.exe" --input-format=coff --output-format=rc 2>/dev/null || true)"
grep -q 'RT_GROUP_ICON' <<<"$resources" || { echo "build-windows: no icon in the exe" >&2; exit 1; }
grep -q 'VALUE "ProductName", L\?"virkplan"' <<<"$resources" || { echo "build-windows: no version information in the exe" >&2; exit 1; }
if grep -iE 'DLL Name: (libgcc|libstdc|libwinpthread)' <<<"$dump"; then
  echo "build-windows: the exe needs a MinGW runtime DLL" >&2; exit 1
fi
echo "== built $out_dir/virkplan.exe ($(stat -c %s "$out_dir/virkplan.exe") bytes) in $(( $(date +%s) - start )) s"

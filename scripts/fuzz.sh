#!/usr/bin/env bash
# Runs every fuzz target of fuzz/ for SECONDS seconds each (default 300), one after another,
# and prints each run's figures (issue 6). Not part of CI (docs/decisions.md): CI runs the
# property tests; this is run by hand and its figures go into docs/fuzzing.md.
#
#   scripts/fuzz.sh [SECONDS] [TARGET...]
#
# New corpus entries land in fuzz/corpus/<target>/ (committed). A run stops at its first crash,
# saved as fuzz/artifacts/<target>/crash-<sha1> (not committed: each one becomes a
# regression test in the tests of the layer it hit, e.g. tests/hostile_files.rs or tests/pdf.rs), and the script goes on with the next target.
set -euo pipefail

SECONDS_EACH="${1:-300}"
shift || true
cd "$(dirname "$0")/.."

# cargo-fuzz drives libFuzzer; install it from crates.io the first time.
if ! cargo fuzz --version >/dev/null 2>&1; then
    cargo install cargo-fuzz
fi

# cargo-fuzz passes nightly-only flags (-Zsanitizer=address, -Cpasses=sancov-module …) to
# rustc. On a stable toolchain RUSTC_BOOTSTRAP=1 lets rustc accept them; on nightly it is
# harmless.
export RUSTC_BOOTSTRAP=1

TARGETS=("$@")
if [ ${#TARGETS[@]} -eq 0 ]; then
    TARGETS=(json_import open_file units pdf_layout)
fi

# Build all targets first, so that the timed runs measure fuzzing, not compiling. nice: the
# fuzzer takes a whole core and should not slow down other work on the machine.
for t in "${TARGETS[@]}"; do
    nice -n 10 cargo fuzz build "$t"
done

# The open_file seeds (committed) are a real plan file, made by the command line's own
# import-json from the reference plan, and truncated copies of it; the target makes them when
# they are missing (see make_seeds in fuzz/fuzz_targets/open_file.rs).
if [ -z "$(ls -A fuzz/seeds/open_file 2>/dev/null)" ]; then
    VIRKPLAN_FUZZ_MAKE_SEEDS="$PWD/fuzz/seeds/open_file" nice -n 10 cargo fuzz run open_file -- -runs=0
fi

mkdir -p fuzz/logs
printf '%-12s %8s %12s %8s %8s %8s\n' target seconds executions exec/s corpus crashes
for t in "${TARGETS[@]}"; do
    mkdir -p "fuzz/corpus/$t" "fuzz/artifacts/$t"
    before=$(find "fuzz/artifacts/$t" -type f | wc -l)
    args=(
        -max_total_time="$SECONDS_EACH"
        # The figures below come from libFuzzer's final statistics.
        -print_final_stats=1
        # A plan file or a PDF layout takes milliseconds; more than 10 s is a hang, and is
        # reported as one (timeout-<sha1>).
        -timeout=10
    )
    if [ -f "fuzz/dict/$t.dict" ]; then
        # Member names of the JSON format: the fuzzer gets past "unknown field" sooner.
        args+=(-dict="fuzz/dict/$t.dict")
    fi
    log="fuzz/logs/$t.log"
    # One fuzzer at a time, nice'd. The first corpus folder receives new inputs; the seeds
    # (fuzz/seeds/<target>/: real files and typed texts) are only read.
    nice -n 10 cargo fuzz run "$t" "fuzz/corpus/$t" "fuzz/seeds/$t" -- "${args[@]}" \
        >"$log" 2>&1 || true
    execs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' | tail -1)
    rate=$(grep -o 'stat::average_exec_per_sec: *[0-9]*' "$log" | grep -o '[0-9]*$' | tail -1)
    files=$(find "fuzz/corpus/$t" -type f | wc -l)
    after=$(find "fuzz/artifacts/$t" -type f | wc -l)
    printf '%-12s %8s %12s %8s %8s %8s\n' "$t" "$SECONDS_EACH" "${execs:-?}" "${rate:-?}" \
        "$files" "$((after - before))"
done

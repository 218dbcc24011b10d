#!/usr/bin/env bash
# The full fuzz runs of issue 16 (scripts/fuzz/README.md): every target, 100,000 inputs
# each, twice — libFuzzer (coverage-guided, `-sanitize=fuzzer`) and the seeded mutation
# driver. Prints one summary line per run; exits 1 if any run found something.
#
#   bash scripts/fuzz/run.sh                 # 100,000 inputs per target and driver
#   INPUTS=5000 bash scripts/fuzz/run.sh     # a quicker pass
#   DRIVERS=seeded bash scripts/fuzz/run.sh  # skip the libFuzzer build
#
# Needs ../shared/data (the seeds are built from real files at start-up). Crash inputs
# that libFuzzer saves go to .build/fuzz/findings/<target>/.
set -u
cd "$(dirname "$0")/../.."
INPUTS="${INPUTS:-100000}"
DRIVERS="${DRIVERS:-libfuzzer seeded}"
SHARED="${SHARED:-../shared/data}"
TARGETS="${TARGETS:-spec csv table table-resealed points samples pickle pbz2}"
out=.build/fuzz
mkdir -p "$out"
status=0

if [[ " $DRIVERS " == *" seeded "* ]]; then
    swift build -c release --product nasreplay-fuzz >/dev/null || exit 2
    for t in $TARGETS; do
        .build/release/nasreplay-fuzz run "$t" --inputs "$INPUTS" --shared "$SHARED" 2>/dev/null | tail -1 | sed 's/^/seeded   /' || status=1
        [ "${PIPESTATUS[0]}" -eq 0 ] || status=1
    done
fi

if [[ " $DRIVERS " == *" libfuzzer "* ]]; then
    swift build -c release --product nasreplay-fuzz >/dev/null || exit 2
    # libFuzzer's own main: the entry point of LibFuzzerEntry.swift instead of FuzzDriver.
    swift build -c release --product nasreplay-fuzz --build-path .build-fuzz \
        -Xswiftc -sanitize=fuzzer -Xswiftc -DLIBFUZZER >/dev/null || exit 2
    for t in $TARGETS; do
        corpus="$out/corpus/$t"
        rm -rf "$corpus" && mkdir -p "$corpus" "$out/findings/$t"
        .build/release/nasreplay-fuzz seeds "$t" "$corpus" --shared "$SHARED" >/dev/null || exit 2
        log="$out/libfuzzer-$t.log"
        start=$(date +%s)
        NASREPLAY_FUZZ_TARGET="$t" .build-fuzz/release/nasreplay-fuzz "$corpus" -runs="$INPUTS" -seed=1 -timeout=10 \
            -rss_limit_mb=4096 -max_len=1048576 -artifact_prefix="$out/findings/$t/" -print_final_stats=1 >"$log" 2>&1
        code=$?
        runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$')
        cov=$(grep -o 'cov: [0-9]*' "$log" | tail -1)
        if [ "$code" -eq 0 ]; then
            echo "libFuzzer $t: ${runs:-?} inputs in $(( $(date +%s) - start )) s, $cov: no crash, no hang, no broken invariant"
        else
            echo "libFuzzer $t: stopped with exit $code after ${runs:-?} inputs; see $log and $out/findings/$t/"
            status=1
        fi
    done
fi
exit $status

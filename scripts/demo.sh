#!/usr/bin/env bash
# make demo: every algorithm on NATS-TSS in one run (experiments/demo-nats-tss.toml), then
# its summary and its two main figures. A finished run is reused (nasreplay run resumes).
# A third argument N runs only the first N trials, into results/trials-N/ (quick checks).
set -euo pipefail
BIN=${1:-.build/release/nasreplay}
DATASETS=${2:-datasets}
TRIALS=${3:-}
SPEC=experiments/demo-nats-tss.toml
RESULTS=results
FLAGS=()
if [ -n "$TRIALS" ]; then RESULTS=results/trials-$TRIALS; FLAGS=(--trials "$TRIALS" --results "$RESULTS"); fi
OUT=$RESULTS/demo-nats-tss

echo "== NASReplay demo: NATS-Bench topology space (NAS-Bench-201), 15,625 cells =="
echo "-- one architecture, by NASLib tuple"
"$BIN" query --datasets "$DATASETS" nats-tss 2-2-2-2-2-2 | sed -n '1,4p;7,9p'
echo
echo "-- random search, GA, aging evolution, NAS-EA-FA v2 (see accuracy only), NSGA-II and LINAS"
echo "   (see accuracy and Raspberry Pi 4 latency): $SPEC"
start=$SECONDS
"$BIN" run "$SPEC" --datasets "$DATASETS" ${FLAGS[@]+"${FLAGS[@]}"} | tail -n 1   # progress on stderr
"$BIN" report "$OUT" --html --datasets "$DATASETS" >/dev/null   # figures, summary.md and index.html
echo "   run and figures: $((SECONDS - start)) s"
echo
# The headline tables: normalised HV and the incumbent's test accuracy at the checkpoints.
# (the first table of the first two sections; summary.md has the rest: Table-3 form, tests)
awk '/^## /{n++; tables=0; if (n<=2) print; next}
     /^\|/{if (n<=2 && tables==0) print; intable=1; next}
     intable{tables++; intable=0}' "$OUT/summary.md"
echo
echo "report:  $OUT/index.html (open it in a browser: tables, verdicts, every figure, the spec)"
echo "summary: $OUT/summary.md"
echo "figures: $OUT/figures/hv.png (normalised hypervolume, mean and 95% CI)"
echo "         $OUT/figures/incumbent-c10_test_200ep.png (incumbent's CIFAR-10 test accuracy)"
echo "         (PDF and SVG beside them, each with its .csv and .gp; more figures in $OUT/figures/)"

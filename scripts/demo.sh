#!/usr/bin/env bash
# make demo: query the NATS-TSS table and show its accuracy/latency Pareto front.
set -euo pipefail
BIN=${1:-.build/release/nasreplay}
DATASETS=${2:-datasets}

echo "== NASReplay demo: NATS-Bench topology space (NAS-Bench-201), 15,625 cells =="
echo
echo "-- the all-conv3x3 cell, by arch string"
"$BIN" query --datasets "$DATASETS" nats-tss '|nor_conv_3x3~0|+|nor_conv_3x3~0|nor_conv_3x3~1|+|nor_conv_3x3~0|nor_conv_3x3~1|nor_conv_3x3~2|' | head -12
echo
echo "-- index 0, by official index"
"$BIN" query --datasets "$DATASETS" nats-tss 0 | head -12
echo
echo "-- a cell given as a NASLib tuple, as JSON"
"$BIN" query --datasets "$DATASETS" nats-tss 0-0-0-0-0-0 --json | cut -c1-400
echo
echo "-- the table's Pareto front: cifar10-valid accuracy (max) vs Raspberry Pi 4 latency (min)"
"$BIN" front --datasets "$DATASETS" nats-tss --objectives c10_valid_200ep:max,lat_ms_raspi4:min

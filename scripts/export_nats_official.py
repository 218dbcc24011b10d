#!/usr/bin/env python3
"""Export NATS-Bench's official per-epoch curves and training times to one CSV.

An alternative route: `nasreplay datasets import nats-official --dir DIR` reads the official
folders natively (no Python, and more columns: params, FLOPs, latency, per-seed accuracies).

For users who have the official benchmark files (they cannot be downloaded from the
project's machines). Needs `pip install nats_bench` and the files
`NATS-tss-v1_0-3ffb9-simple/` or `NATS-sss-v1_0-50262-simple/` under $TORCH_HOME.

    python3 scripts/export_nats_official.py --space tss --out nats_tss_official.csv.gz
    python3 scripts/export_nats_official.py --space sss --out nats_sss_official.csv.gz

Then build the table with `nasreplay datasets import nats-official --csv FILE`.

The output is long-format, one row per (architecture, dataset, hp, epoch), with the mean
over seeds that `get_more_info(..., is_random=False)` returns:

    space,index,arch,dataset,hp,epoch,train_loss,train_acc,train_time_s,
    valid_loss,valid_acc,valid_time_s,test_loss,test_acc,test_time_s

Accuracies are in percent, times in seconds per epoch, empty where NATS-Bench has no
value (e.g. 'valid' on cifar10, which has no held-out split). Reference: Dong et al.,
NATS-Bench, TPAMI 2021; API `nats_bench` 1.8 (ALGORITHMS.md §5).
"""
import argparse
import csv
import gzip
import sys

FIELDS = ["space", "index", "arch", "dataset", "hp", "epoch",
          "train_loss", "train_acc", "train_time_s",
          "valid_loss", "valid_acc", "valid_time_s",
          "test_loss", "test_acc", "test_time_s"]

# (our column, NATS key); NATS names the held-out split 'valid' or 'valtest' by dataset.
KEYS = [("train_loss", "train-loss"), ("train_acc", "train-accuracy"), ("train_time_s", "train-per-time"),
        ("valid_loss", "valid-loss"), ("valid_acc", "valid-accuracy"), ("valid_time_s", "valid-per-time"),
        ("test_loss", "test-loss"), ("test_acc", "test-accuracy"), ("test_time_s", "test-per-time")]

DATASETS = ["cifar10-valid", "cifar10", "cifar100", "ImageNet16-120"]


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--space", choices=["tss", "sss"], required=True)
    parser.add_argument("--out", required=True, help="output .csv or .csv.gz")
    parser.add_argument("--hp", nargs="*", help="hyper-parameter settings (default: 12 and 200 for tss; 01, 12, 90 for sss)")
    args = parser.parse_args()

    from nats_bench import create  # imported here so --help works without it
    api = create(None, args.space, fast_mode=True, verbose=False)
    hps = args.hp or (["12", "200"] if args.space == "tss" else ["01", "12", "90"])
    opener = gzip.open if args.out.endswith(".gz") else open
    with opener(args.out, "wt", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(FIELDS)
        for index in range(len(api)):
            arch = api.arch(index)
            for dataset in DATASETS:
                for hp in hps:
                    epochs = int(hp)
                    for epoch in range(epochs):
                        try:
                            info = api.get_more_info(index, dataset, iepoch=epoch, hp=hp, is_random=False)
                        except (ValueError, KeyError):
                            continue  # this (dataset, hp) was not trained for this architecture
                        row = [args.space, index, arch, dataset, hp, epoch]
                        row += ["" if info.get(key) is None else info[key] for _, key in KEYS]
                        writer.writerow(row)
            api.clear_params(index)
            if index % 500 == 0:
                print(f"{index}/{len(api)}", file=sys.stderr)


if __name__ == "__main__":
    main()

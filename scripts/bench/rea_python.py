"""A plain Python aging evolution (REA) on NATS-TSS, the baseline `nasreplay bench --only
results` sets a whole `nasreplay run` against: stdlib only, a dict from architecture to
accuracy, NATS-Bench's REA settings (population 10, sample 3, sampling with replacement,
one edge's operation changed per mutation), and its results written as a CSV of each
trial's best-so-far curve.

    python3 scripts/bench/rea_python.py NATS_CSV_GZ TRIALS EVALUATIONS OUT_CSV
"""
import collections
import csv
import gzip
import random
import sys

OPS = ["none", "skip_connect", "nor_conv_1x1", "nor_conv_3x3", "avg_pool_3x3"]


def load(path):
    """arch_str -> validation accuracy, and the list of architectures (as op tuples)."""
    accuracy = {}
    with gzip.open(path, "rt", newline="") as f:
        for row in csv.DictReader(f):
            ops = tuple(part.split("~")[0] for node in row["arch_str"].split("+") for part in node.strip("|").split("|"))
            accuracy[ops] = float(row["c10_valid_200ep__naswt"])
    return accuracy


def mutate(arch, rng):
    edge = rng.randrange(6)
    choices = [op for op in OPS if op != arch[edge]]
    return arch[:edge] + (rng.choice(choices),) + arch[edge + 1:]


def rea(accuracy, seed, evaluations, population=10, sample=3):
    rng = random.Random(seed)
    queue = collections.deque()
    best, curve = float("-inf"), []

    def evaluate(arch):
        nonlocal best
        value = accuracy[arch]
        best = max(best, value)
        curve.append(best)
        return value

    while len(queue) < population and len(curve) < evaluations:
        arch = tuple(rng.choice(OPS) for _ in range(6))
        queue.append((arch, evaluate(arch)))
    while len(curve) < evaluations:
        parent = max((rng.choice(queue) for _ in range(sample)), key=lambda member: member[1])
        child = mutate(parent[0], rng)
        queue.append((child, evaluate(child)))
        queue.popleft()
    return curve


def main():
    path, trials, evaluations, out = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
    accuracy = load(path)
    with open(out, "w", newline="") as f:
        writer = csv.writer(f)
        for trial in range(trials):
            writer.writerow(rea(accuracy, trial, evaluations))


if __name__ == "__main__":
    main()

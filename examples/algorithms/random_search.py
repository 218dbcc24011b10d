#!/usr/bin/env python3
"""Random search as an external algorithm: uniform gene vectors until the budget is spent.

    [[algorithm]]
    name = "py-random"
    type = "external"
    command = ["python3", "examples/algorithms/random_search.py"]   # relative to the spec's folder
    params = { batch = 10 }                                         # gene vectors per message

Draws from random.Random(seed of the trial), so a trial is the same on every run.
"""

import os
import random
import sys

# The client package without `pip install -e clients/python`.
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "clients", "python"))

import nasreplay  # noqa: E402


def search(trial):
    rng = random.Random(trial.seed)
    batch = int(trial.params.get("batch", 1))
    while not trial.done:
        # Under an evaluation budget, never ask for more than is left.
        n = batch if trial.budget_kind != "evaluations" else max(1, min(batch, int(trial.budget_left)))
        trial.evaluate([trial.space.sample(rng) for _ in range(n)])


if __name__ == "__main__":
    nasreplay.run(search)

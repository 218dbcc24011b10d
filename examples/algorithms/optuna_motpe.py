#!/usr/bin/env python3
"""Optuna's TPESampler in a multi-objective study with default settings (that is, MOTPE) as
an external algorithm, through study.ask()/study.tell(). Each gene is a categorical
suggestion over its values, range(lo, hi + 1). Checked with Optuna 5.1.0
(`python3 -m pip install optuna==5.1.0`).

    [[algorithm]]
    name = "optuna-motpe"
    type = "external"
    command = ["python3", "../examples/algorithms/optuna_motpe.py"]   # relative to the spec's folder
    timeout_s = 600
    params = { suggest = "categorical" }   # or "int": suggest_int(name, lo, hi) per gene

Directions come from the start message. A vector without an answer, or with an objective
the table lacks, is told as a failed trial (the sampler then ignores it). Seeded from the
trial's seed; Optuna's sampler takes a 32-bit seed, so the seed is reduced modulo 2**32.
"""

import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "clients", "python"))

import nasreplay  # noqa: E402

CHECKED_WITH = "5.1.0"

try:
    import optuna
    from optuna.trial import TrialState
except ImportError as error:
    # One line, so the harness's quote of stderr says what to install.
    print("optuna_motpe.py needs optuna (checked with %s): python3 -m pip install optuna==%s (%s)"
          % (CHECKED_WITH, CHECKED_WITH, error), file=sys.stderr)
    sys.exit(2)


def search(trial):
    # Optuna logs every trial at INFO; only warnings reach the harness's stderr quote.
    optuna.logging.set_verbosity(optuna.logging.WARNING)
    directions = ["maximize" if d == "max" else "minimize" for _, d in trial.objectives]
    sampler = optuna.samplers.TPESampler(seed=trial.seed % 2**32)
    study = optuna.create_study(directions=directions, sampler=sampler)
    suggest = trial.params.get("suggest", "categorical")
    if suggest not in ("categorical", "int"):
        raise ValueError("params.suggest must be \"categorical\" or \"int\", not %r" % (suggest,))
    while not trial.done:
        asked = study.ask()
        if suggest == "int":
            genes = [asked.suggest_int("g%d" % i, lo, hi) for i, (lo, hi) in enumerate(trial.space.bounds)]
        else:
            genes = [asked.suggest_categorical("g%d" % i, list(range(lo, hi + 1)))
                     for i, (lo, hi) in enumerate(trial.space.bounds)]
        result = trial.evaluate_one(genes)
        values = result.objectives if result.ok else None
        if values is None or any(v is None for v in values):
            study.tell(asked, state=TrialState.FAIL)
        else:
            study.tell(asked, values)


if __name__ == "__main__":
    nasreplay.run(search)

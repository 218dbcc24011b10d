#!/usr/bin/env python3
"""pymoo's NSGA-II as an external algorithm, driven by ask/tell, with the operators DyNAS-T
1.6.0 gives it (as the built-in `nsga2` does): integer random sampling, SBX (prob 0.9,
eta 15) and PM (eta 20) with rounding repair, duplicate elimination. Checked with pymoo
0.6.2 (`python3 -m pip install pymoo==0.6.2`).

    [[algorithm]]
    name = "pymoo-nsga2"
    type = "external"
    command = ["python3", "../examples/algorithms/pymoo_nsga2.py"]   # relative to the spec's folder
    params = { population = 50 }

pymoo minimises, so a "max" objective is negated; an objective without a value (or a vector
without an answer) becomes +inf, so it never survives. Seeded from the trial's seed.
"""

import contextlib
import math
import os
import random
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "clients", "python"))

import nasreplay  # noqa: E402

CHECKED_WITH = "0.6.2"

try:
    # pymoo can print a hint about compiled modules on import; stdout belongs to the protocol.
    with contextlib.redirect_stdout(sys.stderr):
        import numpy as np
        from pymoo.algorithms.moo.nsga2 import NSGA2
        from pymoo.core.evaluator import Evaluator
        from pymoo.core.problem import Problem
        from pymoo.core.termination import NoTermination
        from pymoo.operators.crossover.sbx import SBX
        from pymoo.operators.mutation.pm import PM
        from pymoo.operators.repair.rounding import RoundingRepair
        from pymoo.operators.sampling.rnd import IntegerRandomSampling
        from pymoo.problems.static import StaticProblem
except ImportError as error:
    # One line, so the harness's quote of stderr says what to install.
    print("pymoo_nsga2.py needs pymoo (checked with %s): python3 -m pip install pymoo==%s (%s)"
          % (CHECKED_WITH, CHECKED_WITH, error), file=sys.stderr)
    sys.exit(2)


def minimised(result, directions):
    """A result's objectives as pymoo minimises them."""
    values = result.objectives if result.ok and result.objectives is not None else [None] * len(directions)
    return [math.inf if v is None else (-v if d == "max" else v) for v, d in zip(values, directions)]


def algorithm(population):
    # DyNAS-T's settings (see the built-in nsga2 and specs/PYMOO-NSGA2.md).
    return NSGA2(
        pop_size=population,
        sampling=IntegerRandomSampling(),
        crossover=SBX(prob=0.9, eta=15, vtype=float, repair=RoundingRepair()),
        mutation=PM(prob=0.02, eta=20, vtype=float, repair=RoundingRepair()),
        eliminate_duplicates=True,
    )


def search(trial):
    if trial.budget_kind != "evaluations":
        raise ValueError("pymoo_nsga2.py runs under an evaluation budget only")
    directions = [d for _, d in trial.objectives]
    lo = np.array([b[0] for b in trial.space.bounds])
    hi = np.array([b[1] for b in trial.space.bounds])
    problem = Problem(n_var=trial.space.genes, n_obj=len(directions), xl=lo, xu=hi, vtype=int)
    nsga2 = algorithm(int(trial.params.get("population", 50)))
    nsga2.setup(problem, termination=NoTermination(), seed=trial.seed)
    fallback = random.Random(trial.seed)
    while not trial.done:
        population = nsga2.ask()
        genes = [] if population is None else [[int(g) for g in x] for x in population.get("X")]
        if not genes:
            # Mating found nothing new (a tiny space): spend the rest on random samples.
            trial.evaluate([trial.space.sample(fallback)])
            continue
        left = int(trial.budget_left)
        results = trial.evaluate(genes[:left])
        if len(genes) > left:
            break  # the budget ended inside this generation: pymoo never sees it
        F = np.array([minimised(r, directions) for r in results], dtype=float)
        Evaluator().eval(StaticProblem(problem, F=F), population)
        nsga2.tell(infills=population)


if __name__ == "__main__":
    nasreplay.run(search)

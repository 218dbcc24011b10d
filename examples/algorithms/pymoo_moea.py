#!/usr/bin/env python3
"""pymoo's AGE-MOEA, NSGA-III or U-NSGA-III as an external algorithm, driven by ask/tell,
with the settings DyNAS-T 1.6.0 gives them (as the built-in `age-moea`, `nsga3` and
`unsga3` do). Checked with pymoo 0.6.2; AGE-MOEA also needs numba
(`python3 -m pip install pymoo==0.6.2 numba`).

    [[algorithm]]
    name = "pymoo-unsga3"
    type = "external"
    command = ["python3", "../examples/algorithms/pymoo_moea.py"]   # relative to the spec's folder
    params = { algorithm = "unsga3", population = 50 }              # or "age-moea", "nsga3"

* age-moea: AGEMOEA with integer sampling, SBX(0.9, eta 15), PM(0.02, eta 20), rounding
  repair, duplicate elimination (DyNAS-T's `age`).
* unsga3: UNSGA3 with get_reference_directions("energy", n_obj, 20, seed=0), SBX(1.0,
  eta 30), PM(0.02, eta 20), rounding repair, duplicate elimination (DyNAS-T's `unsga3`).
* nsga3: NSGA3 with U-NSGA-III's directions and operators; `population` defaults to the
  number of directions, as pymoo's.

pymoo minimises, so a "max" objective is negated; an objective without a value becomes +inf.
Seeded from the trial's seed.
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
        from pymoo.algorithms.moo.nsga3 import NSGA3
        from pymoo.algorithms.moo.unsga3 import UNSGA3
        from pymoo.core.evaluator import Evaluator
        from pymoo.core.problem import Problem
        from pymoo.core.termination import NoTermination
        from pymoo.operators.crossover.sbx import SBX
        from pymoo.operators.mutation.pm import PM
        from pymoo.operators.repair.rounding import RoundingRepair
        from pymoo.operators.sampling.rnd import IntegerRandomSampling
        from pymoo.problems.static import StaticProblem
        from pymoo.util.ref_dirs import get_reference_directions
except ImportError as error:
    print("pymoo_moea.py needs pymoo (checked with %s): python3 -m pip install pymoo==%s (%s)"
          % (CHECKED_WITH, CHECKED_WITH, error), file=sys.stderr)
    sys.exit(2)


def minimised(result, directions):
    """A result's objectives as pymoo minimises them."""
    values = result.objectives if result.ok and result.objectives is not None else [None] * len(directions)
    return [math.inf if v is None else (-v if d == "max" else v) for v, d in zip(values, directions)]


def operators(sbx_prob, sbx_eta):
    return dict(
        sampling=IntegerRandomSampling(),
        crossover=SBX(prob=sbx_prob, eta=sbx_eta, vtype=float, repair=RoundingRepair()),
        mutation=PM(prob=0.02, eta=20, vtype=float, repair=RoundingRepair()),
        eliminate_duplicates=True,
    )


def algorithm(name, population, n_obj):
    if name in ("age-moea", "age"):
        try:
            with contextlib.redirect_stdout(sys.stderr):
                from pymoo.algorithms.moo.age import AGEMOEA
        except Exception as error:  # age.py raises a bare Exception without numba
            print("pymoo_moea.py: AGE-MOEA needs numba: python3 -m pip install numba (%s)" % error, file=sys.stderr)
            sys.exit(2)
        return AGEMOEA(pop_size=population or 50, **operators(0.9, 15))
    # DyNAS-T: energy directions, 20 points, seed=0 (pymoo ignores the seed).
    ref_dirs = get_reference_directions("energy", n_obj, 20, seed=0)
    if name == "unsga3":
        return UNSGA3(ref_dirs=ref_dirs, pop_size=population or 50, **operators(1.0, 30))
    if name == "nsga3":
        return NSGA3(ref_dirs=ref_dirs, pop_size=population, **operators(1.0, 30))
    raise ValueError("params.algorithm must be age-moea, nsga3 or unsga3, not %r" % name)


def search(trial):
    if trial.budget_kind != "evaluations":
        raise ValueError("pymoo_moea.py runs under an evaluation budget only")
    directions = [d for _, d in trial.objectives]
    lo = np.array([b[0] for b in trial.space.bounds])
    hi = np.array([b[1] for b in trial.space.bounds])
    problem = Problem(n_var=trial.space.genes, n_obj=len(directions), xl=lo, xu=hi, vtype=int)
    population = trial.params.get("population")
    # NSGA3's constructor prints a warning when pop_size < len(ref_dirs); stdout is the protocol's.
    with contextlib.redirect_stdout(sys.stderr):
        moea = algorithm(str(trial.params.get("algorithm", "unsga3")),
                         None if population is None else int(population), len(directions))
        moea.setup(problem, termination=NoTermination(), seed=trial.seed)
    fallback = random.Random(trial.seed)
    while not trial.done:
        with contextlib.redirect_stdout(sys.stderr):
            infills = moea.ask()
        genes = [] if infills is None else [[int(g) for g in x] for x in infills.get("X")]
        if not genes:
            # Mating found nothing new (a tiny space): spend the rest on random samples.
            trial.evaluate([trial.space.sample(fallback)])
            continue
        left = int(trial.budget_left)
        results = trial.evaluate(genes[:left])
        if len(genes) > left:
            break  # the budget ended inside this generation: pymoo never sees it
        F = np.array([minimised(r, directions) for r in results], dtype=float)
        Evaluator().eval(StaticProblem(problem, F=F), infills)
        with contextlib.redirect_stdout(sys.stderr):
            moea.tell(infills=infills)


if __name__ == "__main__":
    nasreplay.run(search)

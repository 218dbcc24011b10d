#!/usr/bin/env python3
"""pymoo's MOEA/D or C-TAEA as an external algorithm, driven by ask/tell, with DyNAS-T
1.6.0's settings (as the built-in `moead` and `ctaea`). Checked with pymoo 0.6.2
(`python3 -m pip install pymoo==0.6.2`).

    [[algorithm]]
    name = "pymoo-moead"
    type = "external"
    command = ["python3", "../examples/algorithms/pymoo_decomposition.py"]
    params = { algorithm = "moead" }        # or "ctaea"; budget = "generations" | "exact"

Settings (`dynast/search/evolutionary.py`, configure_moead / configure_ctaea):
* both: 20 energy reference directions (pymoo ignores the seed), IntegerRandomSampling;
* MOEA/D: n_neighbors 20, SBX(prob 1.0, eta 20) and PM(eta 20) with RoundingRepair.
  DyNAS-T passes PM(prob=None), which raises a TypeError when the mutation runs; this
  client leaves prob out, so pymoo's PM default (0.9) is used, as the built-in does;
* C-TAEA: pymoo's defaults otherwise: SBX(n_offsprings=1, eta 30, prob 1.0), PM(eta 20),
  no repair, so genes stay floats; each gene is evaluated as round(x) (half to even, as
  DyNAS-T's encoding rounds).

Ask/tell: pymoo's MOEAD is a LoopwiseAlgorithm, so `ask()` hands out the initial 20, then
one offspring at a time, and each offspring is told before the next is asked; that is
pymoo's own generator order, nothing is batched. C-TAEA asks 20 per generation.

Budget: DyNAS-T runs int(evaluations / 20) generations of 20 (`budget = "generations"`,
the default), or the whole budget with `budget = "exact"`. pymoo minimises, so a "max"
objective is negated; a missing value becomes +inf. Seeded from the trial's seed.
"""

import contextlib
import math
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "clients", "python"))

import nasreplay  # noqa: E402

CHECKED_WITH = "0.6.2"

try:
    with contextlib.redirect_stdout(sys.stderr):
        import numpy as np
        from pymoo.algorithms.moo.ctaea import CTAEA
        from pymoo.algorithms.moo.moead import MOEAD
        from pymoo.core.evaluator import Evaluator
        from pymoo.core.individual import Individual
        from pymoo.core.population import Population
        from pymoo.core.problem import Problem
        from pymoo.core.termination import NoTermination
        from pymoo.operators.crossover.sbx import SBX
        from pymoo.operators.mutation.pm import PM
        from pymoo.operators.repair.rounding import RoundingRepair
        from pymoo.operators.sampling.rnd import IntegerRandomSampling
        from pymoo.problems.static import StaticProblem
        from pymoo.util.ref_dirs import get_reference_directions
except ImportError as error:
    print("pymoo_decomposition.py needs pymoo (checked with %s): python3 -m pip install pymoo==%s (%s)"
          % (CHECKED_WITH, CHECKED_WITH, error), file=sys.stderr)
    sys.exit(2)

PER_GENERATION = 20


def minimised(result, directions):
    values = result.objectives if result.ok and result.objectives is not None else [None] * len(directions)
    return [math.inf if v is None else (-v if d == "max" else v) for v, d in zip(values, directions)]


def algorithm(name, n_obj, seed):
    if name == "moead":
        ref_dirs = get_reference_directions("energy", n_obj, PER_GENERATION, seed=seed).astype("float64")
        return MOEAD(
            ref_dirs=ref_dirs,
            n_neighbors=20,
            sampling=IntegerRandomSampling(),
            crossover=SBX(prob=1.0, eta=20.0, vtype=float, repair=RoundingRepair()),
            mutation=PM(eta=20.0, vtype=float, repair=RoundingRepair()),
        )
    if name == "ctaea":
        ref_dirs = get_reference_directions("energy", n_obj, PER_GENERATION, seed=0).astype("float64")
        return CTAEA(ref_dirs=ref_dirs, sampling=IntegerRandomSampling(), eliminate_duplicates=True)
    raise ValueError("params.algorithm must be \"moead\" or \"ctaea\", not %r" % name)


def search(trial):
    if trial.budget_kind != "evaluations":
        raise ValueError("pymoo_decomposition.py runs under an evaluation budget only")
    directions = [d for _, d in trial.objectives]
    lo = np.array([b[0] for b in trial.space.bounds])
    hi = np.array([b[1] for b in trial.space.bounds])
    problem = Problem(n_var=trial.space.genes, n_obj=len(directions), xl=lo, xu=hi, vtype=int)
    name = str(trial.params.get("algorithm", "moead"))
    search_algorithm = algorithm(name, len(directions), trial.seed)
    search_algorithm.setup(problem, termination=NoTermination(), seed=trial.seed)
    budget = int(trial.budget_left)
    if str(trial.params.get("budget", "generations")) == "generations":
        budget = PER_GENERATION * max(1, budget // PER_GENERATION)
    spent = 0
    while not trial.done and spent < budget:
        asked = search_algorithm.ask()
        # MOEAD (a LoopwiseAlgorithm) asks one Individual; it must be told that Individual.
        population = Population.create(asked) if isinstance(asked, Individual) else asked
        if population is None or len(population) == 0:
            break  # mating bred nothing new: pymoo stops
        # DyNAS-T's encoding: round() each gene (C-TAEA's are floats).
        genes = [[int(round(float(g))) for g in x] for x in population.get("X")]
        left = min(int(trial.budget_left), budget - spent)
        results = trial.evaluate(genes[:left])
        spent += min(left, len(genes))
        if len(genes) > left:
            break  # the budget ended inside this generation: pymoo never sees it
        F = np.array([minimised(r, directions) for r in results], dtype=float)
        Evaluator().eval(StaticProblem(problem, F=F), population)
        search_algorithm.tell(infills=asked if isinstance(asked, Individual) else population)


if __name__ == "__main__":
    nasreplay.run(search)

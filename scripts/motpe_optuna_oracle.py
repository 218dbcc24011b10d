#!/usr/bin/env python3
"""Reference values for the built-in MOTPE's unit tests, computed with Optuna itself.

    python3 scripts/motpe_optuna_oracle.py      # Optuna 5.1.0 (python3 -m pip install optuna==5.1.0)

Prints, for Tests/OptimizersTests/{TPEParzenEstimatorTests,MOTPESplitTests,
HypervolumeSubsetSelectionTests,TPEWeightsTests}.swift:

* the mixture log-density of every choice for categorical and int Parzen estimators
  (Optuna's `_ParzenEstimator.log_pdf`) with uniform and `default_weights` weights;
* `default_weights(n)` and the gammas;
* below/above splits of `_split_complete_trials_multi_objective` (non-domination rank plus
  HSSP on the last front) for 2 and 3 objectives, with maximised objectives and duplicates;
* `_solve_hssp` selections.

Every number in those tests' constants comes from this script's output; none is derived
by hand.
"""

import numpy as np
import optuna
from optuna.distributions import CategoricalDistribution, IntDistribution
from optuna.samplers._tpe.parzen_estimator import _ParzenEstimator, _ParzenEstimatorParameters
from optuna.samplers._tpe import sampler as tpe
from optuna._hypervolume.hssp import _solve_hssp

optuna.logging.set_verbosity(optuna.logging.WARNING)
np.set_printoptions(precision=17, floatmode="unique", linewidth=200)
print("optuna", optuna.__version__)

params = _ParzenEstimatorParameters(prior_weight=1.0, consider_magic_clip=True, consider_endpoints=False,
                                    weights=tpe.default_weights, multivariate=True)


def log_pdfs(dist, observations, choices, weights=None):
    pe = _ParzenEstimator({"x": np.asarray(observations, dtype=float)}, {"x": dist}, params,
                          None if weights is None else np.asarray(weights, dtype=float))
    return pe.log_pdf({"x": np.asarray(choices, dtype=float)}).tolist()


rng = np.random.RandomState(7)
obs30 = rng.randint(0, 5, size=30).tolist()
print("obs30", obs30)
cat = CategoricalDistribution([0, 1, 2, 3, 4])
print("categorical empty", log_pdfs(cat, [], range(5)))
print("categorical [0,3,3] uniform", log_pdfs(cat, [0, 3, 3], range(5), [1, 1, 1]))
print("categorical obs30 default_weights", log_pdfs(cat, obs30, range(5)))
integer = IntDistribution(0, 4)
print("int empty", log_pdfs(integer, [], range(5)))
print("int [2] uniform", log_pdfs(integer, [2], range(5), [1]))
print("int [0,3,3,4] uniform", log_pdfs(integer, [0, 3, 3, 4], range(5), [1, 1, 1, 1]))
# With repeated values, which kernel of a tie gets the wide width follows np.argsort's
# order, which numpy 2.x leaves to its SIMD sort (hardware-dependent); with ramp weights the
# density depends on it. Printed with argsort forced stable (the built-in's order), and
# with distinct values, where the order is unique.
_argsort = np.argsort
np.argsort = lambda a, *args, **kw: _argsort(a, *args, **{**kw, "kind": "stable"})
print("int obs30 default_weights (stable argsort)", log_pdfs(integer, obs30, range(5)))
np.argsort = _argsort
distinct30 = (np.random.RandomState(8).permutation(41)[:30]).tolist()
print("distinct30", distinct30)
print("int(0,40) distinct30 default_weights", log_pdfs(IntDistribution(0, 40), distinct30, [0, 7, 13, 20, 33, 40]))
wide = IntDistribution(-3, 9)
print("int(-3,9) [-3,0,8] uniform", log_pdfs(wide, [-3, 0, 8], range(-3, 10), [1, 1, 1]))

print("default_weights 26", tpe.default_weights(26).tolist())
print("default_weights 30", tpe.default_weights(30).tolist())
print("gamma multi", [tpe.default_gamma_multiobjective(n) for n in (10, 11, 100, 249, 300)])
print("gamma single", [tpe.default_gamma(n) for n in (10, 11, 100, 249, 300)])


def split(values, directions, n_below):
    study = optuna.create_study(directions=directions)
    trials = [optuna.trial.create_trial(values=v, params={}, distributions={}) for v in values]
    for i, t in enumerate(trials):
        t.number = i
    below, _ = tpe._split_complete_trials_multi_objective(trials, study, n_below)
    return sorted(t.number for t in below)


rng = np.random.RandomState(11)
values2 = np.round(rng.rand(40, 2) * 10, 1).tolist()
values2[5] = list(values2[3])  # a duplicate
print("values2", values2)
for k in (1, 4, 7, 13):
    print("split2 min/max n_below", k, split(values2, ["minimize", "maximize"], k))
values3 = np.round(rng.rand(30, 3) * 10, 1).tolist()
print("values3", values3)
for k in (2, 5, 9):
    print("split3 min/min/min n_below", k, split(values3, ["minimize", "minimize", "minimize"], k))

front = np.array([[1, 9], [2, 7], [3, 6.5], [4, 4], [6, 3], [8, 2.5], [9, 1]], dtype=float)
ref = np.array([10.0, 10.0])
for k in (1, 3, 5):
    print("hssp2d k", k, _solve_hssp(front, np.arange(10, 17), k, ref).tolist())
dup = np.array([[1, 3], [2, 2], [1, 3], [3, 1], [2, 2]], dtype=float)
print("hssp dup k 4", _solve_hssp(dup, np.arange(5), 4, np.array([4.0, 4.0])).tolist())
front3 = np.array([[1, 5, 5], [5, 1, 5], [5, 5, 1], [2, 2, 4], [4, 2, 2], [2, 4, 2], [3, 3, 3]], dtype=float)
for k in (1, 2, 4):
    print("hssp3d k", k, _solve_hssp(front3, np.arange(7), k, np.array([6.0, 6.0, 6.0])).tolist())

# End to end: log l(x) − log g(x) of every choice of every gene, as TPESampler builds them
# for the next trial of a two-objective study (maximize, minimize) with 40 completed trials
# of six categorical genes over range(5) (the optuna_motpe.py client's suggestions).
rng = np.random.RandomState(21)
genes40 = rng.randint(0, 5, size=(40, 6)).tolist()
values40 = np.round(rng.rand(40, 2) * 100, 2).tolist()
print("genes40", genes40)
print("values40", values40)
dists = {"g%d" % i: CategoricalDistribution(list(range(5))) for i in range(6)}
study = optuna.create_study(directions=["maximize", "minimize"], sampler=tpe.TPESampler(seed=0))
for g, v in zip(genes40, values40):
    study.add_trial(optuna.trial.create_trial(values=v, params={"g%d" % i: x for i, x in enumerate(g)},
                                              distributions=dists))
sampler = study.sampler
trials = study.get_trials(deepcopy=False)
below, above = tpe._split_trials(study, trials, tpe.default_gamma_multiobjective(len(trials)))
print("below40", [t.number for t in below])
for name, dist in dists.items():
    space = {name: dist}
    l = sampler._build_parzen_estimator(study, space, below, handle_below=True)
    g = sampler._build_parzen_estimator(study, space, above, handle_below=False)
    x = {name: np.arange(5, dtype=float)}
    print("acquisition", name, (l.log_pdf(x) - g.log_pdf(x)).tolist())

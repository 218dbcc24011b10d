import NASCore
import SearchSpaces

/// A search algorithm. Single-objective ones maximise the first objective of the
/// evaluator (in its direction); multi-objective ones use all objectives.
///
/// It sees only the space, the trial's evaluator and its own random stream (DESIGN.md:
/// optimizers never touch files), and stops when the trial's budget is spent.
public protocol Optimizer: Sendable {
    func run<S: SearchSpace, E: Evaluator>(space: S, trial: TrialEvaluator<E>, rng: inout Xoshiro256StarStar)
        where E.Architecture == S.Architecture
}

/// The scalar every single-objective optimizer maximises: the first objective, sign-flipped
/// for `min`. NaN (e.g. the 341 NATS cells without a NASWT score) becomes −∞, so it never
/// wins a comparison.
@inline(__always)
func fitness(_ evaluation: Evaluation, _ objective: Objective) -> Double {
    fitness(evaluation.objectives[0], objective)
}

/// `fitness` of a first objective's value (`TrialEvaluator.objective(0, at:)`).
@inline(__always)
func fitness(_ value: Double, _ objective: Objective) -> Double {
    if value.isNaN { return -.infinity }
    return objective.maximised(value)
}

/// An architecture with its fitness, as populations hold them.
struct Individual<A> {
    var architecture: A
    var fitness: Double
}

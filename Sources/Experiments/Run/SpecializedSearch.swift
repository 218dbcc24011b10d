import Benchmarks
import NASCore
import Optimizers
import SearchSpaces

/// The hot searches, called with their concrete types so that the compiler specialises
/// them: the same code, without the generic calls per evaluation.
///
/// ```swift
/// if !SpecializedSearch.run(optimizer, space: space, trial: trial, rng: &rng) {
///     optimizer.run(space: space, trial: trial, rng: &rng)   // the generic path
/// }
/// ```
///
/// A trial reaches its optimizer through `any Optimizer`, from a visitor reached through
/// `any SpaceBinding`, so `run` is otherwise generic at run time: every space and
/// evaluator call a witness-table call. Release builds compile the library targets with
/// `-cross-module-optimization` (Package.swift), which lets this module specialise their
/// generic code. The results are the same code's, so bit-identical. Listed: aging evolution
/// on NATS-TSS (issue 18's acceptance run), whose whole run took 0.91–0.96× the time;
/// NSGA-II gained 1.5 %, within the noise, and is not listed.
enum SpecializedSearch {
    /// Runs `optimizer` with concrete types when it and the trial are a listed pair;
    /// false (nothing run) otherwise.
    static func run<S: SearchSpace, E: Evaluator>(_ optimizer: any Optimizer, space: S, trial: TrialEvaluator<E>,
                                                 rng: inout Xoshiro256StarStar) -> Bool {
        guard let space = space as? NATSTopologySpace,
              let trial = trial as? TrialEvaluator<TableEvaluator<NATSTopologyBenchmark>> else { return false }
        switch optimizer {
        case let aging as AgingEvolution: aging.run(space: space, trial: trial, rng: &rng)
        default: return false
        }
        return true
    }
}

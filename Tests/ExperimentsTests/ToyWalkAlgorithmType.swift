import Experiments
import NASCore
import Optimizers
import SearchSpaces

/// A toy algorithm type, declared in this one file and registered by the tests only: a
/// random walk that mutates its current architecture `walk` times, then jumps to a fresh
/// sample. It shows what adding a type takes: an optimizer, its keys, and nothing else.
enum ToyWalkType: AlgorithmType {
    static let name = "toy-walk"
    static let aliases = ["walk"]
    static let summary = "random walks through the space's mutation, restarted from a fresh sample"
    static let reference = "a test fixture, no paper"
    static let keys = [AlgorithmKey("walk", .int(1...1_000), default: .value(.int(5)), "mutations before a fresh sample")]
    static let support = AlgorithmSupport(objectives: 1...1)
    static let mutatesThroughSpace = true

    static func makeOptimizer(_ keys: inout AlgorithmKeyValues) throws(SpecError) -> any Optimizer {
        ToyWalk(walk: try keys.int("walk") ?? 5)
    }
}

struct ToyWalk: Optimizer {
    var walk: Int

    func run<S: SearchSpace, E: Evaluator>(space: S, trial: TrialEvaluator<E>, rng: inout Xoshiro256StarStar)
        where E.Architecture == S.Architecture {
        while !trial.isExhausted {
            var current = space.sample(using: &rng)
            for _ in 0...walk where !trial.isExhausted {
                _ = trial.evaluate(current)
                current = space.mutate(current, using: &rng)
            }
        }
    }
}

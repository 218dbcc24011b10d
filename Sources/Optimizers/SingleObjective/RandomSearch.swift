import NASCore
import SearchSpaces

/// Random search: sample uniformly until the budget is spent.
///
/// ```swift
/// RandomSearch(skipDuplicates: true).run(space: space, trial: trial, rng: &rng)
/// ```
///
/// With `skipDuplicates`, an architecture already sampled in this trial is drawn again
/// without a query (the "improved" RS of `fzjcdt/NAS-EA-FA`, §1.7); without it, every
/// sample is queried (NATS-Bench `random_wo_share.py`).
public struct RandomSearch: Optimizer {
    public var skipDuplicates: Bool

    public init(skipDuplicates: Bool = false) { self.skipDuplicates = skipDuplicates }

    public func run<S: SearchSpace, E: Evaluator>(space: S, trial: TrialEvaluator<E>, rng: inout Xoshiro256StarStar)
        where E.Architecture == S.Architecture {
        var seen = Set<S.Architecture>()
        var consecutiveRepeats = 0
        while !trial.isExhausted {
            let candidate = space.sample(using: &rng)
            if skipDuplicates {
                guard seen.insert(candidate).inserted else {
                    consecutiveRepeats += 1
                    // The whole space has been seen: nothing new to sample. With s seen of
                    // s + 1 cells, 64·s draws all miss the last one with probability e⁻⁶⁴,
                    // so a budget of every cell (which validation allows) is spent.
                    if consecutiveRepeats > max(100_000, 64 * seen.count) { return }
                    continue
                }
                consecutiveRepeats = 0
            }
            if trial.evaluateLogged(candidate) == nil && trial.isExhausted { return }
        }
    }
}

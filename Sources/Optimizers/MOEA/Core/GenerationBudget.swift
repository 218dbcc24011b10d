import NASCore

/// How a generational MOEA with a fixed batch per generation meets an evaluation budget.
///
/// ```swift
/// GenerationBudget.generations.generationLimit(for: .evaluations(250), perGeneration: 20)   // 12: 240 evaluations
/// GenerationBudget.exact.generationLimit(for: .evaluations(250), perGeneration: 20)         // nil: all 250
/// ```
///
/// DyNAS-T 1.6.0 runs C-TAEA and MOEA/D with pymoo's `('n_gen', int(num_evals / 20))`
/// (ALGORITHMS.md D.1 and L.3, item 4 of its bug list): the initial population is
/// generation 1 and every generation is 20 evaluations, so a budget that is not a multiple
/// of 20 is undershot (250 → 240). `exact` keeps breeding until the trial's budget is spent,
/// cutting the last generation short.
public enum GenerationBudget: String, Sendable, CaseIterable {
    /// DyNAS-T / pymoo: `int(evaluations / perGeneration)` whole generations.
    case generations
    /// Exactly the trial's budget; the last generation may be cut short.
    case exact

    /// pymoo's `n_gen` for this budget; nil runs until the trial is exhausted (also for a
    /// simulated-time budget, which has no generation count).
    ///
    /// - Complexity: O(1)
    public func generationLimit(for budget: Budget, perGeneration: Int) -> Int? {
        guard self == .generations, case .evaluations(let n) = budget else { return nil }
        // pymoo needs at least one generation (the initial population) to run at all.
        return max(1, n / perGeneration)
    }
}

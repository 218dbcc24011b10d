import NASCore
import SearchSpaces

/// A MOEA whose population is one individual per stored pymoo reference direction and whose
/// evaluation budget becomes whole generations of that size (MOEA/D and C-TAEA as DyNAS-T
/// runs them): the directions and the standalone run they share.
///
/// ```swift
/// struct MyDecomposition: StoredDirectionsMOEA { var directionCount = 20; var budget = GenerationBudget.generations; var generations: Int? }
/// ```
public protocol StoredDirectionsMOEA: GenerationalMOEA {
    /// Reference directions, and so the population (pymoo `pop_size = len(ref_dirs)`).
    var directionCount: Int { get }
    /// How an evaluation budget becomes generations (DyNAS-T: whole generations).
    var budget: GenerationBudget { get }
    /// pymoo `('n_gen', G)` for a run; nil: from `budget` and the trial's budget.
    var generations: Int? { get set }
}

extension StoredDirectionsMOEA {
    public var generationLimit: Int? { generations }

    /// pymoo 0.6.2's energy directions for this many objectives (its stored arrays: 20
    /// points in 2 and 3 dimensions).
    ///
    /// - Precondition: pymoo's energy array for (`objectiveCount`, `directionCount`) is stored.
    public func directions(objectiveCount: Int) -> [[Double]] {
        guard let d = PymooEnergyDirections.directions(dimensions: objectiveCount, points: directionCount) else {
            preconditionFailure("no stored pymoo energy directions for \(objectiveCount) objectives × \(directionCount) points")
        }
        return d
    }

    public func run<S: SearchSpace, E: Evaluator>(space: S, trial: TrialEvaluator<E>, rng: inout Xoshiro256StarStar)
        where E.Architecture == S.Architecture {
        var configured = self
        if configured.generations == nil {
            configured.generations = budget.generationLimit(for: trial.budget, perGeneration: directionCount)
        }
        configured.runGenerations(space: space, trial: trial, rng: &rng)
    }
}

import NASCore
import SearchSpaces

/// A population MOEA on a space's integer-gene view, written once as an ask/tell loop and
/// driven two ways: against a benchmark trial (`runGenerations`, the standalone algorithm)
/// and against any objective function (`evolveGenerations`, LINAS's inner search on
/// predictions).
///
/// ```swift
/// struct MyMOEA: GenerationalMOEA {
///     func makeState(bounds: GeneBounds, objectiveCount: Int, initial: [[Int]]?) -> MyState { … }
///     func run<S, E>(space: S, trial: TrialEvaluator<E>, rng: inout Xoshiro256StarStar) … {
///         runGenerations(space: space, trial: trial, rng: &rng)
///     }
/// }
/// ```
///
/// Objectives are minimised (a `max` objective arrives negated), as pymoo sees them.
public protocol GenerationalMOEA: Optimizer {
    associatedtype State: MOEAState

    /// A fresh loop. `initial` replaces the random first population (a warm start).
    func makeState(bounds: GeneBounds, objectiveCount: Int, initial: [[Int]]?) -> State

    /// pymoo `('n_gen', G)` for a standalone run: nil runs until the trial's budget is spent.
    var generationLimit: Int? { get }
}

/// One run of a `GenerationalMOEA`: what it asks next, what it is told, what it holds.
public protocol MOEAState: Sendable {
    /// The next genomes to evaluate; empty when the algorithm stops (no new genome bred).
    ///
    /// - Precondition: the previous batch has been told.
    mutating func ask(using rng: inout Xoshiro256StarStar) -> [[Int]]

    /// Minimised objectives of the asked genomes, in order. A shorter answer means only that
    /// prefix was evaluated (a spent budget); the rest is dropped. NaN is read as `+∞`.
    mutating func tell(_ objectives: [[Double]], using rng: inout Xoshiro256StarStar)

    /// pymoo's `n_gen`: generations told so far, the initial population included.
    var generation: Int { get }

    /// The current population (pymoo `res.pop`): genes and minimised objectives, in the
    /// algorithm's order.
    var populationGenes: [[Int]] { get }
    var populationObjectives: [[Double]] { get }
}

extension GenerationalMOEA {
    public var generationLimit: Int? { nil }

    /// The standalone loop: asks, evaluates each genome through the trial, tells, until the
    /// budget is spent, `generationLimit` is reached or the algorithm stops.
    ///
    /// An architecture the trial cannot answer while budget remains (off-table under
    /// `reject`) keeps its place with objectives `+∞`, so survival discards it unless its
    /// whole front is unanswerable: pymoo's batch sizes and evaluation order are kept.
    public func runGenerations<S: SearchSpace, E: Evaluator>(space: S, trial: TrialEvaluator<E>, rng: inout Xoshiro256StarStar)
        where E.Architecture == S.Architecture {
        let objectives = trial.evaluator.objectives
        guard !objectives.isEmpty else { return }
        let unanswerable = [Double](repeating: .infinity, count: objectives.count)
        var state = makeState(bounds: GeneBounds(space.geneBounds), objectiveCount: objectives.count, initial: nil)
        while !trial.isExhausted {
            if let g = generationLimit, state.generation >= g { return }
            let batch = state.ask(using: &rng)
            if batch.isEmpty { return }
            var answers: [[Double]] = []
            answers.reserveCapacity(batch.count)
            for genes in batch {
                // The population keeps pymoo's X (the genes); a space that repairs invalid
                // genomes evaluates the repaired architecture, as DyNAS-T's problem does.
                let architecture = space.architecture(fromGenes: genes, using: &rng)
                if let logged = trial.evaluateLogged(architecture) {
                    answers.append(objectives.indices.map { objectives[$0].minimised(trial.objective($0, at: logged)) })
                } else if trial.isExhausted {
                    break
                } else {
                    answers.append(unanswerable)
                }
            }
            state.tell(answers, using: &rng)
        }
    }

    /// Runs `generations` generations on `objectives` (minimised vectors, one per genome)
    /// and returns the final state; its population is pymoo's `res.pop`.
    ///
    /// - Precondition: `generations >= 1` (pymoo divides by it).
    public func evolveGenerations(bounds: [ClosedRange<Int>], objectiveCount: Int, generations: Int,
                                  using rng: inout Xoshiro256StarStar, initial: [[Int]]? = nil,
                                  objectives: ([[Int]]) -> [[Double]]) -> State {
        precondition(generations >= 1, "pymoo's n_gen termination needs at least one generation")
        var state = makeState(bounds: GeneBounds(bounds), objectiveCount: objectiveCount, initial: initial)
        while state.generation < generations {
            let batch = state.ask(using: &rng)
            if batch.isEmpty { break }
            let answers = objectives(batch)
            precondition(answers.count == batch.count, "one objective vector per genome")
            state.tell(answers, using: &rng)
        }
        return state
    }
}

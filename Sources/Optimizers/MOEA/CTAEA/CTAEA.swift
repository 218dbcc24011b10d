import NASCore
import SearchSpaces

/// C-TAEA on a space's genes, as pymoo 0.6.2 runs it with DyNAS-T 1.6.0's settings: float
/// genomes, rounded only when evaluated.
///
/// ```swift
/// // 3 objectives: 20 energy directions, convergence and diversity archives of 20 each.
/// CTAEA().run(space: space, trial: trial, rng: &rng)
/// ```
///
/// Li, Chen, Fu & Yao 2019 ("Two-archive evolutionary algorithm for constrained
/// multiobjective optimization", IEEE TEC 23(2)), as `pymoo/algorithms/moo/ctaea.py` with
/// `dynast/search/evolutionary.py`'s `configure_ctaea` (ALGORITHMS.md L.3, D.1; MOEA.md
/// "pymoo facts"): 20 directions from `get_reference_directions("energy", M, 20, seed=0)`
/// (`PymooEnergyDirections`), `IntegerRandomSampling`, and otherwise pymoo's defaults:
/// `RestrictedMating` over both archives, SBX(prob 1.0, η 30, one child per mating),
/// PM(prob 0.9, η 20), duplicate elimination, `CADASurvival`.
///
/// **pymoo quirk kept:** neither operator has a `RoundingRepair`, so after the first
/// generation genes are floats. The state keeps them (duplicate elimination compares the
/// floats, as pymoo's does) and asks for `round(x)` (half to even, DyNAS-T's encoding).
/// Distinct floats that round to one architecture are evaluated again: on NATS-TSS about
/// half of 500 evaluations repeat a row.
///
/// - Complexity: per generation O(N² M) for the survival and mating ranks (N = 2 × 20).
public struct CTAEA: StoredDirectionsMOEA {
    /// Reference directions, and so the size of each archive (pymoo `pop_size`).
    public var directionCount: Int
    public var sampling: IntegerRandomSampling
    /// SBX; `singleFloatChild` keeps one of the two children (pymoo `n_offsprings=1`).
    public var crossover: SimulatedBinaryCrossover
    public var mutation: PolynomialMutation
    /// Mating rounds per generation before giving up on filling the offspring with
    /// non-duplicates (pymoo `n_max_iterations`).
    public var maxMatingRounds: Int
    /// How an evaluation budget becomes generations (DyNAS-T: whole generations).
    public var budget: GenerationBudget
    /// pymoo `('n_gen', G)` for a run; nil: from `budget` and the trial's budget.
    public var generations: Int?

    public init(directionCount: Int = 20, budget: GenerationBudget = .generations, generations: Int? = nil,
                maxMatingRounds: Int = 100) {
        precondition(directionCount >= 2, "C-TAEA needs at least two directions")
        self.directionCount = directionCount
        self.sampling = IntegerRandomSampling()
        self.crossover = SimulatedBinaryCrossover(probability: 1.0, eta: 30)
        self.mutation = PolynomialMutation(probability: 0.9, eta: 20, semantics: .pymoo06)
        self.maxMatingRounds = maxMatingRounds
        self.budget = budget
        self.generations = generations
    }

    public func makeState(bounds: GeneBounds, objectiveCount: Int, initial: [[Int]]?) -> State {
        State(algorithm: self, bounds: bounds, objectiveCount: objectiveCount, initial: initial)
    }
}

import NASCore
import SearchSpaces

/// NSGA-II on any search space's integer-gene view, faithful to pymoo 0.6.2 as DyNAS-T
/// 1.6.0 configures it.
///
/// ```swift
/// // A benchmark trial (every objective of the evaluator, minimised by direction):
/// NSGA2(population: 50).run(space: space, trial: trial, rng: &rng)
///
/// // A predictor (LINAS's inner loop): 50 individuals × 400 generations.
/// let final = NSGA2(population: 50).evolve(space: space, generations: 400, using: &rng) { batch in
///     batch.map { genes in predictor.minimisedObjectives(genes) }
/// }
/// ```
///
/// Deb et al. 2002 ("A fast and elitist multiobjective genetic algorithm: NSGA-II", IEEE
/// TEC 6(2)), as `pymoo/algorithms/moo/nsga2.py` with DyNAS-T's operators
/// (`dynast/search/evolutionary.py`; ALGORITHMS.md L.3; PYMOO-NSGA2.md §0–§8):
/// `IntegerRandomSampling`, `BinaryTournament`, `SimulatedBinaryCrossover` (0.9, eta 15),
/// `PolynomialMutation` (0.02, eta 20), both with `RoundingRepair`, duplicate elimination
/// with up to 100 mating rounds, and `RankAndCrowdingSurvival`. The generation loop lives in
/// `NSGA2.State` (ask/tell), which `run` drives with the trial and `evolve` with any
/// objective function.
///
/// Named variants (`Variant`, PYMOO-NSGA2.md §9) switch the operators that changed between
/// pymoo releases. Not modelled: pymoo ≤ 0.6.0's crowding that filtered duplicate
/// objective vectors, and pymoo 0.5 DyNAS-T's Latin-hypercube sampling.
///
/// Choice for an architecture the trial cannot answer while budget remains (off-table
/// under `reject`): it keeps its place with objectives `+∞`, so survival discards it unless
/// its whole front is unanswerable. This keeps pymoo's batch sizes and evaluation order;
/// re-sampling would draw extra genomes pymoo never draws. NaN objectives also become `+∞`.
///
/// - Complexity: per generation O(N n) for the operators (times the mating rounds) plus
///   the survival, O(N log N) for two objectives.
public struct NSGA2: GenerationalMOEA {
    /// pymoo releases whose operator behaviour differs (PYMOO-NSGA2.md §9).
    public enum Variant: String, Sendable, CaseIterable {
        /// pymoo 0.6.2 (and ≥ 0.6.1.3): uniform integer sampling, SBX `prob_exch` 1.0,
        /// per-individual PM, end options with half-width rounding cells.
        case pymoo062 = "pymoo-0.6.2"
        /// pymoo 0.6.0 / 0.6.0.1: rounded-float sampling and SBX `prob_exch` 0.5.
        case pymoo060 = "pymoo-0.6.0"
        /// pymoo 0.5.0 `int_*` operators: per-gene PM probability and widened rounding cells.
        case pymoo050 = "pymoo-0.5"
    }

    /// Survivors per generation (pymoo `pop_size`).
    public var population: Int
    /// Offspring per generation (pymoo `n_offsprings`); nil means `population`.
    public var offspring: Int?
    /// pymoo `('n_gen', G)`: the initial population is generation 1. Nil: until the trial's
    /// budget is spent (`run` only; `evolve` takes its own count).
    public var generations: Int?
    public var sampling: IntegerRandomSampling
    public var selection: BinaryTournament
    public var crossover: SimulatedBinaryCrossover
    public var mutation: PolynomialMutation
    /// Mating rounds per generation before giving up on filling the offspring with
    /// non-duplicates (pymoo `n_max_iterations`, `pymoo/core/infill.py`: `>=` after the
    /// round, so exactly this many rounds).
    public var maxMatingRounds: Int
    /// How survivors are chosen: NSGA-II's rank and crowding, or pymoo GA's fitness sort
    /// (`PymooGA`, single objective).
    public var survival: Survival = .rankAndCrowding

    public enum Survival: String, Sendable {
        /// pymoo `RankAndCrowding` (NSGA-II).
        case rankAndCrowding
        /// pymoo `FitnessSurvival`: the `population` smallest first objectives (stable on
        /// ties; pymoo's `np.argsort` quicksort leaves tie order unspecified).
        case fitness
    }

    /// DyNAS-T's configuration for a pymoo release, with optional overrides of the two
    /// settings specs name directly.
    ///
    /// - Parameters:
    ///   - mutationSemantics: overrides the variant's PM meaning of `prob`.
    ///   - sbxExchangeProbability: overrides the variant's SBX `prob_exch`.
    public init(population: Int = 50, offspring: Int? = nil, generations: Int? = nil,
                variant: Variant = .pymoo062,
                mutationSemantics: PolynomialMutation.Semantics? = nil,
                sbxExchangeProbability: Double? = nil) {
        let cells: RoundingRepair.Cells = variant == .pymoo050 ? .widened : .pymoo06
        let repair = RoundingRepair(cells: cells)
        self.init(
            population: population, offspring: offspring, generations: generations,
            sampling: IntegerRandomSampling(variant: variant == .pymoo060 ? .roundedUniform : .uniformInteger),
            crossover: SimulatedBinaryCrossover(
                exchangeProbability: sbxExchangeProbability ?? (variant == .pymoo060 ? 0.5 : 1.0),
                repair: repair),
            mutation: PolynomialMutation(
                semantics: mutationSemantics ?? (variant == .pymoo050 ? .pymoo05 : .pymoo06),
                repair: repair))
    }

    /// Any operator set.
    public init(population: Int, offspring: Int? = nil, generations: Int? = nil,
                sampling: IntegerRandomSampling, selection: BinaryTournament = BinaryTournament(),
                crossover: SimulatedBinaryCrossover, mutation: PolynomialMutation,
                maxMatingRounds: Int = 100) {
        precondition(population > 0, "NSGA-II needs a positive population")
        self.population = population
        self.offspring = offspring
        self.generations = generations
        self.sampling = sampling
        self.selection = selection
        self.crossover = crossover
        self.mutation = mutation
        self.maxMatingRounds = maxMatingRounds
    }

    /// Offspring per generation after defaulting.
    public var offspringCount: Int { offspring ?? population }

    public var generationLimit: Int? { generations }

    public func makeState(bounds: GeneBounds, objectiveCount: Int, initial: [[Int]]?) -> State {
        State(algorithm: self, bounds: bounds, initial: initial)
    }

    // MARK: Benchmark trial

    public func run<S: SearchSpace, E: Evaluator>(space: S, trial: TrialEvaluator<E>, rng: inout Xoshiro256StarStar)
        where E.Architecture == S.Architecture {
        runGenerations(space: space, trial: trial, rng: &rng)
    }

    // MARK: Any objective function

    /// Runs `generations` generations (pymoo `('n_gen', G)`: the initial population is the
    /// first) and returns the final population, all ranks (pymoo `res.pop`).
    ///
    /// - Parameter objectives: minimised objective vectors for a batch of genomes, one per
    ///   genome, in order. NaN is read as `+∞`.
    /// - Precondition: `generations >= 1` (pymoo divides by it).
    /// - Complexity: `generations` × (the per-generation cost + one `objectives` call).
    public func evolve(bounds: [ClosedRange<Int>], generations: Int, using rng: inout Xoshiro256StarStar,
                       initial: [[Int]]? = nil, objectives: ([[Int]]) -> [[Double]]) -> Population {
        evolveGenerations(bounds: bounds, objectiveCount: 0, generations: generations, using: &rng,
                          initial: initial, objectives: objectives).population
    }

    /// `evolve(bounds:…)` on a space's gene view.
    public func evolve<S: SearchSpace>(space: S, generations: Int, using rng: inout Xoshiro256StarStar,
                                       initial: [[Int]]? = nil, objectives: ([[Int]]) -> [[Double]]) -> Population {
        evolve(bounds: space.geneBounds, generations: generations, using: &rng, initial: initial, objectives: objectives)
    }
}

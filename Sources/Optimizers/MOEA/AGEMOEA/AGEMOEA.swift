import NASCore
import SearchSpaces

/// AGE-MOEA on any search space's integer-gene view, faithful to pymoo 0.6.2 as DyNAS-T
/// 1.6.0 configures it (`age`, its choice for two objectives besides NSGA-II).
///
/// ```swift
/// AGEMOEA(population: 50).run(space: space, trial: trial, rng: &rng)
/// let final = AGEMOEA(population: 50).evolveGenerations(
///     bounds: space.geneBounds, objectiveCount: 2, generations: 400, using: &rng) { batch in predict(batch) }
/// ```
///
/// Panichella 2019 ("An adaptive evolutionary algorithm based on non-euclidean geometry for
/// many-objective optimization", GECCO 2019, doi:10.1145/3321707.3321839), as
/// `pymoo/algorithms/moo/age.py` with DyNAS-T's operators (`dynast/search/evolutionary.py`;
/// ALGORITHMS.md L.3, D.1): NSGA-II's mating (`PymooMating.dynast`: integer sampling,
/// SBX(0.9, η 15), PM(0.02, η 20), rounding repair, duplicate elimination) with pymoo's
/// `binary_tournament` in its `comp_by_rank_and_crowding` mode (AGEMOEA sets
/// `tournament_type`; NSGA-II uses dominance instead), and `AGEMOEASurvival`.
///
/// Like NSGA-II, the initial population is surveyed with `n_survive = |P|`
/// (`advance_after_initial_infill=True`), which only assigns rank and crowding.
///
/// - Complexity: per generation O(N n) for the operators (times the mating rounds) plus
///   the survival, O(M N²) sorting and O(m³) crowding of an m-point first front.
public struct AGEMOEA: GenerationalMOEA {
    /// Survivors per generation (pymoo `pop_size`).
    public var population: Int
    /// Offspring per generation (pymoo `n_offsprings`); nil means `population`.
    public var offspring: Int?
    /// pymoo `('n_gen', G)`; nil runs until the trial's budget is spent.
    public var generations: Int?
    public var mating: PymooMating

    public init(population: Int = 50, offspring: Int? = nil, generations: Int? = nil,
                mating: PymooMating = .dynast(crossoverProbability: 0.9, crossoverEta: 15)) {
        precondition(population > 0, "AGE-MOEA needs a positive population")
        self.population = population
        self.offspring = offspring
        self.generations = generations
        self.mating = mating
    }

    /// Offspring per generation after defaulting.
    public var offspringCount: Int { offspring ?? population }

    public var generationLimit: Int? { generations }

    public func makeState(bounds: GeneBounds, objectiveCount: Int, initial: [[Int]]?) -> State {
        State(algorithm: self, bounds: bounds, initial: initial)
    }

    public func run<S: SearchSpace, E: Evaluator>(space: S, trial: TrialEvaluator<E>, rng: inout Xoshiro256StarStar)
        where E.Architecture == S.Architecture {
        runGenerations(space: space, trial: trial, rng: &rng)
    }
}

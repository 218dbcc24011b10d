import NASCore
import SearchSpaces

/// NSGA-III and U-NSGA-III on any search space's integer-gene view, faithful to pymoo 0.6.2;
/// `NSGA3.unified` is U-NSGA-III as DyNAS-T 1.6.0 configures it (`unsga3`, its default for
/// three objectives).
///
/// ```swift
/// NSGA3.unified(population: 50).run(space: space, trial: trial, rng: &rng)   // DyNAS-T's U-NSGA-III
/// NSGA3(referenceDirections: .dasDennis(partitions: 12)).run(space: space, trial: trial, rng: &rng)
/// ```
///
/// Deb & Jain 2014 (NSGA-III, IEEE TEC 18(4), doi:10.1109/TEVC.2013.2281535) and Seada &
/// Deb 2016 (U-NSGA-III, IEEE TEC 20(3), doi:10.1109/TEVC.2015.2459718), as
/// `pymoo/algorithms/moo/nsga3.py` and `unsga3.py` (ALGORITHMS.md L.3, D.1; MOEA.md):
/// * pymoo's `GeneticAlgorithm` loop (`PymooMating`), `n_offsprings` defaulting to
///   `pop_size`, and `pop_size` defaulting to the number of directions; DyNAS-T passes its
///   population (50), larger than its 20 directions, so niching puts several individuals in
///   a niche;
/// * parents by binary tournament: NSGA-III's `comp_by_cv_then_random` (a fair coin per
///   row), U-NSGA-III's `comp_by_rank_and_ref_line_dist` (`ParentSelection`);
/// * survival `ReferenceDirectionSurvival`, one value kept across generations for pymoo's
///   running ideal, worst and extreme points; the initial population is surveyed with
///   `n_survive = |P|` (`advance_after_initial_infill=True`), which updates them.
///
/// DyNAS-T's operators (`EvolutionaryManager.configure_unsga3`): integer sampling,
/// SBX(1.0, η 30), PM(0.02, η 20), rounding repair, duplicate elimination; NSGA-III, which
/// DyNAS-T does not offer, takes the same (pymoo's own NSGA-III defaults are SBX(1.0, η 30)
/// and PM(η 20) too).
///
/// - Complexity: per generation O(N n) for the operators (times the mating rounds) plus the
///   survival, O(M N² + N D M) for D directions.
public struct NSGA3: GenerationalMOEA {
    /// How mating parents are chosen.
    public enum ParentSelection: String, Sendable, CaseIterable {
        /// NSGA-III: pymoo `comp_by_cv_then_random`, a random winner per tournament row.
        case random
        /// U-NSGA-III: pymoo `comp_by_rank_and_ref_line_dist`.
        case nicheTournament = "niche-tournament"
    }

    /// Where the reference directions come from; they depend on the objective count, which
    /// is known only when a run starts.
    public enum ReferenceDirections: Sendable, Equatable {
        /// pymoo `get_reference_directions("energy", M, points, seed=…)`: the stored pymoo
        /// arrays (`PymooEnergyDirections`, whatever the seed, as pymoo ignores it); for an
        /// (M, points) not stored, `RieszEnergyDirections.generate` from a fixed seed 1,
        /// which is pymoo's algorithm but not pymoo's array.
        case energy(points: Int)
        /// pymoo `get_reference_directions("das-dennis", M, n_partitions=p)`.
        case dasDennis(partitions: Int)
        /// Given rows, each of M components.
        case given([[Double]])

        /// The directions for `objectiveCount` objectives.
        public func directions(objectiveCount: Int) -> [[Double]] {
            switch self {
            case .energy(let points):
                var rng = Xoshiro256StarStar(seed: 1)
                return RieszEnergyDirections.energy(dimensions: objectiveCount, points: points, using: &rng)
            case .dasDennis(let partitions):
                return DasDennisDirections.generate(dimensions: objectiveCount, partitions: partitions)
            case .given(let rows):
                precondition(rows.allSatisfy { $0.count == objectiveCount },
                             "reference directions must have as many components as objectives")
                return rows
            }
        }
    }

    /// Survivors per generation (pymoo `pop_size`); nil means the number of directions.
    public var population: Int?
    /// Offspring per generation (pymoo `n_offsprings`); nil means the population.
    public var offspring: Int?
    /// pymoo `('n_gen', G)`; nil runs until the trial's budget is spent.
    public var generations: Int?
    public var referenceDirections: ReferenceDirections
    public var parentSelection: ParentSelection
    public var mating: PymooMating

    public init(population: Int? = nil, offspring: Int? = nil, generations: Int? = nil,
                referenceDirections: ReferenceDirections = .energy(points: 20),
                parentSelection: ParentSelection = .random,
                mating: PymooMating = .dynast(crossoverProbability: 1.0, crossoverEta: 30)) {
        precondition(population.map { $0 > 0 } ?? true, "NSGA-III needs a positive population")
        self.population = population
        self.offspring = offspring
        self.generations = generations
        self.referenceDirections = referenceDirections
        self.parentSelection = parentSelection
        self.mating = mating
    }

    /// DyNAS-T 1.6.0's U-NSGA-III: `UNSGA3(ref_dirs=energy(M, 20), pop_size=population)`
    /// with SBX(1.0, η 30), PM(0.02, η 20), rounding repair and duplicate elimination.
    public static func unified(population: Int = 50, offspring: Int? = nil, generations: Int? = nil,
                               referenceDirections: ReferenceDirections = .energy(points: 20)) -> NSGA3 {
        NSGA3(population: population, offspring: offspring, generations: generations,
              referenceDirections: referenceDirections, parentSelection: .nicheTournament)
    }

    public var generationLimit: Int? { generations }

    public func makeState(bounds: GeneBounds, objectiveCount: Int, initial: [[Int]]?) -> State {
        State(algorithm: self, bounds: bounds,
              referenceDirections: referenceDirections.directions(objectiveCount: objectiveCount), initial: initial)
    }

    public func run<S: SearchSpace, E: Evaluator>(space: S, trial: TrialEvaluator<E>, rng: inout Xoshiro256StarStar)
        where E.Architecture == S.Architecture {
        runGenerations(space: space, trial: trial, rng: &rng)
    }
}

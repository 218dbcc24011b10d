import NASCore

/// pymoo 0.6.2's generational infill for a `GeneticAlgorithm` on integer genes: the first
/// population and each generation's offspring, with duplicate elimination; only the parent
/// selection differs between algorithms and is passed in.
///
/// ```swift
/// let mating = PymooMating.dynast(crossoverProbability: 1.0, crossoverEta: 30)   // U-NSGA-III
/// var dedup = DuplicateElimination()
/// let first = mating.initialGenomes(50, bounds: bounds, initial: nil, dedup: &dedup, using: &rng)
/// let kids = mating.offspring(50, parents: genes, bounds: bounds, dedup: &dedup, using: &rng) { m, r in
///     PymooTournament.winners(matings: m, populationSize: genes.count, using: &r) { a, b, _ in a }
/// }
/// ```
///
/// pymoo `pymoo/core/initialization.py`, `pymoo/core/infill.py`, `pymoo/core/mating.py`
/// (PYMOO-NSGA2.md §2; ALGORITHMS.md L.3): the first population is `count` samples with
/// later copies removed and *not* replaced; offspring come from mating rounds (selection,
/// SBX, PM, duplicate elimination against the round's earlier kids, the parents and the
/// offspring so far, truncation to what is still needed) until `wanted` genomes or
/// `maxMatingRounds` rounds. `NSGA2.State` runs the same loop with its own tournament.
///
/// - Complexity: O(N n) per round for the operators, plus the selection.
public struct PymooMating: Sendable {
    public var sampling: IntegerRandomSampling
    public var crossover: SimulatedBinaryCrossover
    public var mutation: PolynomialMutation
    /// pymoo `n_max_iterations` (`>=` after the round, so exactly this many rounds).
    public var maxMatingRounds: Int

    public init(sampling: IntegerRandomSampling = IntegerRandomSampling(),
                crossover: SimulatedBinaryCrossover, mutation: PolynomialMutation,
                maxMatingRounds: Int = 100) {
        self.sampling = sampling
        self.crossover = crossover
        self.mutation = mutation
        self.maxMatingRounds = maxMatingRounds
    }

    /// DyNAS-T 1.6.0's operators on pymoo 0.6.2 (`EvolutionaryManager.configure_*`):
    /// `IntegerRandomSampling`, `SBX(prob, eta)` and `PM(prob=0.02, eta=20)`, both with
    /// `RoundingRepair`. AGE-MOEA takes SBX(0.9, 15) like NSGA-II; U-NSGA-III SBX(1.0, 30).
    public static func dynast(crossoverProbability: Double, crossoverEta: Double,
                              mutationProbability: Double = 0.02, mutationEta: Double = 20) -> PymooMating {
        let repair = RoundingRepair(cells: .pymoo06)
        return PymooMating(
            crossover: SimulatedBinaryCrossover(probability: crossoverProbability, eta: crossoverEta, repair: repair),
            mutation: PolynomialMutation(probability: mutationProbability, eta: mutationEta, repair: repair))
    }

    /// The first population: `initial` (a warm start) or `count` samples, later copies
    /// dropped and not replaced, as pymoo's `Initialization`.
    public func initialGenomes(_ count: Int, bounds: GeneBounds, initial: [[Int]]?,
                               dedup: inout DuplicateElimination,
                               using rng: inout Xoshiro256StarStar) -> [[Int]] {
        let sample = initial ?? sampling.sample(count, bounds: bounds, using: &rng)
        return dedup.firstOccurrences(sample).map { sample[$0] }
    }

    /// Up to `wanted` new genomes bred from `parents`; fewer (even none) when
    /// `maxMatingRounds` rounds could not find enough non-duplicates.
    ///
    /// - Parameter selectParents: `2 × matings` parent indices into `parents` for the
    ///   given number of matings, drawing from the passed generator.
    public func offspring(_ wanted: Int, parents: [[Int]], bounds: GeneBounds,
                          dedup: inout DuplicateElimination, using rng: inout Xoshiro256StarStar,
                          selectParents: (_ matings: Int, _ rng: inout Xoshiro256StarStar) -> [Int]) -> [[Int]] {
        var offspring: [[Int]] = []
        offspring.reserveCapacity(wanted)
        dedup.begin(excluding: [parents], capacity: wanted)
        var round = 0
        while offspring.count < wanted {
            let need = wanted - offspring.count
            // pymoo: n_matings = ceil(n_offsprings / crossover.n_offsprings), SBX makes two.
            let selected = selectParents((need + 1) / 2, &rng)
            var kids = crossover.offspring(parents: selected, population: parents, bounds: bounds, using: &rng)
            for k in kids.indices { _ = mutation.mutate(&kids[k], bounds: bounds, using: &rng) }
            // Kids past `need` are truncated by pymoo and end the loop, so they never need
            // admitting.
            for kid in kids where offspring.count < wanted && dedup.admit(kid) {
                offspring.append(kid)
            }
            round += 1
            if round >= maxMatingRounds { break }
        }
        return offspring
    }
}

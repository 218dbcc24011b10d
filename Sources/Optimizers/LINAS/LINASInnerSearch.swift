import Indicators
import NASCore

/// Any population MOEA as LINAS's inner search on the predictions (LINAS paper, Fig. 6:
/// AGE-MOEA, U-NSGA-III, C-TAEA, MOEA/D, … inside LINAS).
///
/// ```swift
/// var linas = LINAS(population: 50)
/// linas.innerSearch = LINASInnerSearch(name: "unsga3", algorithm: UNSGA3(population: 50), generations: 400)
/// ```
///
/// It runs the algorithm's ask/tell loop (`GenerationalMOEA.evolveGenerations`) for
/// `generations` generations and hands LINAS the final population (pymoo `res.pop`) and its
/// non-dominated members (`front_only`).
public struct LINASInnerSearch: Sendable {
    /// The algorithm's type name, for descriptions.
    public let name: String
    /// pymoo `('n_gen', G)` per loop.
    public let generations: Int
    private let evolve: @Sendable (_ bounds: [ClosedRange<Int>], _ objectiveCount: Int, _ rng: inout Xoshiro256StarStar,
                                   _ initial: [[Int]]?, _ objectives: ([[Int]]) -> [[Double]]) -> (genes: [[Int]], objectives: [[Double]])

    public init<A: GenerationalMOEA>(name: String, algorithm: A, generations: Int) {
        self.name = name
        self.generations = generations
        evolve = { bounds, objectiveCount, rng, initial, objectives in
            let state = algorithm.evolveGenerations(bounds: bounds, objectiveCount: objectiveCount, generations: generations,
                                                    using: &rng, initial: initial, objectives: objectives)
            return (state.populationGenes, state.populationObjectives)
        }
    }

    /// The final population's genes, and the indices of its non-dominated members.
    func run(bounds: [ClosedRange<Int>], objectiveCount: Int, rng: inout Xoshiro256StarStar,
             initial: [[Int]]?, objectives: ([[Int]]) -> [[Double]]) -> (genes: [[Int]], front: [Int]) {
        let final = evolve(bounds, objectiveCount, &rng, initial, objectives)
        let ranks = NonDominatedSorting.ranks(final.objectives.map { $0.map { $0.isNaN ? .infinity : $0 } })
        return (final.genes, ranks.indices.filter { ranks[$0] == 0 })
    }
}

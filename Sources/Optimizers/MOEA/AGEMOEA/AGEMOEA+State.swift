import NASCore

extension AGEMOEA {
    /// AGE-MOEA's members: genes, objectives and what the tournament reads, as NSGA-II's
    /// (the same invariants hold: ranks are true front indices).
    public typealias Population = NSGA2.Population

    /// AGE-MOEA's generation loop as ask/tell (see `NSGA2.State` for the protocol; the
    /// loop is pymoo's `GeneticAlgorithm`, only selection and survival differ).
    public struct State: MOEAState {
        public let algorithm: AGEMOEA
        public let bounds: GeneBounds
        public private(set) var population = Population()
        public private(set) var generation = 0
        /// Genomes told so far (pymoo's `n_eval`).
        public private(set) var evaluations = 0
        /// The last survival, for tests that pin it to the oracle-checked `AGEMOEASurvival`.
        public private(set) var lastSurvival: AGEMOEASurvival.Selection?
        public var populationGenes: [[Int]] { population.genes }
        public var populationObjectives: [[Double]] { population.objectives }

        private var pending: [[Int]] = []
        private var dedup = DuplicateElimination()
        private let initial: [[Int]]?

        public init(algorithm: AGEMOEA, bounds: GeneBounds, initial: [[Int]]? = nil) {
            self.algorithm = algorithm
            self.bounds = bounds
            self.initial = initial
        }

        public mutating func ask(using rng: inout Xoshiro256StarStar) -> [[Int]] {
            precondition(pending.isEmpty, "tell the previous batch before asking again")
            if generation == 0 {
                pending = algorithm.mating.initialGenomes(algorithm.population, bounds: bounds, initial: initial,
                                                          dedup: &dedup, using: &rng)
            } else if population.count > 0 {
                let members = population
                pending = algorithm.mating.offspring(algorithm.offspringCount, parents: members.genes, bounds: bounds,
                                                     dedup: &dedup, using: &rng) { matings, rng in
                    PymooTournament.winners(matings: matings, populationSize: members.count, using: &rng) { a, b, rng in
                        AGEMOEA.tournamentWinner(a, b, rank: members.rank, crowding: members.crowding, using: &rng)
                    }
                }
            }
            return pending
        }

        /// - Complexity: that of `AGEMOEASurvival.select`.
        public mutating func tell(_ objectives: [[Double]], using rng: inout Xoshiro256StarStar) {
            precondition(objectives.count <= pending.count, "more answers than asked genomes")
            let merged = ParentsThenOffspring(genes: population.genes, objectives: population.objectives,
                                              offspring: pending, told: objectives)
            let genes = merged.genes, values = merged.objectives
            pending.removeAll(keepingCapacity: true)
            evaluations += objectives.count
            generation += 1
            guard !values.isEmpty else { return }
            // The first survival keeps everyone (n_survive = |P|); later ones keep pop_size.
            let keep = generation == 1 ? genes.count : algorithm.population
            let selection = AGEMOEASurvival.select(objectives: values, count: keep)
            var next = Population()
            next.genes = selection.survivors.map { genes[$0] }
            next.objectives = selection.survivors.map { values[$0] }
            next.rank = selection.survivors.map { selection.rank[$0]! }
            next.crowding = selection.survivors.map { selection.crowding[$0]! }
            population = next
            lastSurvival = selection
        }
    }

    /// pymoo's `binary_tournament` with `tournament_type = "comp_by_rank_and_crowding"`
    /// (no constraints): the lower rank wins, then the larger crowding, then a fair coin
    /// (`compare(..., return_random_if_equal=True)`; `inf == inf` and NaN are ties).
    public static func tournamentWinner(_ a: Int, _ b: Int, rank: [Int], crowding: [Double],
                                        using rng: inout Xoshiro256StarStar) -> Int {
        if rank[a] < rank[b] { return a }
        if rank[a] > rank[b] { return b }
        if crowding[a] > crowding[b] { return a }
        if crowding[a] < crowding[b] { return b }
        return rng.nextUnit() < 0.5 ? a : b
    }
}

import NASCore

extension NSGA2 {
    /// NSGA-II's generation loop as ask/tell, so one loop serves a benchmark trial (which
    /// may run out of budget mid-batch) and a predictor (LINAS's inner search).
    ///
    /// ```swift
    /// var state = NSGA2.State(algorithm: NSGA2(), bounds: GeneBounds(space.geneBounds))
    /// while state.generation < 400 {
    ///     let batch = state.ask(using: &rng)          // genomes to evaluate
    ///     if batch.isEmpty { break }                  // no new genome could be bred
    ///     state.tell(score(batch), using: &rng)       // minimised objectives, same order
    /// }
    /// ```
    ///
    /// pymoo 0.6.2 (`pymoo/core/algorithm.py`, `pymoo/algorithms/base/genetic.py`,
    /// `pymoo/core/infill.py`, `pymoo/core/mating.py`; PYMOO-NSGA2.md §2):
    /// * first `ask`: `population` samples with later copies removed and *not* replaced;
    /// * first `tell`: survival with `n_survive = |P|`, which only assigns rank and crowding;
    /// * later `ask`: mating rounds (tournament, SBX, PM, duplicate elimination against the
    ///   round's earlier kids, the current parents and the offspring so far, truncation to
    ///   what is still needed) until `offspring` genomes or `maxMatingRounds` rounds; an empty
    ///   answer is pymoo's forced termination;
    /// * later `tell`: survival of parents ++ offspring to `min(population, total)`.
    ///
    /// `generation` follows pymoo's `n_gen`: 1 after the initial population is told.
    public struct State: MOEAState {
        public let algorithm: NSGA2
        public let bounds: GeneBounds
        public private(set) var population = Population()
        /// pymoo's `n_gen`: generations told so far, the initial population included.
        public private(set) var generation = 0
        /// Genomes told so far (pymoo's `n_eval`).
        public private(set) var evaluations = 0
        public var populationGenes: [[Int]] { population.genes }
        public var populationObjectives: [[Double]] { population.objectives }

        /// Asked and not yet told.
        public private(set) var pending: [[Int]] = []
        private var dedup = DuplicateElimination()

        /// Genomes used instead of random sampling in the first generation (a warm start).
        private let initial: [[Int]]?

        public init(algorithm: NSGA2, bounds: GeneBounds, initial: [[Int]]? = nil) {
            self.algorithm = algorithm
            self.bounds = bounds
            self.initial = initial
        }

        /// The next genomes to evaluate; empty when mating bred no new genome (stop).
        ///
        /// - Precondition: the previous batch has been told.
        public mutating func ask(using rng: inout Xoshiro256StarStar) -> [[Int]] {
            precondition(pending.isEmpty, "tell the previous batch before asking again")
            if generation == 0 {
                let sample = initial ?? algorithm.sampling.sample(algorithm.population, bounds: bounds, using: &rng)
                pending = dedup.firstOccurrences(sample).map { sample[$0] }
            } else if population.count > 0 {
                pending = mate(using: &rng)
            }
            return pending
        }

        /// Objectives of the asked genomes, in order. A shorter answer means only that prefix
        /// was evaluated (a spent budget); the rest is dropped.
        ///
        /// - Complexity: the survival, O(N log N) for two objectives, O(M N²) otherwise.
        public mutating func tell(_ objectives: [[Double]], using rng: inout Xoshiro256StarStar) {
            precondition(objectives.count <= pending.count, "more answers than asked genomes")
            let told = objectives.count
            var genes = population.genes
            var values = population.objectives
            genes.reserveCapacity(genes.count + told)
            values.reserveCapacity(values.count + told)
            for i in 0..<told {
                genes.append(pending[i])
                values.append(objectives[i].map { $0.isNaN ? .infinity : $0 })
            }
            pending.removeAll(keepingCapacity: true)
            evaluations += told
            generation += 1
            // The first survival keeps everyone (n_survive = |P|); later ones keep pop_size.
            let keep = generation == 1 ? genes.count : algorithm.population
            var next = Population()
            switch algorithm.survival {
            case .rankAndCrowding:
                let selection = RankAndCrowdingSurvival.select(objectives: values, count: keep, using: &rng)
                next.genes = selection.survivors.map { genes[$0] }
                next.objectives = selection.survivors.map { values[$0] }
                next.rank = selection.rank
                next.crowding = selection.crowding
            case .fitness:
                let order = values.indices.sorted { values[$0][0] < values[$1][0] || (values[$0][0] == values[$1][0] && $0 < $1) }
                let survivors = order.prefix(keep)
                next.genes = survivors.map { genes[$0] }
                next.objectives = survivors.map { values[$0] }
                next.rank = Array(0..<next.genes.count)
                // Equal crowding makes the binary tournament compare by fitness alone, with
                // a fair coin on ties: pymoo GA's `comp_by_cv_and_fitness`.
                next.crowding = Array(repeating: 0, count: next.genes.count)
            }
            population = next
        }

        /// pymoo's `Mating` inside `InfillCriterion.do`, with duplicate elimination.
        private mutating func mate(using rng: inout Xoshiro256StarStar) -> [[Int]] {
            let wanted = algorithm.offspringCount
            var offspring: [[Int]] = []
            offspring.reserveCapacity(wanted)
            // Parents are hashed once; admitted kids stay in the table as pymoo's `off`.
            dedup.begin(excluding: [population.genes], capacity: wanted)
            var round = 0
            while offspring.count < wanted {
                let need = wanted - offspring.count
                let matings = (need + 1) / 2
                let parents = algorithm.selection.select(matings: matings, objectives: population.objectives,
                                                         crowding: population.crowding, using: &rng)
                var kids = algorithm.crossover.offspring(parents: parents, population: population.genes,
                                                         bounds: bounds, using: &rng)
                for k in kids.indices { algorithm.mutation.mutate(&kids[k], bounds: bounds, using: &rng) }
                // Kids past `need` are truncated by pymoo and end the loop, so they never
                // need admitting.
                for kid in kids where offspring.count < wanted && dedup.admit(kid) {
                    offspring.append(kid)
                }
                round += 1
                if round >= algorithm.maxMatingRounds { break }
            }
            return offspring
        }
    }
}

import NASCore

extension NSGA3 {
    /// NSGA-III's generation loop as ask/tell (see `NSGA2.State` for the protocol; the loop
    /// is pymoo's `GeneticAlgorithm`, only selection and survival differ).
    ///
    /// The state owns the survival value, so pymoo's running normalisation (ideal, worst and
    /// extreme points) carries from one generation to the next within a run and never
    /// between runs.
    public struct State: MOEAState {
        public let algorithm: NSGA3
        public let bounds: GeneBounds
        /// Survivors per generation after defaulting (pymoo: `pop_size` or `len(ref_dirs)`).
        public let populationSize: Int
        public private(set) var survival: ReferenceDirectionSurvival
        public private(set) var population = Population()
        public private(set) var generation = 0
        /// Genomes told so far (pymoo's `n_eval`).
        public private(set) var evaluations = 0
        /// The last survival, for tests that pin it to the oracle-checked
        /// `ReferenceDirectionSurvival`.
        public private(set) var lastSurvival: ReferenceDirectionSurvival.Selection?
        public var populationGenes: [[Int]] { population.genes }
        public var populationObjectives: [[Double]] { population.objectives }
        public var referenceDirections: [[Double]] { survival.referenceDirections }

        private var pending: [[Int]] = []
        private var dedup = DuplicateElimination()
        private let initial: [[Int]]?

        public init(algorithm: NSGA3, bounds: GeneBounds, referenceDirections: [[Double]], initial: [[Int]]? = nil) {
            self.algorithm = algorithm
            self.bounds = bounds
            self.populationSize = algorithm.population ?? referenceDirections.count
            self.survival = ReferenceDirectionSurvival(referenceDirections: referenceDirections)
            self.initial = initial
        }

        /// Offspring per generation after defaulting (pymoo `n_offsprings = pop_size`).
        public var offspringCount: Int { algorithm.offspring ?? populationSize }

        public mutating func ask(using rng: inout Xoshiro256StarStar) -> [[Int]] {
            precondition(pending.isEmpty, "tell the previous batch before asking again")
            if generation == 0 {
                pending = algorithm.mating.initialGenomes(populationSize, bounds: bounds, initial: initial,
                                                          dedup: &dedup, using: &rng)
            } else if population.count > 0 {
                let members = population
                let selection = algorithm.parentSelection
                pending = algorithm.mating.offspring(offspringCount, parents: members.genes, bounds: bounds,
                                                     dedup: &dedup, using: &rng) { matings, rng in
                    PymooTournament.winners(matings: matings, populationSize: members.count, using: &rng) { a, b, rng in
                        selection.winner(a, b, of: members, using: &rng)
                    }
                }
            }
            return pending
        }

        /// - Complexity: that of `ReferenceDirectionSurvival.select`.
        public mutating func tell(_ objectives: [[Double]], using rng: inout Xoshiro256StarStar) {
            precondition(objectives.count <= pending.count, "more answers than asked genomes")
            let merged = ParentsThenOffspring(genes: population.genes, objectives: population.objectives,
                                              offspring: pending, told: objectives)
            let genes = merged.genes, values = merged.objectives
            pending.removeAll(keepingCapacity: true)
            evaluations += objectives.count
            generation += 1
            guard !values.isEmpty else { return }
            // The first survival keeps everyone (n_survive = |P|) but still updates the
            // normalisation; later ones keep pop_size.
            let keep = generation == 1 ? genes.count : populationSize
            let selection = survival.select(objectives: values, count: keep, using: &rng)
            let plan = selection.plan
            var next = Population()
            next.genes = selection.survivors.map { genes[$0] }
            next.objectives = selection.survivors.map { values[$0] }
            next.rank = selection.survivors.map { plan.rank[$0]! }
            next.niche = selection.survivors.map { plan.niche[$0]! }
            next.distanceToNiche = selection.survivors.map { plan.distanceToNiche[$0]! }
            population = next
            lastSurvival = selection
        }
    }
}

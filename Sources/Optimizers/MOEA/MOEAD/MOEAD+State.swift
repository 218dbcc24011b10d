import NASCore

extension MOEAD {
    /// MOEA/D's loop as ask/tell: the initial population in one batch, then one offspring
    /// per sub-problem, each told before the next is bred (pymoo's `LoopwiseAlgorithm`).
    ///
    /// ```swift
    /// var state = MOEAD().makeState(bounds: bounds, objectiveCount: 3, initial: nil)
    /// while state.generation < 25 {
    ///     let batch = state.ask(using: &rng)         // 20 genomes first, then 1 at a time
    ///     state.tell(score(batch), using: &rng)
    /// }
    /// ```
    ///
    /// pymoo 0.6.2 `MOEAD._next` (MOEA.md "pymoo facts"): each generation visits the
    /// sub-problems in a fresh random permutation; for sub-problem k it picks two distinct
    /// parents from k's neighbourhood (probability `neighborMatingProbability`) or from the
    /// whole population, crosses them with SBX, mutates and keeps the **first** child
    /// (pymoo's mating truncates to one offspring), evaluates it, lowers the ideal point,
    /// and replaces **every** neighbour whose decomposed value is strictly worse than the
    /// child's. Replacements are visible to the next mating of the same generation.
    /// `generation` is pymoo's `n_gen`: 1 after the initial population, +1 after every
    /// `directionCount` offspring.
    public struct State: MOEAState {
        public let algorithm: MOEAD
        public let bounds: GeneBounds
        public let directions: [[Double]]
        /// `neighborhoods[k]`: the sub-problems nearest to k, k first.
        public let neighborhoods: [[Int]]
        let scalarization: any Decomposition

        public private(set) var generation = 0
        /// Genomes told so far (pymoo's `n_eval`).
        public private(set) var evaluations = 0
        /// Sub-problem k's current solution is `populationGenes[k]`.
        public private(set) var populationGenes: [[Int]] = []
        public private(set) var populationObjectives: [[Double]] = []
        /// The smallest value seen of each objective (pymoo `ideal`).
        public private(set) var idealPoint: [Double] = []

        /// This generation's visiting order and the position of the next sub-problem.
        private var order: [Int] = []
        private var cursor = 0
        /// Asked and not yet told.
        public private(set) var pending: [[Int]] = []
        private var pendingSubproblem = 0
        private let initial: [[Int]]?

        public init(algorithm: MOEAD, bounds: GeneBounds, objectiveCount: Int, initial: [[Int]]? = nil) {
            self.algorithm = algorithm
            self.bounds = bounds
            directions = algorithm.directions(objectiveCount: objectiveCount)
            neighborhoods = MOEADNeighborhoods.compute(weightVectors: directions,
                                                       count: min(algorithm.neighbors, directions.count))
            scalarization = algorithm.scalarization(objectiveCount: objectiveCount)
            self.initial = initial
        }

        /// The initial population, then one offspring; empty once an initial population was
        /// cut short (a spent budget leaves sub-problems without a solution).
        ///
        /// - Precondition: the previous batch has been told.
        public mutating func ask(using rng: inout Xoshiro256StarStar) -> [[Int]] {
            precondition(pending.isEmpty, "tell the previous batch before asking again")
            if generation == 0 {
                // No duplicate elimination: pymoo's MOEAD keeps repeated samples.
                pending = initial ?? algorithm.sampling.sample(directions.count, bounds: bounds, using: &rng)
                return pending
            }
            guard populationGenes.count == directions.count else { return [] }
            if order.isEmpty {
                order = Array(directions.indices)
                rng.shuffle(&order)
                cursor = 0
            }
            let k = order[cursor]
            let (a, b) = parents(of: k, using: &rng)
            // pymoo mutates both children and keeps the first; the second's fate cannot
            // change the first, so it is not bred here.
            var child = algorithm.crossover.cross(populationGenes[a], populationGenes[b], bounds: bounds, using: &rng).0
            algorithm.mutation.mutate(&child, bounds: bounds, using: &rng)
            pending = [child]
            pendingSubproblem = k
            return pending
        }

        /// pymoo `NeighborhoodSelection`: two distinct parents, from k's neighbourhood with
        /// probability `neighborMatingProbability`, else from the whole population.
        private func parents(of k: Int, using rng: inout Xoshiro256StarStar) -> (Int, Int) {
            if rng.nextUnit() < algorithm.neighborMatingProbability {
                let pool = neighborhoods[k]
                let (i, j) = Self.twoDistinct(below: pool.count, using: &rng)
                return (pool[i], pool[j])
            }
            return Self.twoDistinct(below: populationGenes.count, using: &rng)
        }

        /// An ordered pair of distinct indices below n, uniformly (numpy's
        /// `choice(…, 2, replace=False)` and `permutation(n)[:2]` in distribution).
        private static func twoDistinct(below n: Int, using rng: inout Xoshiro256StarStar) -> (Int, Int) {
            let i = rng.nextInt(below: n)
            var j = rng.nextInt(below: n - 1)
            if j >= i { j += 1 }
            return (i, j)
        }

        /// - Complexity: O(T M) per offspring; O(N M) for the initial population.
        public mutating func tell(_ objectives: [[Double]], using rng: inout Xoshiro256StarStar) {
            precondition(objectives.count <= pending.count, "more answers than asked genomes")
            let values = objectives.map { $0.map { $0.isNaN ? Double.infinity : $0 } }
            defer { pending.removeAll(keepingCapacity: true) }
            evaluations += values.count
            if generation == 0 {
                populationGenes = Array(pending.prefix(values.count))
                populationObjectives = values
                idealPoint = Self.componentwiseMinimum(values)
                generation = 1
                return
            }
            guard let f = values.first else { return }
            for j in idealPoint.indices { idealPoint[j] = min(idealPoint[j], f[j]) }
            replaceNeighbors(of: pendingSubproblem, with: pending[0], objectives: f)
            cursor += 1
            if cursor == order.count {
                order = []
                generation += 1
            }
        }

        /// pymoo `MOEAD._replace`: every neighbour of k whose decomposed value (its own
        /// direction, the current ideal point) is strictly above the child's takes the child.
        ///
        /// Choice for an architecture the trial could not answer (objectives +∞, which PBI
        /// turns into NaN): a neighbour whose value is NaN counts as worse than any child
        /// with a number, so an unanswered initial sample does not hold its sub-problem for
        /// ever. pymoo never sees one (DyNAS-T answers every genome).
        ///
        /// - Returns: the replaced sub-problems, in neighbourhood order.
        @discardableResult
        mutating func replaceNeighbors(of k: Int, with child: [Int], objectives f: [Double]) -> [Int] {
            var replaced: [Int] = []
            for n in neighborhoods[k] {
                let current = scalarization.value(populationObjectives[n], weights: directions[n], idealPoint: idealPoint)
                let offered = scalarization.value(f, weights: directions[n], idealPoint: idealPoint)
                if offered < current || (current.isNaN && !offered.isNaN) {
                    populationGenes[n] = child
                    populationObjectives[n] = f
                    replaced.append(n)
                }
            }
            return replaced
        }

        /// Lowers the ideal point by `f`, as `tell` does before replacing (tests drive the
        /// replacement rule with it).
        mutating func lowerIdealForTesting(_ f: [Double]) {
            for j in idealPoint.indices { idealPoint[j] = min(idealPoint[j], f[j]) }
        }

        static func componentwiseMinimum(_ rows: [[Double]]) -> [Double] {
            guard var m = rows.first else { return [] }
            for r in rows.dropFirst() { for j in m.indices { m[j] = min(m[j], r[j]) } }
            return m
        }

        /// Debug and test check: one solution per sub-problem, genes in bounds, the ideal
        /// point no worse than any solution.
        public func _checkInvariants() {
            precondition(populationGenes.count == populationObjectives.count)
            if generation > 0 { precondition(populationGenes.count == directions.count) }
            for (g, f) in zip(populationGenes, populationObjectives) {
                precondition(bounds.contains(g), "a gene left its bounds")
                for j in f.indices { precondition(!(f[j] < idealPoint[j]), "the ideal point is above a solution") }
            }
        }
    }
}

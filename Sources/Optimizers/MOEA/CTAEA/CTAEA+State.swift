import Indicators
import NASCore

extension CTAEA {
    /// C-TAEA's generation loop as ask/tell, on float genomes.
    ///
    /// ```swift
    /// var state = CTAEA().makeState(bounds: bounds, objectiveCount: 3, initial: nil)
    /// while state.generation < 25 {
    ///     let batch = state.ask(using: &rng)     // rounded genomes, up to 20
    ///     if batch.isEmpty { break }
    ///     state.tell(score(batch), using: &rng)
    /// }
    /// ```
    ///
    /// pymoo 0.6.2 (`CTAEA._initialize_infill`, `_initialize_advance`, `_infill`,
    /// `_advance`; `pymoo/core/infill.py`):
    /// * first `ask`: `directionCount` integer samples, later copies removed and not
    ///   replaced; first `tell`: survival with `count = |P|` and an empty DA;
    /// * later `ask`: mating rounds over CA ++ DA (restricted mating, SBX with one child,
    ///   PM, no rounding) keeping children that equal no member of CA ++ DA, no earlier
    ///   child and no earlier kid of the round (float equality), until `directionCount`
    ///   children or `maxMatingRounds` rounds;
    /// * later `tell`: survival of CA ++ offspring and DA ++ offspring.
    ///
    /// `ask` hands out `round(x)` (half to even); the archives keep the floats.
    public struct State: MOEAState {
        public let algorithm: CTAEA
        public let bounds: GeneBounds
        public private(set) var survival: CADASurvival
        /// Convergence archive (pymoo `pop`).
        public private(set) var convergence = CTAEAArchive()
        /// Diversity archive (pymoo `da`).
        public private(set) var diversity = CTAEAArchive()
        public private(set) var generation = 0
        /// Genomes told so far (pymoo's `n_eval`).
        public private(set) var evaluations = 0
        /// Asked (float) genomes not yet told.
        public private(set) var pending: [[Double]] = []
        private let initial: [[Int]]?

        /// The CA, rounded as DyNAS-T evaluates it.
        public var populationGenes: [[Int]] { convergence.genes.map(Self.rounded) }
        public var populationObjectives: [[Double]] { convergence.objectives }

        public init(algorithm: CTAEA, bounds: GeneBounds, objectiveCount: Int, initial: [[Int]]? = nil) {
            self.algorithm = algorithm
            self.bounds = bounds
            survival = CADASurvival(directions: algorithm.directions(objectiveCount: objectiveCount))
            self.initial = initial
        }

        /// DyNAS-T's `round()` of each float gene (Python rounds half to even).
        public static func rounded(_ genes: [Double]) -> [Int] {
            genes.map { Int($0.rounded(.toNearestOrEven)) }
        }

        /// - Precondition: the previous batch has been told.
        public mutating func ask(using rng: inout Xoshiro256StarStar) -> [[Int]] {
            precondition(pending.isEmpty, "tell the previous batch before asking again")
            if generation == 0 {
                let sample = initial ?? algorithm.sampling.sample(algorithm.directionCount, bounds: bounds, using: &rng)
                var seen = Set<[Int]>()
                pending = sample.filter { seen.insert($0).inserted }.map { $0.map(Double.init) }
            } else if convergence.count > 0 {
                pending = mate(using: &rng)
            }
            return pending.map(Self.rounded)
        }

        /// - Complexity: the survival, O(N² M + N D M).
        public mutating func tell(_ objectives: [[Double]], using rng: inout Xoshiro256StarStar) {
            precondition(objectives.count <= pending.count, "more answers than asked genomes")
            let told = CTAEAArchive(genes: Array(pending.prefix(objectives.count)),
                                    objectives: objectives.map { $0.map { $0.isNaN ? Double.infinity : $0 } })
            pending.removeAll(keepingCapacity: true)
            evaluations += told.count
            generation += 1
            if generation == 1 {
                (convergence, diversity) = survival.survive(merged: told, diversity: CTAEAArchive(),
                                                            count: told.count, using: &rng)
            } else {
                (convergence, diversity) = survival.survive(merged: convergence.merged(with: told), diversity: diversity,
                                                            count: algorithm.directionCount, using: &rng)
            }
        }

        /// pymoo's `Mating` inside `InfillCriterion.do`, with float duplicate elimination.
        private func mate(using rng: inout Xoshiro256StarStar) -> [[Double]] {
            let wanted = algorithm.directionCount
            let hm = convergence.merged(with: diversity)
            var known = Set(hm.genes.map(FloatGenomeKey.init))
            let front = RestrictedMating.nonDominatedMembers(hm.objectives)   // the same Hm every round
            var offspring: [[Double]] = []
            var round = 0
            while offspring.count < wanted {
                let pairs = RestrictedMating.select(matings: wanted - offspring.count, objectives: hm.objectives, nonDominated: front, using: &rng)
                for (a, b) in pairs {
                    var child = algorithm.crossover.singleFloatChild(hm.genes[a], hm.genes[b], bounds: bounds, using: &rng)
                    algorithm.mutation.mutateFloats(&child, bounds: bounds, using: &rng)
                    if known.insert(FloatGenomeKey(child)).inserted { offspring.append(child) }
                }
                round += 1
                if round >= algorithm.maxMatingRounds { break }
            }
            return offspring
        }

        /// Debug and test check: archive sizes, float genes inside the bounds.
        public func _checkInvariants() {
            if generation > 1 {
                precondition(convergence.count == algorithm.directionCount, "the CA holds one member per direction")
                precondition(diversity.count == algorithm.directionCount, "the DA holds one member per direction")
            }
            for g in convergence.genes + diversity.genes {
                for k in g.indices {
                    precondition(g[k] >= Double(bounds.lower[k]) && g[k] <= Double(bounds.upper[k]), "a gene left its bounds")
                }
            }
        }
    }
}

/// A float genome as a member of C-TAEA's duplicate set: equal when every gene is equal
/// (pymoo's float comparison), hashed by one mix of the genes' bit patterns rather than a
/// `Hasher` round per gene (which was 4 % of a run).
struct FloatGenomeKey: Hashable {
    let genes: [Double]
    let mix: UInt64

    init(_ genes: [Double]) {
        self.genes = genes
        var h: UInt64 = 0x9E37_79B9_7F4A_7C15
        for g in genes {
            // + 0.0 turns −0 into +0: the two are equal, so they must hash alike.
            h = (h ^ (g + 0.0).bitPattern) &* 0xBF58_476D_1CE4_E5B9
            h ^= h >> 31
        }
        mix = h
    }

    static func == (a: Self, b: Self) -> Bool { a.mix == b.mix && a.genes == b.genes }

    func hash(into hasher: inout Hasher) { hasher.combine(mix) }
}

/// NSGA-III / U-NSGA-III environmental selection: whole fronts, then the cut front filled
/// niche by niche around the reference directions.
///
/// ```swift
/// var survival = ReferenceDirectionSurvival(referenceDirections: dirs)  // keep across generations
/// var rng = Xoshiro256StarStar(seed: 7)
/// let s = survival.select(objectives: merged, count: 50, using: &rng)
/// // s.survivors index `merged`; s.plan.rank / niche / distanceToNiche feed U-NSGA-III's tournament
/// ```
///
/// Deb & Jain 2014 (NSGA-III, IEEE TEC 18(4)) and Seada & Deb 2016 (U-NSGA-III, IEEE TEC
/// 20(3)), as pymoo 0.6.2 `ReferenceDirectionSurvival` (`pymoo/algorithms/moo/nsga3.py`).
/// MOEA.md `nsga3_survival`, ALGORITHMS.md L.3 and D.1 (DyNAS-T's `unsga3`).
///
/// The survival is a value that **keeps state**: its `normalization` carries the ideal,
/// worst and extreme points from one call to the next, as pymoo's survival object does.
/// `plan` is the deterministic part (fronts, normalisation, association, what survives
/// before niching); `select` adds the random niching (`Niching`).
public struct ReferenceDirectionSurvival: Sendable, Equatable {
    /// The reference directions (rows), e.g. `PymooEnergyDirections` for U-NSGA-III.
    public let referenceDirections: [[Double]]
    /// The running normalisation, updated by every `plan` or `select`.
    public private(set) var normalization: HyperplaneNormalization

    public init(referenceDirections: [[Double]]) {
        precondition(!referenceDirections.isEmpty, "NSGA-III needs reference directions")
        self.referenceDirections = referenceDirections
        normalization = HyperplaneNormalization(dimensions: referenceDirections[0].count)
    }

    /// Everything about one survival except the random niching.
    public struct Plan: Sendable, Equatable {
        /// The examined fronts (indices into the population), best first, ascending within.
        public var fronts: [[Int]]
        /// Front index of every individual; nil outside the examined fronts.
        public var rank: [Int?]
        /// Niche (reference direction) of every examined individual; nil outside.
        public var niche: [Int?]
        /// Perpendicular distance to that niche; nil outside.
        public var distanceToNiche: [Double?]
        /// The ideal and nadir points the association used.
        public var idealPoint: [Double]
        public var nadirPoint: [Double]
        /// Whether the examined fronts hold more than `count` individuals, so niching runs.
        public var needsNiching: Bool
        /// Individuals that survive without niching, ascending: the fronts before the last
        /// (all examined individuals when no niching is needed).
        public var survivingBeforeNiching: [Int]
        /// How many of `survivingBeforeNiching` each niche holds (pymoo's `niche_count`).
        public var nicheCountBeforeNiching: [Int]
        /// How many individuals niching picks from the last front.
        public var remainingForNiching: Int

        /// The examined individuals, front after front (pymoo's `np.concatenate(fronts)`).
        public var considered: [Int] { fronts.flatMap { $0 } }
        /// The front niching draws from (the last examined one).
        public var splitFront: Int { fronts.count - 1 }
    }

    /// The outcome of one survival.
    public struct Selection: Sendable, Equatable {
        /// Survivors as indices into the population, in pymoo's order: the earlier fronts
        /// front by front, then the niching picks in the order drawn.
        public var survivors: [Int]
        /// The deterministic part.
        public var plan: Plan
    }

    /// Sorts, updates the normalisation, associates and works out the split; no randomness.
    ///
    /// - Precondition: `count >= 1`; every vector has as many objectives as the directions.
    /// - Complexity: O(M n² + n D M).
    public mutating func plan(objectives: [[Double]], count: Int) -> Plan {
        precondition(count >= 1, "NSGA-III's survival needs at least one survivor")
        let ranked = RankedFronts(objectives: objectives, stopOnceRanked: count)
        normalization.update(objectives: objectives, nonDominated: ranked.fronts[0])
        let ideal = normalization.idealPoint, nadir = normalization.nadirPoint!

        let considered = ranked.considered
        let association = NicheAssociation.associate(
            objectives: considered.map { objectives[$0] }, referenceDirections: referenceDirections,
            idealPoint: ideal, nadirPoint: nadir)
        var niche = [Int?](repeating: nil, count: objectives.count)
        var distance = [Double?](repeating: nil, count: objectives.count)
        for (k, i) in considered.enumerated() {
            niche[i] = association.niche[k]
            distance[i] = association.distance[k]
        }

        let needsNiching = considered.count > count
        let before = needsNiching ? ranked.fronts.dropLast().flatMap { $0 } : considered
        var nicheCount = [Int](repeating: 0, count: referenceDirections.count)
        for i in before { nicheCount[niche[i]!] += 1 }
        return Plan(fronts: ranked.fronts, rank: ranked.rank, niche: niche, distanceToNiche: distance,
                    idealPoint: ideal, nadirPoint: nadir, needsNiching: needsNiching,
                    survivingBeforeNiching: before.sorted(), nicheCountBeforeNiching: nicheCount,
                    remainingForNiching: needsNiching ? count - before.count : 0)
    }

    /// The full survival: `plan`, then niching on the last front when it overflows.
    ///
    /// - Complexity: that of `plan`, plus O(k · L) for niching k of L last-front members.
    public mutating func select<G: RandomNumberGenerator>(
        objectives: [[Double]], count: Int, using rng: inout G
    ) -> Selection {
        let plan = plan(objectives: objectives, count: count)
        guard plan.needsNiching else { return Selection(survivors: plan.considered, plan: plan) }
        let before = plan.fronts.dropLast().flatMap { $0 }
        let last = plan.fronts[plan.fronts.count - 1]
        let picked = Niching.select(
            count: plan.remainingForNiching, nicheCount: plan.nicheCountBeforeNiching,
            niche: last.map { plan.niche[$0]! }, distanceToNiche: last.map { plan.distanceToNiche[$0]! },
            using: &rng)
        return Selection(survivors: before + picked.map { last[$0] }, plan: plan)
    }
}

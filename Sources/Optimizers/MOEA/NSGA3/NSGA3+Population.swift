import Indicators

extension NSGA3 {
    /// Survivors of a generation with what U-NSGA-III's tournament reads.
    ///
    /// Members are listed as pymoo's survival returns them: the fronts before the cut front by
    /// front, then the niching picks in the order drawn.
    public struct Population: Sendable, Equatable {
        public var genes: [[Int]] = []
        /// Minimised objective vectors (NaN already replaced by `+∞`).
        public var objectives: [[Double]] = []
        /// Pareto front index (0 = non-dominated) from the last survival.
        public var rank: [Int] = []
        /// Reference direction each member is associated with (pymoo `niche`).
        public var niche: [Int] = []
        /// Perpendicular distance to that direction in normalised space (pymoo `dist_to_niche`).
        public var distanceToNiche: [Double] = []

        public init() {}

        public var count: Int { genes.count }

        /// Indices of the rank-0 members.
        public var paretoFront: [Int] { rank.indices.filter { rank[$0] == 0 } }

        /// Broken invariants, empty when consistent: parallel arrays, genes within bounds, no
        /// repeated genome, niches among `directions`, rank 0 undominated and every rank-k
        /// member dominated by some rank-(k−1) member.
        ///
        /// - Complexity: O(N² M)
        public func invariantViolations(bounds: GeneBounds, directions: Int) -> [String] {
            var problems: [String] = []
            let n = genes.count
            guard objectives.count == n, rank.count == n, niche.count == n, distanceToNiche.count == n else {
                return ["arrays of unequal length"]
            }
            for i in 0..<n where !bounds.contains(genes[i]) { problems.append("member \(i) out of bounds") }
            for i in 0..<n where !(0..<directions).contains(niche[i]) { problems.append("member \(i) has no niche") }
            if Set(genes).count != n { problems.append("repeated genome") }
            for i in 0..<n {
                let dominators = (0..<n).filter { NonDominatedSorting.dominates(objectives[$0], objectives[i]) }
                if rank[i] == 0, !dominators.isEmpty { problems.append("rank-0 member \(i) is dominated") }
                if rank[i] > 0, !dominators.contains(where: { rank[$0] == rank[i] - 1 }) {
                    problems.append("member \(i) of rank \(rank[i]) has no dominator one front up")
                }
            }
            return problems
        }
    }
}

import Indicators

extension NSGA2 {
    /// Survivors of a generation with what the next tournament reads.
    ///
    /// ```swift
    /// let final = nsga2.evolve(space: space, generations: 400, using: &rng, objectives: f)
    /// let front = final.paretoFront.map { final.genes[$0] }   // pymoo res.opt
    /// ```
    ///
    /// Members are listed as pymoo's survival returns them: front by front, the cut front
    /// in its crowding order.
    public struct Population: Sendable, Equatable {
        public var genes: [[Int]] = []
        /// Minimised objective vectors (NaN already replaced by `+∞`).
        public var objectives: [[Double]] = []
        /// Pareto front index (0 = non-dominated) from the last survival.
        public var rank: [Int] = []
        /// Crowding within the member's untruncated front at the last survival.
        public var crowding: [Double] = []

        public init() {}

        public var count: Int { genes.count }

        /// Indices of the rank-0 members (pymoo `res.opt`).
        public var paretoFront: [Int] { rank.indices.filter { rank[$0] == 0 } }

        /// Broken invariants, empty when consistent: parallel arrays, genes within bounds,
        /// no repeated genome, rank 0 mutually non-dominated and undominated by the rest,
        /// and every rank-k member dominated by some rank-(k−1) member.
        ///
        /// - Complexity: O(N² M)
        public func invariantViolations(bounds: GeneBounds) -> [String] {
            var problems: [String] = []
            let n = genes.count
            if objectives.count != n || rank.count != n || crowding.count != n {
                problems.append("arrays of unequal length")
                return problems
            }
            for i in 0..<n where !bounds.contains(genes[i]) { problems.append("member \(i) out of bounds") }
            if Set(genes).count != n { problems.append("repeated genome") }
            for i in 0..<n {
                let dominators = (0..<n).filter { NonDominatedSorting.dominates(objectives[$0], objectives[i]) }
                if rank[i] == 0, !dominators.isEmpty { problems.append("rank-0 member \(i) is dominated") }
                if rank[i] > 0, !dominators.contains(where: { rank[$0] == rank[i] - 1 }) {
                    problems.append("member \(i) of rank \(rank[i]) has no dominator one front up")
                }
                if dominators.contains(where: { rank[$0] >= rank[i] }) {
                    problems.append("member \(i) dominated by a member of no better rank")
                }
            }
            return problems
        }
    }
}

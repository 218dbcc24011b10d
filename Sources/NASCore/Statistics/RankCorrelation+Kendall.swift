extension RankCorrelation {
    /// How the n(n−1)/2 pairs of a paired sample split: concordant, discordant, tied in x
    /// only, tied in y only, tied in both.
    ///
    /// ```swift
    /// let c = RankCorrelation.kendallPairCounts([1, 2, 2, 3], [1, 3, 2, 2])
    /// // c.concordant == 3, c.discordant == 1, c.tiedXOnly == 1, c.tiedYOnly == 1
    /// ```
    public struct KendallPairCounts: Sendable, Equatable {
        public var concordant: Int
        public var discordant: Int
        /// Pairs with equal x and different y.
        public var tiedXOnly: Int
        /// Pairs with equal y and different x.
        public var tiedYOnly: Int
        /// Pairs equal in both x and y.
        public var tiedBoth: Int

        /// S = concordant − discordant, the numerator of every τ variant.
        public var s: Int { concordant - discordant }
        public var pairs: Int { concordant + discordant + tiedXOnly + tiedYOnly + tiedBoth }
    }

    /// Kendall's τ-b = (concordant − discordant) / sqrt((n0 − n1)(n0 − n2)), as
    /// `scipy.stats.kendalltau(x, y)`; NaN when either sample is constant or holds a NaN
    /// (scipy's `nan_policy='propagate'`).
    ///
    /// - Complexity: O(n log n) (``kendallPairCounts(_:_:)``).
    public static func kendallTauB(_ x: [Double], _ y: [Double]) -> Double {
        precondition(x.count == y.count, "kendallTauB needs samples of equal length")
        guard let c = kendallPairCounts(x, y) else { return .nan }
        return kendallTauB(c)
    }

    /// τ-b from pair counts already made.
    public static func kendallTauB(_ c: KendallPairCounts) -> Double {
        let pairsX = Double(c.concordant + c.discordant + c.tiedYOnly)   // pairs not tied in x
        let pairsY = Double(c.concordant + c.discordant + c.tiedXOnly)   // pairs not tied in y
        let denominator = (pairsX * pairsY).squareRoot()
        guard denominator > 0 else { return .nan }
        return Double(c.concordant - c.discordant) / denominator
    }

    /// Counts the pairs of Kendall's τ without visiting them: Knight's algorithm as scipy's
    /// `kendalltau` runs it. Sort by (x, y); the discordant pairs are then the strict
    /// inversions of the y sequence between different x values, counted with a Fenwick
    /// tree over the dense ranks of y (scipy `_stats._kendall_dis`); the tied pairs come
    /// from the run lengths of x, of y and of (x, y), and the concordant pairs are what is
    /// left. The counts are the integers an O(n²) pair loop gives, so τ is bit-identical.
    ///
    /// Reference: W. R. Knight, "A computer method for calculating Kendall's tau with
    /// ungrouped data", JASA 61 (1966) 436–439.
    /// - Returns: nil when x or y holds a NaN (no order, so no pair counts).
    /// - Complexity: O(n log n) time, O(n) memory.
    public static func kendallPairCounts(_ x: [Double], _ y: [Double]) -> KendallPairCounts? {
        precondition(x.count == y.count, "kendallPairCounts needs samples of equal length")
        let n = x.count
        if x.contains(where: \.isNaN) || y.contains(where: \.isNaN) { return nil }

        // Dense 1-based ranks of y, and the pairs tied in y.
        let byY = (0..<n).sorted { y[$0] < y[$1] }
        var yRank = [Int](repeating: 0, count: n)
        var rank = 0, tiedY = 0, run = 0
        for (k, i) in byY.enumerated() {
            if k == 0 || y[i] != y[byY[k - 1]] { tiedY += run * (run - 1) / 2; run = 0; rank += 1 }
            run += 1
            yRank[i] = rank
        }
        tiedY += run * (run - 1) / 2
        let yRanks = rank

        // Walk in (x, y) order; a group of equal x enters the tree only after all of its
        // members have been counted, so pairs within it are never inversions.
        let order = (0..<n).sorted { x[$0] < x[$1] || (x[$0] == x[$1] && yRank[$0] < yRank[$1]) }
        var tree = [Int](repeating: 0, count: yRanks + 1)
        var discordant = 0, tiedX = 0, tiedBoth = 0, jointRun = 0
        var start = 0
        while start < n {
            var end = start
            while end + 1 < n && x[order[end + 1]] == x[order[start]] { end += 1 }
            let groupSize = end - start + 1
            tiedX += groupSize * (groupSize - 1) / 2
            for k in start...end {
                // Earlier x values with a y above this one's: start of them in all, minus
                // those at or below its rank.
                var atOrBelow = 0, r = yRank[order[k]]
                while r > 0 { atOrBelow += tree[r]; r &= r - 1 }
                discordant += start - atOrBelow
                if k > start && yRank[order[k]] == yRank[order[k - 1]] {
                    jointRun += 1
                } else {
                    tiedBoth += jointRun * (jointRun + 1) / 2
                    jointRun = 0
                }
            }
            tiedBoth += jointRun * (jointRun + 1) / 2
            jointRun = 0
            for k in start...end {
                var r = yRank[order[k]]
                while r <= yRanks { tree[r] += 1; r += r & -r }
            }
            start = end + 1
        }
        let total = n * (n - 1) / 2
        // total = concordant + discordant + (tiedX − tiedBoth) + (tiedY − tiedBoth) + tiedBoth
        let concordant = total - discordant - tiedX - tiedY + tiedBoth
        return KendallPairCounts(concordant: concordant, discordant: discordant,
                                 tiedXOnly: tiedX - tiedBoth, tiedYOnly: tiedY - tiedBoth, tiedBoth: tiedBoth)
    }
}

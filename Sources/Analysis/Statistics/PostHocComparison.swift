/// Pairwise results of a post-hoc test after an omnibus test (Kruskal–Wallis, Friedman).
///
/// ```swift
/// let dunn = try KruskalWallis.dunn([a, b, c], adjustment: .holm)
/// let pAB = dunn.pValues[0][1]                 // symmetric; the diagonal is 1
/// for pair in dunn.pairs { print(pair.first, pair.second, pair.pValue) }
/// ```
public struct PostHocComparison: Sendable, Equatable {
    /// The standardized difference for each pair (z for Dunn, q for Nemenyi); diagonal 0.
    public var statistics: [[Double]]
    /// (Adjusted) p-values; symmetric, diagonal 1, the layout of scikit-posthocs.
    public var pValues: [[Double]]
    /// Mean rank of each group, the quantity being compared.
    public var meanRanks: [Double]
    public var adjustment: PValueAdjustment

    public struct Pair: Sendable, Equatable {
        public var first: Int
        public var second: Int
        public var statistic: Double
        public var pValue: Double
    }

    /// Each unordered pair once, in row-major order of the upper triangle.
    public var pairs: [Pair] {
        var result: [Pair] = []
        for i in pValues.indices {
            for j in (i + 1)..<max(i + 1, pValues.count) {
                result.append(Pair(first: i, second: j, statistic: statistics[i][j], pValue: pValues[i][j]))
            }
        }
        return result
    }

    /// Builds the symmetric matrices from raw upper-triangle p-values, adjusting them
    /// together as scikit-posthocs does (`multipletests` over the upper triangle).
    init(meanRanks: [Double], statistic: (Int, Int) -> Double, rawPValue: (Double) -> Double,
         adjustment: PValueAdjustment) {
        let k = meanRanks.count
        var stats = [[Double]](repeating: [Double](repeating: 0, count: k), count: k)
        var raw: [Double] = []
        var positions: [(Int, Int)] = []
        for i in 0..<k {
            for j in (i + 1)..<max(i + 1, k) {
                let s = statistic(i, j)
                stats[i][j] = s
                stats[j][i] = s
                raw.append(rawPValue(s))
                positions.append((i, j))
            }
        }
        let adjusted = MultipleComparisons.adjust(raw, method: adjustment)
        var p = [[Double]](repeating: [Double](repeating: 1, count: k), count: k)
        for (index, (i, j)) in positions.enumerated() {
            p[i][j] = adjusted[index]
            p[j][i] = adjusted[index]
        }
        self.statistics = stats
        self.pValues = p
        self.meanRanks = meanRanks
        self.adjustment = adjustment
    }
}

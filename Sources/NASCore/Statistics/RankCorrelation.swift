/// Rank statistics shared by predictor metrics and statistical tests.
///
/// ```swift
/// let tau = RankCorrelation.kendallTauB(predicted, actual)
/// let rho = RankCorrelation.spearmanRho(predicted, actual)
/// ```
///
/// Both match scipy: `kendalltau(x, y)` (τ-b, which corrects for ties in either sample)
/// and `spearmanr(x, y)` (Pearson's r on average ranks). They return NaN when a sample is
/// constant, as scipy does.
public enum RankCorrelation {
    /// Spearman's ρ: Pearson's correlation of the average ranks.
    ///
    /// - Complexity: O(n log n)
    public static func spearmanRho(_ x: [Double], _ y: [Double]) -> Double {
        precondition(x.count == y.count, "spearmanRho needs samples of equal length")
        return pearson(averageRanks(x), averageRanks(y))
    }

    /// Pearson's product-moment correlation; NaN when either sample is constant.
    public static func pearson(_ x: [Double], _ y: [Double]) -> Double {
        let n = Double(x.count)
        guard n > 1 else { return .nan }
        let mx = x.reduce(0, +) / n, my = y.reduce(0, +) / n
        var sxy = 0.0, sxx = 0.0, syy = 0.0
        for i in x.indices {
            let dx = x[i] - mx, dy = y[i] - my
            sxy += dx * dy; sxx += dx * dx; syy += dy * dy
        }
        guard sxx > 0, syy > 0 else { return .nan }
        return sxy / (sxx * syy).squareRoot()
    }

    /// 1-based ranks, ties sharing the mean of the ranks they span (scipy `rankdata`, 'average').
    ///
    /// - Complexity: O(n log n)
    public static func averageRanks(_ values: [Double]) -> [Double] {
        let order = values.indices.sorted { values[$0] < values[$1] || (values[$0] == values[$1] && $0 < $1) }
        var ranks = [Double](repeating: 0, count: values.count)
        var start = 0
        while start < order.count {
            var end = start
            while end + 1 < order.count && values[order[end + 1]] == values[order[start]] { end += 1 }
            let rank = Double(start + end) / 2 + 1
            for k in start...end { ranks[order[k]] = rank }
            start = end + 1
        }
        return ranks
    }
}

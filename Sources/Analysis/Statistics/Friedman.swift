import NASCore

/// The Friedman test for k related samples (treatments measured on the same n blocks),
/// with the Nemenyi post-hoc test.
///
/// ```swift
/// // groups[g][b]: result of algorithm g on benchmark (block) b
/// let omnibus = try Friedman.test([nsga2, linas, random])
/// let pairs = try Friedman.nemenyi([nsga2, linas, random])
/// ```
///
/// Matches scipy 1.17 `stats.friedmanchisquare(*groups)`: values are ranked within each
/// block (average ranks for ties), χ²_F = (12/(nk(k+1)) Σ R_g² − 3n(k+1)) / C with
/// C = 1 − Σ_blocks Σ(t³−t) / (n k (k²−1)), p from χ²(k − 1). Reference: M. Friedman,
/// JASA 32 (1937) 675–701; Demšar, JMLR 7 (2006) 1–30.
///
/// - Complexity: O(n k log k)
public enum Friedman {
    public static func test(_ groups: [[Double]]) throws -> TestResult {
        let name = "Friedman"
        let (rankSums, tieTerm) = try blockRanks(groups, name: name)
        let k = Double(groups.count), n = Double(groups[0].count)
        let correction = 1 - tieTerm / (k * (k * k - 1) * n)
        guard correction > 0 else {
            throw StatisticsError.unsupported(test: name, reason: "every block is fully tied, so the statistic is undefined")
        }
        let sumOfSquares = rankSums.reduce(0) { $0 + $1 * $1 }
        let statistic = (12 / (k * n * (k + 1)) * sumOfSquares - 3 * n * (k + 1)) / correction
        let p = ChiSquaredDistribution.sf(statistic, degreesOfFreedom: k - 1)
        return TestResult(statistic: statistic, pValue: p, method: .asymptotic, extras: ["df": k - 1])
    }

    /// The Nemenyi (1963) test of every pair of treatments: q = |R̄_i − R̄_j| /
    /// √(k(k+1)/(6n)) on mean within-block ranks, p = P(Q_{k,∞} ≥ q√2) from the
    /// studentized range with infinite degrees of freedom. This is scikit-posthocs
    /// `posthoc_nemenyi_friedman` on the n × k block matrix (checked against 0.17.1, which
    /// calls scipy `studentized_range.sf(q·√2, k, inf)`); no tie correction, as there.
    /// Reference: Demšar, JMLR 7 (2006), §3.2.2.
    ///
    /// - Complexity: O(n k log k + k²)
    public static func nemenyi(_ groups: [[Double]], adjustment: PValueAdjustment = .none) throws -> PostHocComparison {
        let (rankSums, _) = try blockRanks(groups, name: "Nemenyi")
        let k = groups.count, n = Double(groups[0].count)
        let meanRanks = rankSums.map { $0 / n }
        let scale = (Double(k * (k + 1)) / (6 * n)).squareRoot()
        return PostHocComparison(
            meanRanks: meanRanks,
            statistic: { i, j in abs(meanRanks[i] - meanRanks[j]) / scale },
            rawPValue: { q in StudentizedRangeDistribution.sf(q * 2.0.squareRoot(), groups: k) },
            adjustment: adjustment)
    }

    /// Per-treatment sums of within-block ranks, and Σ over blocks of Σ(t³ − t).
    static func blockRanks(_ groups: [[Double]], name: String) throws -> (rankSums: [Double], tieTerm: Double) {
        guard groups.count >= 3 else { throw StatisticsError.tooFewSamples(test: name, needed: 3, got: groups.count) }
        try SampleValidation.requireFinite(groups, test: name)
        try SampleValidation.requireEqualLengths(groups, test: name)
        try SampleValidation.requireMinimumLength(groups, 1, test: name)
        let k = groups.count, blocks = groups[0].count
        var rankSums = [Double](repeating: 0, count: k)
        var tieTerm = 0.0
        for b in 0..<blocks {
            let block = groups.map { $0[b] }
            let ranks = RankCorrelation.averageRanks(block)
            for g in 0..<k { rankSums[g] += ranks[g] }
            tieTerm += TieGroups.cubicTerm(block)
        }
        return (rankSums, tieTerm)
    }
}

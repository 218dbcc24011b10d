import NASCore

/// The Kruskal–Wallis H test for k independent samples, with Dunn's post-hoc test.
///
/// ```swift
/// let omnibus = try KruskalWallis.test([ga, aging, random])
/// if omnibus.pValue < 0.05 {
///     let pairs = try KruskalWallis.dunn([ga, aging, random], adjustment: .holm)
/// }
/// ```
///
/// Matches scipy 1.17 `stats.kruskal(*groups)`: H = 12/(N(N+1)) Σ R_g²/n_g − 3(N+1) on
/// pooled average ranks, divided by the tie correction 1 − Σ(t³−t)/(N³−N), with p from
/// χ²(k − 1). Reference: Kruskal & Wallis, JASA 47 (1952) 583–621.
///
/// - Complexity: O(N log N)
public enum KruskalWallis {
    public static func test(_ groups: [[Double]]) throws -> TestResult {
        let name = "Kruskal-Wallis"
        try validate(groups, name: name)
        let pooled = groups.flatMap { $0 }
        let ranks = RankCorrelation.averageRanks(pooled)
        let total = Double(pooled.count)
        var offset = 0
        var sumOfSquares = 0.0
        for group in groups {
            let rankSum = ranks[offset..<(offset + group.count)].reduce(0, +)
            sumOfSquares += rankSum * rankSum / Double(group.count)
            offset += group.count
        }
        let tieCorrection = 1 - TieGroups.cubicTerm(pooled) / (total * total * total - total)
        guard tieCorrection > 0 else {
            throw StatisticsError.unsupported(test: name, reason: "all values are equal, so H is undefined")
        }
        let h = (12 / (total * (total + 1)) * sumOfSquares - 3 * (total + 1)) / tieCorrection
        let p = ChiSquaredDistribution.sf(h, degreesOfFreedom: Double(groups.count - 1))
        return TestResult(statistic: h, pValue: p, method: .asymptotic, extras: ["df": Double(groups.count - 1)])
    }

    /// Dunn's (1964) test of every pair of groups, on the pooled ranks of the omnibus test.
    ///
    /// z_ij = |R̄_i − R̄_j| / √((N(N+1)/12 − Σ(t³−t)/(12(N−1))) (1/n_i + 1/n_j)),
    /// p = 2·(1 − Φ(z)), then adjusted over all k(k−1)/2 pairs. This is
    /// scikit-posthocs `posthoc_dunn(groups, p_adjust=…)` (checked against scikit-posthocs 0.17.1).
    /// Reference: O. J. Dunn, "Multiple comparisons using rank sums", Technometrics 6
    /// (1964) 241–252.
    ///
    /// - Complexity: O(N log N + k²)
    public static func dunn(_ groups: [[Double]], adjustment: PValueAdjustment = .none) throws -> PostHocComparison {
        let name = "Dunn"
        try validate(groups, name: name)
        let pooled = groups.flatMap { $0 }
        let ranks = RankCorrelation.averageRanks(pooled)
        let n = Double(pooled.count)
        var meanRanks: [Double] = []
        var offset = 0
        for group in groups {
            meanRanks.append(ranks[offset..<(offset + group.count)].reduce(0, +) / Double(group.count))
            offset += group.count
        }
        let tieAdjustment = TieGroups.cubicTerm(pooled) / (12 * (n - 1))
        let base = n * (n + 1) / 12 - tieAdjustment
        return PostHocComparison(
            meanRanks: meanRanks,
            statistic: { i, j in
                let scale = (base * (1 / Double(groups[i].count) + 1 / Double(groups[j].count))).squareRoot()
                return abs(meanRanks[i] - meanRanks[j]) / scale
            },
            rawPValue: { z in min(1, 2 * NormalDistribution.sf(abs(z))) },
            adjustment: adjustment)
    }

    static func validate(_ groups: [[Double]], name: String) throws {
        guard groups.count >= 2 else { throw StatisticsError.tooFewSamples(test: name, needed: 2, got: groups.count) }
        try SampleValidation.requireFinite(groups, test: name)
        try SampleValidation.requireMinimumLength(groups, 1, test: name)
    }
}

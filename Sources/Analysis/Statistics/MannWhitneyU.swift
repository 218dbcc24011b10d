import NASCore

/// The Mann–Whitney U (Wilcoxon rank-sum) test for two independent samples.
///
/// ```swift
/// let r = try MannWhitneyU.test(errorsOfA, errorsOfB)            // two-sided, method .auto
/// let one = try MannWhitneyU.test(a, b, alternative: .less, method: .exact)
/// ```
///
/// Matches scipy 1.17 `stats.mannwhitneyu(x, y, use_continuity=True, alternative, method)`:
/// - the statistic is U₁ = R₁ − n₁(n₁+1)/2 of `x`, with average ranks for ties;
/// - `.exact` uses ``MannWhitneyDistribution`` (no tie correction; U is truncated to an
///   integer, as scipy does), p = 2·P(U ≥ max(U₁, U₂)) two-sided, clipped to 1;
/// - `.asymptotic` uses z = (U − n₁n₂/2 − ½) / σ with the tie-corrected
///   σ² = n₁n₂/12 · ((n+1) − Σ(t³−t)/(n(n−1))), and the ½ only when
///   `continuityCorrection` is true;
/// - `.auto` is exact when either sample has at most 8 values and there are no ties,
///   asymptotic otherwise (scipy `_mwu_choose_method`), and also asymptotic when
///   n₁·n₂ > ``MannWhitneyDistribution/maximumProduct`` (40,000), where scipy would
///   still build the exact distribution (in time quadratic in n₁n₂); `.exact` above that
///   limit is refused.
///
/// Reference: Mann & Whitney, Ann. Math. Statist. 18 (1947) 50–60.
/// - Complexity: O((n₁+n₂) log(n₁+n₂)) asymptotic; O(n₁²n₂²) for the exact distribution.
public enum MannWhitneyU {
    public static func test(_ x: [Double], _ y: [Double], alternative: Alternative = .twoSided,
                            method: PValueMethod = .auto, continuityCorrection: Bool = true) throws -> TestResult {
        let name = "Mann-Whitney U"
        try SampleValidation.requireFinite([x, y], test: name)
        try SampleValidation.requireMinimumLength([x, y], 1, test: name)
        let n1 = x.count, n2 = y.count
        let pooled = x + y
        let ranks = RankCorrelation.averageRanks(pooled)
        let rankSumX = ranks[0..<n1].reduce(0, +)
        let u1 = rankSumX - Double(n1 * (n1 + 1)) / 2
        let u2 = Double(n1 * n2) - u1
        let tieTerm = TieGroups.cubicTerm(pooled)

        // Every alternative is evaluated as an upper-tail probability of some U.
        let u: Double, factor: Double
        switch alternative {
        case .greater: (u, factor) = (u1, 1)
        case .less: (u, factor) = (u2, 1)
        case .twoSided: (u, factor) = (max(u1, u2), 2)
        }
        var used = method
        let exactFits = n1 * n2 <= MannWhitneyDistribution.maximumProduct
        if method == .auto {
            let bothLarge = n1 > 8 && n2 > 8
            used = (bothLarge || tieTerm > 0 || !exactFits) ? .asymptotic : .exact
        } else if method == .exact && !exactFits {
            throw StatisticsError.unsupported(
                test: name,
                reason: "the exact distribution is limited to n1·n2 ≤ \(MannWhitneyDistribution.maximumProduct) (got \(n1)·\(n2)); use --method asymptotic or auto")
        }
        var extras: [String: Double] = [:]
        let p: Double
        if used == .exact {
            let null = MannWhitneyDistribution(n1: n1, n2: n2)
            // scipy casts U to int64, which truncates a half-integer U from ties.
            p = null.sf(Int(u))
        } else {
            let n = Double(n1 + n2)
            let mean = Double(n1 * n2) / 2
            let sigma = (Double(n1 * n2) / 12 * ((n + 1) - tieTerm / (n * (n - 1)))).squareRoot()
            var numerator = u - mean
            if continuityCorrection { numerator -= 0.5 }
            let z = numerator / sigma
            extras["z"] = z
            p = NormalDistribution.sf(z)
        }
        return TestResult(statistic: u1, pValue: min(1, max(0, p * factor)), method: used, extras: extras)
    }
}

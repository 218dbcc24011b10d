import Foundation
import NASCore

/// The Wilcoxon signed-rank test for paired samples (or one sample of differences).
///
/// ```swift
/// let r = try WilcoxonSignedRank.test(before, after)   // d = before − after
/// print(r.statistic, r.pValue, r.extras["z"] ?? .nan)
/// ```
///
/// Matches scipy 1.17 `stats.wilcoxon(x, y, zero_method='wilcox', correction=False,
/// alternative, method)`:
/// - zero differences are dropped; |d| gets average ranks; R⁺ and R⁻ are the rank sums of
///   the positive and negative differences. The statistic is min(R⁺, R⁻) two-sided and
///   R⁺ one-sided;
/// - `.exact` uses ``WilcoxonSignedRankDistribution`` for the remaining count, rounding a
///   non-integral R⁺ up for the lower tail and down for the upper tail (scipy gh-19872);
/// - `.asymptotic` uses z = (R⁺ − n(n+1)/4) / √((n(n+1)(2n+1) − Σ(t³−t)/2)/24) with the
///   tie correction and, if `continuityCorrection`, a ½ shift toward the mean. The
///   reported `extras["z"]` is −|z| two-sided, as scipy's `zstatistic`;
/// - `.auto` (scipy's rule): asymptotic when more than 50 pairs; exact when there are no
///   ties and no zeros; otherwise, with at most 13 pairs, the exact permutation
///   distribution over all 2ⁿ sign flips (what scipy's `PermutationMethod` enumerates);
///   otherwise asymptotic. `.exact` is refused above
///   ``WilcoxonSignedRankDistribution/maximumN`` (1,000) non-zero differences.
///
/// Reference: F. Wilcoxon, "Individual comparisons by ranking methods", Biometrics
/// Bulletin 1 (1945) 80–83.
/// - Complexity: O(n log n), plus O(n³) for the exact distribution.
public enum WilcoxonSignedRank {
    public static func test(_ x: [Double], _ y: [Double], alternative: Alternative = .twoSided,
                            method: PValueMethod = .auto, continuityCorrection: Bool = false) throws -> TestResult {
        let name = "Wilcoxon signed-rank"
        try SampleValidation.requireFinite([x, y], test: name)
        try SampleValidation.requireEqualLengths([x, y], test: name)
        return try test(differences: zip(x, y).map { $0 - $1 }, alternative: alternative,
                        method: method, continuityCorrection: continuityCorrection)
    }

    /// The one-sample form on differences d = x − y.
    public static func test(differences d: [Double], alternative: Alternative = .twoSided,
                            method: PValueMethod = .auto, continuityCorrection: Bool = false) throws -> TestResult {
        let name = "Wilcoxon signed-rank"
        try SampleValidation.requireFinite([d], test: name)
        try SampleValidation.requireMinimumLength([d], 1, test: name)
        let nonZero = d.filter { $0 != 0 }
        let zeroCount = d.count - nonZero.count
        guard !nonZero.isEmpty else {
            throw StatisticsError.unsupported(test: name, reason: "every difference is zero, so there is nothing to rank")
        }
        let n = Double(nonZero.count)
        let magnitudes = nonZero.map(abs)
        let ranks = RankCorrelation.averageRanks(magnitudes)
        var rPlus = 0.0, rMinus = 0.0
        for (value, rank) in zip(nonZero, ranks) {
            if value > 0 { rPlus += rank } else { rMinus += rank }
        }
        let tieTerm = TieGroups.cubicTerm(magnitudes)
        let hasTies = tieTerm > 0

        if method == .exact && nonZero.count > WilcoxonSignedRankDistribution.maximumN {
            throw StatisticsError.unsupported(
                test: name,
                reason: "the exact distribution is limited to n ≤ \(WilcoxonSignedRankDistribution.maximumN) non-zero differences (got \(nonZero.count)); use --method asymptotic or auto")
        }
        var used = method
        var usePermutation = false
        if method == .auto {
            if d.count > 50 {
                used = .asymptotic
            } else if !hasTies && zeroCount == 0 {
                used = .exact
            } else if d.count <= 13 {
                used = .exact
                usePermutation = true
            } else {
                used = .asymptotic
            }
        }

        let mean = n * (n + 1) / 4
        let standardError = ((n * (n + 1) * (2 * n + 1) - tieTerm / 2) / 24).squareRoot()
        var extras: [String: Double] = ["zero_differences": Double(zeroCount)]
        let p: Double
        if used == .asymptotic {
            var z = (rPlus - mean) / standardError
            if continuityCorrection {
                let sign: Double
                switch alternative {
                case .greater: sign = 1
                case .less: sign = -1
                case .twoSided: sign = z > 0 ? 1 : (z < 0 ? -1 : 0)
                }
                z -= sign * 0.5 / standardError
            }
            switch alternative {
            case .less: p = NormalDistribution.cdf(z)
            case .greater: p = NormalDistribution.sf(z)
            case .twoSided: p = 2 * NormalDistribution.sf(abs(z))
            }
            extras["z"] = alternative == .twoSided ? -abs(z) : z
        } else if usePermutation {
            p = signFlipPValue(ranks: ranks, observed: rPlus, alternative: alternative)
        } else {
            let null = WilcoxonSignedRankDistribution(n: nonZero.count)
            let lower = null.cdf(Int(rPlus.rounded(.up)))
            let upper = null.sf(Int(rPlus.rounded(.down)))
            switch alternative {
            case .less: p = lower
            case .greater: p = upper
            case .twoSided: p = 2 * min(lower, upper)
            }
        }
        let statistic = alternative == .twoSided ? min(rPlus, rMinus) : rPlus
        return TestResult(statistic: statistic, pValue: min(1, max(0, p)), method: used, extras: extras)
    }

    /// The exact permutation p-value of R⁺ over all sign assignments of the given
    /// (possibly tied) ranks. Ranks are multiples of ½, so twice their sums are integers
    /// and the distribution is a subset-sum count; the observed value itself counts as
    /// "at least as extreme", as in scipy's `permutation_test`.
    static func signFlipPValue(ranks: [Double], observed: Double, alternative: Alternative) -> Double {
        let doubled = ranks.map { Int(($0 * 2).rounded()) }
        let top = doubled.reduce(0, +)
        var distribution = [Double](repeating: 0, count: top + 1)
        distribution[0] = 1
        var reach = 0
        for r in doubled {
            reach += r
            for s in stride(from: reach, through: 0, by: -1) {
                distribution[s] = 0.5 * (distribution[s] + (s >= r ? distribution[s - r] : 0))
            }
        }
        let target = Int((observed * 2).rounded())
        let atOrBelow = distribution[0...min(max(target, 0), top)].reduce(0, +)
        let atOrAbove = target <= top ? distribution[max(target, 0)...top].reduce(0, +) : 0
        switch alternative {
        case .less: return atOrBelow
        case .greater: return atOrAbove
        case .twoSided: return min(1, 2 * min(atOrBelow, atOrAbove))
        }
    }
}

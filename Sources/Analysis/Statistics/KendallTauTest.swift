import NASCore

/// Kendall's τ-b with its significance test.
///
/// ```swift
/// let r = try KendallTauTest.test(predicted, measured)
/// print(r.statistic, r.pValue)     // τ-b, two-sided p
/// ```
///
/// Matches scipy 1.17 `stats.kendalltau(x, y, variant='b', method, alternative)`:
/// τ-b comes from NASCore's ``RankCorrelation/kendallTauB(_:_:)``; the p-value depends on
/// S = concordant − discordant:
/// - `.exact` (no ties only): the Mahonian null distribution of the concordant count C
///   (``KendallDistribution``); greater = P(C ≥ c), less = P(C ≤ c), two-sided twice the
///   smaller tail (1 when c is the centre), as `_kendall_p_exact`;
/// - `.asymptotic`: z = S/√v with the tie-corrected variance
///   v = (n(n−1)(2n+5) − Σu(u−1)(2u+5) − Σw(w−1)(2w+5))/18
///     + 2 T_x T_y/(n(n−1)) + Σu(u−1)(u−2) Σw(w−1)(w−2)/(9n(n−1)(n−2))
///   (Kendall 1970, eq. 4.4; u, w tie groups of x and y, T the tied-pair counts);
/// - `.auto`: exact when there are no ties and n ≤ 33 (or ≤ 1 discordant/concordant pair).
///
/// The exact distribution is built for n ≤ ``maximumExactN`` (200); above it `.exact`
/// is refused unless scipy's closed forms for ≤ 1 discordant/concordant pair apply.
/// - Complexity: O(n log n) for S (Knight's algorithm, ``RankCorrelation/kendallPairCounts(_:_:)``);
///   O(n⁴) for the exact distribution.
public enum KendallTauTest {
    public static func test(_ x: [Double], _ y: [Double], alternative: Alternative = .twoSided,
                            method: PValueMethod = .auto) throws -> TestResult {
        let name = "Kendall tau"
        try SampleValidation.requireFinite([x, y], test: name)
        try SampleValidation.requireEqualLengths([x, y], test: name)
        try SampleValidation.requireMinimumLength([x, y], 2, test: name)
        let n = x.count
        guard let counts = RankCorrelation.kendallPairCounts(x, y) else {
            throw StatisticsError.unsupported(test: name, reason: "a sample holds NaN")
        }
        let tau = RankCorrelation.kendallTauB(counts)
        guard tau.isFinite else {
            throw StatisticsError.unsupported(test: name, reason: "a sample is constant, so tau is undefined")
        }
        let s = counts.s, discordant = counts.discordant
        let totalPairs = n * (n - 1) / 2
        let xGroups = TieGroups.sizes(x), yGroups = TieGroups.sizes(y)
        let hasTies = !xGroups.isEmpty || !yGroups.isEmpty

        var used = method
        if method == .auto {
            used = !hasTies && (n <= 33 || min(discordant, totalPairs - discordant) <= 1) ? .exact : .asymptotic
        }
        if used == .exact && hasTies {
            throw StatisticsError.unsupported(test: name, reason: "the exact p-value needs data without ties; use the asymptotic method")
        }
        var extras: [String: Double] = ["S": Double(s)]
        let p: Double
        if used == .exact {
            p = try exactPValue(n: n, concordant: totalPairs - discordant, alternative: alternative)
        } else {
            func moments(_ groups: [Int]) -> (pairs: Double, v0: Double, v1: Double) {
                groups.reduce((0.0, 0.0, 0.0)) { acc, t in
                    let t = Double(t)
                    return (acc.0 + t * (t - 1) / 2, acc.1 + t * (t - 1) * (t - 2), acc.2 + t * (t - 1) * (2 * t + 5))
                }
            }
            let (xTies, x0, x1) = moments(xGroups), (yTies, y0, y1) = moments(yGroups)
            let nn = Double(n)
            let m = nn * (nn - 1)
            var variance = (m * (2 * nn + 5) - x1 - y1) / 18 + 2 * xTies * yTies / m
            if n > 2 { variance += x0 * y0 / (9 * m * (nn - 2)) }
            let z = Double(s) / variance.squareRoot()
            extras["z"] = z
            switch alternative {
            case .less: p = NormalDistribution.cdf(z)
            case .greater: p = NormalDistribution.sf(z)
            case .twoSided: p = 2 * NormalDistribution.sf(abs(z))
            }
        }
        return TestResult(statistic: min(1, max(-1, tau)), pValue: min(1, max(0, p)), method: used, extras: extras)
    }

    /// The largest n whose exact null distribution ``KendallDistribution`` builds (O(n⁴)
    /// time): 200 takes well under a second. Above it the exact p-value exists only in
    /// scipy's closed forms for ≤ 1 discordant or concordant pair, which is where `.auto`
    /// chooses it for large n.
    public static let maximumExactN = 200

    /// P-value from the Mahonian distribution of the concordant count C, as scipy's
    /// `_kendall_p_exact`: greater = P(C ≥ c), less = P(C ≤ c), two-sided twice the smaller
    /// tail (1 when c is the centre).
    static func exactPValue(n: Int, concordant c: Int, alternative: Alternative) throws -> Double {
        let totalPairs = n * (n - 1) / 2
        let nearTail = min(c, totalPairs - c)
        if n <= maximumExactN {
            let null = KendallDistribution(n: n)
            switch alternative {
            case .greater: return null.sf(c)
            case .less: return null.cdf(c)
            case .twoSided: return 4 * c == n * (n - 1) ? 1 : 2 * null.cdf(nearTail)
            }
        }
        guard nearTail <= 1 else {
            throw StatisticsError.unsupported(
                test: "Kendall tau",
                reason: "the exact p-value is limited to n ≤ \(maximumExactN) pairs (got \(n)); use --method asymptotic (auto does above n = 33)")
        }
        // P(C = 0) = 1/n!, P(C = 1) = (n−1)/n!: both underflow to 0 beyond n = 170, as
        // scipy's `2.0/math.factorial(n) if n < 171 else 0.0`.
        let tail = 0.0, mass = 0.0
        let inRightTail = c >= totalPairs - c
        switch alternative {
        case .twoSided: return 2 * tail
        case .greater: return inRightTail ? tail : 1 - tail + mass
        case .less: return inRightTail ? 1 - tail + mass : tail
        }
    }

}

import Foundation

/// The two-sample Kolmogorov–Smirnov test.
///
/// ```swift
/// let r = try KolmogorovSmirnov.twoSample(finalErrorsA, finalErrorsB)
/// print(r.statistic, r.pValue, r.extras["statistic_location"] ?? .nan, r.extras["statistic_sign"] ?? .nan)
/// ```
///
/// Matches scipy 1.17 `stats.ks_2samp(x, y, alternative, method)`:
/// - D⁺ = max(F_x − F_y), D⁻ = max(F_y − F_x) over the pooled values, with right-continuous
///   empirical CDFs. Two-sided, D = D⁻ if D⁻ > D⁺ (sign −1) else D⁺ (sign +1);
///   `statistic_location` is the first pooled value (sorted x, then sorted y) where the
///   extreme difference occurs, exactly as scipy's `argmax`/`argmin` pick it;
/// - `.exact`: ``SmirnovTwoSampleDistribution`` with D rounded to h/lcm(m, n) (and the
///   reported statistic is that h/lcm, as in scipy);
/// - `.asymptotic` (scipy 'asymp'): two-sided p = ``KolmogorovDistribution/sf(_:sampleSize:)``
///   at n = round(mn/(m+n)) (scipy's `kstwo.sf(d, np.round(en))`); one-sided,
///   Hodges' (1958) eq. 5.3, exp(−2z² − 2z(m+2n)/(3√(mn(m+n)))) with z = d√en, m ≥ n;
/// - `.auto`: exact when both samples have at most 10,000 values, else asymptotic. An exact
///   request whose lcm would exceed 2³¹ falls back to asymptotic, as scipy does; one of
///   unequal sizes with m·n > ``maximumExactProduct`` (10⁸, the largest `.auto` takes) is
///   refused, since its lattice walk is O(mn).
///
/// - Complexity: O((m+n) log(m+n)) for D; O(mn) for the exact p-value.
public enum KolmogorovSmirnov {
    /// The largest m·n (m ≠ n) for which `.exact` walks the lattice.
    public static let maximumExactProduct = 100_000_000

    public static func twoSample(_ x: [Double], _ y: [Double], alternative: Alternative = .twoSided,
                                 method: PValueMethod = .auto) throws -> TestResult {
        let name = "Kolmogorov-Smirnov"
        try SampleValidation.requireFinite([x, y], test: name)
        try SampleValidation.requireMinimumLength([x, y], 1, test: name)
        let first = x.sorted(), second = y.sorted()
        let n1 = first.count, n2 = second.count
        let pooled = first + second

        var minIndex = 0, maxIndex = 0
        var minDifference = Double.infinity, maxDifference = -Double.infinity
        for (index, value) in pooled.enumerated() {
            let difference = Double(countAtMost(value, in: first)) / Double(n1)
                - Double(countAtMost(value, in: second)) / Double(n2)
            // Strict comparisons keep the first occurrence, like numpy's argmin/argmax.
            if difference < minDifference { minDifference = difference; minIndex = index }
            if difference > maxDifference { maxDifference = difference; maxIndex = index }
        }
        let minS = min(1, max(0, -minDifference))
        let maxS = maxDifference
        var d: Double, location: Double, sign: Double
        if alternative == .less || (alternative == .twoSided && minS > maxS) {
            (d, location, sign) = (minS, pooled[minIndex], -1)
        } else {
            (d, location, sign) = (maxS, pooled[maxIndex], 1)
        }

        let g = SmirnovTwoSampleDistribution.gcd(n1, n2)
        var used = method
        if method == .auto {
            used = max(n1, n2) <= 10_000 ? .exact : .asymptotic
        } else if method == .exact && Double(n1 / g) >= Double(Int32.max) / Double(n2 / g) {
            used = .asymptotic
        } else if method == .exact && n1 != n2 && n1 * n2 > maximumExactProduct {
            throw StatisticsError.unsupported(
                test: name,
                reason: "the exact p-value of unequal samples is limited to m·n ≤ \(maximumExactProduct) (got \(n1)·\(n2)); use --method asymptotic or auto")
        }
        var p = Double.nan
        if used == .exact {
            let lcm = (n1 / g) * n2
            let h = Int((d * Double(lcm)).rounded(.toNearestOrEven))
            d = Double(h) / Double(lcm)
            if h == 0 {
                p = 1
            } else if alternative == .twoSided {
                p = SmirnovTwoSampleDistribution.sf(h: h, m: n1, n: n2)
            } else {
                p = SmirnovTwoSampleDistribution.oneSidedSF(h: h, m: n1, n: n2)
            }
            if !(p >= 0 && p <= 1) { used = .asymptotic }
        }
        if used == .asymptotic {
            let m = Double(max(n1, n2)), n = Double(min(n1, n2))
            let en = m * n / (m + n)
            if alternative == .twoSided {
                let effective = max(1, Int(en.rounded(.toNearestOrEven)))
                p = KolmogorovDistribution.sf(d, sampleSize: effective)
            } else {
                let z = en.squareRoot() * d
                let exponent = -2 * z * z - 2 * z * (m + 2 * n) / (m * n * (m + n)).squareRoot() / 3
                p = exp(exponent)
            }
        }
        return TestResult(statistic: d, pValue: min(1, max(0, p)), method: used,
                          extras: ["statistic_location": location, "statistic_sign": sign])
    }

    /// Number of elements ≤ value in a sorted array (numpy `searchsorted(side='right')`).
    static func countAtMost(_ value: Double, in sorted: [Double]) -> Int {
        var low = 0, high = sorted.count
        while low < high {
            let mid = (low + high) / 2
            if sorted[mid] <= value { low = mid + 1 } else { high = mid }
        }
        return low
    }
}

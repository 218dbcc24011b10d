/// The exact null distribution of the two-sample Kolmogorov–Smirnov statistic for
/// continuous data (no ties), as scipy `ks_2samp(method='exact')` computes it.
///
/// ```swift
/// let p = SmirnovTwoSampleDistribution.sf(h: 8, m: 10, n: 15)                 // P(D ≥ 8/30)
/// let pPlus = SmirnovTwoSampleDistribution.oneSidedSF(h: 8, m: 10, n: 15)     // P(D⁺ ≥ 8/30)
/// ```
///
/// D is measured in units of 1/lcm(m, n): D = h / lcm. Under the null every arrangement of
/// the pooled sample is equally likely, i.e. every monotone lattice path from (0, 0) to
/// (m, n). The p-value is the fraction of paths that touch |x/m − y/n| ≥ h/lcm
/// (Hodges, "The significance probability of the Smirnov two-sample test", Arkiv för
/// Matematik 3, 1958). For m = n the reflection formula
/// 2 Σ_k (−1)^{k−1} C(2n, n − kh)/C(2n, n) is used, in scipy's nested (Horner) form.
/// Otherwise the fraction is propagated cell by cell: a cell outside the band has
/// fraction 1, a cell inside has the path-count-weighted mean i/(i+j)·left + j/(i+j)·below
/// of its predecessors. Every step is a convex combination, so tiny p-values do not
/// suffer from cancellation.
///
/// - Complexity: O(m n) time, O(min(m, n)) memory.
public enum SmirnovTwoSampleDistribution {
    /// P(D ≥ h / lcm(m, n)), two-sided.
    public static func sf(h: Int, m: Int, n: Int) -> Double {
        guard m > 0, n > 0 else { return .nan }
        if h <= 0 { return 1 }
        if m == n { return equalSizeSF(h: h, n: n) }
        return boundaryCrossingFraction(h: h, m: m, n: n, twoSided: true)
    }

    /// P(D⁺ ≥ h / lcm(m, n)), one-sided; by symmetry the same for D⁻.
    public static func oneSidedSF(h: Int, m: Int, n: Int) -> Double {
        guard m > 0, n > 0 else { return .nan }
        if h <= 0 { return 1 }
        if m == n {
            // C(2n, n − h) / C(2n, n) as a product, which avoids huge binomials.
            var p = 1.0
            for j in 0..<h { p *= Double(n - j) / Double(n + j + 1) }
            return max(0, p)
        }
        return boundaryCrossingFraction(h: h, m: m, n: n, twoSided: false)
    }

    static func equalSizeSF(h: Int, n: Int) -> Double {
        if h > n { return 0 }
        var p = 0.0
        var k = n / h
        while k >= 0 {
            var a = 1.0
            for j in 0..<h { a = Double(n - k * h - j) * a / Double(n + k * h + j + 1) }
            p = a * (1 - p)
            k -= 1
        }
        return min(1, max(0, 2 * p))
    }

    static func boundaryCrossingFraction(h: Int, m: Int, n: Int, twoSided: Bool) -> Double {
        // Let x run over the larger sample so the rolling row is the shorter one.
        let (big, small) = m >= n ? (m, n) : (n, m)
        let g = gcd(big, small)
        let bigStep = small / g     // coefficient of x (x counts elements of the larger sample)
        let smallStep = big / g     // coefficient of y
        func outside(_ x: Int, _ y: Int) -> Bool {
            let gap = bigStep * x - smallStep * y
            return twoSided ? abs(gap) >= h : gap >= h
        }
        // fraction[y] for the current x.
        var fraction = [Double](repeating: 0, count: small + 1)
        for y in 0...small {
            if y == 0 { fraction[0] = outside(0, 0) ? 1 : 0; continue }
            fraction[y] = outside(0, y) ? 1 : fraction[y - 1]
        }
        if big >= 1 {
            for x in 1...big {
                fraction[0] = outside(x, 0) ? 1 : fraction[0]
                if small >= 1 {
                    for y in 1...small {
                        if outside(x, y) {
                            fraction[y] = 1
                        } else {
                            let total = Double(x + y)
                            fraction[y] = (Double(x) * fraction[y] + Double(y) * fraction[y - 1]) / total
                        }
                    }
                }
            }
        }
        return min(1, max(0, fraction[small]))
    }

    static func gcd(_ a: Int, _ b: Int) -> Int {
        var (a, b) = (abs(a), abs(b))
        while b != 0 { (a, b) = (b, a % b) }
        return a
    }
}

/// The exact null distribution of the Mann–Whitney U statistic for samples of sizes n₁ and
/// n₂ without ties.
///
/// ```swift
/// let null = MannWhitneyDistribution(n1: 6, n2: 9)
/// let p = min(1, 2 * null.sf(54))     // P(U ≥ 54), doubled for a two-sided test
/// ```
///
/// Uses the recurrence P_{m,n}(u) = m/(m+n)·P_{m−1,n}(u−n) + n/(m+n)·P_{m,n−1}(u)
/// (Mann & Whitney 1947), carried in probabilities rather than counts so that nothing
/// overflows and every step adds non-negative terms (no cancellation). Only u ≤ n₁n₂/2 is
/// stored; the upper half follows from symmetry, as in scipy's `_MWU`.
///
/// Callers keep n₁·n₂ ≤ ``maximumProduct``: the work grows as (n₁n₂)², about 0.2–0.4
/// (n₁n₂)² multiply-adds.
///
/// - Complexity: O(n₁² n₂²) time, O(n₁² n₂) memory, with n₁ the smaller size.
public struct MannWhitneyDistribution: Sendable {
    public let n1: Int
    public let n2: Int
    /// pmf[u] for u in 0...⌊n₁n₂/2⌋.
    let lowerHalf: [Double]

    public init(n1: Int, n2: Int) {
        let small = max(0, min(n1, n2)), large = max(0, max(n1, n2))
        self.n1 = small
        self.n2 = large
        let uMax = small * large / 2
        // rows[m] holds P_{m, j} for the current j; updated in place, j = 0...large, so
        // memory is Σ_m min(m·j, uMax) ≤ n₁·uMax rather than one column per j. Every
        // P_{m,j} is the same sum of the same two terms in either order.
        var rows = [[Double]](repeating: [1], count: small + 1)
        if small > 0 && large > 0 {
            for j in 1...large {
                // P_{0,j} is a point mass at 0 (the row already holds it).
                for m in 1...small {
                    let length = min(m * j, uMax) + 1
                    var next = [Double](repeating: 0, count: length)
                    let fromFewerY = Double(m) / Double(m + j)     // last element belongs to x
                    let fromFewerX = Double(j) / Double(m + j)
                    let previousM = rows[m - 1]                    // P_{m−1, j}
                    let previousJ = rows[m]                        // P_{m, j−1}
                    for u in 0..<length {
                        var value = 0.0
                        if u - j >= 0 && u - j < previousM.count { value += fromFewerY * previousM[u - j] }
                        if u < previousJ.count { value += fromFewerX * previousJ[u] }
                        next[u] = value
                    }
                    rows[m] = next
                }
            }
        }
        lowerHalf = rows[small]
    }

    /// The largest n₁·n₂ whose exact distribution ``MannWhitneyU`` builds (about a second
    /// on one core at the limit).
    public static let maximumProduct = 40_000

    /// P(U = u).
    public func pmf(_ u: Int) -> Double {
        let total = n1 * n2
        guard u >= 0, u <= total else { return 0 }
        let mirrored = min(u, total - u)
        return mirrored < lowerHalf.count ? lowerHalf[mirrored] : 0
    }

    /// P(U ≤ u).
    public func cdf(_ u: Int) -> Double {
        let total = n1 * n2
        if u < 0 { return 0 }
        if u >= total { return 1 }
        if 2 * u <= total {
            return lowerHalf[0...u].reduce(0, +)
        }
        return 1 - cdf(total - u - 1)
    }

    /// P(U ≥ u), summed from the short tail so small p-values keep their precision.
    public func sf(_ u: Int) -> Double {
        cdf(n1 * n2 - u)
    }
}

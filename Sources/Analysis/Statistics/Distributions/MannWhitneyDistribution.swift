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
/// - Complexity: O(n₁² n₂² / 8) time, O(n₁ n₂²) memory, with n₁ the smaller size.
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
        // columns[j] holds P_{m, j} for the current m; updated in place, m = 0...small.
        var columns = [[Double]](repeating: [1], count: large + 1)
        if small > 0 {
            for m in 1...small {
                // P_{m,0} is a point mass at 0 (the column already holds it).
                for j in 1...large {
                    let length = min(m * j, uMax) + 1
                    var next = [Double](repeating: 0, count: length)
                    let fromFewerY = Double(m) / Double(m + j)     // last element belongs to x
                    let fromFewerX = Double(j) / Double(m + j)
                    let previousM = columns[j]                     // P_{m−1, j}
                    let previousJ = columns[j - 1]                 // P_{m, j−1}
                    for u in 0..<length {
                        var value = 0.0
                        if u - j >= 0 && u - j < previousM.count { value += fromFewerY * previousM[u - j] }
                        if u < previousJ.count { value += fromFewerX * previousJ[u] }
                        next[u] = value
                    }
                    columns[j] = next
                }
            }
        }
        lowerHalf = columns[large]
    }

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

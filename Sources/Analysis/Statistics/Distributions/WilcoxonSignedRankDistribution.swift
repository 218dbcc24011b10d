/// The exact null distribution of the Wilcoxon signed-rank statistic R⁺ for n non-zero,
/// untied differences: R⁺ is the sum of a uniformly random subset of {1, …, n}.
///
/// ```swift
/// let null = WilcoxonSignedRankDistribution(n: 12)
/// let p = min(1, 2 * min(null.cdf(34), null.sf(34)))
/// ```
///
/// Built by the subset-sum recurrence c_k(s) = ½ c_{k−1}(s) + ½ c_{k−1}(s − k), which
/// only adds and halves, so probabilities are exact in binary floating point up to
/// n ≈ 50 (scipy `_get_wilcoxon_distr`).
///
/// - Complexity: O(n³) time, O(n²) memory.
public struct WilcoxonSignedRankDistribution: Sendable {
    public let n: Int
    let pmfTable: [Double]

    public init(n: Int) {
        let n = max(0, n)
        self.n = n
        var table = [Double](repeating: 0, count: n * (n + 1) / 2 + 1)
        table[0] = 1
        var top = 0
        if n > 0 {
            for k in 1...n {
                top += k
                for s in stride(from: top, through: 0, by: -1) {
                    table[s] = 0.5 * (table[s] + (s >= k ? table[s - k] : 0))
                }
            }
        }
        pmfTable = table
    }

    /// The largest n whose exact distribution ``WilcoxonSignedRank`` builds: n³/6
    /// multiply-adds and n²/2 doubles, well under a second at the limit.
    public static let maximumN = 1_000

    public var maximum: Int { n * (n + 1) / 2 }

    public func pmf(_ s: Int) -> Double {
        s >= 0 && s <= maximum ? pmfTable[s] : 0
    }

    /// P(R⁺ ≤ s), summed from whichever tail is shorter.
    public func cdf(_ s: Int) -> Double {
        if s < 0 { return 0 }
        if s >= maximum { return 1 }
        if 2 * s <= maximum { return pmfTable[0...s].reduce(0, +) }
        return 1 - pmfTable[(s + 1)...maximum].reduce(0, +)
    }

    /// P(R⁺ ≥ s).
    public func sf(_ s: Int) -> Double {
        if s <= 0 { return 1 }
        if s > maximum { return 0 }
        // The distribution is symmetric about n(n+1)/4.
        return cdf(maximum - s)
    }
}

/// The exact null distribution of the number of concordant pairs C among n untied
/// observations: the Mahonian distribution of inversions of a random permutation.
///
/// ```swift
/// let null = KendallDistribution(n: 12)
/// let pGreater = null.sf(44)   // P(C ≥ 44)
/// ```
///
/// Reference: M. G. Kendall, *Rank Correlation Methods*, 4th ed. (1970); scipy
/// `mstats_basic._kendall_p_exact`. The recurrence f_j(c) = (1/j) Σ_{i<j} f_{j−1}(c − i)
/// is summed term by term (not by differences of running sums) so that no step cancels.
///
/// - Complexity: O(n⁴) time in the worst case, O(n²) memory; meant for n ≲ 100.
public struct KendallDistribution: Sendable {
    public let n: Int
    let pmfTable: [Double]

    public init(n: Int) {
        let n = max(1, n)
        self.n = n
        let pairs = n * (n - 1) / 2
        var table = [Double](repeating: 0, count: pairs + 1)
        table[0] = 1
        var top = 0
        if n >= 2 {
            for j in 2...n {
                let newTop = top + j - 1
                var next = [Double](repeating: 0, count: pairs + 1)
                let weight = 1 / Double(j)
                for c in 0...newTop {
                    var sum = 0.0
                    let lowest = max(0, c - (j - 1)), highest = min(c, top)
                    if lowest <= highest {
                        for k in lowest...highest { sum += table[k] }
                    }
                    next[c] = sum * weight
                }
                table = next
                top = newTop
            }
        }
        pmfTable = table
    }

    public var pairCount: Int { n * (n - 1) / 2 }

    public func pmf(_ c: Int) -> Double {
        c >= 0 && c <= pairCount ? pmfTable[c] : 0
    }

    /// P(C ≤ c), summed from the shorter tail.
    public func cdf(_ c: Int) -> Double {
        if c < 0 { return 0 }
        if c >= pairCount { return 1 }
        if 2 * c <= pairCount { return pmfTable[0...c].reduce(0, +) }
        return 1 - pmfTable[(c + 1)...pairCount].reduce(0, +)
    }

    /// P(C ≥ c); the distribution is symmetric about n(n−1)/4.
    public func sf(_ c: Int) -> Double {
        cdf(pairCount - c)
    }
}

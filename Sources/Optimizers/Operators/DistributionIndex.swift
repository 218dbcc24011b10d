import Foundation

/// The two powers SBX and polynomial mutation take of a distribution index η:
/// `x^(η+1)` and `x^(1/(η+1))`.
///
/// ```swift
/// let eta = DistributionIndex(15)      // SBX: η + 1 = 16
/// eta.power(0.5)                       // 0.5^16, by four squarings
/// eta.root(0.5)                        // 0.5^(1/16), by four square roots
/// ```
///
/// LINAS runs NSGA-II for 20 000 predicted evaluations per loop, and `pow` was the largest
/// cost inside SBX. For the indices pymoo's users pick (integers), `x^(η+1)` is exact
/// repeated squaring, and when `η + 1` is a power of two (SBX's η = 15) the root is repeated
/// `sqrt`, both correctly rounded per step; other values fall back to `pow`. The results
/// agree with `pow` to a few ulps, which moves a rounding boundary only on a set of
/// measure zero — and numpy's stream is not reproduced anyway.
///
/// - Complexity: O(log η) multiplications or square roots, else one `pow`.
public struct DistributionIndex: Sendable, Hashable {
    public let eta: Double
    /// `η + 1` when it is an integer in 1…1024.
    private let integralExponent: Int?
    /// `k` when `η + 1 = 2^k`, k ≤ 10.
    private let sqrtCount: Int?

    public init(_ eta: Double) {
        self.eta = eta
        let e = eta + 1
        if e >= 1, e <= 1024, e == e.rounded() {
            let n = Int(e)
            integralExponent = n
            sqrtCount = n & (n - 1) == 0 ? n.trailingZeroBitCount : nil
        } else {
            integralExponent = nil
            sqrtCount = nil
        }
    }

    /// `x^(η+1)`.
    @inline(__always)
    public func power(_ x: Double) -> Double {
        guard var n = integralExponent else { return pow(x, eta + 1) }
        var base = x, result = 1.0
        while n > 0 {
            if n & 1 == 1 { result *= base }
            n >>= 1
            if n > 0 { base *= base }
        }
        return result
    }

    /// `x^(1/(η+1))` for `x >= 0`.
    @inline(__always)
    public func root(_ x: Double) -> Double {
        guard let k = sqrtCount else { return pow(x, 1 / (eta + 1)) }
        var r = x
        for _ in 0..<k { r = r.squareRoot() }
        return r
    }
}

import Foundation

// The draws every algorithm uses. They are defined here, not taken from the standard
// library's `random(in:using:)`, so that their exact arithmetic is ours and cannot change
// with a toolchain update: results must stay bit-identical across versions.

extension RandomNumberGenerator {
    /// A uniform double in [0, 1) with 53 random bits.
    @inlinable @inline(__always)
    public mutating func nextUnit() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    /// A uniform integer in 0..<n, by Lemire's multiply-and-reject method (unbiased).
    ///
    /// - Precondition: n > 0
    @inlinable
    public mutating func nextInt(below n: Int) -> Int {
        precondition(n > 0, "nextInt(below:) needs a positive bound")
        let bound = UInt64(n)
        var product = next().multipliedFullWidth(by: bound)
        if product.low < bound {
            let threshold = (0 &- bound) % bound
            while product.low < threshold {
                product = next().multipliedFullWidth(by: bound)
            }
        }
        return Int(product.high)
    }

    /// True with probability p.
    @inlinable @inline(__always)
    public mutating func nextBernoulli(_ p: Double) -> Bool {
        nextUnit() < p
    }

    /// A uniformly chosen element.
    @inlinable
    public mutating func choose<C: RandomAccessCollection>(from c: C) -> C.Element where C.Index == Int {
        c[c.startIndex + nextInt(below: c.count)]
    }

    /// A standard normal draw (Box–Muller; one of the pair is discarded for simplicity).
    @inlinable
    public mutating func nextGaussian() -> Double {
        var u = nextUnit()
        while u <= 0 { u = nextUnit() }
        let v = nextUnit()
        return (-2 * log(u)).squareRoot() * cos(2 * Double.pi * v)
    }

    /// Fisher–Yates shuffle in place. Inlinable, so callers in other modules get it
    /// specialised for their element type (unspecialised, its `swapAt` through witness
    /// tables was 4 % of a C-TAEA run).
    @inlinable
    public mutating func shuffle<T>(_ a: inout [T]) {
        guard a.count > 1 else { return }
        for i in stride(from: a.count - 1, to: 0, by: -1) {
            a.swapAt(i, nextInt(below: i + 1))
        }
    }
}

import NASCore
import Testing
@testable import Predictors

/// The dense products give the bits of the plain loops they replace: each output summed
/// from 0 in the same order, with a separate multiply and add.
@Suite struct DenseKernelsTests {
    /// `out (+)= d · wᵀ` as the scalar loop: one dot product per output, in j order.
    static func plainMultiplyTransposed(_ d: [Float], _ w: [Float], out: [Float], rows: Int, inner: Int, columns: Int,
                                        accumulate: Bool) -> [Float] {
        var out = out
        for r in 0..<rows {
            for k in 0..<inner {
                var sum: Float = 0
                for j in 0..<columns { sum += d[r * columns + j] * w[k * columns + j] }
                out[r * inner + k] = accumulate ? out[r * inner + k] + sum : sum
            }
        }
        return out
    }

    @Test("multiplyTransposed = the scalar loop, bit for bit, at the GCN's widths and the edge cases",
          arguments: [(1, 1, 1), (3, 7, 5), (5, 8, 9), (4, 31, 3), (6, 32, 17), (7, 33, 2), (9, 150, 75), (8, 75, 37), (2, 72, 0)])
    func multiplyTransposedIsTheScalarLoop(rows: Int, inner: Int, columns: Int) {
        var rng = Xoshiro256StarStar(seed: UInt64(rows * 10_000 + inner * 100 + columns))
        // Values of every magnitude and sign, and zeros as ReLU leaves them.
        func value() -> Float {
            rng.nextInt(below: 4) == 0 ? 0 : Float(rng.nextUnit() * 2 - 1) * Float(1 << rng.nextInt(below: 20)) / 1024
        }
        let d = (0..<(rows * columns)).map { _ in value() }, w = (0..<(inner * columns)).map { _ in value() }
        let start = (0..<(rows * inner)).map { _ in value() }
        for accumulate in [false, true] {
            var out = start
            d.withUnsafeBufferPointer { dp in
                w.withUnsafeBufferPointer { wp in
                    out.withUnsafeMutableBufferPointer { op in
                        DenseKernels.multiplyTransposed(dp.baseAddress!, wp.baseAddress!, into: op.baseAddress!,
                                                        rows: rows, inner: inner, columns: columns, accumulate: accumulate)
                    }
                }
            }
            let plain = Self.plainMultiplyTransposed(d, w, out: start, rows: rows, inner: inner, columns: columns, accumulate: accumulate)
            #expect(out.map(\.bitPattern) == plain.map(\.bitPattern), "accumulate \(accumulate)")
        }
    }
}

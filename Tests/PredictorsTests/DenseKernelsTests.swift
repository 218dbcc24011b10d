import NASCore
import Testing
@testable import Predictors

/// The dense products give the bits of the plain loops they replace: each output summed
/// from 0 (or from what it held) in the same order, with a separate multiply and add.
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

    /// `out (+)= a · w` as the plain loop: for each row, k by k (zeros skipped), every j.
    static func plainMultiply(_ a: [Float], _ w: [Float], out: [Float], rows: Int, inner: Int, columns: Int, accumulate: Bool) -> [Float] {
        var out = accumulate ? out : [Float](repeating: 0, count: rows * columns)
        for r in 0..<rows {
            for k in 0..<inner where a[r * inner + k] != 0 {
                for j in 0..<columns { out[r * columns + j] += a[r * inner + k] * w[k * columns + j] }
            }
        }
        return out
    }

    /// Values of every magnitude and sign, and zeros as ReLU and one-hot inputs leave them.
    static func values(_ count: Int, _ rng: inout Xoshiro256StarStar) -> [Float] {
        (0..<count).map { _ in
            rng.nextInt(below: 4) == 0 ? 0 : Float(rng.nextUnit() * 2 - 1) * Float(1 << rng.nextInt(below: 20)) / 1024
        }
    }

    static let shapes = [(1, 1, 1), (3, 7, 5), (5, 8, 9), (4, 31, 3), (6, 32, 17), (7, 33, 2), (9, 150, 75), (8, 75, 37), (2, 72, 0), (3, 6, 150), (2, 0, 40)]

    /// A kernel `(x, w, out, accumulate)` against its plain loop, on inputs of `xCount`,
    /// `wCount` and `outCount` values, writing over and adding to the output.
    static func expectPlainLoopBits(seed: Int, xCount: Int, wCount: Int, outCount: Int,
                                    kernel: (UnsafePointer<Float>, UnsafePointer<Float>, UnsafeMutablePointer<Float>, Bool) -> Void,
                                    plain: ([Float], [Float], [Float], Bool) -> [Float]) {
        var rng = Xoshiro256StarStar(seed: UInt64(seed))
        let x = values(xCount, &rng), w = values(wCount, &rng), start = values(outCount, &rng)
        for accumulate in [false, true] {
            var out = start
            x.withUnsafeBufferPointer { xp in
                w.withUnsafeBufferPointer { wp in
                    out.withUnsafeMutableBufferPointer { kernel(xp.baseAddress!, wp.baseAddress!, $0.baseAddress!, accumulate) }
                }
            }
            #expect(out.map(\.bitPattern) == plain(x, w, start, accumulate).map(\.bitPattern), "accumulate \(accumulate)")
        }
    }

    @Test("multiply = the plain loop, bit for bit, at the GCN's widths and the edge cases", arguments: shapes)
    func multiplyIsThePlainLoop(rows: Int, inner: Int, columns: Int) {
        Self.expectPlainLoopBits(seed: rows * 10_000 + inner * 100 + columns + 7, xCount: rows * inner, wCount: inner * columns,
                                 outCount: rows * columns,
                                 kernel: { DenseKernels.multiply($0, $1, into: $2, rows: rows, inner: inner, columns: columns, accumulate: $3) },
                                 plain: { Self.plainMultiply($0, $1, out: $2, rows: rows, inner: inner, columns: columns, accumulate: $3) })
    }

    @Test("multiplyTransposed = the scalar loop, bit for bit, at the GCN's widths and the edge cases", arguments: shapes)
    func multiplyTransposedIsTheScalarLoop(rows: Int, inner: Int, columns: Int) {
        Self.expectPlainLoopBits(seed: rows * 10_000 + inner * 100 + columns, xCount: rows * columns, wCount: inner * columns,
                                 outCount: rows * inner,
                                 kernel: { DenseKernels.multiplyTransposed($0, $1, into: $2, rows: rows, inner: inner, columns: columns, accumulate: $3) },
                                 plain: { Self.plainMultiplyTransposed($0, $1, out: $2, rows: rows, inner: inner, columns: columns, accumulate: $3) })
    }
}

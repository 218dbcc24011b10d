import NASCore
import Testing
@testable import Predictors

/// The dense products give the bits of the plain loops they replace: each output summed
/// from 0 (or from what it held) in the same order, with a separate multiply and add, in
/// every build of the C loops the processor runs (`SIMDVariant`).
@Suite(.serialized) struct DenseKernelsTests {
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

    /// `g += aᵀ · d` as the plain loop: row by row, k by k (zeros skipped), every j.
    static func plainTransposedProduct(_ a: [Float], _ d: [Float], g: [Float], rows: Int, inner: Int, columns: Int) -> [Float] {
        var g = g
        for r in 0..<rows {
            for k in 0..<inner where a[r * inner + k] != 0 {
                for j in 0..<columns { g[k * columns + j] += a[r * inner + k] * d[r * columns + j] }
            }
        }
        return g
    }

    /// How many entries differ in their bits (or in count); 0 when the arrays are the same.
    static func differingBits(_ a: [Float], _ b: [Float]) -> Int {
        a.count != b.count ? max(a.count, b.count) : zip(a, b).filter { $0.bitPattern != $1.bitPattern }.count
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
        // Where the C includes skipped zero terms, ±0 must change nothing: an infinite
        // operand (0·∞ is NaN) or a −0 output (−0 + +0 is +0) sends it to the plain loop.
        var infinite = w, negativeZeros = start
        if !infinite.isEmpty { infinite[infinite.count / 2] = .infinity }
        for i in stride(from: 0, to: negativeZeros.count, by: 3) { negativeZeros[i] = -0.0 }
        SIMDVariant.whileForcing { runnable in for variant in runnable {
            SIMDVariant.use(variant)
            for (w, start, inputs) in [(w, start, "finite"), (infinite, start, "an infinite operand"), (w, negativeZeros, "−0 outputs")] {
                for accumulate in [false, true] {
                    var out = start
                    x.withUnsafeBufferPointer { xp in
                        w.withUnsafeBufferPointer { wp in
                            out.withUnsafeMutableBufferPointer { kernel(xp.baseAddress!, wp.baseAddress!, $0.baseAddress!, accumulate) }
                        }
                    }
                    let expected = plain(x, w, start, accumulate)
                    #expect(Self.differingBits(out, expected) == 0, "\(variant), \(inputs), accumulate \(accumulate)")
                }
            }
        } }
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

    @Test("accumulateTransposedProduct = the plain loop, bit for bit, at the GCN's widths and the edge cases", arguments: shapes)
    func transposedProductIsThePlainLoop(rows: Int, inner: Int, columns: Int) {
        // The kernel always adds into g, so both runs of the helper accumulate.
        Self.expectPlainLoopBits(seed: rows * 10_000 + inner * 100 + columns + 3, xCount: rows * inner, wCount: rows * columns,
                                 outCount: inner * columns,
                                 kernel: { a, d, g, _ in DenseKernels.accumulateTransposedProduct(a, d, into: g, rows: rows, inner: inner, columns: columns) },
                                 plain: { a, d, g, _ in Self.plainTransposedProduct(a, d, g: g, rows: rows, inner: inner, columns: columns) })
    }

    @Test("gatherRows = adding entry after entry into a zeroed output, bit for bit, both groupings",
          arguments: [(1, 1, 1), (9, 3, 12), (40, 150, 90), (33, 75, 70), (17, 37, 0), (8, 18, 30), (64, 9, 200)])
    func gatherRowsIsTheEntryLoop(nodes: Int, width: Int, entryCount: Int) {
        var rng = Xoshiro256StarStar(seed: UInt64(nodes * 1_000 + width + entryCount))
        let x = Self.values(nodes * width, &rng)
        let target = (0..<entryCount).map { _ in rng.nextInt(below: nodes) }
        let source = (0..<entryCount).map { _ in rng.nextInt(below: nodes) }
        let weight = Self.values(entryCount, &rng)
        SIMDVariant.whileForcing { runnable in for variant in runnable {
            SIMDVariant.use(variant)
            for (to, from) in [(target, source), (source, target)] {
                var expected = [Float](repeating: 0, count: nodes * width)
                for e in 0..<entryCount {
                    for j in 0..<width { expected[to[e] * width + j] += weight[e] * x[from[e] * width + j] }
                }
                var grouped = GraphSet.Adjacency()
                grouped.group(into: to, from: from, weights: weight, nodes: nodes)
                var out = [Float](repeating: .nan, count: nodes * width)
                x.withUnsafeBufferPointer { xp in
                    out.withUnsafeMutableBufferPointer {
                        DenseKernels.gatherRows(xp.baseAddress!, width: width, entries: grouped, into: $0.baseAddress!, rows: nodes)
                    }
                }
                #expect(Self.differingBits(out, expected) == 0, "\(variant)")
            }
        } }
    }

    @Test("ReLU, its mask and an Adam step = their plain loops, bit for bit, in every build")
    func elementwiseStepsAreThePlainLoops() {
        var rng = Xoshiro256StarStar(seed: 99)
        let count = 203
        var x = Self.values(count, &rng)
        x[0] = -0.0; x[1] = .nan; x[2] = -.infinity
        let y = Self.values(count, &rng), g = Self.values(count, &rng)
        let m0 = Self.values(count, &rng), v0 = Self.values(count, &rng).map(abs), p0 = Self.values(count, &rng)
        let (b1, b2, eps, rate): (Float, Float, Float, Float) = (0.9, 0.999, 1e-8, 3.7e-4)
        let relu = x.map { $0 < 0 ? 0 : $0 }
        let mask = zip(x, y).map { d, y in y <= 0 ? 0 : d }
        var m = m0, v = v0, p = p0
        for i in 0..<count {
            m[i] = b1 * m[i] + (1 - b1) * g[i]
            v[i] = b2 * v[i] + (1 - b2) * g[i] * g[i]
            p[i] -= rate * m[i] / (v[i].squareRoot() + eps)
        }
        SIMDVariant.whileForcing { runnable in for variant in runnable {
            SIMDVariant.use(variant)
            var r = x, d = x, pm = m0, pv = v0, pp = p0
            r.withUnsafeMutableBufferPointer { DenseKernels.relu($0.baseAddress!, count: count) }
            y.withUnsafeBufferPointer { yp in
                d.withUnsafeMutableBufferPointer { DenseKernels.maskReLU($0.baseAddress!, output: yp.baseAddress!, count: count) }
            }
            var adam = AdamOptimizer(learningRate: 1e-3)
            adam.beta1 = b1; adam.beta2 = b2; adam.epsilon = eps
            g.withUnsafeBufferPointer { gp in
                pp.withUnsafeMutableBufferPointer { p in
                    pm.withUnsafeMutableBufferPointer { m in
                        pv.withUnsafeMutableBufferPointer { v in
                            adam.update(rate: rate, parameters: p.baseAddress!, gradients: gp.baseAddress!,
                                        firstMoment: m.baseAddress!, secondMoment: v.baseAddress!, count: count)
                        }
                    }
                }
            }
            #expect(Self.differingBits(r, relu) == 0, "\(variant)")
            #expect(Self.differingBits(d, mask) == 0, "\(variant)")
            #expect(Self.differingBits(pm, m) == 0 && Self.differingBits(pv, v) == 0, "\(variant)")
            #expect(Self.differingBits(pp, p) == 0, "\(variant)")
        } }
    }
}

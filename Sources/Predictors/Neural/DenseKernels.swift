/// The three dense products that forward and backward passes of a fully connected layer
/// need, on row-major `Float` storage.
///
/// ```swift
/// // z = a · w  for a batch of 32 rows, 30 inputs, 64 outputs
/// DenseKernels.multiply(a, w, into: z, rows: 32, inner: 30, columns: 64, accumulate: false)
/// ```
///
/// Every inner loop runs over contiguous memory of the output width so the compiler can
/// vectorise it. Zero multipliers are skipped: inputs are one-hot and ReLU activations
/// are about half zeros, so this saves much of the work without changing any sum (adding
/// `0 · w` is exact unless `w` is infinite, which training never produces).
/// - Complexity: O(rows · inner · columns) each.
enum DenseKernels {
    /// `out (+)= a · w` with a: rows×inner, w: inner×columns, out: rows×columns.
    static func multiply(_ a: UnsafePointer<Float>, _ w: UnsafePointer<Float>, into out: UnsafeMutablePointer<Float>,
                         rows: Int, inner: Int, columns: Int, accumulate: Bool) {
        if !accumulate { out.update(repeating: 0, count: rows * columns) }
        for r in 0..<rows {
            let o = out + r * columns
            let ar = a + r * inner
            for k in 0..<inner {
                let s = ar[k]
                if s == 0 { continue }
                let wr = w + k * columns
                for j in 0..<columns { o[j] += s * wr[j] }
            }
        }
    }

    /// `out (+)= d · wᵀ` with d: rows×columns, w: inner×columns, out: rows×inner
    /// (the gradient with respect to a layer's input).
    ///
    /// Each output is the dot product Σⱼ dᵣⱼ·wₖⱼ summed from 0 in j order, as a scalar loop
    /// would, so the bits are a scalar loop's. A dot product is a chain of dependent adds
    /// that cannot be vectorised without reordering it; instead the products for every k
    /// of a row are summed side by side (over wᵀ, transposed once per call): 32 sums at a
    /// time held in registers across the whole j loop (a sums array in memory was loaded
    /// and stored for every j), then 8 at a time, then one.
    static func multiplyTransposed(_ d: UnsafePointer<Float>, _ w: UnsafePointer<Float>, into out: UnsafeMutablePointer<Float>,
                                   rows: Int, inner: Int, columns: Int, accumulate: Bool) {
        withUnsafeTemporaryAllocation(of: Float.self, capacity: inner * columns) { scratch in
            let wT = scratch.baseAddress!
            for k in 0..<inner {
                for j in 0..<columns { wT[j * inner + k] = w[k * columns + j] }
            }
            for r in 0..<rows {
                let dr = d + r * columns
                let o = out + r * inner
                var k = 0
                while k + 32 <= inner {
                    var s0 = SIMD8<Float>(), s1 = SIMD8<Float>(), s2 = SIMD8<Float>(), s3 = SIMD8<Float>()
                    for j in 0..<columns {
                        let dj = SIMD8<Float>(repeating: dr[j])
                        let wj = UnsafeRawPointer(wT + j * inner + k)
                        s0 += dj * wj.loadUnaligned(as: SIMD8<Float>.self)
                        s1 += dj * wj.loadUnaligned(fromByteOffset: 32, as: SIMD8<Float>.self)
                        s2 += dj * wj.loadUnaligned(fromByteOffset: 64, as: SIMD8<Float>.self)
                        s3 += dj * wj.loadUnaligned(fromByteOffset: 96, as: SIMD8<Float>.self)
                    }
                    store(s0, to: o + k, accumulate: accumulate)
                    store(s1, to: o + k + 8, accumulate: accumulate)
                    store(s2, to: o + k + 16, accumulate: accumulate)
                    store(s3, to: o + k + 24, accumulate: accumulate)
                    k += 32
                }
                while k + 8 <= inner {
                    var sums = SIMD8<Float>()
                    for j in 0..<columns {
                        sums += SIMD8<Float>(repeating: dr[j]) * UnsafeRawPointer(wT + j * inner + k).loadUnaligned(as: SIMD8<Float>.self)
                    }
                    store(sums, to: o + k, accumulate: accumulate)
                    k += 8
                }
                while k < inner {
                    var sum: Float = 0
                    for j in 0..<columns { sum += dr[j] * wT[j * inner + k] }
                    o[k] = accumulate ? o[k] + sum : sum
                    k += 1
                }
            }
        }
    }

    /// Eight sums into `o`, added to what it holds or written over it.
    @inline(__always)
    private static func store(_ sums: SIMD8<Float>, to o: UnsafeMutablePointer<Float>, accumulate: Bool) {
        let target = UnsafeMutableRawPointer(o)
        target.storeBytes(of: accumulate ? target.loadUnaligned(as: SIMD8<Float>.self) + sums : sums, as: SIMD8<Float>.self)
    }

    /// `g += aᵀ · d` with a: rows×inner, d: rows×columns, g: inner×columns
    /// (the gradient with respect to a layer's weights).
    static func accumulateTransposedProduct(_ a: UnsafePointer<Float>, _ d: UnsafePointer<Float>, into g: UnsafeMutablePointer<Float>,
                                            rows: Int, inner: Int, columns: Int) {
        for r in 0..<rows {
            let ar = a + r * inner
            let dr = d + r * columns
            for k in 0..<inner {
                let s = ar[k]
                if s == 0 { continue }
                let gr = g + k * columns
                for j in 0..<columns { gr[j] += s * dr[j] }
            }
        }
    }

    /// `b += column sums of d` (the gradient with respect to a bias).
    static func accumulateColumnSums(_ d: UnsafePointer<Float>, into b: UnsafeMutablePointer<Float>, rows: Int, columns: Int) {
        for r in 0..<rows {
            let dr = d + r * columns
            for j in 0..<columns { b[j] += dr[j] }
        }
    }

    /// `x += b` on every row.
    static func addBias(_ b: UnsafePointer<Float>, to x: UnsafeMutablePointer<Float>, rows: Int, columns: Int) {
        for r in 0..<rows {
            let xr = x + r * columns
            for j in 0..<columns { xr[j] += b[j] }
        }
    }

    /// `x = max(x, 0)` in place.
    static func relu(_ x: UnsafeMutablePointer<Float>, count: Int) {
        for i in 0..<count where x[i] < 0 { x[i] = 0 }
    }

    /// `d = 0` where the ReLU output `y` was 0 (its derivative there is taken as 0).
    static func maskReLU(_ d: UnsafeMutablePointer<Float>, output y: UnsafePointer<Float>, count: Int) {
        for i in 0..<count where y[i] <= 0 { d[i] = 0 }
    }
}

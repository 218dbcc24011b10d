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
    /// of a row are summed side by side (over wᵀ, transposed once per call), and that loop
    /// over k is vectorised.
    static func multiplyTransposed(_ d: UnsafePointer<Float>, _ w: UnsafePointer<Float>, into out: UnsafeMutablePointer<Float>,
                                   rows: Int, inner: Int, columns: Int, accumulate: Bool) {
        withUnsafeTemporaryAllocation(of: Float.self, capacity: inner * columns + inner) { scratch in
            let wT = scratch.baseAddress!, sums = wT + inner * columns
            for k in 0..<inner {
                for j in 0..<columns { wT[j * inner + k] = w[k * columns + j] }
            }
            for r in 0..<rows {
                let dr = d + r * columns
                let o = out + r * inner
                sums.update(repeating: 0, count: inner)
                for j in 0..<columns {
                    let dj = dr[j]
                    let wj = UnsafePointer(wT + j * inner)
                    for k in 0..<inner { sums[k] += dj * wj[k] }
                }
                if accumulate {
                    for k in 0..<inner { o[k] += sums[k] }
                } else {
                    o.update(from: sums, count: inner)
                }
            }
        }
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

internal import SIMDKernels

/// The dense products and element-wise steps that forward and backward passes of the
/// neural predictors (MLP layers, GCN layers) need, on row-major `Float` storage.
///
/// ```swift
/// // z = a · w  for a batch of 32 rows, 30 inputs, 64 outputs
/// DenseKernels.multiply(a, w, into: z, rows: 32, inner: 30, columns: 64, accumulate: false)
/// ```
///
/// Each runs in C (SIMDKernels' DenseKernels.c), compiled for the baseline, AVX2 and
/// AVX-512 (`SIMDVariant`), and each result has the bits of the plain loop documented
/// here: every product rounded, then added, in that loop's order. The C keeps a block of
/// sums in registers across all its terms instead of loading and storing an output once
/// per term. Zero multipliers (one-hot inputs, ReLU zeros) are skipped by the loops; the
/// C includes them only when their ±0 provably changes no sum.
/// - Complexity: O(rows · inner · columns) for each product.
enum DenseKernels {
    /// `out (+)= a · w` with a: rows×inner, w: inner×columns, out: rows×columns. Loop: for
    /// each row r and k ascending with a[r][k] ≠ 0, `out[r][j] += a[r][k] · w[k][j]`, the
    /// output first set to 0 unless `accumulate`.
    static func multiply(_ a: UnsafePointer<Float>, _ w: UnsafePointer<Float>, into out: UnsafeMutablePointer<Float>,
                         rows: Int, inner: Int, columns: Int, accumulate: Bool) {
        withScratch(inner * padded(columns)) { scratch in
            dense_multiply(a, w, out, Int64(rows), Int64(inner), Int64(columns), accumulate ? 1 : 0, scratch)
        }
    }

    /// `out (+)= d · wᵀ` with d: rows×columns, w: inner×columns, out: rows×inner (the
    /// gradient with respect to a layer's input). Loop: each output is the dot product
    /// Σⱼ d[r][j]·w[k][j] summed from 0 in j order, then written, or added to the output
    /// when `accumulate`.
    static func multiplyTransposed(_ d: UnsafePointer<Float>, _ w: UnsafePointer<Float>, into out: UnsafeMutablePointer<Float>,
                                   rows: Int, inner: Int, columns: Int, accumulate: Bool) {
        withScratch(columns * padded(inner)) { scratch in
            dense_multiply_transposed(d, w, out, Int64(rows), Int64(inner), Int64(columns), accumulate ? 1 : 0, scratch)
        }
    }

    /// `g += aᵀ · d` with a: rows×inner, d: rows×columns, g: inner×columns (the gradient
    /// with respect to a layer's weights). Loop: for r ascending and each k with
    /// a[r][k] ≠ 0, `g[k][j] += a[r][k] · d[r][j]`.
    static func accumulateTransposedProduct(_ a: UnsafePointer<Float>, _ d: UnsafePointer<Float>, into g: UnsafeMutablePointer<Float>,
                                            rows: Int, inner: Int, columns: Int) {
        withScratch(rows * padded(columns)) { scratch in
            dense_accumulate_transposed_product(a, d, g, Int64(rows), Int64(inner), Int64(columns), scratch)
        }
    }

    /// `out = P·x` for a sparse P given by its entries grouped by output row: each row of
    /// `out` (rows of `width`) is Σₑ weight·x[from] over its entries, in their order, from
    /// 0. Loop: the output set to 0, then for each entry in order `out[to][j] +=
    /// weight · x[from][j]` (a row's terms come in the same order either way).
    static func gatherRows(_ x: UnsafePointer<Float>, width: Int, entries: GraphSet.Adjacency,
                           into out: UnsafeMutablePointer<Float>, rows: Int) {
        entries.start.withUnsafeBufferPointer { start in
            entries.from.withUnsafeBufferPointer { from in
                entries.weight.withUnsafeBufferPointer { weight in
                    dense_gather_rows(x, Int64(width), start.baseAddress, from.baseAddress, weight.baseAddress, out,
                                      Int64(rows))
                }
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

    /// `x = max(x, 0)` in place: x = 0 where x < 0.
    static func relu(_ x: UnsafeMutablePointer<Float>, count: Int) {
        dense_relu(x, Int64(count))
    }

    /// `d = 0` where the ReLU output `y` was 0 (its derivative there is taken as 0): where
    /// y ≤ 0.
    static func maskReLU(_ d: UnsafeMutablePointer<Float>, output y: UnsafePointer<Float>, count: Int) {
        dense_mask_relu(d, y, Int64(count))
    }

    /// `n` rounded up to the C loops' vector width, 16 floats.
    private static func padded(_ n: Int) -> Int { (n + 15) / 16 * 16 }

    /// The C loops' room for an operand copied with padded rows.
    private static func withScratch(_ count: Int, _ body: (UnsafeMutablePointer<Float>) -> Void) {
        withUnsafeTemporaryAllocation(of: Float.self, capacity: max(count, 1)) { body($0.baseAddress!) }
    }
}

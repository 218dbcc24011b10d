/// Summation in the order numpy uses for a contiguous 1-D reduction.
///
/// ```swift
/// NumpySum.pairwise([0.1, 0.2, 0.3])   // bit-identical to np.sum / np.mean's sum
/// ```
///
/// numpy's `pairwise_sum` (numpy/_core/src/umath/loops_utils.h.src) adds fewer than 8
/// values in order, up to 128 values with 8 interleaved accumulators, and splits longer
/// runs in halves rounded to a multiple of 8. Matching it makes MAPE scores, and so the
/// grid-search argmax of a scikit-learn replica, reproducible to the last bit.
/// - Complexity: O(n).
public enum NumpySum {
    public static func pairwise(_ values: [Double]) -> Double {
        values.withUnsafeBufferPointer { pairwise($0.baseAddress, count: $0.count) }
    }

    static func pairwise(_ base: UnsafePointer<Double>?, count n: Int) -> Double {
        guard let a = base, n > 0 else { return 0 }
        if n < 8 {
            var s = 0.0
            for i in 0..<n { s += a[i] }
            return s
        }
        if n <= 128 {
            var r = (a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7])
            var i = 8
            while i < n - (n % 8) {
                r.0 += a[i]; r.1 += a[i + 1]; r.2 += a[i + 2]; r.3 += a[i + 3]
                r.4 += a[i + 4]; r.5 += a[i + 5]; r.6 += a[i + 6]; r.7 += a[i + 7]
                i += 8
            }
            var s = ((r.0 + r.1) + (r.2 + r.3)) + ((r.4 + r.5) + (r.6 + r.7))
            while i < n { s += a[i]; i += 1 }
            return s
        }
        var half = n / 2
        half -= half % 8
        return pairwise(a, count: half) + pairwise(a + half, count: n - half)
    }

    /// `np.mean` of a 1-D array.
    public static func mean(_ values: [Double]) -> Double {
        pairwise(values) / Double(values.count)
    }
}

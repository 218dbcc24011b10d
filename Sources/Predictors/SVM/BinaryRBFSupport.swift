import Foundation

/// Support vectors whose features are all 0 or 1 (one-hot encodings), packed as bits, with
/// the RBF kernel's every possible value precomputed: a faster road to libsvm's exact
/// prediction.
///
/// ```swift
/// if let packed = BinaryRBFSupport(support: svr.supportVectors, gamma: 0.0074) {
///     let k = packed.kernelValues(row: x.row(0))   // nil when the row is not 0/1
/// }
/// ```
///
/// libsvm's prediction kernel is exp(−γ Σ(a−b)²), the sum taken feature by feature. When
/// both vectors hold only 0s and 1s, every term is 0 or 1, so every partial sum is a small
/// whole number, exact in a Double: the sum *is* the number of differing features (the
/// popcount of the XOR of the packed rows), and exp(−γ·k) for k = 0…d is all the kernel can
/// return. Values and their order are libsvm's; only the arithmetic that reaches them is
/// shorter. LINAS's inner search on one-hot OFA encodings predicts with this.
/// - Complexity: O(s·d/64) per row instead of O(s·d) and s calls of `exp`.
struct BinaryRBFSupport: Sendable {
    let width: Int
    let wordsPerRow: Int
    let count: Int
    /// Row s of the support, packed: bit f of word f/64 is feature f.
    let bits: [UInt64]
    /// exp(−γ·k) for k = 0…width, each as libsvm computes it from a sum equal to k.
    let kernelByDistance: [Double]

    /// Nil unless every support value is exactly 0 or 1.
    init?(support: Matrix, gamma: Double) {
        guard support.values.allSatisfy({ $0 == 0 || $0 == 1 }) else { return nil }
        width = support.columns
        count = support.rows
        wordsPerRow = max(1, (width + 63) / 64)
        var packed = [UInt64](repeating: 0, count: count * wordsPerRow)
        for s in 0..<count {
            for f in 0..<width where support.values[s * width + f] == 1 {
                packed[s * wordsPerRow + f / 64] |= 1 << UInt64(f % 64)
            }
        }
        bits = packed
        kernelByDistance = (0...width).map { exp(-gamma * Double($0)) }
    }

    /// Packs one row into `words`; false when a value is not 0 or 1.
    func pack(_ row: UnsafePointer<Double>, into words: UnsafeMutablePointer<UInt64>) -> Bool {
        words.update(repeating: 0, count: wordsPerRow)
        for f in 0..<width {
            let v = row[f]
            if v == 1 { words[f / 64] |= 1 << UInt64(f % 64) } else if v != 0 { return false }
        }
        return true
    }

    /// Σ_s β_s K(x, sv_s) in support order, for a packed row.
    func decisionValue(_ words: UnsafePointer<UInt64>, coefficients: UnsafePointer<Double>) -> Double {
        var sum = 0.0
        bits.withUnsafeBufferPointer { packed in
            kernelByDistance.withUnsafeBufferPointer { table in
                guard let support = packed.baseAddress, let values = table.baseAddress else { return }
                for s in 0..<count {
                    let sv = support + s * wordsPerRow
                    var distance = 0
                    for w in 0..<wordsPerRow { distance &+= (words[w] ^ sv[w]).nonzeroBitCount }
                    sum += coefficients[s] * values[distance]
                }
            }
        }
        return sum
    }
}

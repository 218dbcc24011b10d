/// How a family of p-values is corrected for multiple comparisons.
public enum PValueAdjustment: String, Sendable, CaseIterable, Codable {
    case none
    /// Holm's step-down method (controls the family-wise error rate).
    case holm
    /// Benjamini–Hochberg step-up method (controls the false discovery rate).
    case benjaminiHochberg = "fdr_bh"
}

/// Adjusted p-values for multiple comparisons.
///
/// ```swift
/// let adjusted = MultipleComparisons.adjust([0.01, 0.04, 0.03, 0.005], method: .holm)
/// // [0.03, 0.06, 0.06, 0.02]
/// ```
///
/// The values equal those of statsmodels `multipletests(p, method='holm' | 'fdr_bh')[1]`:
/// - Holm (Scand. J. Statist. 6, 1979): with p₍₁₎ ≤ … ≤ p₍ₘ₎, the adjusted p₍ᵢ₎ is
///   max_{j ≤ i} min(1, (m − j + 1) p₍ⱼ₎);
/// - Benjamini & Hochberg (J. R. Stat. Soc. B 57, 1995): the adjusted p₍ᵢ₎ is
///   min_{j ≥ i} min(1, m p₍ⱼ₎ / j).
/// Results are returned in the input order. NaN inputs stay NaN and are left out of m.
///
/// - Complexity: O(m log m)
public enum MultipleComparisons {
    public static func adjust(_ pValues: [Double], method: PValueAdjustment) -> [Double] {
        switch method {
        case .none: return pValues
        case .holm: return holm(pValues)
        case .benjaminiHochberg: return benjaminiHochberg(pValues)
        }
    }

    public static func holm(_ pValues: [Double]) -> [Double] {
        let order = pValues.indices.filter { !pValues[$0].isNaN }.sorted { pValues[$0] < pValues[$1] }
        let m = order.count
        var result = pValues
        var running = 0.0
        for (position, index) in order.enumerated() {
            running = max(running, Double(m - position) * pValues[index])
            result[index] = min(1, running)
        }
        return result
    }

    public static func benjaminiHochberg(_ pValues: [Double]) -> [Double] {
        let order = pValues.indices.filter { !pValues[$0].isNaN }.sorted { pValues[$0] < pValues[$1] }
        let m = order.count
        var result = pValues
        var running = Double.infinity
        for (position, index) in order.enumerated().reversed() {
            running = min(running, Double(m) * pValues[index] / Double(position + 1))
            result[index] = min(1, running)
        }
        return result
    }
}

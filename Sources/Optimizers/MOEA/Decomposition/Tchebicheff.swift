/// The weighted Tchebicheff function `max_j |f_j − z_j| · w_j`.
///
/// ```swift
/// Tchebicheff().value([0.3, 0.1], weights: [0.5, 0.5], idealPoint: [0, 0])   // 0.15
/// ```
///
/// Zhang & Li 2007 ("MOEA/D: a multiobjective evolutionary algorithm based on decomposition",
/// IEEE TEC 11(6)), as pymoo 0.6.2 `pymoo/decomposition/tchebicheff.py` computes it: the
/// difference is taken in absolute value, so a point below the ideal point is penalised
/// rather than rewarded, and a zero weight drops its objective. MOEA.md `decomposition`.
public struct Tchebicheff: Decomposition {
    public init() {}

    /// - Complexity: O(M)
    public func value(_ point: [Double], weights: [Double], idealPoint: [Double]) -> Double {
        var largest = -Double.infinity
        for j in point.indices {
            let v = abs(point[j] - idealPoint[j]) * weights[j]
            // numpy's max propagates nan; so does this.
            if v > largest || v.isNaN { largest = v }
            if largest.isNaN { return .nan }
        }
        return largest
    }
}

/// The achievement scalarising function `max_j (f_j − z_j) / w'_j`, where a zero weight is
/// replaced by a small constant.
///
/// ```swift
/// let asf = AchievementScalarization(zeroWeight: 1e-4)   // C-TAEA's association fitness
/// asf.value([0.2, 0.4], weights: [1, 0], idealPoint: [0, 0])   // max(0.2, 0.4/1e-4) = 4000
/// ```
///
/// Wierzbicki 1980 ("The use of reference objectives in multiobjective optimization"), as
/// pymoo 0.6.2 `pymoo/decomposition/asf.py` computes it: the difference is signed, and only
/// weights exactly 0 become `weight_0` (pymoo's default 1e-10; C-TAEA passes 1e-4).
/// MOEA.md `decomposition`.
public struct AchievementScalarization: Decomposition {
    /// What a zero weight is replaced with (pymoo's `weight_0`).
    public var zeroWeight: Double

    public init(zeroWeight: Double = 1e-10) { self.zeroWeight = zeroWeight }

    /// - Complexity: O(M)
    public func value(_ point: [Double], weights: [Double], idealPoint: [Double]) -> Double {
        var largest = -Double.infinity
        for j in point.indices {
            let w = weights[j] == 0 ? zeroWeight : weights[j]
            let v = (point[j] - idealPoint[j]) / w
            if v > largest || v.isNaN { largest = v }
            if largest.isNaN { return .nan }
        }
        return largest
    }
}

import Foundation

/// Penalty-based boundary intersection: `d1 + θ·d2`, the distance along the weight vector
/// plus θ times the distance from it.
///
/// ```swift
/// let pbi = PenaltyBoundaryIntersection()   // θ = 5, MOEA/D's default for 3 objectives
/// pbi.value([1, 1], weights: [1, 0], idealPoint: [0, 0])   // 1 + 5·1 = 6
/// ```
///
/// Zhang & Li 2007 ("MOEA/D", IEEE TEC 11(6)), as pymoo 0.6.2 computes it
/// (`pymoo/decomposition/pbi.py` over the compiled `calc_distance_to_weights`):
/// `d1 = (f − z)·w / ‖w‖`, `d2 = ‖(f − z) − d1·w/‖w‖‖`. The difference f − z is signed (a
/// point below z gets a negative d1) and, unlike the compiled `pbi` kernel, no eps is added.
/// The arithmetic order follows the Cython kernels (`c_d1`, `c_d2`). MOEA.md `decomposition`.
public struct PenaltyBoundaryIntersection: Decomposition {
    /// The penalty on the distance from the weight vector (pymoo's default 5).
    public var theta: Double

    public init(theta: Double = 5) { self.theta = theta }

    /// - Complexity: O(M)
    public func value(_ point: [Double], weights: [Double], idealPoint: [Double]) -> Double {
        var squaredNorm = 0.0
        for w in weights { squaredNorm += w * w }
        let norm = squaredNorm.squareRoot()
        var dot = 0.0
        for j in point.indices { dot += (point[j] - idealPoint[j]) * weights[j] }
        let d1 = dot / norm
        var squared = 0.0
        for j in point.indices {
            let t = (point[j] - idealPoint[j]) - (d1 * weights[j] / norm)
            squared += t * t
        }
        return d1 + theta * squared.squareRoot()
    }
}

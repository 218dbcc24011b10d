/// A scalarising function: how far a point is from the ideal point along one weight vector.
///
/// ```swift
/// let pbi = PenaltyBoundaryIntersection()              // theta = 5
/// let child = pbi.values(point: f, weightVectors: W, idealPoint: z)   // MOEA/D's one-to-many
/// let table = Tchebicheff().matrix(points: F, weightVectors: W, idealPoint: nil)
/// ```
///
/// Mirrors pymoo 0.6.2 `pymoo.core.decomposition.Decomposition` (MOEA.md `decomposition`).
/// pymoo's `do` picks one of four broadcasts from the array shapes; here each has its own
/// method. An ideal point of nil means pymoo's default, zeros. pymoo's utopian point is
/// `ideal − eps` with eps = 0 by default, so `value` receives the ideal point itself;
/// `nadir_point` is accepted by pymoo but used by none of Tchebicheff, PBI and ASF, so it is
/// not a parameter here.
public protocol Decomposition: Sendable {
    /// The scalar value of `point` for one weight vector (smaller is better).
    func value(_ point: [Double], weights: [Double], idealPoint: [Double]) -> Double
}

extension Decomposition {
    /// pymoo's `one_to_one`: row i of `points` against row i of `weightVectors`.
    ///
    /// - Precondition: `points.count == weightVectors.count`.
    /// - Complexity: O(n M)
    public func values(points: [[Double]], pairedWith weightVectors: [[Double]], idealPoint: [Double]?) -> [Double] {
        precondition(points.count == weightVectors.count, "one-to-one decomposition needs one weight vector per point")
        guard let m = points.first?.count else { return [] }
        let z = idealPoint ?? [Double](repeating: 0, count: m)
        return zip(points, weightVectors).map { value($0, weights: $1, idealPoint: z) }
    }

    /// pymoo's `one_to_many`: one point against every weight vector (MOEA/D's offspring).
    ///
    /// - Complexity: O(n M)
    public func values(point: [Double], weightVectors: [[Double]], idealPoint: [Double]?) -> [Double] {
        let z = idealPoint ?? [Double](repeating: 0, count: point.count)
        return weightVectors.map { value(point, weights: $0, idealPoint: z) }
    }

    /// pymoo's `many_to_one`: every point against one weight vector.
    ///
    /// - Complexity: O(n M)
    public func values(points: [[Double]], weights: [Double], idealPoint: [Double]?) -> [Double] {
        let z = idealPoint ?? [Double](repeating: 0, count: weights.count)
        return points.map { value($0, weights: weights, idealPoint: z) }
    }

    /// pymoo's `many_to_many`: `result[i][j]` is point i against weight vector j.
    ///
    /// - Complexity: O(n W M)
    public func matrix(points: [[Double]], weightVectors: [[Double]], idealPoint: [Double]?) -> [[Double]] {
        guard let m = points.first?.count else { return [] }
        let z = idealPoint ?? [Double](repeating: 0, count: m)
        return points.map { f in weightVectors.map { value(f, weights: $0, idealPoint: z) } }
    }
}

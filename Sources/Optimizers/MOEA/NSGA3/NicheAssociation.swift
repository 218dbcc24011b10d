/// NSGA-III's association of each point with its nearest reference direction.
///
/// ```swift
/// let a = NicheAssociation.associate(objectives: F, referenceDirections: dirs,
///                                    idealPoint: norm.idealPoint, nadirPoint: norm.nadirPoint!)
/// // a.niche[i] is the direction nearest to point i, a.distance[i] its perpendicular distance
/// ```
///
/// Deb & Jain 2014 (NSGA-III, IEEE TEC 18(4)), as pymoo 0.6.2 `associate_to_niches`
/// (`pymoo/algorithms/moo/nsga3.py`) with the compiled `calc_perpendicular_distance`:
/// points are scaled to `(F − ideal) / (nadir − ideal)`, a zero range replaced by 1e-12,
/// and each is assigned the direction with the smallest perpendicular distance
/// `‖(N·d/‖d‖) d/‖d‖ − N‖`, the first on ties. The arithmetic order is the Cython kernel's.
/// MOEA.md `nsga3_survival`.
public enum NicheAssociation {
    public struct Association: Sendable, Equatable {
        /// The index of each point's nearest reference direction.
        public var niche: [Int]
        /// Each point's perpendicular distance to that direction.
        public var distance: [Double]
    }

    /// - Precondition: every vector has the same dimension as the directions.
    /// - Complexity: O(n D M) for n points and D directions.
    public static func associate(objectives: [[Double]], referenceDirections: [[Double]],
                                 idealPoint: [Double], nadirPoint: [Double]) -> Association {
        let m = idealPoint.count
        let denominator = (0..<m).map { j -> Double in
            let d = nadirPoint[j] - idealPoint[j]
            return d == 0 ? 1e-12 : d
        }
        let units = referenceDirections.map { d -> (norm: Double, unit: [Double]) in
            var s = 0.0
            for v in d { s += v * v }
            let norm = s.squareRoot()
            return (norm, d.map { $0 / norm })
        }
        var niche = [Int](repeating: 0, count: objectives.count)
        var distance = [Double](repeating: .infinity, count: objectives.count)
        for (i, f) in objectives.enumerated() {
            let n = (0..<m).map { (f[$0] - idealPoint[$0]) / denominator[$0] }
            for (k, d) in referenceDirections.enumerated() {
                var dot = 0.0
                for j in 0..<m { dot += d[j] * n[j] }
                let projection = dot / units[k].norm
                var s = 0.0
                for j in 0..<m { let t = projection * units[k].unit[j] - n[j]; s += t * t }
                let perpendicular = s.squareRoot()
                if k == 0 || perpendicular < distance[i] { niche[i] = k; distance[i] = perpendicular }
            }
        }
        return Association(niche: niche, distance: distance)
    }
}

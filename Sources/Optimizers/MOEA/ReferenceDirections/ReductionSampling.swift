import NASCore

/// The starting points of the Riesz s-energy optimiser: many random points on the simplex,
/// reduced to `points` by a max–min distance selection and k-means.
///
/// ```swift
/// var rng = Xoshiro256StarStar(seed: 1)
/// let start = ReductionSampling.sample(dimensions: 3, points: 20, using: &rng)
/// ```
///
/// Port of pymoo 0.6.2 `ReductionBasedReferenceDirectionFactory(kmeans=True, lexsort=False)`
/// (`pymoo/util/ref_dirs/reduction.py`), the energy factory's default start:
/// 1. 10 000 uniform points on the simplex (Kraemer's sorted-uniforms mapping);
/// 2. the boundary points of the largest Das–Dennis set with at most `points` directions are
///    put first and always kept;
/// 3. the remaining points are picked one by one, each the farthest from those picked;
/// 4. k-means on all points moves the picked ones (never the boundary ones) to the centroids
///    of their cells, at most 1000 rounds, until the mean L1 move is below 1e-4.
public enum ReductionSampling {
    /// - Complexity: O(S · n · M) per k-means round, S = `samples`.
    public static func sample<G: RandomNumberGenerator>(
        dimensions m: Int, points: Int, samples: Int = 10_000, using rng: inout G
    ) -> [[Double]] {
        let random = (0..<samples).map { _ in kraemerPoint(dimensions: m, using: &rng) }
        let h = DasDennisDirections.partitions(closestTo: points, dimensions: m)
        let edges = DasDennisDirections.generate(dimensions: m, partitions: h)
            .filter { $0.contains(0) }
        let all = edges + random
        let picked = farthestPointSelection(all, count: points, initial: Array(edges.indices))
        var centroids = picked.map { all[$0] }
        kMeans(all, centroids: &centroids, fixed: edges.count)
        return centroids
    }

    /// A uniform point on the simplex: the gaps between M − 1 sorted uniforms, 0 and 1.
    static func kraemerPoint<G: RandomNumberGenerator>(dimensions m: Int, using rng: inout G) -> [Double] {
        let cuts = [0.0] + (0..<(m - 1)).map { _ in rng.nextUnit() }.sorted() + [1.0]
        return (1...m).map { cuts[$0] - cuts[$0 - 1] }
    }

    /// pymoo's `select_points_with_maximum_distance`, quirk included: after the first pick
    /// pymoo rebuilds its candidate list from list *positions* rather than point indices
    /// (`[i for i, idx in enumerate(not_selected) if idx != index_in_not_selected]`), so the
    /// candidates become 0, 1, …, L − 1 minus one, and the highest-indexed samples drop out
    /// one per pick. Already picked points are harmless candidates (their distance is 0).
    static func farthestPointSelection(_ x: [[Double]], count: Int, initial: [Int]) -> [Int] {
        var selected = initial
        let initialSet = Set(initial)
        var candidates = x.indices.filter { !initialSet.contains($0) }
        var closest = x.map { p in selected.map { euclidean(p, x[$0]) }.min() ?? .infinity }
        while selected.count < count, !candidates.isEmpty {
            var position = 0
            for k in candidates.indices where closest[candidates[k]] > closest[candidates[position]] {
                position = k
            }
            let chosen = candidates[position]
            for i in x.indices {
                let d = euclidean(x[chosen], x[i])
                if d < closest[i] { closest[i] = d }
            }
            selected.append(chosen)
            candidates = candidates.enumerated().filter { $0.element != position }.map(\.offset)
        }
        return selected
    }

    /// pymoo's `kmeans` on the simplex; centroids below `fixed` never move. An empty cell
    /// keeps its centroid (pymoo would take the mean of nothing and get nan).
    static func kMeans(_ x: [[Double]], centroids: inout [[Double]], fixed: Int,
                       maxIterations: Int = 1000, tolerance: Double = 1e-4) {
        let m = x.first?.count ?? 0
        for _ in 0..<maxIterations {
            let previous = centroids
            var sums = [[Double]](repeating: [Double](repeating: 0, count: m), count: centroids.count)
            var counts = [Int](repeating: 0, count: centroids.count)
            for p in x {
                var best = 0, bestDistance = Double.infinity
                for (c, centroid) in centroids.enumerated() {
                    let d = euclidean(p, centroid)
                    if d < bestDistance { best = c; bestDistance = d }
                }
                counts[best] += 1
                for k in 0..<m { sums[best][k] += p[k] }
            }
            for c in fixed..<centroids.count where counts[c] > 0 {
                centroids[c] = sums[c].map { $0 / Double(counts[c]) }
            }
            for c in centroids.indices {
                if centroids[c].contains(where: { $0 < 0 }) { centroids[c] = projectOntoUnitSimplex(centroids[c]) }
                let sum = centroids[c].reduce(0, +)
                centroids[c] = centroids[c].map { $0 / sum }
            }
            var delta = 0.0
            for c in centroids.indices {
                for k in 0..<m { delta += abs(centroids[c][k] - previous[c][k]) }
            }
            if delta / Double(centroids.count) < tolerance { break }
        }
    }
}

@inline(__always)
func euclidean(_ a: [Double], _ b: [Double]) -> Double {
    var s = 0.0
    for k in a.indices { let t = a[k] - b[k]; s += t * t }
    return s.squareRoot()
}

/// MOEA/D's neighbourhoods: for each weight vector, the `count` weight vectors nearest to it.
///
/// ```swift
/// let dirs = PymooEnergyDirections.directions(dimensions: 3, points: 20)!
/// let neighbors = MOEADNeighborhoods.compute(weightVectors: dirs, count: 20)
/// // neighbors[i][0] == i; mating picks two of neighbors[i] at random
/// ```
///
/// Zhang & Li 2007 ("MOEA/D", IEEE TEC 11(6)), as pymoo 0.6.2 `MOEAD._setup` builds them:
/// `np.argsort(cdist(D, D), axis=1, kind="quicksort")[:, :k]`. MOEA.md `moead_neighbors`.
///
/// numpy's quicksort is not stable, so pymoo's order among *equal* distances is numpy's
/// (SIMD-dependent); here equal distances keep ascending index order. Only membership
/// matters to MOEA/D (mating draws uniformly from the neighbourhood), and it differs only
/// when a tie straddles position k.
public enum MOEADNeighborhoods {
    /// Row i lists the indices of the `count` nearest weight vectors to vector i, nearest
    /// first (vector i itself comes first, at distance 0).
    ///
    /// - Precondition: `0 < count <= weightVectors.count`.
    /// - Complexity: O(n² (M + log n))
    public static func compute(weightVectors: [[Double]], count: Int) -> [[Int]] {
        precondition(count > 0 && count <= weightVectors.count,
                     "the neighbourhood size must be between 1 and the number of weight vectors")
        let distances = distanceMatrix(weightVectors)
        return distances.map { row in
            Array(row.indices.sorted { row[$0] < row[$1] || (row[$0] == row[$1] && $0 < $1) }.prefix(count))
        }
    }

    /// Euclidean distances between all pairs (scipy's `cdist`).
    ///
    /// - Complexity: O(n² M)
    public static func distanceMatrix(_ vectors: [[Double]]) -> [[Double]] {
        vectors.map { a in vectors.map { b in euclidean(a, b) } }
    }
}

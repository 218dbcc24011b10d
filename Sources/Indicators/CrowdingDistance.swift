/// NSGA-II crowding distance with the exact semantics of pymoo 0.6.2's `'cd'`.
///
/// ```swift
/// let cd = CrowdingDistance.compute([[0, 5], [1, 4], [2, 2], [4, 0]])
/// // [inf, 0.55, 0.775, inf]
/// ```
///
/// Follows `calc_crowding_distance` in `pymoo/operators/survival/rank_and_crowding/metrics.py`
/// (pymoo 0.6.2, `filter_out_duplicates=False`), itself the distance of Deb et al. 2002
/// ("A fast and elitist multiobjective genetic algorithm: NSGA-II", IEEE TEC 6(2)):
/// * up to two points: every value is `+inf`;
/// * per objective, a **stable** sort (ties keep input order, like numpy's mergesort) puts
///   `+inf` on both ends and `(next - previous) / (max - min)` inside;
/// * an objective with `max == min` adds 0 to every point, ends included;
/// * the sum is divided by the number of objectives, so finite values are 1/M of the
///   textbook value.
///
/// Duplicates are not filtered: equal points are adjacent in the sorted order and get
/// different values, which the survival's tie-breaking depends on.
public enum CrowdingDistance {
    /// Crowding distance of every point of `points` (one front, in the order given).
    ///
    /// - Precondition: all points have the same dimension.
    /// - Complexity: O(M n log n)
    public static func compute(_ points: [[Double]]) -> [Double] {
        compute(points, members: Array(points.indices))
    }

    /// Crowding distance of `points[members[k]]` for each k, as if `members` were the front
    /// in that order (pymoo passes a front in increasing index order).
    ///
    /// - Complexity: O(M k log k) for k members.
    public static func compute(_ points: [[Double]], members: [Int]) -> [Double] {
        let n = members.count
        if n <= 2 { return [Double](repeating: .infinity, count: n) }
        let m = points[members[0]].count
        precondition(members.allSatisfy { points[$0].count == m }, "all points need the same dimension")
        var distance = [Double](repeating: 0, count: n)
        var values = [Double](repeating: 0, count: n)
        var order = Array(0..<n)
        for j in 0..<m {
            for k in 0..<n { values[k] = points[members[k]][j] }
            // Sorting by (value, position) is stable by construction, independent of the
            // standard library's stability guarantee.
            order.sort { a, b in values[a] < values[b] || (values[a] == values[b] && a < b) }
            let norm = values[order[n - 1]] - values[order[0]]
            // pymoo turns norm 0 into NaN and then replaces every NaN quotient (inf ends
            // included) with 0; skipping the objective is the same thing.
            guard norm != 0 else { continue }
            for s in 0..<n {
                let gapPrevious = s == 0 ? Double.infinity : values[order[s]] - values[order[s - 1]]
                let gapNext = s == n - 1 ? Double.infinity : values[order[s + 1]] - values[order[s]]
                distance[order[s]] += gapPrevious / norm + gapNext / norm
            }
        }
        let objectives = Double(m)
        for k in 0..<n { distance[k] /= objectives }
        return distance
    }
}

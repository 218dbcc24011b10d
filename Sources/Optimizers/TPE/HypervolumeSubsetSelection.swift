import Indicators

/// Greedy hypervolume subset selection, as MOTPE breaks the tie on the last front it splits:
/// Optuna 5.1.0 `_solve_hssp` (`optuna/_hypervolume/hssp.py`), after Guerreiro, Fonseca &
/// Paquete 2016 ("Greedy hypervolume subset selection in low dimensions", Evolutionary
/// Computation 24(3)), a (1 − 1/e)-approximation.
///
/// ```swift
/// let chosen = HypervolumeSubsetSelection.select(
///     [[1, 4], [2, 2], [4, 1]], indices: [7, 8, 9], count: 2, reference: [4.4, 4.4])   // [8, 7]
/// ```
///
/// Objectives are minimised. Duplicated vectors are handled as Optuna does: the greedy runs
/// on the unique vectors (lexicographically sorted, each standing for its first occurrence);
/// when there are fewer unique vectors than `count`, all first occurrences are taken plus
/// the earliest duplicates.
public enum HypervolumeSubsetSelection {
    /// The `count` chosen entries of `indices` (in selection order, or index order when
    /// duplicates decide).
    ///
    /// - Precondition: `points.count == indices.count` and `count <= points.count`.
    /// - Complexity: O(count · n) for two objectives; `count · n` hypervolume computations
    ///   otherwise.
    public static func select(_ points: [[Double]], indices: [Int], count: Int, reference: [Double]) -> [Int] {
        precondition(points.count == indices.count && count <= points.count, "a subset of the points")
        if count == points.count { return indices }
        // np.unique(axis=0, return_index=True): lexicographic order, first occurrences.
        let order = points.indices.sorted { a, b in
            points[a].lexicographicallyPrecedes(points[b]) || (points[a] == points[b] && a < b)
        }
        var firstOccurrences: [Int] = []
        for i in order where firstOccurrences.last.map({ points[$0] != points[i] }) ?? true {
            firstOccurrences.append(i)
        }
        if firstOccurrences.count < count {
            var chosen = [Bool](repeating: false, count: points.count)
            for i in firstOccurrences { chosen[i] = true }
            var extra = count - firstOccurrences.count
            for i in points.indices where !chosen[i] && extra > 0 { chosen[i] = true; extra -= 1 }
            return points.indices.filter { chosen[$0] }.map { indices[$0] }
        }
        let unique = firstOccurrences.map { points[$0] }
        let picked: [Int]
        if !reference.allSatisfy(\.isFinite) {
            picked = Array(0..<count)
        } else if unique.count == count {
            picked = Array(unique.indices)
        } else if reference.count == 2 {
            picked = greedy2D(unique, count: count, reference: reference)
        } else {
            picked = greedy(unique, count: count, reference: reference)
        }
        return picked.map { indices[firstOccurrences[$0]] }
    }

    /// Optuna's reference point for the tie-break: 1.1 × the worst value of each objective
    /// (0.9 × when it is negative), 1e-12 where that is 0.
    ///
    /// - Complexity: O(n · m)
    public static func referencePoint(_ points: [[Double]]) -> [Double] {
        guard let first = points.first else { return [] }
        return first.indices.map { j in
            let worst = points.map { $0[j] }.max()!
            let r = max(1.1 * worst, 0.9 * worst)
            return r == 0 ? 1e-12 : r
        }
    }

    /// `_solve_hssp_2d`: on lexicographically sorted unique points of one front, each
    /// candidate's exclusive contribution is a rectangle up to a corner that shrinks as its
    /// neighbours are chosen. Ties go to the earliest point (numpy `argmax`).
    static func greedy2D(_ sorted: [[Double]], count: Int, reference: [Double]) -> [Int] {
        var remaining = Array(sorted.indices)
        var corners = [[Double]](repeating: reference, count: sorted.count)
        var chosen: [Int] = []
        for _ in 0..<count {
            var best = 0
            var bestContribution = -Double.infinity
            for (position, i) in remaining.enumerated() {
                let contribution = (corners[position][0] - sorted[i][0]) * (corners[position][1] - sorted[i][1])
                if contribution > bestContribution { best = position; bestContribution = contribution }
            }
            let point = sorted[remaining[best]]
            chosen.append(remaining[best])
            remaining.remove(at: best)
            corners.remove(at: best)
            for position in corners.indices {
                if position < best { corners[position][0] = min(point[0], corners[position][0]) }
                else { corners[position][1] = min(point[1], corners[position][1]) }
            }
        }
        return chosen
    }

    /// The plain greedy for three or more objectives: each round adds the point with the
    /// largest hypervolume contribution to those chosen. Optuna's lazy variant skips
    /// contributions that submodularity bounds below the best so far; it picks the same
    /// points except among exactly equal contributions.
    static func greedy(_ points: [[Double]], count: Int, reference: [Double]) -> [Int] {
        var remaining = Array(points.indices)
        var chosen: [Int] = []
        var chosenVolume = 0.0
        for _ in 0..<count {
            var best = 0
            var bestVolume = -Double.infinity
            for (position, i) in remaining.enumerated() {
                let volume = Hypervolume.compute(chosen.map { points[$0] } + [points[i]], reference: reference)
                if volume - chosenVolume > bestVolume - chosenVolume { best = position; bestVolume = volume }
            }
            chosen.append(remaining.remove(at: best))
            chosenVolume = bestVolume
        }
        return chosen
    }
}

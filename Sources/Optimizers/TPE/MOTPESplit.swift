import Indicators

/// Which completed trials form l(x) ("below") and which g(x) ("above"): Optuna 5.1.0
/// `_split_complete_trials` (`optuna/samplers/_tpe/sampler.py`).
///
/// ```swift
/// let below = MOTPESplit.below([[1, 4], [2, 2], [4, 1], [5, 5]], count: 2)   // [true, true, false, false]
/// ```
///
/// Losses are minimised (Optuna flips each `maximize` objective's sign, and does nothing
/// else: no normalisation). With several objectives, whole non-domination fronts go below
/// while they fit, and the next front is cut by greedy hypervolume subset selection with
/// the reference point of that front alone (`HypervolumeSubsetSelection`). With one
/// objective, the `count` smallest losses go below (a stable sort, as Python's `sorted`).
public enum MOTPESplit {
    /// A flag per trial: true for the `count` trials below.
    ///
    /// - Precondition: `0 <= count` and every loss vector has the same length.
    /// - Complexity: O(n log n) plus the subset selection for two objectives; O(m n²) to
    ///   sort more.
    public static func below(_ losses: [[Double]], count: Int) -> [Bool] {
        let n = losses.count
        let count = min(count, n)
        if count == 0 { return [Bool](repeating: false, count: n) }
        if count == n { return [Bool](repeating: true, count: n) }
        var below = [Bool](repeating: false, count: n)
        if losses[0].count <= 1 {
            let order = losses.indices.sorted { losses[$0][0] < losses[$1][0] || (losses[$0][0] == losses[$1][0] && $0 < $1) }
            for i in order.prefix(count) { below[i] = true }
            return below
        }
        let fronts = NonDominatedSorting.fronts(losses)
        var taken = 0
        for front in fronts {
            if taken + front.count <= count {
                for i in front { below[i] = true }
                taken += front.count
                if taken == count { break }
                continue
            }
            let points = front.map { losses[$0] }
            let chosen = HypervolumeSubsetSelection.select(points, indices: front, count: count - taken,
                                                           reference: HypervolumeSubsetSelection.referencePoint(points))
            for i in chosen { below[i] = true }
            break
        }
        return below
    }
}

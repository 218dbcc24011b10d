import Indicators

/// The Pareto fronts a survival examines: whole fronts, best first, until at least `count`
/// individuals are ranked.
///
/// ```swift
/// let ranked = RankedFronts(objectives: merged, stopOnceRanked: 50)
/// // ranked.fronts[0] is the non-dominated front; ranked.rank[i] is nil beyond the last one
/// ```
///
/// pymoo 0.6.2 `NonDominatedSorting().do(F, n_stop_if_ranked=N)`
/// (`pymoo/util/nds/non_dominated_sorting.py`): every rank comes from `moocore.pareto_rank`
/// (here `NonDominatedSorting.ranks`, the same relation: duplicates share a front), and
/// fronts are appended until the count of ranked individuals reaches N. Members of a front
/// are in ascending index order (`np.where(ranks == r)`).
public struct RankedFronts: Sendable, Equatable {
    /// The examined fronts, best first, each in ascending index order.
    public var fronts: [[Int]]
    /// The front index of each individual, nil for those beyond the last examined front.
    public var rank: [Int?]

    /// - Precondition: all vectors have the same dimension.
    /// - Complexity: that of `NonDominatedSorting.ranks` (O(n log n) for two objectives, O(M n²) otherwise).
    public init(objectives: [[Double]], stopOnceRanked count: Int) {
        let all = NonDominatedSorting.fronts(ranks: NonDominatedSorting.ranks(objectives))
        var fronts: [[Int]] = []
        var ranked = 0
        var rank = [Int?](repeating: nil, count: objectives.count)
        for front in all {
            for i in front { rank[i] = fronts.count }
            fronts.append(front)
            ranked += front.count
            if ranked >= count { break }
        }
        self.fronts = fronts
        self.rank = rank
    }

    /// The examined individuals, front after front (pymoo's `np.concatenate(fronts)`).
    public var considered: [Int] { fronts.flatMap { $0 } }
}

import Indicators
import NASCore

/// NSGA-II environmental selection: keep whole Pareto fronts, cut the last one by crowding.
///
/// ```swift
/// var rng = Xoshiro256StarStar(seed: 7)
/// let kept = RankAndCrowdingSurvival.select(objectives: merged, count: 50, using: &rng)
/// // kept.survivors[k] indexes `merged`; kept.rank[k], kept.crowding[k] feed the tournament
/// ```
///
/// Port of pymoo 0.6.2 `RankAndCrowding` (`pymoo/operators/survival/rank_and_crowding/
/// classes.py`, NSGA-II's default survival; PYMOO-NSGA2.md §7), after Deb et al. 2002
/// ("A fast and elitist multiobjective genetic algorithm: NSGA-II", IEEE TEC 6(2)):
/// * fronts by `NonDominatedSorting` (equal vectors share a front), members in increasing
///   index order;
/// * crowding `'cd'` (`CrowdingDistance`) computed on each examined front as a whole;
/// * the first front that would overflow `count` is sorted by crowding, descending, with
///   ties in uniformly random order (pymoo shuffles, quicksorts and reverses; any uniform
///   tie order has the same distribution), and its first members fill the remaining places;
/// * survivors keep the crowding of their untruncated front.
///
/// Survivors are listed front by front; within the cut front, in the order chosen.
///
/// - Complexity: O(n log n) for two objectives, O(M n²) otherwise (the sort dominates).
public enum RankAndCrowdingSurvival {
    /// The outcome of one survival.
    public struct Selection: Sendable, Equatable {
        /// Indices into the merged population, front by front.
        public var survivors: [Int]
        /// Front index of each survivor (parallel to `survivors`).
        public var rank: [Int]
        /// Crowding distance of each survivor within its front (parallel to `survivors`).
        public var crowding: [Double]
        /// Front index of every merged individual.
        public var rankOfAll: [Int]
        /// Crowding of every individual in an examined front; nil after the cut front.
        public var crowdingOfAll: [Double?]
        /// The front that was cut, nil if whole fronts filled `count` exactly.
        public var splitFront: Int?
    }

    /// Selects `min(count, objectives.count)` survivors.
    ///
    /// - Parameters:
    ///   - objectives: minimised objective vectors of the merged population.
    ///   - count: the number of survivors wanted (pymoo's `n_survive`).
    ///   - rng: breaks crowding ties in the cut front; it is not drawn from when no cut
    ///     happens.
    /// - Precondition: `count >= 0`; all vectors have the same dimension.
    public static func select<G: RandomNumberGenerator>(
        objectives: [[Double]], count: Int, using rng: inout G
    ) -> Selection {
        precondition(count >= 0, "survivor count must not be negative")
        let n = min(count, objectives.count)
        let ranks = NonDominatedSorting.ranks(objectives)
        let fronts = NonDominatedSorting.fronts(ranks: ranks)
        var selection = Selection(survivors: [], rank: [], crowding: [], rankOfAll: ranks,
                                  crowdingOfAll: Array(repeating: nil, count: objectives.count),
                                  splitFront: nil)
        selection.survivors.reserveCapacity(n)
        for (k, front) in fronts.enumerated() {
            if selection.survivors.count >= n { break }
            let cd = CrowdingDistance.compute(objectives, members: front)
            for (position, i) in front.enumerated() { selection.crowdingOfAll[i] = cd[position] }
            var order = Array(front.indices)
            let room = n - selection.survivors.count
            if front.count > room {
                selection.splitFront = k
                rng.shuffle(&order)
                // A stable sort of a shuffled order leaves equal crowding values uniformly
                // permuted, which is all pymoo's randomized_argsort guarantees.
                order = stableSortedDescending(order, by: cd)
                order.removeLast(front.count - room)
            }
            for position in order {
                selection.survivors.append(front[position])
                selection.rank.append(k)
                selection.crowding.append(cd[position])
            }
        }
        return selection
    }

    private static func stableSortedDescending(_ order: [Int], by key: [Double]) -> [Int] {
        let ranked = order.enumerated().sorted { a, b in
            key[a.element] > key[b.element] || (key[a.element] == key[b.element] && a.offset < b.offset)
        }
        return ranked.map(\.element)
    }
}

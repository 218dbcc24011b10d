/// NSGA-III's niching: fills the last places from the splitting front, always serving the
/// least crowded reference directions first.
///
/// ```swift
/// var rng = Xoshiro256StarStar(seed: 7)
/// let picks = Niching.select(count: 3, nicheCount: counts, niche: nicheOfLast,
///                            distanceToNiche: distOfLast, using: &rng)   // positions in the last front
/// ```
///
/// Deb & Jain 2014 (NSGA-III, IEEE TEC 18(4), Algorithm 4), as pymoo 0.6.2 `niching`
/// (`pymoo/algorithms/moo/nsga3.py`). Each round:
/// 1. among the niches that still have unpicked candidates (ascending), take those with the
///    smallest niche count, in a random order, at most as many as places remain
///    (pymoo: `random_state.permutation(len)[:n_select]`);
/// 2. for each such niche, shuffle its unpicked candidates (ascending before the shuffle);
///    an empty niche takes the candidate nearest its direction (the first of the shuffled
///    order on ties), a non-empty one the first of the shuffled order;
/// 3. the niche count grows by one per pick.
///
/// The random draws are ours (Fisher–Yates), not numpy's, so the survivors are pymoo's in
/// distribution, not draw for draw. MOEA.md says niching is not in the oracle.
public enum Niching {
    /// Positions (into the last front's arrays) of the `count` individuals picked, in pick order.
    ///
    /// - Parameters:
    ///   - count: places left (pymoo's `n_remaining`).
    ///   - nicheCount: survivors already in each niche; one entry per reference direction.
    ///   - niche: the niche of each last-front member.
    ///   - distanceToNiche: each last-front member's distance to its niche.
    /// - Precondition: `count <= niche.count`.
    /// - Complexity: O(count · (L + D)) for L members and D directions.
    public static func select<G: RandomNumberGenerator>(
        count: Int, nicheCount: [Int], niche: [Int], distanceToNiche: [Double], using rng: inout G
    ) -> [Int] {
        precondition(count <= niche.count, "niching cannot pick more individuals than the front holds")
        var nicheCount = nicheCount
        var available = [Bool](repeating: true, count: niche.count)
        var survivors: [Int] = []
        while survivors.count < count {
            let places = count - survivors.count
            let open = Set(niche.indices.filter { available[$0] }.map { niche[$0] }).sorted()
            let fewest = open.map { nicheCount[$0] }.min()!
            var candidates = open.filter { nicheCount[$0] == fewest }
            rng.shuffle(&candidates)
            for next in candidates.prefix(places) {
                var members = niche.indices.filter { available[$0] && niche[$0] == next }
                rng.shuffle(&members)
                var chosen = members[0]
                if nicheCount[next] == 0 {
                    for k in members where distanceToNiche[k] < distanceToNiche[chosen] { chosen = k }
                }
                available[chosen] = false
                survivors.append(chosen)
                nicheCount[next] += 1
            }
        }
        return survivors
    }
}

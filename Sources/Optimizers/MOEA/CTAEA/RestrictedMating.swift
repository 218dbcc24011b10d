import Indicators
import NASCore

/// C-TAEA's parent selection: binary tournaments whose candidates come from the CA or the
/// DA, biased toward the archive with the larger share of non-dominated members.
///
/// ```swift
/// let pairs = RestrictedMating.select(matings: 20, objectives: ca.objectives + da.objectives, using: &rng)
/// // pairs[i] = (first parent, second parent), indices into CA ++ DA
/// ```
///
/// pymoo 0.6.2 `RestrictedMating._do` with `comp_by_cv_dom_then_random`
/// (`pymoo/algorithms/moo/ctaea.py`): with `n = |Hm| / 2` (the CA is the first half),
/// `Pc` and `Pd` are the numbers of rank-0 members of the CA and DA over `|Hm|`; candidates
/// are drawn from concatenated random permutations of `0..<n`; the first parent's two
/// candidates come from the DA when `Pc <= Pd`, else the CA; the second parent's from the
/// DA with probability `1 − Pc`; a tournament takes the dominating candidate, else either
/// at random (no constraints, so CV never decides).
public enum RestrictedMating {
    /// - Parameter nonDominated: `nonDominatedMembers(hm)`, when the caller already has them
    ///   (C-TAEA mates in rounds over the same Hm until it has enough distinct children).
    /// - Complexity: that of `nonDominatedMembers` unless given, plus O(matings).
    public static func select(matings: Int, objectives hm: [[Double]], nonDominated: [Int]? = nil,
                              using rng: inout Xoshiro256StarStar) -> [(Int, Int)] {
        let n = hm.count / 2
        guard n > 0, matings > 0 else { return [] }
        let front = nonDominated ?? nonDominatedMembers(hm)
        let inCA = front.filter { $0 < n }.count
        let pc = Double(inCA) / Double(hm.count)
        let pd = Double(front.count - inCA) / Double(hm.count)
        let needed = matings * 2 * 2
        var candidates: [Int] = []
        candidates.reserveCapacity(needed + n)
        while candidates.count < needed {
            var permutation = Array(0..<n)
            rng.shuffle(&permutation)
            candidates += permutation
        }
        var pairs: [(Int, Int)] = []
        pairs.reserveCapacity(matings)
        let firstFromDiversity = pc <= pd
        for m in 0..<matings {
            let firstOffset = firstFromDiversity ? n : 0
            let secondOffset = rng.nextUnit() >= pc ? n : 0
            let first = tournament(candidates[4 * m] + firstOffset, candidates[4 * m + 1] + firstOffset, hm, &rng)
            let second = tournament(candidates[4 * m + 2] + secondOffset, candidates[4 * m + 3] + secondOffset, hm, &rng)
            pairs.append((first, second))
        }
        return pairs
    }

    /// The rank-0 members of Hm (pymoo's `rank == 0`), ascending: by the lexicographic
    /// sweep when every value is finite, else (C-TAEA reads NaN as +∞) by the full ranking.
    ///
    /// - Complexity: O(N log N · M + N · F · M) for finite values, O(M N²) otherwise.
    public static func nonDominatedMembers(_ hm: [[Double]]) -> [Int] {
        if hm.allSatisfy({ $0.allSatisfy(\.isFinite) }) { return NonDominatedSorting.firstFront(hm) }
        let rank = NonDominatedSorting.ranks(hm)
        return rank.indices.filter { rank[$0] == 0 }
    }

    /// pymoo `comp_by_cv_dom_then_random` for feasible candidates.
    static func tournament(_ a: Int, _ b: Int, _ hm: [[Double]], _ rng: inout Xoshiro256StarStar) -> Int {
        if NonDominatedSorting.dominates(hm[a], hm[b]) { return a }
        if NonDominatedSorting.dominates(hm[b], hm[a]) { return b }
        return rng.nextUnit() < 0.5 ? a : b
    }
}

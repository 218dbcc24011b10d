import Foundation

/// AGE-MOEA environmental selection: whole fronts, then the cut front by a geometry-aware
/// crowding that estimates the front's curvature p and measures distances in the p-norm.
///
/// ```swift
/// let s = AGEMOEASurvival.select(objectives: merged, count: 50)
/// // s.survivors (ascending), s.rank[i] and s.crowding[i] feed NSGA-II's binary tournament
/// ```
///
/// Panichella 2019 ("An adaptive evolutionary algorithm based on non-euclidean geometry for
/// many-objective optimization", GECCO 2019, doi:10.1145/3321707.3321839), as pymoo 0.6.2
/// `AGEMOEASurvival` (`pymoo/algorithms/moo/age.py`) does it. MOEA.md `agemoea_survival`,
/// ALGORITHMS.md L.3 and D.1 (DyNAS-T's `age` for two objectives).
///
/// 1. Fronts with `n_stop_if_ranked = count` (`RankedFronts`); the last one, `splitFront`,
///    is cut and every earlier front survives whole.
/// 2. The first front gets `survivalScore` (extremes, normalisation, p, greedy crowding).
/// 3. Fronts 1 ..< splitFront get `1 / ‖F_i / normalization − ideal‖_p` (pymoo quirk: the
///    raw ideal point, neither shifted nor normalised; it only feeds the tournament).
/// 4. The split front's survivors are the largest crowding values. pymoo quirk: when the
///    split front is not the first, its crowding is never computed and stays 0 for every
///    member, so the cut is decided by numpy's `argsort(...)[::-1]` of equal keys, which on
///    SIMD (AVX2/AVX-512) builds is the identity reversed: the **highest-indexed** members
///    survive (in a merged population, offspring before parents). Ties are ordered that
///    way here in every case (a stable ascending sort, reversed); numpy's order of ties
///    among *unequal* keys is not reproduced.
///
/// The survival draws no random numbers.
///
/// - Complexity: O(M n²) for the sorting plus O(m³) for the greedy crowding of an m-point
///   first front.
public enum AGEMOEASurvival {
    /// The outcome of one survival.
    public struct Selection: Sendable, Equatable {
        /// Indices of the survivors into `objectives`, ascending (pymoo's `pop[selected]`).
        public var survivors: [Int]
        /// Front index of every individual; nil beyond the split front (pymoo stores
        /// `np.iinfo(int).max` there).
        public var rank: [Int?]
        /// Crowding of every ranked individual (larger is better), nil where `rank` is nil
        /// (pymoo stores 0 there). `inf` for the first front's extremes.
        public var crowding: [Double?]
        /// The front that was cut (pymoo's `max_f_no`); it may be cut to all its members.
        public var splitFront: Int
        /// The first front's survival score (p, normalisation, extremes).
        public var firstFront: SurvivalScore
        /// Indices of the first front's members, ascending.
        public var firstFrontMembers: [Int]
        /// The ideal point of the first front (its column minima, unrounded).
        public var idealPoint: [Double]
        /// The first front's extreme points as indices into `objectives`; nil when the first
        /// front has fewer points than objectives (no extremes are looked for).
        public var extremes: [Int]? {
            firstFront.extremes.map { $0.map { firstFrontMembers[$0] } }
        }
    }

    /// Selects `min(count, objectives.count)` survivors.
    ///
    /// - Precondition: `count >= 1`; all vectors have the same dimension M ≥ 1.
    public static func select(objectives: [[Double]], count: Int) -> Selection {
        precondition(count >= 1, "AGE-MOEA's survival needs at least one survivor")
        precondition(!objectives.isEmpty, "AGE-MOEA's survival needs a population")
        let m = objectives[0].count
        let ranked = RankedFronts(objectives: objectives, stopOnceRanked: count)
        let splitFront = ranked.fronts.count - 1
        var crowding = [Double?](repeating: nil, count: objectives.count)
        for front in ranked.fronts { for i in front { crowding[i] = 0 } }

        let firstMembers = ranked.fronts[0]
        let first = firstMembers.map { objectives[$0] }
        let ideal = (0..<m).map { j in first.map { $0[j] }.min()! }
        let score = survivalScore(front: first, idealPoint: ideal)
        for (k, i) in firstMembers.enumerated() { crowding[i] = score.crowding[k] }

        if splitFront > 1 {
            for front in ranked.fronts[1..<splitFront] {
                for i in front {
                    // F / 0 gives inf (or nan for 0 / 0), as numpy's errstate-silenced divide.
                    let scaled = (0..<m).map { objectives[i][$0] / score.normalization[$0] }
                    crowding[i] = 1 / minkowskiDistance(scaled, ideal, p: score.p)
                }
            }
        }

        var survivors = ranked.fronts.dropLast().flatMap { $0 }
        let last = ranked.fronts[splitFront]
        let room = min(count, objectives.count) - survivors.count
        // numpy sorts nan after every number, so after the reversal nan comes first.
        let ascending = last.indices.sorted { a, b in
            let ka = crowding[last[a]]!, kb = crowding[last[b]]!
            if ka.isNaN || kb.isNaN { return !ka.isNaN && kb.isNaN || (ka.isNaN && kb.isNaN && a < b) }
            return ka < kb || (ka == kb && a < b)
        }
        survivors += ascending.reversed().prefix(room).map { last[$0] }
        survivors.sort()

        return Selection(survivors: survivors, rank: ranked.rank, crowding: crowding,
                         splitFront: splitFront, firstFront: score, firstFrontMembers: firstMembers,
                         idealPoint: ideal)
    }

    /// `(Σ_j |a_j − b_j|^p)^(1/p)` (pymoo's numba `minkowski_distances`).
    static func minkowskiDistance(_ a: [Double], _ b: [Double], p: Double) -> Double {
        var s = 0.0
        for j in a.indices { s += pow(abs(a[j] - b[j]), p) }
        return pow(s, 1 / p)
    }
}

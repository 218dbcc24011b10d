import Indicators
import NASCore

/// C-TAEA's survival: the convergence archive (CA) keeps the best-ranked, decongested by
/// niche; the diversity archive (DA) fills the niches the CA leaves empty.
///
/// ```swift
/// var survival = CADASurvival(directions: dirs)
/// (ca, da) = survival.survive(merged: ca.merged(with: offspring), diversity: da, count: 20, using: &rng)
/// ```
///
/// pymoo 0.6.2 `CADASurvival` (`pymoo/algorithms/moo/ctaea.py`, after K. Li's code) for
/// unconstrained problems (every CV is 0, so only the "too many feasible" branch of
/// `_updateCA` can act). Quirks kept:
/// * the offspring are taken as the **last `count`** of `merged` (pymoo `pop[-n_survive:]`),
///   and only they lower the ideal point;
/// * niches use the perpendicular distance of `F − ideal` to each direction, without
///   normalisation; the fitness is ASF with zero weights read as 1e-4;
/// * in the CA decongestion, pymoo compares the closest pair's **fitness with an index**
///   (`FV[…] > niche_worst`); it is reproduced.
///
/// Choice where pymoo would not return: `_updateDA` visits niches `0..<n_survive`; on the
/// first call `n_survive` is the initial population's size, which duplicate elimination may
/// cut below the number of directions, and pymoo then loops for ever if a member sits in a
/// higher niche (measured: 9 of 40 random 19-member populations on 3 objectives). On
/// NATS-TSS a duplicate among 20 samples has probability about 1.2%. Here every direction's
/// niche is visited, which agrees with pymoo whenever pymoo finishes.
public struct CADASurvival: Sendable {
    public let directions: [[Double]]
    /// Each direction's Euclidean norm, summed in the order pymoo's kernel sums it; kept
    /// because `associate` needs it for every point and direction.
    let directionNorms: [Double]
    /// `directions` row-major in one buffer, for `associate`'s inner loop.
    let flatDirections: [Double]
    /// pymoo `ideal_point`: starts at +∞, lowered by each generation's offspring.
    public private(set) var idealPoint: [Double]
    let fitness = AchievementScalarization(zeroWeight: 1e-4)

    public init(directions: [[Double]]) {
        self.directions = directions
        directionNorms = directions.map { d in
            var norm = 0.0
            for v in d { norm += v * v }
            return norm.squareRoot()
        }
        flatDirections = directions.flatMap { $0 }
        idealPoint = [Double](repeating: .infinity, count: directions.first?.count ?? 0)
    }

    /// The next CA and DA from `merged` (CA ++ offspring) and the previous DA.
    ///
    /// - Complexity: O(N² M + N D M) for N = |merged| + |diversity| and D directions.
    public mutating func survive(merged: CTAEAArchive, diversity: CTAEAArchive, count n: Int,
                                 using rng: inout Xoshiro256StarStar) -> (convergence: CTAEAArchive, diversity: CTAEAArchive) {
        let offspring = merged.subset(Array(max(0, merged.count - n)..<merged.count))
        for f in offspring.objectives { for j in idealPoint.indices { idealPoint[j] = min(idealPoint[j], f[j]) } }
        let (ca, caNiches) = updateConvergence(merged, count: n, using: &rng)
        let da = updateDiversity(convergence: ca, niches: caNiches, candidates: diversity.merged(with: offspring), count: n)
        return (ca, da)
    }

    /// Each point's niche (nearest direction) and ASF fitness (pymoo `_associate`).
    func associate(_ objectives: [[Double]]) -> (niche: [Int], fitness: [Double]) {
        var niche: [Int] = []
        var fv: [Double] = []
        niche.reserveCapacity(objectives.count)
        fv.reserveCapacity(objectives.count)
        let m = idealPoint.count
        var shifted = [Double](repeating: 0, count: m)
        flatDirections.withUnsafeBufferPointer { dirs in
            directionNorms.withUnsafeBufferPointer { norms in
                shifted.withUnsafeMutableBufferPointer { point in
                    for f in objectives {
                        for j in 0..<m { point[j] = f[j] - idealPoint[j] }
                        var best = 0
                        var bestDistance = Double.infinity
                        for k in 0..<norms.count {
                            let distance = Self.perpendicularDistance(UnsafeBufferPointer(point), to: dirs.baseAddress! + k * m, norm: norms[k])
                            if k == 0 || distance < bestDistance { best = k; bestDistance = distance }
                        }
                        niche.append(best)
                        fv.append(fitness.value(f, weights: directions[best], idealPoint: idealPoint))
                    }
                }
            }
        }
        return (niche, fv)
    }

    /// pymoo's compiled `calc_perpendicular_distance` for one point and direction, whose
    /// norm (`directionNorms`) is given: the same sums in the same order.
    @inline(__always)
    static func perpendicularDistance(_ point: UnsafeBufferPointer<Double>, to direction: UnsafePointer<Double>, norm: Double) -> Double {
        var dot = 0.0
        for j in 0..<point.count { dot += direction[j] * point[j] }
        let projection = dot / norm
        var s = 0.0
        for j in 0..<point.count { let t = projection * direction[j] / norm - point[j]; s += t * t }
        return s.squareRoot()
    }

    /// pymoo `_updateCA` without constraints; also each survivor's niche, when computed.
    ///
    /// The pairwise distances are computed once per call, not per removal: the Euclidean
    /// distance is the same sum whichever point comes first, so every comparison sees the
    /// values pymoo's loop recomputes.
    func updateConvergence(_ pop: CTAEAArchive, count n: Int, using rng: inout Xoshiro256StarStar) -> (CTAEAArchive, [Int]?) {
        guard pop.count > n else { return (pop, nil) }
        let ranked = RankedFronts(objectives: pop.objectives, stopOnceRanked: n)
        let s = pop.subset(ranked.considered)
        guard s.count > n else { return (s, nil) }
        let f = s.objectives
        let size = f.count
        let (niche, fv) = associate(f)
        let index = Array(Set(niche)).sorted()          // np.unique
        var position = [Int](repeating: -1, count: directions.count)
        for (p, k) in index.enumerated() { position[k] = p }
        var count = index.map { k in niche.filter { $0 == k }.count }
        // Each niche's surviving members, ascending.
        var members = [[Int]](repeating: [], count: index.count)
        for (i, k) in niche.enumerated() { members[position[k]].append(i) }
        var distance = [Double](repeating: 0, count: size * size)
        for a in 0..<size {
            for b in 0..<a {
                let d = Self.euclidean(f[a], f[b])
                distance[a * size + b] = d
                distance[b * size + a] = d
            }
        }
        var survivors = [Bool](repeating: true, count: size)
        var alive = size
        var deltas: [Double] = []
        while alive > n {
            let most = count.max()!
            var worstIndex: Int?
            var worstNiche = 0
            var worstFitness = -1.0
            for p in count.indices where count[p] == most {
                let crowded = members[p]
                var nicheWorst = crowded[Self.firstMaximum(crowded.map { fv[$0] })]
                var nearest = Double.infinity
                for j in 0..<size where j != nicheWorst && survivors[j] {
                    nearest = min(nearest, distance[nicheWorst * size + j])
                }
                // The closest pair inside the niche: np.argmin over the row-major matrix.
                let m = crowded.count
                deltas.removeAll(keepingCapacity: true)
                for a in 0..<m {
                    for b in 0..<m {
                        deltas.append((a == b ? Double.infinity : distance[crowded[a] * size + crowded[b]]) - nearest)
                    }
                }
                let flat = Self.firstMinimum(deltas)
                let smallest = deltas[flat]
                let pair = (flat / m, flat % m)
                let (a, b) = pair
                // pymoo quirk: `FV[crowdest[min_d_i]] > niche_worst` compares fitness with an index.
                if smallest < 0 || (smallest == 0 && (fv[crowded[a]] > Double(nicheWorst) || fv[crowded[b]] > Double(nicheWorst))) {
                    var closest = [crowded[a], crowded[b]]
                    if rng.nextUnit() < 0.5 { closest.swapAt(0, 1) }   // random_state.shuffle of two
                    nicheWorst = closest[Self.firstMaximum(closest.map { fv[$0] })]
                }
                if fv[nicheWorst] > worstFitness {
                    worstFitness = fv[nicheWorst]; worstIndex = nicheWorst; worstNiche = p
                }
            }
            // Only NaN fitness leaves no candidate (pymoo would then clear every survivor).
            let removed = worstIndex ?? survivors.firstIndex(of: true)!
            survivors[removed] = false
            count[worstIndex == nil ? index.firstIndex(of: niche[removed])! : worstNiche] -= 1
            members[position[niche[removed]]].removeAll { $0 == removed }
            alive -= 1
        }
        let kept = (0..<size).filter { survivors[$0] }
        return (s.subset(kept), kept.map { niche[$0] })
    }

    /// pymoo `_updateDA`: rounds `itr = 1, 2, …`; in each, every niche holding fewer than
    /// `itr` CA members takes the best (non-dominated, then smallest fitness) of its
    /// remaining candidates, once per missing member.
    /// `niches`: the CA members' niches when `updateConvergence` computed them (the same
    /// ideal point, so the same values).
    func updateDiversity(convergence ca: CTAEAArchive, niches: [Int]? = nil, candidates hd: CTAEAArchive, count n: Int) -> CTAEAArchive {
        let (nicheHd, fv) = associate(hd.objectives)
        var caPerNiche = [Int](repeating: 0, count: directions.count)
        for k in niches ?? associate(ca.objectives).niche { caPerNiche[k] += 1 }
        // The candidates still in each niche, ascending (pymoo's np.where over the niches).
        var remaining = [[Int]](repeating: [], count: directions.count)
        for (p, k) in nicheHd.enumerated() { remaining[k].append(p) }
        var chosen: [Int] = []
        var round = 1
        while chosen.count < n {
            var progressed = false
            niches: for i in directions.indices {
                if caPerNiche[i] < round {
                    for _ in 0..<(round - caPerNiche[i]) {
                        let current = remaining[i]
                        guard !current.isEmpty else { break }
                        let front = Self.nonDominated(current.map { hd.objectives[$0] })
                        let position = front[Self.firstMinimum(front.map { fv[current[$0]] })]
                        let best = current[position]
                        remaining[i].remove(at: position)
                        progressed = true
                        if chosen.count < n { chosen.append(best) }
                    }
                }
                if chosen.count == n { break niches }
            }
            // Fewer candidates than places: pymoo would loop for ever.
            if !progressed && round > hd.count + ca.count { break }
            round += 1
        }
        return hd.subset(chosen)
    }

    /// Positions of the non-dominated rows, ascending.
    static func nonDominated(_ rows: [[Double]]) -> [Int] {
        rows.indices.filter { i in !rows.indices.contains { j in j != i && NonDominatedSorting.dominates(rows[j], rows[i]) } }
    }

    static func euclidean(_ a: [Double], _ b: [Double]) -> Double {
        var s = 0.0
        for j in a.indices { let d = a[j] - b[j]; s += d * d }
        return s.squareRoot()
    }

    /// numpy `argmax`: the first maximum; a NaN wins at once.
    static func firstMaximum(_ values: [Double]) -> Int {
        var best = 0
        for i in values.indices {
            if values[i].isNaN { return i }
            if values[i] > values[best] { best = i }
        }
        return best
    }

    /// numpy `argmin`: the first minimum; a NaN wins at once.
    static func firstMinimum(_ values: [Double]) -> Int {
        var best = 0
        for i in values.indices {
            if values[i].isNaN { return i }
            if values[i] < values[best] { best = i }
        }
        return best
    }
}

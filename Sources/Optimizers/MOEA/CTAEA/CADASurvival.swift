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
    /// Each point's niche and fitness under the current ideal point, by objective vector.
    /// The members both archives carry into the next generation keep theirs while the
    /// ideal point stays put (most generations after the first few), so mostly only the
    /// offspring are associated anew. Emptied whenever the ideal point moves.
    private var associations: [[Double]: (niche: Int, fitness: Double)] = [:]

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
        let previousIdeal = idealPoint
        for f in offspring.objectives { for j in idealPoint.indices { idealPoint[j] = min(idealPoint[j], f[j]) } }
        if idealPoint != previousIdeal { associations.removeAll(keepingCapacity: true) }
        let (ca, caNiches) = updateConvergence(merged, count: n, using: &rng)
        let da = updateDiversity(convergence: ca, niches: caNiches, candidates: diversity.merged(with: offspring), count: n)
        return (ca, da)
    }

    /// Each point's niche (nearest direction) and ASF fitness (pymoo `_associate`), from
    /// `associations` where the point was associated under the same ideal point.
    mutating func associate(_ objectives: [[Double]]) -> (niche: [Int], fitness: [Double]) {
        var niche: [Int] = [], fv: [Double] = []
        niche.reserveCapacity(objectives.count)
        fv.reserveCapacity(objectives.count)
        var missing: [Int] = []
        for (i, f) in objectives.enumerated() {
            if let known = associations[f] {
                niche.append(known.niche); fv.append(known.fitness)
            } else {
                niche.append(0); fv.append(0)
                missing.append(i)
            }
        }
        guard !missing.isEmpty else { return (niche, fv) }
        let computed = computeAssociation(missing.map { objectives[$0] })
        for (k, i) in missing.enumerated() {
            niche[i] = computed.niche[k]; fv[i] = computed.fitness[k]
            associations[objectives[i]] = (computed.niche[k], computed.fitness[k])
        }
        return (niche, fv)
    }

    /// `associate` without the memo: the nearest direction by perpendicular distance.
    func computeAssociation(_ objectives: [[Double]]) -> (niche: [Int], fitness: [Double]) {
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
    mutating func updateConvergence(_ pop: CTAEAArchive, count n: Int, using rng: inout Xoshiro256StarStar) -> (CTAEAArchive, [Int]?) {
        guard pop.count > n else { return (pop, nil) }
        let ranked = RankedFronts(objectives: pop.objectives, stopOnceRanked: n)
        let s = pop.subset(ranked.considered)
        guard s.count > n else { return (s, nil) }
        let f = s.objectives
        let size = f.count
        let (niche, fv) = associate(f)
        // np.unique(niche) and each niche's member count, by one pass over a per-direction tally.
        var tally = [Int](repeating: 0, count: directions.count)
        for k in niche { tally[k] += 1 }
        let index = directions.indices.filter { tally[$0] > 0 }
        var position = [Int](repeating: -1, count: directions.count)
        for (p, k) in index.enumerated() { position[k] = p }
        var count = index.map { tally[$0] }
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
        // The loop allocates nothing: it runs once per removal over every most crowded niche.
        while alive > n {
            let most = count.max()!
            var worstIndex: Int?
            var worstNiche = 0
            var worstFitness = -1.0
            for p in count.indices where count[p] == most {
                let crowded = members[p]
                let m = crowded.count
                var nicheWorst = crowded[Self.firstMaximum(m) { fv[crowded[$0]] }]
                var nearest = Double.infinity
                for j in 0..<size where j != nicheWorst && survivors[j] {
                    nearest = min(nearest, distance[nicheWorst * size + j])
                }
                // The closest pair inside the niche: np.argmin over the row-major matrix of
                // distance − nearest (the diagonal infinite).
                let flat = Self.firstMinimum(m * m) { e in
                    let (a, b) = (e / m, e % m)
                    return (a == b ? Double.infinity : distance[crowded[a] * size + crowded[b]]) - nearest
                }
                let (a, b) = (flat / m, flat % m)
                let smallest = (a == b ? Double.infinity : distance[crowded[a] * size + crowded[b]]) - nearest
                // pymoo quirk: `FV[crowdest[min_d_i]] > niche_worst` compares fitness with an index.
                if smallest < 0 || (smallest == 0 && (fv[crowded[a]] > Double(nicheWorst) || fv[crowded[b]] > Double(nicheWorst))) {
                    var (first, second) = (crowded[a], crowded[b])
                    if rng.nextUnit() < 0.5 { swap(&first, &second) }   // random_state.shuffle of two
                    nicheWorst = Self.firstMaximum(2) { fv[$0 == 0 ? first : second] } == 0 ? first : second
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
    mutating func updateDiversity(convergence ca: CTAEAArchive, niches: [Int]? = nil, candidates hd: CTAEAArchive, count n: Int) -> CTAEAArchive {
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
                        let position = Self.bestNonDominated(current, objectives: hd.objectives, fitness: fv)
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

    /// The position in `current` of the non-dominated candidate with the smallest fitness,
    /// the first on ties or NaN (`front[argmin(fv[current[front]])]` with `front` =
    /// `nonDominated`, ascending), without building either list.
    static func bestNonDominated(_ current: [Int], objectives: [[Double]], fitness fv: [Double]) -> Int {
        var best = -1
        for i in current.indices {
            let point = objectives[current[i]]
            var dominated = false
            for j in current.indices where j != i && NonDominatedSorting.dominates(objectives[current[j]], point) {
                dominated = true
                break
            }
            if dominated { continue }
            let value = fv[current[i]]
            if best < 0 { best = i; if value.isNaN { return i }; continue }
            if value.isNaN { return i }
            if value < fv[current[best]] { best = i }
        }
        return best
    }

    static func euclidean(_ a: [Double], _ b: [Double]) -> Double {
        var s = 0.0
        for j in a.indices { let d = a[j] - b[j]; s += d * d }
        return s.squareRoot()
    }

    /// numpy `argmax` over `value(0..<count)`: the first maximum; a NaN wins at once.
    @inline(__always)
    static func firstMaximum(_ count: Int, _ value: (Int) -> Double) -> Int {
        var best = 0
        var bestValue = count > 0 ? value(0) : 0
        if bestValue.isNaN { return 0 }
        for i in 1..<max(1, count) {
            let v = value(i)
            if v.isNaN { return i }
            if v > bestValue { best = i; bestValue = v }
        }
        return best
    }

    /// numpy `argmin` over `value(0..<count)`: the first minimum; a NaN wins at once.
    @inline(__always)
    static func firstMinimum(_ count: Int, _ value: (Int) -> Double) -> Int {
        var best = 0
        var bestValue = count > 0 ? value(0) : 0
        if bestValue.isNaN { return 0 }
        for i in 1..<max(1, count) {
            let v = value(i)
            if v.isNaN { return i }
            if v < bestValue { best = i; bestValue = v }
        }
        return best
    }
}

import NASCore

/// Which ranked candidates an outer iteration evaluates (ALGORITHMS.md §1.3 (a), (b)).
///
/// ```swift
/// var population = NASEAFASearch<Space>.rankedByFitness(offspring)
/// let evaluated = search.selectAndEvaluate(&population, rng: &rng)   // nil: budget spent
/// ```
///
/// v2: the top K by predicted fitness (`nas10x_nas_ea_fa_v2.py`, the loop that breaks at
/// `num >= K` and records `start_index`), then up to H of `population[start+1…]` by
/// "enhanced diversity": the minimum Hamming distance of each to the training set is
/// computed **once** (it is not updated while the H step adds data), and each pick is the
/// first strict maximum above 0, whose distance is then zeroed. Cached picks are skipped
/// and not counted. v1 (`nas10x_nas_ea_fa.py`): the top K+H, nothing else.
///
/// Pan's NB201 file ends the H step when no distance is above 0; the NB101 file instead
/// takes `population[2·start+1]` (`j = start`), which the `nb101StartFallback` quirk
/// reproduces. `start` stays 0 when the top-K loop never reaches K.
///
/// - Complexity: O(|population| · distinct training sequences) for the distances, plus
///   O(H · |population|) for the picks.
extension NASEAFASearch {
    /// The evaluated members in evaluation order, or nil when the budget ran out.
    mutating func selectAndEvaluate(_ population: inout [Member], rng: inout Xoshiro256StarStar) -> [Member]? {
        let topCount = options.version == .v2 ? constants.k : constants.k + constants.h
        let total = constants.k + constants.h
        var evaluated: [Member] = []
        var start = 0
        topK: for index in population.indices {
            switch query(&population[index], rng: &rng) {
            case .stop: return nil
            case .skipped: continue topK
            case .evaluated:
                evaluated.append(population[index])
                if isExhausted() { return nil }
                if evaluated.count >= topCount { start = index; break topK }
            }
        }
        guard options.version == .v2 else { return evaluated }

        var distances = population.dropFirst(start + 1).map {
            training.minimumDistance(to: space.naseafaSequence(of: $0.architecture, variant: options.variant))
        }
        while evaluated.count < total && !isExhausted() {
            let target: Int
            let isFallback: Bool
            if let j = Self.firstStrictMaximum(distances) {
                distances[j] = 0
                target = start + 1 + j
                isFallback = false
            } else {
                // The NB201 file stops here; the NB101 file's `j = start` is opt-in.
                guard quirks.contains(.nb101StartFallback) else { break }
                if start < distances.count { distances[start] = 0 }
                target = 2 * start + 1
                isFallback = true
                guard target < population.count else { break }   // Python would raise IndexError
            }
            switch query(&population[target], rng: &rng) {
            case .stop: return nil
            case .evaluated: evaluated.append(population[target])
            case .skipped:
                // Pan's NB101 code spins forever on a cached fallback (it picks the same one
                // again): end the step instead.
                if isFallback { return isExhausted() ? nil : evaluated }
            }
        }
        return isExhausted() ? nil : evaluated
    }

    /// The index of the first entry strictly greater than every earlier one and than 0,
    /// i.e. the reference's `if d > max_dis` scan from `max_dis = 0`; nil when all are ≤ 0.
    ///
    /// - Complexity: O(n)
    static func firstStrictMaximum(_ values: [Int]) -> Int? {
        var best = 0, index: Int?
        for (i, v) in values.enumerated() where v > best {
            best = v
            index = i
        }
        return index
    }
}

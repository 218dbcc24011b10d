import NASCore

/// Tournament selection as `fzjcdt/NAS-EA-FA` `utils.tournament_selection` does it
/// (ALGORITHMS.md §1.1): k = ⌊fraction·|population|⌋ draws with replacement (at least one);
/// the first draw is kept unless a later one is *strictly* fitter, so ties go to the
/// earliest draw.
///
/// - Complexity: O(k)
@inline(__always)
func tournamentWinner<A>(_ population: [Individual<A>], fraction: Double, rng: inout Xoshiro256StarStar) -> Int {
    let k = max(1, Int(fraction * Double(population.count)))
    var best = rng.nextInt(below: population.count)
    for _ in 0..<(k - 1) {
        let challenger = rng.nextInt(below: population.count)
        if population[challenger].fitness > population[best].fitness { best = challenger }
    }
    return best
}

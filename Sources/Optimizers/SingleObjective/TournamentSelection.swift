import NASCore

/// Tournament selection as `fzjcdt/NAS-EA-FA` `utils.tournament_selection` does it
/// (ALGORITHMS.md §1.1): k = ⌊fraction·|population|⌋ draws with replacement (at least one);
/// the first draw is kept unless a later one is *strictly* fitter, so ties go to the
/// earliest draw.
///
/// - Complexity: O(k)
@inline(__always)
func tournamentWinner<A>(_ population: [Individual<A>], fraction: Double, rng: inout Xoshiro256StarStar) -> Int {
    tournamentWinner(count: population.count, fraction: fraction, rng: &rng) { population[$0].fitness }
}

/// The same over a population's fitnesses alone (the GA keeps them in their own array).
@inline(__always)
func tournamentWinner(_ fitnesses: [Double], fraction: Double, rng: inout Xoshiro256StarStar) -> Int {
    tournamentWinner(count: fitnesses.count, fraction: fraction, rng: &rng) { fitnesses[$0] }
}

@inline(__always)
private func tournamentWinner(count: Int, fraction: Double, rng: inout Xoshiro256StarStar, fitness: (Int) -> Double) -> Int {
    let k = max(1, Int(fraction * Double(count)))
    var best = rng.nextInt(below: count)
    for _ in 0..<(k - 1) {
        let challenger = rng.nextInt(below: count)
        if fitness(challenger) > fitness(best) { best = challenger }
    }
    return best
}

import NASCore

/// pymoo's binary `TournamentSelection` with any comparison: the contestants are drawn as
/// NSGA-II's tournament draws them, and `winner` decides each row.
///
/// ```swift
/// // NSGA-III's comp_by_cv_then_random without constraints: a fair coin per row.
/// let parents = PymooTournament.winners(matings: 25, populationSize: 50, using: &rng) { a, b, rng in
///     rng.nextUnit() < 0.5 ? a : b
/// }
/// ```
///
/// pymoo 0.6.2 `TournamentSelection._do` (`pymoo/operators/selection/tournament.py`): the
/// first `4m` entries of as many random permutations of the population as needed, read as
/// rows `(a, b)`, are all drawn before any comparison; mating i takes the winners of rows
/// 2i and 2i+1. `BinaryTournament` is the same draw with NSGA-II's comparison.
///
/// - Complexity: O(m) plus `4m` bounded integer draws and the comparisons.
public enum PymooTournament {
    /// The `2 × matings` parent indices.
    ///
    /// - Precondition: `populationSize > 0`.
    public static func winners(matings: Int, populationSize: Int, using rng: inout Xoshiro256StarStar,
                               winner: (_ a: Int, _ b: Int, _ rng: inout Xoshiro256StarStar) -> Int) -> [Int] {
        precondition(populationSize > 0, "a tournament needs a population")
        let contestants = BinaryTournament.permutationPrefix(count: 4 * matings, populationSize: populationSize, using: &rng)
        var winners = [Int](repeating: 0, count: 2 * matings)
        for t in 0..<(2 * matings) {
            winners[t] = winner(contestants[2 * t], contestants[2 * t + 1], &rng)
        }
        return winners
    }
}

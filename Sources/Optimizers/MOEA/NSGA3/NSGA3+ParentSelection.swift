import NASCore

extension NSGA3.ParentSelection {
    /// The winner of one tournament row `(a, b)` of the current population.
    ///
    /// * `.random` — pymoo `comp_by_cv_then_random`: `random_state.choice([a, b])`.
    /// * `.nicheTournament` — pymoo `comp_by_rank_and_ref_line_dist` (MOEA.md, "U-NSGA-III
    ///   tournament"): in the same niche the lower rank wins, at equal rank the smaller
    ///   distance to the niche; still undecided (equal distance) or different niches, a coin.
    public func winner(_ a: Int, _ b: Int, of population: NSGA3.Population,
                       using rng: inout Xoshiro256StarStar) -> Int {
        if self == .nicheTournament, population.niche[a] == population.niche[b] {
            if population.rank[a] < population.rank[b] { return a }
            if population.rank[a] > population.rank[b] { return b }
            if population.distanceToNiche[a] < population.distanceToNiche[b] { return a }
            if population.distanceToNiche[a] > population.distanceToNiche[b] { return b }
        }
        return rng.nextUnit() < 0.5 ? a : b
    }
}

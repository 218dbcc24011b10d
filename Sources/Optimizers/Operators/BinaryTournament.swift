import NASCore

/// NSGA-II parent selection: binary tournaments decided by Pareto dominance, then crowding.
///
/// ```swift
/// var rng = Xoshiro256StarStar(seed: 9)
/// let parents = BinaryTournament().select(matings: 25, objectives: F, crowding: cd, using: &rng)
/// // mating i is (parents[2i], parents[2i + 1])
/// ```
///
/// pymoo 0.6.2 `TournamentSelection(func_comp=binary_tournament)`
/// (`pymoo/operators/selection/tournament.py`, `pymoo/algorithms/moo/nsga2.py`;
/// PYMOO-NSGA2.md §3):
/// * the contestants are the first `4m` entries of as many independent random
///   permutations of the population as needed, read as rows `(a, b)`; with an even
///   population of `2m` every individual fights exactly twice. A row that spans two
///   permutations can pit an individual against itself;
/// * `a` wins if its objectives dominate `b`'s (computed from F, not the stored rank), and
///   vice versa; otherwise the larger stored crowding wins; otherwise (equal crowding,
///   `inf == inf` included) a fair coin decides;
/// * mating i takes the winners of rows 2i and 2i+1, which may be the same individual.
///
/// - Complexity: O(m M) plus `4m` bounded integer draws.
public struct BinaryTournament: Sendable, Hashable {
    public init() {}

    /// The `2 × matings` parent indices.
    ///
    /// - Parameters:
    ///   - objectives: minimised objective vectors of the population.
    ///   - crowding: each individual's crowding from the last survival.
    /// - Precondition: the population is not empty.
    public func select(matings: Int, objectives: [[Double]], crowding: [Double],
                       using rng: inout Xoshiro256StarStar) -> [Int] {
        let n = objectives.count
        precondition(n > 0, "a tournament needs a population")
        let contestants = Self.permutationPrefix(count: 4 * matings, populationSize: n, using: &rng)
        var winners = [Int](repeating: 0, count: 2 * matings)
        for t in 0..<(2 * matings) {
            winners[t] = Self.winner(contestants[2 * t], contestants[2 * t + 1],
                                     objectives: objectives, crowding: crowding, using: &rng)
        }
        return winners
    }

    /// pymoo's `binary_tournament` for one row (the CV branch never fires: no constraints).
    public static func winner(_ a: Int, _ b: Int, objectives: [[Double]], crowding: [Double],
                              using rng: inout Xoshiro256StarStar) -> Int {
        switch relation(objectives[a], objectives[b]) {
        case 1: return a
        case -1: return b
        default: break
        }
        if crowding[a] > crowding[b] { return a }
        if crowding[a] < crowding[b] { return b }
        return rng.nextUnit() < 0.5 ? a : b
    }

    /// pymoo `Dominator.get_relation`: 1 if `a` dominates, −1 if `b` dominates, else 0.
    @inline(__always)
    static func relation(_ a: [Double], _ b: [Double]) -> Int {
        var aBetter = false, bBetter = false
        for j in a.indices {
            if a[j] < b[j] { aBetter = true } else if a[j] > b[j] { bBetter = true }
        }
        if aBetter && !bBetter { return 1 }
        if bBetter && !aBetter { return -1 }
        return 0
    }

    /// The first `count` entries of a concatenation of independent uniform permutations of
    /// `0..<populationSize` (pymoo `random_permuations`). The last permutation is only drawn
    /// as far as needed: a forward Fisher–Yates prefix is itself uniform.
    static func permutationPrefix(count: Int, populationSize n: Int,
                                  using rng: inout Xoshiro256StarStar) -> [Int] {
        var out = [Int]()
        out.reserveCapacity(count)
        var perm = Array(0..<n)
        while out.count < count {
            let take = min(n, count - out.count)
            for i in 0..<take {
                perm.swapAt(i, i + rng.nextInt(below: n - i))
                out.append(perm[i])
            }
        }
        return out
    }
}

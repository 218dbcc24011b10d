/// The Riesz s-energy directions pymoo 0.6.2 returns, as data.
///
/// ```swift
/// let dirs = PymooEnergyDirections.directions(dimensions: 3, points: 20)!   // U-NSGA-III, C-TAEA, MOEA/D
/// ```
///
/// pymoo computes `get_reference_directions("energy", M, N, seed=s)` from numpy's random start
/// and an iterative optimiser (`RieszEnergyDirections` ports the algorithm); that cannot be
/// re-run bit for bit, so the arrays DyNAS-T needs are stored here
/// (`PymooEnergyDirections+Tables.swift`). MOEA.md `ref_dirs`, ALGORITHMS.md L.3.
///
/// **pymoo ignores the seed.** `get_reference_directions` hands `seed` to the factory's
/// constructor, which drops it, and `do()` then uses its default `seed=1`. Every seed gives
/// the same array, so DyNAS-T's MOEA/D, which passes its run seed, gets the same 20
/// directions as U-NSGA-III and C-TAEA in every run.
public enum PymooEnergyDirections {
    struct Key: Hashable {
        var dimensions: Int
        var points: Int
    }

    /// pymoo's array for (`dimensions`, `points`), whatever the seed, or nil if it is not stored.
    ///
    /// - Complexity: O(1) (the tables are built once).
    public static func directions(dimensions: Int, points: Int) -> [[Double]]? {
        tables[Key(dimensions: dimensions, points: points)]
    }

    /// The (dimensions, points) pairs stored.
    public static var available: [(dimensions: Int, points: Int)] {
        tables.keys.map { ($0.dimensions, $0.points) }.sorted { ($0.dimensions, $0.points) < ($1.dimensions, $1.points) }
    }
}

import NASCore
import SearchSpaces

/// pymoo's single-objective `GA` as DyNAS-T configures it (ALGORITHMS.md L.3): integer
/// random sampling, SBX(0.9, 15) and PM(0.02, 20) with rounding repair, duplicate
/// elimination, binary tournament on fitness (ties by a fair coin) and `FitnessSurvival`.
///
/// ```swift
/// let ga = PymooGA(population: 50)
/// let final = ga.evolve(bounds: space.geneBounds, generations: 400, using: &rng) { batch in predict(batch) }
/// ```
///
/// It shares NSGA-II's operators and generation loop; only survival differs, and with
/// one objective NSGA-II's dominance-then-crowding tournament reduces to pymoo GA's
/// fitness comparison when every crowding distance is equal.
public struct PymooGA: Sendable {
    public var core: NSGA2

    public init(population: Int = 50, variant: NSGA2.Variant = .pymoo062,
                mutationSemantics: PolynomialMutation.Semantics? = nil) {
        core = NSGA2(population: population, variant: variant, mutationSemantics: mutationSemantics)
        core.survival = .fitness
    }

    /// Runs `generations` generations on the first objective; returns the final population.
    public func evolve(bounds: [ClosedRange<Int>], generations: Int, using rng: inout Xoshiro256StarStar,
                       initial: [[Int]]? = nil, objectives: ([[Int]]) -> [[Double]]) -> NSGA2.Population {
        core.evolve(bounds: bounds, generations: generations, using: &rng, initial: initial) { batch in
            objectives(batch).map { [$0[0]] }
        }
    }
}

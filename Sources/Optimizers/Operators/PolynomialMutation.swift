import Foundation
import NASCore

/// Polynomial mutation (PM) on integer genes through pymoo's float path, with both of
/// pymoo's meanings of `prob`.
///
/// ```swift
/// let pm = PolynomialMutation(semantics: .pymoo06)      // prob 0.02, eta 20
/// var genes = [2, 0, 4]
/// pm.mutate(&genes, bounds: bounds, using: &rng)
/// ```
///
/// Deb & Goyal 1996 ("A combined genetic adaptive search (GeneAS) for engineering design"),
/// as pymoo implements it (`pymoo/operators/mutation/pm.py`, `pymoo/core/mutation.py`;
/// PYMOO-NSGA2.md §5, §9; ALGORITHMS.md L.3):
/// * `pymoo06` (pymoo 0.6.x, DyNAS-T 1.6.0): `probability` gates each *individual*
///   (`U <= prob`); a gated individual then draws each gene with
///   `variableProbability` (default `min(0.5, 1/n)`). `at_least_once` is false, so a gated
///   individual may change nothing. Per child, P(some gene drawn) =
///   `prob × (1 − (1 − pv)^n')` over the n' non-degenerate genes.
/// * `pymoo05` (pymoo 0.5.0, DyNAS-T ≤ 0.3): `probability` is *per gene*, every child,
///   no individual gate: about 45× stronger at prob 0.02 on 45 genes.
///
/// The step uses the bound-aware polynomial distribution, is clamped to the bounds (pymoo
/// clamps twice; once suffices), and `RoundingRepair` makes it an integer. With eta 20 the
/// step is usually under half an option, so rounding often restores the gene.
///
/// - Complexity: O(n) per child (O(1) for an ungated child under `pymoo06`).
public struct PolynomialMutation: Sendable, Hashable {
    public enum Semantics: String, Sendable, CaseIterable {
        case pymoo06 = "pymoo-0.6"
        case pymoo05 = "pymoo-0.5"
    }

    /// pymoo's `prob`; its meaning depends on `semantics`.
    public var probability: Double
    public var eta: Double
    public var semantics: Semantics
    /// `prob_var` for `pymoo06`; nil means pymoo's default `min(0.5, 1/n)`.
    public var variableProbability: Double?
    public var repair: RoundingRepair

    public init(probability: Double = 0.02, eta: Double = 20, semantics: Semantics = .pymoo06,
                variableProbability: Double? = nil, repair: RoundingRepair = RoundingRepair()) {
        self.probability = probability
        self.eta = eta
        self.semantics = semantics
        self.variableProbability = variableProbability
        self.repair = repair
    }

    /// The per-gene draw probability of a gated individual under `pymoo06`.
    public func geneProbability(genes n: Int) -> Double {
        variableProbability ?? min(0.5, 1 / Double(max(1, n)))
    }

    /// Mutates `genes` in place.
    ///
    /// - Returns: how many genes were drawn for mutation (whether or not rounding restored
    ///   them); tests use it to pin the two probability semantics exactly.
    @discardableResult
    public func mutate(_ genes: inout [Int], bounds: GeneBounds, using rng: inout Xoshiro256StarStar) -> Int {
        let perGene: Double
        switch semantics {
        case .pymoo06:
            // Mutation.do: `random(n) <= prob` picks the individuals handed to PM.
            guard rng.nextUnit() <= probability else { return 0 }
            perGene = geneProbability(genes: bounds.count)
        case .pymoo05:
            perGene = probability
        }
        let index = DistributionIndex(eta)
        var drawn = 0
        for k in 0..<bounds.count {
            let (xl, xu) = repair.operatorBounds(lower: bounds.lower[k], upper: bounds.upper[k])
            guard rng.nextUnit() < perGene, xl != xu else { continue }
            drawn += 1
            let x = Double(genes[k]), span = xu - xl
            let r = rng.nextUnit()
            let dq: Double
            if r <= 0.5 {
                let d1 = (x - xl) / span
                dq = index.root(2 * r + (1 - 2 * r) * index.power(1 - d1)) - 1
            } else {
                let d2 = (xu - x) / span
                dq = 1 - index.root(2 * (1 - r) + 2 * (r - 0.5) * index.power(1 - d2))
            }
            let y = min(max(x + dq * span, xl), xu)
            genes[k] = repair.repair(y, lower: bounds.lower[k], upper: bounds.upper[k])
        }
        return drawn
    }
}

import Foundation
import NASCore

/// Simulated binary crossover (SBX) on integer genes through pymoo's float path.
///
/// ```swift
/// let sbx = SimulatedBinaryCrossover()                  // pymoo 0.6.2: prob 0.9, eta 15
/// var rng = Xoshiro256StarStar(seed: 3)
/// let (a, b) = sbx.cross([0, 4, 2], [4, 0, 2], bounds: bounds, using: &rng)
/// ```
///
/// Deb & Agrawal 1995 ("Simulated binary crossover for continuous search space", Complex
/// Systems 9), as pymoo 0.6.2 implements it (`pymoo/operators/crossover/sbx.py`,
/// `pymoo/core/crossover.py`; PYMOO-NSGA2.md §4). Per mating:
/// * with probability `1 − probability` the children are exact copies of the parents;
/// * otherwise one exchange draw per mating keeps `binomialProbability` (else sets it to 0)
///   with probability `exchangeProbability` (1.0 in pymoo ≥ 0.6.1.3, 0.5 in 0.6.0.x);
/// * each gene is crossed with probability `variableProbability` when the parents differ
///   (integer parents that differ imply non-degenerate bounds; no draw is spent on equal
///   genes, whose outcome pymoo's draw cannot change); one uniform `u` serves both children's spread
///   factors, and kid 1 takes the upper-side value with probability `pbin` (the net effect
///   of pymoo's parent-matching XOR, §4);
/// * children are clamped to the bounds, then `RoundingRepair` makes them integers.
///
/// - Complexity: O(n) per mating; two powers and two roots of η per crossed gene
///   (`DistributionIndex`).
public struct SimulatedBinaryCrossover: Sendable, Hashable {
    /// Probability that a mating is crossed at all (pymoo's `prob`).
    public var probability: Double
    /// Distribution index: larger values keep children closer to their parents.
    public var eta: Double
    /// Probability that a gene of a crossed mating is crossed (`prob_var`).
    public var variableProbability: Double
    /// Probability that a crossed mating may swap lower and upper values (`prob_exch`).
    public var exchangeProbability: Double
    /// Probability that kid 1 takes the upper-side value of a crossed gene (`prob_bin`).
    public var binomialProbability: Double
    public var repair: RoundingRepair

    public init(probability: Double = 0.9, eta: Double = 15, variableProbability: Double = 0.5,
                exchangeProbability: Double = 1.0, binomialProbability: Double = 0.5,
                repair: RoundingRepair = RoundingRepair()) {
        self.probability = probability
        self.eta = eta
        self.variableProbability = variableProbability
        self.exchangeProbability = exchangeProbability
        self.binomialProbability = binomialProbability
        self.repair = repair
    }

    /// The two children of one mating, rounded to integer options.
    public func cross(_ p1: [Int], _ p2: [Int], bounds: GeneBounds,
                      using rng: inout Xoshiro256StarStar) -> ([Int], [Int]) {
        // Crossover happens iff U < prob (pymoo/core/crossover.py); otherwise copies.
        guard rng.nextUnit() < probability else { return (p1, p2) }
        // `rand > prob_exch` zeroes prob_bin for the whole mating.
        let pbin = rng.nextUnit() > exchangeProbability ? 0 : binomialProbability
        let index = DistributionIndex(eta)
        var c1 = p1, c2 = p2
        for k in 0..<bounds.count {
            let a = p1[k], b = p2[k]
            // Integer parents are "too close" (|p1 − p2| <= 1e-14) exactly when equal, and
            // then pymoo's per-gene draw cannot matter: skip it. Unequal genes imply xl < xu.
            guard a != b, rng.nextUnit() < variableProbability else { continue }
            let lower = bounds.lower[k], upper = bounds.upper[k]
            let (xl, xu) = repair.operatorBounds(lower: lower, upper: upper)
            let y1 = Double(min(a, b)), y2 = Double(max(a, b)), d = y2 - y1
            let u = rng.nextUnit()
            let lowSide = 0.5 * ((y1 + y2) - spread(1 + 2 * (y1 - xl) / d, u, index) * d)
            let highSide = 0.5 * ((y1 + y2) + spread(1 + 2 * (xu - y2) / d, u, index) * d)
            var v1 = lowSide, v2 = highSide
            if rng.nextUnit() < pbin { swap(&v1, &v2) }
            c1[k] = repair.repair(min(max(v1, xl), xu), lower: lower, upper: upper)
            c2[k] = repair.repair(min(max(v2, xl), xu), lower: lower, upper: upper)
        }
        return (c1, c2)
    }

    /// pymoo's `betaq`: the spread factor for the bound-aware polynomial distribution (the
    /// integer and the float-gene paths share it).
    @inline(__always)
    func spread(_ beta: Double, _ u: Double, _ index: DistributionIndex) -> Double {
        let alpha = 2 - 1 / index.power(beta)
        if u <= 1 / alpha { return index.root(u * alpha) }
        return index.root(1 / (2 - u * alpha))
    }

    /// Children of all matings in pymoo's order: the first children of matings 1…m, then
    /// the second children of matings 1…m (`pymoo/core/crossover.py` flattens kid-major).
    ///
    /// - Parameter parents: `2m` indices into `population`; mating i is
    ///   `(parents[2i], parents[2i + 1])`.
    /// - Complexity: O(m n)
    public func offspring(parents: [Int], population: [[Int]], bounds: GeneBounds,
                          using rng: inout Xoshiro256StarStar) -> [[Int]] {
        let matings = parents.count / 2
        var kids = [[Int]](repeating: [], count: 2 * matings)
        for i in 0..<matings {
            let (a, b) = cross(population[parents[2 * i]], population[parents[2 * i + 1]],
                               bounds: bounds, using: &rng)
            kids[i] = a
            kids[matings + i] = b
        }
        return kids
    }
}

import NASCore

/// The initial population: each gene an independent random option.
///
/// ```swift
/// var rng = Xoshiro256StarStar(seed: 1)
/// let genomes = IntegerRandomSampling().sample(50, bounds: GeneBounds(space.geneBounds), using: &rng)
/// ```
///
/// pymoo `IntegerRandomSampling` (`pymoo/operators/sampling/rnd.py`; PYMOO-NSGA2.md §1, §9):
/// * `uniformInteger` (pymoo 0.6.1.3 and later, the default): a uniform integer in
///   `{xl, …, xu}`, every option equally likely;
/// * `roundedUniform` (pymoo 0.6.0 / 0.6.0.1): a uniform float in `[xl, xu]` rounded half
///   to even, so the two end options are drawn half as often as the interior ones.
///
/// Duplicates are not removed here; NSGA-II's initialisation does that (§2.1).
///
/// - Complexity: O(count × n) draws.
public struct IntegerRandomSampling: Sendable, Hashable {
    public enum Variant: String, Sendable, CaseIterable {
        case uniformInteger = "uniform-integer"
        case roundedUniform = "rounded-uniform"
    }

    public var variant: Variant

    public init(variant: Variant = .uniformInteger) { self.variant = variant }

    /// `count` genomes, sample-major, genes in order.
    public func sample(_ count: Int, bounds: GeneBounds, using rng: inout Xoshiro256StarStar) -> [[Int]] {
        (0..<count).map { _ in sampleOne(bounds: bounds, using: &rng) }
    }

    public func sampleOne(bounds: GeneBounds, using rng: inout Xoshiro256StarStar) -> [Int] {
        var genes = [Int](repeating: 0, count: bounds.count)
        for k in 0..<bounds.count {
            let lo = bounds.lower[k], hi = bounds.upper[k]
            switch variant {
            case .uniformInteger:
                genes[k] = lo + rng.nextInt(below: hi - lo + 1)
            case .roundedUniform:
                let x = Double(lo) + rng.nextUnit() * Double(hi - lo)
                genes[k] = min(hi, max(lo, Int(x.rounded(.toNearestOrEven))))
            }
        }
        return genes
    }
}

/// NSGA-III's running estimate of the ideal and nadir points, from the hyperplane through
/// the extreme points.
///
/// ```swift
/// var norm = HyperplaneNormalization(dimensions: 3)
/// norm.update(objectives: merged, nonDominated: fronts[0])
/// // norm.idealPoint, norm.nadirPoint now scale the population for niche association
/// ```
///
/// Deb & Jain 2014 ("An evolutionary many-objective optimization algorithm using
/// reference-point-based nondominated sorting approach, part I", IEEE TEC 18(4)), as pymoo
/// 0.6.2 `HyperplaneNormalization` (`pymoo/algorithms/moo/nsga3.py`) does it. The object
/// **keeps state between generations**: the ideal and worst points only ever improve, and
/// the previous extreme points stay candidates. MOEA.md `nsga3_survival`.
///
/// One `update`:
/// 1. `ideal = min(ideal, F)`, `worst = max(worst, F)` over the whole population.
/// 2. Extreme points among `[previous extremes; F[nonDominated]]`: shift by the ideal point,
///    set entries below 1e-3 to 0, and for axis i take the first candidate minimising
///    `max_j F_j · w_ij`, with `w = I` whose zeros are 1e6 (pymoo's `get_extreme_points_c`
///    multiplies by 1e6, i.e. divides by an ASF weight of 1e-6; MOEA.md's summary reads "zeros
///    replaced by 1e-6" with a product, but the oracle's extreme points need the 1e6 product).
/// 3. Intercepts from `(extremes − ideal) h = 1`: `nadir = ideal + 1/h`, clipped to `worst`.
///    Fall back to the worst of the non-dominated points when the solve is singular, when
///    `numpy.allclose(M h, 1)` fails (|Mh − 1| ≤ 1e-8 + 1e-5), or when an intercept is ≤ 1e-6.
/// 4. Every axis whose range `nadir − ideal` is ≤ 1e-6 takes the worst of the population.
public struct HyperplaneNormalization: Sendable, Equatable {
    /// The best value seen on each objective, over every update (+inf before the first).
    public private(set) var idealPoint: [Double]
    /// The worst value seen on each objective, over every update (−inf before the first).
    public private(set) var worstPoint: [Double]
    /// One extreme point per objective (rows are objective vectors); nil before the first update.
    public private(set) var extremePoints: [[Double]]?
    /// The nadir estimate of the last update; nil before the first.
    public private(set) var nadirPoint: [Double]?
    /// Whether the last update fell back to the worst of the non-dominated points.
    public private(set) var usedWorstOfFront = false
    /// The axes the last update set to the worst of the population (range ≤ 1e-6).
    public private(set) var axesSetToWorstOfPopulation: [Int] = []

    public init(dimensions: Int) {
        idealPoint = [Double](repeating: .infinity, count: dimensions)
        worstPoint = [Double](repeating: -.infinity, count: dimensions)
    }

    /// Folds one population into the estimate.
    ///
    /// - Parameters:
    ///   - objectives: the population's objective vectors (minimised).
    ///   - nonDominated: indices of its non-dominated points; nil means all (pymoo's `nds=None`).
    /// - Precondition: `objectives` is not empty and every vector has `dimensions` entries.
    /// - Complexity: O(n M + (e + k) M²) for k non-dominated and e previous extreme points.
    public mutating func update(objectives: [[Double]], nonDominated: [Int]? = nil) {
        let m = idealPoint.count
        precondition(!objectives.isEmpty && objectives.allSatisfy { $0.count == m },
                     "normalisation needs a non-empty population of \(m)-objective vectors")
        for f in objectives {
            for j in 0..<m {
                idealPoint[j] = min(idealPoint[j], f[j])
                worstPoint[j] = max(worstPoint[j], f[j])
            }
        }
        let front = (nonDominated ?? Array(objectives.indices)).map { objectives[$0] }
        let extremes = Self.extremePoints(candidates: (extremePoints ?? []) + front, idealPoint: idealPoint)
        extremePoints = extremes

        let worstOfPopulation = (0..<m).map { j in objectives.map { $0[j] }.max()! }
        let worstOfFront = (0..<m).map { j in front.map { $0[j] }.max()! }
        var nadir: [Double]
        if let intercepts = Self.intercepts(extremes: extremes, idealPoint: idealPoint) {
            nadir = (0..<m).map { min(idealPoint[$0] + intercepts[$0], worstPoint[$0]) }
            usedWorstOfFront = false
        } else {
            nadir = worstOfFront
            usedWorstOfFront = true
        }
        axesSetToWorstOfPopulation = (0..<m).filter { nadir[$0] - idealPoint[$0] <= 1e-6 }
        for j in axesSetToWorstOfPopulation { nadir[j] = worstOfPopulation[j] }
        nadirPoint = nadir
    }

    /// pymoo's `get_extreme_points_c`.
    static func extremePoints(candidates: [[Double]], idealPoint: [Double]) -> [[Double]] {
        let m = idealPoint.count
        let shifted = candidates.map { f in
            (0..<m).map { j -> Double in
                let v = f[j] - idealPoint[j]
                return v < 1e-3 ? 0 : v
            }
        }
        return (0..<m).map { axis in
            var best = 0, bestValue = Double.infinity
            for (k, f) in shifted.enumerated() {
                var asf = -Double.infinity
                for j in 0..<m { asf = max(asf, f[j] * (j == axis ? 1 : 1e6)) }
                if k == 0 || asf < bestValue { best = k; bestValue = asf }
            }
            return candidates[best]
        }
    }

    /// pymoo's `get_nadir_point` up to its `LinAlgError`: the intercepts 1/h, or nil where
    /// pymoo falls back to the worst of the front.
    static func intercepts(extremes: [[Double]], idealPoint: [Double]) -> [Double]? {
        let m = idealPoint.count
        let matrix = extremes.map { e in (0..<m).map { e[$0] - idealPoint[$0] } }
        let ones = [Double](repeating: 1, count: m)
        guard let plane = LinearSystem.solve(matrix, ones) else { return nil }
        let intercepts = plane.map { 1 / $0 }
        for row in matrix {
            var dot = 0.0
            for j in 0..<m { dot += row[j] * plane[j] }
            // numpy.allclose(M h, 1): |a − 1| <= 1e-8 + 1e-5·1, false for nan.
            if !(abs(dot - 1) <= 1e-8 + 1e-5) { return nil }
        }
        if intercepts.contains(where: { $0 <= 1e-6 }) { return nil }
        return intercepts
    }
}

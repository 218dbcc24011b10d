import Foundation
import NASCore

/// Riesz s-energy reference directions computed by our own port of pymoo's optimiser.
///
/// ```swift
/// var rng = Xoshiro256StarStar(seed: 3)
/// let dirs = RieszEnergyDirections.generate(dimensions: 3, points: 24, using: &rng)
/// // 24 rows on the unit simplex, spread to minimise Σ 1/‖xᵢ − xⱼ‖^(2M)
/// ```
///
/// Blank, Deb, Dhebar, Bandaru & Seada 2021 ("Generating well-spaced points on a unit simplex
/// for evolutionary many-objective optimization", IEEE TEC 25(1)), following pymoo 0.6.2
/// `RieszEnergyReferenceDirectionFactory` (`pymoo/util/ref_dirs/energy.py`) with its defaults:
/// s = 2M, a reduction start (`ReductionSampling`), Adam (α = 0.005) on the
/// log-energy, gradients projected onto the plane Σx = 0 and scaled by the largest row
/// norm, points projected back onto the simplex, at most 1000 iterations, stop when the mean
/// move is below 1e-5, halve α after 30 iterations without improvement. MOEA.md `ref_dirs`.
///
/// The random start comes from our generator, not numpy's PCG64, so the result is not
/// pymoo's array; where pymoo's array is needed use `PymooEnergyDirections` (or
/// `energy(dimensions:points:using:)`, which prefers it).
public enum RieszEnergyDirections {
    /// pymoo's array when `PymooEnergyDirections` stores one (pymoo ignores the seed), else
    /// `generate(dimensions:points:using:)`. The generator is not drawn from when the table
    /// answers.
    public static func energy<G: RandomNumberGenerator>(
        dimensions: Int, points: Int, using rng: inout G
    ) -> [[Double]] {
        if let stored = PymooEnergyDirections.directions(dimensions: dimensions, points: points) {
            return stored
        }
        return generate(dimensions: dimensions, points: points, using: &rng)
    }

    /// Optimises `points` directions in `dimensions` objectives from a random start.
    ///
    /// Rows are sorted lexicographically ascending, as pymoo's factory does.
    ///
    /// - Precondition: `dimensions >= 1`, `points >= 1`.
    /// - Complexity: O(S·n·M·k) for the k-means start on S = 10 000 samples, plus O(n²·M) per
    ///   optimiser iteration (at most 1000).
    public static func generate<G: RandomNumberGenerator>(
        dimensions: Int, points: Int, using rng: inout G
    ) -> [[Double]] {
        precondition(dimensions >= 1 && points >= 1, "energy directions need dimensions and points")
        if dimensions == 1 { return [[1.0]] }
        let start = ReductionSampling.sample(dimensions: dimensions, points: points, using: &rng)
        let optimised = minimiseEnergy(start, exponent: Double(2 * dimensions))
        return lexicographicallySorted(optimised)
    }

    /// pymoo's `_solve` without frozen points: Adam steps on the Riesz s-energy.
    ///
    /// pymoo quirk kept: the best iterate is stored as the *post-step* points together with
    /// the energy of the *pre-step* points (`_step` returns the new X and the old objective).
    static func minimiseEnergy(_ start: [[Double]], exponent d: Double,
                               maxIterations: Int = 1000, precision: Double = 1e-5,
                               iterationsUntilReset: Int = 30) -> [[Double]] {
        var x = start
        var best = start, bestEnergy = Double.infinity
        var notImproved = 0
        var adam = Adam(alpha: 0.005)
        for _ in 0..<maxIterations {
            let (energy, gradient) = logEnergyAndGradient(x, exponent: d)
            var step = gradient.map(projectOntoSumZeroPlane)
            let largest = step.map { $0.reduce(0) { $0 + $1 * $1 }.squareRoot() }.max() ?? 0
            let scale = max(largest, 1e-24)
            step = step.map { $0.map { $0 / scale } }
            var next = adam.step(x, gradient: step)
            for i in next.indices {
                if next[i].contains(where: { $0 < 0 }) { next[i] = projectOntoUnitSimplex(next[i]) }
                let sum = next[i].reduce(0, +)
                next[i] = next[i].map { $0 / sum }
            }
            if energy < bestEnergy {
                best = next; bestEnergy = energy; notImproved = 0
            } else {
                notImproved += 1
            }
            var moved = 0.0
            for i in x.indices {
                var rowMove = 0.0
                for j in x[i].indices { rowMove += abs(next[i][j] - x[i][j]) }
                moved += rowMove / Double(x[i].count)
            }
            moved /= Double(x.count)
            if moved < precision || energy.isNaN { break }
            if notImproved > iterationsUntilReset {
                adam = Adam(alpha: adam.alpha / 2)
                next = best
                notImproved = 0
            }
            x = next
        }
        return best
    }

    /// log(mean over pairs of 1/‖xᵢ − xⱼ‖^d) and its gradient with respect to each point,
    /// as pymoo's `calc_potential_energy_with_grad` (distances clipped below 10^(−320/(d+2))).
    static func logEnergyAndGradient(_ x: [[Double]], exponent d: Double) -> (Double, [[Double]]) {
        let n = x.count, m = x.first?.count ?? 0
        let floor = pow(10.0, -320.0 / (d + 2))
        var energy = 0.0
        var gradient = [[Double]](repeating: [Double](repeating: 0, count: m), count: n)
        var pairs = 0
        for i in 0..<n {
            for j in 0..<n where j != i {
                var squared = 0.0
                for k in 0..<m { let t = x[i][k] - x[j][k]; squared += t * t }
                let dist = max(squared.squareRoot(), floor)
                let factor = -d / pow(dist, d + 2)
                for k in 0..<m { gradient[i][k] += factor * (x[i][k] - x[j][k]) }
                if j > i { energy += 1 / pow(dist, d); pairs += 1 }
            }
        }
        for i in 0..<n { for k in 0..<m { gradient[i][k] /= energy } }
        let logEnergy = pairs > 0 ? -log(Double(pairs)) + log(energy) : -.infinity
        return (logEnergy, gradient)
    }

    static func lexicographicallySorted(_ rows: [[Double]]) -> [[Double]] {
        rows.sorted { a, b in
            for (u, v) in zip(a, b) where u != v { return u < v }
            return false
        }
    }

    /// The Adam optimiser with pymoo's constants (`pymoo/util/ref_dirs/optimizer.py`).
    struct Adam {
        var alpha: Double
        let beta1 = 0.9, beta2 = 0.999, epsilon = 1e-8
        var m: [[Double]]? = nil, v: [[Double]]? = nil
        var t = 0

        init(alpha: Double) { self.alpha = alpha }

        mutating func step(_ x: [[Double]], gradient g: [[Double]]) -> [[Double]] {
            t += 1
            let zero = g.map { $0.map { _ in 0.0 } }
            var m = self.m ?? zero, v = self.v ?? zero
            let c1 = 1 - pow(beta1, Double(t)), c2 = 1 - pow(beta2, Double(t))
            var out = x
            for i in x.indices {
                for j in x[i].indices {
                    m[i][j] = beta1 * m[i][j] + (1 - beta1) * g[i][j]
                    v[i][j] = beta2 * v[i][j] + (1 - beta2) * (g[i][j] * g[i][j])
                    out[i][j] = x[i][j] - (alpha * (m[i][j] / c1)) / ((v[i][j] / c2).squareRoot() + epsilon)
                }
            }
            self.m = m; self.v = v
            return out
        }
    }
}

// MARK: - Simplex projections (pymoo/util/ref_dirs/misc.py)

/// Removes the component along (1, …, 1): the result sums to zero.
func projectOntoSumZeroPlane(_ y: [Double]) -> [Double] {
    let mean = y.reduce(0, +) / Double(y.count)
    return y.map { $0 - mean }
}

/// Orthogonal projection onto the plane Σx = 1.
func projectOntoSumOnePlane(_ y: [Double]) -> [Double] {
    let shift = (y.reduce(0, +) - 1) / Double(y.count)
    return y.map { $0 - shift }
}

/// pymoo's `project_onto_unit_simplex_recursive` for one point: zero the negative
/// coordinates, project the positive ones onto Σx = 1, repeat until none is negative.
func projectOntoUnitSimplex(_ point: [Double]) -> [Double] {
    var x = point
    while x.contains(where: { $0 < 0 }) {
        for j in x.indices where x[j] < 0 { x[j] = 0 }
        let positive = x.indices.filter { x[$0] > 0 }
        let projected = projectOntoSumOnePlane(positive.map { x[$0] })
        for (k, j) in positive.enumerated() { x[j] = projected[k] }
    }
    return x
}

import Foundation
import NASCore

/// A Parzen estimator over finite choices: a weighted mixture of kernels, each a product of
/// one probability vector per dimension (Optuna 5.1 `_ParzenEstimator` with
/// `_MixtureOfProductDistribution`, restricted to discrete domains).
///
/// ```swift
/// // l(x) of MOTPE for one categorical gene with 5 choices, from the below trials' choices:
/// let l = ParzenEstimator.categorical(observations: [[0], [3], [3]], choiceCounts: [5],
///                                     weights: [1, 1, 1])
/// var rng = Xoshiro256StarStar(seed: 1)
/// let candidates = l.sample(count: 24, using: &rng)
/// let scores = candidates.map { l.logDensity($0) }
/// ```
///
/// Bergstra et al. 2011 ("Algorithms for hyper-parameter optimization", NeurIPS) and
/// Watanabe 2023 ("Tree-structured Parzen estimator: understanding its algorithm components
/// and their roles", arXiv:2304.11127), as `optuna/samplers/_tpe/parzen_estimator.py` and
/// `probability_distributions.py` of Optuna 5.1.0. The kernels are the observations' in
/// order, then the prior; the mixture weights are the given observation weights with
/// `priorWeight` appended, normalised.
///
/// A univariate estimator (MOTPE's default, Optuna `multivariate=False`) has one dimension;
/// Optuna's multivariate TPE has one per gene and shares the kernel index across them.
public struct ParzenEstimator: Sendable, Equatable {
    /// Normalised mixture weights, one per kernel (the last is the prior's).
    public private(set) var weights: [Double]
    /// `kernels[d][k]`: kernel k's probability of each choice of dimension d (sums to 1).
    public private(set) var kernels: [[[Double]]]

    /// - Precondition: every kernel row is a probability vector over its dimension's
    ///   choices, every dimension has `weights.count` kernels, and the weights are
    ///   non-negative with a positive sum.
    public init(weights: [Double], kernels: [[[Double]]]) {
        let total = weights.reduce(0, +)
        precondition(total > 0 && weights.allSatisfy { $0 >= 0 }, "mixture weights must be non-negative with a positive sum")
        precondition(kernels.allSatisfy { $0.count == weights.count }, "one kernel row per weight in every dimension")
        self.weights = weights.map { $0 / total }
        self.kernels = kernels
    }

    /// Mixture weights as Optuna forms them: the observation weights (or 1 for the lone
    /// prior when there is no observation) with `priorWeight` appended.
    static func mixtureWeights(_ observationWeights: [Double], priorWeight: Double) -> [Double] {
        observationWeights.isEmpty ? [1] : observationWeights + [priorWeight]
    }

    // MARK: Sampling and density

    /// `count` draws from the mixture: first every draw's kernel (numpy
    /// `rng.choice(len(w), p=w, size=count)`), then each dimension's choice from its kernel's
    /// row (a uniform quantile against the row's cumulative sums), dimension by dimension.
    ///
    /// - Complexity: O(count · (K + Σ choices)) for K kernels.
    public func sample(count: Int, using rng: inout Xoshiro256StarStar) -> [[Int]] {
        let kernelIndices = (0..<count).map { _ in Self.inverseCDF(weights, Double.random(in: 0..<1, using: &rng), strict: false) }
        var draws = [[Int]](repeating: [Int](repeating: 0, count: kernels.count), count: count)
        for d in kernels.indices {
            for i in 0..<count {
                let q = Double.random(in: 0..<1, using: &rng)
                draws[i][d] = Self.inverseCDF(kernels[d][kernelIndices[i]], q, strict: true)
            }
        }
        return draws
    }

    /// The index a uniform quantile selects from a probability vector. numpy's `choice`
    /// counts the cumulative sums `<= q` (`searchsorted(side="right")` on a cdf rescaled to
    /// end at 1); Optuna's categorical sampling counts those `< q` and pins the last sum to 1.
    static func inverseCDF(_ probabilities: [Double], _ q: Double, strict: Bool) -> Int {
        var cumulative = 0.0
        let total = strict ? 1.0 : probabilities.reduce(0, +)
        for (i, p) in probabilities.enumerated() {
            cumulative += p
            let c = i == probabilities.count - 1 ? total : cumulative
            if strict ? !(c < q * total) : !(c <= q * total) { return i }
        }
        return probabilities.count - 1
    }

    /// log of the mixture's probability of `x` (one choice per dimension), by log-sum-exp
    /// over the kernels as Optuna's `_MixtureOfProductDistribution.log_pdf`.
    ///
    /// - Complexity: O(K · dimensions).
    public func logDensity(_ x: [Int]) -> Double {
        precondition(x.count == kernels.count, "one choice per dimension")
        if kernels.count == 1 {
            // One dimension: the mixture's probability directly (the same value up to
            // rounding; Optuna's log-sum-exp guards products of many small factors).
            let row = kernels[0]
            var p = 0.0
            for k in weights.indices { p += weights[k] * row[k][x[0]] }
            return Foundation.log(p)
        }
        var terms = [Double](repeating: 0, count: weights.count)
        var largest = -Double.infinity
        for k in weights.indices {
            var t = Foundation.log(weights[k])
            for d in kernels.indices { t += Foundation.log(kernels[d][k][x[d]]) }
            terms[k] = t
            largest = max(largest, t)
        }
        if largest == -.infinity { return -.infinity }
        var sum = 0.0
        for t in terms { sum += exp(t - largest) }
        return Foundation.log(sum) + largest
    }
}

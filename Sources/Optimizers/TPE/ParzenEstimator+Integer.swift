import Foundation

extension ParzenEstimator {
    /// Optuna's estimator for an `IntDistribution(low, high)` (step 1, linear): a mixture of
    /// Gaussians truncated to `[low − ½, high + ½]` and discretised to the integers
    /// (`_calculate_numerical_distributions` with `_BatchedDiscreteTruncNormDistributions`).
    ///
    /// ```swift
    /// let l = ParzenEstimator.integer(observations: [[0], [3]], bounds: [0...4], weights: [1, 1])
    /// ```
    ///
    /// Each observation is a kernel's mean; its width is the larger gap to its sorted
    /// neighbours (the domain's ends count as neighbours; without `considerEndpoints`, the
    /// outermost kernels use their inner gap once there are two observations), clipped to
    /// `[range / min(100, n + 2), range]` under the magic clip (else `[1e-12, range]`). The
    /// prior is centred with the range as its width.
    ///
    /// Optuna samples a truncated normal and rounds it; a kernel's row here holds each
    /// integer's Gaussian mass over `[v − ½, v + ½]` divided by the truncation's mass, which
    /// is the distribution of that rounded draw and exactly the factor Optuna's `log_pdf`
    /// uses, so sampling a row by its quantile draws from the same distribution.
    ///
    /// - Parameter observations: one value per dimension for each observed trial, in trial
    ///   order; the estimator's choice `i` of dimension `d` is the value `bounds[d].lowerBound + i`.
    /// - Complexity: O(n log n + n · Σ choices).
    public static func integer(observations: [[Int]], bounds: [ClosedRange<Int>], weights: [Double],
                               priorWeight: Double = 1, considerMagicClip: Bool = true,
                               considerEndpoints: Bool = false, tieKeys: [Double]? = nil) -> ParzenEstimator {
        precondition(observations.count == weights.count, "one weight per observation")
        let kernels: [[[Double]]] = bounds.enumerated().map { d, range in
            let low = Double(range.lowerBound) - 0.5, high = Double(range.upperBound) + 0.5
            var mus = observations.map { Double($0[d]) }
            var sigmas = kernelWidths(mus, low: low, high: high, considerMagicClip: considerMagicClip,
                                      considerEndpoints: considerEndpoints, tieKeys: tieKeys)
            mus.append(0.5 * (low + high))
            sigmas.append(high - low)
            return zip(mus, sigmas).map { mu, sigma in
                let total = gaussianMass((low - mu) / sigma, (high - mu) / sigma)
                return range.map { v in
                    gaussianMass((Double(v) - 0.5 - mu) / sigma, (Double(v) + 0.5 - mu) / sigma) / total
                }
            }
        }
        return ParzenEstimator(weights: mixtureWeights(weights, priorWeight: priorWeight), kernels: kernels)
    }

    /// Optuna's `compute_sigmas`: neighbour gaps in sorted order (a stable sort; numpy's
    /// `argsort` may order equal means differently, which only swaps equal-mean kernels'
    /// widths), then the clip.
    static func kernelWidths(_ mus: [Double], low: Double, high: Double, considerMagicClip: Bool,
                             considerEndpoints: Bool, tieKeys: [Double]? = nil) -> [Double] {
        let n = mus.count
        guard n > 0 else { return [] }
        let order = mus.indices.sorted { a, b in
            if mus[a] != mus[b] { return mus[a] < mus[b] }
            if let keys = tieKeys, keys[a] != keys[b] { return keys[a] < keys[b] }
            return a < b
        }
        let padded = [low] + order.map { mus[$0] } + [high]
        var sorted = [Double](repeating: 0, count: n)
        for i in 1...n {
            let left: Double = padded[i] - padded[i - 1]
            let right: Double = padded[i + 1] - padded[i]
            sorted[i - 1] = max(left, right)
        }
        if !considerEndpoints && padded.count >= 4 {
            sorted[0] = padded[2] - padded[1]
            sorted[n - 1] = padded[n] - padded[n - 1]
        }
        let maxSigma = high - low
        let kernelCount = Double(n + 1)   // the prior included
        let minSigma: Double = considerMagicClip ? (high - low) / min(100, 1 + kernelCount) : 1e-12
        var sigmas = [Double](repeating: 0, count: n)
        for (rank, i) in order.enumerated() { sigmas[i] = min(max(sorted[rank], minSigma), maxSigma) }
        return sigmas
    }

    /// The standard normal's mass on `[a, b]`, from the tail that keeps precision (Optuna's
    /// `_log_gauss_mass` splits the same three cases).
    static func gaussianMass(_ a: Double, _ b: Double) -> Double {
        func lowerTail(_ x: Double) -> Double { 0.5 * erfc(-x / 2.0.squareRoot()) }   // Φ(x)
        if b <= 0 { return lowerTail(b) - lowerTail(a) }
        if a > 0 { return lowerTail(-a) - lowerTail(-b) }
        return 1 - lowerTail(a) - lowerTail(-b)
    }
}

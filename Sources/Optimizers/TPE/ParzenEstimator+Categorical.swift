extension ParzenEstimator {
    /// Optuna's estimator for categorical parameters (`_calculate_categorical_distributions`):
    /// each observation's kernel puts `priorWeight / (n + 1)` on every choice and 1 more on
    /// the observed one, normalised; the prior kernel is uniform. Without observations the
    /// estimator is the uniform prior alone.
    ///
    /// ```swift
    /// let g = ParzenEstimator.categorical(observations: [[1, 4], [2, 4]], choiceCounts: [3, 5],
    ///                                     weights: [1, 1])
    /// ```
    ///
    /// - Parameters:
    ///   - observations: one choice index per dimension for each observed trial, in trial
    ///     order (the order the weights refer to).
    ///   - weights: one non-negative weight per observation.
    /// - Complexity: O(n · Σ choices).
    public static func categorical(observations: [[Int]], choiceCounts: [Int], weights: [Double],
                                   priorWeight: Double = 1) -> ParzenEstimator {
        precondition(observations.count == weights.count, "one weight per observation")
        precondition(priorWeight >= 0, "the prior weight must be non-negative")
        let kernels: [[[Double]]] = choiceCounts.enumerated().map { d, choices in
            if observations.isEmpty { return [[Double](repeating: 1 / Double(choices), count: choices)] }
            let base = priorWeight / Double(observations.count + 1)
            var rows = observations.map { x -> [Double] in
                var row = [Double](repeating: base, count: choices)
                row[x[d]] += 1
                return row
            }
            rows.append([Double](repeating: base, count: choices))
            return rows.map { row in
                let sum = row.reduce(0, +)
                return sum == 0 ? row : row.map { $0 / sum }
            }
        }
        return ParzenEstimator(weights: mixtureWeights(weights, priorWeight: priorWeight), kernels: kernels)
    }
}

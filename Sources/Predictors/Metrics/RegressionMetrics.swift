import NASCore

/// Error and ranking metrics for predictions against ground truth.
///
/// ```swift
/// let mape = RegressionMetrics.meanAbsolutePercentageError(actual: y, predicted: p)
/// let tau  = RegressionMetrics.kendallTau(actual: y, predicted: p)
/// ```
///
/// MAPE follows `sklearn.metrics.mean_absolute_percentage_error`: a fraction (not a
/// percentage), with the denominator floored at machine epsilon so a zero target gives a
/// huge but finite error, and numpy's pairwise mean, so grid-search scores compare
/// bit-for-bit with scikit-learn's. Rank metrics delegate to NASCore's `RankCorrelation`.
/// - Complexity: O(n) for MAPE and RMSE; O(n log n) or O(n²) for the rank metrics, as in NASCore.
public enum RegressionMetrics {
    /// `mean(|y − p| / max(|y|, ε))`, ε = `Double.ulpOfOne` as in scikit-learn.
    public static func meanAbsolutePercentageError(actual: [Double], predicted: [Double]) -> Double {
        precondition(actual.count == predicted.count, "MAPE needs equal-length inputs")
        var terms = [Double](repeating: 0, count: actual.count)
        for i in 0..<actual.count {
            terms[i] = abs(predicted[i] - actual[i]) / max(abs(actual[i]), Double.ulpOfOne)
        }
        return NumpySum.mean(terms)
    }

    /// `sqrt(mean((y − p)²))`.
    public static func rootMeanSquaredError(actual: [Double], predicted: [Double]) -> Double {
        precondition(actual.count == predicted.count, "RMSE needs equal-length inputs")
        var terms = [Double](repeating: 0, count: actual.count)
        for i in 0..<actual.count {
            let d = actual[i] - predicted[i]
            terms[i] = d * d
        }
        return NumpySum.mean(terms).squareRoot()
    }

    /// Kendall τ-b, as `scipy.stats.kendalltau`.
    public static func kendallTau(actual: [Double], predicted: [Double]) -> Double {
        RankCorrelation.kendallTauB(actual, predicted)
    }

    /// Spearman ρ, as `scipy.stats.spearmanr`.
    public static func spearmanRho(actual: [Double], predicted: [Double]) -> Double {
        RankCorrelation.spearmanRho(actual, predicted)
    }
}

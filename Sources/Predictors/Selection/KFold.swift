/// Contiguous, unshuffled k-fold splits, as `sklearn.model_selection.KFold(n_splits=k)`.
///
/// ```swift
/// let folds = try KFold(splits: 5).split(sampleCount: 12)
/// folds.map(\.test.count)      // [3, 3, 2, 2, 2]
/// folds[0].test                // [0, 1, 2]; folds[0].train = [3, …, 11]
/// ```
///
/// The first `n mod k` folds get one extra sample and test sets follow the sample
/// order (sklearn/model_selection/_split.py `KFold._iter_test_indices`); training
/// indices are the rest, ascending, which fixes the row order a model sees.
/// - Complexity: O(k·n).
public struct KFold: Sendable, Equatable {
    /// One train/test partition of `0..<n`.
    public struct Fold: Sendable, Equatable {
        public let train: [Int]
        public let test: [Int]
    }

    public let splits: Int

    public init(splits: Int = 5) {
        self.splits = splits
    }

    /// - Throws: `PredictorError.tooFewSamplesForFolds` when `sampleCount < splits`,
    ///   and `invalidParameter` when `splits < 2`, both as scikit-learn refuses them.
    public func split(sampleCount n: Int) throws -> [Fold] {
        guard splits >= 2 else { throw PredictorError.invalidParameter("k-fold needs at least 2 splits, got \(splits)") }
        guard n >= splits else { throw PredictorError.tooFewSamplesForFolds(samples: n, folds: splits) }
        var folds = [Fold]()
        var start = 0
        for k in 0..<splits {
            let size = n / splits + (k < n % splits ? 1 : 0)
            let test = Array(start..<(start + size))
            folds.append(Fold(train: Array(0..<start) + Array((start + size)..<n), test: test))
            start += size
        }
        return folds
    }
}

/// A model that learns a real-valued target from feature rows.
///
/// ```swift
/// var model = RidgeRegression(alpha: 1.0)
/// try model.fit(rows: [[0, 1], [1, 0], [1, 1]], targets: [1, 2, 3])
/// let predictions = try model.predict(rows: [[0, 0]])
/// ```
///
/// Models are value types: `fit` replaces any previous fit, and a fitted copy can be sent
/// to other tasks. The `[[Double]]` entry points validate and flatten once; the `Matrix`
/// ones are the primitives the models implement.
public protocol Regressor: Sendable {
    /// Fits on `x` (one sample per row) and `y`. Throws `PredictorError` before any work
    /// when the inputs are inconsistent.
    mutating func fit(_ x: Matrix, _ y: [Double]) throws
    /// Predicts one value per row of `x`. Throws when the model is unfitted or the width
    /// of `x` differs from the training data.
    func predict(_ x: Matrix) throws -> [Double]
}

extension Regressor {
    public mutating func fit(rows: [[Double]], targets: [Double]) throws {
        try fit(Matrix(rows: rows), targets)
    }

    public func predict(rows: [[Double]]) throws -> [Double] {
        try predict(Matrix(rows: rows))
    }
}

/// The checks every `fit` shares: a non-empty set, one target per row, finite targets.
@usableFromInline
func validateTrainingData(_ x: Matrix, _ y: [Double]) throws {
    guard x.rows > 0 else { throw PredictorError.emptyTrainingSet }
    guard x.rows == y.count else { throw PredictorError.targetCountMismatch(rows: x.rows, targets: y.count) }
    if let bad = y.firstIndex(where: { !$0.isFinite }) {
        throw PredictorError.nonFiniteTarget(index: bad, value: y[bad])
    }
}

/// The check every `predict` shares: the model was fitted on rows of this width.
@usableFromInline
func validatePredictionWidth(_ x: Matrix, fittedWidth: Int?, model: String) throws {
    guard let width = fittedWidth else { throw PredictorError.notFitted(model: model) }
    // An empty batch has no width to compare.
    guard x.rows == 0 || x.columns == width else {
        throw PredictorError.featureWidthMismatch(expected: width, given: x.columns)
    }
}

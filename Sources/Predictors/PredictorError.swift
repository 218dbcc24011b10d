/// Why a regressor refused its input. Every case prints as one line a CLI can show as is.
///
/// ```swift
/// do { try model.fit(rows: [], targets: []) }
/// catch let error as PredictorError { print(error) }   // "training set is empty"
/// ```
///
/// Validation happens before any work starts, so a failed call leaves no half-fitted model.
public enum PredictorError: Error, Equatable, Sendable, CustomStringConvertible {
    case emptyTrainingSet
    case raggedRows(row: Int, width: Int, expected: Int)
    case targetCountMismatch(rows: Int, targets: Int)
    case nonFiniteTarget(index: Int, value: Double)
    case featureWidthMismatch(expected: Int, given: Int)
    case tooFewSamplesForFolds(samples: Int, folds: Int)
    case notFitted(model: String)
    case invalidParameter(String)

    public var description: String {
        switch self {
        case .emptyTrainingSet:
            return "training set is empty"
        case let .raggedRows(row, width, expected):
            return "row \(row) has \(width) features, expected \(expected) like row 0"
        case let .targetCountMismatch(rows, targets):
            return "\(rows) feature rows but \(targets) targets"
        case let .nonFiniteTarget(index, value):
            return "target \(index) is \(value); targets must be finite"
        case let .featureWidthMismatch(expected, given):
            return "model was fitted on \(expected) features but got rows with \(given)"
        case let .tooFewSamplesForFolds(samples, folds):
            return "cannot split \(samples) samples into \(folds) folds: need at least \(folds) samples"
        case let .notFitted(model):
            return "\(model) must be fitted before it can predict"
        case let .invalidParameter(message):
            return "invalid parameter: \(message)"
        }
    }
}

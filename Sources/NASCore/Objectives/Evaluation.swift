/// What a benchmark answered for one architecture.
///
/// `objectives` are in the order the evaluator was configured with, in their natural units
/// and directions (accuracy stays accuracy); `reported` are the metrics the search never
/// sees, such as test accuracy. `answer` says whether the values are a table row or
/// something else, so no off-table answer is ever silent.
public struct Evaluation: Sendable, Equatable {
    public enum Answer: Sendable, Equatable {
        /// The architecture is a row of the table.
        case exact
        /// Projected to the nearest row, at this distance in gene space.
        case nearest(distance: Double)
        /// Predicted by a declared surrogate.
        case surrogate(name: String)
    }

    /// The table row the values came from (for `nearest`, the projected row); nil for surrogates.
    public var row: Int?
    public var objectives: [Double]
    public var reported: [Double]
    /// Simulated cost of this evaluation, in seconds (0 when the table has no cost column).
    public var cost: Double
    public var answer: Answer

    public init(row: Int?, objectives: [Double], reported: [Double], cost: Double, answer: Answer = .exact) {
        self.row = row; self.objectives = objectives; self.reported = reported; self.cost = cost; self.answer = answer
    }

    public var isExact: Bool { answer == .exact }
}

extension Evaluation {
    /// Writes the objectives, then the reported metrics, to `values` and returns the rest.
    ///
    /// - Precondition: the answer has `objectiveCount` objectives and fills `values` exactly
    ///   (an evaluator answering other widths than it declares is a programming error).
    @inlinable
    public func write(into values: UnsafeMutableBufferPointer<Double>, objectiveCount: Int) -> EvaluationHeader {
        precondition(objectives.count == objectiveCount && reported.count == values.count - objectiveCount,
                     "an evaluator answered other widths than it declares")
        for (j, v) in objectives.enumerated() { values[j] = v }
        for (j, v) in reported.enumerated() { values[objectiveCount + j] = v }
        return EvaluationHeader(row: row, cost: cost, answer: answer)
    }
}

/// An answer without its values (`Evaluator.evaluate(_:into:)` writes those to a buffer).
public struct EvaluationHeader: Sendable, Equatable {
    /// The table row the values came from (for `nearest`, the projected row); nil for surrogates.
    public var row: Int?
    /// Simulated cost of this evaluation, in seconds (0 when the table has no cost column).
    public var cost: Double
    public var answer: Evaluation.Answer

    @inlinable
    public init(row: Int?, cost: Double, answer: Evaluation.Answer) {
        self.row = row; self.cost = cost; self.answer = answer
    }
}

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

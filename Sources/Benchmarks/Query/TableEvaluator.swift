import NASCore

/// Maps an architecture to its table row, or, for a sample table that lacks it, to the
/// declared off-table answer.
public protocol RowLocator: Sendable {
    associatedtype Architecture
    func locate(_ architecture: Architecture) -> TableAnswer?
}

/// How a table answers one architecture. Anything but `.row` is an off-table answer and is
/// reported as such in the Evaluation (DESIGN.md: never silent).
public enum TableAnswer: Sendable, Equatable {
    /// The architecture is this row.
    case row(Int)
    /// Projected to the nearest row, at this distance in gene space.
    case nearest(row: Int, distance: Double)
    /// A surrogate's weighted average of rows (e.g. `knn`: the k nearest, equal weights).
    case blend(rows: [Int], weights: [Double], surrogate: String)
    /// A fitted model's prediction (`OffTableSurrogate`) at these predictor features.
    case predicted(features: [Double], surrogate: String)
}

/// The query engine: answers objectives and reported metrics from in-memory columns.
///
/// ```swift
/// let evaluator = try bench.evaluator(objectives: [try Objective(parsing: "c10_valid_200ep:max")],
///                                     reported: ["c10_test_200ep"])
/// let answer = evaluator.evaluate(cell)          // Evaluation, exact
/// ```
///
/// Immutable: share one across all threads. Counting and caching are per trial
/// (`TrialEvaluator`), so concurrent trials never contend. A `.predicted` answer takes each
/// metric from `surrogate`, which must then hold a model of every metric asked for.
///
/// Cost (simulated seconds, `cost:`): a row charges its cost column; `.nearest` charges the
/// row it projects to; `.blend` the same weighted average of the rows' costs as of their
/// metrics; `.predicted` the surrogate's model of the cost column. A row whose cost is NaN
/// answers with cost NaN, which a simulated-seconds trial does not charge (`TrialEvaluator`).
public struct TableEvaluator<Locator: RowLocator>: Evaluator {
    public typealias Architecture = Locator.Architecture
    public let objectives: [Objective]
    public let reported: [String]
    public let objectiveUnits: [String?]
    public let locator: Locator
    private let objectiveColumns: [[Float]]
    private let reportedColumns: [[Float]]
    private let costColumn: [Float]?
    /// The off-table models of the objectives, reported metrics and cost, in their order.
    private let objectiveModels: [OffTableModelFitter.Predictor]
    private let reportedModels: [OffTableModelFitter.Predictor]
    private let costModel: OffTableModelFitter.Predictor?

    /// - Parameter surrogate: the fitted models behind `.predicted` answers (the
    ///   `surrogate:<model>` policy); nil for every other locator.
    public init(table: BenchmarkTable, locator: Locator, objectives: [Objective], reported: [String],
                cost: String? = nil, surrogate: OffTableSurrogate? = nil) throws(BenchmarkError) {
        guard !objectives.isEmpty else {
            throw BenchmarkError(subject: table.name, message: "an evaluator needs at least one objective")
        }
        var objectiveColumns: [[Float]] = []
        for o in objectives { objectiveColumns.append(try table.metric(o.metric).values) }
        var reportedColumns: [[Float]] = []
        for r in reported { reportedColumns.append(try table.metric(r).values) }
        self.objectives = objectives
        self.reported = reported
        self.objectiveUnits = objectives.map { (try? table.metric($0.metric))?.info.unit }
        self.locator = locator
        self.objectiveColumns = objectiveColumns
        self.reportedColumns = reportedColumns
        self.costColumn = try cost.map { c throws(BenchmarkError) in try table.costOrMetric(c).values }
        var objectiveModels: [OffTableModelFitter.Predictor] = []
        var reportedModels: [OffTableModelFitter.Predictor] = []
        if let surrogate {
            for o in objectives { objectiveModels.append(try surrogate.predictor(for: o.metric)) }
            for r in reported { reportedModels.append(try surrogate.predictor(for: r)) }
        }
        self.objectiveModels = objectiveModels
        self.reportedModels = reportedModels
        self.costModel = try cost.flatMap { c throws(BenchmarkError) in try surrogate?.predictor(for: c) }
    }

    /// Whether a simulated-seconds budget is possible on this table.
    public var hasCost: Bool { costColumn != nil }

    /// - Complexity: O(objectives + reported)
    public func evaluate(_ architecture: Architecture) -> Evaluation? {
        locator.locate(architecture).flatMap(evaluation)
    }

    /// A row's values go straight from the columns to `values`; only surrogate answers
    /// (blends, predictions) build an `Evaluation` first.
    public func evaluate(_ architecture: Architecture, into values: UnsafeMutableBufferPointer<Double>) -> EvaluationHeader? {
        switch locator.locate(architecture) {
        case nil: return nil
        case .row(let row)?: return write(row: row, into: values, answer: .exact)
        case .nearest(let row, let distance)?: return write(row: row, into: values, answer: .nearest(distance: distance))
        case let other?: return evaluation(other)?.write(into: values, objectiveCount: objectives.count)
        }
    }

    @inline(__always)
    private func write(row: Int, into values: UnsafeMutableBufferPointer<Double>, answer: Evaluation.Answer) -> EvaluationHeader {
        let k = objectiveColumns.count
        precondition(values.count == k + reportedColumns.count, "a buffer of other width than the evaluator declares")
        for j in 0..<k { values[j] = Double(objectiveColumns[j][row]) }
        for j in 0..<reportedColumns.count { values[k + j] = Double(reportedColumns[j][row]) }
        return EvaluationHeader(row: row, cost: costColumn.map { Double($0[row]) } ?? 0, answer: answer)
    }

    private func evaluation(_ located: TableAnswer) -> Evaluation? {
        switch located {
        case .row(let row): return evaluate(row: row)
        case .nearest(let row, let distance):
            var e = evaluate(row: row)
            e.answer = .nearest(distance: distance)
            return e
        case .blend(let rows, let weights, let surrogate):
            let total = weights.reduce(0, +)
            func mix(_ column: [Float]) -> Double {
                zip(rows, weights).reduce(0.0) { $0 + Double(column[$1.0]) * $1.1 } / total
            }
            return Evaluation(row: nil, objectives: objectiveColumns.map(mix), reported: reportedColumns.map(mix),
                              cost: costColumn.map(mix) ?? 0, answer: .surrogate(name: surrogate))
        case .predicted(let features, let surrogate):
            // Only an evaluator given the surrogate's models gets this answer from its locator.
            guard objectiveModels.count == objectives.count else { return nil }
            return Evaluation(row: nil, objectives: objectiveModels.map { $0(features) },
                              reported: reportedModels.map { $0(features) },
                              cost: costModel.map { Self.chargeable($0(features)) } ?? 0, answer: .surrogate(name: surrogate))
        }
    }

    /// A model's predicted cost as a charge: a regression can extrapolate below zero, and a
    /// negative charge would hand simulated time back, so it is clamped at 0. NaN stays NaN
    /// (`TrialEvaluator` refuses to charge it), never silently 0.
    static func chargeable(_ predicted: Double) -> Double { predicted < 0 ? 0 : predicted }

    @inline(__always)
    public func evaluate(row: Int) -> Evaluation {
        Evaluation(row: row,
                   objectives: objectiveColumns.map { Double($0[row]) },
                   reported: reportedColumns.map { Double($0[row]) },
                   cost: costColumn.map { Double($0[row]) } ?? 0)
    }

    /// The first objective's value at a row, without building an Evaluation.
    @inline(__always)
    public func primaryValue(row: Int) -> Float { objectiveColumns[0][row] }
}

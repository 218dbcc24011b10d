import NASCore
import SearchSpaces
import Synchronization

/// The NAS-Bench-101 query rules as an `Evaluator`: each evaluation answers from one
/// randomly drawn repeat (or the mean), at the full or halfway fidelity, and costs that
/// run's training time.
///
/// ```swift
/// let evaluator = try bench.repeatEvaluator(
///     objectives: [Objective(metric: "validation_accuracy", direction: .max)],
///     reported: ["test_accuracy"], rules: NB101QueryRules(stopHalfway: true), seed: trialSeed)
/// let trial = TrialEvaluator(evaluator, budget: .simulatedSeconds(1e6), cache: .charge)
/// ```
///
/// Metric names: the query fields `validation_accuracy`, `test_accuracy`,
/// `train_accuracy` and `training_time` resolve to the rules' budget and phase
/// (`final_validation_accuracy@108ep`…); any other repeat column id reads the same drawn
/// repeat; any other metric (`trainable_parameters`) reads the table's column.
///
/// Unlike `TableEvaluator`, this one has state, the repeat generator, as `NASBench` does
/// (`random.seed` in its constructor, `random.randint` per query; ALGORITHMS.md §4.1). Make
/// one per trial, seeded from the trial's stream, and the draws are reproducible. The
/// generator sits behind a mutex so the type is `Sendable`; a trial evaluates in order, so
/// it is never contended.
public final class NB101RepeatEvaluator: Evaluator {
    public typealias Architecture = NB101Cell

    enum Column: Sendable {
        case repeated([Float])
        case single([Float])
    }

    public let objectives: [Objective]
    public var objectiveUnits: [String?] { objectives.map { (try? benchmark.table.metric($0.metric))?.info.unit } }
    public let reported: [String]
    public let rules: NB101QueryRules
    public let benchmark: NB101Benchmark
    private let objectiveColumns: [Column]
    private let reportedColumns: [Column]
    private let costColumn: [Float]
    private let repeatCount: Int
    private let generator: Mutex<Xoshiro256StarStar>

    public init(benchmark: NB101Benchmark, objectives: [Objective], reported: [String],
                rules: NB101QueryRules, seed: UInt64) throws(BenchmarkError) {
        try benchmark.validate(rules)
        guard !objectives.isEmpty else {
            throw BenchmarkError(subject: benchmark.table.name, message: "an evaluator needs at least one objective")
        }
        let repeats = benchmark.repeats!   // validate(rules) guarantees them
        func resolve(_ name: String) throws(BenchmarkError) -> Column {
            if NB101TFRecordImporter.quantities.contains(name), let c = repeats.column(rules.columnID(name)) { return .repeated(c) }
            if let c = repeats.column(name) { return .repeated(c) }
            return .single(try benchmark.table.metric(name).values)
        }
        var objectiveColumns: [Column] = []
        for o in objectives { objectiveColumns.append(try resolve(o.metric)) }
        var reportedColumns: [Column] = []
        for r in reported { reportedColumns.append(try resolve(r)) }
        guard let cost = repeats.column(rules.columnID("training_time")) else {
            throw BenchmarkError(subject: benchmark.table.name, message: "lacks \(rules.columnID("training_time"))")
        }
        self.benchmark = benchmark
        self.objectives = objectives
        self.reported = reported
        self.rules = rules
        self.objectiveColumns = objectiveColumns
        self.reportedColumns = reportedColumns
        self.costColumn = cost
        self.repeatCount = repeats.count
        self.generator = Mutex(Xoshiro256StarStar(seed: seed))
    }

    /// - Complexity: one canonical hash, one lookup, O((objectives + reported) · repeats).
    public func evaluate(_ cell: NB101Cell) -> Evaluation? {
        guard let row = benchmark.row(of: cell) else { return nil }
        return evaluate(row: row)
    }

    /// Draws the repeat (under `.random`) and answers every column from it.
    public func evaluate(row: Int) -> Evaluation {
        let k = repeatCount
        let chosen: Int? = rules.repeats == .random ? generator.withLock { $0.nextInt(below: k) } : nil
        func value(_ column: Column) -> Double {
            switch column {
            case .single(let c): return Double(c[row])
            case .repeated(let c):
                if let chosen { return Double(c[row * k + chosen]) }
                return Double(NB101Repeats.mean(c[(row * k)..<(row * k + k)]))
            }
        }
        let cost = chosen.map { Double(costColumn[row * k + $0]) } ?? Double(NB101Repeats.mean(costColumn[(row * k)..<(row * k + k)]))
        return Evaluation(row: row, objectives: objectiveColumns.map(value), reported: reportedColumns.map(value), cost: cost)
    }
}

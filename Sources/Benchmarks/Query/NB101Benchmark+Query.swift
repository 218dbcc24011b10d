import NASCore
import SearchSpaces

/// What `NASBench.query` returns for one cell (ALGORITHMS.md §4.1), from one repeat or
/// the mean over repeats.
public struct NB101QueryResult: Sendable, Equatable {
    public var row: Int
    /// The repeat answered; nil under the mean rule.
    public var repeatIndex: Int?
    public var trainableParameters: Double
    /// Seconds charged: the chosen repeat's (halfway or final) training time.
    public var trainingTime: Double
    public var trainAccuracy: Double
    public var validationAccuracy: Double
    public var testAccuracy: Double
    /// `total_epochs_spent` increment: E, or E/2 when stopping halfway.
    public var epochsCharged: Int
}

extension NB101Benchmark {
    /// Checks that the table can answer under `rules`: it has repeats and the budget.
    public func validate(_ rules: NB101QueryRules) throws(BenchmarkError) {
        guard let repeats else {
            throw BenchmarkError(subject: table.name, message: "has one value per metric and no repeats; the NAS-Bench-101 query rules need a table imported with `nasreplay datasets import nb101`")
        }
        guard repeats.epochs.contains(rules.epochs) else {
            throw BenchmarkError(subject: table.name, message: "has no \(rules.epochs)-epoch runs; budgets here: \(repeats.epochs.map(String.init).joined(separator: ", "))")
        }
        for field in NB101TFRecordImporter.quantities where !repeats.has(rules.columnID(field)) {
            throw BenchmarkError(subject: table.name, message: "lacks the column \(rules.columnID(field)); re-import the table")
        }
    }

    /// `NASBench.query(spec, epochs, stop_halfway)`: nil when the cell is invalid or absent.
    /// Under `.random` one repeat is drawn from `rng` (uniform over the repeats), so the
    /// same cell queried twice may answer differently, exactly as nasbench does.
    ///
    /// - Precondition: `validate(rules)` succeeded.
    /// - Complexity: one canonical hash, one lookup, O(repeats).
    public func query(_ cell: NB101Cell, rules: NB101QueryRules, using rng: inout some RandomNumberGenerator) -> NB101QueryResult? {
        guard let row = row(of: cell) else { return nil }
        return query(row: row, rules: rules, using: &rng)
    }

    public func query(row: Int, rules: NB101QueryRules, using rng: inout some RandomNumberGenerator) -> NB101QueryResult? {
        guard let repeats, row >= 0, row < table.rows else { return nil }
        let k = repeats.count
        let chosen: Int? = rules.repeats == .random ? rng.nextInt(below: k) : nil
        func field(_ name: String) -> Double {
            guard let column = repeats.column(rules.columnID(name)) else { return .nan }
            if let chosen { return Double(column[row * k + chosen]) }
            return Double(NB101Repeats.mean(column[(row * k)..<(row * k + k)]))
        }
        let params = (try? table.metric("trainable_parameters").values[row]).map(Double.init) ?? .nan
        return NB101QueryResult(row: row, repeatIndex: chosen, trainableParameters: params,
                                trainingTime: field("training_time"), trainAccuracy: field("train_accuracy"),
                                validationAccuracy: field("validation_accuracy"), testAccuracy: field("test_accuracy"),
                                epochsCharged: rules.epochsCharged)
    }

    /// An evaluator applying the query rules, for one trial: it owns the trial's generator.
    ///
    /// ```swift
    /// let evaluator = try bench.repeatEvaluator(
    ///     objectives: [Objective(metric: "validation_accuracy", direction: .max)],
    ///     reported: ["test_accuracy"], rules: NB101QueryRules(), seed: trialSeed)
    /// ```
    public func repeatEvaluator(objectives: [Objective], reported: [String], rules: NB101QueryRules,
                                seed: UInt64) throws(BenchmarkError) -> NB101RepeatEvaluator {
        try NB101RepeatEvaluator(benchmark: self, objectives: objectives, reported: reported, rules: rules, seed: seed)
    }
}

/// How a query of a multi-repeat NAS-Bench-101 table is answered: the budget, the
/// fidelity, and which repeat.
///
/// ```swift
/// var rules = NB101QueryRules()                 // 108 epochs, final, one random repeat
/// rules.stopHalfway = true                      // metrics at 54 epochs, half the cost
/// rules.repeats = .mean                         // mean over the 3 repeats instead
/// ```
///
/// `NASBench.query(spec, epochs=108, stop_halfway=False)` (google-research/nasbench
/// `api.py`, ALGORITHMS.md §4.1) samples one of the 3 repeats per call
/// (`random.randint(0, 2)`) and charges that repeat's training time. Here the draw comes
/// from the trial's seeded generator, so runs are reproducible. These rules apply only to
/// tables imported from the tfrecord; `nb101-sample` has one value per metric.
public struct NB101QueryRules: Sendable, Hashable, CustomStringConvertible {
    public enum RepeatRule: String, Sendable, Hashable, CaseIterable {
        /// One repeat drawn uniformly per query, as `NASBench.query` does (the default).
        case random
        /// The mean over the repeats; cost is the mean training time.
        case mean
    }

    /// The training budget queried (4, 12, 36 or 108 in the full file; 108 only in
    /// `nasbench_only108.tfrecord`).
    public var epochs: Int = 108
    /// Answer with the halfway evaluation (E/2 epochs) and charge the halfway training
    /// time, as `stop_halfway=True` does.
    public var stopHalfway: Bool = false
    public var repeats: RepeatRule = .random

    public init(epochs: Int = 108, stopHalfway: Bool = false, repeats: RepeatRule = .random) {
        self.epochs = epochs; self.stopHalfway = stopHalfway; self.repeats = repeats
    }

    /// `halfway` or `final`: the prefix of the repeat columns this rule reads.
    public var phase: String { stopHalfway ? "halfway" : "final" }

    /// Epochs charged per query: `total_epochs_spent += E` (or `E // 2` halfway).
    public var epochsCharged: Int { stopHalfway ? epochs / 2 : epochs }

    /// The column id of a query field (`validation_accuracy`, `test_accuracy`,
    /// `train_accuracy`, `training_time`) under these rules.
    public func columnID(_ field: String) -> String { "\(phase)_\(field)@\(epochs)ep" }

    public var description: String {
        "\(epochs) epochs, \(stopHalfway ? "halfway" : "final"), \(repeats == .random ? "one random repeat" : "mean of repeats")"
    }
}

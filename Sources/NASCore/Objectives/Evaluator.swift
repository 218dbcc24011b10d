/// Answers queries about architectures of one search space. Optimizers see only this and
/// the space, never files or tables (DESIGN.md, "Layers").
///
/// Implementations are immutable after construction and safe to share between threads;
/// per-trial state such as counters and caches lives in the trial, not here.
public protocol Evaluator: Sendable {
    associatedtype Architecture

    /// The objectives answered, in order.
    var objectives: [Objective] { get }
    /// The reported metric ids, in order.
    var reported: [String] { get }

    /// Nil when the architecture cannot be answered (e.g. off-table under a `reject` policy).
    func evaluate(_ architecture: Architecture) -> Evaluation?

    /// The answer `evaluate(_:)` gives, with its objectives and then its reported metrics
    /// written to `values` (`objectives.count + reported.count` of them) instead of two new
    /// arrays: the path a trial logs from, without an allocation per evaluation
    /// (`TrialEvaluator.evaluateLogged`). The default copies `evaluate(_:)`'s answer.
    func evaluate(_ architecture: Architecture, into values: UnsafeMutableBufferPointer<Double>) -> EvaluationHeader?

    /// Each objective's unit as its table declares it ("%", "fraction", "ms"), nil where
    /// unknown. Algorithms whose reference trains on a fixed scale read it (NAS-EA-FA).
    var objectiveUnits: [String?] { get }
}

extension Evaluator {
    public var objectiveUnits: [String?] { objectives.map { _ in nil } }

    public func evaluate(_ architecture: Architecture, into values: UnsafeMutableBufferPointer<Double>) -> EvaluationHeader? {
        evaluate(architecture).map { $0.write(into: values, objectiveCount: objectives.count) }
    }

    /// Batch query; each answer as `evaluate` would give it.
    public func evaluate(_ architectures: [Architecture]) -> [Evaluation?] {
        architectures.map { evaluate($0) }
    }
}

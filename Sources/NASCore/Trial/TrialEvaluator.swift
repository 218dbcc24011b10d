/// A trial's evaluations as flat arrays, one entry (or row of widths k and r) per real
/// evaluation: what the trial's summary and its record are built from, without a record
/// and two arrays per evaluation (issue 18, the lean search path).
public struct EvaluationLog: Sendable, Equatable {
    public private(set) var rows: [Int32] = []
    /// [evaluations × objectives], row-major.
    public private(set) var objectives: [Double] = []
    /// [evaluations × reported metrics], row-major.
    public private(set) var reported: [Double] = []
    public private(set) var cost: [Double] = []
    public private(set) var cumulativeCost: [Double] = []
    /// 1 where the answer was a row of the table.
    public private(set) var exact: [UInt8] = []

    public var count: Int { cost.count }

    mutating func reserve(_ n: Int, objectives k: Int, reported r: Int) {
        rows.reserveCapacity(n); cost.reserveCapacity(n); cumulativeCost.reserveCapacity(n); exact.reserveCapacity(n)
        objectives.reserveCapacity(n * k); reported.reserveCapacity(n * r)
    }

    /// Appends one evaluation: `values` holds its `objectiveCount` objectives, then its
    /// reported metrics.
    mutating func append(_ header: EvaluationHeader, values: UnsafeBufferPointer<Double>, objectiveCount k: Int,
                         cumulativeCost total: Double) {
        rows.append(Int32(truncatingIfNeeded: header.row ?? -1))
        objectives.append(contentsOf: UnsafeBufferPointer(rebasing: values[..<k]))
        reported.append(contentsOf: UnsafeBufferPointer(rebasing: values[k...]))
        cost.append(header.cost)
        cumulativeCost.append(total)
        if case .exact = header.answer { exact.append(1) } else { exact.append(0) }
    }
}

/// One logged evaluation of a trial (`TrialEvaluator.records`).
public struct EvaluationRecord: Sendable, Equatable {
    /// 1-based count of real evaluations.
    public var step: Int
    public var row: Int
    public var objectives: [Double]
    public var reported: [Double]
    public var cost: Double
    public var cumulativeCost: Double
    public var exact: Bool

    public init(step: Int, row: Int, objectives: [Double], reported: [Double], cost: Double, cumulativeCost: Double, exact: Bool) {
        self.step = step; self.row = row; self.objectives = objectives; self.reported = reported
        self.cost = cost; self.cumulativeCost = cumulativeCost; self.exact = exact
    }
}

/// One trial's view of a benchmark: counts evaluations and simulated seconds, applies the
/// cache policy, and logs every real evaluation. Not shared between trials or threads.
///
/// ```swift
/// let trial = TrialEvaluator(evaluator, budget: .evaluations(1000), cache: .charge)
/// while let answer = trial.evaluate(space.sample(using: &rng)) { … }
/// // The same without building an Evaluation: the answer's index in the log.
/// while let i = trial.evaluateLogged(space.sample(using: &rng)) { let v = trial.objective(0, at: i) }
/// ```
///
/// The log is the storage: an answer goes from the evaluator through a stack buffer into
/// the log's flat arrays (`Evaluator.evaluate(_:into:)`), and `evaluate` builds its
/// `Evaluation` from the log entry. Hot loops use `evaluateLogged`, which allocates nothing
/// per evaluation (issue 18's lean search path).
///
/// `evaluate` answers nil once the budget is spent, so every optimizer loop stops exactly
/// at the budget. An evaluation-count budget is never exceeded; a simulated-seconds budget
/// lets the evaluation that crosses it finish, as NATS-Bench's REA does (§3.2). No trial
/// makes more than `Budget.maximumEvaluations` evaluations, whatever its budget.
///
/// Under a simulated-seconds budget an answer whose cost is NaN, infinite or negative (a
/// row without a measured training time) cannot be placed on the simulated clock: it is
/// treated as no answer (counted in `unanswered`, not charged, not logged), as the `reject`
/// off-table policy treats an architecture the table lacks. Under an evaluation budget the
/// cost is only logged, so such answers are kept as they are.
public final class TrialEvaluator<E: Evaluator> where E.Architecture: Hashable {
    /// Not nested as its own type: a type nested in a generic class is generic too, and code
    /// not specialised for `E` then looked up `[Record]`'s metadata at run time on every
    /// evaluation (7 % of an aging-evolution run).
    public typealias Record = EvaluationRecord

    public let evaluator: E
    public let budget: Budget
    public let cache: CachePolicy
    /// Every real evaluation, in order.
    public private(set) var log = EvaluationLog()
    public private(set) var spentSeconds = 0.0
    /// True after the last `evaluate` answered from the cache without charge.
    public private(set) var lastWasRepeat = false
    /// Set when the optimizer kept querying repeats and the guard stopped the trial.
    public private(set) var stalled = false
    /// Queries that got no answer (off-table under a reject policy).
    public private(set) var unanswered = 0
    /// Under `.free`: the log index of each architecture's first answer.
    private var cached: [E.Architecture: Int32] = [:]
    /// The answers that are not `.exact` (nearest rows, surrogates), by log index; the log
    /// itself keeps only the exact flag.
    private var inexactAnswers: [Int32: Evaluation.Answer] = [:]
    private var queries = 0
    private let objectiveCount: Int
    private let reportedCount: Int

    public init(_ evaluator: E, budget: Budget, cache: CachePolicy) {
        self.evaluator = evaluator
        self.budget = budget
        self.cache = cache
        self.objectiveCount = evaluator.objectives.count
        self.reportedCount = evaluator.reported.count
        if case .evaluations(let n) = budget {
            log.reserve(min(n, Budget.maximumEvaluations), objectives: evaluator.objectives.count, reported: evaluator.reported.count)
        }
    }

    public var evaluations: Int { log.count }

    /// Each logged evaluation as a record (built on demand; the log is the storage).
    public var records: [Record] {
        let k = evaluator.objectives.count, r = evaluator.reported.count
        return (0..<log.count).map { i in
            Record(step: i + 1, row: Int(log.rows[i]), objectives: Array(log.objectives[(i * k)..<(i * k + k)]),
                   reported: Array(log.reported[(i * r)..<(i * r + r)]), cost: log.cost[i],
                   cumulativeCost: log.cumulativeCost[i], exact: log.exact[i] == 1)
        }
    }

    public var isExhausted: Bool {
        let count = log.count
        if stalled || count >= Budget.maximumEvaluations { return true }
        switch budget {
        case .evaluations(let n): return count >= n
        case .simulatedSeconds(let s): return spentSeconds >= s
        }
    }

    /// The evaluation, or nil when the budget is spent or the architecture has no answer.
    public func evaluate(_ architecture: E.Architecture) -> Evaluation? {
        evaluateLogged(architecture).map(evaluation(at:))
    }

    /// `evaluate` without building an `Evaluation`: the index of the answer in `log` (for a
    /// repeat under `.free`, the index of its first answer), or nil when the budget is spent
    /// or the architecture has no answer. Read the values with `objective(_:at:)`.
    ///
    /// - Complexity: one evaluator query; no allocation once the log's capacity is reserved.
    public func evaluateLogged(_ architecture: E.Architecture) -> Int? {
        guard !isExhausted else { return nil }
        queries += 1
        // A search that only revisits known architectures (a tiny space under `free`)
        // would never spend its budget; stop it rather than spin.
        if queries > 1_000 * max(1, log.count) + 1_000_000 { stalled = true; return nil }
        if cache == .free, let hit = cached[architecture] {
            lastWasRepeat = true
            return Int(hit)
        }
        lastWasRepeat = false
        return withUnsafeTemporaryAllocation(of: Double.self, capacity: objectiveCount + reportedCount) { values in
            guard let header = evaluator.evaluate(architecture, into: values) else { unanswered += 1; return nil }
            return charge(header, values: UnsafeBufferPointer(values), for: architecture)
        }
    }

    /// Objective `j` of logged evaluation `i`, in its natural units and direction.
    @inline(__always)
    public func objective(_ j: Int, at i: Int) -> Double { log.objectives[i &* objectiveCount &+ j] }

    /// Logged evaluation `i` as the `Evaluation` the evaluator answered.
    public func evaluation(at i: Int) -> Evaluation {
        let k = objectiveCount, r = reportedCount, row = log.rows[i]
        return Evaluation(row: row < 0 ? nil : Int(row), objectives: Array(log.objectives[(i * k)..<(i * k + k)]),
                          reported: Array(log.reported[(i * r)..<(i * r + r)]), cost: log.cost[i],
                          answer: inexactAnswers[Int32(truncatingIfNeeded: i)] ?? .exact)
    }

    /// Pan's NATS query (`nas201_utils.py`; docs/ALGORITHMS.md, NAS-EA-FA): the records of
    /// every architecture of `pool` (an isomorphism class) that is a row of the table are
    /// pooled; the answer is the objectives and cost of one drawn uniformly from the
    /// per-trial stream, with the reported metrics replaced by the pool's mean. Only the
    /// drawn record is counted, charged and logged: the rest are read as Pan's preprocessed
    /// file is. A pool of one is answered as `evaluate` does, without a draw; a pool with no
    /// row answers as `evaluate(pool[0])`.
    ///
    /// - Complexity: O(|pool|) table lookups.
    public func evaluate(pooling pool: [E.Architecture], using rng: inout Xoshiro256StarStar) -> Evaluation? {
        guard pool.count > 1 else { return pool.first.flatMap(evaluate) }
        guard !isExhausted else { return nil }
        var rows: [(architecture: E.Architecture, answer: Evaluation)] = []
        for member in pool {
            if let answer = evaluator.evaluate(member), answer.isExact { rows.append((member, answer)) }
        }
        guard rows.count > 1 else { return evaluate(rows.first?.architecture ?? pool[0]) }
        queries += 1
        lastWasRepeat = false
        var drawn = rows[rng.nextInt(below: rows.count)]
        drawn.answer.reported = drawn.answer.reported.indices.map { m in
            rows.reduce(0.0) { $0 + $1.answer.reported[m] } / Double(rows.count)
        }
        let logged = withUnsafeTemporaryAllocation(of: Double.self, capacity: objectiveCount + reportedCount) { values in
            charge(drawn.answer.write(into: values, objectiveCount: objectiveCount), values: UnsafeBufferPointer(values),
                   for: drawn.architecture)
        }
        return logged.map(evaluation(at:))
    }

    /// Counts, charges and logs one answer, returning its log index; nil (counted as
    /// unanswered) when, under a simulated-seconds budget, its cost cannot be placed on the clock.
    private func charge(_ header: EvaluationHeader, values: UnsafeBufferPointer<Double>, for architecture: E.Architecture) -> Int? {
        if case .simulatedSeconds = budget, !(header.cost.isFinite && header.cost >= 0) { unanswered += 1; return nil }
        let index = log.count
        if cache == .free { cached[architecture] = Int32(truncatingIfNeeded: index) }
        if case .exact = header.answer {} else { inexactAnswers[Int32(truncatingIfNeeded: index)] = header.answer }
        spentSeconds += header.cost
        log.append(header, values: values, objectiveCount: objectiveCount, cumulativeCost: spentSeconds)
        return index
    }
}

import Analysis
import Foundation
import NASCore

extension RunsFile {
    /// The numbers reports and figures compare: per configuration, its curves by name
    /// (`best_signal`, `incumbent_<metric>`, `hv`, `normalized_hv`, and `hv_regret` = 1 −
    /// normalised HV), with the metrics a report covers and the notes it ends with.
    ///
    /// ```swift
    /// let data = try RunsFile.read(store.runsFile).comparison()
    /// print(ComparisonReport(data).markdown)
    /// ```
    ///
    /// A run with a simulated-seconds budget comes back with its curves on a shared time
    /// grid (`ComparisonData.onTimeGrid`: 200 steps up to the budget plus the checkpoints),
    /// so reports and figures compare trials at equal simulated time, not equal counts.
    /// Under an evaluation budget a trial that ended before the others holds its last values.
    ///
    /// - Parameter checkpoints: evaluations (seconds, under a seconds budget) at which to
    ///   tabulate; default: the spec's.
    /// - Complexity: O(curve values), plus the time grid's resampling under a seconds budget.
    public func comparison(checkpoints override: [Int]? = nil) -> ComparisonData {
        let p = provenance
        var algorithms: [ComparisonData.Algorithm] = []
        var length = 0
        let secondsBudget: Double?
        if case .simulatedSeconds(let s) = p.budget { secondsBudget = s } else { secondsBudget = nil }
        for c in configurations {
            // Under an evaluation budget a trial that ended early (its search stopped, as
            // ofa-oneshot's does after its winners) keeps what it found: its curves hold
            // their last value where runs.h5 pads them with NaN, so checkpoints and figures
            // count every trial. (Under a seconds budget the time grid holds them.)
            let trialCosts = c.log.trialCumulativeCosts
            let lengths = secondsBudget == nil ? trialCosts.map(\.count) : nil
            let held = { (rows: [[Double]]) in lengths.map { Self.holdingLastValues(rows, trialLengths: $0) } ?? rows }
            var curves: [String: [[Double]]] = ["best_signal": held(Array(c.curves.bestSignal))]
            for (metric, matrix) in zip(p.reported, c.curves.incumbentReported) { curves["incumbent_\(metric.id)"] = held(Array(matrix)) }
            if let hv = c.curves.hypervolume { curves["hv"] = held(Array(hv)) }
            if let nhv = c.curves.normalizedHypervolume {
                let normalized = held(Array(nhv))
                curves["normalized_hv"] = normalized
                curves["hv_regret"] = normalized.map { $0.map { 1 - $0 } }
            }
            length = max(length, curves.values.compactMap { $0.first?.count }.max() ?? 0)
            algorithms.append(.init(label: c.setup.label, curves: curves, parameters: c.setup.summary,
                                    cumulativeCost: trialCosts))
        }
        let stored = p.checkpoints.map { Int($0) }
        // A checkpoint past every trial's end but within the budget is kept: the trials hold
        // their final values there (ofa-oneshot's last winners come at N + 1 … N + groups).
        var limit = max(1, length)
        if case .evaluations(let n) = p.budget { limit = max(limit, n) }
        let checkpoints = secondsBudget != nil ? [] : (override ?? (stored.isEmpty ? [length] : stored)).filter { $0 >= 1 && $0 <= limit }
        var data = ComparisonData(
            experiment: p.experiment, benchmark: p.benchmark, trials: p.trials, budget: p.budget.description,
            objectives: p.objectives, reported: p.reported.map(\.id), hypervolumeConvention: p.hypervolumeConvention,
            checkpoints: checkpoints, metrics: metrics, algorithms: algorithms)
        if let budget = secondsBudget {
            let seconds = override.map { $0.map(Double.init) } ?? (p.checkpoints.isEmpty ? [budget] : p.checkpoints)
            data = data.onTimeGrid(SimulatedTimeGrid(horizon: budget, including: seconds), checkpointSeconds: seconds)
        }
        data.notes = notes
        return data
    }

    /// Each row with the padding past its trial's own length (`trialLengths[i]`
    /// evaluations; missing: none) replaced by the value at the trial's last evaluation.
    /// A trial without evaluations stays NaN.
    ///
    /// - Complexity: O(rows · steps)
    static func holdingLastValues(_ rows: [[Double]], trialLengths: [Int]) -> [[Double]] {
        rows.enumerated().map { i, row in
            let n = i < trialLengths.count ? trialLengths[i] : 0
            guard n > 0, n < row.count else { return row }
            return Array(row[..<n]) + repeatElement(row[n - 1], count: row.count - n)
        }
    }

    /// The curves a report covers: normalised HV for a multi-objective run, the incumbent's
    /// reported metrics, and a single-objective run's best-so-far.
    var metrics: [ComparisonData.Metric] {
        let p = provenance
        var metrics: [ComparisonData.Metric] = []
        let multi = p.objectives.count >= 2
        if multi {
            metrics.append(.init(curve: "normalized_hv", title: "Normalised hypervolume (1 = the table's whole Pareto front)", direction: .max))
        }
        if let first = p.objectives.first {
            metrics += p.reported.map { m in
                .init(curve: "incumbent_\(m.id)", title: "Incumbent's `\(m.id)` (incumbent = best `\(first.metric)` found so far)", direction: m.direction)
            }
            if !multi {
                metrics.append(.init(curve: "best_signal", title: "Best `\(first)` found so far", direction: first.direction))
            }
        }
        return metrics
    }

    /// The notes at the end of a report. They come from the file alone, so `nasreplay
    /// report` rewrites the same summary as `run`.
    var notes: [String] {
        let offTable = configurations.reduce(0) { $0 + $1.offTableAnswers }
        let evaluations = configurations.reduce(0) { $0 + $1.log.count }
        let stalled = configurations.reduce(0) { $0 + $1.stalledTrials }
        let unanswered = configurations.reduce(0) { $0 + $1.unansweredQueries }
        var notes: [String] = []
        if offTable > 0 || provenance.isSampleTable {
            let share = String(format: "%.2f", 100 * Double(offTable) / Double(max(1, evaluations)))
            notes.append("Off-table answers: \(offTable) of \(evaluations) evaluations (\(share)%).")
        }
        if unanswered > 0 {
            notes.append("Queries without an answer: \(unanswered), resampled at no cost (a cell outside the table under `off_table = \"reject\"`, or under a seconds budget a row without a training time).")
        }
        if stalled > 0 {
            notes.append("\(stalled) trials stopped early: the algorithm kept revisiting known architectures under `cache = \"free\"`.")
        }
        return notes
    }
}

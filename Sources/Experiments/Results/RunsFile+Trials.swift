import NASCore

extension RunsFile.Configuration {
    /// A configuration assembled from its finished trials: the logs concatenated in trial
    /// order, the curves as [trials × evaluations] matrices NaN-padded where a trial ended
    /// early, the counts summed.
    ///
    /// ```swift
    /// let nsga2 = RunsFile.Configuration(setup, trials: results, in: provenance)
    /// ```
    ///
    /// Hypervolume curves and fronts are kept when `provenance.measuresHypervolume`.
    ///
    /// - Complexity: O(evaluations × (objectives + reported metrics))
    public init(_ setup: RunsFile.Setup, trials: [TrialResult], in provenance: RunsFile.Provenance) {
        let r = provenance.reported.count
        // Each column is the trials' arrays end to end, sized once (growing them copied each
        // and faulted in fresh pages), and independent of the others: built on every core.
        let total = trials.reduce(0) { $0 + $1.evaluations }
        let counters = concurrentMap(3) { c -> [Int32] in
            switch c {
            case 0:
                var trial: [Int32] = []
                trial.reserveCapacity(total)
                for t in trials { trial.append(contentsOf: repeatElement(Int32(t.trial), count: t.evaluations)) }
                return trial
            case 1:
                var step: [Int32] = []
                step.reserveCapacity(total)
                for t in trials { step.append(contentsOf: 1..<(Int32(t.evaluations) + 1)) }
                return step
            default: return Self.joined(trials, \.rows)
            }
        }
        // Costs all +0.0 (a run counted in evaluations, a table without training times): one
        // column of zeros serves both cost columns, made once instead of copied twice.
        let zeroCosts = trials.allSatisfy { ZeroColumn.isZero($0.cost) && ZeroColumn.isZero($0.cumulativeCost) }
        let parts = [\TrialResult.objectives, \.reported] + (zeroCosts ? [] : [\.cost, \.cumulativeCost])
        let values = concurrentMap(parts.count) { c -> [Double] in Self.joined(trials, parts[c]) }
        let zeros = zeroCosts ? [Double](repeating: 0, count: total) : []
        var exact: [Bool] = []
        exact.reserveCapacity(total)
        for t in trials { exact.append(contentsOf: t.exact.lazy.map { $0 != 0 }) }
        let log = RunsFile.Log(trial: counters[0], step: counters[1], row: counters[2], objectives: values[0], reported: values[1],
                               cost: zeroCosts ? zeros : values[2], cumulativeCost: zeroCosts ? zeros : values[3], exact: exact)
        // incumbentReported is [evaluations × reported], one matrix per metric is a column of it.
        let incumbents = (0..<r).map { j in
            CurveMatrix(rows: trials.map { t in
                r == 1 ? t.incumbentReported : stride(from: j, to: t.incumbentReported.count, by: r).map { t.incumbentReported[$0] }
            })
        }
        let hv = provenance.measuresHypervolume
        self.init(
            setup: setup,
            trialSeeds: trials.map(\.seed),
            offTableAnswers: trials.reduce(0) { $0 + $1.exact.count { $0 == 0 } },
            stalledTrials: trials.filter(\.stalled).count,
            unansweredQueries: trials.reduce(0) { $0 + $1.unanswered },
            log: log,
            curves: RunsFile.Curves(bestSignal: CurveMatrix(rows: trials.map(\.bestSignal)), incumbentReported: incumbents,
                                    hypervolume: hv ? CurveMatrix(rows: trials.map(\.hypervolume)) : nil,
                                    normalizedHypervolume: hv ? CurveMatrix(rows: trials.map(\.normalizedHypervolume)) : nil),
            fronts: hv ? RunsFile.Fronts(trial: trials.flatMap { t in Array(repeating: Int32(t.trial), count: t.frontRows.count) },
                                         row: trials.flatMap(\.frontRows)) : nil)
    }

    /// One array of every trial's `part`, end to end, allocated once.
    private static func joined<T>(_ trials: [TrialResult], _ part: KeyPath<TrialResult, [T]>) -> [T] {
        var column: [T] = []
        column.reserveCapacity(trials.reduce(0) { $0 + $1[keyPath: part].count })
        for t in trials { column += t[keyPath: part] }
        return column
    }
}

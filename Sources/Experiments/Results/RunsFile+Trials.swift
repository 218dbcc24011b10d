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
        var log = RunsFile.Log(trial: [], step: [], row: [], objectives: [], reported: [], cost: [], cumulativeCost: [], exact: [])
        // Sized once: growing them trial by trial copied each and faulted in fresh pages.
        let total = trials.reduce(0) { $0 + $1.evaluations }
        log.trial.reserveCapacity(total); log.step.reserveCapacity(total); log.row.reserveCapacity(total)
        log.objectives.reserveCapacity(trials.reduce(0) { $0 + $1.objectives.count })
        log.reported.reserveCapacity(trials.reduce(0) { $0 + $1.reported.count })
        log.cost.reserveCapacity(total); log.cumulativeCost.reserveCapacity(total); log.exact.reserveCapacity(total)
        for t in trials {
            log.trial.append(contentsOf: repeatElement(Int32(t.trial), count: t.evaluations))
            log.step.append(contentsOf: 1..<(Int32(t.evaluations) + 1))
            log.row += t.rows; log.objectives += t.objectives; log.reported += t.reported
            log.cost += t.cost; log.cumulativeCost += t.cumulativeCost
            log.exact.append(contentsOf: t.exact.lazy.map { $0 != 0 })
        }
        let length = trials.map(\.evaluations).max() ?? 0
        // A row already `length` long is shared, not copied (the usual case: every trial ran
        // its whole budget).
        let padded = { (rows: [[Double]]) in
            rows.map { $0.count == length ? $0 : $0 + repeatElement(Double.nan, count: length - $0.count) }
        }
        // incumbentReported is [evaluations × reported], one matrix per metric is a column of it.
        let incumbents = (0..<r).map { j in
            padded(trials.map { t in
                r == 1 ? t.incumbentReported : stride(from: j, to: t.incumbentReported.count, by: r).map { t.incumbentReported[$0] }
            })
        }
        let hv = provenance.measuresHypervolume
        self.init(
            setup: setup,
            trialSeeds: trials.map(\.seed),
            offTableAnswers: trials.reduce(0) { $0 + $1.exact.filter { $0 == 0 }.count },
            stalledTrials: trials.filter(\.stalled).count,
            unansweredQueries: trials.reduce(0) { $0 + $1.unanswered },
            log: log,
            curves: RunsFile.Curves(bestSignal: padded(trials.map(\.bestSignal)), incumbentReported: incumbents,
                                    hypervolume: hv ? padded(trials.map(\.hypervolume)) : nil,
                                    normalizedHypervolume: hv ? padded(trials.map(\.normalizedHypervolume)) : nil),
            fronts: hv ? RunsFile.Fronts(trial: trials.flatMap { t in Array(repeating: Int32(t.trial), count: t.frontRows.count) },
                                         row: trials.flatMap(\.frontRows)) : nil)
    }
}

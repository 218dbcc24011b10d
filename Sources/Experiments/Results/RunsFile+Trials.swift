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
        // The trials in order, each in a slot as long as the longest: the layout a run joins
        // its trials into as they finish.
        let columns = TrialColumns(trials: trials.count, capacity: trials.map(\.evaluations).max() ?? 0,
                                   objectives: provenance.objectives.count, reported: provenance.reported.count,
                                   measuresHypervolume: provenance.measuresHypervolume)
        for (slot, t) in trials.enumerated() {
            let added = columns.add(t, at: slot)
            precondition(added, "trial \(t.trial) of '\(t.algorithm)' has logs of other widths than its run's objectives and reported metrics")
        }
        self = columns.configuration(setup)
    }
}

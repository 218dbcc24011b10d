import NASCore

/// Everything one trial produced: its evaluation log and its curves. Written to its own
/// file (`TrialFile`) the moment the trial ends, so a killed run loses at most the trials
/// in flight.
public struct TrialResult: Sendable, Equatable {
    public var algorithm: String
    public var trial: Int
    public var seed: UInt64
    public var rows: [Int32]
    /// [evaluations × objectives], natural units.
    public var objectives: [Double]
    /// [evaluations × reported metrics].
    public var reported: [Double]
    public var cost: [Double]
    public var cumulativeCost: [Double]
    public var exact: [UInt8]
    /// Best-so-far search signal (first objective, in its direction) after each evaluation.
    public var bestSignal: [Double]
    /// Reported metrics of the incumbent after each evaluation, [evaluations × reported].
    public var incumbentReported: [Double]
    /// Multi-objective only: hypervolume and normalised hypervolume after each evaluation.
    public var hypervolume: [Double]
    public var normalizedHypervolume: [Double]
    /// Multi-objective only: table rows of the trial's final non-dominated set.
    public var frontRows: [Int32]
    public var stalled: Bool
    public var unanswered: Int

    public var evaluations: Int { rows.count }

    init(algorithm: String, trial: Int, seed: UInt64, rows: [Int32], objectives: [Double], reported: [Double],
         cost: [Double], cumulativeCost: [Double], exact: [UInt8], bestSignal: [Double], incumbentReported: [Double],
         hypervolume: [Double], normalizedHypervolume: [Double], frontRows: [Int32], stalled: Bool, unanswered: Int) {
        self.algorithm = algorithm; self.trial = trial; self.seed = seed; self.rows = rows
        self.objectives = objectives; self.reported = reported; self.cost = cost; self.cumulativeCost = cumulativeCost
        self.exact = exact; self.bestSignal = bestSignal; self.incumbentReported = incumbentReported
        self.hypervolume = hypervolume; self.normalizedHypervolume = normalizedHypervolume
        self.frontRows = frontRows; self.stalled = stalled; self.unanswered = unanswered
    }
}

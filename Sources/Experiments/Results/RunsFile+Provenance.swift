import NASCore

extension RunsFile {
    /// What a runs file records about the experiment as a whole: enough to tell which spec,
    /// code and table produced it, and how to read its curves.
    ///
    /// ```swift
    /// let provenance = RunsFile.Provenance(
    ///     experiment: "nats-tss-multi", trialHash: spec.trialHash, seed: 7, trials: 3,
    ///     budget: .evaluations(500), checkpoints: [100, 500], benchmark: "nats-tss",
    ///     isSampleTable: false, objectives: spec.benchmark.objectives,
    ///     reported: [.init(id: "c10_test_200ep", direction: .max)], hypervolumeConvention: front?.conventionNote)
    /// ```
    public struct Provenance: Sendable, Equatable {
        public var experiment: String
        /// `ExperimentSpec.trialHash` of the spec the trials ran under.
        public var trialHash: String
        /// The spec's base seed; each trial's own seed is in `Configuration.trialSeeds`.
        public var seed: UInt64
        public var trials: Int
        public var budget: Budget
        /// Where reports tabulate, in budget units (evaluations or simulated seconds).
        public var checkpoints: [Double]
        public var benchmark: String
        /// Whether the table is a sample of its space, so off-table answers are expected and
        /// always reported.
        public var isSampleTable: Bool
        /// What the search saw, in order, with their directions.
        public var objectives: [Objective]
        /// Metrics reported for the incumbent (never seen by the search), in order.
        public var reported: [ReportedMetric]
        /// Multi-objective runs only: how hypervolume was normalised. Its presence is what
        /// gives every configuration hypervolume curves and fronts.
        public var hypervolumeConvention: String?
        /// `nasreplay <version>` of the code that wrote the file.
        public var codeVersion: String

        public init(experiment: String, trialHash: String, seed: UInt64, trials: Int, budget: Budget,
                    checkpoints: [Double], benchmark: String, isSampleTable: Bool, objectives: [Objective],
                    reported: [ReportedMetric], hypervolumeConvention: String?,
                    codeVersion: String = Provenance.currentCodeVersion) {
            self.experiment = experiment; self.trialHash = trialHash; self.seed = seed; self.trials = trials
            self.budget = budget; self.checkpoints = checkpoints; self.benchmark = benchmark
            self.isSampleTable = isSampleTable; self.objectives = objectives; self.reported = reported
            self.hypervolumeConvention = hypervolumeConvention; self.codeVersion = codeVersion
        }

        /// The `codeVersion` of files this build writes.
        public static var currentCodeVersion: String { "nasreplay \(NASReplayVersion.string)" }

        /// Whether hypervolume was measured: configurations then carry `hv` curves and fronts.
        public var measuresHypervolume: Bool { hypervolumeConvention != nil }
    }

    /// A metric reported for the incumbent, with the direction the table gives it: reports
    /// need it to say which algorithm is ahead.
    public struct ReportedMetric: Sendable, Hashable {
        public var id: String
        public var direction: Direction

        public init(id: String, direction: Direction) {
            self.id = id; self.direction = direction
        }
    }
}

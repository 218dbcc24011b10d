import NASCore

/// The numbers a comparison report needs, independent of any file format: per algorithm,
/// named curves as [trials][evaluations] matrices. `Experiments` fills it from runs.h5.
public struct ComparisonData: Sendable {
    public struct Algorithm: Sendable {
        public var label: String
        /// Curve name → one row per trial (NaN-padded).
        public var curves: [String: [[Double]]]
        public var parameters: String
        /// Per trial, the simulated seconds spent after each evaluation (runs.h5
        /// `log/cumulative_cost`); empty when not read.
        public var cumulativeCost: [[Double]]

        public init(label: String, curves: [String: [[Double]]], parameters: String, cumulativeCost: [[Double]] = []) {
            self.label = label; self.curves = curves; self.parameters = parameters; self.cumulativeCost = cumulativeCost
        }
    }

    /// A curve the report covers, with how to read it.
    public struct Metric: Sendable {
        public var curve: String
        public var title: String
        /// Whether larger or smaller values of the curve are better.
        public var direction: Direction

        public init(curve: String, title: String, direction: Direction) {
            self.curve = curve; self.title = title; self.direction = direction
        }
    }

    public var experiment: String
    public var benchmark: String
    public var trials: Int
    public var budget: String
    public var objectives: [Objective]
    public var reported: [String]
    /// How hypervolume was normalised (multi-objective runs), for the report's header.
    public var hypervolumeConvention: String?
    /// 1-based curve steps at which the report tabulates: evaluations, or steps of `timeGrid`.
    public var checkpoints: [Int]
    /// The simulated seconds of each curve step, when the curves were put on a time grid
    /// (`onTimeGrid`); nil: step i is evaluation i.
    public var timeGrid: [Double]? = nil
    public var metrics: [Metric]
    public var algorithms: [Algorithm]
    /// Extra lines for the end of the report (off-table answers, stalled trials).
    public var notes: [String] = []

    public init(experiment: String, benchmark: String, trials: Int, budget: String, objectives: [Objective],
                reported: [String], hypervolumeConvention: String?, checkpoints: [Int], metrics: [Metric], algorithms: [Algorithm]) {
        self.experiment = experiment; self.benchmark = benchmark; self.trials = trials; self.budget = budget
        self.objectives = objectives; self.reported = reported; self.hypervolumeConvention = hypervolumeConvention
        self.checkpoints = checkpoints; self.metrics = metrics; self.algorithms = algorithms
    }
}

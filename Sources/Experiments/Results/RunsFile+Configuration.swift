extension RunsFile {
    /// One algorithm configuration of a run: what it was, its counts, and every trial's
    /// log, curves and (multi-objective runs) final front.
    ///
    /// ```swift
    /// let nsga2 = runs.configuration("nsga2")!
    /// nsga2.setup.type                       // "nsga2"
    /// nsga2.log.trialCumulativeCosts[0].last // simulated seconds trial 0 spent
    /// nsga2.fronts?.rows(ofTrial: 0)         // table rows of trial 0's final front
    /// ```
    public struct Configuration: Sendable, Equatable {
        public var setup: Setup
        /// Each trial's own seed, in trial order.
        public var trialSeeds: [UInt64]
        /// Evaluations answered by something other than a table row (nearest row, surrogate).
        public var offTableAnswers: Int
        /// Trials that stopped early, revisiting known architectures under `cache = "free"`.
        public var stalledTrials: Int
        /// Queries that got no answer and were resampled at no cost.
        public var unansweredQueries: Int
        public var log: Log
        public var curves: Curves
        /// Present when the run measured hypervolume (`Provenance.measuresHypervolume`).
        public var fronts: Fronts?

        public init(setup: Setup, trialSeeds: [UInt64], offTableAnswers: Int, stalledTrials: Int,
                    unansweredQueries: Int, log: Log, curves: Curves, fronts: Fronts?) {
            self.setup = setup; self.trialSeeds = trialSeeds; self.offTableAnswers = offTableAnswers
            self.stalledTrials = stalledTrials; self.unansweredQueries = unansweredQueries
            self.log = log; self.curves = curves; self.fronts = fronts
        }
    }

    /// How a configuration is described, as plain text: the runner fills it from the spec,
    /// reports print it.
    ///
    /// ```swift
    /// let setup = RunsFile.Setup(label: "aging", type: "aging-evolution", parameters: "population=10, sample=3",
    ///                            mutation: "nats-one-op", cache: "charge")
    /// setup.summary   // "aging-evolution, population=10, sample=3, mutation=nats-one-op, cache=charge"
    /// ```
    public struct Setup: Sendable, Equatable {
        /// The spec's label as stored: it names a group and a folder, so `/` and spaces
        /// become `_`.
        public var label: String
        /// The algorithm type, e.g. `nsga2`.
        public var type: String
        /// The canonical parameters, `key=value` joined by `, `; empty for none.
        public var parameters: String
        /// The mutation operator; nil for algorithms that have none of their own.
        public var mutation: String?
        /// The cache policy, e.g. `charge`.
        public var cache: String

        public init(label: String, type: String, parameters: String, mutation: String?, cache: String) {
            self.label = ResultsStore.safeName(label)
            self.type = type; self.parameters = parameters; self.mutation = mutation; self.cache = cache
        }

        /// Type, parameters, mutation and cache in one line, as reports print them.
        public var summary: String {
            [type, parameters.isEmpty ? nil : parameters, mutation.map { "mutation=\($0)" }, "cache=\(cache)"]
                .compactMap { $0 }.joined(separator: ", ")
        }
    }

    /// Every evaluation of every trial of a configuration, trial after trial, one entry per
    /// evaluation in each column.
    public struct Log: Sendable, Equatable {
        /// The trial index of each evaluation.
        public var trial: [Int32]
        /// 1-based evaluation number within its trial.
        public var step: [Int32]
        /// The table row that answered; −1 for a surrogate's answer.
        public var row: [Int32]
        /// [evaluations × objectives], row-major, natural units and directions.
        public var objectives: [Double]
        /// [evaluations × reported metrics], row-major.
        public var reported: [Double]
        /// Simulated seconds each evaluation was charged.
        public var cost: [Double]
        /// Simulated seconds spent by the trial after each evaluation.
        public var cumulativeCost: [Double]
        /// Whether each answer was a table row (false: nearest row or surrogate).
        public var exact: [Bool]

        public init(trial: [Int32], step: [Int32], row: [Int32], objectives: [Double], reported: [Double],
                    cost: [Double], cumulativeCost: [Double], exact: [Bool]) {
            self.trial = trial; self.step = step; self.row = row; self.objectives = objectives
            self.reported = reported; self.cost = cost; self.cumulativeCost = cumulativeCost; self.exact = exact
        }

        /// The number of evaluations, all trials together.
        public var count: Int { row.count }

        /// `cumulativeCost` split by `trial`, trials in index order.
        ///
        /// - Complexity: O(evaluations)
        public var trialCumulativeCosts: [[Double]] {
            guard trial.count == cumulativeCost.count else { return [] }
            var out: [[Double]] = []
            // Trial-major: each run of one trial number is one slice (a file of another
            // order still gets every value under its trial).
            var start = 0
            while start < trial.count {
                var end = start + 1
                while end < trial.count && trial[end] == trial[start] { end += 1 }
                let i = Int(trial[start])
                if i >= 0 {
                    while out.count <= i { out.append([]) }
                    out[i] += cumulativeCost[start..<end]
                }
                start = end
            }
            return out
        }
    }

    /// Per-trial curves, each a [trials × steps] matrix NaN-padded to the longest trial
    /// (`CurveMatrix`: its rows read as arrays).
    public struct Curves: Sendable, Equatable {
        /// The best first objective found so far, in its natural units.
        public var bestSignal: CurveMatrix
        /// One matrix per reported metric (in `Provenance.reported` order): the metric of the
        /// incumbent, the evaluation with the best first objective so far.
        public var incumbentReported: [CurveMatrix]
        /// Hypervolume in normalised objective space; nil when not measured.
        public var hypervolume: CurveMatrix?
        /// Hypervolume divided by the table's true front's; nil when not measured.
        public var normalizedHypervolume: CurveMatrix?

        public init(bestSignal: CurveMatrix, incumbentReported: [CurveMatrix],
                    hypervolume: CurveMatrix?, normalizedHypervolume: CurveMatrix?) {
            self.bestSignal = bestSignal; self.incumbentReported = incumbentReported
            self.hypervolume = hypervolume; self.normalizedHypervolume = normalizedHypervolume
        }
    }

    /// The table rows of every trial's final non-dominated set, as two parallel columns.
    public struct Fronts: Sendable, Equatable {
        public var trial: [Int32]
        public var row: [Int32]

        public init(trial: [Int32], row: [Int32]) {
            self.trial = trial; self.row = row
        }

        /// The rows of one trial's front, in the order stored.
        ///
        /// - Complexity: O(rows of all fronts)
        public func rows(ofTrial t: Int) -> [Int32] {
            zip(trial, row).filter { $0.0 == Int32(t) }.map(\.1)
        }
    }
}

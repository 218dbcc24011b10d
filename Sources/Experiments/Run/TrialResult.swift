import HDF5Kit
import NASCore

/// Everything one trial produced: its evaluation log and its curves. Written to its own
/// file the moment the trial ends, so a killed run loses at most the trials in flight.
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

    func group(trialHash: String, objectiveCount k: Int, reportedCount r: Int) -> H5Group {
        var g = H5Group()
        g.attributes = [
            "algorithm": .string(algorithm), "trial": .int(Int64(trial)), "seed": .int(Int64(bitPattern: seed)),
            "trial_hash": .string(trialHash), "stalled": .int(stalled ? 1 : 0), "unanswered": .int(Int64(unanswered)),
        ]
        let n = rows.count
        g.set("log/row", H5Dataset(.int32(rows)))
        g.set("log/objectives", H5Dataset(.float64(objectives), shape: [n, k]))
        g.set("log/reported", H5Dataset(.float64(reported), shape: [n, r]))
        g.set("log/cost", H5Dataset(.float64(cost)))
        g.set("log/cumulative_cost", H5Dataset(.float64(cumulativeCost)))
        g.set("log/exact", H5Dataset(.uint8(exact)))
        g.set("curves/best_signal", H5Dataset(.float64(bestSignal)))
        g.set("curves/incumbent_reported", H5Dataset(.float64(incumbentReported), shape: [n, r]))
        g.set("curves/hv", H5Dataset(.float64(hypervolume)))
        g.set("curves/normalized_hv", H5Dataset(.float64(normalizedHypervolume)))
        g.set("front/rows", H5Dataset(.int32(frontRows)))
        return g
    }

    init(algorithm: String, trial: Int, seed: UInt64, rows: [Int32], objectives: [Double], reported: [Double],
         cost: [Double], cumulativeCost: [Double], exact: [UInt8], bestSignal: [Double], incumbentReported: [Double],
         hypervolume: [Double], normalizedHypervolume: [Double], frontRows: [Int32], stalled: Bool, unanswered: Int) {
        self.algorithm = algorithm; self.trial = trial; self.seed = seed; self.rows = rows
        self.objectives = objectives; self.reported = reported; self.cost = cost; self.cumulativeCost = cumulativeCost
        self.exact = exact; self.bestSignal = bestSignal; self.incumbentReported = incumbentReported
        self.hypervolume = hypervolume; self.normalizedHypervolume = normalizedHypervolume
        self.frontRows = frontRows; self.stalled = stalled; self.unanswered = unanswered
    }

    /// Reads a trial file back; nil if it is not one (the caller reruns the trial).
    init?(group g: H5Group) {
        guard let algorithm = g.attributes["algorithm"]?.stringValue, let trial = g.attributes["trial"]?.intValue,
              let seed = g.attributes["seed"]?.intValue,
              case .int32(let rows)? = g.dataset(at: "log/row")?.data,
              case .float64(let objectives)? = g.dataset(at: "log/objectives")?.data,
              case .float64(let reported)? = g.dataset(at: "log/reported")?.data,
              case .float64(let cost)? = g.dataset(at: "log/cost")?.data,
              case .float64(let cumulative)? = g.dataset(at: "log/cumulative_cost")?.data,
              case .uint8(let exact)? = g.dataset(at: "log/exact")?.data,
              case .float64(let best)? = g.dataset(at: "curves/best_signal")?.data,
              case .float64(let incumbent)? = g.dataset(at: "curves/incumbent_reported")?.data,
              case .float64(let hv)? = g.dataset(at: "curves/hv")?.data,
              case .float64(let nhv)? = g.dataset(at: "curves/normalized_hv")?.data,
              case .int32(let front)? = g.dataset(at: "front/rows")?.data
        else { return nil }
        self.init(algorithm: algorithm, trial: Int(trial), seed: UInt64(bitPattern: seed), rows: rows, objectives: objectives,
                  reported: reported, cost: cost, cumulativeCost: cumulative, exact: exact, bestSignal: best,
                  incumbentReported: incumbent, hypervolume: hv, normalizedHypervolume: nhv, frontRows: front,
                  stalled: g.attributes["stalled"]?.intValue == 1, unanswered: Int(g.attributes["unanswered"]?.intValue ?? 0))
    }
}

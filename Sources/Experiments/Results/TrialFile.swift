import HDF5Kit

/// One finished trial on disk, `trials/<label>/trial-NNNNNN.h5`: the unit of atomicity and
/// of resumption (`ResultsStore`). The only place its layout is spelled.
///
/// ```swift
/// try TrialFile.write(result, trialHash: spec.trialHash, objectiveCount: 2, reportedCount: 1, to: path)
/// let back = try TrialFile.read(path, trialHash: spec.trialHash)   // nil: incomplete, rerun it
/// ```
///
/// ```text
/// /        attributes: algorithm, trial, seed, trial_hash, stalled, unanswered
///   log/     row, objectives [n × k], reported [n × r], cost, cumulative_cost, exact
///   curves/  best_signal, incumbent_reported [n × r], hv, normalized_hv
///   front/   rows
/// ```
enum TrialFile {
    /// The file was written under another `trialHash`: another version of the spec.
    struct OtherSpec: Error {}

    /// Writes the file atomically (`HDF5File.write` renames a finished temporary file).
    ///
    /// - Parameters:
    ///   - objectiveCount: the width of the objective matrices.
    ///   - reportedCount: the width of the reported-metric matrices.
    static func write(_ t: TrialResult, trialHash: String, objectiveCount k: Int, reportedCount r: Int, to path: String) throws {
        var g = H5Group()
        g.attributes = [
            "algorithm": .string(t.algorithm), "trial": .int(Int64(t.trial)), "seed": .int(Int64(bitPattern: t.seed)),
            "trial_hash": .string(trialHash), "stalled": .int(t.stalled ? 1 : 0), "unanswered": .int(Int64(t.unanswered)),
        ]
        let n = t.rows.count
        g.set("log/row", H5Dataset(.int32(t.rows)))
        g.set("log/objectives", H5Dataset(.float64(t.objectives), shape: [n, k]))
        g.set("log/reported", H5Dataset(.float64(t.reported), shape: [n, r]))
        g.set("log/cost", H5Dataset(.float64(t.cost)))
        g.set("log/cumulative_cost", H5Dataset(.float64(t.cumulativeCost)))
        g.set("log/exact", H5Dataset(.uint8(t.exact)))
        g.set("curves/best_signal", H5Dataset(.float64(t.bestSignal)))
        g.set("curves/incumbent_reported", H5Dataset(.float64(t.incumbentReported), shape: [n, r]))
        g.set("curves/hv", H5Dataset(.float64(t.hypervolume)))
        g.set("curves/normalized_hv", H5Dataset(.float64(t.normalizedHypervolume)))
        g.set("front/rows", H5Dataset(.int32(t.frontRows)))
        try HDF5File.write(g, to: path)
    }

    /// Reads a trial file back.
    ///
    /// - Returns: nil if the file is not a complete trial file (the caller reruns the trial).
    /// - Throws: `OtherSpec` when it was written under another trial hash (checked first:
    ///   mixing specs would silently corrupt a comparison); `HDF5Error` for a damaged file.
    static func read(_ path: String, trialHash: String) throws -> TrialResult? {
        let g = try HDF5File.read(path)
        guard g.attributes["trial_hash"]?.stringValue == trialHash else { throw OtherSpec() }
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
        return TrialResult(
            algorithm: algorithm, trial: Int(trial), seed: UInt64(bitPattern: seed), rows: rows, objectives: objectives,
            reported: reported, cost: cost, cumulativeCost: cumulative, exact: exact, bestSignal: best,
            incumbentReported: incumbent, hypervolume: hv, normalizedHypervolume: nhv, frontRows: front,
            stalled: g.attributes["stalled"]?.intValue == 1, unanswered: Int(g.attributes["unanswered"]?.intValue ?? 0))
    }
}

import HDF5Kit
import NASCore

/// The trial file format of folders written before 2026-12-05, `trial-NNNNNN.h5`:
///
/// ```text
/// /        attributes: algorithm, trial, seed (text), trial_hash, stalled, unanswered,
///                      content_sha256
///   log/     row, objectives [n × k], reported [n × r], cost, cumulative_cost, exact
///   curves/  best_signal, incumbent_reported [n × r], hv, normalized_hv
///   front/   rows
/// ```
extension TrialFile {
    /// Writes the trial in the HDF5 format of folders before 2026-12-05, atomically: kept so
    /// tests can build such a folder and check it still resumes.
    ///
    /// - Parameters:
    ///   - objectiveCount: the width of the objective matrices.
    ///   - reportedCount: the width of the reported-metric matrices.
    /// - Complexity: O(evaluations × (objectives + reported metrics)), the checksum included.
    static func writeHDF5(_ t: TrialResult, trialHash: String, objectiveCount k: Int, reportedCount r: Int, to path: String) throws {
        var g = H5Group()
        g.attributes = [
            // Text: integer attributes are signed, and a trial's seed is any UInt64.
            "algorithm": .string(t.algorithm), "trial": .int(Int64(t.trial)), "seed": .string(String(t.seed)),
            "trial_hash": .string(trialHash), "stalled": .int(t.stalled ? 1 : 0), "unanswered": .int(Int64(t.unanswered)),
            "content_sha256": .string(checksum(t, trialHash: trialHash, objectiveCount: k, reportedCount: r)),
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

    /// `read` for a file in the HDF5 format.
    static func readHDF5(_ path: String, for slot: Slot) throws -> TrialResult {
        let g: H5Group
        do { g = try HDF5File.read(path) } catch {
            throw Rejected(reason: "cannot be read (truncated or damaged)")
        }
        let storedHash = g.attributes["trial_hash"]?.stringValue
        guard let stored = g.attributes["content_sha256"]?.stringValue else {
            // Files written before checksums: refuse another spec's as always, recompute ours.
            if let storedHash, storedHash != slot.trialHash { throw OtherSpec() }
            throw Rejected(reason: "has no content checksum (written before trial files carried one)", predatesChecksums: true)
        }
        guard let storedHash, let algorithm = g.attributes["algorithm"]?.stringValue,
              let trial = g.attributes["trial"]?.intValue,
              let seed = g.attributes["seed"]?.stringValue.flatMap({ UInt64($0) }),
              let stalled = g.attributes["stalled"]?.intValue, let unanswered = g.attributes["unanswered"]?.intValue,
              let unansweredCount = Int(exactly: unanswered), let trialIndex = Int(exactly: trial),
              case .int32(let rows)? = g.dataset(at: "log/row")?.data,
              let objectivesSet = g.dataset(at: "log/objectives"), case .float64(let objectives) = objectivesSet.data,
              let reportedSet = g.dataset(at: "log/reported"), case .float64(let reported) = reportedSet.data,
              case .float64(let cost)? = g.dataset(at: "log/cost")?.data,
              case .float64(let cumulative)? = g.dataset(at: "log/cumulative_cost")?.data,
              case .uint8(let exact)? = g.dataset(at: "log/exact")?.data,
              case .float64(let best)? = g.dataset(at: "curves/best_signal")?.data,
              case .float64(let incumbent)? = g.dataset(at: "curves/incumbent_reported")?.data,
              case .float64(let hv)? = g.dataset(at: "curves/hv")?.data,
              case .float64(let nhv)? = g.dataset(at: "curves/normalized_hv")?.data,
              case .int32(let front)? = g.dataset(at: "front/rows")?.data
        else { throw Rejected(reason: "is not a complete trial file") }
        let result = TrialResult(
            algorithm: algorithm, trial: trialIndex, seed: seed, rows: rows, objectives: objectives,
            reported: reported, cost: cost, cumulativeCost: cumulative, exact: exact, bestSignal: best,
            incumbentReported: incumbent, hypervolume: hv, normalizedHypervolume: nhv, frontRows: front,
            stalled: stalled == 1, unanswered: unansweredCount)
        // The widths as stored: a file of other widths must fail its checksum, not be
        // reinterpreted under the spec's.
        let k = objectivesSet.shape.count == 2 ? objectivesSet.shape[1] : -1
        let r = reportedSet.shape.count == 2 ? reportedSet.shape[1] : -1
        guard checksum(result, trialHash: storedHash, objectiveCount: k, reportedCount: r) == stored else {
            throw Rejected(reason: "does not match its content checksum (edited or damaged)")
        }
        guard storedHash == slot.trialHash else { throw OtherSpec() }
        guard algorithm == slot.algorithm, trialIndex == slot.trial else {
            throw Rejected(reason: "holds trial \(trialIndex) of '\(algorithm)', not trial \(slot.trial) of '\(slot.algorithm)' (copied over?)")
        }
        guard k == slot.objectiveCount, r == slot.reportedCount, result.isWellFormed(objectiveCount: k, reportedCount: r) else {
            throw Rejected(reason: "has \(k) objective and \(r) reported columns or ragged logs, not the spec's \(slot.objectiveCount) and \(slot.reportedCount)")
        }
        return result
    }

    /// SHA-256 of everything the file holds, in a fixed order: the identifying attributes
    /// as text, then each array's length and its values' little-endian bytes.
    ///
    /// - Complexity: O(evaluations × (objectives + reported metrics)).
    static func checksum(_ t: TrialResult, trialHash: String, objectiveCount k: Int, reportedCount r: Int) -> String {
        var h = SHA256()
        h.update("nasreplay trial file 2\ntrial_hash=\(trialHash)\nalgorithm=\(t.algorithm)\ntrial=\(t.trial)\nseed=\(t.seed)\n")
        h.update("stalled=\(t.stalled)\nunanswered=\(t.unanswered)\nobjectives=\(k)\nreported=\(r)\n")
        func add<T: FixedWidthInteger>(_ name: String, _ values: [T]) {
            h.update("\(name) \(values.count)\n")
            values.map(\.littleEndian).withUnsafeBytes { h.update(buffer: $0) }
        }
        add("log/row", t.rows)
        add("log/objectives", t.objectives.map(\.bitPattern))
        add("log/reported", t.reported.map(\.bitPattern))
        add("log/cost", t.cost.map(\.bitPattern))
        add("log/cumulative_cost", t.cumulativeCost.map(\.bitPattern))
        add("log/exact", t.exact)
        add("curves/best_signal", t.bestSignal.map(\.bitPattern))
        add("curves/incumbent_reported", t.incumbentReported.map(\.bitPattern))
        add("curves/hv", t.hypervolume.map(\.bitPattern))
        add("curves/normalized_hv", t.normalizedHypervolume.map(\.bitPattern))
        add("front/rows", t.frontRows)
        return h.finalizeHex()
    }
}

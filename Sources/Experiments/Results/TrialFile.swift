import HDF5Kit
import NASCore

/// One finished trial on disk, `trials/<label>/trial-NNNNNN.h5`: the unit of atomicity and
/// of resumption (`ResultsStore`). The only place its layout is spelled.
///
/// ```swift
/// try TrialFile.write(result, trialHash: spec.trialHash, objectiveCount: 2, reportedCount: 1, to: path)
/// let slot = TrialFile.Slot(trialHash: spec.trialHash, algorithm: "nsga2", trial: 4, objectiveCount: 2, reportedCount: 1)
/// let back = try TrialFile.read(path, for: slot)   // throws Rejected: recompute the trial
/// ```
///
/// ```text
/// /        attributes: algorithm, trial, seed (text), trial_hash, stalled, unanswered,
///                      content_sha256
///   log/     row, objectives [n × k], reported [n × r], cost, cumulative_cost, exact
///   curves/  best_signal, incumbent_reported [n × r], hv, normalized_hv
///   front/   rows
/// ```
///
/// A file is used only if it is the trial its name says: written under this spec
/// (`trial_hash`), for this algorithm and trial index, with the widths the spec gives, and
/// with `content_sha256` equal to the checksum of everything it holds. A file copied over
/// another, edited, truncated, or written before files carried checksums fails that check
/// (`Rejected`), and the trial is run again. The checksum catches accidents and edits, not
/// a forger: anyone can compute it.
enum TrialFile {
    /// The file was written under another `trialHash`: another version of the spec.
    struct OtherSpec: Error {}

    /// The file is not the trial it should be; `reason` says why, for a one-line report.
    struct Rejected: Error, Equatable {
        var reason: String
        /// Intact as far as can be told, but written before trial files carried checksums,
        /// so unverifiable: a folder of older results holds many, reported together.
        var predatesChecksums = false
    }

    /// What a trial file must hold to stand for one (algorithm, trial) of a spec.
    struct Slot: Sendable {
        var trialHash: String
        var algorithm: String
        var trial: Int
        var objectiveCount: Int
        var reportedCount: Int
    }

    /// Writes the file atomically (`HDF5File.write` renames a finished temporary file).
    ///
    /// - Parameters:
    ///   - objectiveCount: the width of the objective matrices.
    ///   - reportedCount: the width of the reported-metric matrices.
    /// - Complexity: O(evaluations × (objectives + reported metrics)), the checksum included.
    static func write(_ t: TrialResult, trialHash: String, objectiveCount k: Int, reportedCount r: Int, to path: String) throws {
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

    /// Reads a trial file back and checks it is the trial `slot` names.
    ///
    /// - Throws: `OtherSpec` when its content is intact but it was written under another
    ///   trial hash (mixing specs would silently corrupt a comparison, so the caller
    ///   refuses); `Rejected` when it cannot be read, is incomplete, fails its checksum, or
    ///   holds another algorithm's or trial's results (the caller recomputes it).
    /// - Complexity: O(file size).
    static func read(_ path: String, for slot: Slot) throws -> TrialResult {
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

extension TrialResult {
    /// Whether every per-evaluation array has one entry (or row) per evaluation, as
    /// `RunsFile.Configuration` assumes when it concatenates logs and pads curves.
    func isWellFormed(objectiveCount k: Int, reportedCount r: Int) -> Bool {
        let n = rows.count
        return objectives.count == n * k && reported.count == n * r && cost.count == n && cumulativeCost.count == n
            && exact.count == n && bestSignal.count == n && incumbentReported.count == n * r
            && (hypervolume.isEmpty || hypervolume.count == n) && normalizedHypervolume.count == hypervolume.count
    }
}

import Foundation
import HDF5Kit
import NASCore

/// One finished trial in a file of its own, as folders written before segments
/// (`TrialJournal`) hold them: `trials/<label>/trial-NNNNNN.rec` (a `TrialRecord`, 2026-12-05)
/// or `trial-NNNNNN.h5` (`TrialFile+HDF5.swift`, before). They are read and checked as
/// before; a trial recomputed there goes to a segment and its file is deleted. `Slot` and
/// `Rejected` are what every record is checked against, wherever it is stored.
///
/// ```swift
/// try TrialFile.write(result, trialHash: spec.trialHash, objectiveCount: 2, reportedCount: 1, to: path)
/// let slot = TrialFile.Slot(trialHash: spec.trialHash, algorithm: "nsga2", trial: 4, objectiveCount: 2, reportedCount: 1)
/// let back = try TrialFile.read(path, for: slot)   // throws Rejected: recompute the trial
/// ```
///
/// A file is used only if it is the trial its name says: written under this spec
/// (its trial hash), for this algorithm and trial index, with the widths the spec gives, and
/// with the checksum of everything it holds intact. A file copied over
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
        /// The table's columns of the spec's objectives and reported metrics, for records
        /// that leave their values to it; nil where the run has none (they are then refused).
        var table: TrialRecord.TableColumns? = nil
    }

    /// The current format's extension; `legacyExtension` is the HDF5 format's.
    static let recordExtension = "rec"
    /// What every trial file's name starts with: `trial-NNNNNN.<extension>`.
    static let namePrefix = "trial-"
    static let legacyExtension = "h5"

    /// Writes the trial as a record in a file of its own, atomically (what a folder of
    /// 2026-12-05 holds; runs append to segments instead).
    ///
    /// - Complexity: O(evaluations × (objectives + reported metrics)).
    static func write(_ t: TrialResult, trialHash: String, objectiveCount k: Int, reportedCount r: Int, to path: String) throws {
        do {
            try AtomicFile.write(TrialRecord.encode(t, trialHash: trialHash, objectiveCount: k, reportedCount: r), to: path)
        } catch {
            throw RunError("cannot write \(path): \(error.message)")
        }
    }

    /// Reads a trial file back, a record or (by its `.h5` name) an HDF5 file of an older
    /// folder, and checks it is the trial `slot` names.
    ///
    /// - Throws: `OtherSpec` when its content is intact but it was written under another
    ///   trial hash (mixing specs would silently corrupt a comparison, so the caller
    ///   refuses); `Rejected` when it cannot be read, is incomplete, fails its checksum, or
    ///   holds another algorithm's or trial's results (the caller recomputes it).
    /// - Complexity: O(file size).
    static func read(_ path: String, for slot: Slot) throws -> TrialResult {
        if path.hasSuffix("." + legacyExtension) { return try readHDF5(path, for: slot) }
        return try TrialRecord.decode(try bytes(of: path), for: slot)
    }

    /// The largest trial file read: far above any trial within the run limits
    /// (docs/LIMITS.md), and checked before the bytes are allocated.
    static let maximumBytes = 1 << 34

    /// The whole file, read with one buffer of its size.
    private static func bytes(of path: String) throws -> [UInt8] {
        let unreadable = Rejected(reason: "cannot be read (truncated or damaged)")
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw Rejected(reason: "cannot be opened: \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        var status = stat()
        guard fstat(fd, &status) == 0, status.st_mode & S_IFMT == S_IFREG else { throw unreadable }
        let size = Int(status.st_size)
        guard size <= maximumBytes else { throw Rejected(reason: "is \(size) bytes, larger than any trial file") }
        guard let bytes = read(fd, count: size, at: 0) else { throw unreadable }
        return bytes
    }

    /// `count` bytes of the open file from `offset`, or nil when they are not all there.
    static func read(_ fd: Int32, count: Int, at offset: Int) -> [UInt8]? {
        var bytes = [UInt8](repeating: 0, count: count)
        var done = 0
        while done < count {
            let n = bytes.withUnsafeMutableBytes { pread(fd, $0.baseAddress! + done, count - done, off_t(offset + done)) }
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { return nil }
            done += n
        }
        return bytes
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

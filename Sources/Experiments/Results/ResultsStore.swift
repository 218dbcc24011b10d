import Foundation
import HDF5Kit
import NASCore

/// `results/<name>/`: the finished trials under `trials/<label>/`, and `runs.h5` assembled
/// from them (docs/RESULTS.md).
///
/// A trial is the unit of resumption: once its record is in a segment (`TrialJournal`) and
/// passes its check, a rerun skips it. Folders written before segments hold one file per
/// trial (`trial-NNNNNN.rec`, or `.h5` before 2026-12-05); those are read as before.
public struct ResultsStore: Sendable {
    public let folder: String
    /// This process's segments and the index of everyone's.
    let journal: TrialJournal

    /// - Parameter shard: the (index, count) of the shard this process runs, named in its
    ///   segments.
    public init(root: String, experiment: String, shard: (index: Int, count: Int)? = nil) {
        self.init(folder: "\(root)/\(experiment)", shard: shard)
    }

    /// An existing results folder, e.g. `results/nats-tss-multi` (what `report` and `plot` take).
    public init(folder: String, shard: (index: Int, count: Int)? = nil) {
        self.folder = folder
        journal = TrialJournal(folder: folder, tag: shard.map { "shard\($0.index)of\($0.count)" })
    }

    public var runsFile: String { "\(folder)/runs.h5" }
    public var summaryFile: String { "\(folder)/summary.md" }

    /// A label as a folder or group name: `/` and spaces become `_`. Labels are plain names
    /// since specs are checked (`PlainName`); this keeps older labels and sweep labels
    /// (`name[key=value]`) inside `trials/` too.
    static func safeName(_ label: String) -> String {
        let safe = String(label.map { $0 == "/" || $0 == " " || $0 == "\0" ? "_" : $0 })
        return safe == "." || safe == ".." || safe.isEmpty ? "_" + safe : safe
    }

    func trialFolder(_ algorithm: String) -> String { "\(folder)/trials/\(Self.safeName(algorithm))" }

    /// A trial's own file in a folder written on 2026-12-05, before segments: a record
    /// (`TrialFile`), read when no segment holds the trial.
    public func trialFile(algorithm: String, trial: Int) -> String {
        trialFile(algorithm: algorithm, trial: trial, extension: TrialFile.recordExtension)
    }

    /// A trial's file in a folder written before 2026-12-05 (HDF5), read when it has no record.
    func legacyTrialFile(algorithm: String, trial: Int) -> String {
        trialFile(algorithm: algorithm, trial: trial, extension: TrialFile.legacyExtension)
    }

    private func trialFile(algorithm: String, trial: Int, extension ext: String) -> String {
        "\(trialFolder(algorithm))/\(Self.trialFileName(trial, extension: ext))"
    }

    /// `trial-NNNNNN.<ext>`.
    static func trialFileName(_ trial: Int, extension ext: String) -> String {
        let digits = String(trial)
        return TrialFile.namePrefix + String(repeating: "0", count: max(0, 6 - digits.count)) + digits + "." + ext
    }

    /// The trial's own file (a record, else the older HDF5 one) if its folder holds one.
    private func existingTrialFile(algorithm: String, trial: Int) -> String? {
        // A folder of segments only (every run since 2026-12-05) answers without a name.
        guard journal.holdsTrialFiles(label: algorithm) else { return nil }
        for ext in [TrialFile.recordExtension, TrialFile.legacyExtension]
        where journal.holdsTrialFile(label: algorithm, name: Self.trialFileName(trial, extension: ext)) {
            return trialFile(algorithm: algorithm, trial: trial, extension: ext)
        }
        return nil
    }

    /// Creates the folder, or says in one line why it cannot be (a file in the way, no
    /// permission, a name too long): bad input, found before any work.
    public func createFolder() throws {
        try Self.createDirectory(folder)
    }

    /// `mkdir -p`, with the failing folder and the system's reason in the message
    /// (Foundation's says `NSCocoaErrorDomain Code=512`).
    static func createDirectory(_ path: String) throws {
        var prefix = path.hasPrefix("/") ? "/" : ""
        for part in path.split(separator: "/") {
            prefix += prefix.isEmpty || prefix.hasSuffix("/") ? String(part) : "/" + part
            var status = stat()
            if stat(prefix, &status) == 0 {
                guard status.st_mode & S_IFMT == S_IFDIR else {
                    throw RunError("cannot create the results folder \(path): \(prefix) is a file, not a folder; move it or pass --results DIR", status: .badInput)
                }
                continue
            }
            if mkdir(prefix, 0o777) != 0 && errno != EEXIST {
                throw RunError("cannot create the results folder \(path) (\(prefix): \(String(cString: strerror(errno)))); pass --results DIR with a folder you can write", status: .badInput)
            }
        }
    }

    /// What went wrong, in words, without Foundation's `Error Domain=…` wrapping where the
    /// system gave a reason.
    static func reason(_ error: Error) -> String {
        let ns = error as NSError
        if ns.domain == NSPOSIXErrorDomain { return String(cString: strerror(Int32(truncatingIfNeeded: ns.code))) }
        return String(ns.localizedDescription.split(whereSeparator: \.isNewline).first ?? "unknown error")
    }

    /// The file whose byte ranges are the claims on one algorithm's trials
    /// (`trials/<label>/.claims`, `TrialClaim`). The holder of a trial's claim is the only
    /// writer of that trial file, so its temporaries are orphans once the claim is free.
    func claimsFile(algorithm: String) -> String {
        "\(trialFolder(algorithm))/.claims"
    }

    /// The lock held while runs.h5 and summary.md are written (`assemble`, `merge`).
    var assemblyLockFile: String { "\(folder)/.assemble.lock" }

    /// The claim on one trial: `.acquired` makes this process its only writer.
    func claim(algorithm: String, trial: Int, waiting: Bool) throws -> LockAttempt<TrialClaim> {
        let file = claimsFile(algorithm: algorithm)
        let take = { () throws -> LockAttempt<TrialClaim> in
            waiting ? try TrialClaim.wait(file: file, trial: trial) : try TrialClaim.attempt(file: file, trial: trial)
        }
        // The folder is made when the claims file cannot be opened without it: checking
        // it before every claim was a path walk per level per trial (issue 18).
        do { return try take() } catch {
            // Another worker may have made it meanwhile: making it is idempotent, and a
            // second failure is the error.
            try Self.createDirectory(trialFolder(algorithm))
            return try take()
        }
    }

    /// runs.h5's and summary.md's temporaries in the folder.
    static let assemblyFiles = ["runs.h5", "summary.md"]
    private var assemblyTemporaries: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter { name in
            Self.assemblyFiles.contains { TemporaryName.writer(of: name, base: $0) != nil }
        }
    }

    /// Deletes every temporary of runs.h5 and summary.md; call it only while holding the
    /// assembly lock, which every writer of them holds, so they are all orphans.
    func removeAssemblyTemporaries() {
        for name in assemblyTemporaries { unlink("\(folder)/\(name)") }
    }

    /// Deletes what killed processes left behind: half-written runs.h5, summary.md and
    /// trial files. Only names this project writes, only in this
    /// folder and its `trials/<label>/` folders; complete files are never temporary, so this
    /// loses nothing.
    ///
    /// A temporary is an orphan when the lock its writer must hold is free: the assembly
    /// lock for runs.h5 and summary.md, the trial's claim for a trial file. That holds for
    /// writers on any host sharing the folder. Where the filesystem takes no locks, only
    /// temporaries of writers on this host whose process is gone are deleted
    /// (`TemporaryName.isGone`).
    ///
    /// - Returns: why locks are unavailable, when they are, for one notice.
    @discardableResult
    public func removeStaleTemporaries() -> String? {
        let fm = FileManager.default
        var unsupported: String?
        let topFiles = assemblyTemporaries
        if !topFiles.isEmpty {
            switch try? FileLock.attempt(assemblyLockFile) {
            case .acquired(let lock)?:
                removeAssemblyTemporaries()
                lock.release()
            case .unsupported(let reason)?:
                unsupported = reason
                removeOrphans(topFiles, in: folder, bases: Self.assemblyFiles)
            case .busy?, nil:
                removeOrphans(topFiles, in: folder, bases: Self.assemblyFiles)
            }
        }
        guard let algorithms = try? fm.contentsOfDirectory(atPath: "\(folder)/trials") else { return unsupported }
        for algorithm in algorithms {
            let dir = "\(folder)/trials/\(algorithm)"
            for name in (try? fm.contentsOfDirectory(atPath: dir)) ?? [] {
                if name.hasPrefix(".trial-"), name.hasSuffix(".h5.copy") {   // merge's temporaries before 2026-12
                    unlink("\(dir)/\(name)")
                    continue
                }
                if name.hasPrefix(".trial-"), name.hasSuffix(".claim") {       // one claim file per trial, briefly in 2026-12
                    if case .acquired(let lock)? = try? FileLock.attempt("\(dir)/\(name)") { lock.release(removingFile: true) }
                    continue
                }
                // A trial file's temporary is an orphan when its trial's claim is free.
                guard name.hasPrefix("trial-"),
                      let marker = [TrialFile.recordExtension, TrialFile.legacyExtension].lazy
                        .compactMap({ name.range(of: ".\($0).tmp-") }).first,
                      let trial = Int(name[name.index(name.startIndex, offsetBy: 6)..<marker.lowerBound]) else { continue }
                let base = String(name[..<name.index(marker.upperBound, offsetBy: -5)])
                guard TemporaryName.writer(of: name, base: base) != nil else { continue }
                switch try? TrialClaim.attempt(file: "\(dir)/.claims", trial: trial) {
                case .acquired(let claim)?:
                    unlink("\(dir)/\(name)")
                    claim.release()
                case .unsupported(let reason)?:
                    unsupported = reason
                    removeOrphans([name], in: dir, bases: [base])
                case .busy?, nil: break
                }
            }
        }
        return unsupported
    }

    /// Without locks: deletes the temporaries among `names` whose writer is provably gone.
    private func removeOrphans(_ names: [String], in dir: String, bases: [String]) {
        for name in names {
            guard let writer = bases.lazy.compactMap({ TemporaryName.writer(of: name, base: $0) }).first,
                  TemporaryName.isGone(writer) else { continue }
            unlink("\(dir)/\(name)")
        }
    }

    /// Appends a finished trial's record to this process's segment, under the trial's
    /// claim. A file of the trial from an older folder, which failed its check since the
    /// trial was run again, goes.
    func write(_ result: TrialResult, as slot: TrialFile.Slot) throws {
        try journal.append(label: result.algorithm, trial: result.trial) {
            TrialRecord.encode(result, trialHash: slot.trialHash, objectiveCount: slot.objectiveCount, reportedCount: slot.reportedCount,
                               table: slot.table, into: &$0)
        }
        for ext in [TrialFile.recordExtension, TrialFile.legacyExtension] {
            let name = Self.trialFileName(result.trial, extension: ext)
            guard journal.holdsTrialFile(label: result.algorithm, name: name) else { continue }
            unlink(trialFile(algorithm: result.algorithm, trial: result.trial, extension: ext))
            journal.forgetTrialFile(label: result.algorithm, name: name)
        }
    }

    /// Closes this process's segments: at the end of a run or a merge.
    func finishWriting() {
        journal.finish()
    }

    /// One line per segment whose scan met bytes that are not a record (`TrialJournal`).
    func segmentDamage() -> [String] { journal.damage() }

    /// The finished trial `slot` names, if a record of it (in a segment, or an older
    /// folder's trial file) exists and is that trial.
    ///
    /// - Parameter refresh: look again for records other processes appended since this
    ///   process last looked (after waiting for the trial's claim).
    /// - Returns: nil when there is no record; `.rejected` when none is the trial (edited,
    ///   truncated, copied over, or older than trial checksums): the caller reports it and
    ///   recomputes or skips it, never uses it.
    /// - Throws: `RunError` for a record of another version of the spec: mixing them would
    ///   silently corrupt the comparison, and recomputing would destroy that run's trials.
    func read(_ slot: TrialFile.Slot, refresh: Bool = false) throws -> StoredTrial? {
        var rejection: Rejection?
        for location in journal.locations(label: slot.algorithm, trial: slot.trial, refresh: refresh) {
            let name = "\(location.path) (byte \(location.offset))"
            do { return .valid(try TrialRecord.decode(try TrialJournal.bytes(at: location), for: slot)) } catch is TrialFile.OtherSpec {
                throw otherSpec(name)
            } catch let rejected as TrialFile.Rejected {
                rejection = rejection ?? Rejection(path: name, why: rejected)
            }
        }
        guard let path = existingTrialFile(algorithm: slot.algorithm, trial: slot.trial) else { return rejection.map { .rejected($0) } }
        do { return .valid(try TrialFile.read(path, for: slot)) } catch is TrialFile.OtherSpec {
            throw otherSpec(path)
        } catch let rejected as TrialFile.Rejected {
            return .rejected(rejection ?? Rejection(path: path, why: rejected))
        }
    }

    private func otherSpec(_ what: String) -> RunError {
        RunError("\(what) was produced by a different version of this spec; move \(folder) aside, pass --results DIR, or rename the experiment", status: .badInput)
    }

    /// A trial file that exists: the trial it holds, or why it cannot be used.
    enum StoredTrial: Equatable {
        case valid(TrialResult)
        case rejected(Rejection)
    }

    /// A trial file that failed its check.
    struct Rejection: Equatable {
        var path: String
        var why: TrialFile.Rejected
        /// One line naming the file and what is wrong with it.
        var line: String { "\(path) \(why.reason)" }
    }

    /// Reports rejected trial files through `notice`, each followed by what is done about
    /// it (`action`): one line per file, except files that only predate checksums, which a
    /// folder of older results holds by the hundred and which get one line together.
    struct RejectionReport {
        var action: String
        var notice: @Sendable (String) -> Void
        /// Paths of files that only predate checksums.
        private var older: [String] = []

        init(action: String, notice: @escaping @Sendable (String) -> Void) {
            self.action = action; self.notice = notice
        }

        mutating func add(_ rejection: Rejection) {
            if rejection.why.predatesChecksums { older.append(rejection.path) } else { notice("\(rejection.line); \(action)") }
        }

        func finish() {
            guard let first = older.first else { return }
            if older.count == 1 {
                notice("\(first) has no content checksum (written before trial files carried one); \(action)")
            } else {
                notice("\(older.count) trial files predate trial checksums (\(first), …); \(action)")
            }
        }
    }

    /// Whether the folder holds a runs.h5 (of a search run or a predictor evaluation).
    public var hasRunsFile: Bool { FileManager.default.fileExists(atPath: runsFile) }

    /// Writes runs.h5, creating the folder if needed.
    public func write(_ runs: RunsFile) throws {
        try createFolder()
        try runs.write(to: runsFile)
    }

    /// The search run's runs.h5.
    ///
    /// - Throws: `HDF5Error` when it is missing or damaged, `RunError` when it is not a
    ///   search run's.
    public func readRuns() throws -> RunsFile { try RunsFile.read(runsFile) }
}

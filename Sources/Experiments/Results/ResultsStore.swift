import Foundation
import NASCore

/// `results/<name>/`: one file per finished trial under `trials/`, and `runs.h5` assembled
/// from them (DESIGN.md, "Results on disk").
///
/// Trial files are the unit of atomicity and of resumption: each is written to a temporary
/// name and renamed, so a file that exists is complete, and a rerun skips it.
public struct ResultsStore: Sendable {
    public let folder: String

    public init(root: String, experiment: String) {
        folder = "\(root)/\(experiment)"
    }

    /// An existing results folder, e.g. `results/nats-tss-multi` (what `report` and `plot` take).
    public init(folder: String) {
        self.folder = folder
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

    public func trialFile(algorithm: String, trial: Int) -> String {
        "\(trialFolder(algorithm))/trial-\(String(format: "%06d", trial)).h5"
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

    /// Deletes temporary files a killed run left behind: runs.h5, summary.md and trial files
    /// half written by a process that no longer runs here. Only names this project writes
    /// (`<file>.tmp-<pid>[-<n>]`, `.<trial file>.copy`), only in this folder and its
    /// `trials/<label>/` folders; complete files are never temporary, so this loses nothing.
    public func removeStaleTemporaries() {
        let fm = FileManager.default
        for file in (try? fm.contentsOfDirectory(atPath: folder)) ?? [] where Self.isStaleTemporary(file, of: ["runs.h5", "summary.md"]) {
            try? fm.removeItem(atPath: "\(folder)/\(file)")
        }
        guard let algorithms = try? fm.contentsOfDirectory(atPath: "\(folder)/trials") else { return }
        for algorithm in algorithms {
            let dir = "\(folder)/trials/\(algorithm)"
            for file in (try? fm.contentsOfDirectory(atPath: dir)) ?? [] where Self.isStaleTemporary(file, of: nil) {
                try? fm.removeItem(atPath: "\(dir)/\(file)")
            }
        }
    }

    /// Whether `file` is a temporary of one of `names` (nil: of a trial file) whose writer is
    /// gone. A writer still running on this machine keeps its files: shards may share the
    /// folder. A `.copy` of `merge` has no writer id, and merge is never run twice at once.
    static func isStaleTemporary(_ file: String, of names: [String]?) -> Bool {
        if names == nil, file.hasPrefix(".trial-"), file.hasSuffix(".h5.copy") { return true }
        guard let marker = file.range(of: ".tmp-") else { return false }
        let base = String(file[..<marker.lowerBound])
        let isOurs = names?.contains(base) ?? (base.hasPrefix("trial-") && base.hasSuffix(".h5"))
        let ids = file[marker.upperBound...].split(separator: "-", omittingEmptySubsequences: false)
        guard isOurs, (1...2).contains(ids.count), ids.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isASCII) && Int($0) != nil }),
              let pid = Int32(ids[0]), pid > 0 else { return false }
        if pid == ProcessInfo.processInfo.processIdentifier { return false }
        return kill(pid, 0) != 0 && errno == ESRCH
    }

    func write(_ result: TrialResult, trialHash: String, objectiveCount: Int, reportedCount: Int) throws {
        try Self.createDirectory(trialFolder(result.algorithm))
        try TrialFile.write(result, trialHash: trialHash, objectiveCount: objectiveCount, reportedCount: reportedCount,
                            to: trialFile(algorithm: result.algorithm, trial: result.trial))
    }

    /// The finished trial `slot` names, if its file exists and is that trial.
    ///
    /// - Returns: nil when there is no file; `.rejected` when it is not the trial (swapped,
    ///   edited, truncated, or older than trial checksums): the caller reports it and
    ///   recomputes or skips it, never uses it.
    /// - Throws: `RunError` for a file of another version of the spec: mixing them would
    ///   silently corrupt the comparison, and recomputing would destroy that run's trials.
    func read(_ slot: TrialFile.Slot) throws -> StoredTrial? {
        try Self.read(trialFile(algorithm: slot.algorithm, trial: slot.trial), slot: slot, folder: folder)
    }

    static func read(_ path: String, slot: TrialFile.Slot, folder: String) throws -> StoredTrial? {
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        do { return .valid(try TrialFile.read(path, for: slot)) } catch is TrialFile.OtherSpec {
            throw RunError("\(path) was produced by a different version of this spec; move \(folder) aside or rename the experiment")
        } catch let rejected as TrialFile.Rejected {
            return .rejected(Rejection(path: path, why: rejected))
        }
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

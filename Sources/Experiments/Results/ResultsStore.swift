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

    static func safeName(_ label: String) -> String {
        String(label.map { $0 == "/" || $0 == " " ? "_" : $0 })
    }

    func trialFolder(_ algorithm: String) -> String { "\(folder)/trials/\(Self.safeName(algorithm))" }

    public func trialFile(algorithm: String, trial: Int) -> String {
        "\(trialFolder(algorithm))/trial-\(String(format: "%06d", trial)).h5"
    }

    /// Deletes half-written files a killed run left behind (complete files are never
    /// temporary, so this loses nothing).
    func removeStaleTemporaries() {
        let fm = FileManager.default
        guard let algorithms = try? fm.contentsOfDirectory(atPath: "\(folder)/trials") else { return }
        for algorithm in algorithms {
            let dir = "\(folder)/trials/\(algorithm)"
            for file in (try? fm.contentsOfDirectory(atPath: dir)) ?? [] where file.contains(".tmp-") {
                try? fm.removeItem(atPath: "\(dir)/\(file)")
            }
        }
    }

    func write(_ result: TrialResult, trialHash: String, objectiveCount: Int, reportedCount: Int) throws {
        try FileManager.default.createDirectory(atPath: trialFolder(result.algorithm), withIntermediateDirectories: true)
        try TrialFile.write(result, trialHash: trialHash, objectiveCount: objectiveCount, reportedCount: reportedCount,
                            to: trialFile(algorithm: result.algorithm, trial: result.trial))
    }

    /// The finished trial, if its file exists. A file from a different spec is an error:
    /// mixing them would silently corrupt the comparison.
    func read(algorithm: String, trial: Int, trialHash: String) throws -> TrialResult? {
        let path = trialFile(algorithm: algorithm, trial: trial)
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        do { return try TrialFile.read(path, trialHash: trialHash) } catch is TrialFile.OtherSpec {
            throw RunError("\(path) was produced by a different version of this spec; move \(folder) aside or rename the experiment")
        }
    }

    /// Whether the folder holds a runs.h5 (of a search run or a predictor evaluation).
    public var hasRunsFile: Bool { FileManager.default.fileExists(atPath: runsFile) }

    /// Writes runs.h5, creating the folder if needed.
    public func write(_ runs: RunsFile) throws {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try runs.write(to: runsFile)
    }

    /// The search run's runs.h5.
    ///
    /// - Throws: `HDF5Error` when it is missing or damaged, `RunError` when it is not a
    ///   search run's.
    public func readRuns() throws -> RunsFile { try RunsFile.read(runsFile) }
}

extension ResultsStore {
    /// Copies trial files from other results folders of the same experiment into this one.
    /// Existing files are kept; a file from a different spec fails later, at `read`.
    public func importTrials(from folders: [String]) throws -> Int {
        var copied = 0
        let fm = FileManager.default
        for source in folders {
            let trials = source + "/trials"
            guard let algorithms = try? fm.contentsOfDirectory(atPath: trials) else {
                throw RunError("\(source): no trials/ folder; pass the results/<name> folder of a shard")
            }
            for algorithm in algorithms.sorted() {
                let from = "\(trials)/\(algorithm)"
                let to = "\(folder)/trials/\(algorithm)"
                try fm.createDirectory(atPath: to, withIntermediateDirectories: true)
                for file in (try fm.contentsOfDirectory(atPath: from)).sorted() where file.hasSuffix(".h5") {
                    guard !fm.fileExists(atPath: "\(to)/\(file)") else { continue }
                    let temporary = "\(to)/.\(file).copy"
                    try? fm.removeItem(atPath: temporary)
                    try fm.copyItem(atPath: "\(from)/\(file)", toPath: temporary)
                    try fm.moveItem(atPath: temporary, toPath: "\(to)/\(file)")
                    copied += 1
                }
            }
        }
        return copied
    }
}

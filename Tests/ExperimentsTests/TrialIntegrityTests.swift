import Foundation
import HDF5Kit
import Synchronization
import Testing
@testable import Experiments

/// A trial file that is not the trial its name says (copied over another, edited,
/// truncated) is reported in one line naming it and recomputed on resume, so runs.h5 ends
/// identical to an uninterrupted run's; on merge it is reported and never merged.
@Suite struct TrialIntegrityTests {
    /// Collects the runner's notices.
    final class Notices: Sendable {
        let lines = Mutex<[String]>([])
        var all: [String] { lines.withLock { $0 } }
    }

    func runner(_ text: String, results: String, shard: (Int, Int)? = nil, notices: Notices = Notices()) throws -> ExperimentRunner {
        var options = ExperimentRunner.Options()
        options.resultsRoot = results
        options.progress = false
        options.threads = 2
        options.shard = shard
        options.notice = { line in notices.lines.withLock { $0.append(line) } }
        return try ExperimentRunner(spec: try ExperimentSpec.parse(text, file: "spec.toml"), catalog: ExperimentFixtures.catalog, options: options)
    }

    /// Replaces each trial's record by the HDF5 trial file of a folder written before
    /// 2026-12-05 (`trial-NNNNNN.h5`), with or without its content checksum.
    func convertToHDF5(_ runner: ExperimentRunner, trials: Int, checksums: Bool) throws {
        for c in runner.configs.indices {
            for t in 0..<trials {
                let label = runner.configs[c].label
                let record = runner.store.trialFile(algorithm: label, trial: t)
                let path = runner.store.legacyTrialFile(algorithm: label, trial: t)
                try TrialFile.writeHDF5(try TrialFile.read(record, for: runner.slot(config: c, trial: t)), trialHash: runner.spec.trialHash,
                                        objectiveCount: 1, reportedCount: 2, to: path)
                try FileManager.default.removeItem(atPath: record)
                guard !checksums else { continue }
                var root = try HDF5File.read(path)
                root.attributes["content_sha256"] = nil
                try HDF5File.write(root, to: path)
            }
        }
    }

    /// Changes one bit of a value in the middle of a trial file's logs.
    func flipAByteInTheMiddle(of path: String) throws {
        var bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        bytes[bytes.count / 2] ^= 1
        try bytes.write(to: URL(fileURLWithPath: path))
    }

    /// Copies one trial over another, edits a value of a third and truncates a fourth.
    /// Returns the three damaged paths.
    func tamper(_ store: ResultsStore) throws -> [String] {
        let fm = FileManager.default
        let swapped = store.trialFile(algorithm: "aging", trial: 0)
        try fm.removeItem(atPath: swapped)
        try fm.copyItem(atPath: store.trialFile(algorithm: "aging", trial: 1), toPath: swapped)
        let edited = store.trialFile(algorithm: "ga", trial: 2)
        try flipAByteInTheMiddle(of: edited)
        let truncated = store.trialFile(algorithm: "random", trial: 3)
        let bytes = try Data(contentsOf: URL(fileURLWithPath: truncated))
        try bytes.prefix(bytes.count / 2).write(to: URL(fileURLWithPath: truncated))
        return [swapped, edited, truncated]
    }

    @Test func swappedEditedAndTruncatedTrialFilesAreRecomputedOnResumeToTheUninterruptedRunsFile() throws {
        let text = ExperimentFixtures.spec(trials: 4, evaluations: 60, name: "integrity")
        let clean = try runner(text, results: ExperimentFixtures.temporaryFolder())
        _ = try clean.run()

        let folder = ExperimentFixtures.temporaryFolder()
        _ = try runner(text, results: folder).run()
        let notices = Notices()
        let resumed = try runner(text, results: folder, notices: notices)
        let damaged = try tamper(resumed.store)
        let outcome = try resumed.run()
        #expect(outcome.ran == 3 && outcome.resumed == 9)
        #expect(notices.all.count == 3, "\(notices.all)")
        for (path, why) in zip(damaged, ["holds trial 1 of 'aging', not trial 0 of 'aging'", "does not match its content checksum", "cannot be read"]) {
            #expect(notices.all.contains { $0.hasPrefix(path + " ") && $0.contains(why) && $0.hasSuffix("; running it again") }, "\(notices.all)")
        }
        #expect(notices.all.allSatisfy { !$0.contains("\n") })
        #expect(try HDF5File.read(resumed.store.runsFile) == (try HDF5File.read(clean.store.runsFile)))
    }

    @Test func trialFilesWrittenBeforeChecksumsAreRunAgainWithOneLineForAll() throws {
        let text = ExperimentFixtures.spec(trials: 2, evaluations: 60, name: "integrity-older")
        let folder = ExperimentFixtures.temporaryFolder()
        let first = try runner(text, results: folder)
        _ = try first.run()
        let reference = try HDF5File.read(first.store.runsFile)
        // As an older folder holds them: HDF5 files, from before trial checksums.
        try convertToHDF5(first, trials: 2, checksums: false)
        let notices = Notices()
        let outcome = try runner(text, results: folder, notices: notices).run()
        #expect(outcome.ran == 6 && outcome.resumed == 0)
        #expect(notices.all.count == 1 && notices.all.first?.hasPrefix("6 trial files predate trial checksums (\(folder)/integrity-older/trials/") == true,
                "\(notices.all)")
        #expect(try HDF5File.read(first.store.runsFile) == reference)
        // Each recomputed trial is a record now, and its rejected HDF5 file is gone.
        for c in first.configs.indices {
            for t in 0..<2 {
                #expect(FileManager.default.fileExists(atPath: first.store.trialFile(algorithm: first.configs[c].label, trial: t)))
                #expect(!FileManager.default.fileExists(atPath: first.store.legacyTrialFile(algorithm: first.configs[c].label, trial: t)))
            }
        }
    }

    @Test func aFolderOfHDF5TrialFilesResumesAndMergesAsBefore() throws {
        let text = ExperimentFixtures.spec(trials: 2, evaluations: 60, name: "integrity-hdf5")
        let folder = ExperimentFixtures.temporaryFolder()
        let first = try runner(text, results: folder)
        _ = try first.run()
        let reference = try HDF5File.read(first.store.runsFile)
        try convertToHDF5(first, trials: 2, checksums: true)
        try FileManager.default.removeItem(atPath: first.store.runsFile)
        let notices = Notices()
        let outcome = try runner(text, results: folder, notices: notices).run()
        #expect(outcome.ran == 0 && outcome.resumed == 6 && notices.all.isEmpty, "\(notices.all)")
        #expect(try HDF5File.read(first.store.runsFile) == reference)

        // A merge from that folder copies the trials, as records.
        let home = try runner(text, results: ExperimentFixtures.temporaryFolder())
        #expect(try home.importTrials(from: [first.store.folder]) == 6)
        _ = try home.assemble()
        #expect(try HDF5File.read(home.store.runsFile) == reference)
        #expect(FileManager.default.fileExists(atPath: home.store.trialFile(algorithm: home.configs[0].label, trial: 1)))
    }

    @Test func aDamagedShardTrialIsReportedAndNeverMerged() throws {
        let text = ExperimentFixtures.spec(trials: 4, evaluations: 60, name: "integrity-merge")
        let clean = try runner(text, results: ExperimentFixtures.temporaryFolder())
        _ = try clean.run()

        let shards = (0..<2).map { _ in ExperimentFixtures.temporaryFolder() }
        for i in 0..<2 { _ = try runner(text, results: shards[i], shard: (i, 2)).run() }
        // Edit ga's trial 2 in whichever shard ran it.
        let damagedStores = shards.map { ResultsStore(root: $0, experiment: "integrity-merge") }
        func store(holding algorithm: String, _ trial: Int) -> ResultsStore {
            damagedStores.first { FileManager.default.fileExists(atPath: $0.trialFile(algorithm: algorithm, trial: trial)) }!
        }
        let edited = store(holding: "ga", 2).trialFile(algorithm: "ga", trial: 2)
        try flipAByteInTheMiddle(of: edited)

        let notices = Notices()
        let home = try runner(text, results: ExperimentFixtures.temporaryFolder(), notices: notices)
        #expect(try home.importTrials(from: shards.map { "\($0)/integrity-merge" }) == 3 * 4 - 1)
        #expect(notices.all == ["\(edited) does not match its content checksum (edited or damaged); not merged"])
        let error = try #require(throws: RunError.self) { try home.assemble() }
        #expect(error.description.contains("1 trials are missing or failed their check (ga trial 2)"), "\(error)")
        #expect(!FileManager.default.fileExists(atPath: home.store.runsFile))

        // The shard run again recomputes its damaged trial; the merge is then the clean run.
        let shardIndex = damagedStores.firstIndex { edited.hasPrefix($0.folder) }!
        _ = try runner(text, results: shards[shardIndex], shard: (shardIndex, 2)).run()
        #expect(try home.importTrials(from: [shards[shardIndex] + "/integrity-merge"]) == 1)
        _ = try home.assemble()
        #expect(try HDF5File.read(home.store.runsFile) == (try HDF5File.read(clean.store.runsFile)))
    }

    @Test func aDamagedTrialAlreadyInTheFolderIsReplacedByAShardsGoodCopy() throws {
        let text = ExperimentFixtures.spec(trials: 2, evaluations: 60, name: "integrity-replace")
        let source = try runner(text, results: ExperimentFixtures.temporaryFolder())
        _ = try source.run()
        let home = try runner(text, results: ExperimentFixtures.temporaryFolder())
        let target = home.store.trialFile(algorithm: "aging", trial: 1)
        try FileManager.default.createDirectory(atPath: (target as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: source.store.trialFile(algorithm: "aging", trial: 0), toPath: target)
        #expect(try home.importTrials(from: [source.store.folder]) == 3 * 2)
        _ = try home.assemble()
        #expect(try HDF5File.read(home.store.runsFile) == (try HDF5File.read(source.store.runsFile)))
    }
}

import Foundation
import HDF5Kit
import Synchronization
import Testing
@testable import Experiments

/// A trial record that is not the trial it should be (edited, cut short, copied over
/// another, garbage in a segment) is reported in one line naming it and recomputed on
/// resume, so runs.h5 ends identical to an uninterrupted run's; on merge it is reported and
/// never merged. Older folders' trial files (one per trial) are checked the same way.
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

    /// Replaces the run's segments by the HDF5 trial files of a folder written before
    /// 2026-12-05 (`trial-NNNNNN.h5`), with or without their content checksums.
    func convertToHDF5(_ runner: ExperimentRunner, trials: Int, checksums: Bool) throws {
        for c in runner.configs.indices {
            for t in 0..<trials {
                guard case .valid(let result)? = try runner.store.read(runner.slot(config: c, trial: t)) else {
                    Issue.record("trial \(t) of \(runner.configs[c].label) is missing"); continue
                }
                let path = runner.store.legacyTrialFile(algorithm: runner.configs[c].label, trial: t)
                try TrialFile.writeHDF5(result, trialHash: runner.spec.trialHash, objectiveCount: 1, reportedCount: 2, to: path)
                guard !checksums else { continue }
                var root = try HDF5File.read(path)
                root.attributes["content_sha256"] = nil
                try HDF5File.write(root, to: path)
            }
        }
        for segment in segments(runner.store) { try FileManager.default.removeItem(atPath: segment) }
    }

    /// Every segment file of the folder.
    func segments(_ store: ResultsStore) -> [String] {
        let fm = FileManager.default
        let trials = store.folder + "/trials"
        return ((try? fm.contentsOfDirectory(atPath: trials)) ?? []).flatMap { label in
            ((try? fm.contentsOfDirectory(atPath: "\(trials)/\(label)")) ?? []).filter { $0.hasSuffix(TrialJournal.segmentExtension) }
                .map { "\(trials)/\(label)/\($0)" }
        }
    }

    /// Where trial `trial` of `label` is recorded (its first record).
    func location(_ store: ResultsStore, _ label: String, _ trial: Int) throws -> TrialJournal.Location {
        try #require(ResultsStore(folder: store.folder).journal.records(label: label)[trial]?.first, "\(label) trial \(trial)")
    }

    /// Changes one bit of a byte of a file.
    func flipBit(at offset: Int, of path: String) throws {
        var bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        bytes[offset] ^= 1
        try bytes.write(to: URL(fileURLWithPath: path))
    }

    /// Changes one bit of a value in the middle of a record.
    func flipAByteInTheMiddle(of location: TrialJournal.Location) throws {
        try flipBit(at: location.offset + location.size / 2, of: location.path)
    }

    /// The name a report gives a record.
    func name(_ location: TrialJournal.Location) -> String { "\(location.path) (byte \(location.offset))" }

    @Test("an edited record, a segment cut short by a kill and garbage in a segment: recomputed on resume, runs.h5 as uninterrupted")
    func damagedRecordsAreRecomputedOnResumeToTheUninterruptedRunsFile() throws {
        let text = ExperimentFixtures.spec(trials: 4, evaluations: 60, name: "integrity")
        let clean = try runner(text, results: ExperimentFixtures.temporaryFolder())
        _ = try clean.run()

        let folder = ExperimentFixtures.temporaryFolder()
        let first = try runner(text, results: folder)
        _ = try first.run()
        // Edited: one bit in the middle of aging trial 2's record.
        let edited = try location(first.store, "aging", 2)
        try flipAByteInTheMiddle(of: edited)
        // Cut short, as a kill mid-write leaves it: random's last record loses its second half.
        let randomRecords = ResultsStore(folder: first.store.folder).journal.records(label: "random").values.map { $0[0] }
        let last = try #require(randomRecords.max { $0.offset < $1.offset })
        try FileHandle(forWritingTo: URL(fileURLWithPath: last.path)).truncate(atOffset: UInt64(last.offset + last.size / 2))
        // Garbage where a record starts: the magic of the first record of one of ga's
        // segments (one per worker thread that ran ga's trials); nothing after it in that
        // segment can be found, so exactly the ga trials recorded there run again.
        let gaRecords = ResultsStore(folder: first.store.folder).journal.records(label: "ga").values.map { $0[0] }
        let garbage = try #require(gaRecords.min { $0.offset < $1.offset })
        let gaLost = gaRecords.filter { $0.path == garbage.path }.count
        try flipBit(at: garbage.offset, of: garbage.path)

        let notices = Notices()
        let resumed = try runner(text, results: folder, notices: notices)
        let outcome = try resumed.run()
        #expect(gaLost >= 1)
        #expect(outcome.ran == 1 + 1 + gaLost && outcome.resumed == 12 - outcome.ran, "\(outcome.ran) ran, \(outcome.resumed) resumed, \(gaLost) ga trials lost")
        #expect(notices.all.count == 2, "\(notices.all)")
        #expect(notices.all.contains { $0 == "\(name(edited)) does not match its content checksum (edited or damaged); running it again" }, "\(notices.all)")
        #expect(notices.all.contains { $0 == "\(garbage.path) holds bytes that are not a trial record at byte 0; the records after them are not read, and trials found nowhere else are run again" }, "\(notices.all)")
        #expect(notices.all.allSatisfy { !$0.contains("\n") })
        #expect(try HDF5File.read(resumed.store.runsFile) == (try HDF5File.read(clean.store.runsFile)))
        // A third run finds every trial, the recomputed ones in the second run's segments.
        let again = try runner(text, results: folder).run()
        #expect(again.ran == 0 && again.resumed == 12)
    }

    @Test("a record of another algorithm in a segment (copied over) is refused, and its trial recomputed")
    func aRecordOfAnotherAlgorithmIsRefused() throws {
        let text = ExperimentFixtures.spec(trials: 2, evaluations: 60, name: "integrity-copied")
        let folder = ExperimentFixtures.temporaryFolder()
        let first = try runner(text, results: folder)
        _ = try first.run()
        let reference = try HDF5File.read(first.store.runsFile)
        // Every segment of ga's (one per worker thread that ran its trials), under aging.
        let gaSegments = segments(first.store).filter { $0.contains("/trials/ga/") }
        #expect(!gaSegments.isEmpty)
        for segment in segments(first.store) where segment.contains("/trials/aging/") { try FileManager.default.removeItem(atPath: segment) }
        let copies = gaSegments.map { first.store.folder + "/trials/aging/" + ($0 as NSString).lastPathComponent }
        for (segment, copy) in zip(gaSegments, copies) { try FileManager.default.copyItem(atPath: segment, toPath: copy) }
        let notices = Notices()
        let outcome = try runner(text, results: folder, notices: notices).run()
        #expect(outcome.ran == 2 && outcome.resumed == 4)
        #expect(notices.all.count == 2 && notices.all.allSatisfy { line in
            copies.contains { line.hasPrefix($0 + " (byte ") } && line.contains("of 'ga', not trial")
        }, "\(notices.all)")
        #expect(try HDF5File.read(first.store.runsFile) == reference)
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
        // Each recomputed trial is a record in a segment now, and its rejected HDF5 file is gone.
        for c in first.configs.indices {
            let records = ResultsStore(folder: first.store.folder).journal.records(label: first.configs[c].label)
            #expect(Set(records.keys) == [0, 1])
            for t in 0..<2 {
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

        // A merge from that folder copies the trials, as records in a segment.
        let home = try runner(text, results: ExperimentFixtures.temporaryFolder())
        #expect(try home.importTrials(from: [first.store.folder]) == 6)
        _ = try home.assemble()
        #expect(try HDF5File.read(home.store.runsFile) == reference)
        #expect(ResultsStore(folder: home.store.folder).journal.records(label: home.configs[0].label)[1] != nil)
    }

    @Test func aDamagedShardTrialIsReportedAndNeverMerged() throws {
        let text = ExperimentFixtures.spec(trials: 4, evaluations: 60, name: "integrity-merge")
        let clean = try runner(text, results: ExperimentFixtures.temporaryFolder())
        _ = try clean.run()

        let shards = (0..<2).map { _ in ExperimentFixtures.temporaryFolder() }
        for i in 0..<2 { _ = try runner(text, results: shards[i], shard: (i, 2)).run() }
        // Edit ga's trial 2 in whichever shard ran it.
        let damagedStores = shards.map { ResultsStore(root: $0, experiment: "integrity-merge") }
        let holder = try #require(damagedStores.first { $0.journal.records(label: "ga")[2] != nil })
        let record = try location(holder, "ga", 2)
        try flipAByteInTheMiddle(of: record)
        let edited = record.path

        let notices = Notices()
        let home = try runner(text, results: ExperimentFixtures.temporaryFolder(), notices: notices)
        #expect(try home.importTrials(from: shards.map { "\($0)/integrity-merge" }) == 3 * 4 - 1)
        #expect(notices.all == ["\(name(record)) does not match its content checksum (edited or damaged); not merged"])
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
        // The home folder holds, as a folder of 2026-12-05 did, a file for aging trial 1
        // that is trial 0's (copied over).
        let home = try runner(text, results: ExperimentFixtures.temporaryFolder())
        let target = home.store.trialFile(algorithm: "aging", trial: 1)
        try FileManager.default.createDirectory(atPath: (target as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        guard case .valid(let trial0)? = try source.store.read(source.slot(config: 2, trial: 0)) else { Issue.record("no trial 0"); return }
        try TrialFile.write(trial0, trialHash: source.spec.trialHash, objectiveCount: 1, reportedCount: 2, to: target)
        #expect(try home.importTrials(from: [source.store.folder]) == 3 * 2)
        #expect(!FileManager.default.fileExists(atPath: target), "the bad file goes once the trial is recorded")
        _ = try home.assemble()
        #expect(try HDF5File.read(home.store.runsFile) == (try HDF5File.read(source.store.runsFile)))
    }
}

import Foundation
import HDF5Kit
import Testing
@testable import Experiments

/// Processes sharing one results folder, as the CLI runs them (Slurm arrays, a second run
/// started by hand): concurrent shards never interfere, concurrent runs of one spec never
/// compute the same trial, another version of the spec is refused before any work, and
/// `status` names what a killed shard left undone, with the command that completes it.
@Suite(.serialized) struct SharedFolderTests {
    /// Two algorithms × 12 trials × 300 evaluations: long enough in the debug CLI that four
    /// processes started together overlap.
    static func spec(seed: Int = 5) -> String {
        """
        name = "shared"
        trials = 12
        seed = \(seed)

        [benchmark]
        name = "nats-tss"
        objectives = ["c10_valid_200ep:max", "lat_ms_raspi4:min"]
        report = ["c10_test_200ep"]

        [budget]
        evaluations = 300
        checkpoints = [100, 300]

        [[algorithm]]
        name = "random"
        type = "random-search"

        [[algorithm]]
        name = "nsga2"
        type = "nsga2"
        population = 20
        """
    }

    static func writeSpec(_ text: String, in folder: String) throws -> String {
        let path = "\(folder)/shared.toml"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// Starts every command at once and waits for all: (status, stdout, stderr) each.
    static func concurrently(_ commands: [[String]]) throws -> [CLIOutcome] {
        let started = try commands.map { arguments -> (Process, Pipe, Pipe) in
            let p = Process()
            p.executableURL = URL(fileURLWithPath: ExperimentFixtures.executable)
            p.arguments = arguments
            let out = Pipe(), err = Pipe()
            p.standardOutput = out
            p.standardError = err
            try p.run()
            return (p, out, err)
        }
        return started.map { p, out, err in
            let o = out.fileHandleForReading.readDataToEndOfFile(), e = err.fileHandleForReading.readDataToEndOfFile()
            p.waitUntilExit()
            return CLIOutcome(status: p.terminationStatus, stdout: String(decoding: o, as: UTF8.self), stderr: String(decoding: e, as: UTF8.self))
        }
    }

    /// The unsharded run's runs.h5 bytes (files are byte-reproducible).
    static let reference: [UInt8] = {
        let root = ExperimentFixtures.temporaryFolder()
        let path = try! writeSpec(spec(), in: root)
        let r = try! ExperimentFixtures.nasreplay(["run", path, "--datasets", ExperimentFixtures.datasets, "--results", root, "--quiet"])
        precondition(r.status == 0, r.stderr)
        return Array(FileManager.default.contents(atPath: "\(root)/shared/runs.h5")!)
    }()

    static func leftovers(_ folder: String) -> [String] {
        let all = FileManager.default.enumerator(atPath: folder)?.compactMap { $0 as? String } ?? []
        return all.filter { $0.contains(".tmp-") || $0.hasSuffix(".claim") }
    }

    @Test func fourConcurrentShardsIntoOneFolderMergeToTheUnshardedRun() throws {
        for repetition in 0..<3 {
            let root = ExperimentFixtures.temporaryFolder()
            let spec = try Self.writeSpec(Self.spec(), in: root)
            let common = ["--datasets", ExperimentFixtures.datasets, "--results", root, "--quiet", "--threads", "1"]
            let shards = try Self.concurrently((0..<4).map { ["run", spec, "--shard", "\($0)/4"] + common })
            for (i, r) in shards.enumerated() {
                #expect(r.status == 0, "repetition \(repetition), shard \(i): \(r.stderr)")
                #expect(r.stdout.contains("ran 6 trials"), "each shard computes its own 6 trials: \(r.stdout)")
            }
            let merged = try ExperimentFixtures.nasreplay(["merge", spec, "--datasets", ExperimentFixtures.datasets, "--results", root])
            #expect(merged.status == 0, "\(merged.stderr)")
            #expect(Array(FileManager.default.contents(atPath: "\(root)/shared/runs.h5") ?? Data()) == Self.reference,
                    "repetition \(repetition): merged runs.h5 differs from the unsharded run's")
            #expect(Self.leftovers(root).isEmpty, "\(Self.leftovers(root))")
        }
    }

    @Test func twoConcurrentRunsOfOneSpecShareTheWorkAndGiveOneRunsResult() throws {
        let root = ExperimentFixtures.temporaryFolder()
        let spec = try Self.writeSpec(Self.spec(), in: root)
        let run = ["run", spec, "--datasets", ExperimentFixtures.datasets, "--results", root, "--quiet", "--threads", "1"]
        let both = try Self.concurrently([run, run])
        var computed = 0
        for r in both {
            #expect(r.status == 0, "\(r.stderr)")
            let line = try #require(r.stdout.split(separator: "\n").last { $0.hasPrefix("ran ") })
            computed += Int(line.split(separator: " ")[1]) ?? -1000
        }
        #expect(computed == 24, "the two runs computed \(computed) trials between them; 24 means none twice: \(both.map { $0.stdout.suffix(200) })")
        #expect(Array(FileManager.default.contents(atPath: "\(root)/shared/runs.h5") ?? Data()) == Self.reference)
        #expect(Self.leftovers(root).isEmpty, "\(Self.leftovers(root))")
    }

    @Test func anotherVersionOfTheSpecIsRefusedBeforeAnyTrialFileIsWritten() throws {
        let root = ExperimentFixtures.temporaryFolder()
        let first = try Self.writeSpec(Self.spec(), in: root)
        let common = ["--datasets", ExperimentFixtures.datasets, "--results", root, "--quiet"]
        #expect(try ExperimentFixtures.nasreplay(["run", first, "--shard", "0/4"] + common).status == 0)
        let lock = try String(contentsOfFile: "\(root)/shared/spec.lock", encoding: .utf8)
        #expect(lock.contains("trial_hash = \"\(try ExperimentSpec.parse(Self.spec(), file: "x").trialHash)\""))
        let before = Set(FileManager.default.enumerator(atPath: root)?.compactMap { $0 as? String } ?? [])
        let second = try Self.writeSpec(Self.spec(seed: 6), in: ExperimentFixtures.temporaryFolder())
        try ExperimentFixtures.expectOneLineError(["run", second] + common, mentions: ["another version of spec 'shared'", "spec.lock"])
        try ExperimentFixtures.expectOneLineError(["merge", second, "--datasets", ExperimentFixtures.datasets, "--results", root],
                                                  mentions: ["another version of spec 'shared'"])
        let after = Set(FileManager.default.enumerator(atPath: root)?.compactMap { $0 as? String } ?? [])
        #expect(after == before, "new files: \(after.subtracting(before))")
    }

    @Test func statusNamesTheShardAKillLeftUndoneAndItsCommandCompletesTheRun() throws {
        let root = ExperimentFixtures.temporaryFolder()
        let spec = try Self.writeSpec(Self.spec(), in: root)
        let common = ["--datasets", ExperimentFixtures.datasets, "--results", root]
        for i in [0, 2, 3] {
            #expect(try ExperimentFixtures.nasreplay(["run", spec, "--shard", "\(i)/4", "--quiet"] + common).status == 0)
        }
        // Shard 1 is killed once its first trial is written.
        let p = Process()
        p.executableURL = URL(fileURLWithPath: ExperimentFixtures.executable)
        p.arguments = ["run", spec, "--shard", "1/4", "--quiet", "--threads", "1"] + common
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        try p.run()
        let journal = ResultsStore(root: root, experiment: "shared").journal
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline {
            if journal.records(label: "random")[1] != nil { break }
            usleep(2_000)
        }
        kill(p.processIdentifier, SIGKILL)
        p.waitUntilExit()

        let status = try ExperimentFixtures.nasreplay(["status", spec, "--shards", "4", "--json"] + common)
        #expect(status.status == 0, "\(status.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(status.stdout.utf8)) as? [String: Any])
        #expect(json["complete"] as? Bool == false)
        let shards = try #require(json["shards"] as? [String: Any])
        #expect(shards["incomplete"] as? [Int] == [1], "\(status.stdout)")
        let commands = try #require(json["commands"] as? [String])
        let rerun = try #require(commands.first, "\(status.stdout)")
        #expect(rerun.hasPrefix("nasreplay run \(spec) --shard 1/4 --results \(root) --datasets \(ExperimentFixtures.datasets)"), "\(rerun)")
        #expect(commands.contains { $0.hasPrefix("sbatch --array=1 experiments/slurm/run-array.sbatch \(spec) 4") }, "\(commands)")
        #expect(commands.last?.hasPrefix("nasreplay merge \(spec)") == true)
        // The printed commands, as printed (minus the program name), complete the run.
        for command in [rerun, try #require(commands.last)] {
            let arguments = command.split(separator: " ").dropFirst().map(String.init)
            let r = try ExperimentFixtures.nasreplay(arguments)
            #expect(r.status == 0, "\(command): \(r.stderr)")
        }
        #expect(Array(FileManager.default.contents(atPath: "\(root)/shared/runs.h5") ?? Data()) == Self.reference)
        #expect(Self.leftovers(root).isEmpty, "a killed shard's temporaries and claim survive: \(Self.leftovers(root))")
        let done = try ExperimentFixtures.nasreplay(["status", spec, "--shards", "4"] + common)
        #expect(done.stdout.contains("24/24 trials done") && done.stdout.contains("complete: runs.h5 and summary.md are written"), "\(done.stdout)")
    }
}

import Foundation
import HDF5Kit
import Testing
@testable import Experiments

/// A run killed with SIGKILL mid-way completes when restarted, with the same runs.h5 as an
/// uninterrupted run, and no trial lost or duplicated.
@Suite struct ResumeAfterKillTests {
    @Test func killedRunResumesToTheSameResult() throws {
        let executable = ExperimentFixtures.executable
        try #require(FileManager.default.isExecutableFile(atPath: executable), "build the CLI first (swift build)")
        let folder = ExperimentFixtures.temporaryFolder()
        let specPath = folder + "/spec.toml"
        try ExperimentFixtures.spec(trials: 400, evaluations: 400, name: "killed").write(toFile: specPath, atomically: true, encoding: .utf8)

        func launch(results: String) throws -> Process {
            let p = Process()
            p.executableURL = URL(fileURLWithPath: executable)
            p.arguments = ["run", specPath, "--datasets", ExperimentFixtures.datasets, "--results", results, "--quiet", "--threads", "2"]
            p.standardOutput = FileHandle.nullDevice
            p.standardError = FileHandle.nullDevice
            try p.run()
            return p
        }
        // Whole records in the segments; a record being written when the scan looks is not one.
        func finishedTrials(_ results: String) -> Int {
            let journal = ResultsStore(root: results, experiment: "killed").journal
            return ["random", "ga", "aging"].reduce(0) { $0 + journal.records(label: $1).count }
        }

        let interrupted = folder + "/interrupted"
        let first = try launch(results: interrupted)
        let deadline = Date().addingTimeInterval(120)
        while finishedTrials(interrupted) < 100 && first.isRunning && Date() < deadline { usleep(20_000) }
        try #require(first.isRunning, "the run finished before it could be killed; make the spec larger")
        kill(first.processIdentifier, SIGKILL)
        first.waitUntilExit()
        let before = finishedTrials(interrupted)
        #expect(before >= 100 && before < 1200)
        let resumedRuns = ResultsStore(root: interrupted, experiment: "killed").runsFile
        #expect(!FileManager.default.fileExists(atPath: resumedRuns))

        let second = try launch(results: interrupted)
        second.waitUntilExit()
        #expect(second.terminationStatus == 0)
        #expect(finishedTrials(interrupted) == 1200)

        let clean = folder + "/clean"
        let reference = try launch(results: clean)
        reference.waitUntilExit()
        #expect(try HDF5File.read(resumedRuns) == (try HDF5File.read(ResultsStore(root: clean, experiment: "killed").runsFile)))
        let runs = try RunsFile.read(resumedRuns)
        for label in ["random", "ga", "aging"] {
            guard let trialColumn = runs.configuration(label)?.log.trial else { Issue.record("no log"); continue }
            var counts = [Int](repeating: 0, count: 400)
            for t in trialColumn { counts[Int(t)] += 1 }
            #expect(counts.allSatisfy { $0 == 400 }, "every trial exactly once, with all its evaluations")
        }
    }
}

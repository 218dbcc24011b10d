import Analysis
import Benchmarks
import Foundation
import HDF5Kit
import NASCore
import Testing
@testable import Experiments

@Suite struct RunnerDeterminismTests {
    func run(_ specText: String, threads: Int, shard: (Int, Int)? = nil, results: String) throws -> ExperimentRunner {
        let spec = try ExperimentSpec.parse(specText, file: "spec.toml")
        var options = ExperimentRunner.Options()
        options.threads = threads
        options.shard = shard
        options.resultsRoot = results
        options.progress = false
        let runner = try ExperimentRunner(spec: spec, catalog: ExperimentFixtures.catalog, options: options)
        _ = try runner.run()
        return runner
    }

    @Test func oneThreadTwoThreadsAndThreeMergedShardsGiveIdenticalRunsFiles() throws {
        let text = ExperimentFixtures.spec()
        let a = try run(text, threads: 1, results: ExperimentFixtures.temporaryFolder())
        let b = try run(text, threads: 2, results: ExperimentFixtures.temporaryFolder())
        let shardRoot = ExperimentFixtures.temporaryFolder()
        var last: ExperimentRunner?
        for i in 0..<3 { last = try run(text, threads: 2, shard: (i, 3), results: shardRoot) }
        let merged = try #require(last)
        #expect(!FileManager.default.fileExists(atPath: merged.store.runsFile), "a shard does not assemble runs.h5")
        _ = try merged.assemble()
        let one = try HDF5File.read(a.store.runsFile)
        #expect(one == (try HDF5File.read(b.store.runsFile)))
        #expect(one == (try HDF5File.read(merged.store.runsFile)))
        // And the content is real: 3 algorithms × 6 trials × 120 evaluations.
        let runs = try a.store.readRuns()
        for label in ["random", "ga", "aging"] {
            let configuration = try #require(runs.configuration(label))
            #expect(configuration.log.count == 6 * 120)
            #expect(configuration.curves.bestSignal.count == 6 && configuration.curves.bestSignal.allSatisfy { $0.count == 120 })
        }
    }

    @Test func shardsCopiedFromOtherFoldersMergeToTheSameFile() throws {
        let text = ExperimentFixtures.spec(trials: 4, evaluations: 60, name: "copied")
        let whole = try run(text, threads: 2, results: ExperimentFixtures.temporaryFolder())
        let elsewhere = (0..<2).map { _ in ExperimentFixtures.temporaryFolder() }
        for i in 0..<2 { _ = try run(text, threads: 1, shard: (i, 2), results: elsewhere[i]) }
        let home = ExperimentFixtures.temporaryFolder()
        let spec = try ExperimentSpec.parse(text, file: "spec.toml")
        var options = ExperimentRunner.Options(); options.resultsRoot = home; options.progress = false
        let runner = try ExperimentRunner(spec: spec, catalog: ExperimentFixtures.catalog, options: options)
        #expect(throws: RunError.self) { try runner.assemble() }   // nothing there yet
        #expect(try runner.importTrials(from: elsewhere.map { "\($0)/copied" }) == 3 * 4)
        _ = try runner.assemble()
        #expect(try HDF5File.read(runner.store.runsFile) == (try HDF5File.read(whole.store.runsFile)))
    }

    /// summary.md is built from the runs in memory; it must be what `report` writes from
    /// runs.h5, for single- and multi-objective runs (hypervolume curves and fronts).
    @Test func summaryFromMemoryEqualsTheSummaryOfTheFileReadBack() throws {
        let multi = ExperimentFixtures.spec(trials: 3, evaluations: 90, name: "summary-multi")
            .replacingOccurrences(of: "objectives = [\"c10_valid_200ep:max\"]", with: "objectives = [\"c10_valid_200ep:max\", \"lat_ms_raspi4:min\"]")
        for text in [ExperimentFixtures.spec(trials: 3, evaluations: 90, name: "summary-single"), multi] {
            let runner = try run(text, threads: 2, results: ExperimentFixtures.temporaryFolder())
            let written = try String(contentsOfFile: runner.store.summaryFile, encoding: .utf8)
            #expect(written == ComparisonReport(try runner.store.readRuns().comparison()).markdown)
            #expect(written.contains("Pairwise") && (text == multi) == written.contains("ormalised hypervolume"))
        }
    }

    @Test func bestSignalCurveIsMonotoneAndIncumbentMatchesTheLog() throws {
        let runner = try run(ExperimentFixtures.spec(trials: 3, evaluations: 80, name: "curves"), threads: 2,
                             results: ExperimentFixtures.temporaryFolder())
        let table = try ExperimentFixtures.catalog.load("nats-tss")
        let valid = try table.metric("c10_valid_200ep").values
        let test = try table.metric("c10_test_200ep").values
        let runs = try runner.store.readRuns()
        let aging = try #require(runs.configuration("aging"))
        #expect(runs.provenance.reported.first?.id == "c10_test_200ep")
        let (best, incumbent, rows) = (aging.curves.bestSignal, aging.curves.incumbentReported[0], aging.log.row)
        for t in 0..<3 {
            var running = -Double.infinity, incumbentTest = Double.nan
            for s in 0..<80 {
                let row = Int(rows[t * 80 + s])
                if Double(valid[row]) > running { running = Double(valid[row]); incumbentTest = Double(test[row]) }
                #expect(best[t][s] == running)
                #expect(incumbent[t][s] == incumbentTest)
            }
        }
    }
}

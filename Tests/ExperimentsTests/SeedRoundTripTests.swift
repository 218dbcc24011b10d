import Foundation
import HDF5Kit
import Testing
@testable import Experiments

/// Every seed a spec accepts (0…2^63 − 1, the largest TOML integer) and every trial seed
/// (any UInt64) is stored exactly: in trial files as text, in runs.h5 as text (the base
/// seed) and as a uint64 dataset (the trial seeds), never through a Double.
@Suite struct SeedRoundTripTests {
    func run(seed: String, name: String, results: String = ExperimentFixtures.temporaryFolder()) throws -> ExperimentRunner {
        let text = ExperimentFixtures.spec(trials: 3, evaluations: 60, name: name).replacingOccurrences(of: "seed = 7", with: "seed = \(seed)")
        var options = ExperimentRunner.Options()
        options.resultsRoot = results
        options.progress = false
        let runner = try ExperimentRunner(spec: try ExperimentSpec.parse(text, file: "spec.toml"), catalog: ExperimentFixtures.catalog,
                                          options: options)
        _ = try runner.run()
        return runner
    }

    @Test func aSpecSeedOf2To63Minus1RunsResumesAndReadsBackExactly() throws {
        let results = ExperimentFixtures.temporaryFolder()
        let runner = try run(seed: "9223372036854775807", name: "max-seed", results: results)
        #expect(runner.spec.seed == UInt64(Int64.max))
        let runs = try runner.store.readRuns()
        #expect(runs.provenance.seed == UInt64(Int64.max))
        _ = runs.comparison()   // what report and plot read
        for (c, config) in runner.configs.enumerated() {
            let expected = (0..<3).map { runner.spec.trialSeed(algorithm: config.label, trial: $0) }
            #expect(runs.configuration(config.label)?.trialSeeds == expected)
            for t in 0..<3 {
                guard case .valid(let trial)? = try runner.store.read(runner.slot(config: c, trial: t)) else { Issue.record("no trial"); continue }
                #expect(trial.seed == expected[t])
            }
        }
        // Run again on the same folder: every trial resumes and runs.h5 is rewritten the same.
        let before = try HDF5File.read(runner.store.runsFile)
        let again = try run(seed: "9223372036854775807", name: "max-seed", results: results)
        #expect(try HDF5File.read(again.store.runsFile) == before)
    }

    @Test func trialSeedsAreAUInt64DatasetAndTheBaseSeedIsText() throws {
        let runner = try run(seed: "20261123", name: "seed-layout")
        let root = try HDF5File.read(runner.store.runsFile)
        #expect(root.attributes["seed"] == .string("20261123"))
        for config in runner.configs {
            let expected = (0..<3).map { runner.spec.trialSeed(algorithm: config.label, trial: $0) }
            #expect(root.dataset(at: "nats-tss/\(config.label)/trial_seeds")?.data == .uint64(expected))
        }
        // The trial seeds of this spec include values past 2^63 (negative as Int64), which a
        // Double would have rounded: the dataset holds them bit for bit.
        #expect(runner.configs.contains { c in (0..<3).contains { runner.spec.trialSeed(algorithm: c.label, trial: $0) > UInt64(Int64.max) } })
    }

    @Test func aRunsFileWrittenBeforeExactSeedsIsStillRead() throws {
        let runner = try run(seed: "11", name: "old-seeds")
        let current = try runner.store.readRuns()
        // The old layout: integer attributes `seed` and `trial_seeds`, no dataset.
        var root = try HDF5File.read(runner.store.runsFile)
        root.attributes["seed"] = .int(11)
        for config in current.configurations {
            let path = "nats-tss/\(config.setup.label)"
            guard var group = root.group(at: path) else { Issue.record("no group"); continue }
            group["trial_seeds"] = nil
            group.attributes["trial_seeds"] = .ints(config.trialSeeds.map { Int64(bitPattern: $0) })
            root.set(path, .group(group))
        }
        let old = try RunsFile(group: root, path: "old/runs.h5")
        #expect(old == current)
    }

    @Test func aNegativeSeedNamesTheLargestSeedASpecCanHold() {
        #expect(throws: SpecError.self) {
            try ExperimentSpec.parse(ExperimentFixtures.spec().replacingOccurrences(of: "seed = 7", with: "seed = -1"), file: "bad.toml")
        }
        do {
            _ = try ExperimentSpec.parse(ExperimentFixtures.spec().replacingOccurrences(of: "seed = 7", with: "seed = -1"), file: "bad.toml")
        } catch {
            #expect(error.description == "bad.toml:3: seed: -1 is negative; use 0…9223372036854775807 (2^63 − 1, the largest TOML integer)")
        }
    }
}

import Foundation
import NASCore
import Testing
@testable import Experiments

/// Every size a spec or an option sets has a documented limit, checked before anything is
/// allocated: one line on stderr naming the field or option and the limit, exit code 2.
@Suite struct SizeLimitTests {
    func nasreplay(_ arguments: [String]) throws -> CLIOutcome { try ExperimentFixtures.nasreplay(arguments) }


    func writeSpec(_ text: String, name: String = "limits.toml") throws -> String {
        let path = ExperimentFixtures.temporaryFolder() + "/" + name
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    func spec(trials: Int = 1, budget: String = "evaluations = 10", algorithm: String = "type = \"random-search\"",
              extraTop: String = "", offTable: String = "", benchmark: String = "nats-tss") -> String {
        """
        name = "limits"
        trials = \(trials)
        seed = 1
        \(extraTop)
        [benchmark]
        name = "\(benchmark)"
        objectives = ["c10_valid_200ep:max"]
        \(offTable)

        [budget]
        \(budget)

        [[algorithm]]
        name = "a"
        \(algorithm)
        """
    }

    func run(_ specText: String, _ extra: [String] = []) throws -> (CLIOutcome, String) {
        let results = ExperimentFixtures.temporaryFolder()
        let r = try nasreplay(["run", "--datasets", ExperimentFixtures.datasets, try writeSpec(specText),
                               "--results", results, "--quiet"] + extra)
        return (r, results)
    }

    @Test("budget.evaluations above 1,000,000 is refused at its line, before any allocation")
    func evaluationsAboveTheLimitAreRefused() throws {
        let path = try writeSpec(spec(budget: "evaluations = 1000000000"))
        try ExperimentFixtures.expectOneLineError(["run", "--datasets", ExperimentFixtures.datasets, path, "--dry-run"],
                               mentions: ["limits.toml:11:", "budget.evaluations", "1000000"])
    }

    @Test("run --trials above the spec's limit of 1,000,000 trials is refused like the spec's own trials")
    func trialsFlagIsBoundedLikeTheSpec() throws {
        let path = try writeSpec(spec())
        let results = ExperimentFixtures.temporaryFolder()
        try ExperimentFixtures.expectOneLineError(["run", "--datasets", ExperimentFixtures.datasets, path, "--results", results, "--trials", "1000000000"],
                               mentions: ["--trials 1000000000", "1000000"])
        // Within the trial limit but over trials × evaluations.
        let long = try writeSpec(spec(budget: "evaluations = 1000"))
        try ExperimentFixtures.expectOneLineError(["run", "--datasets", ExperimentFixtures.datasets, long, "--results", results, "--trials", "20000", "--dry-run"],
                               mentions: ["--trials × budget.evaluations", "10000000"])
    }

    @Test("trials × evaluations above 10,000,000 per configuration and more than 1,000 checkpoints are refused")
    func loggedEvaluationsAndCheckpointsAreBounded() throws {
        #expect(throws: SpecError.self) { try ExperimentSpec.parse(spec(trials: 100_000, budget: "evaluations = 1000"), file: "s.toml") }
        let many = (1...1001).map(String.init).joined(separator: ", ")
        do {
            _ = try ExperimentSpec.parse(spec(budget: "evaluations = 2000\ncheckpoints = [\(many)]"), file: "s.toml")
            Issue.record("1,001 checkpoints were accepted")
        } catch {
            #expect(error.description.contains("at most 1000"))
        }
        _ = try ExperimentSpec.parse(spec(trials: 10_000, budget: "evaluations = 1000"), file: "s.toml")
    }

    @Test("a sweep that multiplies past 1,000 configurations is refused at the key that crosses it")
    func sweepExplosionIsRefused() throws {
        let values = "[" + (1...40).map(String.init).joined(separator: ", ") + "]"
        let algorithm = "type = \"genetic-algorithm\"\npopulation = \(values)\ntournament = \(values)"
        do {
            _ = try ExperimentSpec.parse(spec(algorithm: algorithm), file: "s.toml")
            Issue.record("a 1,600-configuration sweep was accepted")
        } catch {
            #expect(error.description.contains("more than 1000 configurations"))
            #expect(error.description.hasPrefix("s.toml:17:"))
        }
    }

    @Test("a spec over 1 MiB (200,000 unknown keys) is refused in one line without parsing it")
    func hugeSpecIsRefusedBySize() throws {
        let keys = (0..<200_000).map { "k\($0) = \($0)" }.joined(separator: "\n")
        let path = try writeSpec(spec(algorithm: "type = \"random-search\"\n" + keys))
        try ExperimentFixtures.expectOneLineError(["run", "--datasets", ExperimentFixtures.datasets, path, "--dry-run"],
                               mentions: ["at most 1048576 bytes"])
    }

    @Test("unknown keys are found in one linear pass: 50,000 of them in an algorithm table")
    func manyUnknownKeysAreReportedLinearly() throws {
        let keys = (0..<50_000).map { "k\($0) = 1" }.joined(separator: "\n")
        do {
            _ = try AlgorithmConfig(try ExperimentSpec.parse(spec(algorithm: "type = \"random-search\"\n" + keys), file: "s.toml").algorithms[0])
            Issue.record("unknown keys were accepted")
        } catch {
            #expect("\(error)".contains("unknown key 'k0'"))
        }
    }

    @Test("skip_duplicates with more evaluations than the table answers is refused at validation")
    func skipDuplicatesBeyondTheSpaceIsRefused() throws {
        let path = try writeSpec(spec(budget: "evaluations = 16000", algorithm: "type = \"random-search\"\nskip_duplicates = true"))
        try ExperimentFixtures.expectOneLineError(["run", "--datasets", ExperimentFixtures.datasets, path, "--dry-run"],
                               mentions: ["limits.toml:16:", "skip_duplicates = true", "15625"])
        let free = try writeSpec(spec(budget: "evaluations = 16000", algorithm: "type = \"aging-evolution\"\ncache = \"free\""))
        try ExperimentFixtures.expectOneLineError(["run", "--datasets", ExperimentFixtures.datasets, free, "--dry-run"],
                               mentions: ["cache = \"free\"", "15625"])
    }

    @Test("skip_duplicates with a budget of every cell spends it and writes a well-formed summary")
    func skipDuplicatesOverTheWholeSpaceSpendsTheBudget() throws {
        let (r, results) = try run(spec(budget: "evaluations = 15625", algorithm: "type = \"random-search\"\nskip_duplicates = true"))
        #expect(r.status == 0, "\(r.stderr)")
        let summary = try String(contentsOfFile: results + "/limits/summary.md", encoding: .utf8)
        #expect(summary.contains("| algorithm | @15625 |"), "\(summary)")
        #expect(!summary.contains("|  |"))
    }

    func regressionFiles() throws -> (train: String, test: String) {
        let folder = ExperimentFixtures.temporaryFolder()
        let train = (0..<20).map { "\($0 % 4),\($0 % 3),\(Double($0) * 0.5)" }.joined(separator: "\n")
        try train.write(toFile: folder + "/train.csv", atomically: true, encoding: .utf8)
        try "1,2\n3,0\n".write(toFile: folder + "/test.csv", atomically: true, encoding: .utf8)
        return (folder + "/train.csv", folder + "/test.csv")
    }

    @Test("predictor sizes above their limits are refused before any allocation, from the CLI",
          arguments: [(["--model", "mlp", "--hidden", "100000000"], "above the limit of 1024"),
                      (["--model", "gbt", "--n-estimators", "1000000000"], "n-estimators must be in 1…10000"),
                      (["--model", "mlp", "--epochs", "1000000000"], "epochs must be in 1…100000"),
                      (["--model", "gcn", "--max-nodes", "4294967296"], "max-nodes must be in 2…64"),
                      (["--model", "linear-svr", "--max-iter", "4611686018427387904"], "max-iter must be in 1…100000"),
                      (["--model", "mlp", "--batch-size", "1000000000"], "batch-size must be in 1…1000000"),
                      (["--model", "gbt", "--max-depth", "1000"], "max-depth must be in 1…64"),
                      (["--model", "stacked", "--folds", "1000"], "folds must be in 2…100")])
    func predictorOptionsAreBounded(_ options: [String], _ mention: String) throws {
        let files = try regressionFiles()
        try ExperimentFixtures.expectOneLineError(["predictors", "fit-predict", "--train", files.train, "--test", files.test] + options,
                               mentions: [mention])
    }

    @Test("predictor specs take the same limits, reported at the [[model]] line")
    func predictorSpecSizesAreBounded() throws {
        let text = """
        name = "p"
        seed = 1
        sizes = [10, 20]
        [benchmark]
        name = "nats-tss"
        target = "c10_valid_200ep"
        [[model]]
        type = "mlp"
        hidden = [100000000]
        """
        do {
            _ = try PredictorExperimentSpec.parse(text, file: "p.toml")
            Issue.record("a 10^8-unit layer was accepted")
        } catch {
            #expect(error.description.hasPrefix("p.toml:7:"))
            #expect(error.description.contains("above the limit of 1024"))
        }
        // A training size too large for an Int is a spec error, not a trap.
        let hugeSize = text.replacingOccurrences(of: "sizes = [10, 20]", with: "sizes = [10, 1e30]")
        #expect(throws: SpecError.self) { try PredictorExperimentSpec.parse(hugeSize, file: "p.toml") }
    }

    @Test("indicators hv of 400 points in 10-D is one line naming the 10-D limit, not a hang")
    func hypervolumeOfFourHundredPointsInTenDimensionsIsRefused() throws {
        let folder = ExperimentFixtures.temporaryFolder()
        var rng = Xoshiro256StarStar(seed: 9)
        let rows = (0..<400).map { _ -> String in
            let v = (0..<10).map { _ in abs(rng.nextGaussian()) + 1e-3 }
            let norm = v.map { $0 * $0 }.reduce(0, +).squareRoot()
            return v.map { "\($0 / norm)" }.joined(separator: ",")
        }
        try rows.joined(separator: "\n").write(toFile: folder + "/p.csv", atomically: true, encoding: .utf8)
        try ExperimentFixtures.expectOneLineError(["indicators", "hv", "--ref", Array(repeating: "1.1", count: 10).joined(separator: ","), folder + "/p.csv"],
                               mentions: ["p.csv: more than 40 non-dominated points in 10 objectives"])
    }

    @Test("a spec with 4 or more objectives keeps its evaluations within the exact hypervolume's limit")
    func manyObjectiveSpecsAreBoundedByTheHypervolumeLimit() throws {
        let objectives = "objectives = [\"c10_valid_200ep:max\", \"lat_ms_raspi4:min\", \"lat_ms_pixel3:min\", \"params_M:min\", \"lat_ms_2080ti_1:min\", \"c100_val:max\", \"in16_val:max\", \"cifar10_val_12ep:max\"]"
        let text = spec(budget: "evaluations = 500").replacingOccurrences(of: "objectives = [\"c10_valid_200ep:max\"]", with: objectives)
        do {
            _ = try ExperimentSpec.parse(text, file: "s.toml")
            Issue.record("500 evaluations in 8 objectives were accepted")
        } catch {
            #expect(error.description.hasPrefix("s.toml:11:"))
            #expect(error.description.contains("at most 100 evaluations per trial in 8-D"))
        }
        _ = try ExperimentSpec.parse(text.replacingOccurrences(of: "evaluations = 500", with: "evaluations = 100"), file: "s.toml")
    }
}

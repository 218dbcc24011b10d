@testable import Experiments
import Foundation
import HDF5Kit
import Testing

/// What the paper targets of the Makefile rely on: `run --trials N` is a prefix of the full
/// run and never overwrites a run of another size; `plot --fronts-at N` draws the fronts
/// after N evaluations; `report --thresholds` writes the LINAS Table-3 form on its own and
/// leaves summary.md alone;
/// `plot` draws a predictor evaluation's MAPE and Kendall τ curves.
@Suite struct PaperTargetCLITests {
    func nasreplay(_ arguments: [String]) throws -> CLIOutcome { try ExperimentFixtures.nasreplay(arguments) }

    var datasets: String { ExperimentFixtures.datasets }

    static let multiObjectiveSpec = """
        name = "paper-targets"
        trials = 4
        seed = 11

        [benchmark]
        name = "nats-tss"
        objectives = ["c10_valid_200ep:max", "lat_ms_raspi4:min"]
        report = ["c10_test_200ep"]

        [budget]
        evaluations = 60
        checkpoints = [30, 60]

        [[algorithm]]
        name = "random"
        type = "random-search"

        [[algorithm]]
        name = "nsga2"
        type = "nsga2"
        population = 10
        """

    /// Runs `multiObjectiveSpec` (with another `seed`, if given) into a fresh results root
    /// through the CLI; returns its `paper-targets` folder.
    static func multiObjectiveRun(seed: Int = 11) throws -> String {
        let spec = ExperimentFixtures.temporaryFolder() + "/paper-targets.toml"
        try multiObjectiveSpec.replacingOccurrences(of: "seed = 11", with: "seed = \(seed)").write(toFile: spec, atomically: true, encoding: .utf8)
        let results = ExperimentFixtures.temporaryFolder()
        let run = try ExperimentFixtures.nasreplay(["run", spec, "--datasets", ExperimentFixtures.datasets, "--results", results, "--quiet"])
        try #require(run.status == 0, "\(run.stderr)")
        return results + "/paper-targets"
    }

    func writeSpec(_ text: String, name: String) -> String {
        let path = ExperimentFixtures.temporaryFolder() + "/\(name).toml"
        _ = FileManager.default.createFile(atPath: path, contents: Data(text.utf8))
        return path
    }

    /// Runs the spec in full into a fresh results folder; returns (spec path, results root).
    func fullRun() throws -> (spec: String, results: String) {
        let spec = writeSpec(Self.multiObjectiveSpec, name: "paper-targets")
        let results = ExperimentFixtures.temporaryFolder()
        let r = try nasreplay(["run", spec, "--datasets", datasets, "--results", results, "--quiet"])
        try #require(r.status == 0, "\(r.stderr)")
        return (spec, results)
    }

    @Test func runWithFewerTrialsRepeatsTheFullRunsFirstTrials() throws {
        let (spec, full) = try fullRun()
        let quick = ExperimentFixtures.temporaryFolder()
        let r = try nasreplay(["run", spec, "--datasets", datasets, "--results", quick, "--trials", "2", "--quiet"])
        #expect(r.status == 0, "\(r.stderr)")
        let quickRecords = ResultsStore(root: quick, experiment: "paper-targets").journal
        let fullRecords = ResultsStore(root: full, experiment: "paper-targets").journal
        for algorithm in ["random", "nsga2"] {
            let mine = quickRecords.records(label: algorithm), theirs = fullRecords.records(label: algorithm)
            for trial in 0..<2 {
                let a = try #require(mine[trial]?.first, "\(algorithm) trial \(trial)"), b = try #require(theirs[trial]?.first)
                #expect(try TrialJournal.bytes(at: a) == (try TrialJournal.bytes(at: b)), "\(algorithm) trial \(trial)")
            }
            #expect(Set(mine.keys) == [0, 1])
        }
        let runs = try ResultsStore(root: quick, experiment: "paper-targets").readRuns()
        #expect(runs.provenance.trials == 2)
    }

    @Test func runWithFewerTrialsNeverReplacesARunOfAnotherSize() throws {
        let (spec, full) = try fullRun()
        let runsFile = ResultsStore(root: full, experiment: "paper-targets").runsFile
        let before = try HDF5File.read(runsFile)
        let r = try nasreplay(["run", spec, "--datasets", datasets, "--results", full, "--trials", "2", "--quiet"])
        #expect(r.status == 2)
        #expect(r.stderr.contains("holds a run of 4 trials"), "\(r.stderr)")
        #expect(try HDF5File.read(runsFile) == before)
    }

    @Test func plotDrawsTheFrontsAfterNEvaluations() throws {
        let (_, full) = try fullRun()
        let folder = full + "/paper-targets"
        let r = try nasreplay(["plot", folder, "--datasets", datasets, "--fronts-at", "30"])
        #expect(r.status == 0, "\(r.stderr)")
        let csv = try String(contentsOfFile: folder + "/figures/fronts-at-30.csv", encoding: .utf8)
        // Groups 2 and 3 are the fronts random search and NSGA-II found (0 cloud, 1 true front).
        let groups = Set(csv.split(separator: "\n").dropFirst().compactMap { $0.split(separator: ",").first.map(String.init) })
        #expect(groups.isSuperset(of: ["0", "1", "2", "3"]))
        #expect(FileManager.default.fileExists(atPath: folder + "/figures/incumbent-c10_test_200ep.csv"))
        let tooLate = try nasreplay(["plot", folder, "--datasets", datasets, "--fronts-at", "61"])
        #expect(tooLate.status == 1)
        #expect(tooLate.stderr.contains("pick a smaller --fronts-at"), "\(tooLate.stderr)")
    }

    @Test("a run's figures: HV band within [0, 1], stable colours, axes in words with units, titles with objectives, budget and trials")
    func runFiguresTellTheTruth() throws {
        let (_, full) = try fullRun()
        let folder = full + "/paper-targets"
        let r = try nasreplay(["plot", folder, "--datasets", datasets])
        #expect(r.status == 0, "\(r.stderr)")
        // hv.csv: x, then per algorithm centre, lower, upper; no band value past 1 or below 0.
        let csv = try String(contentsOfFile: folder + "/figures/hv.csv", encoding: .utf8)
        let values = csv.split(separator: "\n").dropFirst().flatMap { $0.split(separator: ",").dropFirst().compactMap { Double($0) } }
        #expect(!values.isEmpty && values.allSatisfy { $0.isNaN || (0...1).contains($0) })
        // The title wraps over lines (`\n` in the script); read it as one.
        let hv = try String(contentsOfFile: folder + "/figures/hv.gp", encoding: .utf8).replacingOccurrences(of: "\\n", with: " ")
        // random is black and nsga2 vermillion here, as in every figure of the project.
        #expect(hv.contains("set linetype 1 lc rgb \"#000000\"") && hv.contains("set linetype 2 lc rgb \"#D55E00\""), "\(hv)")
        #expect(hv.contains("c10_valid_200ep ↑, lat_ms_raspi4 ↓;") && hv.contains("60 evaluations, 4 trials") && hv.contains("clipped to [0,1]"))
        // Random search is led by no objective of the two: the title says it ignores the second.
        #expect(hv.contains("random ignore lat_ms_raspi4"), "\(hv)")
        let fronts = try String(contentsOfFile: folder + "/figures/fronts.gp", encoding: .utf8)
        #expect(fronts.contains("set xlabel \"CIFAR-10 validation accuracy, 200 ep (%)\""), "\(fronts)")
        #expect(fronts.contains("set ylabel \"latency on raspi4 (ms)\""))
        #expect(fronts.contains("with lines lw 1 lc rgb truefront title \"true front\""), "the true front is its staircase")
        let incumbent = try String(contentsOfFile: folder + "/figures/incumbent-c10_test_200ep.gp", encoding: .utf8).replacingOccurrences(of: "\\n", with: " ")
        #expect(incumbent.contains("set ylabel \"CIFAR-10 test accuracy, 200 ep (%)\""))
        // The title says what the curve is, and an accuracy band stays within [0, 100].
        #expect(incumbent.contains("the incumbent's c10_test_200ep; mean, 95% CI band clipped to [0,100]"), "\(incumbent)")
        let accuracy = try String(contentsOfFile: folder + "/figures/incumbent-c10_test_200ep.csv", encoding: .utf8)
        let percents = accuracy.split(separator: "\n").dropFirst().flatMap { $0.split(separator: ",").dropFirst().compactMap { Double($0) } }
        #expect(!percents.isEmpty && percents.allSatisfy { $0.isNaN || (0...100).contains($0) })
    }

    @Test func reportWritesTheTable3FormOnItsOwn() throws {
        let (_, full) = try fullRun()
        let table = ExperimentFixtures.temporaryFolder() + "/table3.md"
        let summary = try String(contentsOfFile: full + "/paper-targets/summary.md", encoding: .utf8)
        let r = try nasreplay(["report", full + "/paper-targets", "--thresholds", table])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(try String(contentsOfFile: full + "/paper-targets/summary.md", encoding: .utf8) == summary, "summary.md is left as the run wrote it")
        let text = try String(contentsOfFile: table, encoding: .utf8)
        #expect(text.contains("## paper-targets: Normalised hypervolume"))
        #expect(text.contains("| best of random |"))
        #expect(text.contains("| best of nsga2 |"))
    }

    @Test func plotDrawsAPredictorEvaluation() throws {
        let spec = writeSpec("""
            name = "predictor-figures"
            trials = 3
            seed = 5
            test_size = 50
            sizes = [20, 40]
            models = ["ridge", "gbt"]

            [benchmark]
            name = "nats-tss"
            target = "c10_valid_200ep"
            """, name: "predictor-figures")
        let results = ExperimentFixtures.temporaryFolder()
        let run = try nasreplay(["predictors", "evaluate", spec, "--datasets", datasets, "--results", results, "--quiet"])
        try #require(run.status == 0, "\(run.stderr)")
        let folder = results + "/predictor-figures"
        let r = try nasreplay(["plot", folder, "--datasets", datasets])
        #expect(r.status == 0, "\(r.stderr)")
        for name in ["predictor-mape", "predictor-kendall-tau"] {
            let csv = try String(contentsOfFile: "\(folder)/figures/\(name).csv", encoding: .utf8)
            let lines = csv.split(separator: "\n")
            #expect(lines.first == "x,ridge,ridge lower,ridge upper,gbt,gbt lower,gbt upper", "\(name): \(lines.first ?? "")")
            #expect(lines.count == 3, "one row per training size")
            #expect(FileManager.default.fileExists(atPath: "\(folder)/figures/\(name).gp"))
        }
        let refused = try nasreplay(["predictors", "evaluate", spec, "--datasets", datasets, "--results", results, "--trials", "2", "--quiet"])
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("holds a run of 3 trials"), "\(refused.stderr)")
    }
}

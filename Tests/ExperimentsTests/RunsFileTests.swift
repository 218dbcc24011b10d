import Analysis
import Foundation
import HDF5Kit
import NASCore
import Testing
@testable import Experiments

/// `RunsFile` is the one reader and writer of a search run's runs.h5: what it reads, it
/// writes back to the same contents, and what it writes has the layout README's "Results"
/// section documents.
@Suite struct RunsFileTests {
    /// A two-objective run (hypervolume curves and fronts) with one single-objective
    /// algorithm beside the multi-objective one.
    static let multiSpec = """
        name = "runs-file"
        trials = 3
        seed = 11

        [benchmark]
        name = "nats-tss"
        objectives = ["c10_valid_200ep:max", "lat_ms_raspi4:min"]
        report = ["c10_test_200ep", "lat_ms_raspi4"]

        [budget]
        evaluations = 40
        checkpoints = [20, 40]

        [[algorithm]]
        name = "random_search"
        type = "random-search"

        [[algorithm]]
        name = "nsga2"
        type = "nsga2"
        population = 10
        """

    func run(_ text: String) throws -> ExperimentRunner {
        var options = ExperimentRunner.Options()
        options.resultsRoot = ExperimentFixtures.temporaryFolder()
        options.progress = false
        let runner = try ExperimentRunner(spec: try ExperimentSpec.parse(text, file: "spec.toml"), catalog: ExperimentFixtures.catalog,
                                          options: options)
        _ = try runner.run()
        return runner
    }

    @Test func whatIsReadIsWrittenBackToTheSameContents() throws {
        for text in [Self.multiSpec, ExperimentFixtures.spec(trials: 2, evaluations: 60, name: "runs-file-single")] {
            let store = try run(text).store
            let runs = try store.readRuns()
            let copy = ExperimentFixtures.temporaryFolder() + "/runs.h5"
            try runs.write(to: copy)
            #expect(SimulatedTimeBudgetTests.sameContent(try HDF5File.read(copy), try HDF5File.read(store.runsFile)))
        }
    }

    @Test func provenanceIsTyped() throws {
        let runner = try run(Self.multiSpec)
        let p = try runner.store.readRuns().provenance
        #expect(p.experiment == "runs-file" && p.benchmark == "nats-tss" && p.seed == 11 && p.trials == 3)
        #expect(p.trialHash == runner.spec.trialHash)
        #expect(p.budget == .evaluations(40) && p.checkpoints == [20, 40])
        #expect(p.objectives == runner.spec.benchmark.objectives)
        #expect(p.reported == [.init(id: "c10_test_200ep", direction: .max), .init(id: "lat_ms_raspi4", direction: .min)])
        #expect(p.measuresHypervolume && !p.isSampleTable)
        #expect(p.codeVersion == RunsFile.Provenance.currentCodeVersion)
    }

    @Test func configurationsKeepTheirSetupCountsCurvesAndFronts() throws {
        let runs = try run(Self.multiSpec).store.readRuns()
        #expect(runs.configurations.map(\.setup.label) == ["random_search", "nsga2"], "labels name groups")
        let random = try #require(runs.configuration("random_search"))
        #expect(random.setup.type == "random-search" && random.setup.mutation == nil && random.setup.cache == "charge")
        #expect(random.trialSeeds.count == 3 && random.offTableAnswers == 0 && random.stalledTrials == 0)
        #expect(random.log.count == 3 * 40 && random.log.objectives.count == 2 * random.log.count)
        #expect(random.log.step.prefix(3) == [1, 2, 3] && random.log.exact.allSatisfy { $0 })
        #expect(random.curves.incumbentReported.count == 2)
        let nhv = try #require(random.curves.normalizedHypervolume)
        #expect(nhv.count == 3 && nhv.allSatisfy { $0.count == 40 && $0.last! > 0 && $0.last! <= 1 })
        let fronts = try #require(random.fronts)
        #expect((0..<3).allSatisfy { !fronts.rows(ofTrial: $0).isEmpty })
    }

    @Test func aSingleObjectiveRunHasNoHypervolume() throws {
        let runs = try run(ExperimentFixtures.spec(trials: 2, evaluations: 60, name: "runs-file-no-hv")).store.readRuns()
        #expect(!runs.provenance.measuresHypervolume)
        #expect(runs.configurations.allSatisfy { $0.curves.hypervolume == nil && $0.fronts == nil })
        #expect(runs.configuration("aging")?.setup.mutation != nil, "an evolutionary algorithm names its mutation")
    }

    /// Trials that end early (a seconds budget) are NaN-padded to the longest.
    @Test func curvesArePaddedWithNaNToTheLongestTrial() throws {
        let provenance = RunsFile.Provenance(
            experiment: "pad", trialHash: "h", seed: 1, trials: 2, budget: .simulatedSeconds(10), checkpoints: [10],
            benchmark: "b", isSampleTable: false, objectives: [Objective(metric: "acc", direction: .max)],
            reported: [.init(id: "test", direction: .max)], hypervolumeConvention: nil)
        func trial(_ t: Int, _ n: Int) -> TrialResult {
            TrialResult(algorithm: "a", trial: t, seed: UInt64(t), rows: (0..<n).map(Int32.init), objectives: (0..<n).map(Double.init),
                        reported: (0..<n).map(Double.init), cost: Array(repeating: 5, count: n),
                        cumulativeCost: (0..<n).map { 5 * Double($0 + 1) }, exact: Array(repeating: 1, count: n),
                        bestSignal: (0..<n).map(Double.init), incumbentReported: (0..<n).map(Double.init),
                        hypervolume: [], normalizedHypervolume: [], frontRows: [], stalled: false, unanswered: 0)
        }
        let setup = RunsFile.Setup(label: "a", type: "random-search", parameters: "", mutation: nil, cache: "charge")
        let c = RunsFile.Configuration(setup, trials: [trial(0, 3), trial(1, 1)], in: provenance)
        #expect(c.curves.bestSignal[0] == [0, 1, 2])
        #expect(c.curves.bestSignal[1][0] == 0 && c.curves.bestSignal[1].dropFirst().allSatisfy(\.isNaN))
        #expect(c.log.trial == [0, 0, 0, 1] && c.log.step == [1, 2, 3, 1])
        #expect(c.log.trialCumulativeCosts == [[5, 10, 15], [5]])
        #expect(setup.summary == "random-search, cache=charge")
    }

    @Test("under an evaluation budget a trial that ended early holds its last values in reports and figures, not NaN, up to the budget")
    func anEndedTrialHoldsItsLastValuesInTheComparison() throws {
        let provenance = RunsFile.Provenance(
            experiment: "held", trialHash: "h", seed: 1, trials: 3, budget: .evaluations(4), checkpoints: [2, 4],
            benchmark: "b", isSampleTable: false, objectives: [Objective(metric: "acc", direction: .max)],
            reported: [.init(id: "test", direction: .max)], hypervolumeConvention: nil)
        func trial(_ t: Int, _ signal: [Double], incumbent: [Double]) -> TrialResult {
            let n = signal.count
            return TrialResult(algorithm: "a", trial: t, seed: UInt64(t), rows: (0..<n).map(Int32.init), objectives: signal,
                               reported: signal, cost: Array(repeating: 0, count: n), cumulativeCost: Array(repeating: 0, count: n),
                               exact: Array(repeating: 1, count: n), bestSignal: signal, incumbentReported: incumbent,
                               hypervolume: [], normalizedHypervolume: [], frontRows: [], stalled: false, unanswered: 0)
        }
        let setup = RunsFile.Setup(label: "a", type: "ofa-oneshot", parameters: "", mutation: nil, cache: "charge")
        // Trial 1 stopped after 2 evaluations; trial 2's incumbent has no reported value yet
        // at its last step, which stays NaN (it is a value, not padding).
        let c = RunsFile.Configuration(setup, trials: [trial(0, [1, 2, 3, 4], incumbent: [1, 2, 3, 4]),
                                                       trial(1, [5, 6], incumbent: [5, 6]),
                                                       trial(2, [7, 8, 9], incumbent: [.nan, .nan, .nan])], in: provenance)
        let data = RunsFile(provenance: provenance, configurations: [c]).comparison()
        #expect(data.algorithms[0].curves["best_signal"] == [[1, 2, 3, 4], [5, 6, 6, 6], [7, 8, 9, 9]])
        let incumbent = try #require(data.algorithms[0].curves["incumbent_test"])
        #expect(incumbent[1] == [5, 6, 6, 6] && incumbent[2].allSatisfy(\.isNaN))
        #expect(c.curves.bestSignal[1][2].isNaN, "runs.h5 itself keeps its NaN padding")
        // A checkpoint within the budget that no trial reached is still reported, at the finals.
        let short = RunsFile.Configuration(setup, trials: [trial(0, [5, 6], incumbent: [5, 6]), trial(1, [7, 8, 9], incumbent: [7, 8, 9])],
                                           in: provenance)
        let shortData = RunsFile(provenance: provenance, configurations: [short]).comparison()
        #expect(shortData.checkpoints == [2, 4])
        #expect(ComparisonReport(shortData).markdown.contains("| a | 7.000 ± 1.414, 7.000 [6.500–7.500] | 7.500 ± 2.121, 7.500 [6.750–8.250] |"))
        let summary = ComparisonReport(data).markdown
        #expect(summary.contains("| a | 5.333 ± 3.055, 6.000 [4.000–7.000] | 6.333 ± 2.517, 6.000 [5.000–7.500] |"), "every trial counts at @4: (4 + 6 + 9) / 3\n\(summary)")
    }

    /// The layout, pinned: existing runs.h5 files and reference summaries depend on it.
    @Test func theLayoutIsTheDocumentedOne() throws {
        let root = try HDF5File.read(try run(Self.multiSpec).store.runsFile)
        #expect(Set(root.attributes.keys) == ["experiment", "trial_hash", "code_version", "seed", "trials", "budget", "objectives",
                                              "reported", "reported_directions", "hv_convention", "checkpoints", "benchmark", "sample_table"])
        #expect(root.attributes["objectives"] == .string("c10_valid_200ep:max,lat_ms_raspi4:min"))
        #expect(root.attributes["reported_directions"] == .string("max,min"))
        #expect(root.attributes["budget"] == .string("40 evaluations"))
        #expect(root.attributes["seed"] == .string("11"), "text: integer attributes are signed")
        let group = try #require(root.group(at: "nats-tss/random_search"))
        #expect(group.children.map(\.name) == ["trial_seeds", "log", "curves", "fronts"])
        #expect(group.dataset(at: "trial_seeds")?.data.typeName == "uint64" && group.dataset(at: "trial_seeds")?.shape == [3])
        #expect(!group.attributes.keys.contains("trial_seeds"))
        #expect(group.group(at: "log")?.children.map(\.name) == ["trial", "step", "row", "objectives", "reported", "cost", "cumulative_cost", "exact"])
        #expect(group.group(at: "curves")?.children.map(\.name) == ["best_signal", "incumbent_c10_test_200ep", "incumbent_lat_ms_raspi4", "hv", "normalized_hv"])
        #expect(group.dataset(at: "log/objectives")?.shape == [120, 2])
        #expect(group.dataset(at: "curves/hv")?.shape == [3, 40])
        #expect(group.attributes["mutation"] == .string("none"))
    }

    @Test func aFileThatIsNotARunsFileIsOneLineNamingIt() throws {
        let path = ExperimentFixtures.temporaryFolder() + "/runs.h5"
        var root = H5Group()
        root.attributes["title"] = .string("somebody else's file")
        try HDF5File.write(root, to: path)
        #expect { try RunsFile.read(path) } throws: { "\($0)".hasPrefix("\(path): not a NASReplay runs file") }
    }

    @Test func storedRunsTellsASearchRunFromAPredictorEvaluation() throws {
        let store = try run(ExperimentFixtures.spec(trials: 2, evaluations: 60, name: "stored-kind")).store
        guard case .search(let runs) = try StoredRuns.read(store.runsFile) else { Issue.record("not a search run"); return }
        #expect(runs.provenance.experiment == "stored-kind")
        #expect(StoredRuns.trialCount(at: store.runsFile) == 2)
        #expect(StoredRuns.trialCount(at: store.folder + "/missing.h5") == nil)
    }
}

import Analysis
import Benchmarks
import Foundation
import HDF5Kit
import NASCore
import Testing
@testable import Experiments

/// A `simulated_seconds` budget end to end, on a table whose `cost_metric` is a `/costs`
/// column (`ExperimentFixtures.timedTable`: 100–160 s a row, NaN on every 97th row).
@Suite struct SimulatedTimeBudgetTests {
    static let budget = 3_000.0
    static let labels = ["random", "ga", "aging", "naseafa", "nsga2", "linas"]

    /// All six algorithms; NSGA-II and LINAS search both objectives, the others the first.
    static func spec(name: String = "timed", benchmark: String = ExperimentFixtures.timedName,
                     budget: String = "simulated_seconds = 3000.0", extra: String = "") -> String {
        """
        name = "\(name)"
        trials = 3
        seed = 11

        [benchmark]
        name = "\(benchmark)"
        objectives = ["c10_valid_200ep:max", "lat_ms_raspi4:min"]
        report = ["c10_test_200ep"]
        \(extra)

        [budget]
        \(budget)

        [[algorithm]]
        name = "random"
        type = "random-search"

        [[algorithm]]
        name = "ga"
        type = "ga"
        population = 8

        [[algorithm]]
        name = "aging"
        type = "aging-evolution"

        [[algorithm]]
        name = "naseafa"
        type = "nas-ea-fa"

        [[algorithm]]
        name = "nsga2"
        type = "nsga2"
        population = 8

        [[algorithm]]
        name = "linas"
        type = "linas"
        population = 8
        predictor = "ridge"
        inner = { type = "nsga2", generations = 5 }
        """
    }

    func run(_ text: String, threads: Int = 2) throws -> ExperimentRunner {
        let spec = try ExperimentSpec.parse(text, file: "spec.toml")
        var options = ExperimentRunner.Options()
        options.threads = threads
        options.resultsRoot = ExperimentFixtures.temporaryFolder()
        options.progress = false
        let runner = try ExperimentRunner(spec: spec, catalog: ExperimentFixtures.catalog, options: options)
        _ = try runner.run()
        return runner
    }

    /// One algorithm's log in runs.h5, split by trial.
    struct Log {
        var rows: [[Int]] = []
        var cost: [[Double]] = []
        var cumulative: [[Double]] = []

        init(_ runs: RunsFile, _ label: String) throws {
            let log = try #require(runs.configuration(label)?.log, "\(label) has no log")
            let (trials, rows, cost, cumulative) = (log.trial, log.row, log.cost, log.cumulativeCost)
            for i in trials.indices {
                let t = Int(trials[i])
                while self.rows.count <= t { self.rows.append([]); self.cost.append([]); self.cumulative.append([]) }
                self.rows[t].append(Int(rows[i])); self.cost[t].append(cost[i]); self.cumulative[t].append(cumulative[i])
            }
        }
    }

    @Test func everyAlgorithmStopsWithTheEvaluationThatCrossesTheBudget() throws {
        let runs = try run(Self.spec()).store.readRuns()
        for label in Self.labels {
            let log = try Log(runs, label)
            #expect(log.cumulative.count == 3, "\(label)")
            for trial in log.cumulative {
                // TrialEvaluator: the evaluation that crosses the budget finishes, then no more.
                #expect(trial.last.map { $0 >= Self.budget } == true, "\(label) stopped before the budget")
                #expect(trial.dropLast().last.map { $0 < Self.budget } == true, "\(label) ran past the crossing evaluation")
                #expect(trial.count >= Int(Self.budget / 160), "\(label)")
            }
        }
    }

    @Test func cumulativeCostIsTheRunningSumOfTheTablesCostOfTheEvaluatedRows() throws {
        let runs = try run(Self.spec(name: "sums")).store.readRuns()
        let table = try ExperimentFixtures.catalog.load(ExperimentFixtures.timedName)
        let seconds = try table.costOrMetric(ExperimentFixtures.timedCostID).values
        for label in Self.labels {
            let log = try Log(runs, label)
            for t in log.rows.indices {
                var running = 0.0
                for (i, row) in log.rows[t].enumerated() {
                    running += Double(seconds[row])
                    #expect(log.cost[t][i] == Double(seconds[row]))
                    #expect(log.cumulative[t][i] == running)
                    #expect(row % 97 != 0, "a row without a training time was charged")
                }
            }
        }
    }

    @Test func anEvaluationBudgetOnATimedTableLogsTheCostButStopsByCount() throws {
        let runs = try run(Self.spec(name: "counted", budget: "evaluations = 30")).store.readRuns()
        let log = try Log(runs, "random")
        #expect(log.rows.allSatisfy { $0.count == 30 })
        #expect(log.cost.joined().contains { $0 >= 100 })
    }

    @Test func oneAndTwoThreadsGiveIdenticalRunsFiles() throws {
        let text = Self.spec(name: "threads")
        let one = try run(text, threads: 1).store
        let two = try run(text, threads: 2).store
        #expect(Self.sameContent(try HDF5File.read(one.runsFile), try HDF5File.read(two.runsFile)))
        #expect(try one.readRuns().provenance.budget == .simulatedSeconds(Self.budget))
    }

    /// H5Group's == but with NaN equal to itself: trials of a seconds budget end at
    /// different counts, so their curves are NaN-padded.
    static func sameContent(_ a: H5Group, _ b: H5Group) -> Bool {
        guard a.attributes == b.attributes, a.children.count == b.children.count else { return false }
        for (x, y) in zip(a.children, b.children) {
            guard x.name == y.name else { return false }
            switch (x.node, y.node) {
            case (.group(let g), .group(let h)):
                if !sameContent(g, h) { return false }
            case (.dataset(let d), .dataset(let e)):
                guard d.shape == e.shape, d.attributes == e.attributes else { return false }
                if case .float64(let u) = d.data, case .float64(let v) = e.data {
                    if u.map(\.bitPattern) != v.map(\.bitPattern) { return false }
                } else if d.data != e.data {
                    return false
                }
            default:
                return false
            }
        }
        return true
    }

    @Test func theSummaryComparesTrialsAtEqualSimulatedTime() throws {
        let runner = try run(Self.spec(name: "summary", budget: "simulated_seconds = 3000.0\ncheckpoints = [1000.0, 3000.0]"))
        let runs = try runner.store.readRuns()
        let data = runs.comparison()
        let grid = try #require(data.timeGrid)
        #expect(grid.last == Self.budget)
        #expect(data.checkpoints.map { grid[$0 - 1] } == [1_000, 3_000])
        // The incumbent's test accuracy at each grid time, recomputed from the log and the table.
        let table = try ExperimentFixtures.catalog.load(ExperimentFixtures.timedName)
        let valid = try table.metric("c10_valid_200ep").values, test = try table.metric("c10_test_200ep").values
        let log = try Log(runs, "random")
        let curve = try #require(data.algorithms.first { $0.label == "random" }?.curves["incumbent_c10_test_200ep"])
        for t in 0..<3 {
            for (g, time) in grid.enumerated() {
                var best = -Double.infinity, incumbent = Double.nan
                for (i, row) in log.rows[t].enumerated() where log.cumulative[t][i] <= time && Double(valid[row]) > best {
                    best = Double(valid[row]); incumbent = Double(test[row])
                }
                #expect(curve[t][g] == incumbent || (curve[t][g].isNaN && incumbent.isNaN))
            }
        }
        let summary = try String(contentsOfFile: runner.store.summaryFile, encoding: .utf8)
        #expect(summary.contains("@1000 | @3000"))
        // Rows 0, 97, 194, … have no training time: the summary counts the queries that met one.
        let unanswered = Self.labels.reduce(0) { sum, label in sum + (runs.configuration(label)?.unansweredQueries ?? 0) }
        #expect(unanswered > 0)
        #expect(summary.contains("Queries without an answer: \(unanswered), resampled at no cost"))
    }

    @Test func aSecondsRunIsPlottedAgainstTimeAndACostedEvaluationRunAlsoGetsTimeFigures() throws {
        let timed = try run(Self.spec(name: "plot-seconds"))
        let drawn = try RunFigures(folder: timed.store.folder, catalog: ExperimentFixtures.catalog).drawAll()
        #expect(drawn.contains { $0.hasSuffix("/hv.png") })
        #expect(!drawn.contains { $0.contains("-time.") })
        let script = try String(contentsOfFile: timed.store.folder + "/figures/hv.gp", encoding: .utf8)
        #expect(script.contains("simulated training time (s)"))
        // The csv's x column is the time grid: 200 steps up to the budget.
        let csv = try String(contentsOfFile: timed.store.folder + "/figures/hv.csv", encoding: .utf8).split(separator: "\n")
        #expect(csv.count == 201)
        #expect(csv.last?.hasPrefix("3000") == true)

        // Every row of params_M is finite, so every trial's time is known to its end.
        let counted = try run(Self.spec(name: "plot-counted", benchmark: "nats-tss", budget: "evaluations = 20", extra: "cost = \"params_M\""))
        let more = try RunFigures(folder: counted.store.folder, catalog: ExperimentFixtures.catalog).drawAll()
        #expect(more.contains { $0.hasSuffix("/hv-time.png") })
        #expect(more.contains { $0.hasSuffix("/incumbent-c10_test_200ep-time.png") })
        let plain = try String(contentsOfFile: counted.store.folder + "/figures/hv.gp", encoding: .utf8)
        #expect(plain.contains("\"evaluations\""))
    }

    @Test func aTableWithoutACostIsRejectedInOneLineNamingTheFix() {
        let text = Self.spec(name: "untimed", benchmark: "nats-tss")
        do {
            _ = try ExperimentRunner(spec: try ExperimentSpec.parse(text, file: "spec.toml"), catalog: ExperimentFixtures.catalog)
            Issue.record("a simulated-seconds spec on nats-tss ran")
        } catch {
            let message = "\(error)"
            #expect(message.hasPrefix("spec.toml:5: budget.simulated_seconds: nats-tss has no training-time column"))
            #expect(message.contains("use budget.evaluations"))
            #expect(!message.contains("\n"))
        }
    }

    @Test func benchmarkCostMustNameAColumnOfTheTable() {
        let text = Self.spec(name: "wrongcost", extra: "cost = \"train_hours\"")
        do {
            _ = try ExperimentRunner(spec: try ExperimentSpec.parse(text, file: "spec.toml"), catalog: ExperimentFixtures.catalog)
            Issue.record("an unknown cost column was accepted")
        } catch {
            #expect("\(error)".hasPrefix("spec.toml:9: benchmark.cost:"))
            #expect("\(error)".contains("unknown metric 'train_hours'"))
        }
    }

    @Test func benchmarkCostCanChargeAMetricColumnOnATableWithoutCosts() throws {
        // Charging parameters (millions) as seconds is only a plumbing check: 0.1–1.5 a row.
        let runs = try run(Self.spec(name: "params", benchmark: "nats-tss", budget: "simulated_seconds = 20.0",
                                     extra: "cost = \"params_M\"")).store.readRuns()
        let log = try #require(runs.configuration("random")?.log)
        let params = try ExperimentFixtures.catalog.load("nats-tss").metric("params_M").values
        #expect(zip(log.row, log.cost).allSatisfy { Double(params[Int($0.0)]) == $0.1 })
        #expect(log.cumulativeCost.max().map { $0 >= 20 } == true)
    }
}

import Benchmarks
import Foundation
import NASCore
import Predictors
import SearchSpaces
import Testing
@testable import Experiments

/// `off_table = "surrogate:<model>"` on the real ofa-mbv3-dynast table: one model per metric,
/// fitted once on every row's predictor features.
@Suite struct OffTableSurrogateTests {
    static var datasets: String { ExperimentFixtures.datasets }

    static func binding(_ policy: String, metrics: [String]) throws -> any SpaceBinding {
        let table = try DatasetCatalog(folder: datasets).load("ofa-mbv3-dynast")
        return try SpaceBindings.bind(table, offTable: policy, models: .predictors, metrics: metrics)
    }

    @Test func everyVectorModelOfTheCatalogueIsAnOffTableSurrogate() {
        #expect(OffTableModelFitter.predictorModels == ["ridge", "linear", "svr-rbf", "svr-linear", "linear-svr", "stacked", "gbt", "mlp", "dynast"])
    }

    @Test func anUnknownModelIsAOneLineError() throws {
        do {
            _ = try Self.binding("surrogate:forest", metrics: ["accuracy_top1"])
            Issue.record("surrogate:forest was accepted")
        } catch let error as BenchmarkError {
            #expect(error.description.contains("unknown surrogate model 'forest'"))
            #expect(error.description.contains("\"surrogate:ridge\""))
            #expect(!error.description.contains("\n"))
        }
        #expect(throws: BenchmarkError.self) { try Self.binding("surrogate:gcn", metrics: ["accuracy_top1"]) }
    }

    @Test func ridgeAnswersOffTableAsTheRidgeModelFittedDirectlyAndRowsExactly() throws {
        guard let bench = (try Self.binding("surrogate:ridge", metrics: ["accuracy_top1", "macs"]) as? OFAMobileNetV3Binding)?.sample.benchmark else {
            Issue.record("ofa-mbv3-dynast is not bound to the OFA space")
            return
        }
        let evaluator = try bench.evaluator(objectives: [Objective(parsing: "accuracy_top1:max")], reported: ["macs"])
        let space = bench.space
        // A row's own genes: the table's values, exact.
        let row = 17
        let own = try #require(evaluator.evaluate(GeneVector(genes: bench.rowGenes[row])))
        #expect(own.answer == .exact)
        #expect(own.row == row)
        #expect(own.objectives == [Double(try bench.table.metric("accuracy_top1").values[row])])
        // An off-table genome: the prediction of ridge fitted directly on every row.
        var rng = Xoshiro256StarStar(seed: 5)
        var x = space.sample(using: &rng)
        while bench.locator.row(ofGenes: x.genes) != nil { x = space.sample(using: &rng) }
        let features = bench.rowGenes.map { space.features(of: GeneVector(genes: $0)) }
        var direct = [String: Double]()
        for metric in ["accuracy_top1", "macs"] {
            var ridge = RidgeRegression(alpha: 1)
            try ridge.fit(Matrix(rows: features), try bench.table.metric(metric).values.map(Double.init))
            direct[metric] = try ridge.predict(Matrix(rows: [space.features(of: x)]))[0]
        }
        let answer = try #require(evaluator.evaluate(x))
        #expect(answer.answer == .surrogate(name: "ridge"))
        #expect(!answer.isExact)
        #expect(answer.row == nil)
        #expect(answer.objectives == [try #require(direct["accuracy_top1"])])
        #expect(answer.reported == [try #require(direct["macs"])])
    }

    @Test func aRunWithARidgeSurrogateReportsItsOffTableShare() throws {
        let text = """
        name = "ridge-off-table"
        trials = 2
        seed = 3

        [benchmark]
        name = "ofa-mbv3-dynast"
        objectives = ["accuracy_top1:max", "macs:min"]
        report = ["params"]
        off_table = "surrogate:ridge"

        [budget]
        evaluations = 30
        checkpoints = [30]

        [[algorithm]]
        name = "random"
        type = "random-search"
        """
        let spec = try ExperimentSpec.parse(text, file: "spec.toml")
        var options = ExperimentRunner.Options()
        options.threads = 2
        options.resultsRoot = ExperimentFixtures.temporaryFolder()
        options.progress = false
        let runner = try ExperimentRunner(spec: spec, catalog: DatasetCatalog(folder: Self.datasets), options: options)
        _ = try runner.run()
        let summary = try String(contentsOfFile: runner.store.summaryFile, encoding: .utf8)
        // A uniformly random OFA architecture is never in the 2,223-row table.
        #expect(summary.contains("Off-table answers: 60 of 60 evaluations (100.00%)."))
        // `nasreplay report` rebuilds the summary from runs.h5 alone, note included.
        let report = try ExperimentFixtures.nasreplay(["report", runner.store.folder])
        #expect(report.status == 0, "\(report.stderr)")
        #expect(try String(contentsOfFile: runner.store.summaryFile, encoding: .utf8) == summary)
    }
}

import Benchmarks
import Foundation
import NASCore
import Predictors
import SearchSpaces
import Testing
@testable import Experiments

/// The predictor protocol on a sample table (here a HAT latency table): rows are read as
/// the one-hot genes of the space `nasreplay run` binds the table to.
@Suite struct PredictorExperimentSampleTableTests {
    static let table = "hat-iwslt14deen-gpu-titanxp"

    static let catalog: DatasetCatalog = {
        let dir = ExperimentFixtures.temporaryFolder()
        do {
            try DatasetCatalog(folder: dir).build(table, from: SharedFolder.path("data", near: #filePath))
        } catch { fatalError("cannot build \(table) for tests: \(error)") }
        return DatasetCatalog(folder: dir)
    }()

    static func spec(models: String = "[\"ridge\", \"linear-svr\"]", labelScaling: String = "none",
                     benchmark: String = table, target: String = "lat_ms_decoder") throws -> PredictorExperimentSpec {
        try PredictorExperimentSpec.parse("""
            name = "hat-predictors"
            trials = 2
            seed = 9
            test_size = 300
            sizes = [100, 400]
            models = \(models)
            label_scaling = "\(labelScaling)"

            [benchmark]
            name = "\(benchmark)"
            target = "\(target)"
            """, file: "hat.toml")
    }

    @Test("Features are the bound space's one-hot genes; fits rank decoder latency well")
    func runsOnAHATTable() throws {
        let experiment = try PredictorExperiment(spec: Self.spec(), catalog: Self.catalog)
        let table = try Self.catalog.load(Self.table)
        let bench = try SampleTableBenchmark(table: table, offTable: .reject)
        #expect(experiment.vectorFeatures.rows == table.rows)
        #expect(experiment.vectorFeatures.columns == bench.space.features(of: GeneVector(genes: bench.rowGenes[0])).count)
        #expect(Array(experiment.vectorFeatures.row(7)) == bench.space.features(of: GeneVector(genes: bench.rowGenes[7])))
        #expect(experiment.graphFeatures == nil)
        let one = try experiment.run(threads: 1), two = try experiment.run(threads: 2)
        #expect(one.scores.map { $0.map(\.kendallTau) } == two.scores.map { $0.map(\.kendallTau) })
        // Decoder latency is close to linear in the layer counts and widths: both linear
        // models rank the test set far better than chance from 400 rows.
        for model in 0..<2 {
            #expect(one.scores(model: model, size: 1).allSatisfy { $0.kendallTau > 0.5 }, "model \(model)")
        }
    }

    @Test("Graph models need NATS cells and are refused on a sample table")
    func graphModelIsRefused() throws {
        #expect { try PredictorExperiment(spec: Self.spec(models: "[\"ridge\", \"gcn\"]"), catalog: Self.catalog) } throws: {
            "\($0)".contains("model 'gcn' reads NATS cell graphs")
        }
    }

    /// MACs (≈ 3e8) on ofa-mbv3-dynast: far past what a C = 1 linear SVR can reach unscaled.
    static func macsSpec(scaling: String) throws -> PredictorExperimentSpec {
        try spec(labelScaling: scaling, benchmark: "ofa-mbv3-dynast", target: "macs")
    }

    @Test("label_scaling = dynast: ridge's scores do not move (it is scale-equivariant); linear-svr reaches MACs it cannot reach raw")
    func dynastLabelScaling() throws {
        let raw = try PredictorExperiment(spec: Self.macsSpec(scaling: "none"), catalog: ExperimentFixtures.catalog).run(threads: 2)
        let scaled = try PredictorExperiment(spec: Self.macsSpec(scaling: "dynast"), catalog: ExperimentFixtures.catalog).run(threads: 2)
        for size in 0..<2 {
            for (a, b) in zip(raw.scores(model: 0, size: size), scaled.scores(model: 0, size: size)) {
                #expect(abs(a.mape - b.mape) <= 1e-9 * a.mape)
                #expect(abs(a.kendallTau - b.kendallTau) <= 1e-9)
            }
            let rawMAPE = raw.scores(model: 1, size: size).map(\.mape), scaledMAPE = scaled.scores(model: 1, size: size).map(\.mape)
            #expect(rawMAPE.allSatisfy { $0 > 0.9 })
            #expect(scaledMAPE.allSatisfy { $0 < 0.1 })
        }
        #expect(scaled.summary().contains("labels scaled as DyNAS-T scales them"))
        #expect(!raw.summary().contains("scaled as DyNAS-T"))
        #expect(scaled.runsFile.provenance.labelScaling == .dynast)
        #expect(throws: SpecError.self) { try Self.macsSpec(scaling: "minmax") }
    }
}

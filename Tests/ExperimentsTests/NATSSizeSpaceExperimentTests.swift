import Benchmarks
import Foundation
import HDF5Kit
import NASCore
import SearchSpaces
import Testing
@testable import Experiments

/// The NATS size space in experiments: a spec on a `nats-sss` table runs random search,
/// aging evolution, the GA and NSGA-II end to end. The table is synthetic, built from the
/// real fixture cells (`../shared/data/nats-official/sss`, imported natively): every one of
/// the 32,768 cells gets the values of fixture cell (index mod 3), so the space is complete
/// while the numbers are real records. What is checked is the machinery (every evaluation
/// answered from the table, the right row for each architecture, integer genes in range),
/// not the algorithms' quality.
@Suite struct NATSSizeSpaceExperimentTests {
    static let datasets: String = {
        let folder = ExperimentFixtures.temporaryFolder() + "/sss-datasets"
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            let fixture = try NATSOfficialPickleImporter.read(directory: SharedFolder.path("data/nats-official/sss", near: #filePath), name: "f").0
            try BenchmarkStore.save(synthetic(from: fixture), to: folder + "/nats-sss.h5")
        } catch { fatalError("cannot build the synthetic nats-sss table: \(error)") }
        return folder
    }()

    static let kept = ["cifar10-valid_valid_acc@12ep", "cifar10-valid_test_acc@90ep", "cifar10-valid_flops_M@90ep"]

    /// 32,768 rows in official index order; row i repeats fixture row i mod 3.
    static func synthetic(from fixture: BenchmarkTable) throws -> BenchmarkTable {
        let rows = NATSSizeCell.cellCount
        var archs = ArchColumns()
        archs["index"] = ArchColumn(.int32((0..<rows).map(Int32.init)))
        archs["arch_str"] = ArchColumn(.strings((0..<rows).map { NATSSizeCell(index: $0).description }))
        archs["channels"] = ArchColumn(.int32((0..<rows).flatMap { NATSSizeCell(index: $0).channels.map(Int32.init) }), shape: [rows, 5])
        func tiled(_ column: MetricColumn) -> MetricColumn {
            guard let series = column.series else {
                return MetricColumn(info: column.info, values: (0..<rows).map { column.values[$0 % 3] })
            }
            let w = series.width
            let values = (0..<rows).flatMap { r in series.values[(r % 3) * w..<(r % 3 + 1) * w] }
            return MetricColumn(info: column.info, series: MetricSeries(axis: series.axis, width: w, values: Array(values)), rows: rows)
        }
        let metrics = try kept.map { tiled(try fixture.metric($0)) }
        let costs = [tiled(try fixture.costOrMetric("cifar10-valid_train_seconds@12ep"))]
        var provenance = fixture.provenance
        provenance["cells"] = .string("synthetic: every cell repeats fixture cell (index mod 3)")
        provenance["cost_metric"] = .string("cifar10-valid_train_seconds@12ep")
        return BenchmarkTable(name: "nats-sss", searchSpace: "nats-size", rows: rows, provenance: provenance,
                              archs: archs, metrics: metrics, costs: costs)
    }

    @Test func randomSearchAgingEvolutionGAAndNSGA2RunOnTheSizeSpace() throws {
        let text = """
        name = "sss-end-to-end"
        trials = 3
        seed = 5

        [benchmark]
        name = "nats-sss"
        objectives = ["cifar10-valid_valid_acc@12ep:max", "cifar10-valid_flops_M@90ep:min"]
        report = ["cifar10-valid_test_acc@90ep"]

        [budget]
        evaluations = 120
        checkpoints = [60, 120]

        [[algorithm]]
        name = "random"
        type = "random-search"

        [[algorithm]]
        name = "aging"
        type = "aging-evolution"
        preset = "nats-bench"

        [[algorithm]]
        name = "ga"
        type = "ga"
        population = 20

        [[algorithm]]
        name = "nsga2"
        type = "nsga2"
        population = 20
        """
        let spec = try ExperimentSpec.parse(text, file: "sss.toml")
        var options = ExperimentRunner.Options()
        options.resultsRoot = ExperimentFixtures.temporaryFolder()
        options.progress = false
        let runner = try ExperimentRunner(spec: spec, catalog: DatasetCatalog(folder: Self.datasets), options: options)
        _ = try runner.run()
        let runs = try runner.store.readRuns()
        let table = try DatasetCatalog(folder: Self.datasets).load("nats-sss")
        let accuracy = try table.metric("cifar10-valid_valid_acc@12ep").values
        for label in ["random", "aging", "ga", "nsga2"] {
            let configuration = try #require(runs.configuration(label))
            #expect(configuration.log.count == 3 * 120, "\(label)")
            #expect(configuration.log.exact.allSatisfy { $0 }, "\(label): every evaluation answered from the table")
            for (k, row) in configuration.log.row.enumerated() {
                #expect(configuration.log.objectives[2 * k] == Double(accuracy[Int(row)]), "\(label) evaluation \(k)")
            }
            #expect(Set(configuration.log.row).count > 20, "\(label) explores")
        }
    }

    @Test func theSizeSpaceHasIntegerGenesAndNATSBenchMutation() throws {
        let binding = try SpaceBindings.bind(try DatasetCatalog(folder: Self.datasets).load("nats-sss"))
        #expect(binding.spaceName == "nats-size" && !binding.isSampleTable)
        #expect(try binding.row(parsing: "64:64:64:64:64") == 32_767)
        #expect(try binding.row(parsing: "284") == 284)
        #expect(binding.architectureText(row: 11) == "8:8:8:16:32")
        #expect(throws: SearchSpaceError.self) { _ = try binding.mutationName("naslib") }
        #expect(try binding.rowFeatures()[284].count == 40)
        let space = NATSSizeSpace()
        #expect(space.geneBounds == Array(repeating: 0...7, count: 5))
    }
}

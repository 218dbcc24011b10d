import Foundation
import HDF5Kit
import NASCore
import Testing
@testable import Benchmarks

/// DESIGN.md, "Benchmarks on disk": metric columns are float32, "per seed as a 2-D dataset
/// where seeds exist". The store reads and writes [rows, repeats] and [rows, epochs] columns
/// and the `/costs` group, so imported NAS-Bench-101 and NATS-Bench tables are format v1.
@Suite struct TwoDimensionalColumnTests {
    static func info(_ id: String, dataset: String = "cifar10", direction: Direction = .max) -> MetricInfo {
        MetricInfo(id: id, dataset: dataset, unit: "%", direction: direction, source: "test", sourceColumn: id, summary: "")
    }

    @Test func repeatAndEpochSeriesAndCostsRoundTripThroughTheStore() throws {
        let repeats = MetricSeries(axis: .repeat, width: 3, values: [90, 91, 95, 80, .nan, 82])
        let curve = MetricSeries(axis: .epoch, width: 4, values: [10, 20, 30, 40, 15, 25, 35, .nan])
        let cumulative = MetricSeries(axis: .epoch, width: 4, values: [1, 2, 3, 4, 2, 4, 6, 8])
        let table = BenchmarkTable(
            name: "two-d", searchSpace: "nats-topology", rows: 2, provenance: [:], archs: ArchColumns(),
            metrics: [MetricColumn(info: Self.info("plain"), values: [1, 2]),
                      MetricColumn(info: Self.info("acc@3seeds"), series: repeats, rows: 2),
                      MetricColumn(info: Self.info("acc@4ep"), series: curve, rows: 2)],
            costs: [MetricColumn(info: Self.info("train_seconds@4ep", direction: .min), series: cumulative, rows: 2)])
        let path = TestTables.temporaryFile("two-d.h5")
        try BenchmarkStore.save(table, to: path)
        let loaded = try BenchmarkStore.load(path)
        #expect(try loaded.metric("plain").series == nil)
        // NaN ≠ NaN, so series holding NaN are compared bit for bit.
        func bits(_ s: MetricSeries?) -> [UInt32]? { s.map { [UInt32($0.width)] + $0.values.map(\.bitPattern) } }
        #expect(try loaded.metric("acc@3seeds").series?.axis == .repeat && bits(loaded.metric("acc@3seeds").series) == bits(repeats))
        #expect(try loaded.metric("acc@4ep").series?.axis == .epoch && bits(loaded.metric("acc@4ep").series) == bits(curve))
        #expect(loaded.costs.map(\.info.id) == ["train_seconds@4ep"] && loaded.costs.first?.series == cumulative)
        // The plain view: the mean of the repeats that have a value; the last epoch of a curve.
        #expect(try loaded.metric("acc@3seeds").values == [92, 81])
        let last = try loaded.metric("acc@4ep").values
        #expect(last[0] == 40 && last[1].isNaN)
        // An evaluator can charge a cost column (cumulative seconds at the last epoch).
        #expect(try loaded.costOrMetric("train_seconds@4ep").values == [4, 8])
        let root = try HDF5File.read(path)
        #expect(root.dataset(at: "metrics/cifar10/acc@4ep")?.shape == [2, 4])
        #expect(root.dataset(at: "metrics/cifar10/acc@4ep")?.attributes["axis"] == .string("epoch"))
        #expect(root.dataset(at: "costs/cifar10/train_seconds@4ep")?.attributes["axis"] == .string("epoch"))
    }

    @Test func twoDimensionalColumnOfTheWrongShapeOrAxisNamesTheColumn() throws {
        func write(_ dataset: H5Dataset) throws -> String {
            var root = H5Group()
            root.attributes = ["format_version": .int(1), "name": .string("bad"), "search_space": .string("x"), "rows": .int(2)]
            root["archs"] = .group(H5Group())
            root.set("metrics/cifar10/acc", dataset)
            let path = TestTables.temporaryFile("bad.h5")
            try HDF5File.write(root, to: path)
            return path
        }
        let wrongRows = try write(H5Dataset(.float32([1, 2, 3]), shape: [3, 1], attributes: ["direction": .string("max")]))
        #expect { try BenchmarkStore.load(wrongRows) } throws: { "\($0)".contains("/metrics/cifar10/acc has 3 rows, the table has 2") }
        let unknownAxis = try write(H5Dataset(.float32([1, 2, 3, 4]), shape: [2, 2],
                                              attributes: ["direction": .string("max"), "axis": .string("fold")]))
        #expect { try BenchmarkStore.load(unknownAxis) } throws: { "\($0)".contains("axis 'fold'; expected repeat or epoch") }
    }

    /// The NB101 import (the tfrecord fixture) is a format-v1 table: the catalog loads it by
    /// name, `verify` passes, and `info`'s data (series width, per-row means) is right.
    @Test func importedNB101TableLoadsAndVerifiesThroughTheCatalog() throws {
        let folder = (TestTables.temporaryFile("x") as NSString).deletingLastPathComponent
        let input = TestTables.temporaryFile("nasbench_only108_fixture.tfrecord")
        let runs = NB101Fixture.runs(cells: 4, budgets: [108])
        try NB101Fixture.write(runs, to: input)
        try NB101TFRecordImporter.importFile(input, to: folder + "/nb101.h5", name: "nb101")
        let catalog = DatasetCatalog(folder: folder)
        #expect(catalog.importedNames() == ["nb101"])
        let table = try catalog.load("nb101")
        #expect(table.rows == 4 && table.searchSpace == "nb101")
        let column = try table.metric("final_validation_accuracy@108ep")
        let series = try #require(column.series)
        #expect(series.axis == .repeat && series.width == 3 && series.label == "3 repeats")
        for run in runs {
            let row = try #require(NB101Benchmark(table: table).row(hashHex: run.hash))
            #expect(series.value(row: row, at: run.repeatIndex) == Float(run.metrics.evaluations[2].validationAccuracy))
        }
        #expect(abs(column.values[0] - (series.value(row: 0, at: 0) + series.value(row: 0, at: 1) + series.value(row: 0, at: 2)) / 3) < 1e-6)
        #expect(try table.metric("trainable_parameters").series == nil)
        let report = try catalog.verify("nb101", dataFolder: nil)
        #expect(report.contains { $0.contains("content sha256") && $0.contains("(matches)") })
        #expect(report.contains { $0.contains("9 × 3 repeats") })
        // The query rules still see the repeats through the store.
        let bench = try NB101Benchmark.load(folder + "/nb101.h5")
        #expect(bench.repeats?.count == 3 && bench.repeats?.epochs == [108])
    }
}

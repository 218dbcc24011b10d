import Foundation
import HDF5Kit
import NASCore
import SearchSpaces
import Testing
@testable import Benchmarks

@Suite struct NATSTSSTableTests {
    @Test func allConv3x3CellIsIndex1462WithTheSourceRowValues() throws {
        let bench = try NATSTopologyBenchmark(table: BenchmarkStore.load(TestTables.catalog.path(of: "nats-tss").ensuringBuilt()))
        let cell = try NATSTopologyCell(archString: "|nor_conv_3x3~0|+|nor_conv_3x3~0|nor_conv_3x3~1|+|nor_conv_3x3~0|nor_conv_3x3~1|nor_conv_3x3~2|")
        #expect(bench.row(of: cell) == 1462)
        #expect(try bench.table.metric("c10_test_200ep").values[1462] == 93.76)
        #expect(try bench.table.metric("c10_valid_200ep").values[1462] == 90.1987)
        #expect(try bench.table.metric("lat_ms_raspi4").values[1462] == 98.8875)
        #expect(try bench.table.metric("params_M").values[1462] == 1.53155)
    }

    /// Every column of several rows, loaded back from the .h5, equals the source CSV
    /// (as float32, the stored precision; NaN stays NaN).
    @Test(arguments: [0, 1, 1462, 7777, 15624])
    func storedRowEqualsSourceRowInEveryColumn(row: Int) throws {
        let table = try BenchmarkStore.load(TestTables.catalog.path(of: "nats-tss").ensuringBuilt())
        let csv = TestTables.source
        #expect(table.metrics.count == csv.header.count - 3)
        for metric in table.metrics {
            let column = try csv.column(metric.info.sourceColumn)
            let text = csv.rows[row][column]
            let stored = metric.values[row]
            if text.isEmpty || text == "nan" {
                #expect(stored.isNaN, "\(metric.info.id) row \(row)")
            } else {
                #expect(stored == Float(text), "\(metric.info.id) row \(row): \(stored) vs \(text)")
                #expect("\(stored)" == text || Double(text)! == Double("\(stored)")!, "prints back as the source text")
            }
        }
        #expect(try csv.strings("arch_str")[row] == (table.archs["arch_str"]?.values).flatMap { d -> String? in
            if case .strings(let s) = d { return s[row] } else { return nil } })
    }

    @Test func all15625ArchStringsRoundTripThroughCellAndIndex() throws {
        let bench = try NATSTopologyBenchmark(table: TestTables.natsTSS)
        let strings = try TestTables.source.strings("arch_str")
        #expect(strings.count == 15_625)
        var seen = Set<Int>()
        for (i, s) in strings.enumerated() {
            let cell = try NATSTopologyCell(archString: s)
            let index = try #require(bench.row(of: cell))
            #expect(index == i)
            #expect(bench.index.cell(at: index)?.archString == s)
            seen.insert(index)
        }
        #expect(seen.count == 15_625)
    }

    @Test func naslibTuplesMatchArchStrings() throws {
        let strings = try TestTables.source.strings("arch_str")
        let tuples = try TestTables.source.strings("naslib_tuple")
        for (s, t) in zip(strings, tuples) {
            let cell = try NATSTopologyCell(archString: s)
            #expect(cell.naslibTuple == t)
            #expect(try NATSTopologyCell(naslibTuple: t) == cell)
        }
    }

    @Test func provenanceRecordsSourcesLicencesAndChecksum() throws {
        let table = TestTables.natsTSS
        #expect(table.provenance["source_sha256"]?.stringValue == "nats-tss/nats_tss_15625.csv.gz 87f44e718fbfaa931a7183d892df6d74b1213287603f3a9bcd8c112eac9724a5")
        let licence = try #require(table.provenance["licence"]?.stringValue)
        #expect(licence.contains("MIT") && licence.contains("Apache-2.0"))
        let lat = try table.metric("lat_ms_raspi4").info
        #expect(lat.unit == "ms" && lat.direction == .min && lat.source == "HayeonLee/HELP")
        #expect(try table.metric("naswt_v1_score_c10").values.filter(\.isNaN).count == 341)
    }

    @Test func verifyPassesThenDetectsAModifiedFile() throws {
        _ = TestTables.natsTSS
        let catalog = TestTables.catalog
        #expect(try catalog.verify("nats-tss", dataFolder: TestTables.dataFolder).count >= 2)
        // Rewrite one value of one column, keeping the stored checksum: verify must notice.
        let copyFolder = (TestTables.temporaryFile("x") as NSString).deletingLastPathComponent
        let copy = DatasetCatalog(folder: copyFolder)
        var root = try HDF5File.read(catalog.path(of: "nats-tss"))
        var ds = try #require(root.dataset(at: "metrics/cifar10/c10_test_200ep"))
        guard case .float32(var values) = ds.data else { Issue.record("not float32"); return }
        values[1462] += 0.01
        ds.data = .float32(values)
        root.set("metrics/cifar10/c10_test_200ep", ds)
        try HDF5File.write(root, to: copy.path(of: "nats-tss"))
        #expect { try copy.verify("nats-tss", dataFolder: nil) } throws: { "\($0)".contains("checksum mismatch") }
    }
}

extension String {
    /// Builds the shared test table if needed and returns self (a path inside it).
    func ensuringBuilt() -> String { _ = TestTables.natsTSS; return self }
}

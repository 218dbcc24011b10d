import Foundation
import NASCore
import SearchSpaces
import Testing
@testable import Benchmarks

@Suite struct DynaSTImportTests {
    @Test func fiveRunsGive2223DistinctSubnetworksFrom2373Rows() throws {
        let table = SampleTableFixtures.dynast
        #expect(table.rows == 2_223)
        #expect(table.searchSpace == "ofa-mbv3")
        guard case .int32(let repeats)? = table.archs["repeats"]?.values else { Issue.record("no repeats"); return }
        #expect(repeats.reduce(0, +) == 2_373)
        #expect(repeats.max() == 3)
        #expect(table.provenance["sample_rows"] == .int(2_373))
        guard case .int32(let runs)? = table.archs["sources"]?.values,
              case .strings(let names)? = table.archs["source_names"]?.values else { Issue.record("no sources"); return }
        #expect(names.count == 5)
        // A row repeated n times came from at least one and at most n runs.
        for (r, mask) in runs.enumerated() { #expect(mask != 0 && mask.nonzeroBitCount <= Int(repeats[r])) }
    }

    @Test func latencyIsZeroInEveryRunSoItIsDroppedAndRecorded() throws {
        let table = SampleTableFixtures.dynast
        #expect(!table.hasMetric("latency"))
        #expect(Set(table.metrics.map(\.info.id)) == ["params", "macs", "accuracy_top1"])
        #expect(table.provenance["dropped_columns"]?.stringValue?.contains("Latency (ms)") == true)
    }

    @Test func repeatedSubnetworkValuesAreAveraged() throws {
        // The first sub-network of evoga/evonsga2/evounsga3 is the same: 75.448, 75.462, 75.458.
        let table = SampleTableFixtures.dynast
        let space = OFAMobileNetV3Space()
        let x = try space.architecture(parsing: "{'wid': None, 'ks': [5, 7, 5, 5, 3, 3, 3, 7, 5, 5, 3, 7, 7, 3, 3, 3, 5, 5, 5, 5], 'e': [4, 3, 4, 4, 4, 6, 3, 4, 4, 3, 4, 3, 3, 6, 6, 6, 4, 3, 4, 4], 'd': [2, 3, 2, 4, 3], 'r': [224]}")
        let bench = try SampleTableBenchmark(table: table, space: space, offTable: .reject)
        let row = try #require(bench.locator.row(ofGenes: x.genes))
        #expect(abs(Double(try table.metric("accuracy_top1").values[row]) - (75.448 + 75.462 + 75.458) / 3) < 1e-4)
        #expect(try table.metric("params").values[row] == 5_029_656)
        guard case .int32(let repeats)? = table.archs["repeats"]?.values else { return }
        #expect(repeats[row] == 3)
    }

    @Test func everySourceDictPrintsBackIdentically() throws {
        let folder = SampleTableFixtures.dataFolder
        let space = OFAMobileNetV3Space()
        for file in DynaSTResultsImporter.ofaRuns {
            for text in try CSVTable.read(folder + "/" + file).strings("Sub-network") {
                #expect(space.describe(try space.architecture(parsing: text)) == text)
            }
        }
    }

    @Test func malformedDictIsRejectedWithFileAndLine() throws {
        let good = "\"{'wid': None, 'ks': [3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3], 'e': [3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3], 'd': [2, 2, 2, 2, 2], 'r': [224]}\""
        let bad = "\"{'wid': None, 'ks': [3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3], 'e': [3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3], 'd': [2, 2, 2, 2, 2], 'r': [224]\""
        let header = "Sub-network,Date,Model Parameters,Latency (ms),MACs,Top-1 Acc (%)\n"
        let dir = SampleTableFixtures.folder(["runs/a.csv": header + good + ",2022-11-01,1,0,2,70.0\n" + bad + ",2022-11-01,1,0,2,70.0\n"])
        let space = OFAMobileNetV3Space()
        do {
            _ = try DynaSTResultsImporter.build(name: "t", files: ["runs/a.csv"], from: dir, space: space, dataset: "imagenet",
                                                parse: space.architecture(parsing:))
            Issue.record("a malformed dict was accepted")
        } catch {
            #expect(error.file.hasSuffix("runs/a.csv"))
            #expect(error.line == 3)
            #expect(error.description.contains("Sub-network"))
        }
    }

    @Test func aDictWithAWrongLengthNamesTheField() throws {
        let header = "Sub-network,Date,Model Parameters,Latency (ms),MACs,Top-1 Acc (%)\n"
        let short = "\"{'wid': None, 'ks': [3, 3], 'e': [3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3], 'd': [2, 2, 2, 2, 2], 'r': [224]}\""
        let dir = SampleTableFixtures.folder(["a.csv": header + short + ",x,1,0,2,70\n"])
        let space = OFAMobileNetV3Space()
        #expect(throws: ImportError.self) {
            try DynaSTResultsImporter.build(name: "t", files: ["a.csv"], from: dir, space: space, dataset: "imagenet", parse: space.architecture(parsing:))
        }
        do {
            _ = try DynaSTResultsImporter.build(name: "t", files: ["a.csv"], from: dir, space: space, dataset: "imagenet", parse: space.architecture(parsing:))
        } catch {
            #expect(error.line == 2)
            #expect(error.message.contains("'ks' has 2 values"))
        }
    }

    @Test func tableRoundTripsThroughTheStore() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("dynast-\(UUID().uuidString).h5").path
        try BenchmarkStore.save(SampleTableFixtures.dynast, to: path)
        let loaded = try BenchmarkStore.load(path)
        let bench = try SampleTableBenchmark(table: loaded, space: OFAMobileNetV3Space(), offTable: .nearest(.hamming))
        #expect(bench.rowGenes == (try SampleTableLayout.read(SampleTableFixtures.dynast).genes))
        #expect(try loaded.metric("accuracy_top1").values == SampleTableFixtures.dynast.metric("accuracy_top1").values)
        // A table built for another space is refused with a message naming both.
        #expect(throws: BenchmarkError.self) { try SampleTableBenchmark(table: loaded, space: HATTransformerSpace(), offTable: .reject) }
    }
}

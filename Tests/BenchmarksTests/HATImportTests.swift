import Foundation
import NASCore
import SearchSpaces
import Testing
@testable import Benchmarks

@Suite struct HATImportTests {
    @Test(arguments: HATLatencyImporter.tables)
    func eachHATTableImportsWithItsRowsMerged(table name: String) throws {
        let table = try HATLatencyImporter.build(name, from: SampleTableFixtures.dataFolder)
        #expect(table.name == HATLatencyImporter.benchmarkName(name))
        #expect(table.searchSpace == "hat-avg")
        guard case .int32(let repeats)? = table.archs["repeats"]?.values else { Issue.record("no repeats"); return }
        #expect(repeats.reduce(0, +) == 2_000)
        #expect(table.rows >= 1_997 && table.rows <= 2_000)
        #expect(Set(table.metrics.map(\.info.id)) == ["lat_ms_encoder", "lat_ms_decoder", "lat_std_ms_encoder", "lat_std_ms_decoder", "lat_ms"])
        let bench = try SampleTableBenchmark(table: table, offTable: .nearest(.hamming))
        #expect(bench.space.layout.geneCount == 10)
        #expect(bench.locator.locate(GeneVector(genes: bench.rowGenes[5])) == .row(5))
        let total = try table.metric("lat_ms").values, enc = try table.metric("lat_ms_encoder").values, dec = try table.metric("lat_ms_decoder").values
        #expect(abs(total[0] - (enc[0] + dec[0])) <= 1e-3 * total[0])
    }

    @Test func catalogListsAllEightHATTables() throws {
        let names = DatasetCatalog.entries.map(\.name)
        #expect(names.filter { $0.hasPrefix("hat-") }.count == 8)
        #expect(names.contains("hat-wmt14ende-gpu-titanxp"))
        #expect(names.contains("ofa-mbv3-dynast") && names.contains("ofa-mbv3-help") && names.contains("fbnet-help"))
    }
}

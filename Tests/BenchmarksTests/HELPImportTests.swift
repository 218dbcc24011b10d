import Foundation
import NASCore
import SearchSpaces
import Testing
@testable import Benchmarks

@Suite struct HELPImportTests {
    @Test func ofaTableHas5000RowsAnd12LatenciesEqualToTheCSV() throws {
        let table = SampleTableFixtures.helpOFA
        #expect(table.rows == 5_000)
        #expect(table.searchSpace == "ofa-mbv3-r")
        #expect(table.metrics.count == 12)
        #expect(table.metrics.allSatisfy { $0.info.id.hasPrefix("lat_ms_") && $0.info.direction == .min && $0.info.unit == "ms" })
        let csv = try CSVTable.read(SampleTableFixtures.dataFolder + "/" + HELPLatencyImporter.ofaFile)
        let space = OFAMobileNetV3Space(resolutions: OFAMobileNetV3Space.helpResolutions)
        let (_, genes) = try SampleTableLayout.read(table)
        for row in [0, 1, 2_500, 4_999] {
            for metric in table.metrics {
                let text = csv.rows[row][try csv.column(metric.info.sourceColumn)]
                // Via Double: the text is the repr of a measured Python double, and the table stores
                // that double rounded to float32 (as numpy does). Rounding the decimal text
                // directly can differ by one ulp when the double sits on a float32 midpoint
                // (16.872658729553223 does).
                #expect(metric.values[row] == Float(try #require(Double(text))), "\(metric.info.id) row \(row)")
            }
            let x = GeneVector(genes: genes[row])
            let cols = space.helpColumns(of: x)
            #expect(cols.ks == csv.rows[row][1] && cols.e == csv.rows[row][2] && cols.d == csv.rows[row][3] && cols.r == csv.rows[row][4])
        }
        #expect(try table.metric("lat_ms_titan_xp_32").values[0] == Float(28.963050842285156))
    }

    @Test func fbnetTableHas5000RowsAnd27Latencies() throws {
        let table = SampleTableFixtures.fbnet
        #expect(table.rows == 5_000)
        #expect(table.metrics.count == 27)
        let bench = try SampleTableBenchmark(table: table, space: FBNetSpace(), offTable: .reject)
        let x = try FBNetSpace().architecture(opIndexList: "7-8-1-8-4-8-8-8-7-4-1-4-7-3-2-7-3-2-4-2-4-5")
        #expect(bench.locator.locate(x) == .row(0))
        #expect(try table.metric("lat_ms_raspi4").values[0] == Float(30.252860404143576))
    }
}

import Foundation
import NASCore
import SearchSpaces
import Testing
@testable import Benchmarks

@Suite struct GenericCSVImportTests {
    static let mapping = GenericCSVMapping(
        name: "toy", genes: [.init(column: "ks", separator: "-", options: [3, 5, 7]), .init(column: "depth")],
        metrics: [.init(column: "acc", direction: .max, unit: "%"), .init(column: "lat", id: "lat_ms_toy", direction: .min, unit: "ms")],
        source: "fixture", licence: "CC0")

    @Test func genesAndMetricsFollowTheMappingAndRepeatsAreAveraged() throws {
        let dir = SampleTableFixtures.folder(["t.csv": "ks,depth,acc,lat\n3-5,2,70,10\n7-7,4,80,30\n3-5,2,72,12\n"])
        let table = try GenericCSVImporter.build(csv: dir + "/t.csv", mapping: Self.mapping)
        #expect(table.rows == 2)
        let (layout, genes) = try SampleTableLayout.read(table)
        #expect(layout.summary == "ks×2, depth×1")
        #expect(genes == [[0, 1, 0], [2, 2, 1]])
        #expect(try table.metric("acc").values == [71, 80])
        #expect(try table.metric("lat_ms_toy").values == [11, 30])
        #expect(try table.metric("lat_ms_toy").info.direction == .min)
    }

    @Test func aValueOutsideTheMappedOptionsNamesColumnAndLine() throws {
        let dir = SampleTableFixtures.folder(["t.csv": "ks,depth,acc,lat\n3-5,2,70,10\n3-4,2,70,10\n"])
        do {
            _ = try GenericCSVImporter.build(csv: dir + "/t.csv", mapping: Self.mapping)
            Issue.record("accepted")
        } catch {
            #expect(error.line == 3)
            #expect(error.message.contains("'ks'"))
        }
    }

    @Test func aMissingColumnIsAnError() throws {
        let dir = SampleTableFixtures.folder(["t.csv": "ks,depth,acc\n3-5,2,70\n"])
        #expect(throws: ImportError.self) { try GenericCSVImporter.build(csv: dir + "/t.csv", mapping: Self.mapping) }
    }
}

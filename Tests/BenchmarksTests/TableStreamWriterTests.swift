import Foundation
import HDF5Kit
import NASCore
import Testing
@testable import Benchmarks

/// `TableStreamWriter` writes, band by band, the table `BenchmarkStore.save` writes from
/// memory: the same columns, values and content digest, so `datasets verify` checks a
/// streamed import as any table; and `load(series:)` of a large table leaves out the
/// curves a command does not name.
@Suite struct TableStreamWriterTests {
    static func info(_ id: String, _ dataset: String) -> MetricInfo {
        MetricInfo(id: id, dataset: dataset, unit: "%", direction: .max, source: "test", sourceColumn: id, summary: "a \(id)")
    }

    /// 5,000 rows (a band boundary at 4,096), columns of two datasets interleaved, a cost.
    static let rows = 5_000
    static let columns: [(info: MetricInfo, axis: MetricSeries.Axis?, width: Int, isCost: Bool, values: [Double])] = {
        var generator = SplitMix64(state: 7)
        func values(_ count: Int) -> [Double] {
            (0..<count).map { k in k % 97 == 0 ? .nan : Double(generator.next() % 1_000_000) / 7.0 }
        }
        return [
            (info("b_acc@3ep", "b"), .epoch, 3, false, values(rows * 3)),
            (info("a_params", "a"), nil, 1, false, values(rows)),
            (info("a_acc@2ep", "a"), .epoch, 2, false, values(rows * 2)),
            (info("b_acc@3ep_seed7", "b"), .epoch, 3, false, values(rows * 3)),
            (info("a_seconds@2ep", "a"), .epoch, 2, true, values(rows * 2)),
        ]
    }()

    static var archs: ArchColumns {
        var archs = ArchColumns()
        archs["index"] = ArchColumn(.int32((0..<Int32(rows)).map { $0 * 3 }))
        archs["arch_str"] = ArchColumn(.strings((0..<rows).map { "arch-\($0)" }))
        archs.attributes["description"] = .string("test rows")
        return archs
    }

    static let provenance: [String: TableAttribute] = ["source": .string("test"), "cost_metric": .string("a_seconds@2ep")]

    static func inMemory() -> BenchmarkTable {
        func column(_ c: (info: MetricInfo, axis: MetricSeries.Axis?, width: Int, isCost: Bool, values: [Double])) -> MetricColumn {
            guard let axis = c.axis else { return MetricColumn(info: c.info, exact: c.values) }
            return MetricColumn(info: c.info, series: MetricSeries(axis: axis, width: c.width, exact: c.values), rows: rows)
        }
        return BenchmarkTable(name: "streamed", searchSpace: "test", rows: rows, provenance: provenance, archs: archs,
                              metrics: columns.filter { !$0.isCost }.map(column), costs: columns.filter(\.isCost).map(column))
    }

    static func streamed(to path: String) throws {
        try TableStreamWriter.write(to: path, name: "streamed", searchSpace: "test", rows: rows, provenance: provenance, archs: archs,
                                    columns: columns.map { .init(info: $0.info, axis: $0.axis, width: $0.width, isCost: $0.isCost) }) { c, range, out in
            let width = columns[c].width
            for (k, v) in columns[c].values[(range.lowerBound * width)..<(range.upperBound * width)].enumerated() { out[k] = v }
        }
    }

    static func bits(_ values: [Double]?) -> [UInt64]? { values?.map(\.bitPattern) }

    @Test func aStreamedTableIsTheTableSaveWritesWithTheSameDigest() throws {
        let saved = TestTables.temporaryFile("saved.h5"), streamed = TestTables.temporaryFile("streamed.h5")
        try BenchmarkStore.save(Self.inMemory(), to: saved)
        try Self.streamed(to: streamed)
        let a = try BenchmarkStore.load(saved), b = try BenchmarkStore.load(streamed)
        #expect(a.provenance["content_sha256"] != nil && a.provenance["content_sha256"] == b.provenance["content_sha256"])
        #expect(a.metrics.map(\.info) == b.metrics.map(\.info) && a.costs.map(\.info) == b.costs.map(\.info))
        for (x, y) in zip(a.metrics + a.costs, b.metrics + b.costs) {
            #expect(Self.bits(x.exact ?? x.series?.exact) == Self.bits(y.exact ?? y.series?.exact), "\(x.info.id)")
            #expect(x.series?.width == y.series?.width && x.series?.axis == y.series?.axis)
        }
        #expect(Self.bits(try b.metric("b_acc@3ep").series?.exact) == Self.bits(Self.columns[0].values))
        // `datasets verify`'s check: the digest recomputed from the file is the stored one.
        let root = try HDF5File.read(streamed, requireChecksum: true)
        #expect(root.attributes["content_sha256"]?.stringValue == (try BenchmarkStore.contentDigest(root)))
        #expect(HDF5File.checksumStamp(streamed) != nil)
    }

    @Test func aFailedStreamLeavesNoFileAndNoTemporary() throws {
        let folder = TestTables.temporaryFile("failed")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        struct Stop: Error {}
        #expect(throws: Stop.self) {
            try TableStreamWriter.write(to: folder + "/t.h5", name: "t", searchSpace: "test", rows: Self.rows, provenance: [:],
                                        archs: Self.archs, columns: Self.columns.map { .init(info: $0.info, axis: $0.axis, width: $0.width, isCost: $0.isCost) }) { c, _, _ in
                if c == 2 { throw Stop() }
            }
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).isEmpty)
    }

    @Test func aKilledWritersTemporaryIsRemovedByTheNextWrite() throws {
        let folder = TestTables.temporaryFile("stale")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let gone = folder + "/streamed.h5.tmp-\(TemporaryName.thisHost)-2147483646-0"
        let live = folder + "/streamed.h5.tmp-\(TemporaryName.thisHost)-\(getpid())-99"
        for file in [gone, live] { #expect(FileManager.default.createFile(atPath: file, contents: Data([1, 2, 3]))) }
        try Self.streamed(to: folder + "/streamed.h5")
        #expect(!FileManager.default.fileExists(atPath: gone))
        #expect(FileManager.default.fileExists(atPath: live), "a living writer's temporary stays")
    }

    @Test func aLargeTableLoadsOnlyTheCurvesACommandNames() throws {
        let path = TestTables.temporaryFile("large.h5")
        try Self.streamed(to: path)
        let size = try #require(try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int)
        let table = try BenchmarkStore.load(path, series: .only { id, cost in id == "a_acc@2ep" || id == cost }, wholeLoadBytes: size - 1)
        #expect(table.metrics.map(\.info.id) == ["a_params", "a_acc@2ep"])
        #expect(table.costs.map(\.info.id) == ["a_seconds@2ep"])
        #expect(table.unloaded.map(\.info.id) == ["b_acc@3ep", "b_acc@3ep_seed7"] && table.unloaded.allSatisfy { $0.width == 3 && $0.axis == .epoch })
        #expect(Self.bits(try table.metric("a_acc@2ep").series?.exact) == Self.bits(Self.columns[2].values))
        #expect { try table.metric("b_acc@3ep") } throws: { "\($0)".contains("did not load it") }
        // A left-out curve's rows are read from the file: row 4,500, past the first band.
        let curve = try #require(table.unloaded.first)
        #expect(Self.bits(try curve.values(row: 4_500)) == Self.bits(Array(Self.columns[0].values[13_500..<13_503])))
        #expect(try curve.summary(row: 4_500).bitPattern == Self.columns[0].values[13_502].bitPattern)
        // `datasets verify` of a large table: the left-out curves are digested from the file.
        let (_, tree) = try BenchmarkStore.loadWithTree(path, series: .only { _, _ in false }, wholeLoadBytes: size - 1)
        #expect(tree.dataset(at: "metrics/b/b_acc@3ep")?.isSkipped == true)
        #expect(try BenchmarkStore.contentDigest(tree) == tree.attributes["content_sha256"]?.stringValue)
        // At or under the limit, a table loads whole whatever the command names.
        let whole = try BenchmarkStore.load(path, series: .only { _, _ in false }, wholeLoadBytes: size)
        #expect(whole.unloaded.isEmpty && whole.metrics.count == 4)
    }
}

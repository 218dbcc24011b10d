import Foundation
import HDF5Kit
import NASCore
import SearchSpaces
import Testing
@testable import Benchmarks

/// Tables and sources that are damaged, hostile or not what they claim (issue 16, items 5,
/// 7, 8, 9, 10): each is refused with one line naming the file and the fix, before anything
/// it declares is allocated, and no table is read from outside the datasets folder.
@Suite struct HostileTableTests {
    /// A small valid sample table, saved; `edit` changes the file's tree before it is written
    /// back, as a hostile program would.
    func savedSampleTable(_ edit: (inout H5Group) -> Void = { _ in }) throws -> String {
        let layout = GeneLayout([GeneParameter("ks", count: 2, options: [3, 5, 7]), GeneParameter("d", count: 1, options: [2, 3])])
        let info = MetricInfo(id: "acc", dataset: "custom", unit: "%", direction: .max, source: "test", sourceColumn: "acc", summary: "")
        var builder = SampleTableBuilder(layout: layout, metrics: [info], sourceNames: ["t.csv"])
        builder.add(genes: [0, 1, 0], config: "a", values: [70], source: 0)
        builder.add(genes: [2, 2, 1], config: "b", values: [75], source: 0)
        let table = builder.table(name: "t", searchSpace: "tabular", provenance: [:], description: "test")
        let path = TestTables.temporaryFile("t.h5")
        try BenchmarkStore.save(table, to: path)
        var root = try HDF5File.read(path)
        edit(&root)
        try HDF5File.write(root, to: path)
        return path
    }

    func expectOneLine(_ body: () throws -> Void, mentioning parts: [String]) {
        #expect { try body() } throws: { error in
            let text = "\(error)"
            let ok = !text.contains("\n") && parts.allSatisfy { text.contains($0) }
            if !ok { Issue.record("got: \(text)") }
            return ok
        }
    }

    @Test("rows of -1, 0, 2^62 or 2^63 − 1 are refused before any column is read", arguments: [Int64(-1), 0, 1 << 62, .max])
    func rowsOutsideTheLimitAreRefused(rows: Int64) throws {
        let path = try savedSampleTable { $0.attributes["rows"] = .int(rows) }
        expectOneLine({ _ = try BenchmarkStore.load(path) }, mentioning: [path, "root attribute 'rows' is \(rows)", "1…100000000"])
    }

    @Test("a metric column with more rows than the table declares is refused before it is read")
    func metricExtentMustMatchTheRows() throws {
        let path = try savedSampleTable { root in
            root.set("metrics/custom/extra", H5Dataset(.float32([1, 2, 3]), attributes: ["direction": .string("max")]))
        }
        expectOneLine({ _ = try BenchmarkStore.load(path) }, mentioning: [path, "/metrics/custom/extra has 3 rows, the table has 2"])
    }

    @Test("an /archs dataset that is neither [rows] nor a small lookup is refused")
    func archsExtentMustBeRowsOrALookup() throws {
        let path = try savedSampleTable { root in
            root.set("archs/big", H5Dataset(.uint8(Array(repeating: 0, count: 70_000))))
        }
        expectOneLine({ _ = try BenchmarkStore.load(path) }, mentioning: [path, "/archs/big has 70000 entries"])
    }

    @Test("negative, zero or huge parameter_counts are an error, not an allocation", arguments: [Int32(-5), 0, 100_000, .max])
    func parameterCountsAreBounded(count: Int32) throws {
        let path = try savedSampleTable { root in
            root.set("archs/parameter_counts", H5Dataset(.int32([count, 1])))
        }
        let table = try BenchmarkStore.load(path)
        expectOneLine({ _ = try SampleTableLayout.read(table) }, mentioning: ["/archs/parameter_counts gives 'ks' \(count) genes"])
        expectOneLine({ _ = try SpaceBindings.bind(table) }, mentioning: ["parameter_counts"])
    }

    @Test("a table name that is not a plain name never reaches the disk", arguments: ["../outside", "../../secret/t", "a/b", "..", "", "-x", "/etc/passwd"])
    func tableNamesMustBePlainNames(name: String) throws {
        let catalog = DatasetCatalog(folder: (TestTables.temporaryFile("x") as NSString).deletingLastPathComponent)
        expectOneLine({ _ = try catalog.load(name) }, mentioning: ["not a benchmark name", "A–Z a–z 0–9"])
        expectOneLine({ _ = try catalog.verify(name, dataFolder: nil) }, mentioning: ["not a benchmark name"])
        #expect(throws: BenchmarkError.self) { try catalog.file(of: name) }
    }

    @Test("datasets build checks each source against SHA256SUMS beside the data, and a 99-row NATS-TSS file against its 15,625 cells")
    func buildVerifiesSourcesAgainstSHA256SUMSAndPublishedRows() throws {
        let folder = (TestTables.temporaryFile("x") as NSString).deletingLastPathComponent
        try FileManager.default.createDirectory(atPath: folder + "/nats-tss", withIntermediateDirectories: true)
        let csv = TestTables.source
        let lines = [csv.header.joined(separator: ",")] + csv.rows.prefix(99).map { $0.joined(separator: ",") }
        try (lines.joined(separator: "\n") + "\n").write(toFile: folder + "/" + NATSTSSImporter.sourceFile, atomically: true, encoding: .utf8)
        let out = DatasetCatalog(folder: folder + "/out")

        // Without SHA256SUMS the well-formed 99-row file is caught by its row count.
        expectOneLine({ try out.build("nats-tss", from: folder) }, mentioning: ["has 99 data lines, the published table has 15625"])
        // With the published SHA256SUMS, by its checksum, before it is read.
        try FileManager.default.copyItem(atPath: TestTables.dataFolder + "/SHA256SUMS", toPath: folder + "/SHA256SUMS")
        expectOneLine({ try out.build("nats-tss", from: folder) }, mentioning: ["nats_tss_15625.csv.gz: sha256", "SHA256SUMS", "download it again"])
        // A source SHA256SUMS does not list.
        try "\(String(repeating: "0", count: 64))  ./other.csv.gz\n".write(toFile: folder + "/SHA256SUMS", atomically: true, encoding: .utf8)
        expectOneLine({ try out.build("nats-tss", from: folder) }, mentioning: ["not listed in", "SHA256SUMS"])
        // A malformed line.
        try "not a checksum line\n".write(toFile: folder + "/SHA256SUMS", atomically: true, encoding: .utf8)
        expectOneLine({ try out.build("nats-tss", from: folder) }, mentioning: ["SHA256SUMS:1:", "sha256sum"])
        #expect(!FileManager.default.fileExists(atPath: out.path(of: "nats-tss")))
    }

    @Test("the published data folder passes its own SHA256SUMS")
    func publishedSourcesMatchTheirChecksums() throws {
        let sums = try #require(try SourceChecksums(folder: TestTables.dataFolder))
        for entry in DatasetCatalog.entries {
            for source in entry.sources { try sums.verify(source) }
        }
    }

    @Test("a CSV line longer than 1 MiB (/dev/zero, a binary file) is an error, not a growing field")
    func csvLinesAreBounded() throws {
        expectOneLine({ _ = try CSVTable.read("/dev/zero") }, mentioning: ["/dev/zero:1:", "longer than 1048576 bytes"])
        let long = "a,b\n" + String(repeating: "x", count: CSVRecordReader.maxRecordBytes + 10) + ",1\n"
        expectOneLine({ _ = try CSVTable.parse(Array(long.utf8), path: "long.csv") }, mentioning: ["long.csv:2:", "longer than"])
    }

    @Test("a CRLF CSV's error is one line: a quoted field's line break is escaped")
    func crlfErrorsAreOneLine() throws {
        let dir = SampleTableFixtures.folder(["t.csv": "a,b,acc\r\n\"1\r\n\",2,0.5\r\n2,3,x\r\n"])
        let mapping = GenericCSVMapping(name: "t", genes: [.init(column: "a"), .init(column: "b")],
                                        metrics: [.init(column: "acc", direction: .max, unit: "")], source: "s", licence: "l")
        expectOneLine({ _ = try GenericCSVImporter.build(csv: dir + "/t.csv", mapping: mapping) }, mentioning: ["t.csv:2:", "'1\\r\\n'"])
        // Plain CRLF line ends are line ends: the bad value is reported on its own line.
        let plain = SampleTableFixtures.folder(["t.csv": "a,b,acc\r\n1,2,0.5\r\n2,3,x\r\n"])
        expectOneLine({ _ = try GenericCSVImporter.build(csv: plain + "/t.csv", mapping: mapping) }, mentioning: ["t.csv:3:", "'x'"])
    }

    @Test("a metric dataset name that would leave /metrics is refused when the table is saved")
    func metricDatasetNamesArePlainNames() throws {
        let info = MetricInfo(id: "acc", dataset: "../x", unit: "", direction: .max, source: "", sourceColumn: "", summary: "")
        let table = BenchmarkTable(name: "t", searchSpace: "tabular", rows: 1, provenance: [:], archs: ArchColumns(),
                                   metrics: [MetricColumn(info: info, values: [1])])
        let path = TestTables.temporaryFile("t.h5")
        expectOneLine({ try BenchmarkStore.save(table, to: path) }, mentioning: ["metric dataset '../x'", "not a plain name"])
        #expect(!FileManager.default.fileExists(atPath: path))
    }
}

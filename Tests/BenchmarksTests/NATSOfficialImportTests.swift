import Foundation
import NASCore
import SearchSpaces
import Testing
@testable import Benchmarks

/// `nasreplay datasets import nats-official`: the CSV of `scripts/export_nats_official.py`
/// becomes a format-v1 table of per-epoch curves (`NATSOfficialFixture` is a FORMAT
/// fixture; we do not have the official files).
@Suite struct NATSOfficialImportTests {
    static func gzip(_ path: String) throws -> String {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/sh")
        p.arguments = ["-c", "gzip -k -f '\(path)'"]
        try p.run(); p.waitUntilExit()
        try #require(p.terminationStatus == 0, "gzip failed")
        return path + ".gz"
    }

    /// Every field of every line comes back: curves as [rows × hp] epoch series, times as
    /// costs (training seconds cumulative), the arch strings and official indices as keys.
    @Test(arguments: [false, true])
    func fixtureRoundTripsEveryField(gzipped: Bool) throws {
        var input = NATSOfficialFixture.write()
        if gzipped { input = try Self.gzip(input) }
        let output = TestTables.temporaryFile("nats-tss-official.h5")
        let summary = try NATSOfficialImporter.importFile(input, to: output, name: "nats-tss-official")
        #expect(summary.space == .tss && summary.rows == 3 && summary.lines == NATSOfficialFixture.lines.count)
        #expect(summary.schedules.map { "\($0.dataset)@\($0.epochs)" } == ["cifar10-valid@12", "cifar10-valid@200", "cifar10@12", "cifar100@12"])
        #expect(summary.emptyColumns == ["cifar10_valid_loss@12ep", "cifar10_valid_acc@12ep", "cifar10_valid_eval_seconds@12ep"])

        let table = try BenchmarkStore.load(output)
        #expect(table.name == "nats-tss-official" && table.searchSpace == "nats-topology" && table.rows == 3)
        #expect(table.provenance["cost_metric"] == .string("cifar10-valid_train_seconds@200ep"))
        #expect(table.provenance["empty_columns"] == .string(summary.emptyColumns.joined(separator: ", ")))
        guard case .int32(let index)? = table.archs["index"]?.values,
              case .strings(let arch)? = table.archs["arch_str"]?.values else {
            Issue.record("no /archs/index or /archs/arch_str"); return
        }
        #expect(index == NATSOfficialFixture.indices.map(Int32.init))

        var running: [String: Double] = [:]       // cumulative training seconds per (row, schedule)
        for line in NATSOfficialFixture.lines {
            let row = try #require(index.firstIndex(of: Int32(line.index)))
            #expect(arch[row] == line.arch)
            let epochs = Int(line.hp) ?? 0
            func stored(_ name: String) throws -> Float? {
                let id = "\(line.dataset)_\(name)@\(epochs)ep"
                let column: MetricColumn? = table.hasMetric(id) ? try table.metric(id) : table.costs.first(where: { $0.info.id == id })
                guard let series = column?.series else { return nil }
                #expect(series.axis == .epoch && series.width == epochs)
                return series.value(row: row, at: line.epoch)
            }
            for (k, quantity) in NATSOfficialSchedule.quantities.enumerated() where quantity.column != "train_time_s" {
                let name = quantity.isTime ? quantity.column.replacingOccurrences(of: "_time_s", with: "_eval_seconds") : quantity.column
                let expected = line.measured[k]
                if expected.isNaN {
                    #expect(try stored(name) == nil, "\(name) has no value in the file, so no column")
                } else {
                    #expect(try stored(name) == Float(expected), "\(line.dataset) hp \(line.hp) \(name) index \(line.index) epoch \(line.epoch)")
                }
            }
            let key = "\(row) \(line.dataset) \(line.hp)"
            running[key, default: 0] += line.measured[2]
            let seconds = try #require(try stored("train_seconds"))
            #expect(abs(Double(seconds) - running[key, default: 0]) <= 1e-6 * running[key, default: 0])
        }
        // The plain view of a curve is its last epoch: the real 200-epoch number of index 1462.
        let row1462 = try #require(index.firstIndex(of: 1462))
        let real = try TestTables.natsTSS.metric("c10_valid_200ep").values[1462]
        #expect(try table.metric("cifar10-valid_valid_acc@200ep").values[row1462] == real)
        // The nats-tss /archs layout, so the topology benchmark binds the partial table.
        let bench = try NATSTopologyBenchmark(table: table)
        let cell = try NATSTopologyCell(archString: arch[row1462])
        #expect(bench.row(of: cell) == row1462)
        // Format v1: the catalog loads it by name and verify passes.
        let catalog = DatasetCatalog(folder: (output as NSString).deletingLastPathComponent)
        let report = try catalog.verify("nats-tss-official", dataFolder: nil)
        #expect(report.contains { $0.contains("(matches)") })
        #expect(report.contains { $0.contains("200 epochs") })
    }

    /// One line per mistake, naming file, line, field and fix; no output and no temporary left.
    @Test(arguments: [
        ("missing column", "header", "missing column 'valid_acc'"),
        ("non-numeric", "line 4", "field 'test_acc' has non-numeric value 'abc'"),
        ("unknown space", "line 2", "field 'space' is 'xss'; expected tss or sss"),
        ("duplicated row", "line 5", "duplicates an earlier line for index 0, dataset cifar10-valid, hp 12, epoch 2"),
        ("epoch beyond hp", "line 3", "field 'epoch' is '12'; expected 0…11"),
        ("unknown dataset", "line 3", "field 'dataset' is 'cifar10-test'"),
        ("bad arch", "line 2", "field 'arch'"),
        ("arch changes", "line 3", "earlier lines give index 0 the arch"),
    ])
    func badInputNamesFileLineFieldAndWritesNothing(problem: String, location: String, expected: String) throws {
        var lines = NATSOfficialFixture.lines.prefix(12).map(NATSOfficialFixture.text)
        var header = NATSOfficialFixture.header
        func edit(_ i: Int, field: Int, to value: String) {
            var parts = lines[i].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            parts[field] = value
            lines[i] = parts.joined(separator: ",")
        }
        switch problem {
        case "missing column": header = header.replacingOccurrences(of: ",valid_acc,", with: ",valid_accuracy,")
        case "non-numeric": edit(2, field: 13, to: "abc")
        case "unknown space": edit(0, field: 0, to: "xss")
        case "duplicated row": lines[3] = lines[2]
        case "epoch beyond hp": edit(1, field: 5, to: "12")
        case "unknown dataset": edit(1, field: 3, to: "cifar10-test")
        case "bad arch": edit(0, field: 2, to: "|conv_5x5~0|+|none~0|none~1|+|none~0|none~1|none~2|")
        case "arch changes": edit(1, field: 2, to: "|none~0|+|none~0|none~1|+|none~0|none~1|none~2|")
        default: Issue.record("unknown case \(problem)")
        }
        let input = NATSOfficialFixture.write(lines, header: header)
        let folder = (TestTables.temporaryFile("x") as NSString).deletingLastPathComponent
        let output = folder + "/out.h5"
        let error = try #require(throws: ImportError.self) { try NATSOfficialImporter.importFile(input, to: output, name: "out") }
        let text = error.description
        let line = location == "header" ? 1 : Int(location.dropFirst(5)) ?? 0
        #expect(text.hasPrefix("\(input):\(line): "), "\(text)")
        #expect(text.contains(expected), "\(text)")
        #expect(!text.contains("\n"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).isEmpty, "nothing written, no temporary left")
    }

    /// A failed re-import leaves the previous table as it was (the write is atomic).
    @Test func failedImportLeavesTheExistingTableUntouched() throws {
        let output = TestTables.temporaryFile("nats.h5")
        try NATSOfficialImporter.importFile(NATSOfficialFixture.write(), to: output, name: "nats")
        let before = try #require(FileManager.default.contents(atPath: output))
        let bad = NATSOfficialFixture.write(["tss,0,|none~0|+|none~0|none~1|+|none~0|none~1|none~2|,cifar10,12,0,1,2,3,4,5,6,7,8,oops"])
        #expect(throws: ImportError.self) { try NATSOfficialImporter.importFile(bad, to: output, name: "nats") }
        #expect(FileManager.default.contents(atPath: output) == before)
        #expect(try FileManager.default.contentsOfDirectory(atPath: (output as NSString).deletingLastPathComponent) == ["nats.h5"])
    }

    /// The size space: arch strings are channel lists, `/archs/channels` holds them as
    /// integers (invented values: we have no NATS-sss data at all).
    @Test func sizeSpaceExportBecomesANATSSizeTable() throws {
        let lines = ["sss,100,8:16:24:32:40,cifar100,01,0,2.0,30,5.5,,,,2.1,29.5,0.5",
                     "sss,32767,64:64:64:64:64,cifar100,01,0,1.9,31,6.5,,,,2.0,30.5,0.75"]
        let output = TestTables.temporaryFile("nats-sss-official.h5")
        let summary = try NATSOfficialImporter.importFile(NATSOfficialFixture.write(lines), to: output, name: "nats-sss-official")
        #expect(summary.space == .sss && summary.rows == 2 && summary.schedules.map(\.epochs) == [1])
        let table = try BenchmarkStore.load(output)
        #expect(table.searchSpace == "nats-size")
        #expect(table.archs["index"]?.values == .int32([100, 32767]))
        #expect(table.archs["channels"]?.values == .int32([8, 16, 24, 32, 40, 64, 64, 64, 64, 64]))
        #expect(try table.metric("cifar100_test_acc@1ep").values == [29.5, 30.5])
        #expect(try table.costOrMetric("cifar100_train_seconds@1ep").values == [5.5, 6.5])
        let bad = NATSOfficialFixture.write(["sss,7,8:16:24:32:41,cifar100,01,0,1,1,1,,,,1,1,1"])
        #expect { try NATSOfficialImporter.read(bad, name: "x") } throws: { "\($0)".contains(":2: field 'arch': invalid NATS size architecture") }
    }

    @Test func headerOnlyAndEmptyFilesAreErrors() throws {
        let headerOnly = NATSOfficialFixture.write([])
        #expect { try NATSOfficialImporter.read(headerOnly, name: "x") } throws: { "\($0)".contains("no data lines") }
        let empty = TestTables.temporaryFile("empty.csv")
        _ = FileManager.default.createFile(atPath: empty, contents: Data())
        #expect { try NATSOfficialImporter.read(empty, name: "x") } throws: { "\($0)".contains("empty file") }
    }

    /// The streaming reader splits records as `CSVTable` does (quotes, CRLF, blank lines).
    @Test func recordReaderAgreesWithCSVTable() throws {
        let text = "a,b,c\r\n1,\"x,y\",3\n\n\"he said \"\"hi\"\"\",,\"multi\nline\"\r\n4,5,6"
        let path = TestTables.temporaryFile("quoted.csv")
        _ = FileManager.default.createFile(atPath: path, contents: Data(text.utf8))
        let table = try CSVTable.parse(Array(text.utf8), path: path)
        let reader = try CSVRecordReader(path: path)
        var records: [[String]] = [], lines: [Int] = []
        while let r = try reader.next() { records.append(r.fields); lines.append(r.line) }
        #expect(records == [table.header] + table.rows)
        #expect(lines == [1, 2, 4, 6])
    }
}

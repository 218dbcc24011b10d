import Foundation
import HDF5Kit
import NASCore
import SearchSpaces
import Testing
@testable import Benchmarks

/// Each bad input gets one line that names the problem, and no partial file is left.
@Suite struct BadInputTests {
    @Test(arguments: [
        ("|nor_conv_3x3~0|+|nor_conv_3x3~0|", "expected 3 nodes"),
        ("nor_conv_3x3~0|+|a~0|b~1|+|c~0|d~1|e~2|", "must start and end"),
        ("|nor_conv_3x3~0|+|nor_conv_3x3~0|nor_conv_3x3~1|+|nor_conv_3x3~0|nor_conv_3x3~1|", "must have 3 inputs"),
        ("|nor_conv_3x3~1|+|nor_conv_3x3~0|nor_conv_3x3~1|+|nor_conv_3x3~0|nor_conv_3x3~1|nor_conv_3x3~2|", "must come from node 0"),
        ("|conv_5x5~0|+|nor_conv_3x3~0|nor_conv_3x3~1|+|nor_conv_3x3~0|nor_conv_3x3~1|nor_conv_3x3~2|", "unknown op 'conv_5x5'"),
    ])
    func malformedArchStringsAreRejected(input: String, expected: String) {
        #expect { try NATSTopologyCell(archString: input) } throws: { error in
            let text = "\(error)"
            return text.contains(expected) && !text.contains("\n")
        }
    }

    @Test func unknownBenchmarkNamesTheKnownOnes() {
        #expect { try DatasetCatalog.entry("nats-xyz") } throws: { "\($0)".contains("known benchmarks: nats-tss") }
    }

    @Test func missingSourceFolderIsReportedAndNothingIsWritten() throws {
        let folder = (TestTables.temporaryFile("x") as NSString).deletingLastPathComponent
        let catalog = DatasetCatalog(folder: folder)
        #expect { try catalog.build("nats-tss", from: "/nonexistent/data") } throws: { "\($0)".contains("source folder not found") }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).isEmpty)
    }

    @Test func csvWithAMissingColumnNamesTheColumn() throws {
        let folder = (TestTables.temporaryFile("x") as NSString).deletingLastPathComponent
        try FileManager.default.createDirectory(atPath: folder + "/nats-tss", withIntermediateDirectories: true)
        // The real header and first row, with the arch_str column dropped.
        let csv = TestTables.source
        let drop = try csv.column("arch_str")
        let header = csv.header.enumerated().filter { $0.offset != drop }.map(\.element).joined(separator: ",")
        let row = csv.rows[0].enumerated().filter { $0.offset != drop }.map(\.element).joined(separator: ",")
        try "\(header)\n\(row)\n".write(toFile: folder + "/" + NATSTSSImporter.sourceFile, atomically: true, encoding: .utf8)
        let out = DatasetCatalog(folder: folder + "/out")
        #expect { try out.build("nats-tss", from: folder) } throws: { "\($0)".contains("missing column 'arch_str'") }
        #expect(!FileManager.default.fileExists(atPath: out.path(of: "nats-tss")))
    }

    @Test func truncatedTableIsAnError() throws {
        _ = TestTables.natsTSS
        let bytes = try Data(contentsOf: URL(fileURLWithPath: TestTables.catalog.path(of: "nats-tss")))
        let path = TestTables.temporaryFile("nats-tss.h5")
        try bytes.prefix(bytes.count / 3).write(to: URL(fileURLWithPath: path))
        #expect { try BenchmarkStore.load(path) } throws: { error in
            let text = "\(error)"
            return text.contains(path) && !text.contains("\n")
        }
    }

    @Test func h5OfAnotherLayoutIsRejected() throws {
        var root = H5Group()
        root.attributes["title"] = .string("somebody else's file")
        root.set("data/x", H5Dataset(.float64([1, 2, 3])))
        let path = TestTables.temporaryFile("foreign.h5")
        try HDF5File.write(root, to: path)
        #expect { try BenchmarkStore.load(path) } throws: { "\($0)".contains("not a NASReplay benchmark") }

        root.attributes["format_version"] = .int(99)
        try HDF5File.write(root, to: path)
        #expect { try BenchmarkStore.load(path) } throws: { "\($0)".contains("format_version 99 is not supported") }

        root.attributes["format_version"] = .int(1)
        root.attributes["name"] = .string("x"); root.attributes["search_space"] = .string("y"); root.attributes["rows"] = .int(3)
        try HDF5File.write(root, to: path)
        #expect { try BenchmarkStore.load(path) } throws: { "\($0)".contains("missing group /archs") }
    }

    @Test func quotedCSVFieldsAndRaggedRows() throws {
        let ok = try CSVTable.parse(Array("a,b\n\"x, y\",2\n".utf8), path: "t.csv")
        #expect(ok.rows == [["x, y", "2"]])
        #expect { try CSVTable.parse(Array("a,b\n1\n".utf8), path: "t.csv") } throws: { "\($0)" == "t.csv:2: has 1 fields, the header has 2; fix the row or the header" }
    }
}

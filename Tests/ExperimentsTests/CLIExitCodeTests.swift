import Foundation
import Benchmarks
import HDF5Kit
import NASCore
import Testing

/// The CLI answers bad input with one line on stderr and exit code 2, and leaves no file.
@Suite struct CLIExitCodeTests {
    func nasreplay(_ arguments: [String]) throws -> CLIOutcome { try ExperimentFixtures.nasreplay(arguments) }

    func expectUsageError(_ arguments: [String], mentions: String) throws {
        let r = try nasreplay(arguments)
        #expect(r.status == 2, "\(arguments): status \(r.status)")
        let lines = r.stderr.split(separator: "\n")
        #expect(lines.count == 1, "one line, got: \(r.stderr)")
        #expect(r.stderr.contains(mentions), "\(r.stderr)")
    }

    var datasets: String { ExperimentFixtures.datasets }

    @Test func queryReportsIndex1462WithTheSourceValues() throws {
        let r = try nasreplay(["query", "--datasets", datasets, "nats-tss",
                               "|nor_conv_3x3~0|+|nor_conv_3x3~0|nor_conv_3x3~1|+|nor_conv_3x3~0|nor_conv_3x3~1|nor_conv_3x3~2|", "--json"])
        #expect(r.status == 0)
        #expect(r.stdout.contains("\"index\": 1462"))
        #expect(r.stdout.contains("\"c10_test_200ep\": 93.76"))
        #expect(r.stdout.contains("\"c10_valid_200ep\": 90.1987"))
    }

    @Test func malformedArchString() throws {
        try expectUsageError(["query", "--datasets", datasets, "nats-tss", "|nor_conv_3x3~0|+|"], mentions: "expected 3 nodes")
    }

    @Test func unknownOp() throws {
        try expectUsageError(["query", "--datasets", datasets, "nats-tss",
                              "|conv9~0|+|nor_conv_3x3~0|nor_conv_3x3~1|+|nor_conv_3x3~0|nor_conv_3x3~1|nor_conv_3x3~2|"], mentions: "unknown op 'conv9'")
    }

    @Test("a sample table is queried by row: its genes as the table's parameters and its metrics")
    func sampleTableRowQuery() throws {
        let r = try nasreplay(["query", "--datasets", datasets, "ofa-mbv3-dynast", "17", "--json"])
        #expect(r.status == 0, "\(r.stderr)")
        // Row 17 of the five DyNAS-T runs' merged table (real measurements).
        #expect(r.stdout.contains("\"accuracy_top1\": 75.416664"), "\(r.stdout)")
        #expect(r.stdout.contains("\"d\": [3.0, 4.0, 4.0, 3.0, 2.0]"), "\(r.stdout)")
        try expectUsageError(["query", "--datasets", datasets, "ofa-mbv3-dynast", "2223"], mentions: "give a row number 0…2222")
    }

    @Test func unknownBenchmark() throws {
        try expectUsageError(["query", "--datasets", datasets, "nats-bogus", "0"], mentions: "unknown benchmark")
    }

    @Test("serve refuses an unknown table, and an off-table policy on a table that holds its whole space, before reading stdin")
    func serveBadTable() throws {
        try expectUsageError(["serve", "--datasets", datasets, "nats-bogus"], mentions: "unknown benchmark")
        try expectUsageError(["serve", "--datasets", datasets, "nats-tss", "--off-table", "nearest"],
                             mentions: "--off-table nearest: nats-tss holds every architecture of its space")
        try expectUsageError(["serve", "--datasets", datasets, "ofa-mbv3-dynast", "--off-table", "closest"],
                             mentions: "--off-table closest: 'closest' is not an off-table policy")
    }

    @Test func missingSourceFolderWritesNothing() throws {
        let out = ExperimentFixtures.temporaryFolder()
        try expectUsageError(["datasets", "build", "--datasets", out, "--from", out + "/nope", "nats-tss"], mentions: "source folder not found")
        #expect(try FileManager.default.contentsOfDirectory(atPath: out).isEmpty)
    }

    @Test func truncatedAndForeignTables() throws {
        let folder = ExperimentFixtures.temporaryFolder()
        let bytes = try Data(contentsOf: URL(fileURLWithPath: datasets + "/nats-tss.h5"))
        try bytes.prefix(bytes.count / 4).write(to: URL(fileURLWithPath: folder + "/nats-tss.h5"))
        try expectUsageError(["datasets", "info", "--datasets", folder, "nats-tss"], mentions: "nats-tss.h5")
        var root = H5Group()
        root.set("table/x", H5Dataset(.int32([1, 2])))
        try HDF5File.write(root, to: folder + "/nats-tss.h5")
        try expectUsageError(["query", "--datasets", folder, "nats-tss", "0"], mentions: "not a NASReplay benchmark")
    }

    @Test func csvWithAMissingColumn() throws {
        let data = ExperimentFixtures.temporaryFolder()
        try FileManager.default.createDirectory(atPath: data + "/nats-tss", withIntermediateDirectories: true)
        try "nb201_index,arch_str,params_M\n0,|none~0|+|none~0|none~1|+|none~0|none~1|none~2|,0.1\n"
            .write(toFile: data + "/nats-tss/nats_tss_15625.csv.gz", atomically: true, encoding: .utf8)
        let out = ExperimentFixtures.temporaryFolder()
        try expectUsageError(["datasets", "build", "--datasets", out, "--from", data, "nats-tss"], mentions: "missing column 'naslib_tuple'")
        #expect(!FileManager.default.fileExists(atPath: out + "/nats-tss.h5"))
    }

    @Test func helpWorksForEveryCommand() throws {
        for command in [[], ["datasets"], ["datasets", "build"], ["query"], ["front"], ["serve"], ["run"], ["merge"], ["indicators", "hv"], ["bench"]] {
            let r = try nasreplay(command + ["--help"])
            #expect(r.status == 0 && r.stdout.contains("USAGE"), "\(command)")
        }
    }

    @Test func badPointsFilesAndReferences() throws {
        let folder = ExperimentFixtures.temporaryFolder()
        try "1,2\n3\n".write(toFile: folder + "/ragged.csv", atomically: true, encoding: .utf8)
        try expectUsageError(["indicators", "hv", "--ref", "1,1", folder + "/ragged.csv"], mentions: "ragged.csv:2")
        try "0.5,x\n".write(toFile: folder + "/text.csv", atomically: true, encoding: .utf8)
        try expectUsageError(["indicators", "rank", folder + "/text.csv"], mentions: "text.csv:1")
        try "0.5,0.5\n0.2,0.8\n".write(toFile: folder + "/ok.csv", atomically: true, encoding: .utf8)
        try expectUsageError(["indicators", "hv", "--ref", "1,1,1", folder + "/ok.csv"], mentions: "3")
        let r = try nasreplay(["indicators", "hv", "--ref", "1,1", folder + "/ok.csv"])
        // (0.5,0.5) dominates a 0.5×0.5 box; (0.2,0.8) adds the 0.3×0.2 strip to its left.
        let hv = try #require(Double(r.stdout.trimmingCharacters(in: .whitespacesAndNewlines)))
        #expect(r.status == 0 && Swift.abs(hv - 0.31) < 1e-12)
    }
}

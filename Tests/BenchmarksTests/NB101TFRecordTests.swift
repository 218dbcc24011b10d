import Foundation
import HDF5Kit
import NASCore
import SearchSpaces
import Testing
@testable import Benchmarks

@Suite struct NB101TFRecordTests {
    @Test func crc32cMatchesTheCastagnoliCheckValue() {
        #expect(CRC32C.checksum(Array("123456789".utf8)) == 0xE306_9283)
        #expect(CRC32C.checksum([]) == 0)
        // Slicing-by-8 and the byte loop agree at every length and alignment.
        let bytes = (0..<100).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ 11) }
        for n in 0...bytes.count {
            var crc: UInt32 = 0xFFFF_FFFF
            for b in bytes[0..<n] { crc = (crc >> 8) ^ CRC32C.tables[Int((crc ^ UInt32(b)) & 0xFF)] }
            #expect(CRC32C.checksum(Array(bytes[0..<n])) == crc ^ 0xFFFF_FFFF)
        }
    }

    @Test func modelMetricsProtobufRoundTripsAndSkipsUnknownFields() throws {
        let m = NB101ModelMetrics(evaluations: [.init(currentEpoch: 54, trainingTime: 1.5, trainAccuracy: 0.5,
                                                      validationAccuracy: 0.4, testAccuracy: 0.3, checkpointPath: "/m/ckpt-1")],
                                  trainableParameters: 8_555_530, totalTime: 2.25)
        var bytes = m.protobufEncoded()
        #expect(try NB101ModelMetrics(protobuf: bytes) == m)
        bytes += [0x20, 0x05, 0x2D, 1, 2, 3, 4]      // unknown fields 4 (varint) and 5 (fixed32)
        #expect(try NB101ModelMetrics(protobuf: bytes) == m)
        #expect(throws: NB101RecordError.self) { try NB101ModelMetrics(protobuf: Array(bytes.dropLast(12))) }
        // Field numbers pinned against model_metrics.proto: trainable_parameters = 2 (varint), total_time = 3 (double).
        #expect(try NB101ModelMetrics(protobuf: [0x10, 0x07]).trainableParameters == 7)
        #expect(try NB101ModelMetrics(protobuf: [0x19] + withUnsafeBytes(of: (2.5).bitPattern.littleEndian, Array.init)).totalTime == 2.5)
    }

    @Test func jsonRowParsesNasbenchsListShape() throws {
        let row = try NB101TFRecordRow(json: Array(#"["0620ba0fa74009dc1af29566964b828c", 108, "0100", "input,output", "EAc="]"#.utf8))
        #expect(row.moduleHash == "0620ba0fa74009dc1af29566964b828c" && row.epochs == 108 && row.adjacency == "0100")
        #expect(try row.metrics().trainableParameters == 7)
        #expect(throws: NB101RecordError.self) { try NB101TFRecordRow(json: Array(#"["x", "108", "", "", ""]"#.utf8)) }
        #expect(throws: NB101RecordError.self) { try NB101TFRecordRow(json: Array(#"["x", 108, "", ""]"#.utf8)) }
    }

    /// Import of the full-file-shaped fixture: every stored field equals what was written.
    @Test func fixtureRoundTripsEveryField() throws {
        let runs = NB101Fixture.runs(cells: 12, budgets: [4, 12, 36, 108])
        let input = TestTables.temporaryFile("nasbench_full_fixture.tfrecord")
        let output = TestTables.temporaryFile("nb101.h5")
        try NB101Fixture.write(runs, to: input)
        let summary = try NB101TFRecordImporter.importFile(input, to: output)
        #expect(summary.rows == 12 && summary.records == runs.count && summary.epochs == [4, 12, 36, 108])
        #expect(summary.hashMismatches == 0, "real graphs hash to their real keys")
        let bench = try NB101Benchmark.load(output)
        let repeats = try #require(bench.repeats)
        #expect(repeats.count == 3 && repeats.epochs == [4, 12, 36, 108])
        #expect(bench.costMetric == "final_training_time@108ep")
        guard case .int32(let exactParams)? = bench.table.archs["trainable_parameters"]?.values else {
            Issue.record("no /archs/trainable_parameters"); return
        }
        for run in runs {
            let row = try #require(bench.row(hashHex: run.hash))
            let cell = try NB101Cell(adjacency: run.adjacency, ops: run.ops)
            #expect(bench.row(of: cell) == row)
            #expect(bench.archs.cell(at: row) == cell)
            #expect(exactParams[row] == run.metrics.trainableParameters)
            for (phase, e) in [("halfway", run.metrics.evaluations[1]), ("final", run.metrics.evaluations[2])] {
                let expected = ["training_time": e.trainingTime, "train_accuracy": e.trainAccuracy,
                                "validation_accuracy": e.validationAccuracy, "test_accuracy": e.testAccuracy]
                for (q, v) in expected {
                    let id = NB101TFRecordImporter.metricID(phase, q, epochs: run.epochs)
                    #expect(repeats.value(id, row: row, repeat: run.repeatIndex) == Float(v), "\(id) row \(row)")
                }
            }
            #expect(repeats.value("total_time@\(run.epochs)ep", row: row, repeat: run.repeatIndex) == Float(run.metrics.totalTime))
        }
        // The 1-D view is the mean over repeats.
        let id = "final_validation_accuracy@108ep"
        let mean = try bench.table.metric(id).values[0]
        let column = try #require(repeats.column(id))
        #expect(abs(mean - (column[0] + column[1] + column[2]) / 3) < 1e-6)
        // The written file passes the format checks and its content digest.
        let root = try HDF5File.read(output)
        #expect(root.attributes["content_sha256"]?.stringValue == (try BenchmarkStore.contentDigest(root)))
    }

    @Test func corruptedDataChecksumNamesTheRecordOffsetAndWritesNothing() throws {
        let input = TestTables.temporaryFile("corrupt.tfrecord")
        let output = TestTables.temporaryFile("nb101.h5")
        try NB101Fixture.write(NB101Fixture.runs(cells: 3, budgets: [108]), to: input)
        let offsets = try NB101Fixture.offsets(of: input)
        var bytes = try #require(FileManager.default.contents(atPath: input)).map { $0 }
        bytes[Int(offsets[4]) + 12 + 10] ^= 0x01            // one bit inside record 4's data
        try Data(bytes).write(to: URL(fileURLWithPath: input))
        let error = try #require(throws: ImportError.self) { try NB101TFRecordImporter.importFile(input, to: output) }
        #expect(error.description.contains("corrupted"))
        #expect(error.description.contains("byte offset \(offsets[4])"))
        #expect(!FileManager.default.fileExists(atPath: output))

        bytes[Int(offsets[4]) + 12 + 10] ^= 0x01
        bytes[Int(offsets[2]) + 3] ^= 0x40                  // record 2's length field
        try Data(bytes).write(to: URL(fileURLWithPath: input))
        let lengthError = try #require(throws: ImportError.self) { try NB101TFRecordImporter.importFile(input, to: output) }
        #expect(lengthError.description.contains("length checksum") && lengthError.description.contains("byte offset \(offsets[2])"))
    }

    @Test(arguments: [1, 7, 12, 40, -1])
    func truncatedFileIsAnErrorAndWritesNothing(cut: Int) throws {
        let input = TestTables.temporaryFile("truncated.tfrecord")
        let output = TestTables.temporaryFile("nb101.h5")
        try NB101Fixture.write(NB101Fixture.runs(cells: 2, budgets: [108]), to: input)
        let offsets = try NB101Fixture.offsets(of: input)
        let bytes = try #require(FileManager.default.contents(atPath: input))
        // Cut inside the last record: `cut` bytes into it, or 1 byte short of its end.
        let keep = cut >= 0 ? Int(offsets.last!) + cut : bytes.count - 1
        try bytes.prefix(keep).write(to: URL(fileURLWithPath: input))
        let error = try #require(throws: ImportError.self) { try NB101TFRecordImporter.importFile(input, to: output) }
        #expect(error.description.contains("truncated") && error.description.contains("byte offset \(offsets.last!)"))
        #expect(!FileManager.default.fileExists(atPath: output))
    }

    @Test func emptyAndForeignFilesAreErrors() throws {
        let empty = TestTables.temporaryFile("empty.tfrecord")
        _ = FileManager.default.createFile(atPath: empty, contents: Data())
        #expect(throws: ImportError.self) { try NB101TFRecordImporter.read(empty) }
        let foreign = TestTables.temporaryFile("foreign.tfrecord")
        _ = FileManager.default.createFile(atPath: foreign, contents: Data("hash,num_vertices\n0000,7\n".utf8))
        #expect(throws: ImportError.self) { try NB101TFRecordImporter.read(foreign) }
        #expect(throws: ImportError.self) { try NB101TFRecordImporter.read(TestTables.temporaryFile("missing.tfrecord")) }
    }

    /// Writes a large fixture (100× the round-trip fixture, distinct hashes) when
    /// `NB101_BIG_FIXTURE=/path` is set, for measuring the importer's peak memory.
    @Test(.enabled(if: ProcessInfo.processInfo.environment["NB101_BIG_FIXTURE"] != nil))
    func writeLargeFixtureForMemoryMeasurement() throws {
        let path = try #require(ProcessInfo.processInfo.environment["NB101_BIG_FIXTURE"])
        let cells = Int(ProcessInfo.processInfo.environment["NB101_BIG_CELLS"] ?? "") ?? 1_200
        let budgets = ProcessInfo.processInfo.environment["NB101_BIG_ONLY108"] != nil ? [108] : [4, 12, 36, 108]
        let writer = try TFRecordWriter(path: path)
        var written = 0
        while written < cells {
            let chunk = min(1_000, cells - written)
            for run in NB101Fixture.runs(cells: chunk, budgets: budgets, rowOffset: written, hashSalt: written + 1) {
                try writer.write(NB101TFRecordRow(moduleHash: run.hash, epochs: run.epochs, adjacency: run.adjacency,
                                                  operations: run.ops, metrics: run.metrics).json)
            }
            written += chunk
        }
        try writer.close()
    }
}

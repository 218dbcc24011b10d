import Analysis
import Benchmarks
import Experiments
import Foundation
import HDF5Kit
import Indicators
import NASCore

/// One reader of user input, driven by arbitrary bytes (`scripts/fuzz/README.md`).
///
/// ```swift
/// let scratch = try FuzzScratch()
/// try FuzzTarget.csv.run(Array("arch,acc\n1,2\n".utf8), in: scratch)   // accepted
/// try FuzzTarget.spec.run([0xff, 0x00], in: scratch)                   // refused, one line
/// ```
///
/// Each target calls the readers exactly as the CLI does. An input passes when the readers
/// accept it or refuse it with a `UserFacingError` of exit status 2 and a one-line message
/// (DESIGN.md, "Reliability"); anything else is a `FuzzFinding`. A crash or a hang is a
/// finding the driver (libFuzzer, or `MutationCampaign`) sees.
public enum FuzzTarget: String, CaseIterable, Sendable {
    /// `run SPEC`, `run --dry-run`: the experiment spec parser and validator, and the
    /// predictor-experiment spec parser, on the same text.
    case spec
    /// `datasets import csv`: the CSV record reader (`CSVTable`) and the generic importer
    /// with a fixed mapping over a real HAT latency table's columns.
    case csv
    /// `query`, `run`, `datasets info`: a benchmark table (`BenchmarkStore.load`) from the
    /// bytes as given, so a damaged NASReplay file meets its checksum first.
    case table
    /// The same, but the checksum in the user block is recomputed over the mutated bytes
    /// first: a hostile table written to pass the checksum, whose metadata and data reach
    /// libhdf5 and NASReplay's table validation.
    case tableResealed = "table-resealed"
    /// `indicators --points FILE --ref R`: the points-file parser and the reference point.
    case points
    /// `stats … FILE`, `predictors fit-predict`: the one-number-per-line sample files and the
    /// regression CSV reader.
    case samples
    /// `datasets import nats-official --dir`: a decompressed cell or meta pickle through the
    /// restricted unpickler, then read as a cell.
    case pickle
    /// The same from the compressed `.pickle.pbz2` bytes: libbz2 first (16 MB bound).
    case pbz2

    /// Sets the process up as the CLI is: tables parsed in a child process. Call it once,
    /// before any thread starts (the drivers do).
    public static func prepareProcessLikeTheCLI() {
        BenchmarkStore.parseTablesInChildProcess()
    }

    /// The column mapping the `csv` target imports with (a real HAT table's header).
    static let csvMapping = GenericCSVMapping(
        name: "fuzz", genes: [.init(column: "encoder_embed_dim"), .init(column: "encoder_layer_num"), .init(column: "decoder_layer_num")],
        metrics: [.init(column: "latency_mean_encoder", direction: .min, unit: "ms"),
                  .init(column: "latency_mean_decoder", direction: .min, unit: "ms")],
        source: "fuzz", licence: "fuzz")

    /// Feeds `bytes` to the target's readers.
    ///
    /// - Returns: the readers' refusals (their one-line messages), empty when all accepted.
    /// - Throws: `FuzzFinding` when a reply breaks the invariant above.
    @discardableResult
    public func run(_ bytes: [UInt8], in scratch: FuzzScratch) throws(FuzzFinding) -> [String] {
        var refusals: [String] = []
        func expectUserFacing<E: Error>(_ body: () throws(E) -> Void) throws(FuzzFinding) {
            do { try body() } catch {
                try FuzzFinding.check(error, target: self)
                refusals.append(String(describing: error))
            }
        }
        do {
            switch self {
            case .spec:
                let text = String(decoding: bytes, as: UTF8.self)
                try expectUserFacing { () throws(SpecError) in _ = try ExperimentSpec.parse(text, file: "fuzz.toml") }
                try expectUserFacing { () throws(SpecError) in _ = try PredictorExperimentSpec.parse(text, file: "fuzz.toml") }
            case .csv:
                try expectUserFacing { () throws(ImportError) in _ = try CSVTable.parse(bytes, path: "fuzz.csv") }
                let path = try scratch.write(bytes, as: "fuzz.csv")
                try expectUserFacing { () throws(ImportError) in
                    let table = try GenericCSVImporter.build(csv: path, mapping: Self.csvMapping)
                    precondition(table.rows > 0 && table.metrics.allSatisfy { $0.values.count == table.rows },
                                 "an imported table's columns have its row count")
                }
            case .table, .tableResealed:
                let image = self == .tableResealed ? HDF5File.restampedImage(bytes) : bytes
                let path = try scratch.write(image, as: "fuzz.h5")
                try expectUserFacing { () throws(BenchmarkError) in
                    let table = try BenchmarkStore.load(path)
                    precondition(table.metrics.allSatisfy { $0.values.count == table.rows }, "a loaded table's columns have its row count")
                }
            case .points:
                let text = String(decoding: bytes, as: UTF8.self)
                try expectUserFacing { _ = try PointsFile.parse(text: text, path: "fuzz.txt") }
                let firstLine = text.split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? ""
                try expectUserFacing { _ = try PointsFile.parseReference(firstLine) }
            case .samples:
                let text = String(decoding: bytes, as: UTF8.self)
                try expectUserFacing { _ = try SampleFile.parse(text, fileName: "fuzz.txt") }
                let path = try scratch.write(bytes, as: "fuzz.csv")
                try expectUserFacing { () throws(RegressionCSV.InputError) in _ = try RegressionCSV.read(path) }
                try expectUserFacing { () throws(RegressionCSV.InputError) in _ = try RegressionCSV.readFeatures(path, featureCount: 3) }
            case .pickle:
                try expectUserFacing { () throws(ImportError) in _ = try NATSOfficialPickleImporter.measureCell(pickle: bytes, file: "fuzz.pickle") }
            case .pbz2:
                try expectUserFacing { () throws(ImportError) in
                    let pickle = try Bzip2File.decompress(bytes, file: "fuzz.pickle.pbz2", maxBytes: 16 << 20)
                    _ = try NATSOfficialPickleImporter.measureCell(pickle: pickle, file: "fuzz.pickle.pbz2")
                }
            }
        } catch let finding as FuzzFinding {
            throw finding
        } catch {
            // Writing the scratch file failed: the machine's problem, not the reader's.
            fatalError("fuzz scratch folder \(scratch.folder): \(error)")
        }
        return refusals
    }
}

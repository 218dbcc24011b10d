import Foundation
import NASCore
import SearchSpaces

/// Imports the official NAS-Bench-101 data, `nasbench_only108.tfrecord` or
/// `nasbench_full.tfrecord`, into a format-v1 table with every budget × 3 repeats.
///
/// ```swift
/// let summary = try NB101TFRecordImporter.importFile("nasbench_only108.tfrecord",
///                                                   to: "datasets/nb101.h5") { print($0.line) }
/// let bench = try NB101Benchmark.load("datasets/nb101.h5")
/// ```
///
/// Streams record by record (`TFRecordReader`): memory is the output columns plus one
/// record. Each record is one training run, `[module_hash, epochs, raw_adjacency,
/// raw_operations, raw_metrics]`; runs of the same hash and budget are repeats 0, 1, 2 in
/// file order, and the graph and parameter count come from the hash's first record, as
/// `NASBench.__init__` does (google-research/nasbench `api.py`; ALGORITHMS.md §4.1).
///
/// Output (datasets/FORMAT.md, "nb101"): `/archs` as `NB101ArchColumns` plus exact
/// `trainable_parameters` (int32); per budget E present in the file, float32 [rows, 3]
/// columns `/metrics/cifar10/{halfway,final}_{training_time,train_accuracy,
/// validation_accuracy,test_accuracy}@{E}ep` and `total_time@{E}ep`, NaN where a repeat is
/// missing; and `/metrics/cifar10/trainable_parameters` [rows]. Step-0 evaluations and
/// checkpoint paths are not kept. Every first-seen graph is hashed and compared with its
/// key; mismatches are counted (`hash_mismatches`), not fatal, since the key is the data's.
/// The file is written atomically: an error leaves nothing behind.
public enum NB101TFRecordImporter {
    public static let repeats = 3
    public static let phases = ["halfway", "final"]
    public static let quantities = ["training_time", "train_accuracy", "validation_accuracy", "test_accuracy"]

    public struct Progress: Sendable {
        public var records: Int
        public var rows: Int
        public var bytesRead: Int64
        public var totalBytes: Int64
        public var line: String {
            let pct = totalBytes > 0 ? 100 * Double(bytesRead) / Double(totalBytes) : 0
            return String(format: "%5.1f%%  %d records, %d cells", pct, records, rows)
        }
    }

    public struct Summary: Sendable {
        public var rows: Int
        public var records: Int
        public var epochs: [Int]
        /// First-seen graphs whose canonical hash differs from the record's key.
        public var hashMismatches: Int
        public var sha256: String
    }

    /// The id of a repeat column, e.g. `final_validation_accuracy@108ep`.
    public static func metricID(_ phase: String, _ quantity: String, epochs: Int) -> String {
        "\(phase)_\(quantity)@\(epochs)ep"
    }

    /// Reads `tfrecord` and writes the table to `output` atomically.
    @discardableResult
    public static func importFile(_ tfrecord: String, to output: String, name: String = "nb101",
                                  progress: ((Progress) -> Void)? = nil) throws -> Summary {
        let (table, summary) = try read(tfrecord, name: name, progress: progress)
        let folder = (output as NSString).deletingLastPathComponent
        if !folder.isEmpty { try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true) }
        try BenchmarkStore.save(table, to: output)
        return summary
    }

    /// The table in memory, ready to save.
    public static func read(_ tfrecord: String, name: String = "nb101",
                            progress: ((Progress) -> Void)? = nil) throws(ImportError) -> (BenchmarkTable, Summary) {
        let reader = try TFRecordReader(path: tfrecord)
        var acc = Accumulator()
        var records = 0
        while let record = try reader.next() {
            do { try acc.add(record.bytes) } catch {
                throw ImportError(file: tfrecord, message: "the record at byte offset \(record.offset): \(error.description)")
            }
            records += 1
            if records % 100_000 == 0, let progress {
                progress(Progress(records: records, rows: acc.archs.rows, bytesRead: reader.position, totalBytes: reader.size))
            }
        }
        guard records > 0 else { throw ImportError(file: tfrecord, message: "holds no records; expected nasbench_only108.tfrecord or nasbench_full.tfrecord") }
        progress?(Progress(records: records, rows: acc.archs.rows, bytesRead: reader.position, totalBytes: reader.size))
        let sha = reader.sha256Hex()
        let summary = Summary(rows: acc.archs.rows, records: records, epochs: acc.budgets.map(\.epochs).sorted(),
                              hashMismatches: acc.hashMismatches, sha256: sha)
        return (acc.table(name: name, file: (tfrecord as NSString).lastPathComponent, summary: summary), summary)
    }

    /// Growing columns; one row per distinct hash, in order of first appearance.
    struct Accumulator {
        struct Budget {
            var epochs: Int
            /// Runs seen per row.
            var counts: [UInt8]
            /// phase × quantity columns (row-major [rows, 3]) then total_time.
            var columns: [[Float]]
        }

        var archs = NB101ArchColumns()
        var rowOf: [MD5Digest: Int32] = [:]
        var parameters: [Int32] = []
        /// Budgets in order of first appearance; an array (not a dictionary of arrays) so
        /// the column appends below mutate in place and never copy a column.
        var budgets: [Budget] = []
        var budgetOf: [Int: Int] = [:]
        var hashMismatches = 0
        static let columnCount = phases.count * quantities.count + 1

        mutating func add(_ bytes: [UInt8]) throws(NB101RecordError) {
            let row = try NB101TFRecordRow(json: bytes)
            guard let digest = MD5Digest(hex: row.moduleHash) else {
                throw NB101RecordError("module_hash '\(row.moduleHash)' is not 32 hex digits")
            }
            guard [4, 12, 36, 108].contains(row.epochs) || (1...1_000).contains(row.epochs) else {
                throw NB101RecordError("epochs \(row.epochs) is not a training budget")
            }
            let metrics = try row.metrics()
            guard metrics.evaluations.count >= 3 else {
                throw NB101RecordError("ModelMetrics has \(metrics.evaluations.count) evaluation_data entries; nasbench reads [1] (halfway) and [2] (final)")
            }
            let r: Int
            if let existing = rowOf[digest] {
                r = Int(existing)
            } else {
                let cell: NB101Cell
                do { cell = try NB101Cell(adjacency: row.adjacency, ops: row.operations) } catch {
                    throw NB101RecordError("graph of \(row.moduleHash): \(error.description)")
                }
                if (try? cell.canonicalDigest()) != digest { hashMismatches += 1 }
                r = archs.rows
                rowOf[digest] = Int32(r)
                archs.append(hash: digest, graph: cell)
                parameters.append(metrics.trainableParameters)
                for b in budgets.indices {
                    budgets[b].counts.append(0)
                    for c in 0..<Self.columnCount {
                        budgets[b].columns[c].append(.nan); budgets[b].columns[c].append(.nan); budgets[b].columns[c].append(.nan)
                    }
                }
            }
            let b: Int
            if let existing = budgetOf[row.epochs] {
                b = existing
            } else {
                let n = archs.rows
                b = budgets.count
                budgetOf[row.epochs] = b
                budgets.append(Budget(epochs: row.epochs, counts: [UInt8](repeating: 0, count: n),
                                      columns: [[Float]](repeating: [Float](repeating: .nan, count: 3 * n), count: Self.columnCount)))
            }
            let k = Int(budgets[b].counts[r])
            guard k < repeats else {
                throw NB101RecordError("a \(repeats + 1)th run of \(row.moduleHash) at \(row.epochs) epochs; NAS-Bench-101 has \(repeats) repeats")
            }
            budgets[b].counts[r] = UInt8(k + 1)
            let slot = 3 * r + k
            for (p, e) in [metrics.evaluations[1], metrics.evaluations[2]].enumerated() {
                let values = [e.trainingTime, e.trainAccuracy, e.validationAccuracy, e.testAccuracy]
                for (q, v) in values.enumerated() { budgets[b].columns[p * quantities.count + q][slot] = Float(v) }
            }
            budgets[b].columns[Self.columnCount - 1][slot] = Float(metrics.totalTime)
        }

        func table(name: String, file: String, summary: Summary) -> BenchmarkTable {
            let rows = archs.rows
            var columns = archs.archColumns()
            columns.attributes["description"] = .string("row keys are official NAS-Bench-101 module hashes (hash_hi, hash_lo), rows in order of first appearance in the tfrecord; graphs as the tfrecord stores them")
            columns["trainable_parameters"] = ArchColumn(.int32(parameters))
            let source = "google-research/nasbench \(file)"
            var metrics: [MetricColumn] = []
            for budget in budgets.sorted(by: { $0.epochs < $1.epochs }) {
                let e = budget.epochs
                for (p, phase) in phases.enumerated() {
                    for (q, quantity) in quantities.enumerated() {
                        let isTime = quantity == "training_time"
                        let when = phase == "halfway" ? "after \(e / 2) of \(e) epochs" : "after \(e) epochs"
                        let info = MetricInfo(
                            id: metricID(phase, quantity, epochs: e), dataset: "cifar10", unit: isTime ? "s" : "fraction",
                            direction: isTime ? .min : .max, source: source,
                            sourceColumn: "evaluation_data[\(phase == "halfway" ? 1 : 2)].\(quantity)",
                            summary: isTime ? "training seconds \(when), evaluation excluded; one column per repeat"
                                            : "CIFAR-10 \(quantity.replacingOccurrences(of: "_", with: " ")) \(when); one column per repeat")
                        metrics.append(MetricColumn(info: info, series: MetricSeries(axis: .repeat, width: repeats, values: budget.columns[p * quantities.count + q]), rows: rows))
                    }
                }
                let total = MetricInfo(id: "total_time@\(e)ep", dataset: "cifar10", unit: "s", direction: .min, source: source,
                                       sourceColumn: "total_time", summary: "training plus evaluation seconds of the \(e)-epoch run (diagnostic)")
                metrics.append(MetricColumn(info: total, series: MetricSeries(axis: .repeat, width: repeats, values: budget.columns[Self.columnCount - 1]), rows: rows))
            }
            metrics.append(MetricColumn(info: MetricInfo(
                id: "trainable_parameters", dataset: "cifar10", unit: "count", direction: .min, source: source,
                sourceColumn: "trainable_parameters", summary: "trainable parameters (exact int32 in /archs/trainable_parameters)"),
                values: parameters.map(Float.init)))
            let costEpochs = summary.epochs.contains(108) ? 108 : (summary.epochs.max() ?? 108)
            return BenchmarkTable(
                name: name, searchSpace: "nb101", rows: rows,
                provenance: [
                    "contents": .string("NAS-Bench-101 imported from \(file): \(rows) cells, budgets \(summary.epochs.map(String.init).joined(separator: ", ")) epochs, \(repeats) repeats each"),
                    "source": .string("google-research/nasbench \(file) (Apache-2.0)"),
                    "source_sha256": .string("\(file) \(summary.sha256)"),
                    "licence": .string("Apache-2.0"),
                    "paper": .string("Ying et al., NAS-Bench-101 (ICML 2019)"),
                    "repeats": .int(Int64(repeats)),
                    "epochs": .ints(summary.epochs.map(Int64.init)),
                    "cost_metric": .string(metricID("final", "training_time", epochs: costEpochs)),
                    "hash_mismatches": .int(Int64(hashMismatches)),
                ],
                archs: columns, metrics: metrics)
        }
    }
}

import Foundation
import NASCore
import SearchSpaces

/// Builds the `nb101-sample` table from `nb101/nb101_first20k_by_hash.csv.gz` and
/// `nb101/nb101_naslib_zc500.csv.gz` (`../shared/data/README.md`).
///
/// ```swift
/// let table = try NB101SampleImporter.build(from: "../shared/data")
/// let bench = try NB101Benchmark(table: table)
/// ```
///
/// What it is, honestly: the first 20,001 NAS-Bench-101 cells in md5-hash order (a slice,
/// not a random sample) plus 500 cells NASLib scored with zero-cost proxies. Good for
/// queries and smoke tests; it is **not** a benchmark to compare search methods on,
/// because the slice is biased by hash order and most rows lack either a graph or the
/// proxies. The full table comes from the tfrecord (`NB101TFRecordImporter`).
///
/// Keys (ALGORITHMS.md §4.3): every row is keyed by the official module hash. The 20k
/// file's `hash` column is that hash, and each of its 10,250 graphs is checked to hash to
/// it. The zc500 file's `hash` column is `hash_module` of the *unpruned* graph, not the
/// key, so those rows are keyed by `canonicalHash()` of their graph and the published value
/// is kept as `/archs/naslib_hash_unpruned`. A zc500 cell whose key is already a 20k row is
/// merged into that row (its proxy columns filled, its graph used if the row had none,
/// `source` = both); a second zc500 cell with the same key is dropped and counted in the
/// `zc500_duplicates_dropped` attribute.
public enum NB101SampleImporter {
    public static let first20kFile = "nb101/nb101_first20k_by_hash.csv.gz"
    public static let zc500File = "nb101/nb101_naslib_zc500.csv.gz"
    /// The metric the evaluator charges as simulated cost (root attribute `cost_metric`).
    public static let costMetric = "train_time_s_108ep"
    /// `/archs/source` codes.
    public static let sourceNames = ["nb101_first20k_by_hash", "nb101_naslib_zc500", "both"]

    static let visRepo = "tiga1231/nasbench-vis (numbers from google-research/nasbench)"
    static let naslibRepo = "automl/NASLib (zero-cost data)"

    /// (id, source column, unit, direction, summary) of the 20k file's metrics.
    static let first20kMetrics: [(String, String, String, Direction, String)] = [
        ("val_acc_4ep", "val_acc_4ep", "fraction", .max, "CIFAR-10 validation accuracy, 4-epoch budget (one value per cell as re-published)"),
        ("val_acc_12ep", "val_acc_12ep", "fraction", .max, "CIFAR-10 validation accuracy, 12-epoch budget (one value per cell as re-published)"),
        ("val_acc_36ep", "val_acc_36ep", "fraction", .max, "CIFAR-10 validation accuracy, 36-epoch budget (one value per cell as re-published)"),
        ("val_acc_108ep", "val_acc_108ep", "fraction", .max, "CIFAR-10 validation accuracy, 108-epoch budget (one value per cell as re-published)"),
        ("train_time_s_108ep", "train_time_s_108ep", "s", .min, "training seconds of the 108-epoch run; the simulated cost of a query"),
        ("trainable_params", "trainable_params", "count", .min, "trainable parameters (exact integers also in /archs/trainable_params)"),
        ("zen_score", "zen_score__naslib", "score", .max, "Zen-NAS score (NASLib); rows with a graph only"),
    ]

    /// The zc500 file's metrics. Ids that would clash in meaning with the 20k columns keep
    /// a source tag (DESIGN.md, "Metric names").
    static let zc500Metrics: [(String, String, String, Direction, String)] = [
        ("val_accuracy_naslib", "val_accuracy", "%", .max, "CIFAR-10 validation accuracy (%) as NASLib's zero-cost table gives it; zc500 rows only"),
        ("flops", "flops", "MFLOPs", .min, "FLOPs, millions (NASLib zero-cost table)"),
        ("params_naslib", "params", "M", .min, "parameters, millions (NASLib zero-cost table)"),
        ("snip", "snip", "score", .max, "SNIP zero-cost proxy"),
        ("jacov", "jacov", "score", .max, "Jacobian covariance zero-cost proxy"),
        ("grad_norm", "grad_norm", "score", .max, "gradient-norm zero-cost proxy"),
        ("plain", "plain", "score", .max, "plain zero-cost proxy"),
        ("epe_nas", "epe_nas", "score", .max, "EPE-NAS zero-cost proxy"),
        ("fisher", "fisher", "score", .max, "Fisher zero-cost proxy"),
        ("grasp", "grasp", "score", .max, "GraSP zero-cost proxy"),
        ("l2_norm", "l2_norm", "score", .max, "L2-norm zero-cost proxy"),
        ("synflow", "synflow", "score", .max, "SynFlow zero-cost proxy"),
    ]

    public static func build(from folder: String) throws(ImportError) -> BenchmarkTable {
        let mainPath = folder + "/" + first20kFile
        let zcPath = folder + "/" + zc500File
        let main = try CSVTable.read(mainPath)
        let zc = try CSVTable.read(zcPath)

        var archs = NB101ArchColumns()
        var rowOf: [MD5Digest: Int] = [:]
        var source: [UInt8] = []
        var naslibIndex: [Int32] = []
        var naslibUnpruned: [String] = []

        let hashes = try main.strings("hash")
        let counts = try main.strings("num_vertices")
        let adjacency = try main.strings("adjacency_rowmajor")
        let ops = try main.strings("ops")
        let indexText = try main.strings("naslib_idx")
        let params = try main.doubles("trainable_params")
        for r in 0..<main.rowCount {
            let line = r + 2
            guard let digest = MD5Digest(hex: hashes[r]) else {
                throw ImportError(file: mainPath, line: line, message: "hash '\(hashes[r])' is not 32 hex digits")
            }
            guard rowOf[digest] == nil else { throw ImportError(file: mainPath, line: line, message: "hash \(hashes[r]) appears twice") }
            var graph: NB101Cell?
            if !adjacency[r].isEmpty {
                let cell: NB101Cell
                do { cell = try NB101Cell(adjacency: adjacency[r], ops: ops[r]) } catch {
                    throw ImportError(file: mainPath, line: line, message: error.description)
                }
                guard Int(counts[r]) == cell.vertexCount else {
                    throw ImportError(file: mainPath, line: line, message: "num_vertices \(counts[r]) disagrees with the \(cell.vertexCount) ops")
                }
                // The graphs are an exact oracle for the hash port; a mismatch means a bad file or a bad port.
                guard (try? cell.canonicalDigest()) == digest else {
                    throw ImportError(file: mainPath, line: line, message: "the graph does not hash to \(hashes[r])")
                }
                graph = cell
            }
            rowOf[digest] = r
            archs.append(hash: digest, graph: graph)
            source.append(0)
            naslibIndex.append(Int32(indexText[r]) ?? -1)
            naslibUnpruned.append("")
        }

        // zc500: key by the canonical hash of the graph.
        let zcHashes = try zc.strings("hash")
        let zcAdjacency = try zc.strings("adjacency_rowmajor")
        let zcOps = try zc.strings("ops")
        var zcRowOf: [Int] = []          // table row of each zc500 line, or -1 when dropped
        var duplicates = 0, merged = 0
        for r in 0..<zc.rowCount {
            let line = r + 2
            let cell: NB101Cell
            do { cell = try NB101Cell(adjacency: zcAdjacency[r], ops: zcOps[r]) } catch {
                throw ImportError(file: zcPath, line: line, message: error.description)
            }
            let digest: MD5Digest
            do { digest = try cell.canonicalDigest() } catch {
                throw ImportError(file: zcPath, line: line, message: error.description)
            }
            guard cell.unprunedModuleHash() == zcHashes[r].lowercased() else {
                throw ImportError(file: zcPath, line: line, message: "hash \(zcHashes[r]) is not hash_module of the unpruned graph, as NASLib's zero-cost table is expected to be keyed")
            }
            if let existing = rowOf[digest] {
                if source[existing] != 0 { duplicates += 1; zcRowOf.append(-1); continue }
                source[existing] = 2
                merged += 1
                naslibUnpruned[existing] = zcHashes[r].lowercased()
                if !archs.hasGraph(existing) { archs.setGraph(cell, at: existing) }
                zcRowOf.append(existing)
            } else {
                let row = archs.rows
                rowOf[digest] = row
                archs.append(hash: digest, graph: cell)
                source.append(1)
                naslibIndex.append(-1)
                naslibUnpruned.append(zcHashes[r].lowercased())
                zcRowOf.append(row)
            }
        }
        let rows = archs.rows

        var metrics: [MetricColumn] = []
        for (id, column, unit, direction, summary) in first20kMetrics {
            let values = try main.doubles(column)
            var out = [Float](repeating: .nan, count: rows)
            for r in 0..<values.count { out[r] = Float(values[r]) }
            metrics.append(MetricColumn(info: MetricInfo(id: id, dataset: "cifar10", unit: unit, direction: direction,
                                                         source: column.hasSuffix("__naslib") ? "automl/NASLib" : visRepo,
                                                         sourceColumn: column, summary: summary), values: out))
        }
        for (id, column, unit, direction, summary) in zc500Metrics {
            let values = try zc.doubles(column)
            var out = [Float](repeating: .nan, count: rows)
            for (r, row) in zcRowOf.enumerated() where row >= 0 { out[row] = Float(values[r]) }
            metrics.append(MetricColumn(info: MetricInfo(id: id, dataset: "cifar10", unit: unit, direction: direction,
                                                         source: naslibRepo, sourceColumn: column, summary: summary), values: out))
        }

        var columns = archs.archColumns()
        columns.attributes["description"] = .string("row keys are official NAS-Bench-101 module hashes (hash_hi, hash_lo); graphs as published (zc500 graphs may hold extraneous vertices: prune to get nasbench's module_adjacency); has_graph=0 rows have hash and metrics only")
        columns["source"] = ArchColumn(.uint8(source))
        columns["source_names"] = ArchColumn(.strings(sourceNames))
        columns["naslib_idx"] = ArchColumn(.int32(naslibIndex))
        columns["naslib_hash_unpruned"] = ArchColumn(.strings(naslibUnpruned))
        var exactParams = [Int32](repeating: -1, count: rows)
        for r in 0..<params.count where params[r].isFinite { exactParams[r] = Int32(clamping: Int64(params[r])) }
        columns["trainable_params"] = ArchColumn(.int32(exactParams))

        let mainSHA = SHA256.hex(try GzipFile.readRaw(mainPath))
        let zcSHA = SHA256.hex(try GzipFile.readRaw(zcPath))
        return BenchmarkTable(
            name: "nb101-sample", searchSpace: "nb101", rows: rows,
            provenance: [
                "contents": .string("a hash-ordered slice of NAS-Bench-101 (the first 20,001 cells in md5-hash order, not a random sample) plus \(rows - main.rowCount) further NASLib zero-cost cells; for queries and smoke tests, NOT for comparing search methods"),
                "source": .string("\(visRepo) (ISC) and automl/NASLib (Apache-2.0), re-packed as \(first20kFile); automl/NASLib zero-cost data (Apache-2.0), re-packed as \(zc500File)"),
                "source_sha256": .string("\(first20kFile) \(mainSHA);\(zc500File) \(zcSHA)"),
                "licence": .string("Apache-2.0, ISC"),
                "paper": .string("Ying et al., NAS-Bench-101 (ICML 2019); Abdelfattah et al., Zero-Cost Proxies (ICLR 2021)"),
                "cost_metric": .string(costMetric),
                "zc500_merged_into_first20k_rows": .int(Int64(merged)),
                "zc500_duplicates_dropped": .int(Int64(duplicates)),
            ],
            archs: columns, metrics: metrics)
    }
}

import NASCore
import SearchSpaces

/// A NAS-Bench-101 table bound to its search space: cell → prune → official hash → row.
///
/// ```swift
/// let bench = try NB101Benchmark(table: catalog.load("nb101-sample"))
/// let row = bench.row(of: cell)                               // nil if not in the table
/// let evaluator = try bench.evaluator(objectives: [Objective(metric: "val_acc_108ep", direction: .max)],
///                                     reported: [], cost: bench.costMetric)
/// ```
///
/// A row is the one whose published hash equals nasbench's `hash_spec` of the cell
/// (`NB101Cell.canonicalDigest()`, ALGORITHMS.md §4.2–4.3). Two indexes answer that:
/// - the rows' own graphs by `NB101CanonicalForm` (the pruned graph up to the numbering of
///   its inner vertices). Isomorphic cells share nasbench's hash, so a cell with the form
///   of row r's graph has row r's hash; finding it costs no MD5 at all;
/// - the 128-bit digests, for every other cell: rows published without a graph, and cells
///   outside the table, which take the full hash (about 50 MD5 messages) to be told apart.
///   Each such form is hashed once per process (`NB101HashMemo`).
///
/// The form index trusts that each row's graph hashes to the row's key. Both importers
/// check it (`NB101SampleImporter` rejects a mismatch; `NB101TFRecordImporter` counts them
/// in the provenance attribute `hash_mismatches`), and a table declaring mismatches gets
/// no form index. Cells that are invalid, or valid but absent from a sample table, have
/// no row: `locate` answers nil (the `reject` policy; nothing nearer is defined yet).
///
/// Tables imported from the tfrecord (`NB101Benchmark.load`) also carry `repeats`, the
/// per-repeat columns that the NAS-Bench-101 query rules read (`query(_:rules:using:)`,
/// `repeatEvaluator`). On them, `table`'s metric columns hold the mean over repeats.
public struct NB101Benchmark: Sendable {
    public let table: BenchmarkTable
    public let archs: NB101ArchColumns
    /// Per-repeat columns; nil for `nb101-sample`, which has one value per metric.
    public let repeats: NB101Repeats?
    private let rowOf: [MD5Digest: Int32]
    private let rowOfForm: [NB101CanonicalForm: Int32]
    private let misses = NB101HashMemo()

    /// - Throws: `BenchmarkError` when two rows share a hash or an isomorphic graph.
    /// - Complexity: O(rows) to build the two indexes.
    public init(table: BenchmarkTable, repeats: NB101Repeats? = nil) throws(BenchmarkError) {
        guard table.searchSpace == "nb101" else {
            throw BenchmarkError(subject: table.name, message: "search space is '\(table.searchSpace)', expected nb101")
        }
        let archs = try NB101ArchColumns(archs: table.archs, rows: table.rows, table: table.name)
        var rowOf: [MD5Digest: Int32] = [:]
        rowOf.reserveCapacity(archs.rows)
        for (r, d) in archs.digests.enumerated() {
            guard rowOf.updateValue(Int32(r), forKey: d) == nil else {
                throw BenchmarkError(subject: table.name, message: "hash \(d.hex) is on two rows; rebuild the table")
            }
        }
        var rowOfForm: [NB101CanonicalForm: Int32] = [:]
        if (table.provenance["hash_mismatches"]?.intValue ?? 0) == 0 {
            rowOfForm.reserveCapacity(archs.rows)
            for r in 0..<archs.rows {
                guard let cell = try? archs.cell(at: r)?.validated() else { continue }
                if let other = rowOfForm.updateValue(Int32(r), forKey: cell.canonicalForm()) {
                    throw BenchmarkError(subject: table.name, message: "rows \(other) and \(r) hold the same graph up to vertex order under different hashes; rebuild the table")
                }
            }
        }
        self.table = table
        self.archs = archs
        self.repeats = repeats
        self.rowOf = rowOf
        self.rowOfForm = rowOfForm
    }

    /// Loads `nb101-sample` or a table written by `NB101TFRecordImporter`. The store reads
    /// the importer's [rows, 3] columns as repeat series, whose per-row mean is the plain
    /// column generic code sees (`TableEvaluator`, `datasets info`); `repeats` keeps them
    /// whole for the NAS-Bench-101 query rules.
    public static func load(_ path: String) throws(BenchmarkError) -> NB101Benchmark {
        let table = try BenchmarkStore.load(path)
        return try NB101Benchmark(table: table, repeats: NB101Repeats(table: table))
    }

    /// The row of a cell, after pruning and hashing; nil when the cell is invalid or absent.
    ///
    /// - Complexity: pruning, the canonical form and a lookup for a cell isomorphic to a
    ///   row's graph; the full canonical hash (about 60 MD5 blocks) the first time any
    ///   other cell's form is met, a lookup after.
    @inline(__always)
    public func row(of cell: NB101Cell) -> Int? {
        guard let valid = try? cell.validated() else { return nil }
        let form = valid.canonicalForm()
        if let row = rowOfForm[form] { return Int(row) }
        return misses.row(for: form) { row(hashing: valid) }
    }

    /// The row by nasbench's hash alone, without the form index: the path of cells whose
    /// graph no row holds (and the reference the form index is tested against).
    ///
    /// - Complexity: one canonical hash (about 60 MD5 blocks) and one dictionary lookup.
    public func row(hashing cell: NB101Cell) -> Int? {
        guard let digest = try? cell.canonicalDigest() else { return nil }
        return rowOf[digest].map(Int.init)
    }

    @inline(__always)
    public func row(hash: MD5Digest) -> Int? { rowOf[hash].map(Int.init) }

    /// The row of a published 32-hex hash.
    public func row(hashHex text: String) -> Int? { MD5Digest(hex: text).flatMap { row(hash: $0) } }

    /// The metric the table declares as simulated training cost (`cost_metric`):
    /// `train_time_s_108ep` for `nb101-sample`, `final_training_time@108ep` for imports.
    public var costMetric: String? { table.costMetric }

    /// An evaluator answering `objectives` and `reported` metrics from the table's columns
    /// (for an imported table, the mean over repeats). Pass `cost: bench.costMetric` to
    /// charge simulated training seconds.
    public func evaluator(objectives: [Objective], reported: [String], cost: String? = nil) throws(BenchmarkError) -> TableEvaluator<NB101Benchmark> {
        try TableEvaluator(table: table, locator: self, objectives: objectives, reported: reported, cost: cost)
    }
}

extension NB101Benchmark: RowLocator {
    /// The cell's row, or nil (reject) when it is invalid or not in the table.
    @inline(__always)
    public func locate(_ cell: NB101Cell) -> TableAnswer? { row(of: cell).map { .row($0) } }
}

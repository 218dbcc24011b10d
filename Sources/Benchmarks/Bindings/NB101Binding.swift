import NASCore
import SearchSpaces

/// NAS-Bench-101 cells (`nb101-sample`, a tfrecord import), found by their module hash.
/// Only `reject` is defined off the table: NB101 cells have no gene distance here.
///
/// ```swift
/// let binding = try NB101Binding(table: catalog.load("nb101-sample"), offTable: nil, models: .none, metrics: [])
/// let row = try binding.row(parsing: "00005c142e6f48ac74fdcf73e3439874")
/// ```
public struct NB101Binding: SpaceBinding {
    public static let spaceNames = ["nb101"]
    /// The full space has 423,624 unique cells; `nb101-sample` is a slice of it.
    public static let spaceSize = 423_624
    public let benchmark: NB101Benchmark

    public init(table: BenchmarkTable, offTable: String?, models: OffTableModels, metrics: [String]) throws(BenchmarkError) {
        if let offTable, offTable != "reject" {
            throw BenchmarkError(subject: "benchmark.off_table = \"\(offTable)\"", message: "\(table.name) finds NB101 cells by their module hash, with no distance between cells; only \"reject\" (the default) is defined")
        }
        benchmark = try NB101Benchmark(table: table)
    }

    public var table: BenchmarkTable { benchmark.table }
    public var spaceName: String { "nb101" }
    public var isSampleTable: Bool { table.rows < Self.spaceSize }
    public var encodings: [String] { ["features", "genes", "cell-graph", "sequence"] }

    public func mutationName(_ requested: String?) throws(SearchSpaceError) -> String {
        try NB101Space(mutationName: requested).mutation.rawValue
    }

    public func row(parsing text: String) throws -> Int {
        guard MD5Digest(hex: text) != nil else {
            throw BenchmarkError(subject: table.name, message: "'\(text)' is not a 32-hex NB101 hash; give a hash or --adjacency BITS --ops TOKENS")
        }
        guard let row = benchmark.row(hashHex: text) else {
            throw BenchmarkError(subject: table.name, message: "\(text) is not in the table (\(table.rows) rows)")
        }
        return row
    }

    public func architectureText(row: Int) -> String { benchmark.archs.digests[row].hex }

    public func architectureFields(row: Int) throws -> [ArchitectureField] {
        let graph = benchmark.archs.cell(at: row)
        return [ArchitectureField("row", .integer(row)), ArchitectureField("hash", .text(benchmark.archs.digests[row].hex)),
                ArchitectureField("adjacency", .text(graph?.adjacencyBits)), ArchitectureField("ops", .text(graph?.opsTokens))]
    }

    /// Many `nb101-sample` rows have a hash but no graph, so there are no features to fit on.
    public func rowFeatures() throws -> [[Double]] {
        throw BenchmarkError(subject: table.name, message: "NB101 rows carry no features yet (many rows have a hash but no graph); use nats-tss or a sample table")
    }

    public func rowCellGraphs() throws -> [LabelledDAG]? { nil }

    public func withSearch<V: SearchVisitor>(mutation: String?, objectives: [Objective], reported: [String], cost: String?,
                                             _ visitor: V) throws -> V.Result {
        try visitor.visit(space: try NB101Space(mutationName: mutation),
                          evaluator: try benchmark.evaluator(objectives: objectives, reported: reported, cost: cost))
    }
}

import NASCore
import SearchSpaces

/// NATS-Bench's topology space (NAS-Bench-201 cells): `nats-tss` and `import nats-official`
/// topology tables. The table holds every cell, so no off-table policy applies.
///
/// ```swift
/// let binding = try NATSTopologyBinding(table: catalog.load("nats-tss"), offTable: nil, models: .none, metrics: [])
/// binding.architectureText(row: 1462)
/// ```
public struct NATSTopologyBinding: SpaceBinding {
    public static let spaceNames = ["nats-topology"]
    public let benchmark: NATSTopologyBenchmark

    public init(table: BenchmarkTable, offTable: String?, models: OffTableModels, metrics: [String]) throws(BenchmarkError) {
        if let offTable {
            throw BenchmarkError(subject: "benchmark.off_table = \"\(offTable)\"", message: "\(table.name) holds every architecture of its space; off_table applies to sample tables only")
        }
        benchmark = try NATSTopologyBenchmark(table: table)
    }

    public var table: BenchmarkTable { benchmark.table }
    public var spaceName: String { "nats-topology" }
    public var isSampleTable: Bool { false }
    public var encodings: [String] { ["features", "genes", "cell-graph", "sequence"] }

    /// nil: NATS-Bench's REA operator (the space's default).
    func space(_ mutation: String?) throws(SearchSpaceError) -> NATSTopologySpace {
        try mutation.map { name throws(SearchSpaceError) in try NATSTopologySpace(mutationName: name) } ?? NATSTopologySpace(mutation: .natsBench)
    }

    public func mutationName(_ requested: String?) throws(SearchSpaceError) -> String {
        try space(requested).mutation.rawValue
    }

    public func row(parsing text: String) throws -> Int {
        let cell = try benchmark.cell(parsing: text)
        guard let row = benchmark.row(of: cell) else {
            throw BenchmarkError(subject: table.name, message: "\(cell) is not in the table")
        }
        return row
    }

    public func architectureText(row: Int) -> String { benchmark.index.cell(at: row)?.archString ?? "?" }

    public func architectureFields(row: Int) throws -> [ArchitectureField] {
        let cell = benchmark.index.cell(at: row)
        return [ArchitectureField("index", .integer(benchmark.officialIndex(row: row))), ArchitectureField("arch_str", .text(cell?.archString)),
                ArchitectureField("naslib_tuple", .text(cell?.naslibTuple))]
    }

    /// Every row's cell, in row order (the official indices).
    public func rowCells() throws(BenchmarkError) -> [NATSTopologyCell] {
        var cells: [NATSTopologyCell] = []
        cells.reserveCapacity(table.rows)
        for row in 0..<table.rows {
            guard let cell = benchmark.index.cell(at: row) else {
                throw BenchmarkError(subject: table.name, message: "row \(row) has no topology cell")
            }
            cells.append(cell)
        }
        return cells
    }

    public func rowFeatures() throws -> [[Double]] {
        let space = NATSTopologySpace()
        return try rowCells().map { space.features(of: $0) }
    }

    /// Pan's NB201 → NB101-style graph of every row (`NATSTopologyCell.panGraph`).
    public func rowCellGraphs() throws -> [LabelledDAG]? { try rowCells().map(\.panGraph) }

    public func withSearch<V: SearchVisitor>(mutation: String?, objectives: [Objective], reported: [String], cost: String?,
                                             _ visitor: V) throws -> V.Result {
        try visitor.visit(space: try space(mutation), evaluator: try benchmark.evaluator(objectives: objectives, reported: reported, cost: cost))
    }
}

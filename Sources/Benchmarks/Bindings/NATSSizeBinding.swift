import NASCore
import SearchSpaces

/// NATS-Bench's size space (5 layers of 8…64 channels): a table imported with
/// `datasets import nats-official` from `NATS-sss-v1_0-50262-simple/` (`nats-sss`).
///
/// ```swift
/// let binding = try NATSSizeBinding(table: catalog.load("nats-sss"), offTable: nil, models: .none, metrics: [])
/// try binding.row(parsing: "64:64:64:64:64")      // the row of official index 32767
/// ```
///
/// The search uses `NATSSizeSpace`: NATS-Bench's REA size mutation, five integer genes
/// (channel choices 0…7) for the GA, NSGA-II and the other MOEAs, and a 40-entry one-hot
/// encoding for the predictors. A table of some cells only (an import of part of the
/// folder) answers the others as off-table, refused: no off-table policy applies.
public struct NATSSizeBinding: SpaceBinding {
    public static let spaceNames = ["nats-size"]
    public let table: BenchmarkTable
    let locator: Locator
    /// Each row's cell.
    let cells: [NATSSizeCell]

    /// Official index → row.
    struct Locator: RowLocator {
        let rowOfIndex: [Int: Int]
        func locate(_ cell: NATSSizeCell) -> TableAnswer? { rowOfIndex[cell.index].map { .row($0) } }
    }

    public init(table: BenchmarkTable, offTable: String?, models: OffTableModels, metrics: [String]) throws(BenchmarkError) {
        if let offTable {
            throw BenchmarkError(subject: "benchmark.off_table = \"\(offTable)\"", message: "\(table.name) is a NATS size-space table; off_table applies to sample tables only")
        }
        guard case .strings(let archs)? = table.archs["arch_str"]?.values, archs.count == table.rows else {
            throw BenchmarkError(subject: table.name, message: "/archs/arch_str must be a string column [rows] of channel lists such as 8:16:32:64:64; import the table with `datasets import nats-official`")
        }
        var cells: [NATSSizeCell] = []
        var rowOfIndex: [Int: Int] = [:]
        for (row, arch) in archs.enumerated() {
            let cell: NATSSizeCell
            do { cell = try NATSSizeCell(parsing: arch) } catch {
                throw BenchmarkError(subject: table.name, message: "/archs/arch_str row \(row): \(error.description)")
            }
            guard rowOfIndex[cell.index] == nil else {
                throw BenchmarkError(subject: table.name, message: "/archs/arch_str rows \(rowOfIndex[cell.index]!) and \(row) are both \(arch); each architecture must have one row")
            }
            rowOfIndex[cell.index] = row
            cells.append(cell)
        }
        self.table = table
        self.cells = cells
        locator = Locator(rowOfIndex: rowOfIndex)
    }

    public var spaceName: String { "nats-size" }
    public var isSampleTable: Bool { false }
    public var encodings: [String] { ["features", "genes"] }

    /// NATS-Bench's REA size mutation is the space's only operator.
    public func mutationName(_ requested: String?) throws(SearchSpaceError) -> String {
        if let requested, requested != "nats-bench" {
            throw SearchSpaceError("mutation '\(requested)' is not a NATS size-space operator; the size space has nats-bench (one layer, a uniformly drawn channel count)")
        }
        return "nats-bench"
    }

    /// A channel list (`8:16:32:64:64`) or an official index (0…32767).
    public func row(parsing text: String) throws -> Int {
        let cell: NATSSizeCell
        if let i = Int(text) {
            guard (0..<NATSSizeCell.cellCount).contains(i) else {
                throw BenchmarkError(subject: table.name, message: "index \(i) is outside the size space's 0…\(NATSSizeCell.cellCount - 1)")
            }
            cell = NATSSizeCell(index: i)
        } else {
            cell = try NATSSizeCell(parsing: text)
        }
        guard case .row(let row)? = locator.locate(cell) else {
            throw BenchmarkError(subject: table.name, message: "\(cell) (index \(cell.index)) is not in the table, which holds \(table.rows) of the space's \(NATSSizeCell.cellCount) cells")
        }
        return row
    }

    public func architectureText(row: Int) -> String { cells[row].description }

    public func architectureFields(row: Int) throws -> [ArchitectureField] {
        [ArchitectureField("index", .integer(cells[row].index)), ArchitectureField("arch_str", .text(cells[row].description))]
    }

    public func rowFeatures() throws -> [[Double]] {
        let space = NATSSizeSpace()
        return cells.map { space.features(of: $0) }
    }

    public func rowCellGraphs() throws -> [LabelledDAG]? { nil }

    public func withSearch<V: SearchVisitor>(mutation: String?, objectives: [Objective], reported: [String], cost: String?,
                                             _ visitor: V) throws -> V.Result {
        _ = try mutationName(mutation)
        let evaluator = try TableEvaluator(table: table, locator: locator, objectives: objectives, reported: reported, cost: cost)
        return try visitor.visit(space: NATSSizeSpace(), evaluator: evaluator)
    }
}

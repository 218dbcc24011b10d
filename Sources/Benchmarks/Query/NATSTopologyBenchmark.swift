import NASCore
import SearchSpaces

/// The NATS-TSS table bound to its search space: cell → row → metrics.
///
/// ```swift
/// let bench = try NATSTopologyBenchmark(table: catalog.load("nats-tss"))
/// let row = bench.row(of: cell)                      // official index
/// let acc = try bench.table.metric("c10_valid_200ep").values[row!]
/// ```
public struct NATSTopologyBenchmark: Sendable {
    public let table: BenchmarkTable
    public let index: NATSTopologyIndex
    /// Each row's official NATS-Bench index, where the table lists them (`/archs/index`)
    /// and they are not simply the row numbers: an import of some cells only.
    public let officialIndices: [Int]?
    private let rowOfOfficialIndex: [Int: Int]

    public init(table: BenchmarkTable) throws(BenchmarkError) {
        guard table.searchSpace == "nats-topology" else {
            throw BenchmarkError(subject: table.name, message: "search space is '\(table.searchSpace)', expected nats-topology")
        }
        guard case .int8(let codes)? = table.archs["edge_ops"]?.values, codes.count == table.rows * 6 else {
            throw BenchmarkError(subject: table.name, message: "/archs/edge_ops must be int8 [rows, 6]; rebuild the table")
        }
        var cells: [NATSTopologyCell] = []
        cells.reserveCapacity(table.rows)
        // Each row's code straight from its six op codes (`NATSTopologyCell.code`), with no
        // array of ops per row (15,625 small allocations otherwise).
        for r in 0..<table.rows {
            var code = 0
            for e in (0..<6).reversed() {
                let op = codes[r * 6 + e]
                guard NATSOp(rawValue: UInt8(bitPattern: op)) != nil else {
                    throw BenchmarkError(subject: table.name, message: "/archs/edge_ops row \(r) has op code \(op) outside 0…4")
                }
                code = code * 5 + Int(op)
            }
            cells.append(NATSTopologyCell(code: code))
        }
        do { self.index = try NATSTopologyIndex(cells: cells) } catch {
            throw BenchmarkError(subject: table.name, message: error.description)
        }
        self.table = table
        if case .int32(let listed)? = table.archs["index"]?.values, listed.count == table.rows,
           !listed.enumerated().allSatisfy({ Int($0.element) == $0.offset }) {
            officialIndices = listed.map(Int.init)
            rowOfOfficialIndex = Dictionary(listed.enumerated().map { (Int($0.element), $0.offset) }, uniquingKeysWith: { a, _ in a })
        } else {
            officialIndices = nil
            rowOfOfficialIndex = [:]
        }
    }

    /// The official index of `row`.
    public func officialIndex(row: Int) -> Int { officialIndices?[row] ?? row }

    @inline(__always)
    public func row(of cell: NATSTopologyCell) -> Int? { index.index(of: cell) }

    /// Parses an arch string, an official index or a NASLib tuple, whichever the text is.
    public func cell(parsing text: String) throws -> NATSTopologyCell {
        if let i = Int(text) {
            if officialIndices != nil {
                guard let row = rowOfOfficialIndex[i], let cell = index.cell(at: row) else {
                    throw BenchmarkError(subject: table.name, message: "official index \(i) is not in the table, which holds \(table.rows) cells (indices \(officialIndices!.prefix(5).map(String.init).joined(separator: ", "))\(table.rows > 5 ? ", …" : ""))")
                }
                return cell
            }
            guard let cell = index.cell(at: i) else {
                throw BenchmarkError(subject: table.name, message: "index \(i) is outside 0…\(table.rows - 1)")
            }
            return cell
        }
        if text.hasPrefix("|") { return try NATSTopologyCell(archString: text) }
        return try NATSTopologyCell(naslibTuple: text)
    }

    /// An evaluator answering `objectives` (the search signal) and `reported` metrics,
    /// charging the `cost` column (a NATS import's `/costs`) as simulated seconds if given.
    public func evaluator(objectives: [Objective], reported: [String], cost: String? = nil) throws(BenchmarkError) -> TableEvaluator<NATSTopologyBenchmark> {
        try TableEvaluator(table: table, locator: self, objectives: objectives, reported: reported, cost: cost)
    }
}

extension NATSTopologyBenchmark: RowLocator {
    /// Every cell of the space is a row.
    public func locate(_ cell: NATSTopologyCell) -> TableAnswer? { index.index(of: cell).map { .row($0) } }
}

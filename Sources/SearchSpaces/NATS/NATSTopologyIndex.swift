/// The official NATS-Bench topology order: index ↔ cell.
///
/// ```swift
/// let index = try NATSTopologyIndex(archStrings: table.archStrings)
/// index.index(of: cell)      // 1462 for the all-conv3x3 cell
/// ```
///
/// The order is the benchmark's stored `meta_archs` list, not anything derivable from the
/// cell (ALGORITHMS.md §5.1), so it is built from the table's own arch column.
/// Lookups are O(1) array reads.
public struct NATSTopologyIndex: Sendable {
    private let cellAt: [NATSTopologyCell]
    private let indexOfCode: [Int32]

    public init(archStrings: [String]) throws(NATSArchError) {
        var cells: [NATSTopologyCell] = []
        cells.reserveCapacity(archStrings.count)
        for s in archStrings { cells.append(try NATSTopologyCell(archString: s)) }
        try self.init(cells: cells)
    }

    public init(cells: [NATSTopologyCell]) throws(NATSArchError) {
        var indexOfCode = [Int32](repeating: -1, count: NATSTopologyCell.cellCount)
        for (i, cell) in cells.enumerated() {
            guard indexOfCode[cell.code] < 0 else {
                throw NATSArchError(input: cell.archString, problem: "listed twice in the index (rows \(indexOfCode[cell.code]) and \(i))")
            }
            indexOfCode[cell.code] = Int32(i)
        }
        self.cellAt = cells
        self.indexOfCode = indexOfCode
    }

    public var count: Int { cellAt.count }

    public func cell(at index: Int) -> NATSTopologyCell? {
        cellAt.indices.contains(index) ? cellAt[index] : nil
    }

    /// - Complexity: O(1)
    @inline(__always)
    public func index(of cell: NATSTopologyCell) -> Int? {
        let i = indexOfCode[cell.code]
        return i >= 0 ? Int(i) : nil
    }
}

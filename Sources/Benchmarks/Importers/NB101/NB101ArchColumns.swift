import NASCore
import SearchSpaces

/// The `/archs` group shared by every NB101 table (the `nb101-sample` table and tables
/// imported from the tfrecord): the official hash of each row and, where known, its graph.
///
/// ```swift
/// var archs = NB101ArchColumns()
/// archs.append(hash: digest, graph: cell)          // graph nil when the source has none
/// let columns = archs.archColumns()                // → /archs
/// let back = try NB101ArchColumns(archs: columns, rows: archs.rows, table: "nb101-sample")
/// back.cell(at: 0)                                 // the graph as stored
/// ```
///
/// Layout (datasets/FORMAT.md, "nb101"): `hash_hi`, `hash_lo` (uint64: the 32-hex module
/// hash as two big-endian halves, so `'%016x%016x' % (hi, lo)` prints it), `num_vertices`
/// (uint8, 0 without a graph), `adjacency` (uint8 [rows, 49], row-major 7×7, the V×V
/// matrix in the top-left corner), `ops` (int8 [rows, 7], `NB101Op` codes, −1 past V),
/// `op_names` (the code → nasbench name lookup) and `has_graph` (uint8 0/1).
public struct NB101ArchColumns: Sendable {
    public private(set) var digests: [MD5Digest] = []
    public private(set) var vertexCounts: [UInt8] = []
    public private(set) var adjacency: [UInt8] = []
    public private(set) var ops: [Int8] = []

    public init() {}

    public var rows: Int { digests.count }

    /// Op code → nasbench op name, the lookup stored as `/archs/op_names`.
    public static let opNames: [String] = (0...4).compactMap { NB101Op(rawValue: UInt8($0))?.nasbenchName }

    public mutating func append(hash: MD5Digest, graph: NB101Cell?) {
        digests.append(hash)
        adjacency.append(contentsOf: repeatElement(0, count: 49))
        ops.append(contentsOf: repeatElement(-1, count: 7))
        vertexCounts.append(0)
        if let graph { setGraph(graph, at: digests.count - 1) }
    }

    /// Replaces the graph of a row (used when a second source supplies a missing graph).
    public mutating func setGraph(_ graph: NB101Cell, at row: Int) {
        let n = graph.vertexCount
        vertexCounts[row] = UInt8(n)
        for r in 0..<7 {
            for c in 0..<7 { adjacency[row * 49 + r * 7 + c] = graph.hasEdge(r, c) ? 1 : 0 }
            ops[row * 7 + r] = r < n ? Int8(graph.op(at: r).rawValue) : -1
        }
    }

    public func hasGraph(_ row: Int) -> Bool { vertexCounts[row] > 0 }

    /// The stored graph of a row, or nil when the source had none.
    public func cell(at row: Int) -> NB101Cell? {
        let n = Int(vertexCounts[row])
        guard (2...7).contains(n) else { return nil }
        var masks: UInt64 = 0
        var cellOps: [NB101Op] = []
        cellOps.reserveCapacity(n)
        for r in 0..<n {
            for c in 0..<n {
                switch adjacency[row * 49 + r * 7 + c] {
                case 0: continue
                case 1: masks |= 1 << UInt64(8 * r + c)
                default: return nil
                }
            }
            guard let op = NB101Op(rawValue: UInt8(bitPattern: ops[row * 7 + r])) else { return nil }
            cellOps.append(op)
        }
        return try? NB101Cell(vertexCount: n, successorMasks: masks, ops: cellOps)
    }

    /// The `/archs` columns; callers add their extra columns to them.
    public func archColumns() -> ArchColumns {
        var g = ArchColumns()
        g["hash_hi"] = ArchColumn(.uint64(digests.map(\.high)))
        g["hash_lo"] = ArchColumn(.uint64(digests.map(\.low)))
        g["num_vertices"] = ArchColumn(.uint8(vertexCounts))
        g["adjacency"] = ArchColumn(.uint8(adjacency), shape: [rows, 49])
        g["ops"] = ArchColumn(.int8(ops), shape: [rows, 7])
        g["op_names"] = ArchColumn(.strings(Self.opNames))
        g["has_graph"] = ArchColumn(.uint8(vertexCounts.map { $0 > 0 ? 1 : 0 }))
        return g
    }

    /// Reads the layout back, checking types and lengths.
    public init(archs group: ArchColumns, rows: Int, table: String) throws(BenchmarkError) {
        func fail(_ what: String) -> BenchmarkError {
            BenchmarkError(subject: table, message: "/archs/\(what); rebuild the table")
        }
        guard case .uint64(let hi)? = group["hash_hi"]?.values, hi.count == rows else { throw fail("hash_hi must be uint64 [rows]") }
        guard case .uint64(let lo)? = group["hash_lo"]?.values, lo.count == rows else { throw fail("hash_lo must be uint64 [rows]") }
        guard case .uint8(let nv)? = group["num_vertices"]?.values, nv.count == rows else { throw fail("num_vertices must be uint8 [rows]") }
        guard case .uint8(let adj)? = group["adjacency"]?.values, adj.count == rows * 49 else { throw fail("adjacency must be uint8 [rows, 49]") }
        guard case .int8(let o)? = group["ops"]?.values, o.count == rows * 7 else { throw fail("ops must be int8 [rows, 7]") }
        guard nv.allSatisfy({ $0 <= 7 }) else { throw fail("num_vertices has a value above 7") }
        digests = zip(hi, lo).map { MD5Digest(high: $0, low: $1) }
        vertexCounts = nv
        adjacency = adj
        ops = o
    }
}

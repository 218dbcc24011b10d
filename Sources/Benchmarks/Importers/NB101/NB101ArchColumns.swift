import HDF5Kit
import NASCore
import SearchSpaces

/// The `/archs` group shared by every NB101 table (the `nb101-sample` table and tables
/// imported from the tfrecord): the official hash of each row and, where known, its graph.
///
/// ```swift
/// var archs = NB101ArchColumns()
/// archs.append(hash: digest, graph: cell)          // graph nil when the source has none
/// let group = archs.group()                        // → /archs
/// let back = try NB101ArchColumns(group: group, rows: archs.rows, table: "nb101-sample")
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
        guard n >= 2 else { return nil }
        var matrix = [[Int]](repeating: [Int](repeating: 0, count: n), count: n)
        var cellOps: [NB101Op] = []
        for r in 0..<n {
            for c in 0..<n { matrix[r][c] = Int(adjacency[row * 49 + r * 7 + c]) }
            guard let op = NB101Op(rawValue: UInt8(bitPattern: ops[row * 7 + r])) else { return nil }
            cellOps.append(op)
        }
        return try? NB101Cell(matrix: matrix, ops: cellOps)
    }

    /// The `/archs` group; callers add their extra columns to it.
    public func group() -> H5Group {
        var g = H5Group()
        g["hash_hi"] = .dataset(H5Dataset(.uint64(digests.map(\.high))))
        g["hash_lo"] = .dataset(H5Dataset(.uint64(digests.map(\.low))))
        g["num_vertices"] = .dataset(H5Dataset(.uint8(vertexCounts)))
        g["adjacency"] = .dataset(H5Dataset(.uint8(adjacency), shape: [rows, 49]))
        g["ops"] = .dataset(H5Dataset(.int8(ops), shape: [rows, 7]))
        g["op_names"] = .dataset(H5Dataset(.strings(Self.opNames)))
        g["has_graph"] = .dataset(H5Dataset(.uint8(vertexCounts.map { $0 > 0 ? 1 : 0 })))
        return g
    }

    /// Reads the layout back, checking types and lengths.
    public init(group: H5Group, rows: Int, table: String) throws(BenchmarkError) {
        func fail(_ what: String) -> BenchmarkError {
            BenchmarkError(subject: table, message: "/archs/\(what); rebuild the table")
        }
        guard case .uint64(let hi)? = group.dataset(at: "hash_hi")?.data, hi.count == rows else { throw fail("hash_hi must be uint64 [rows]") }
        guard case .uint64(let lo)? = group.dataset(at: "hash_lo")?.data, lo.count == rows else { throw fail("hash_lo must be uint64 [rows]") }
        guard case .uint8(let nv)? = group.dataset(at: "num_vertices")?.data, nv.count == rows else { throw fail("num_vertices must be uint8 [rows]") }
        guard case .uint8(let adj)? = group.dataset(at: "adjacency")?.data, adj.count == rows * 49 else { throw fail("adjacency must be uint8 [rows, 49]") }
        guard case .int8(let o)? = group.dataset(at: "ops")?.data, o.count == rows * 7 else { throw fail("ops must be int8 [rows, 7]") }
        guard nv.allSatisfy({ $0 <= 7 }) else { throw fail("num_vertices has a value above 7") }
        digests = zip(hi, lo).map { MD5Digest(high: $0, low: $1) }
        vertexCounts = nv
        adjacency = adj
        ops = o
    }
}

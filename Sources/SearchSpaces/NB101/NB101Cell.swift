/// A NAS-Bench-101 cell: a DAG of 2 to 7 vertices in topological order, strictly
/// upper-triangular, with an op on every vertex (input first, output last).
///
/// ```swift
/// let cell = try NB101Cell(adjacency: "0110000010000010000100000", ops: "in,c3,c1,mp3,out")
/// cell.hasEdge(0, 1)                      // true
/// let hash = try cell.canonicalHash()    // nasbench's module hash, after pruning
/// ```
///
/// The cell keeps the graph as given (nasbench's `original_matrix`, unpruned): the
/// mutation operators of nasbench, NASLib and NAS-EA-FA all edit the unpruned genotype,
/// and only validity, hashing and the sequence encodings look at the pruned graph
/// (`pruned()`). Storage is three integers, so cells are cheap to copy, hash and compare:
/// byte `v` of `successorMasks` has bit `w` set for an edge v→w, and `opCodes` holds 3 bits
/// per vertex (`NB101Op.rawValue`).
///
/// Reference: google-research/nasbench `lib/model_spec.py`; ALGORITHMS.md §4.
public struct NB101Cell: Hashable, Sendable {
    /// The vertex limit of NAS-Bench-101 (`config['module_vertices']`).
    public static let maxVertices = 7
    /// The edge limit of NAS-Bench-101 (`config['max_edges']`), checked after pruning.
    public static let maxEdges = 9

    @usableFromInline let vertexCountByte: UInt8
    @usableFromInline var successorMasks: UInt64
    @usableFromInline var opCodes: UInt32

    /// The number of vertices, input and output included.
    @inlinable public var vertexCount: Int { Int(vertexCountByte) }

    /// Builds a cell without checks; callers guarantee 2...7 vertices, a strictly
    /// upper-triangular mask within the vertex range, and input/output at the ends.
    @inlinable
    init(uncheckedVertexCount vertexCount: Int, successorMasks: UInt64, opCodes: UInt32) {
        self.vertexCountByte = UInt8(truncatingIfNeeded: vertexCount)
        self.successorMasks = successorMasks
        self.opCodes = opCodes
    }

    /// A cell from a 0/1 matrix and its ops.
    ///
    /// - Throws: `NB101ParseError` when the matrix is not square, not strictly
    ///   upper-triangular, not 0/1, does not match the ops, or the ends are not input/output.
    /// - Complexity: O(V²)
    public init(matrix: [[Int]], ops: [NB101Op]) throws(NB101ParseError) {
        let n = matrix.count
        for row in matrix where row.count != n { throw .notSquare(rows: n, columns: row.count) }
        guard n == ops.count else { throw .wrongLength(bits: n * n, ops: ops.count) }
        var masks: UInt64 = 0
        for r in 0..<n {
            for c in 0..<n {
                switch matrix[r][c] {
                case 0: continue
                case 1:
                    guard c > r else { throw .notUpperTriangular(row: r, column: c) }
                    masks |= 1 << UInt64(r * 8 + c)
                default: throw .notBinary(String(matrix[r][c]))
                }
            }
        }
        try self.init(checkedVertexCount: n, successorMasks: masks, ops: ops)
    }

    /// A cell from the data files' form: a row-major string of V² bits and comma-separated
    /// op tokens (`in,c3,c1,mp3,out`, or nasbench's long names).
    ///
    /// - Complexity: O(V²)
    public init(adjacency bits: String, ops opsText: String) throws(NB101ParseError) {
        var ops: [NB101Op] = []
        for token in opsText.split(separator: ",", omittingEmptySubsequences: false) {
            ops.append(try NB101Op(token: token.trimmingASCIISpaces))
        }
        let n = ops.count
        let digits = Array(bits.utf8)
        guard digits.count == n * n else { throw .wrongLength(bits: digits.count, ops: n) }
        var masks: UInt64 = 0
        for (k, byte) in digits.enumerated() {
            switch byte {
            case UInt8(ascii: "0"): continue
            case UInt8(ascii: "1"):
                let r = k / n, c = k % n
                guard c > r else { throw .notUpperTriangular(row: r, column: c) }
                masks |= 1 << UInt64(r * 8 + c)
            default: throw .notBinary(String(decoding: [byte], as: UTF8.self))
            }
        }
        try self.init(checkedVertexCount: n, successorMasks: masks, ops: ops)
    }

    /// A cell from its successor masks (byte v has bit w set for an edge v→w) and its ops:
    /// the matrix without building one.
    ///
    /// - Throws: `NB101ParseError` as `init(matrix:ops:)` does.
    /// - Complexity: O(V)
    public init(vertexCount n: Int, successorMasks masks: UInt64, ops: [NB101Op]) throws(NB101ParseError) {
        guard (2...Self.maxVertices).contains(n) else { throw .vertexCount(n) }
        guard n == ops.count else { throw .wrongLength(bits: n * n, ops: ops.count) }
        for v in 0..<8 {
            let row = masks >> UInt64(8 * v) & 0xFF
            // Row v may point only at vertices v+1 … n−1.
            let allowed: UInt64 = v < n ? (1 << UInt64(n)) - (1 << UInt64(v + 1)) : 0
            let stray = row & ~allowed
            if stray != 0 { throw .notUpperTriangular(row: v, column: stray.trailingZeroBitCount) }
        }
        try self.init(checkedVertexCount: n, successorMasks: masks, ops: ops)
    }

    init(checkedVertexCount n: Int, successorMasks masks: UInt64, ops: [NB101Op]) throws(NB101ParseError) {
        guard (2...Self.maxVertices).contains(n) else { throw .vertexCount(n) }
        guard ops.first == .input, ops.last == .output, ops.dropFirst().dropLast().allSatisfy(\.isInner) else {
            throw .badEnds(ops: ops.map(\.token).joined(separator: ","))
        }
        var codes: UInt32 = 0
        for (v, op) in ops.enumerated() { codes |= UInt32(op.rawValue) << UInt32(3 * v) }
        self.init(uncheckedVertexCount: n, successorMasks: masks, opCodes: codes)
    }

    /// A 7-vertex cell from the 21 strict-upper-triangle bits in row-major order
    /// (0,1),(0,2),…,(0,6),(1,2),…,(5,6) (bit k of `edgeBits` is slot k) and 5 inner ops.
    /// This is the genotype of NAS-EA-FA and of the integer-gene view.
    ///
    /// - Complexity: O(1)
    @inlinable
    public init(edgeBits: UInt32, innerOps: (NB101Op, NB101Op, NB101Op, NB101Op, NB101Op)) {
        var codes = UInt32(NB101Op.input.rawValue) | UInt32(NB101Op.output.rawValue) << 18
        codes |= UInt32(innerOps.0.rawValue) << 3 | UInt32(innerOps.1.rawValue) << 6
        codes |= UInt32(innerOps.2.rawValue) << 9 | UInt32(innerOps.3.rawValue) << 12
        codes |= UInt32(innerOps.4.rawValue) << 15
        self.init(uncheckedVertexCount: 7, successorMasks: Self.successorMasks(edgeBits: edgeBits), opCodes: codes)
    }

    // MARK: Reading

    /// True when the cell has the edge `from → to`.
    @inlinable
    public func hasEdge(_ from: Int, _ to: Int) -> Bool {
        guard (0..<vertexCount).contains(from), (0..<vertexCount).contains(to) else { return false }
        return successorMasks >> UInt64(from * 8 + to) & 1 == 1
    }

    /// The op of vertex `v`.
    ///
    /// - Precondition: `0 <= v < vertexCount`
    @inlinable
    public func op(at v: Int) -> NB101Op {
        precondition((0..<vertexCount).contains(v), "vertex \(v) out of range")
        return NB101Op(rawValue: UInt8(truncatingIfNeeded: opCodes >> UInt32(3 * v) & 7)) ?? .conv3x3
    }

    public var ops: [NB101Op] { (0..<vertexCount).map(op(at:)) }

    /// The successors of `v` as a bit mask (bit w set for an edge v→w).
    @inlinable
    public func successors(of v: Int) -> UInt8 { UInt8(truncatingIfNeeded: successorMasks >> UInt64(8 * v)) }

    /// The number of edges (of the cell as stored, not pruned).
    @inlinable
    public var edgeCount: Int { successorMasks.nonzeroBitCount }

    /// The adjacency matrix as 0/1 rows.
    public var matrix: [[Int]] {
        (0..<vertexCount).map { r in (0..<vertexCount).map { c in hasEdge(r, c) ? 1 : 0 } }
    }

    /// The row-major bit string of the data files, e.g. `"0110001000010000000000000"`.
    public var adjacencyBits: String {
        let n = vertexCount
        return String(decoding: (0..<n * n).map { hasEdge($0 / n, $0 % n) ? UInt8(ascii: "1") : UInt8(ascii: "0") },
                      as: UTF8.self)
    }

    /// The ops as data-file tokens, e.g. `"in,c3,c1,mp3,out"`.
    public var opsTokens: String { ops.map(\.token).joined(separator: ",") }

    /// The 21 strict-upper-triangle slots of a 7-vertex cell, row-major, as bits 0..<21.
    ///
    /// - Precondition: `vertexCount == 7` (use `padded()` first for a smaller cell).
    @inlinable
    public var edgeBits: UInt32 {
        precondition(vertexCount == 7, "edgeBits needs a 7-vertex cell")
        var bits: UInt32 = 0
        for k in 0..<21 {
            let (r, c) = Self.slot(k)
            bits |= UInt32(truncatingIfNeeded: successorMasks >> UInt64(r * 8 + c) & 1) << UInt32(k)
        }
        return bits
    }

    // MARK: Slots

    /// The (row, column) of upper-triangle slot k (0..<21) of a 7×7 matrix, row-major.
    @inlinable
    public static func slot(_ k: Int) -> (row: Int, column: Int) {
        var k = k, r = 0
        while k >= 6 - r { k -= 6 - r; r += 1 }
        return (r, r + 1 + k)
    }

    @inlinable
    static func successorMasks(edgeBits: UInt32) -> UInt64 {
        var masks: UInt64 = 0
        for k in 0..<21 where edgeBits >> UInt32(k) & 1 == 1 {
            let (r, c) = slot(k)
            masks |= 1 << UInt64(r * 8 + c)
        }
        return masks
    }

    /// The same graph as a 7-vertex cell: the inner vertices keep their indices and the
    /// missing ones, inserted just before the output, have no edges and op conv3x3.
    /// Pruning removes them again, so the hash, validity and encodings are unchanged. The
    /// mutation operators need it because their references edit a fixed 7×7 genotype.
    ///
    /// - Complexity: O(V)
    public func padded() -> NB101Cell {
        let n = vertexCount
        guard n < 7 else { return self }
        var masks: UInt64 = 0, codes: UInt32 = UInt32(NB101Op.input.rawValue)
        for r in 0..<(n - 1) {
            var row = successorMasks >> UInt64(8 * r) & 0xFF
            if row >> UInt64(n - 1) & 1 == 1 { row = row & ~(1 << UInt64(n - 1)) | 1 << 6 }
            masks |= row << UInt64(8 * r)
        }
        for v in 1..<(n - 1) { codes |= UInt32(op(at: v).rawValue) << UInt32(3 * v) }
        // Filler vertices n-1..<6 keep code 0 = conv3x3.
        codes |= UInt32(NB101Op.output.rawValue) << 18
        return NB101Cell(uncheckedVertexCount: 7, successorMasks: masks, opCodes: codes)
    }
}

extension NB101Cell: CustomStringConvertible {
    /// `adjacency=<bits> ops=<tokens>`, the form the CLI accepts back.
    public var description: String { "adjacency=\(adjacencyBits) ops=\(opsTokens)" }
}

extension Substring {
    var trimmingASCIISpaces: Substring {
        var s = self
        while s.first == " " { s = s.dropFirst() }
        while s.last == " " { s = s.dropLast() }
        return s
    }
}

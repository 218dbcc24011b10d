extension NB101Cell {
    /// The cell with every vertex that is not on an input→output path removed, relative
    /// order kept; nil when input and output are not connected.
    ///
    /// ```swift
    /// let cell = try NB101Cell(adjacency: "0110000001000000000100000", ops: "in,c3,c1,mp3,out")
    /// cell.pruned()?.vertexCount   // 3: vertex 2 reaches no output, vertex 3 is unreachable from the input
    /// ```
    ///
    /// Port of `ModelSpec._prune` (google-research/nasbench `lib/model_spec.py`,
    /// ALGORITHMS.md §4.2). nasbench runs a DFS from the input and one from the output; the
    /// matrix is upper-triangular, so one sweep in index order (forward) and one in reverse
    /// (backward) over the successor masks reach the same sets. nasbench declares the spec
    /// invalid when more than V−2 vertices are extraneous, which happens exactly when the
    /// two sets share no vertex, i.e. when input and output are disconnected.
    ///
    /// - Complexity: O(V), no allocation.
    @inlinable
    public func pruned() -> NB101Cell? {
        let n = vertexCount
        var fromInput: UInt64 = 1
        for v in 0..<n where fromInput >> UInt64(v) & 1 == 1 {
            fromInput |= successorMasks >> UInt64(8 * v) & 0xFF
        }
        var toOutput: UInt64 = 1 << UInt64(n - 1)
        for v in stride(from: n - 2, through: 0, by: -1) where successorMasks >> UInt64(8 * v) & toOutput != 0 {
            toOutput |= 1 << UInt64(v)
        }
        let keep = fromInput & toOutput
        guard keep >> UInt64(n - 1) & 1 == 1, keep & 1 == 1 else { return nil }
        if keep == (1 << UInt64(n)) - 1 { return self }
        // Compact the kept vertices: old index v becomes the number of kept vertices below v.
        var masks: UInt64 = 0, codes: UInt32 = 0, newIndex = 0
        for v in 0..<n where keep >> UInt64(v) & 1 == 1 {
            let row = successorMasks >> UInt64(8 * v) & keep
            masks |= UInt64(Self.compress(row, keep)) << UInt64(8 * newIndex)
            codes |= (opCodes >> UInt32(3 * v) & 7) << UInt32(3 * newIndex)
            newIndex += 1
        }
        return NB101Cell(uncheckedVertexCount: newIndex, successorMasks: masks, opCodes: codes)
    }

    /// Gathers the bits of `value` selected by `mask` into the low bits (a software PEXT).
    @inlinable @inline(__always)
    static func compress(_ value: UInt64, _ mask: UInt64) -> UInt64 {
        var out: UInt64 = 0, bit: UInt64 = 0, m = mask
        while m != 0 {
            let lowest = m & (0 &- m)
            if value & lowest != 0 { out |= 1 << bit }
            bit += 1
            m &= m &- 1
        }
        return out
    }

    /// The pruned cell if nasbench would accept it (`is_valid`), else the reason it would not.
    ///
    /// ```swift
    /// do { let spec = try cell.validated(); print(spec.vertexCount) }
    /// catch { print(error) }   // e.g. "cell is invalid: 10 edges after pruning, at most 9 allowed"
    /// ```
    ///
    /// `_check_spec` on the pruned spec (`api.py`, ALGORITHMS.md §4.2): connected, at most 7
    /// vertices and at most 9 edges. The op checks of `_check_spec` hold by construction.
    ///
    /// - Complexity: O(V)
    @inlinable
    public func validated() throws(NB101Invalidity) -> NB101Cell {
        guard let p = pruned() else { throw .disconnected }
        if p.vertexCount > Self.maxVertices { throw .tooManyVertices(p.vertexCount) }
        let edges = p.edgeCount
        if edges > Self.maxEdges { throw .tooManyEdges(edges) }
        return p
    }

    /// Why nasbench would reject the cell, or nil when it is valid.
    @inlinable
    public var invalidity: NB101Invalidity? {
        do { _ = try validated(); return nil } catch { return error }
    }

    /// nasbench's `is_valid`: connected, ≤ 7 vertices and ≤ 9 edges after pruning.
    ///
    /// - Complexity: O(V)
    @inlinable
    public var isValid: Bool { invalidity == nil }
}

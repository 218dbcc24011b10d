extension NB101Cell {
    /// The relabellings of the pruned cell that are still in topological order: every
    /// permutation of the inner vertices 1…V−2 (input and output fixed), kept when the
    /// permuted matrix is strictly upper-triangular and valid. Automorphisms give repeated
    /// cells; they are kept, as the reference keeps them.
    ///
    /// ```swift
    /// let variants = try cell.isomorphicVariants()     // the cell itself is first
    /// let sequences = try cell.isomorphicSequences()   // NAS-EA-FA's training augmentation
    /// ```
    ///
    /// Reference: `fzjcdt/NAS-EA-FA` `get_all_isomorphic_sequences` with nasbench
    /// `graph_util.permute_graph` (ALGORITHMS.md §1.5). Permutations are enumerated in
    /// `itertools.permutations` order, so the output order matches the reference's.
    ///
    /// - Throws: `NB101Invalidity` for a cell nasbench rejects.
    /// - Complexity: O((V−2)! · V) ≤ 120 permutations of 5 inner vertices.
    public func isomorphicVariants() throws(NB101Invalidity) -> [NB101Cell] {
        let base = try validated()
        let n = base.vertexCount
        var inner = Array(1..<max(1, n - 1))
        var variants: [NB101Cell] = []
        repeat {
            // As permute_graph: with perm = [0] + inner + [n-1] and inverse[x] = perm.index(x),
            // new vertex x takes the op and edges of old vertex inverse[x].
            let perm = [0] + inner + [n - 1]
            var inverse = [Int](repeating: 0, count: n)
            for (i, p) in perm.enumerated() { inverse[p] = i }
            var masks: UInt64 = 0, codes: UInt32 = 0, upper = true
            for x in 0..<n {
                codes |= (base.opCodes >> UInt32(3 * inverse[x]) & 7) << UInt32(3 * x)
                for y in 0..<n where base.successorMasks >> UInt64(8 * inverse[x] + inverse[y]) & 1 == 1 {
                    if y <= x { upper = false }
                    masks |= 1 << UInt64(8 * x + y)
                }
            }
            if upper {
                let cell = NB101Cell(uncheckedVertexCount: n, successorMasks: masks, opCodes: codes)
                if cell.isValid { variants.append(cell) }
            }
        } while Self.nextPermutation(&inner)
        return variants
    }

    /// `sequenceBits` of every isomorphic variant (duplicates kept), in the same order.
    ///
    /// - Complexity: as `isomorphicVariants()`.
    public func isomorphicSequences(_ convention: NB101SequenceConvention = .pan) throws(NB101Invalidity) -> [UInt64] {
        try isomorphicVariants().map { $0.prunedSequenceBits(convention) }
    }

    /// Advances to the next permutation in lexicographic order; false after the last one.
    /// From sorted input this visits permutations in `itertools.permutations` order.
    static func nextPermutation(_ a: inout [Int]) -> Bool {
        guard a.count > 1 else { return false }
        var i = a.count - 2
        while i >= 0 && a[i] >= a[i + 1] { i -= 1 }
        if i < 0 { return false }
        var j = a.count - 1
        while a[j] <= a[i] { j -= 1 }
        a.swapAt(i, j)
        a[(i + 1)...].reverse()
        return true
    }
}

/// A cell's graph up to the order of its inner vertices: two cells have the same form
/// exactly when renumbering the inner vertices of one gives the other (input and output
/// stay at the ends).
///
/// ```swift
/// let a = try NB101Cell(adjacency: "0110000010000010000100000", ops: "in,c3,c1,mp3,out")
/// let b = try a.isomorphicVariants().last!   // the same graph, inner vertices renumbered
/// a.canonicalForm() == b.canonicalForm()     // true
/// ```
///
/// Why it exists: a table lookup by nasbench's module hash costs about 50 MD5 messages
/// (`canonicalDigest()`), while this form costs a few hundred integer operations. Isomorphic
/// cells have the same module hash, so a table can index its rows' graphs by form and answer
/// a query whose form it knows without hashing (`NB101Benchmark.row(of:)`), falling back to
/// the hash for any other cell. The form is the relabelled graph itself, so it never
/// confuses two cells that differ, which nasbench's iterative hash could in principle do.
public struct NB101CanonicalForm: Hashable, Sendable {
    /// The successor masks after renumbering (byte v: the successors of vertex v).
    public let successorMasks: UInt64
    /// The op codes after renumbering, 3 bits per vertex, with the vertex count above bit 24.
    public let labels: UInt32
}

extension NB101Cell {
    /// The form of the cell as given; prune first (`validated()`) to compare cells the way
    /// nasbench does.
    ///
    /// The inner vertices are ordered by an invariant (op, degrees, then two rounds of
    /// the neighbours' invariants), which any renumbering of the cell preserves. Ties are
    /// broken by trying every order of the tied vertices and keeping the smallest encoding,
    /// so the form depends on the graph only, never on how its vertices were numbered.
    ///
    /// - Complexity: O(V + E) when the invariants tell the inner vertices apart, which is
    ///   the usual case; at most (V − 2)! = 120 encodings when all of them tie.
    public func canonicalForm() -> NB101CanonicalForm {
        let n = vertexCount
        guard n > 3 else {
            return NB101CanonicalForm(successorMasks: successorMasks, labels: opCodes | UInt32(n) << 24)
        }
        return withUnsafeTemporaryAllocation(of: UInt64.self, capacity: 32) { scratch -> NB101CanonicalForm in
            let base = scratch.baseAddress!
            let invariant = base, next = base + 8
            let predecessors = base + 16           // bit u set in predecessors[v] for an edge u→v
            let order = base + 24                  // inner vertices, by invariant

            for v in 0..<n { predecessors[v] = 0 }
            for v in 0..<n {
                var row = successorMasks >> UInt64(8 * v) & 0xFF
                invariant[v] = UInt64(opCodes >> UInt32(3 * v) & 7) | UInt64(row.nonzeroBitCount) << 8
                while row != 0 {
                    predecessors[row.trailingZeroBitCount] |= 1 << UInt64(v)
                    row &= row &- 1
                }
            }
            for v in 0..<n { invariant[v] |= UInt64(predecessors[v].nonzeroBitCount) << 16 }
            for _ in 0..<2 {
                for v in 0..<n {
                    var fromPredecessors: UInt64 = 0, fromSuccessors: UInt64 = 0
                    var p = predecessors[v]
                    while p != 0 { fromPredecessors &+= Self.mix(invariant[p.trailingZeroBitCount] &+ 0x9E37_79B9); p &= p &- 1 }
                    var s = successorMasks >> UInt64(8 * v) & 0xFF
                    while s != 0 { fromSuccessors &+= Self.mix(invariant[s.trailingZeroBitCount] &+ 0x7F4A_7C15); s &= s &- 1 }
                    next[v] = Self.mix(invariant[v] ^ fromPredecessors &* 3 ^ fromSuccessors &* 5)
                }
                for v in 0..<n { invariant[v] = next[v] }
            }

            // Inner vertices 1…n−2 sorted by (invariant, vertex): ascending vertex numbers
            // within a tie, the first arrangement `nextPermutation` steps from.
            let inner = n - 2
            for k in 0..<inner {
                let v = UInt64(k + 1)
                var i = k
                while i > 0 && invariant[Int(order[i - 1])] > invariant[Int(v)] { order[i] = order[i - 1]; i -= 1 }
                order[i] = v
            }
            var best = encode(order: order, inner: inner)
            var hasTies = false
            for i in 1..<inner where invariant[Int(order[i])] == invariant[Int(order[i - 1])] { hasTies = true }
            guard hasTies else { return best }

            // Every arrangement within the tied runs, like an odometer: the last run turns
            // fastest, and a run that wraps around (back to ascending) carries to the one before.
            while true {
                var end = inner
                var advanced = false
                while end > 0 {
                    var start = end - 1
                    while start > 0 && invariant[Int(order[start - 1])] == invariant[Int(order[end - 1])] { start -= 1 }
                    if Self.nextArrangement(order + start, count: end - start) { advanced = true; break }
                    end = start
                }
                guard advanced else { return best }
                let candidate = encode(order: order, inner: inner)
                if (candidate.labels, candidate.successorMasks) < (best.labels, best.successorMasks) { best = candidate }
            }
        }
    }

    /// The cell renumbered so that inner vertex `order[i]` becomes vertex i + 1.
    @inline(__always)
    private func encode(order: UnsafeMutablePointer<UInt64>, inner: Int) -> NB101CanonicalForm {
        let n = vertexCount
        // position: 4 bits per old vertex, its new number.
        var position: UInt64 = UInt64(n - 1) << UInt64(4 * (n - 1))
        for i in 0..<inner { position |= UInt64(i + 1) << (4 * order[i]) }
        var masks: UInt64 = 0
        var labels = UInt32(n) << 24
        for v in 0..<n {
            let newV = position >> UInt64(4 * v) & 0xF
            labels |= (opCodes >> UInt32(3 * v) & 7) << UInt32(3 * newV)
            var row = successorMasks >> UInt64(8 * v) & 0xFF
            while row != 0 {
                let w = UInt64(row.trailingZeroBitCount)
                masks |= 1 << (8 * newV + (position >> (4 * w) & 0xF))
                row &= row &- 1
            }
        }
        return NB101CanonicalForm(successorMasks: masks, labels: labels)
    }

    /// A 64-bit mixer (splitmix64's finaliser): spreads invariants so that sums of them
    /// rarely collide. Collisions only cost time, never correctness (see `canonicalForm`).
    @inline(__always)
    private static func mix(_ value: UInt64) -> UInt64 {
        var x = value
        x = (x ^ (x >> 30)) &* 0xBF58_476D_1CE4_E5B9
        x = (x ^ (x >> 27)) &* 0x94D0_49BB_1331_11EB
        return x ^ (x >> 31)
    }

    /// Steps `count` values at `values` to the next larger arrangement; at the last one,
    /// restores ascending order and returns false.
    @inline(__always)
    private static func nextArrangement(_ values: UnsafeMutablePointer<UInt64>, count: Int) -> Bool {
        guard count > 1 else { return false }
        var i = count - 1
        while i > 0 && values[i - 1] >= values[i] { i -= 1 }
        if i == 0 {
            reverse(values, from: 0, to: count - 1)
            return false
        }
        var j = count - 1
        while values[j] <= values[i - 1] { j -= 1 }
        swap(values, i - 1, j)
        reverse(values, from: i, to: count - 1)
        return true
    }

    @inline(__always)
    private static func swap(_ values: UnsafeMutablePointer<UInt64>, _ a: Int, _ b: Int) {
        let t = values[a]; values[a] = values[b]; values[b] = t
    }

    @inline(__always)
    private static func reverse(_ values: UnsafeMutablePointer<UInt64>, from: Int, to: Int) {
        var a = from, b = to
        while a < b { swap(values, a, b); a += 1; b -= 1 }
    }
}

import NASCore

extension NB101Cell {
    /// nasbench's module hash of the pruned cell, as 32 lowercase hex digits: the key of
    /// the cell in every NAS-Bench-101 table.
    ///
    /// ```swift
    /// let cell = try NB101Cell(adjacency: "010001000", ops: "in,c3,out")
    /// try cell.canonicalHash()   // "b49ac8c578b4561d79ac7087988f1c61"
    /// ```
    ///
    /// Port of `ModelSpec.hash_spec` → `graph_util.hash_module` (google-research/nasbench,
    /// ALGORITHMS.md §4.3). Isomorphic cells get the same hash.
    ///
    /// - Throws: `NB101Invalidity` when nasbench would reject the cell (it has no hash then).
    /// - Complexity: O(V · (V + E)) MD5 blocks; about 60 MD5 messages for a 7-vertex cell.
    public func canonicalHash() throws(NB101Invalidity) -> String {
        try canonicalDigest().hex
    }

    /// The module hash as a 128-bit value, without building a String: the fast path for
    /// table lookups keyed by `MD5Digest(hex:)` of the published hashes.
    ///
    /// - Complexity: as `canonicalHash()`, no heap allocation.
    public func canonicalDigest() throws(NB101Invalidity) -> MD5Digest {
        let cell = try validated()
        let codes = cell.opCodes
        return Self.hashModule(successorMasks: cell.successorMasks, vertexCount: cell.vertexCount) { v in
            NB101Op(rawValue: UInt8(truncatingIfNeeded: codes >> UInt32(3 * v) & 7))?.hashLabel ?? 0
        }
    }

    /// `hash_module` of the graph exactly as stored, without pruning or validity checks.
    ///
    /// ```swift
    /// let key = cell.unprunedModuleHash()   // NASLib's zero-cost table key
    /// ```
    ///
    /// Not the benchmark key: nasbench hashes the pruned spec (`canonicalHash()`). It exists
    /// because some published tables were keyed this way: the `hash` column of
    /// `nb101_naslib_zc500.csv.gz` (automl/NASLib zero-cost data) equals this value for all
    /// 500 rows, and differs from the official hash whenever the cell has extraneous vertices.
    ///
    /// - Complexity: O(V · (V + E)) MD5 blocks.
    public func unprunedModuleHash() -> String {
        let codes = opCodes
        return Self.hashModule(successorMasks: successorMasks, vertexCount: vertexCount) { v in
            NB101Op(rawValue: UInt8(truncatingIfNeeded: codes >> UInt32(3 * v) & 7))?.hashLabel ?? 0
        }.hex
    }

    /// `graph_util.hash_module` on any DAG of up to 8 vertices with integer labels, for
    /// spaces that borrow NB101's hash (NAS-EA-FA maps NB201 cells onto 8-vertex graphs with
    /// labels 0…4, ALGORITHMS.md §1.5). No pruning or validity check is done here.
    ///
    /// ```swift
    /// // input → output only, labels [-1, -2]
    /// NB101Cell.hashModule(successorMasks: 0b10, labels: [-1, -2]).hex   // "043721b9…"
    /// ```
    ///
    /// - Parameters:
    ///   - successorMasks: byte v has bit w set for an edge v→w (w > v).
    ///   - labels: one label per vertex; its count is the vertex count (1...8).
    /// - Complexity: O(V · (V + E)) MD5 blocks.
    public static func hashModule(successorMasks: UInt64, labels: [Int]) -> MD5Digest {
        precondition((1...8).contains(labels.count), "hashModule handles 1 to 8 vertices")
        return hashModule(successorMasks: successorMasks, vertexCount: labels.count) { labels[$0] }
    }

    @inline(__always)
    static func hashModule(successorMasks: UInt64, vertexCount n: Int, label: (Int) -> Int) -> MD5Digest {
        var predecessorMasks: UInt64 = 0
        for v in 0..<n {
            var row = successorMasks >> UInt64(8 * v) & 0xFF
            while row != 0 {
                let w = row.trailingZeroBitCount
                predecessorMasks |= 1 << UInt64(8 * w + v)
                row &= row &- 1
            }
        }
        // Scratch on the stack: two digest generations, their hex, a sort order, and one
        // padded message slot per vertex (≤ 8·32 + 2 bytes + padding, ≤ 320; the
        // fingerprint, ≤ 8·36 + 2 bytes, reuses slot 0).
        return withUnsafeTemporaryAllocation(byteCount: 3072, alignment: 16) { scratch -> MD5Digest in
            let base = scratch.baseAddress!
            var hashes = base.bindMemory(to: MD5Digest.self, capacity: 16)
            var next = hashes + 8
            let hex = base + 256
            let messages = base + 512
            var order: (Int, Int, Int, Int, Int, Int, Int, Int) = (0, 0, 0, 0, 0, 0, 0, 0)
            var blocks: (Int, Int, Int, Int, Int, Int, Int, Int) = (0, 0, 0, 0, 0, 0, 0, 0)

            for v in 0..<n {
                let out = (successorMasks >> UInt64(8 * v) & 0xFF).nonzeroBitCount
                let inn = (predecessorMasks >> UInt64(8 * v) & 0xFF).nonzeroBitCount
                (hashes + v).initialize(to: VertexSeedTable.digest(out: out, in: inn, label: label(v), scratch: messages))
            }
            return withUnsafeMutableBytes(of: &blocks) { blockBytes in
                let blocks = blockBytes.baseAddress!.assumingMemoryBound(to: Int.self)
                return withUnsafeMutableBytes(of: &order) { orderBytes in
                    let order = orderBytes.baseAddress!.assumingMemoryBound(to: Int.self)
                    for _ in 0..<n {
                        sortedOrder(hashes, n, hex, order)
                        for v in 0..<n {
                            let message = messages + 320 * v
                            var length = 0
                            let preds = predecessorMasks >> UInt64(8 * v) & 0xFF
                            for i in 0..<n where preds >> UInt64(order[i]) & 1 == 1 {
                                copy32(hex + 32 * order[i], message + length); length += 32
                            }
                            message.storeBytes(of: UInt8(ascii: "|"), toByteOffset: length, as: UInt8.self); length += 1
                            let succs = successorMasks >> UInt64(8 * v) & 0xFF
                            for i in 0..<n where succs >> UInt64(order[i]) & 1 == 1 {
                                copy32(hex + 32 * order[i], message + length); length += 32
                            }
                            message.storeBytes(of: UInt8(ascii: "|"), toByteOffset: length, as: UInt8.self); length += 1
                            copy32(hex + 32 * v, message + length); length += 32
                            blocks[v] = MD5.pad(message, length: length)
                        }
                        var v = 0
                        while v + 1 < n {
                            (next[v], next[v + 1]) = MD5.digests(padded: messages + 320 * v, blocks: blocks[v],
                                                                 messages + 320 * (v + 1), blocks: blocks[v + 1])
                            v += 2
                        }
                        if v < n { next[v] = MD5.digest(padded: messages + 320 * v, blocks: blocks[v]) }
                        swap(&hashes, &next)
                    }
                    // Python's str(sorted(hashes)): ['<hex>', '<hex>', ...]
                    sortedOrder(hashes, n, hex, order)
                    let message = messages
                    var length = 0
                    message.storeBytes(of: UInt8(ascii: "["), toByteOffset: 0, as: UInt8.self); length = 1
                    for i in 0..<n {
                        if i > 0 {
                            message.storeBytes(of: UInt8(ascii: ","), toByteOffset: length, as: UInt8.self)
                            message.storeBytes(of: UInt8(ascii: " "), toByteOffset: length + 1, as: UInt8.self)
                            length += 2
                        }
                        message.storeBytes(of: UInt8(ascii: "'"), toByteOffset: length, as: UInt8.self)
                        copy32(hex + 32 * order[i], message + length + 1)
                        message.storeBytes(of: UInt8(ascii: "'"), toByteOffset: length + 33, as: UInt8.self)
                        length += 34
                    }
                    message.storeBytes(of: UInt8(ascii: "]"), toByteOffset: length, as: UInt8.self); length += 1
                    return MD5.digest(UnsafeRawBufferPointer(start: message, count: length))
                }
            }
        }
    }

    /// Writes each digest's hex and the vertex order that sorts them (ascending digest order
    /// is ascending hex order). Insertion sort: n ≤ 8.
    @inline(__always)
    static func sortedOrder(_ hashes: UnsafeMutablePointer<MD5Digest>, _ n: Int,
                            _ hex: UnsafeMutableRawPointer, _ order: UnsafeMutablePointer<Int>) {
        for v in 0..<n {
            hashes[v].writeHex(to: hex + 32 * v)
            var i = v
            while i > 0 && hashes[v] < hashes[order[i - 1]] {
                order[i] = order[i - 1]; i -= 1
            }
            order[i] = v
        }
    }

    @inline(__always)
    static func copy32(_ from: UnsafeMutableRawPointer, _ to: UnsafeMutableRawPointer) {
        to.storeBytes(of: from.loadUnaligned(fromByteOffset: 0, as: SIMD16<UInt8>.self), toByteOffset: 0, as: SIMD16<UInt8>.self)
        to.storeBytes(of: from.loadUnaligned(fromByteOffset: 16, as: SIMD16<UInt8>.self), toByteOffset: 16, as: SIMD16<UInt8>.self)
    }
}

/// The first-round vertex digests md5("(out, in, label)"), precomputed for the degrees
/// and labels NB101-style graphs use, because they are the same few strings every time.
enum VertexSeedTable {
    static let labels = -2...4
    static let table: [MD5Digest] = {
        withUnsafeTemporaryAllocation(byteCount: 64, alignment: 8) { buffer in
            var t: [MD5Digest] = []
            for out in 0..<8 { for inn in 0..<8 { for label in labels {
                t.append(compute(out: out, in: inn, label: label, scratch: buffer.baseAddress!))
            } } }
            return t
        }
    }()

    @inline(__always)
    static func digest(out: Int, in inn: Int, label: Int, scratch: UnsafeMutableRawPointer) -> MD5Digest {
        if out < 8, inn < 8, labels.contains(label) {
            return table[(out * 8 + inn) * labels.count + label - labels.lowerBound]
        }
        return compute(out: out, in: inn, label: label, scratch: scratch)
    }

    /// Python's `str((out, in, label))`, e.g. "(3, 0, -1)", hashed.
    static func compute(out: Int, in inn: Int, label: Int, scratch: UnsafeMutableRawPointer) -> MD5Digest {
        let text = "(\(out), \(inn), \(label))"
        var length = 0
        for byte in text.utf8.prefix(64) {
            scratch.storeBytes(of: byte, toByteOffset: length, as: UInt8.self); length += 1
        }
        return MD5.digest(UnsafeRawBufferPointer(start: scratch, count: length))
    }
}

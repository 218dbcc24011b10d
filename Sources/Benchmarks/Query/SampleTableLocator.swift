import SearchSpaces

/// Maps an architecture to a row of a sample table by its gene vector, and answers
/// architectures the table lacks by the declared `OffTablePolicy`.
///
/// ```swift
/// let locator = try SampleTableLocator(space: OFAMobileNetV3Space(), genes: rows, policy: .nearest(.hamming))
/// locator.locate(x)        // .row(17), or .nearest(row: 17, distance: 1), or nil for `reject`
///                          // (`surrogate:<model>`: .predicted(features:surrogate:), the space's features)
/// ```
///
/// Exact matches go through a dictionary on the gene vector. Off-table queries scan all rows
/// with an early exit once a row cannot beat the current answer. When every gene has at most
/// 256 options (all DyNAS-T spaces), genes are packed 8 per 64-bit word and the Hamming
/// distance counts differing bytes a word at a time.
///
/// - Complexity: exact O(genes); off-table O(rows × genes / 8) at worst.
public struct SampleTableLocator<Space: SearchSpace>: RowLocator {
    public typealias Architecture = Space.Architecture

    public let space: Space
    public let policy: OffTablePolicy
    public let rows: Int
    public let geneCount: Int
    private let index: [[Int]: Int]
    /// Row-major genes, for L1 and for tables whose genes do not fit a byte.
    private let flat: [Int32]
    /// Row-major packed genes, `words` per row; empty when a gene has more than 256 options.
    private let packed: [UInt64]
    private let words: Int

    /// - Parameter genes: one gene vector per row, inside `space.geneBounds`.
    /// - Throws: `BenchmarkError` when a row has the wrong length or a gene out of bounds.
    public init(space: Space, genes: [[Int]], policy: OffTablePolicy) throws(BenchmarkError) {
        let bounds = space.geneBounds
        let n = bounds.count
        var index: [[Int]: Int] = [:]
        index.reserveCapacity(genes.count)
        var flat: [Int32] = []
        flat.reserveCapacity(genes.count * n)
        for (r, g) in genes.enumerated() {
            guard g.count == n else {
                throw BenchmarkError(subject: space.name, message: "table row \(r) has \(g.count) genes; the space has \(n)")
            }
            for (i, v) in g.enumerated() where !bounds[i].contains(v) {
                throw BenchmarkError(subject: space.name, message: "table row \(r) gene \(i) is \(v), outside the space's bounds \(bounds[i])")
            }
            // Duplicate vectors (a table built without merging): the first row answers.
            if index[g] == nil { index[g] = r }
            flat += g.map(Int32.init)
        }
        self.space = space
        self.policy = policy
        self.rows = genes.count
        self.geneCount = n
        self.index = index
        self.flat = flat
        if bounds.allSatisfy({ $0.lowerBound >= 0 && $0.upperBound < 256 }) {
            words = (n + 7) / 8
            var packed = [UInt64](repeating: 0, count: genes.count * words)
            for (r, g) in genes.enumerated() { Self.pack(g, into: &packed, at: r * words) }
            self.packed = packed
        } else {
            words = 0
            packed = []
        }
    }

    @inline(__always)
    private static func pack(_ g: [Int], into out: inout [UInt64], at base: Int) {
        for (i, v) in g.enumerated() { out[base + i / 8] |= UInt64(v) << UInt64(8 * (i % 8)) }
    }

    /// The row whose gene vector is exactly `genes`.
    @inline(__always)
    public func row(ofGenes genes: [Int]) -> Int? { index[genes] }

    public func locate(_ architecture: Architecture) -> TableAnswer? {
        let g = space.genes(of: architecture)
        if let r = index[g] { return .row(r) }
        guard g.count == geneCount, rows > 0 else { return nil }
        switch policy {
        case .reject:
            return nil
        case .nearest(let distance):
            guard let best = nearest(g, k: 1, distance: distance).first else { return nil }
            return .nearest(row: best.row, distance: Double(best.distance))
        case .knn(let k, let distance):
            let found = nearest(g, k: k, distance: distance)
            return .blend(rows: found.map(\.row), weights: Array(repeating: 1, count: found.count), surrogate: "knn:\(k)")
        case .surrogate(let model):
            return .predicted(features: space.features(of: architecture), surrogate: model)
        }
    }

    /// The `k` rows nearest to `genes` (fewer if the table is smaller), nearest first; ties
    /// go to the lower row.
    ///
    /// - Complexity: O(rows × genes) at worst, much less with the early exit.
    public func nearest(_ genes: [Int], k: Int, distance: OffTablePolicy.Distance) -> [(row: Int, distance: Int)] {
        let k = max(1, min(k, rows))
        // The current k best, sorted by (distance, row); a row must beat the k-th to enter.
        var best: [(row: Int, distance: Int)] = []
        best.reserveCapacity(k + 1)
        var threshold = Int.max
        func offer(_ r: Int, _ d: Int) {
            var at = best.count
            while at > 0 && best[at - 1].distance > d { at -= 1 }
            best.insert((r, d), at: at)
            if best.count > k { best.removeLast() }
            if best.count == k { threshold = best[k - 1].distance }
        }
        if distance == .hamming && words > 0 {
            var query = [UInt64](repeating: 0, count: words)
            Self.pack(genes, into: &query, at: 0)
            let low7: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
            let high: UInt64 = 0x8080_8080_8080_8080
            packed.withUnsafeBufferPointer { table in
                query.withUnsafeBufferPointer { q in
                    for r in 0..<rows {
                        var d = 0
                        let base = r * words
                        var w = 0
                        while w < words {
                            let x = table[base + w] ^ q[w]
                            // High bit of each byte set iff the byte is non-zero: the genes differ.
                            d += ((((x & low7) &+ low7) | x) & high).nonzeroBitCount
                            if d >= threshold { break }
                            w += 1
                        }
                        if d < threshold { offer(r, d) }
                    }
                }
            }
        } else {
            let q = genes.map(Int32.init)
            flat.withUnsafeBufferPointer { table in
                for r in 0..<rows {
                    var d = 0
                    let base = r * geneCount
                    for i in 0..<geneCount {
                        let a = table[base + i], b = q[i]
                        d += distance == .hamming ? (a == b ? 0 : 1) : Int(abs(a - b))
                        if d >= threshold { break }
                    }
                    if d < threshold { offer(r, d) }
                }
            }
        }
        return best
    }
}

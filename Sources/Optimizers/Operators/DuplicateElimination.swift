/// Drops offspring genomes that repeat an earlier offspring or a genome already present.
///
/// ```swift
/// var dedup = DuplicateElimination()
/// let fresh = dedup.unique(kids, excluding: [population, offspringSoFar])
/// ```
///
/// pymoo 0.6.2 `DefaultDuplicateElimination` (`pymoo/core/duplicate.py`, called from
/// `pymoo/core/infill.py`; PYMOO-NSGA2.md §2.3): a candidate is a duplicate when its
/// decision vector lies within Euclidean distance 1e-16 of another, which for integer genes
/// is exact equality. pymoo first removes candidates equal to an *earlier* candidate (the
/// first occurrence stays), then those equal to any row of each `excluding` set. One pass
/// that keeps a candidate iff no earlier candidate and no excluded row equals it gives the
/// same result: a candidate dropped against an earlier twin that was itself dropped against
/// an excluded row matches that row too.
///
/// Rows are hashed into a reused open-addressing table rather than compared pairwise, so a
/// mating round costs O((k + e) n) for k candidates and e excluded rows of n genes.
public struct DuplicateElimination: Sendable {
    private var slots: [Int32] = []
    private var rows: [[Int]] = []

    public init() {}

    /// The candidates, in order, without duplicates of each other or of `excluding`.
    ///
    /// - Complexity: O((k + e) n) expected.
    public mutating func unique(_ candidates: [[Int]], excluding: [[[Int]]] = []) -> [[Int]] {
        let total = candidates.count + excluding.reduce(0) { $0 + $1.count }
        reset(capacity: total)
        for set in excluding {
            for row in set { _ = insert(row) }
        }
        var kept: [[Int]] = []
        kept.reserveCapacity(candidates.count)
        for row in candidates where insert(row) { kept.append(row) }
        return kept
    }

    /// Indices of the first occurrence of every distinct row (pymoo's within-set pass).
    ///
    /// - Complexity: O(k n) expected.
    public mutating func firstOccurrences(_ candidates: [[Int]]) -> [Int] {
        reset(capacity: candidates.count)
        return candidates.indices.filter { insert(candidates[$0]) }
    }

    private mutating func reset(capacity: Int) {
        var size = 16
        while size < 2 * capacity { size <<= 1 }
        if slots.count != size {
            slots = [Int32](repeating: -1, count: size)
        } else {
            slots.withUnsafeMutableBufferPointer { $0.update(repeating: -1) }
        }
        rows.removeAll(keepingCapacity: true)
    }

    /// Adds `row`; false if an equal row is already in the table.
    private mutating func insert(_ row: [Int]) -> Bool {
        let mask = slots.count - 1
        var i = Self.hash(row) & mask
        while true {
            let s = Int(slots[i])
            if s < 0 {
                slots[i] = Int32(rows.count)
                rows.append(row)
                return true
            }
            if rows[s] == row { return false }
            i = (i + 1) & mask
        }
    }

    /// A fixed multiply–xorshift mix: deterministic across processes, unlike `Hasher`.
    @inline(__always)
    private static func hash(_ row: [Int]) -> Int {
        var h: UInt64 = 0x9E37_79B9_7F4A_7C15
        for g in row {
            h = (h ^ UInt64(bitPattern: Int64(g))) &* 0xBF58_476D_1CE4_E5B9
            h ^= h >> 29
        }
        return Int(truncatingIfNeeded: h >> 1)
    }
}

/// Drops offspring genomes that repeat an earlier offspring or a genome already present.
///
/// ```swift
/// var dedup = DuplicateElimination()
/// let fresh = dedup.unique(kids, excluding: [population, offspringSoFar])
///
/// // Incrementally, across the mating rounds of one generation:
/// dedup.begin(excluding: [population], capacity: population.count + 50)
/// for kid in kids where dedup.admit(kid) { offspring.append(kid) }
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
/// Rows are hashed into a reused open-addressing table rather than compared pairwise. The
/// incremental form (`begin`, then `admit`) lets NSGA-II hash the parents once per
/// generation instead of once per mating round: an admitted kid joins the offspring, so it
/// stays in the table, exactly as pymoo's `off` grows.
public struct DuplicateElimination: Sendable {
    private var slots: [Int32] = []
    private var rows: [[Int]] = []

    public init() {}

    /// The candidates, in order, without duplicates of each other or of `excluding`.
    ///
    /// - Complexity: O((k + e) n) expected for k candidates and e excluded rows of n genes.
    public mutating func unique(_ candidates: [[Int]], excluding: [[[Int]]] = []) -> [[Int]] {
        begin(excluding: excluding, capacity: candidates.count)
        return candidates.filter { admit($0) }
    }

    /// Indices of the first occurrence of every distinct row (pymoo's within-set pass).
    ///
    /// - Complexity: O(k n) expected.
    public mutating func firstOccurrences(_ candidates: [[Int]]) -> [Int] {
        begin(excluding: [], capacity: candidates.count)
        return candidates.indices.filter { admit(candidates[$0]) }
    }

    /// Empties the table and fills it with `excluding`, with room for `capacity` admissions.
    ///
    /// - Complexity: O(e n) expected.
    public mutating func begin(excluding: [[[Int]]], capacity: Int) {
        let total = capacity + excluding.reduce(0) { $0 + $1.count }
        var size = 16
        while size < 2 * total { size <<= 1 }
        if slots.count != size {
            slots = [Int32](repeating: -1, count: size)
        } else {
            slots.withUnsafeMutableBufferPointer { $0.update(repeating: -1) }
        }
        rows.removeAll(keepingCapacity: true)
        for set in excluding {
            for row in set { _ = admit(row) }
        }
    }

    /// Whether `row` is new; if so it is recorded, so later equal rows are refused.
    ///
    /// - Complexity: O(n) expected.
    public mutating func admit(_ row: [Int]) -> Bool {
        // Keep the load factor at most 1/2 even past the announced capacity.
        if 2 * (rows.count + 1) > slots.count { grow() }
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

    private mutating func grow() {
        let kept = rows
        slots = [Int32](repeating: -1, count: max(16, 2 * slots.count))
        rows.removeAll(keepingCapacity: true)
        for row in kept { _ = admit(row) }
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

/// The integer-gene view of a NAS-Bench-101 cell for MOEAs (SBX, polynomial mutation,
/// integer sampling): 26 genes, the 21 edge slots of the 7×7 strict upper triangle in
/// row-major order (0…1 each), then the 5 inner ops (0…2 each, `canonical_ops` order:
/// 0 conv3x3, 1 conv1x1, 2 maxpool3x3).
///
/// ```swift
/// let genes = cell.genes                          // [Int], 26 values
/// let child = NB101Genes.decode(genes)            // always a valid cell
/// let exact = NB101Genes.decodeExactly(genes)     // nil when the genes are not a valid cell
/// ```
///
/// **Repair** (`decode`, `repair`) is deterministic, a pure function of the genes, so an
/// optimizer needs no random stream for it:
/// 1. each gene is clamped into its bounds;
/// 2. if the cell is valid, it is kept as is;
/// 3. otherwise the input→output edge (slot 5) is set, which makes the cell connected,
///    and while the pruned cell has more than 9 edges the set slot with the largest index
///    other than slot 5 is cleared. With 0→6 present the cell stays connected, and each
///    step removes a raw edge, so this ends with a valid cell in at most 21 steps.
///
/// The ops are never changed by the repair. The genotype is NAS-EA-FA's (ALGORITHMS.md
/// §1.4); the repair is NASReplay's own, chosen to be simple and stateless.
///
/// - Complexity: O(1) (bounded by 21 validity checks).
public enum NB101Genes {
    public static let count = 26
    public static let lowerBounds = [Int](repeating: 0, count: 26)
    public static let upperBounds = [Int](repeating: 1, count: 21) + [Int](repeating: 2, count: 5)
    /// The slot of the input→output edge, (0, 6).
    public static let inputOutputSlot = 5

    /// The cell the genes spell, or nil when a gene is out of bounds, the count is not 26,
    /// or the cell is invalid.
    public static func decodeExactly(_ genes: [Int]) -> NB101Cell? {
        guard genes.count == count else { return nil }
        for (g, (lo, hi)) in zip(genes, zip(lowerBounds, upperBounds)) where g < lo || g > hi { return nil }
        let cell = unrepaired(genes)
        return cell.isValid ? cell : nil
    }

    /// The cell the genes spell after the documented repair; always valid.
    ///
    /// - Precondition: `genes.count == 26`
    public static func decode(_ genes: [Int]) -> NB101Cell {
        precondition(genes.count == count, "NB101 genes are 26 integers, got \(genes.count)")
        let clamped = zip(genes, zip(lowerBounds, upperBounds)).map { min(max($0, $1.0), $1.1) }
        var cell = unrepaired(clamped)
        if cell.isValid { return cell }
        var bits = cell.edgeBits | 1 << UInt32(inputOutputSlot)
        let ops = cell.innerOpCodes
        cell = NB101Cell(edgeBits: bits, innerOpCodes: ops)
        while !cell.isValid {
            let removable = bits & ~(1 << UInt32(inputOutputSlot))
            let highest = 31 - removable.leadingZeroBitCount
            bits &= ~(1 << UInt32(highest))
            cell = NB101Cell(edgeBits: bits, innerOpCodes: ops)
        }
        return cell
    }

    /// The genes after the repair of `decode`, for optimizers that write repaired
    /// solutions back into the population (as pymoo's `Repair` does).
    public static func repair(_ genes: [Int]) -> [Int] {
        decode(genes).genes
    }

    static func unrepaired(_ genes: [Int]) -> NB101Cell {
        var bits: UInt32 = 0, ops: UInt32 = 0
        for k in 0..<21 where genes[k] != 0 { bits |= 1 << UInt32(k) }
        for i in 0..<5 { ops |= UInt32(genes[21 + i]) << UInt32(3 * i) }
        return NB101Cell(edgeBits: bits, innerOpCodes: ops)
    }
}

extension NB101Cell {
    /// The 26 integer genes of the cell (after `padded()` for cells under 7 vertices);
    /// see `NB101Genes`.
    ///
    /// - Complexity: O(1)
    public var genes: [Int] {
        let cell = padded()
        let bits = cell.edgeBits, ops = cell.innerOpCodes
        return (0..<21).map { Int(bits >> UInt32($0) & 1) } + (0..<5).map { Int(ops >> UInt32(3 * $0) & 7) }
    }
}

/// Inclusive integer bounds of each gene, in the flat form the float operators read.
///
/// ```swift
/// let bounds = GeneBounds(space.geneBounds)      // e.g. six genes 0…4 for NATS topology
/// bounds.lower[2], bounds.upper[2]               // 0, 4
/// ```
///
/// pymoo's problem keeps `xl` and `xu` as arrays; SBX, PM and sampling all read them per
/// gene. Holding them as two plain arrays (not `ClosedRange`s) keeps the inner loops of
/// the operators free of range bookkeeping.
public struct GeneBounds: Sendable, Hashable {
    public let lower: [Int]
    public let upper: [Int]

    /// - Precondition: every range is non-empty (a `ClosedRange` always is).
    /// - Complexity: O(n)
    public init(_ ranges: [ClosedRange<Int>]) {
        lower = ranges.map(\.lowerBound)
        upper = ranges.map(\.upperBound)
    }

    /// The number of genes.
    public var count: Int { lower.count }

    /// Whether every gene of `genes` lies within its bounds.
    ///
    /// - Complexity: O(n)
    public func contains(_ genes: [Int]) -> Bool {
        genes.count == count && genes.indices.allSatisfy { lower[$0] <= genes[$0] && genes[$0] <= upper[$0] }
    }
}

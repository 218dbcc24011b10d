/// A C-TAEA archive (pymoo `Population`): float genomes and their minimised objectives.
///
/// ```swift
/// var ca = CTAEAArchive()
/// ca.append(genes: [0.0, 2.4], objectives: [-91.2, 3.1, 0.4])
/// ```
public struct CTAEAArchive: Sendable, Equatable {
    public var genes: [[Double]] = []
    public var objectives: [[Double]] = []

    public init() {}

    public init(genes: [[Double]], objectives: [[Double]]) {
        precondition(genes.count == objectives.count, "one objective vector per genome")
        self.genes = genes
        self.objectives = objectives
    }

    public var count: Int { genes.count }

    public mutating func append(genes g: [Double], objectives f: [Double]) {
        genes.append(g)
        objectives.append(f)
    }

    /// The members at `indices`, in that order (pymoo `pop[I]`).
    public func subset(_ indices: [Int]) -> CTAEAArchive {
        CTAEAArchive(genes: indices.map { genes[$0] }, objectives: indices.map { objectives[$0] })
    }

    /// This archive followed by `other` (pymoo `Population.merge`).
    public func merged(with other: CTAEAArchive) -> CTAEAArchive {
        CTAEAArchive(genes: genes + other.genes, objectives: objectives + other.objectives)
    }
}

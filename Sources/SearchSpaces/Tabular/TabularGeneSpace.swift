import NASCore

/// A generic gene space for tables whose rows are not exact points of a published search
/// space: the HAT latency tables (per-layer averages), FBNet-like tables and users' own CSVs.
///
/// ```swift
/// let layout = GeneLayout([GeneParameter("depth", count: 1, options: [2, 3, 4]),
///                          GeneParameter("width", count: 1, options: [0.5, 1])])
/// let space = TabularGeneSpace(name: "my-table", layout: layout,
///                              members: [GeneVector(genes: [0, 1]), GeneVector(genes: [2, 0])])
/// ```
///
/// Each column is a parameter with one gene whose options are the column's distinct values
/// (sorted ascending). When `members` is given (the table's rows), `sample` draws a member
/// uniformly, because most gene combinations of such a table are not measured and would only
/// ever get off-table answers; mutation changes genes as in `GeneMutation` and may leave the
/// table, which the locator then answers by its declared policy. Without members, sampling
/// is uniform per gene. Features are the generic one-hot: these spaces have no depth genes.
public struct TabularGeneSpace: GeneEncodedSpace {
    public let name: String
    public let layout: GeneLayout
    public let members: [GeneVector]
    public var mutation: GeneMutation

    public init(name: String, layout: GeneLayout, members: [GeneVector] = [], mutation: GeneMutation = .oneGene) {
        self.name = name; self.layout = layout; self.members = members; self.mutation = mutation
    }

    public func sample(using rng: inout Xoshiro256StarStar) -> GeneVector {
        guard !members.isEmpty else {
            return GeneVector(genes: sampleUniformGenes(optionCounts: layout.optionCounts, using: &rng))
        }
        return members[rng.nextInt(below: members.count)]
    }

    public func features(of x: GeneVector) -> [Double] { layout.oneHot(x.genes) }

    /// `name=value` pairs, one per gene.
    public func describe(_ x: GeneVector) -> String {
        zip(layout.fieldNames, x.genes.enumerated()).map { field, pair in
            let p = layout.parameters[layout.parameterIndex(of: pair.offset)]
            return "\(field)=\(GeneParameter.pythonNumber(p.options[pair.element]))"
        }.joined(separator: ", ")
    }
}

/// Feature vectors of NAS-Bench-101 cells for predictors.
///
/// ```swift
/// let x = try cell.features(.geneOneHot)   // 36 doubles
/// ```
public enum NB101FeatureEncoding: String, CaseIterable, Sendable {
    /// The 21 edge genes, then a 3-way one-hot per inner op (conv3x3, conv1x1, maxpool3x3
    /// order), of the unpruned 7-vertex genotype: 36 values. Distinct genotypes of one
    /// cell get distinct features.
    case geneOneHot = "gene-one-hot"
    /// NAS-EA-FA's 36-entry sequence of the pruned cell, Pan's one-hot (ALGORITHMS.md §1.5).
    case sequencePan = "seq-pan"
    /// The same sequence with Dervisi's one-hot (ALGORITHMS.md §2.5).
    case sequenceDervisi = "seq-dervisi"

    public var count: Int { 36 }
}

extension NB101Cell {
    /// The feature vector for `encoding`.
    ///
    /// - Throws: `NB101Invalidity` for the sequence encodings of an invalid cell.
    /// - Complexity: O(1)
    public func features(_ encoding: NB101FeatureEncoding) throws(NB101Invalidity) -> [Double] {
        switch encoding {
        case .geneOneHot:
            let g = genes
            var x = g[0..<21].map(Double.init)
            for op in g[21..<26] { x += (0..<3).map { $0 == op ? 1 : 0 } }
            return x
        case .sequencePan:
            return try sequence(.pan).map(Double.init)
        case .sequenceDervisi:
            return try sequence(.dervisi).map(Double.init)
        }
    }
}

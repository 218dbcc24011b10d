import NASCore

/// The neural collaborative filtering (NCF) space of DyNAS-T v0.3.1
/// (`examples/dynast_ncf_fully.py`, removed later; ALGORITHMS.md D.2): 10 genes.
///
/// ```swift
/// let space = NCFSpace()
/// let x = try space.architecture(parsing: "{'num_factors_gmf': [64], 'num_factors_mlp_users': [32], 'num_factors_mlp_items': [8], 'num_layers': [3], 'hidden_sizes': [256, 128, 64, 8, 8, 8]}")
/// space.features(of: x).count   // 69
/// ```
///
/// | parameter | genes | options |
/// |---|---|---|
/// | `num_factors_gmf`, `num_factors_mlp_users`, `num_factors_mlp_items` | 1 each | 8, 16, 32, 64, 128 |
/// | `num_layers` | 1 | 1…6 |
/// | `hidden_sizes` | 6 | 8, 16, …, 1024 |
///
/// No NCF sample table is available here (see `../shared/data/README.md`); the space is
/// complete for a user's own table.
public struct NCFSpace: GeneEncodedSpace {
    public let layout = GeneLayout([
        GeneParameter("num_factors_gmf", count: 1, options: [8, 16, 32, 64, 128]),
        GeneParameter("num_factors_mlp_users", count: 1, options: [8, 16, 32, 64, 128]),
        GeneParameter("num_factors_mlp_items", count: 1, options: [8, 16, 32, 64, 128]),
        GeneParameter("num_layers", count: 1, options: [1, 2, 3, 4, 5, 6]),
        GeneParameter("hidden_sizes", count: 6, options: [8, 16, 32, 64, 128, 256, 512, 1024]),
    ])
    public var mutation: GeneMutation
    public var encoding: FeatureEncoding
    public var name: String { "ncf" }

    public init(mutation: GeneMutation = .oneGene, features: FeatureEncoding = .oneHot) {
        self.mutation = mutation; self.encoding = features
    }

    /// `oneHot`: the generic one-hot (69 values). `depthMasked` (ours): the same with the
    /// `hidden_sizes` blocks of layers beyond `num_layers` all-zero.
    public func features(of x: GeneVector) -> [Double] {
        var f = layout.oneHot(x.genes)
        if encoding == .depthMasked {
            let layers = x.genes[3] + 1
            for layer in layers..<6 {
                for k in 0..<8 { f[21 + 8 * layer + k] = 0 }
            }
        }
        return f
    }

    public func describe(_ x: GeneVector) -> String { layout.pythonDict(x.genes) }

    /// Parses the parameter dict literal.
    ///
    /// - Throws: `GeneError` naming the field that is wrong.
    public func architecture(parsing text: String) throws(GeneError) -> GeneVector {
        try architecture(parsingParameterDict: text)
    }
}

import NASCore

/// The Once-for-All ResNet50 super-network as DyNAS-T encodes it (`ofa_resnet50` in
/// `dynast/supernetwork/supernetwork_registry.py`; ALGORITHMS.md D.2): 29 genes, `d`
/// 5×{0,1,2}, `e` 18×{0.2,0.25,0.35}, `w` 6×{0,1,2}.
///
/// ```swift
/// let space = OFAResNet50Space()
/// let x = try space.architecture(parsing: "{'d': [2, 0, 1, 1, 0], 'e': [0.25, …], 'w': [2, 1, 0, 0, 1, 2]}")
/// space.features(of: x).count        // 87 (onehot_generic)
/// ```
///
/// Following OFA's `OFAResNets.set_active_subnet`: `d[0]` chooses whether the input stem
/// skips its residual layer, and stage s (base depths 2, 2, 4, 2) runs its first
/// `base[s] + d[s+1]` of its `base[s] + 2` blocks, so 18 `e` genes of which some are
/// inactive. `w[0]`, `w[1]` are the stem widths and `w[2…5]` the stage widths.
///
/// No sample table for this space is available here (see `../shared/data/README.md`); the
/// space is complete for searches on a user's own table.
public struct OFAResNet50Space: GeneEncodedSpace {
    public static let baseDepths = [2, 2, 4, 2]

    public let layout = GeneLayout([
        GeneParameter("d", count: 5, options: [0, 1, 2]),
        GeneParameter("e", count: 18, options: [0.2, 0.25, 0.35]),
        GeneParameter("w", count: 6, options: [0, 1, 2]),
    ])
    public var mutation: GeneMutation
    public var encoding: FeatureEncoding
    public var name: String { "ofa-resnet50" }

    public init(mutation: GeneMutation = .oneGene, features: FeatureEncoding = .oneHot) {
        self.mutation = mutation; self.encoding = features
    }

    /// Whether block `b` (0…17) runs.
    public func isActive(block b: Int, in x: GeneVector) -> Bool {
        var first = 0
        for (s, base) in Self.baseDepths.enumerated() {
            let size = base + 2
            if b < first + size { return b - first < base + x.genes[1 + s] }
            first += size
        }
        return false
    }

    /// `oneHot`: DyNAS-T's 87-value `onehot_generic`. `depthMasked` (ours; DyNAS-T has no
    /// custom encoding for the float ResNet50): the same 87 values with the `e` block of
    /// every inactive block all-zero.
    public func features(of x: GeneVector) -> [Double] {
        var f = layout.oneHot(x.genes)
        if encoding == .depthMasked {
            for b in 0..<18 where !isActive(block: b, in: x) {
                for k in 0..<3 { f[15 + 3 * b + k] = 0 }
            }
        }
        return f
    }

    /// The parameter dict as DyNAS-T's `translate2param` gives it: `{'d': […], 'e': […], 'w': […]}`.
    public func describe(_ x: GeneVector) -> String { layout.pythonDict(x.genes) }

    /// Parses the parameter dict literal.
    ///
    /// - Throws: `GeneError` naming the field that is wrong.
    public func architecture(parsing text: String) throws(GeneError) -> GeneVector {
        try architecture(parsingParameterDict: text)
    }
}

import NASCore

/// The HAT SubTransformer space (WMT'14 En-De Transformer) as DyNAS-T encodes it
/// (`transformer_lt_wmt_en_de` in `dynast/supernetwork/supernetwork_registry.py`;
/// ALGORITHMS.md D.2): 39 genes, option lists in DyNAS-T's (mostly descending) order.
///
/// ```swift
/// let space = HATTransformerSpace()
/// var rng = Xoshiro256StarStar(seed: 3)
/// let x = space.sample(using: &rng)
/// space.describe(x)   // {'encoder_embed_dim': [640], 'decoder_embed_dim': [512], …}
/// space.customFeatures(of: x).count   // 39, DyNAS-T TransformerLTEncoding.onehot_custom raw
/// ```
///
/// | parameter | genes | options (index 0 first) |
/// |---|---|---|
/// | `encoder_embed_dim` | 1 | 640, 512 |
/// | `decoder_embed_dim` | 1 | 640, 512 |
/// | `encoder_ffn_embed_dim` | 6 | 3072, 2048, 1024 |
/// | `decoder_ffn_embed_dim` | 6 | 3072, 2048, 1024 |
/// | `decoder_layer_num` | 1 | 6, 5, 4, 3, 2, 1 |
/// | `encoder_self_attention_heads` | 6 | 8, 4 |
/// | `decoder_self_attention_heads` | 6 | 8, 4 |
/// | `decoder_ende_attention_heads` | 6 | 8, 4 |
/// | `decoder_arbitrary_ende_attn` | 6 | -1, 1, 2 |
///
/// The encoder always has 6 layers; decoder layers beyond `decoder_layer_num` are inactive.
/// The HAT latency tables in `../shared/data/hat/` give per-layer *averages*, which do not
/// determine a 39-gene vector, so those tables use a `TabularGeneSpace` instead.
public struct HATTransformerSpace: GeneEncodedSpace {
    public let layout = GeneLayout([
        GeneParameter("encoder_embed_dim", count: 1, options: [640, 512]),
        GeneParameter("decoder_embed_dim", count: 1, options: [640, 512]),
        GeneParameter("encoder_ffn_embed_dim", count: 6, options: [3072, 2048, 1024]),
        GeneParameter("decoder_ffn_embed_dim", count: 6, options: [3072, 2048, 1024]),
        GeneParameter("decoder_layer_num", count: 1, options: [6, 5, 4, 3, 2, 1]),
        GeneParameter("encoder_self_attention_heads", count: 6, options: [8, 4]),
        GeneParameter("decoder_self_attention_heads", count: 6, options: [8, 4]),
        GeneParameter("decoder_ende_attention_heads", count: 6, options: [8, 4]),
        GeneParameter("decoder_arbitrary_ende_attn", count: 6, options: [-1, 1, 2]),
    ])
    public var mutation: GeneMutation
    public var encoding: FeatureEncoding
    public var name: String { "hat-transformer" }

    public init(mutation: GeneMutation = .oneGene, features: FeatureEncoding = .oneHot) {
        self.mutation = mutation; self.encoding = features
    }

    /// The number of decoder layers (1…6).
    public func decoderLayers(_ x: GeneVector) -> Int { 6 - x.genes[14] }

    /// DyNAS-T's raw custom features (`TransformerLTEncoding.onehot_custom(…,
    /// provide_onehot=False)`): `[enc_embed, enc_ffn×6, enc_heads×6, dec_embed,
    /// dec_layer_num, dec_ffn×6, dec_self_heads×6, dec_ende_heads×6, arbitrary_ende×6]`, with
    /// decoder entries beyond `decoder_layer_num` set to 0 and `arbitrary_ende` mapped
    /// −1→1, 1→2, 2→3.
    public func customFeatures(of x: GeneVector) -> [Double] {
        let v = layout.values(of: x.genes).map(\.values)
        // v: 0 enc_embed, 1 dec_embed, 2 enc_ffn, 3 dec_ffn, 4 dec_layer_num, 5 enc_heads,
        //    6 dec_self_heads, 7 dec_ende_heads, 8 arbitrary
        let layers = decoderLayers(x)
        func masked(_ values: [Double]) -> [Double] { values.enumerated().map { $0.offset < layers ? $0.element : 0 } }
        let arbitrary = v[8].map { $0 == -1 ? 1.0 : $0 == 1 ? 2.0 : 3.0 }
        return v[0] + v[2] + v[5] + v[1] + v[4] + masked(v[3]) + masked(v[6]) + masked(v[7]) + masked(arbitrary)
    }

    /// The values each custom feature can take, ascending (as `np.unique` orders them): 0
    /// appears only for decoder positions that a depth of 1 can switch off.
    public static let customFeatureValues: [[Double]] = {
        var sets: [[Double]] = [[512, 640]]
        sets += Array(repeating: [1024, 2048, 3072], count: 6)
        sets += Array(repeating: [4, 8], count: 6)
        sets += [[512, 640], [1, 2, 3, 4, 5, 6]]
        for active in [[1024.0, 2048, 3072], [4, 8], [4, 8], [1, 2, 3]] {
            sets += [active] + Array(repeating: [0] + active, count: 5)
        }
        return sets
    }()

    /// `oneHot`: DyNAS-T's generic one-hot of the 39 genes (92 values). `depthMasked`: the
    /// custom features one-hot encoded over `customFeatureValues` (120 values). DyNAS-T
    /// one-hot encodes over the values *seen in its training set*, so its vectors drop the
    /// columns of unseen values; a predictor that needs that exact layout builds it from
    /// `customFeatures(of:)`.
    public func features(of x: GeneVector) -> [Double] {
        switch encoding {
        case .oneHot:
            return layout.oneHot(x.genes)
        case .depthMasked:
            var f: [Double] = []
            for (value, options) in zip(customFeatures(of: x), Self.customFeatureValues) {
                f += options.map { $0 == value ? 1 : 0 }
            }
            return f
        }
    }

    /// The parameter dict, as DyNAS-T writes Transformer rows in its results csv.
    public func describe(_ x: GeneVector) -> String { layout.pythonDict(x.genes) }

    /// Parses the parameter dict literal.
    ///
    /// - Throws: `GeneError` naming the field that is wrong.
    public func architecture(parsing text: String) throws(GeneError) -> GeneVector {
        try architecture(parsingParameterDict: text)
    }
}

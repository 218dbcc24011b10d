/// Which predictor features a gene-encoded space produces.
///
/// ```swift
/// let space = OFAMobileNetV3Space(features: .depthMasked)
/// space.features(of: x).count   // 120, DyNAS-T's onehot_custom
/// ```
///
/// DyNAS-T 1.6.0 trains its OFA predictors on `onehot_generic` (ALGORITHMS.md L.2, D.2), so
/// that is the default everywhere; the depth-masked variants zero the entries of blocks
/// (layers) that the depth genes switch off.
public enum FeatureEncoding: String, Sendable, Hashable, CaseIterable {
    /// DyNAS-T `EncodingBase.onehot_generic`: one-hot per gene over its options.
    case oneHot = "one-hot"
    /// One-hot with inactive blocks zeroed; per space (see each space's documentation).
    case depthMasked = "depth-masked"

    public init(parsing text: String) throws(SearchSpaceError) {
        guard let e = FeatureEncoding(rawValue: text) else {
            throw SearchSpaceError("feature encoding '\(text)' is unknown; use one of \(Self.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        self = e
    }
}

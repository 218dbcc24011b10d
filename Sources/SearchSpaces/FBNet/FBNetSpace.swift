import NASCore

/// The FBNet space as HELP's FBNet latency table encodes it (HayeonLee/HELP; Wu et al.,
/// FBNet, CVPR 2019): 22 searchable blocks, each one of 9 ops.
///
/// ```swift
/// let space = FBNetSpace()
/// let x = try space.architecture(opIndexList: "7-8-1-8-4-8-8-8-7-4-1-4-7-3-2-7-3-2-4-2-4-5")
/// space.describe(x)   // k5_e6|skip|k3_e1_g2|…, HELP's arch_str
/// ```
///
/// Op index order is HELP's `op_idx_list` (checked against its `arch_str` on all 5,000
/// rows): 0 `k3_e1`, 1 `k3_e1_g2`, 2 `k3_e3`, 3 `k3_e6`, 4 `k5_e1`, 5 `k5_e1_g2`,
/// 6 `k5_e3`, 7 `k5_e6`, 8 `skip` (kernel size, expansion, group count). Features: the
/// one-hot of the 22 genes (198 values); the space has no depth genes, so `depthMasked`
/// gives the same vector. Mutation is ours (`GeneMutation`).
public struct FBNetSpace: GeneEncodedSpace {
    public static let opNames = ["k3_e1", "k3_e1_g2", "k3_e3", "k3_e6", "k5_e1", "k5_e1_g2", "k5_e3", "k5_e6", "skip"]
    public static let blocks = 22

    public let layout = GeneLayout([GeneParameter("op", count: 22, options: (0..<9).map(Double.init))])
    public var mutation: GeneMutation
    public var name: String { "fbnet" }

    public init(mutation: GeneMutation = .oneGene) { self.mutation = mutation }

    public func features(of x: GeneVector) -> [Double] { layout.oneHot(x.genes) }

    /// HELP's `arch_str`: op names joined by `|`.
    public func describe(_ x: GeneVector) -> String { x.genes.map { Self.opNames[$0] }.joined(separator: "|") }

    /// HELP's `op_idx_list`: op indices joined by `-`.
    public func opIndexList(of x: GeneVector) -> String { x.genes.map(String.init).joined(separator: "-") }

    /// Parses HELP's `op_idx_list` (`7-8-1-…`, 22 indices 0…8).
    ///
    /// - Throws: `GeneError` for a non-integer, the wrong count or an index out of range.
    public func architecture(opIndexList text: String) throws(GeneError) -> GeneVector {
        var genes: [Int] = []
        for part in text.split(separator: "-", omittingEmptySubsequences: false) {
            guard let v = Int(part) else { throw .syntax("op_idx_list '\(text)' is not a dash-joined list of integers") }
            genes.append(v)
        }
        return try GeneVector(validating: genes, layout: layout)
    }

    /// Parses HELP's `arch_str` (`k5_e6|skip|…`).
    ///
    /// - Throws: `GeneError` for an unknown op name or the wrong count.
    public func architecture(archString text: String) throws(GeneError) -> GeneVector {
        var genes: [Int] = []
        for (k, name) in text.split(separator: "|", omittingEmptySubsequences: false).enumerated() {
            guard let i = Self.opNames.firstIndex(of: String(name)) else {
                throw .notAnOption(field: "op[\(k)]", value: "'\(name)'", options: Self.opNames.joined(separator: ", "))
            }
            genes.append(i)
        }
        return try GeneVector(validating: genes, layout: layout)
    }
}

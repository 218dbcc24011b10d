import NASCore

/// The Once-for-All MobileNetV3 (w1.0) super-network as DyNAS-T encodes it
/// (`ofa_mbv3_d234_e346_k357_w1.0` in `dynast/supernetwork/supernetwork_registry.py`;
/// ALGORITHMS.md D.2): 45 genes, `ks` 20×{3,5,7}, `e` 20×{3,4,6}, `d` 5×{2,3,4}.
///
/// ```swift
/// let space = OFAMobileNetV3Space()
/// let x = try space.architecture(parsing: "{'wid': None, 'ks': [3, …], 'e': [4, …], 'd': [2, 3, 4, 2, 3], 'r': [224]}")
/// space.describe(x)                  // the same dict literal, as DyNAS-T's results csv has it
/// space.features(of: x).count        // 135 (onehot_generic)
/// ```
///
/// The 20 blocks form 5 stages of 4; stage s runs its first `d[s]` blocks, so the `ks`/`e`
/// genes of the other blocks are inactive (redundant: 3^45 vectors, far fewer networks).
/// DyNAS-T keeps the resolution fixed at 224, outside the gene vector. HELP's OFA table
/// (HayeonLee/HELP) samples the resolution too, 128…224 in steps of 4: with
/// `resolutions: OFAMobileNetV3Space.helpResolutions` the space has a 46th gene `r`.
public struct OFAMobileNetV3Space: GeneEncodedSpace {
    /// DyNAS-T: `r` is always `[224]` (ALGORITHMS.md L.5).
    public static let dynastResolutions = [224]
    /// HELP's OFA-MobileNetV3 latency table: 128, 132, …, 224 (25 values).
    public static let helpResolutions = Array(stride(from: 128, through: 224, by: 4))
    public static let stages = 5
    public static let blocksPerStage = 4

    public let layout: GeneLayout
    public let resolutions: [Int]
    public var mutation: GeneMutation
    public var encoding: FeatureEncoding

    public var name: String { resolutions.count > 1 ? "ofa-mbv3-r" : "ofa-mbv3" }

    /// - Parameter resolutions: one value (DyNAS-T: fixed, not a gene) or several (a 46th gene).
    public init(resolutions: [Int] = dynastResolutions, mutation: GeneMutation = .oneGene, features: FeatureEncoding = .oneHot) {
        self.resolutions = resolutions.isEmpty ? Self.dynastResolutions : resolutions
        self.mutation = mutation
        self.encoding = features
        var parameters = [
            GeneParameter("ks", count: 20, options: [3, 5, 7]),
            GeneParameter("e", count: 20, options: [3, 4, 6]),
            GeneParameter("d", count: 5, options: [2, 3, 4]),
        ]
        if self.resolutions.count > 1 { parameters.append(GeneParameter("r", count: 1, options: self.resolutions.map(Double.init))) }
        self.layout = GeneLayout(parameters)
    }

    /// Kernel sizes, expand ratios and stage depths (values, not indices).
    public func ks(_ x: GeneVector) -> [Int] { (0..<20).map { [3, 5, 7][x.genes[$0]] } }
    public func e(_ x: GeneVector) -> [Int] { (0..<20).map { [3, 4, 6][x.genes[20 + $0]] } }
    public func d(_ x: GeneVector) -> [Int] { (0..<5).map { [2, 3, 4][x.genes[40 + $0]] } }
    public func resolution(_ x: GeneVector) -> Int { resolutions.count > 1 ? resolutions[x.genes[45]] : resolutions[0] }

    /// Whether block `b` (0…19) runs: its position in its stage is below the stage's depth.
    public func isActive(block b: Int, in x: GeneVector) -> Bool {
        b % Self.blocksPerStage < 2 + x.genes[40 + b / Self.blocksPerStage]
    }

    /// `oneHot`: 135 values (160 with the `r` gene). `depthMasked`: DyNAS-T's
    /// `OFAMobileNetV3Encoding.onehot_custom`, 60 `ks` then 60 `e` values with inactive blocks
    /// all-zero (120; the depths show only through the masks), plus the `r` one-hot when `r`
    /// is a gene (ours: DyNAS-T has no `r` gene).
    ///
    /// - Complexity: O(genes)
    public func features(of x: GeneVector) -> [Double] {
        switch encoding {
        case .oneHot:
            return layout.oneHot(x.genes)
        case .depthMasked:
            var f = [Double](repeating: 0, count: 120)
            for b in 0..<20 where isActive(block: b, in: x) {
                f[3 * b + x.genes[b]] = 1
                f[60 + 3 * b + x.genes[20 + b]] = 1
            }
            if resolutions.count > 1 {
                f += (0..<resolutions.count).map { $0 == x.genes[45] ? 1 : 0 }
            }
            return f
        }
    }

    /// DyNAS-T's results-csv form: `{'wid': None, 'ks': [...], 'e': [...], 'd': [...], 'r': [224]}`.
    public func describe(_ x: GeneVector) -> String {
        func list(_ v: [Int]) -> String { "[" + v.map(String.init).joined(separator: ", ") + "]" }
        return "{'wid': None, 'ks': \(list(ks(x))), 'e': \(list(e(x))), 'd': \(list(d(x))), 'r': [\(resolution(x))]}"
    }

    /// Parses DyNAS-T's sub-network dict literal. `wid` must be `None` when present; `r`
    /// must be one of `resolutions` (required when `r` is a gene).
    ///
    /// - Throws: `GeneError` naming the field that is wrong.
    public func architecture(parsing text: String) throws(GeneError) -> GeneVector {
        var fields: [(name: String, values: [Double])] = []
        var sawR = false
        for (key, value) in try PythonDictLiteral.parse(text) {
            switch key {
            case "wid":
                guard value == .none else { throw .notAnOption(field: "wid", value: "\(value)", options: "None (OFA-MobileNetV3 w1.0 has no width gene)") }
            case "r":
                guard let r = value.numbers else { throw .syntax("'r' must be a list like [224]") }
                guard r.count == 1 else { throw .wrongLength(field: "r", expected: 1, got: r.count) }
                guard resolutions.contains(where: { Double($0) == r[0] }) else {
                    throw .notAnOption(field: "r", value: GeneParameter.pythonNumber(r[0]), options: resolutions.map(String.init).joined(separator: ", "))
                }
                sawR = true
                if resolutions.count > 1 { fields.append((key, r)) }
            default:
                guard let numbers = value.numbers else { throw .syntax("'\(key)' must be a list of numbers") }
                fields.append((key, numbers))
            }
        }
        if resolutions.count > 1 && !sawR { throw .missingField("r") }
        return GeneVector(genes: try layout.genes(fromValues: fields))
    }

    /// Parses HELP's columns: `ks`, `e`, `d` as dash-joined lists (`7-5-3-…`) and `r`.
    ///
    /// - Throws: `GeneError` naming the column that is wrong.
    public func architecture(helpKs ks: String, e: String, d: String, r: String) throws(GeneError) -> GeneVector {
        func numbers(_ text: String, _ field: String) throws(GeneError) -> [Double] {
            var out: [Double] = []
            for part in text.split(separator: "-", omittingEmptySubsequences: false) {
                guard let v = Int(part) else { throw .syntax("'\(field)' = '\(text)' is not a dash-joined list of integers") }
                out.append(Double(v))
            }
            return out
        }
        var fields = [("ks", try numbers(ks, "ks")), ("e", try numbers(e, "e")), ("d", try numbers(d, "d"))]
        guard let rv = Int(r) else { throw .syntax("'r' = '\(r)' is not an integer") }
        guard resolutions.contains(rv) else {
            throw .notAnOption(field: "r", value: r, options: resolutions.map(String.init).joined(separator: ", "))
        }
        if resolutions.count > 1 { fields.append(("r", [Double(rv)])) }
        return GeneVector(genes: try layout.genes(fromValues: fields.map { (name: $0.0, values: $0.1) }))
    }

    /// HELP's dash-joined form of the `ks`, `e`, `d` lists and `r`.
    public func helpColumns(of x: GeneVector) -> (ks: String, e: String, d: String, r: String) {
        func dash(_ v: [Int]) -> String { v.map(String.init).joined(separator: "-") }
        return (dash(ks(x)), dash(e(x)), dash(d(x)), String(resolution(x)))
    }
}

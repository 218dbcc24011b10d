/// What a sample table answers for an architecture it does not have (DESIGN.md: explicit,
/// never silent). A spec names it as `off_table`.
///
/// ```swift
/// let policy = try OffTablePolicy(parsing: "surrogate:knn:7")   // .knn(k: 7, distance: .hamming)
/// policy.description                                           // "surrogate:knn:7"
/// try OffTablePolicy(parsing: "surrogate:ridge", surrogateModels: ["ridge", "gbt"])   // .surrogate(model: "ridge")
/// ```
///
/// | spec string | answer |
/// |---|---|
/// | `nearest` (`nearest:l1`) | the nearest row in gene space, with its distance (`TableAnswer.nearest`) |
/// | `surrogate:knn` (`surrogate:knn:K`, `…:l1`) | the mean of the K nearest rows (K = 5), equal weights (`TableAnswer.blend`) |
/// | `surrogate:<model>` | each metric predicted by a regression model fitted once on the whole table (`TableAnswer.predicted`, `OffTableSurrogate`) |
/// | `reject` | no answer: the algorithm must propose another architecture |
///
/// The models of `surrogate:<model>` live above this layer (Benchmarks does not depend on
/// Predictors), so the caller names the ones it can fit in `surrogateModels`.
///
/// Distances are over option indices of the gene vector: Hamming (the number of genes that
/// differ, the default, since genes are categorical) or L1 (sum of index differences, for
/// ordered options such as depths). Ties go to the lower row, so answers are deterministic.
public enum OffTablePolicy: Sendable, Hashable, CustomStringConvertible {
    case nearest(Distance)
    case knn(k: Int, distance: Distance)
    /// A regression model of each metric over the space's predictor features.
    case surrogate(model: String)
    case reject

    public enum Distance: String, Sendable, Hashable {
        case hamming
        case l1
    }

    public static let defaultK = 5

    /// Parses a spec string; an unknown policy or model is an error that lists the valid forms.
    ///
    /// - Parameter surrogateModels: the model names `surrogate:<model>` may take (the caller
    ///   must be able to fit them); empty allows only `knn`.
    public init(parsing text: String, surrogateModels: [String] = []) throws(BenchmarkError) {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        func distance(_ s: String) -> Distance? { Distance(rawValue: s) }
        switch parts.first {
        case "reject" where parts.count == 1:
            self = .reject; return
        case "nearest" where parts.count == 1:
            self = .nearest(.hamming); return
        case "nearest" where parts.count == 2:
            if let d = distance(parts[1]) { self = .nearest(d); return }
        case "surrogate" where parts.count >= 2 && parts[1] == "knn":
            var k = Self.defaultK
            var d = Distance.hamming
            var ok = parts.count <= 4
            for extra in parts.dropFirst(2) {
                if let v = Int(extra), v > 0 { k = v } else if let e = distance(extra) { d = e } else { ok = false }
            }
            if ok { self = .knn(k: k, distance: d); return }
        case "surrogate" where parts.count == 2 && !surrogateModels.isEmpty:
            if surrogateModels.contains(parts[1]) { self = .surrogate(model: parts[1]); return }
            throw BenchmarkError(subject: "off_table", message: "'\(text)': unknown surrogate model '\(parts[1])'; use \"surrogate:knn\" or one of \(surrogateModels.map { "\"surrogate:\($0)\"" }.joined(separator: ", "))")
        default:
            break
        }
        let models = surrogateModels.isEmpty ? "" : ", \"surrogate:<model>\" (\(surrogateModels.joined(separator: ", ")))"
        throw BenchmarkError(subject: "off_table", message: "'\(text)' is not an off-table policy; use \"nearest\", \"nearest:l1\", \"surrogate:knn\", \"surrogate:knn:K\" (K > 0, default \(Self.defaultK)), \"surrogate:knn:K:l1\"\(models) or \"reject\"")
    }

    public var description: String {
        switch self {
        case .reject: "reject"
        case .nearest(.hamming): "nearest"
        case .nearest(let d): "nearest:\(d.rawValue)"
        case .knn(let k, .hamming): "surrogate:knn:\(k)"
        case .knn(let k, let d): "surrogate:knn:\(k):\(d.rawValue)"
        case .surrogate(let model): "surrogate:\(model)"
        }
    }
}

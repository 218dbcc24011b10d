import Optimizers

/// `type = "nas-ea-fa"`: Pan & Yao's surrogate-assisted evolution (ALGORITHMS.md §1–2.6).
enum NASEAFAType: AlgorithmType {
    static let name = "nas-ea-fa"
    static let aliases = ["naseafa"]
    static let summary = "surrogate-assisted evolution: top-K by prediction plus H most diverse, isomorphic augmentation"
    static let reference = "Pan & Yao's NAS-EA-FA (`fzjcdt/NAS-EA-FA`, docs/ALGORITHMS.md): top-K by prediction plus H most diverse, isomorphic augmentation, XGBoost surrogate, its own evaluation cache keyed by graph hash"
    static let keys = [
        AlgorithmKey("version", .string(options: NASEAFA.Version.allCases.map(\.rawValue)), default: .value(.string("v2")), "v2 (data augmentation and diversity) or v1"),
        AlgorithmKey("variant", .string(options: NASEAFA.Variant.allCases.map(\.rawValue)), default: .value(.string("pan")),
                     "pan: the published code; dervisi-2022: the thesis re-implementation"),
        AlgorithmKey("population", .int(1...1_000_000), default: .derived("per space: NATS 10, NB101 100"), "initial random population"),
        AlgorithmKey("k", .int(1...1_000_000), default: .derived("per space: NATS 3, NB101 30"), "children evaluated per iteration by best prediction"),
        AlgorithmKey("h", .int(0...1_000_000), default: .derived("per space: NATS 2, NB101 20"), "children evaluated per iteration by diversity"),
        AlgorithmKey("generations", .int(1...10_000), default: .value(.int(10)), "surrogate GA generations per iteration"),
        AlgorithmKey("tournament", .double(0...1), default: .value(.double(0.2)), "the surrogate GA's tournament fraction"),
        AlgorithmKey("outer_iterations", .int(1...1_000_000), default: .derived("none: until the budget is spent"), "outer iterations; with it the search stops after outer_iterations × (K + H) evaluations (the thesis uses 10)"),
        AlgorithmKey("quirks", .strings(options: NASEAFA.Quirk.allCases.map(\.rawValue)), default: .value(.array([])),
                     "reference behaviours to switch on: nb101-start-fallback, no-evaluation-cache"),
        AlgorithmKey("mutation_source", .string(options: NASEAFA.MutationSource.allCases.map(\.rawValue)), default: .value(.string("bitwise")),
                     "bitwise: the reference's bit flips; space: the space's mutation operator"),
        AlgorithmKey("xgboost_major", .int(1...3), default: .derived("dervisi-2022: 1, pan: 3"), "the xgboost major version whose defaults the surrogate takes"),
        AlgorithmKey("label_scale", .string(options: NASEAFA.LabelScale.allCases.map(\.rawValue)), default: .derived("pan: fraction, dervisi-2022: table"),
                     "fraction: the surrogate learns accuracies as fractions (a percent objective ÷ 100), as Pan's code; table: the table's units"),
        AlgorithmKey("answers", .string(options: NASEAFA.Answers.allCases.map(\.rawValue)), default: .derived("pan: class-pool, dervisi-2022: cell"),
                     "class-pool: a NATS query answers a random cell of its Pan-hash class and the class-mean reported metrics, as Pan's preprocessed files do; cell: each cell's own row"),
        AlgorithmKey("surrogate", .string(options: NASEAFA.SurrogateModel.allCases.map(\.rawValue)), default: .value(.string("xgboost")),
                     "xgboost; gcn (Dervisi's GCN on cell graphs) with variant dervisi-2022 only"),
    ]
    /// 1: `answers = "class-pool"` became the `pan` default (Pan's pooled NATS records).
    static let resultsRevision = 1
    static let support = AlgorithmSupport(spaces: .only(["nats-topology", "nb101"], because: "it needs a sequence encoding of cell graphs"),
                                          searchesFirstObjectiveOnly: true)

    static func makeOptimizer(_ keys: inout AlgorithmKeyValues) throws(SpecError) -> any Optimizer {
        let version = try keys.string("version") ?? "v2"
        let variant = try keys.string("variant") ?? "pan"
        let quirks = Set((try keys.strings("quirks") ?? []).compactMap(NASEAFA.Quirk.init(rawValue:)))
        let source = try keys.string("mutation_source") ?? "bitwise"
        let surrogate = try keys.string("surrogate") ?? "xgboost"
        if surrogate == NASEAFA.SurrogateModel.gcn.rawValue && variant != NASEAFA.Variant.dervisi2022.rawValue {
            throw keys.error(at: "surrogate", "surrogate = \"gcn\" is an option of variant = \"dervisi-2022\" (docs/ALGORITHMS.md, NAS-EA-FA); variant \"\(variant)\" uses xgboost")
        }
        return NASEAFA(
            version: NASEAFA.Version(rawValue: version) ?? .v2, variant: NASEAFA.Variant(rawValue: variant) ?? .pan,
            population: try keys.int("population"), k: try keys.int("k"), h: try keys.int("h"),
            generations: try keys.int("generations") ?? 10, tournamentFraction: try keys.double("tournament") ?? 0.2,
            outerIterations: try keys.int("outer_iterations"), quirks: quirks,
            mutationSource: NASEAFA.MutationSource(rawValue: source) ?? .bitwise,
            xgboostMajorVersion: try keys.int("xgboost_major"),
            surrogateModel: NASEAFA.SurrogateModel(rawValue: surrogate) ?? .xgboost,
            labelScale: try keys.string("label_scale").flatMap(NASEAFA.LabelScale.init(rawValue:)),
            answers: try keys.string("answers").flatMap(NASEAFA.Answers.init(rawValue:)))
    }
}

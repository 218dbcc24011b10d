import Optimizers

/// `type = "random-search"`: uniform samples from the space until the budget is spent.
enum RandomSearchType: AlgorithmType {
    static let name = "random-search"
    static let support = AlgorithmSupport(searchesFirstObjectiveOnly: true)
    static let aliases = ["random", "rs"]
    static let summary = "uniform random sampling of the space"
    static let reference = "NATS-Bench / NAS-EA-FA RS"
    static let keys = [
        AlgorithmKey("skip_duplicates", .bool, default: .value(.bool(false)),
                     "draw again instead of re-evaluating an architecture this trial has seen"),
    ]

    static func makeOptimizer(_ keys: inout AlgorithmKeyValues) throws(SpecError) -> any Optimizer {
        RandomSearch(skipDuplicates: try keys.bool("skip_duplicates") ?? false)
    }
}

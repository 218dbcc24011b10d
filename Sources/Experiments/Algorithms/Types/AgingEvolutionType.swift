import Optimizers

/// `type = "aging-evolution"`: regularized evolution (Real et al. 2019) with NATS-Bench's or
/// nasbench's settings.
enum AgingEvolutionType: AlgorithmType {
    static let name = "aging-evolution"
    static let support = AlgorithmSupport(searchesFirstObjectiveOnly: true)
    static let aliases = ["aging", "re", "rea", "regularized-evolution"]
    static let summary = "regularized (aging) evolution: tournament from a sample, the oldest dies"
    static let reference = "Real et al. 2019; NATS-Bench REA; nasbench notebook"
    static let keys = [
        AlgorithmKey("preset", .string(options: AgingEvolution.Preset.allCases.map(\.rawValue)), default: .value(.string("nats-bench")),
                     "nats-bench: P 10, S 3, with replacement; nasbench: P 50, S 10, without"),
        AlgorithmKey("population", .int(1...1_000_000), default: .derived("the preset's (nats-bench 10, nasbench 50)"), "population size P"),
        AlgorithmKey("sample", .int(1...1_000_000), default: .derived("the preset's (nats-bench 3, nasbench 10)"), "tournament sample size S"),
        AlgorithmKey("replacement", .bool, default: .derived("the preset's (nats-bench true, nasbench false)"), "sample the tournament with replacement"),
    ]
    static let mutatesThroughSpace = true

    static func makeOptimizer(_ keys: inout AlgorithmKeyValues) throws(SpecError) -> any Optimizer {
        let preset = try keys.string("preset").flatMap(AgingEvolution.Preset.init(rawValue:)) ?? .natsBench
        var ae = AgingEvolution(preset: preset)
        if let p = try keys.int("population") { ae.population = p }
        if let s = try keys.int("sample") { ae.sampleSize = s }
        if let r = try keys.bool("replacement") { ae.withReplacement = r }
        if !ae.withReplacement && ae.sampleSize > ae.population {
            throw keys.error(at: "sample", "sample \(ae.sampleSize) exceeds population \(ae.population) without replacement")
        }
        return ae
    }
}

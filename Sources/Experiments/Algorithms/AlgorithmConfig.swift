import NASCore
import Optimizers

/// One algorithm configuration of a spec, validated and ready to run.
///
/// ```swift
/// let config = try AlgorithmConfig(spec.algorithms[0], objectives: spec.benchmark.objectives)
/// config.optimizer.run(space: space, trial: trial, rng: &rng)
/// ```
public struct AlgorithmConfig: Sendable {
    public enum Kind: String, Sendable, CaseIterable {
        case randomSearch = "random-search"
        case geneticAlgorithm = "genetic-algorithm"
        case agingEvolution = "aging-evolution"

        /// Short names accepted in specs.
        static let aliases: [String: Kind] = [
            "random": .randomSearch, "rs": .randomSearch,
            "ga": .geneticAlgorithm,
            "aging": .agingEvolution, "re": .agingEvolution, "rea": .agingEvolution, "regularized-evolution": .agingEvolution,
        ]

        init(named name: String) throws(SpecError) {
            if let k = Kind(rawValue: name) ?? Kind.aliases[name] { self = k; return }
            throw SpecError(file: "", line: nil, message: "unknown algorithm type '\(name)'")
        }

        /// Whether it optimises one objective (the first) or all of them.
        var isSingleObjective: Bool { true }
    }

    public var label: String
    public var kind: Kind
    public var optimizer: any Optimizer
    /// The space's mutation variant, nil for the space's default for this algorithm.
    public var mutation: String?
    public var cache: CachePolicy
    public var spec: AlgorithmSpec

    public init(_ spec: AlgorithmSpec, objectives: [Objective]) throws(SpecError) {
        let file = spec.file
        let kind: Kind
        do { kind = try Kind(named: spec.type) } catch {
            let known = Kind.allCases.map(\.rawValue).joined(separator: ", ")
            throw SpecError(file: file, line: spec.typeLine, message: "algorithm '\(spec.label)': unknown type '\(spec.type)' (known: \(known); short names: ga, aging, random)")
        }
        var fields = SpecFields(SpecTable(path: "algorithm '\(spec.label)'", line: spec.line, entries: spec.parameters),
                                file: file, section: "algorithm '\(spec.label)'")
        mutation = try fields.string("mutation")
        let cacheName = try fields.string("cache", options: CachePolicy.allCases.map(\.rawValue))
        cache = cacheName.flatMap(CachePolicy.init(rawValue:)) ?? .charge
        switch kind {
        case .randomSearch:
            optimizer = RandomSearch(skipDuplicates: try fields.bool("skip_duplicates") ?? false)
        case .geneticAlgorithm:
            optimizer = GeneticAlgorithm(
                population: try fields.int("population", range: 2...1_000_000) ?? 100,
                tournamentFraction: try fields.double("tournament", range: 0...1) ?? 0.2,
                crossoverProbability: try fields.double("crossover", range: 0...1) ?? 0,
                elitism: try fields.int("elitism", range: 0...1_000_000) ?? 0)
        case .agingEvolution:
            let preset = try fields.string("preset", options: AgingEvolution.Preset.allCases.map(\.rawValue))
            var ae = AgingEvolution(preset: preset.flatMap(AgingEvolution.Preset.init(rawValue:)) ?? .natsBench)
            if let p = try fields.int("population", range: 1...1_000_000) { ae.population = p }
            if let s = try fields.int("sample", range: 1...1_000_000) { ae.sampleSize = s }
            if let r = try fields.bool("replacement") { ae.withReplacement = r }
            if !ae.withReplacement && ae.sampleSize > ae.population {
                throw SpecError(file: file, line: fields.line(of: "sample"), message: "algorithm '\(spec.label)': sample \(ae.sampleSize) exceeds population \(ae.population) without replacement")
            }
            optimizer = ae
        }
        try fields.finish()
        self.kind = kind
        self.label = spec.label
        self.spec = spec
    }
}

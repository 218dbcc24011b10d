import NASCore
import Optimizers
import Predictors

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
        case nsga2 = "nsga2"
        case linas = "linas"
        case nasEAFA = "nas-ea-fa"

        /// Short names accepted in specs.
        static let aliases: [String: Kind] = [
            "random": .randomSearch, "rs": .randomSearch,
            "ga": .geneticAlgorithm,
            "aging": .agingEvolution, "re": .agingEvolution, "rea": .agingEvolution, "regularized-evolution": .agingEvolution,
            "nsga-ii": .nsga2, "naseafa": .nasEAFA,
        ]

        init(named name: String) throws(SpecError) {
            if let k = Kind(rawValue: name) ?? Kind.aliases[name] { self = k; return }
            throw SpecError(file: "", line: nil, message: "unknown algorithm type '\(name)'")
        }
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
        case .nsga2:
            let variant = try fields.string("variant", options: NSGA2.Variant.allCases.map(\.rawValue))
            let semantics = try fields.string("mutation_semantics", options: PolynomialMutation.Semantics.allCases.map(\.rawValue))
            optimizer = NSGA2(population: try fields.int("population", range: 2...1_000_000) ?? 50,
                              offspring: try fields.int("offspring", range: 1...1_000_000),
                              variant: variant.flatMap(NSGA2.Variant.init(rawValue:)) ?? .pymoo062,
                              mutationSemantics: semantics.flatMap(PolynomialMutation.Semantics.init(rawValue:)),
                              sbxExchangeProbability: try fields.double("sbx_exchange", range: 0...1))
        case .linas:
            _ = try fields.string("variant", options: ["dynast-1.6"])
            let population = try fields.int("population", range: 2...1_000_000) ?? 50
            let predictorName = try fields.string("predictor", options: LINAS.predictorNames) ?? "dynast"
            var linas = LINAS(population: population, predictor: LINAS.predictor(named: predictorName) ?? PredictorModel(.dynast))
            if let innerTable = try fields.table("inner") {
                var inner = SpecFields(innerTable, file: file, section: "algorithm '\(spec.label)'.inner")
                if let type = try inner.string("type", options: LINAS.InnerAlgorithm.allCases.map(\.rawValue)) {
                    linas.inner = LINAS.InnerAlgorithm(rawValue: type)
                }
                if let p = try inner.int("population", range: 2...1_000_000), p != population {
                    throw SpecError(file: file, line: inner.line(of: "population"), message: "algorithm '\(spec.label)': inner.population must equal population (\(population)); DyNAS-T uses one population size")
                }
                linas.innerGenerations = try inner.int("generations", range: 1...1_000_000) ?? 400
                try inner.finish()
            }
            linas.sameInnerSeedEveryLoop = try fields.bool("same_inner_seed") ?? true
            linas.skipEvaluated = try fields.bool("skip_evaluated") ?? false
            linas.frontOnly = try fields.bool("front_only") ?? false
            linas.warmStart = try fields.bool("warm_start") ?? false
            if let semantics = try fields.string("mutation_semantics", options: PolynomialMutation.Semantics.allCases.map(\.rawValue)) {
                linas.mutationSemantics = PolynomialMutation.Semantics(rawValue: semantics) ?? .pymoo06
            }
            optimizer = linas
        case .nasEAFA:
            let version = try fields.string("version", options: NASEAFA.Version.allCases.map(\.rawValue)) ?? "v2"
            let variant = try fields.string("variant", options: NASEAFA.Variant.allCases.map(\.rawValue)) ?? "pan"
            var quirks = Set<NASEAFA.Quirk>()
            for q in try fields.strings("quirks") ?? [] {
                guard let quirk = NASEAFA.Quirk(rawValue: q) else {
                    throw SpecError(file: file, line: fields.line(of: "quirks"), message: "algorithm '\(spec.label)': unknown quirk '\(q)' (known: \(NASEAFA.Quirk.allCases.map(\.rawValue).joined(separator: ", ")))")
                }
                quirks.insert(quirk)
            }
            let source = try fields.string("mutation_source", options: NASEAFA.MutationSource.allCases.map(\.rawValue)) ?? "bitwise"
            let surrogate = try fields.string("surrogate", options: NASEAFA.SurrogateModel.allCases.map(\.rawValue)) ?? "xgboost"
            if surrogate == NASEAFA.SurrogateModel.gcn.rawValue && variant != NASEAFA.Variant.dervisi2022.rawValue {
                throw SpecError(file: file, line: fields.line(of: "surrogate"), message: "algorithm '\(spec.label)': surrogate = \"gcn\" is an option of variant = \"dervisi-2022\" (ALGORITHMS.md §2.6); variant \"\(variant)\" uses xgboost")
            }
            optimizer = NASEAFA(
                version: NASEAFA.Version(rawValue: version) ?? .v2, variant: NASEAFA.Variant(rawValue: variant) ?? .pan,
                population: try fields.int("population", range: 1...1_000_000), k: try fields.int("k", range: 1...1_000_000),
                h: try fields.int("h", range: 0...1_000_000), generations: try fields.int("generations", range: 1...10_000) ?? 10,
                tournamentFraction: try fields.double("tournament", range: 0...1) ?? 0.2,
                outerIterations: try fields.int("outer_iterations", range: 1...1_000_000), quirks: quirks,
                mutationSource: NASEAFA.MutationSource(rawValue: source) ?? .bitwise,
                xgboostMajorVersion: try fields.int("xgboost_major", range: 1...3),
                surrogateModel: NASEAFA.SurrogateModel(rawValue: surrogate) ?? .xgboost)
        }
        try fields.finish()
        self.kind = kind
        self.label = spec.label
        self.spec = spec
    }
}

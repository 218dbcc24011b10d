import Optimizers
import Predictors

/// `type = "linas"`: DyNAS-T 1.6.0's LINAS search (ALGORITHMS.md L.1–L.3).
enum LINASType: AlgorithmType {
    static let name = "linas"
    static let summary = "predictor-assisted search: fit a predictor per objective, run an inner MOEA on the predictions, evaluate its population"
    static let reference = "DyNAS-T 1.6.0 `LINAS.search`: 50 random, `round(evals/pop)` loops of predictor fit + inner search (under a seconds budget: loops until it is spent), next population = the inner search's final population"
    static let keys = [
        AlgorithmKey("variant", .string(options: ["dynast-1.6"]), default: .value(.string("dynast-1.6")), "the reference version"),
        AlgorithmKey("population", .int(2...1_000_000), default: .value(.int(50)), "evaluations per loop and the inner population"),
        AlgorithmKey("predictor", .string(options: LINAS.predictorNames), default: .value(.string("dynast")),
                     "the predictor fitted per objective (dynast: ridge α-grid vs RBF-SVR C-grid, 5-fold CV on MAPE)"),
        AlgorithmKey("inner", .table([
            AlgorithmKey("type", .string(options: LINAS.InnerAlgorithm.allCases.map(\.rawValue) + LINASInnerSearch.catalogueNames),
                         default: .derived("ga for one objective, nsga2 for two, unsga3 for three or more (DyNAS-T)"),
                         "the inner algorithm, with DyNAS-T's settings (its type's defaults)"),
            AlgorithmKey("population", .int(2...1_000_000), default: .derived("= population"), "must equal population: DyNAS-T uses one population size"),
            AlgorithmKey("generations", .int(1...1_000_000),
                         default: .derived("400 for nsga2 and ga; otherwise 20,000 predicted evaluations / individuals per generation (DyNAS-T): 400 at population 50, 1,000 for moead and ctaea (20 directions)"),
                         "inner generations per loop"),
        ]), default: .derived("{ type by objective count, generations by type }"), "the inner search on the predictions"),
        AlgorithmKey("same_inner_seed", .bool, default: .value(.bool(true)), "every loop's inner search starts from the same seed (DyNAS-T)"),
        AlgorithmKey("skip_evaluated", .bool, default: .value(.bool(false)), "do not re-evaluate architectures evaluated in earlier loops"),
        AlgorithmKey("front_only", .bool, default: .value(.bool(false)), "evaluate only the inner search's first front"),
        AlgorithmKey("warm_start", .bool, default: .value(.bool(false)), "start the inner search from the evaluated population"),
        AlgorithmKey("mutation_semantics", .string(options: PolynomialMutation.Semantics.allCases.map(\.rawValue)),
                     default: .value(.string(PolynomialMutation.Semantics.pymoo06.rawValue)), "the inner search's polynomial-mutation semantics"),
    ]

    static func makeOptimizer(_ keys: inout AlgorithmKeyValues) throws(SpecError) -> any Optimizer {
        _ = try keys.string("variant")
        let population = try keys.int("population") ?? 50
        let predictorName = try keys.string("predictor") ?? "dynast"
        var linas = LINAS(population: population, predictor: LINAS.predictor(named: predictorName) ?? PredictorModel(.dynast))
        var inner = try keys.table("inner")
        let innerType = try inner.string("type")
        if let p = try inner.int("population"), p != population {
            throw inner.error(at: "population", "inner.population must equal population (\(population)); DyNAS-T uses one population size")
        }
        let generations = try inner.int("generations")
        try inner.finish()
        linas.inner = innerType.flatMap(LINAS.InnerAlgorithm.init(rawValue:))
        linas.innerGenerations = generations ?? 400
        if let innerType, linas.inner == nil {
            // The key's options admit only the catalogue's names here.
            linas.innerSearch = LINASInnerSearch.named(innerType, population: population, generations: generations)
        }
        linas.sameInnerSeedEveryLoop = try keys.bool("same_inner_seed") ?? true
        linas.skipEvaluated = try keys.bool("skip_evaluated") ?? false
        linas.frontOnly = try keys.bool("front_only") ?? false
        linas.warmStart = try keys.bool("warm_start") ?? false
        linas.mutationSemantics = try keys.string("mutation_semantics").flatMap(PolynomialMutation.Semantics.init(rawValue:)) ?? .pymoo06
        return linas
    }
}

import Optimizers

/// `type = "genetic-algorithm"`: the NAS-EA-FA thesis GA (ALGORITHMS.md §2.4).
enum GeneticAlgorithmType: AlgorithmType {
    static let name = "genetic-algorithm"
    static let support = AlgorithmSupport(searchesFirstObjectiveOnly: true)
    static let aliases = ["ga"]
    static let summary = "generational GA with tournament selection and the space's mutation"
    static let reference = "the NAS-EA-FA thesis GA (docs/ALGORITHMS.md): unevaluated random start, 20 % tournament with replacement and strict `>`, generational, no elitism"
    static let keys = [
        AlgorithmKey("population", .int(2...1_000_000), default: .value(.int(100)), "individuals per generation"),
        AlgorithmKey("tournament", .double(0...1), default: .value(.double(0.2)), "tournament size as a fraction of the population"),
        AlgorithmKey("crossover", .double(0...1), default: .value(.double(0)), "uniform crossover probability (0: off)"),
        AlgorithmKey("elitism", .int(0...1_000_000), default: .value(.int(0)), "best individuals copied into the next generation (0: off)"),
    ]
    static let mutatesThroughSpace = true

    /// The thesis GA mutates NATS cells bitwise (NAS-EA-FA, §1.4).
    static func defaultMutation(onSpace space: String) -> String? {
        space == "nats-topology" ? "nas-ea-fa" : nil
    }

    static func makeOptimizer(_ keys: inout AlgorithmKeyValues) throws(SpecError) -> any Optimizer {
        GeneticAlgorithm(population: try keys.int("population") ?? 100,
                         tournamentFraction: try keys.double("tournament") ?? 0.2,
                         crossoverProbability: try keys.double("crossover") ?? 0,
                         elitism: try keys.int("elitism") ?? 0)
    }
}

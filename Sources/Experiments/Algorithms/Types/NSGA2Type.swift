import Optimizers

/// `type = "nsga2"`: pymoo 0.6.2's NSGA-II with DyNAS-T 1.6.0's operators (PYMOO-NSGA2.md).
enum NSGA2Type: AlgorithmType {
    static let name = "nsga2"
    static let aliases = ["nsga-ii"]
    static let summary = "NSGA-II on the integer-gene view of the space"
    static let reference = "pymoo 0.6.2 NSGA-II with DyNAS-T 1.6.0's operators: integer sampling, SBX(0.9, η 15), PM(0.02, η 20), rounding repair, duplicate elimination, binary tournament, rank-and-crowding survival"
    static let keys = [
        AlgorithmKey("population", .int(2...1_000_000), default: .value(.int(50)), "population size"),
        AlgorithmKey("offspring", .int(1...1_000_000), default: .derived("= population"), "offspring per generation"),
        AlgorithmKey("variant", .string(options: NSGA2.Variant.allCases.map(\.rawValue)), default: .value(.string(NSGA2.Variant.pymoo062.rawValue)),
                     "pymoo-0.6.2; pymoo-0.6.0: rounded-float sampling and SBX exchange 0.5; pymoo-0.5: per-gene PM"),
        AlgorithmKey("mutation_semantics", .string(options: PolynomialMutation.Semantics.allCases.map(\.rawValue)), default: .derived("the variant's"),
                     "pymoo-0.6: PM prob per individual with per-gene min(0.5, 1/n); pymoo-0.5: per gene"),
        AlgorithmKey("sbx_exchange", .double(0...1), default: .derived("the variant's"), "SBX's probability of exchanging a variable between the children"),
    ]

    static func makeOptimizer(_ keys: inout AlgorithmKeyValues) throws(SpecError) -> any Optimizer {
        NSGA2(population: try keys.int("population") ?? 50,
              offspring: try keys.int("offspring"),
              variant: try keys.string("variant").flatMap(NSGA2.Variant.init(rawValue:)) ?? .pymoo062,
              mutationSemantics: try keys.string("mutation_semantics").flatMap(PolynomialMutation.Semantics.init(rawValue:)),
              sbxExchangeProbability: try keys.double("sbx_exchange"))
    }
}

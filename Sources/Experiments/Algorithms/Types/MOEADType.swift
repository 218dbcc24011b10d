import Optimizers

/// `type = "moead"`: pymoo 0.6.2's loop-wise MOEA/D with DyNAS-T 1.6.0's settings.
enum MOEADType: AlgorithmType {
    static let name = "moead"
    static let aliases = ["moea-d"]
    static let summary = "MOEA/D (decomposition, 20 sub-problems) on the integer-gene view of the space"
    static let reference = "pymoo 0.6.2 MOEA/D with DyNAS-T 1.6.0's settings: 20 energy directions, 20 neighbours, neighbour mating 0.9, PBI(θ 5) for ≥ 3 objectives (Tchebicheff for 2), integer sampling, SBX(1.0, η 20), PM(η 20), rounding repair, no duplicate elimination; differs from DyNAS-T, whose PM(prob=None) crashes: PM prob 0.9 (pymoo PM's default)"
    static let keys = [
        AlgorithmKey("budget", .string(options: GenerationBudget.allCases.map(\.rawValue)), default: .value(.string(GenerationBudget.generations.rawValue)),
                     "generations: DyNAS-T's int(evaluations/20) whole generations; exact: the whole budget, the last generation cut short"),
        AlgorithmKey("neighbors", .int(2...20), default: .value(.int(20)), "neighbourhood size T"),
        AlgorithmKey("neighbor_mating", .double(0...1), default: .value(.double(0.9)), "probability of mating inside the neighbourhood"),
        AlgorithmKey("decomposition", .string(options: MOEAD.DecompositionChoice.allCases.map(\.rawValue)), default: .value(.string("default")),
                     "default: Tchebicheff for 2 objectives, PBI otherwise (pymoo)"),
        AlgorithmKey("mutation_prob", .double(0...1), default: .value(.double(0.9)), "PM's per-individual probability (DyNAS-T's None crashes; pymoo PM's default 0.9)"),
    ]
    static let support = AlgorithmSupport(objectives: 2...3)

    static func makeOptimizer(_ keys: inout AlgorithmKeyValues) throws(SpecError) -> any Optimizer {
        MOEAD(neighbors: try keys.int("neighbors") ?? 20,
              neighborMatingProbability: try keys.double("neighbor_mating") ?? 0.9,
              decomposition: try keys.string("decomposition").flatMap(MOEAD.DecompositionChoice.init(rawValue:)) ?? .pymooDefault,
              mutationProbability: try keys.double("mutation_prob") ?? 0.9,
              budget: try keys.string("budget").flatMap(GenerationBudget.init(rawValue:)) ?? .generations)
    }
}

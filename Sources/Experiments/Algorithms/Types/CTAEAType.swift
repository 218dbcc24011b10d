import Optimizers

/// `type = "ctaea"`: pymoo 0.6.2's C-TAEA with DyNAS-T 1.6.0's settings (float genes).
enum CTAEAType: AlgorithmType {
    static let name = "ctaea"
    static let aliases = ["c-taea"]
    static let summary = "C-TAEA (convergence and diversity archives of 20) on float genes rounded at evaluation"
    static let reference = "pymoo 0.6.2 C-TAEA with DyNAS-T 1.6.0's settings: 20 energy directions, integer sampling, restricted mating, SBX(1.0, η 30, one child), PM(0.9, η 20) without rounding repair (genes stay floats; evaluation rounds half to even), float duplicate elimination, CA/DA survival; differs only where pymoo's diversity-archive update loops for ever (a duplicate in the initial sample): every niche is visited"
    static let keys = [
        AlgorithmKey("budget", .string(options: GenerationBudget.allCases.map(\.rawValue)), default: .value(.string(GenerationBudget.generations.rawValue)),
                     "generations: DyNAS-T's int(evaluations/20) whole generations; exact: the whole budget, the last generation cut short"),
    ]
    static let support = AlgorithmSupport(objectives: 2...3)

    static func makeOptimizer(_ keys: inout AlgorithmKeyValues) throws(SpecError) -> any Optimizer {
        CTAEA(budget: try keys.string("budget").flatMap(GenerationBudget.init(rawValue:)) ?? .generations)
    }
}

import Optimizers

/// `type = "age-moea"`: pymoo 0.6.2's AGE-MOEA with DyNAS-T 1.6.0's operators (DyNAS-T's
/// `age`, ALGORITHMS.md L.3 and D.1).
enum AGEMOEAType: AlgorithmType {
    static let name = "age-moea"
    static let aliases = ["agemoea", "age"]
    static let summary = "AGE-MOEA on the integer-gene view of the space"
    static let reference = "Panichella 2019 as pymoo 0.6.2 AGEMOEA with DyNAS-T 1.6.0's operators: integer sampling, SBX(0.9, η 15), PM(0.02, η 20), rounding repair, duplicate elimination, binary tournament on rank then crowding, AGE-MOEA survival (p-norm crowding from the estimated front geometry)"
    static let keys = [
        AlgorithmKey("population", .int(2...1_000_000), default: .value(.int(50)), "population size"),
        AlgorithmKey("offspring", .int(1...1_000_000), default: .derived("= population"), "offspring per generation"),
    ]
    static let support = AlgorithmSupport(objectives: 2...Int.max)

    static func makeOptimizer(_ keys: inout AlgorithmKeyValues) throws(SpecError) -> any Optimizer {
        AGEMOEA(population: try keys.int("population") ?? 50, offspring: try keys.int("offspring"))
    }
}

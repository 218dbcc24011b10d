import Optimizers

/// `type = "nsga3"`: pymoo 0.6.2's NSGA-III (random parent selection) with DyNAS-T
/// 1.6.0's U-NSGA-III operators; DyNAS-T itself offers only U-NSGA-III.
enum NSGA3Type: AlgorithmType {
    static let name = "nsga3"
    static let aliases = ["nsga-iii"]
    static let summary = "NSGA-III on the integer-gene view of the space"
    static let reference = "Deb & Jain 2014 as pymoo 0.6.2 NSGA3: integer sampling, SBX(1.0, η 30), PM(0.02, η 20), rounding repair, duplicate elimination, random parents (comp_by_cv_then_random), reference-direction survival with pymoo's running normalisation"
    static let keys = [
        AlgorithmKey("population", .int(2...1_000_000), default: .derived("= number of reference directions"), "population size (pymoo pop_size)"),
        AlgorithmKey("offspring", .int(1...1_000_000), default: .derived("= population"), "offspring per generation"),
    ] + ReferenceDirectionKeys.keys
    static let support = AlgorithmSupport(objectives: 2...Int.max)

    static func makeOptimizer(_ keys: inout AlgorithmKeyValues) throws(SpecError) -> any Optimizer {
        NSGA3(population: try keys.int("population"), offspring: try keys.int("offspring"),
              referenceDirections: try ReferenceDirectionKeys.read(&keys), parentSelection: .random)
    }
}

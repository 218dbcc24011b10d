import Optimizers

/// `type = "unsga3"`: pymoo 0.6.2's U-NSGA-III as DyNAS-T 1.6.0 configures it (its default
/// for three objectives, ALGORITHMS.md L.3 and D.1): `population = 50` alone is the paper's
/// configuration, with 20 energy directions.
enum UNSGA3Type: AlgorithmType {
    static let name = "unsga3"
    static let aliases = ["u-nsga-iii"]
    static let summary = "U-NSGA-III on the integer-gene view of the space"
    static let reference = "Seada & Deb 2016 as pymoo 0.6.2 UNSGA3 with DyNAS-T 1.6.0's settings: energy(n_obj, 20) directions, integer sampling, SBX(1.0, η 30), PM(0.02, η 20), rounding repair, duplicate elimination, niche tournament (rank, then distance to the niche), reference-direction survival"
    static let keys = [
        AlgorithmKey("population", .int(2...1_000_000), default: .value(.int(50)), "population size (pymoo pop_size)"),
        AlgorithmKey("offspring", .int(1...1_000_000), default: .derived("= population"), "offspring per generation"),
    ] + ReferenceDirectionKeys.keys
    static let support = AlgorithmSupport(objectives: 2...Int.max)

    static func makeOptimizer(_ keys: inout AlgorithmKeyValues) throws(SpecError) -> any Optimizer {
        NSGA3.unified(population: try keys.int("population") ?? 50, offspring: try keys.int("offspring"),
                      referenceDirections: try ReferenceDirectionKeys.read(&keys))
    }
}

import Benchmarks
import Foundation
import Testing
@testable import Experiments

/// `moead` and `ctaea` run from a TOML spec through the registry on NATS-TSS with three
/// objectives, in both budget modes.
@Suite struct DecompositionAlgorithmTypesTests {
    func spec(type: String, budget: String, evaluations: Int) -> String {
        """
        name = "\(type)-\(budget)"
        trials = 2
        seed = 5

        [benchmark]
        name = "nats-tss"
        objectives = ["c10_valid_200ep:max", "lat_ms_raspi4:min", "params_M:min"]

        [budget]
        evaluations = \(evaluations)

        [[algorithm]]
        name = "\(type)"
        type = "\(type)"
        budget = "\(budget)"
        """
    }

    @Test("each decomposition type runs from a TOML spec: DyNAS-T's whole generations, or exactly the budget",
          arguments: ["moead", "ctaea"])
    func runsFromATOMLSpec(type: String) throws {
        for (budget, spent) in [("generations", 60), ("exact", 70)] {
            let path = ExperimentFixtures.temporaryFolder() + "/spec.toml"
            try spec(type: type, budget: budget, evaluations: 70).write(toFile: path, atomically: true, encoding: .utf8)
            let loaded = try ExperimentSpec.load(path)
            var options = ExperimentRunner.Options()
            options.resultsRoot = ExperimentFixtures.temporaryFolder()
            options.progress = false
            let runner = try ExperimentRunner(spec: loaded, catalog: ExperimentFixtures.catalog, options: options)
            let outcome = try runner.run()
            #expect(outcome.ran == 2)
            let data = try runner.store.readRuns().comparison()
            let algorithm = try #require(data.algorithms.first { $0.label == type })
            #expect(algorithm.parameters.hasPrefix(type), "\(algorithm.parameters)")
            let curve = try #require(algorithm.curves.values.first)
            #expect(curve.allSatisfy { $0.count == spent }, "\(type) \(budget): \(curve.map(\.count))")
        }
    }
}

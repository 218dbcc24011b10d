import Analysis
import Benchmarks
import Foundation
import Optimizers
import Testing
@testable import Experiments

/// The population MOEAs beyond NSGA-II (`age-moea`, `nsga3`, `unsga3`) run from a TOML spec
/// through the registry, each with its default configuration being DyNAS-T's.
@Suite struct MOEAZooRegistryTests {
    static func spec(objectives: [String], algorithms: String) -> String {
        """
        name = "zoo"
        trials = 2
        seed = 5

        [benchmark]
        name = "nats-tss"
        objectives = [\(objectives.map { "\"\($0)\"" }.joined(separator: ", "))]

        [budget]
        evaluations = 120

        \(algorithms)
        """
    }

    static func run(_ text: String) throws -> ComparisonData {
        let path = ExperimentFixtures.temporaryFolder() + "/spec.toml"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        let spec = try ExperimentSpec.load(path)
        var options = ExperimentRunner.Options()
        options.resultsRoot = ExperimentFixtures.temporaryFolder()
        options.progress = false
        let runner = try ExperimentRunner(spec: spec, catalog: ExperimentFixtures.catalog, options: options)
        let outcome = try runner.run()
        #expect(outcome.ran == 2 * spec.algorithms.count)
        return try runner.store.readRuns().comparison()
    }

    @Test("age-moea runs on two objectives and nsga3 / unsga3 on three, each spending its budget")
    func eachTypeRunsFromATOMLSpec() throws {
        let two = try Self.run(Self.spec(objectives: ["c10_valid_200ep:max", "lat_ms_raspi4:min"], algorithms: """
            [[algorithm]]
            name = "age"
            type = "age-moea"
            """))
        let three = try Self.run(Self.spec(objectives: ["c10_valid_200ep:max", "lat_ms_raspi4:min", "params_M:min"], algorithms: """
            [[algorithm]]
            name = "unsga3"
            type = "unsga3"

            [[algorithm]]
            name = "nsga3"
            type = "nsga3"
            ref_dirs = "das-dennis"
            partitions = 4
            """))
        for data in [two, three] {
            for algorithm in data.algorithms {
                let curve = try #require(algorithm.curves.values.first, "\(algorithm.label)")
                #expect(curve.count == 2 && curve.allSatisfy { $0.count == 120 }, "\(algorithm.label)")
            }
        }
        #expect(two.algorithms.map(\.label) == ["age"])
        #expect(three.algorithms.map(\.label).sorted() == ["nsga3", "unsga3"])
    }

    @Test("type = \"unsga3\" with population = 50 alone is DyNAS-T's U-NSGA-III")
    func unsga3DefaultsAreDyNASTs() throws {
        let spec = AlgorithmSpec(label: "x", type: "unsga3",
                                 parameters: [SpecTable.Entry(key: "population", value: .int(50), line: 1)],
                                 line: 1, typeLine: 1, file: "t.toml")
        let config = try AlgorithmConfig(spec, registry: .builtIn)
        let optimizer = try #require(config.optimizer as? NSGA3)
        let dynast = NSGA3.unified(population: 50)
        #expect(optimizer.population == dynast.population)
        #expect(optimizer.parentSelection == .nicheTournament)
        #expect(optimizer.referenceDirections == .energy(points: 20))
        #expect(optimizer.mating.crossover == dynast.mating.crossover)
        #expect(optimizer.mating.mutation == dynast.mating.mutation)
    }

    @Test("das-dennis needs partitions, and partitions needs das-dennis")
    func referenceDirectionKeysAreChecked() throws {
        for body in [#"ref_dirs = "das-dennis""#, "partitions = 4"] {
            let text = AlgorithmRegistryTests.natsSpec(algorithm: "name = \"u\"\ntype = \"unsga3\"\n\(body)")
            let spec = try ExperimentSpec.parse(text, file: "u.toml")
            #expect(throws: SpecError.self) { _ = try ValidatedExperiment(spec: spec, catalog: ExperimentFixtures.catalog) }
        }
    }
}

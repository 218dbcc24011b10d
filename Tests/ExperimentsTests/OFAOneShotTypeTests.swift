import Benchmarks
import Foundation
import Optimizers
import Testing
@testable import Experiments

/// `ofa-oneshot` from a TOML spec: its keys, what it asks of the spec (two objectives, a
/// budget that holds its charged samples and winners), and a run in both training modes.
@Suite struct OFAOneShotTypeTests {
    /// A NATS-TSS spec whose `[[algorithm]]` body starts on line 14.
    static func spec(evaluations: Int, objectives: String = #"["c10_valid_200ep:max", "lat_ms_raspi4:min"]"#, algorithm: String) -> String {
        """
        name = "ofa-oneshot"
        trials = 2
        seed = 5

        [benchmark]
        name = "nats-tss"
        objectives = \(objectives)

        [budget]
        evaluations = \(evaluations)

        [[algorithm]]
        type = "ofa-oneshot"
        \(algorithm)
        """
    }

    func validate(_ text: String) throws -> ValidatedExperiment {
        try ValidatedExperiment(spec: try ExperimentSpec.parse(text, file: "o.toml"), catalog: ExperimentFixtures.catalog)
    }

    func expectError(_ text: String, _ message: String, sourceLocation: SourceLocation = #_sourceLocation) {
        do {
            _ = try validate(text)
            Issue.record("accepted: \(message)", sourceLocation: sourceLocation)
        } catch {
            #expect("\(error)" == message, sourceLocation: sourceLocation)
        }
    }

    @Test("the defaults are OFA's EvolutionFinder with N = 1,000 charged samples, 4 groups and DyNAS-T's predictor")
    func defaultsAreOFAs() throws {
        let experiment = try validate(Self.spec(evaluations: 1_004, algorithm: ""))
        let ofa = try #require(experiment.configs[0].optimizer as? OFAOneShot)
        #expect(ofa.trainingSamples == 1_000 && ofa.chargeTraining && ofa.groups == 4)
        #expect(ofa.predictor == LINAS.predictor(named: "dynast"))
        #expect(ofa.finder == ConstrainedEvolutionFinder(population: 100, generations: 500, parentRatio: 0.25, mutationRatio: 0.5,
                                                         mutateProbability: 0.1, maxAttempts: 1_000))
    }

    @Test("charged samples and winners must fit the evaluation budget: one line naming the key and the fix")
    func tooSmallABudgetFailsValidation() throws {
        expectError(Self.spec(evaluations: 1_003, algorithm: ""),
                    "o.toml:13: algorithm 'ofa-oneshot': training_samples (1000) charged samples and groups (4) winners need 1004 evaluations, budget.evaluations is 1003; raise budget.evaluations to 1004, lower training_samples, or set charge_training = false")
        expectError(Self.spec(evaluations: 250, algorithm: "groups = 2\ntraining_samples = 300"),
                    "o.toml:15: algorithm 'ofa-oneshot': training_samples (300) charged samples and groups (2) winners need 302 evaluations, budget.evaluations is 250; raise budget.evaluations to 302, lower training_samples, or set charge_training = false")
        // Offline samples cost nothing: any budget will do.
        _ = try validate(Self.spec(evaluations: 2, algorithm: "charge_training = false"))
    }

    @Test("it takes exactly two objectives, and at least one parent")
    func objectivesAndParents() {
        expectError(Self.spec(evaluations: 1_004, objectives: #"["c10_valid_200ep:max"]"#, algorithm: ""),
                    "o.toml:13: algorithm 'ofa-oneshot': ofa-oneshot takes 2 objectives, the spec gives 1")
        expectError(Self.spec(evaluations: 1_004, algorithm: "population = 10\nparent_ratio = 0.04"),
                    "o.toml:15: algorithm 'ofa-oneshot': round(parent_ratio × population) = round(0.04 × 10) is 0 parents; OFA needs at least one")
    }

    @Test("charged: N samples then at most one distinct winner per group; offline: only the winners")
    func runsInBothTrainingModes() throws {
        let path = ExperimentFixtures.temporaryFolder() + "/spec.toml"
        try Self.spec(evaluations: 64, algorithm: """
            name = "charged"
            training_samples = 60
            predictor = "ridge"
            population = 12
            generations = 6

            [[algorithm]]
            name = "offline"
            type = "ofa-oneshot"
            charge_training = false
            training_samples = 60
            predictor = "ridge"
            population = 12
            generations = 6
            """).write(toFile: path, atomically: true, encoding: .utf8)
        var options = ExperimentRunner.Options()
        options.resultsRoot = ExperimentFixtures.temporaryFolder()
        options.progress = false
        let runner = try ExperimentRunner(spec: try ExperimentSpec.load(path), catalog: ExperimentFixtures.catalog, options: options)
        #expect(try runner.run().ran == 4)
        let runs = try runner.store.readRuns()
        let charged = try #require(runs.configurations.first { $0.setup.label == "charged" })
        let offline = try #require(runs.configurations.first { $0.setup.label == "offline" })
        for trial in 0..<2 {
            let chargedRows = zip(charged.log.trial, charged.log.row).filter { $0.0 == trial }.map(\.1)
            let offlineRows = zip(offline.log.trial, offline.log.row).filter { $0.0 == trial }.map(\.1)
            #expect((61...64).contains(chargedRows.count), "\(chargedRows.count)")
            #expect(Set(chargedRows.dropFirst(60)).count == chargedRows.count - 60, "distinct winners")
            #expect((1...4).contains(offlineRows.count) && Set(offlineRows).count == offlineRows.count, "\(offlineRows)")
        }
    }
}

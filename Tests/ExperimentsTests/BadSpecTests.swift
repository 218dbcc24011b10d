import Foundation
import Testing
@testable import Experiments

/// Each bad spec gets one line naming the file, the line and the key.
@Suite struct BadSpecTests {
    func problem(_ text: String) -> String? {
        do {
            let spec = try ExperimentSpec.parse(text, file: "bad.toml")
            _ = try ExperimentRunner(spec: spec, catalog: ExperimentFixtures.catalog)
            return nil
        } catch {
            return "\(error)"
        }
    }

    func base(budget: String = "evaluations = 100", objectives: String = "[\"c10_valid_200ep:max\"]", algorithm: String = "type = \"aging-evolution\"") -> String {
        """
        name = "bad"
        trials = 2

        [benchmark]
        name = "nats-tss"
        objectives = \(objectives)
        report = ["c10_test_200ep"]

        [budget]
        \(budget)

        [[algorithm]]
        name = "x"
        \(algorithm)
        """
    }

    @Test func unknownAlgorithmNamesTheLineAndTheKnownTypes() {
        let message = problem(base(algorithm: "type = \"simulated-annealing\""))
        #expect(message?.hasPrefix("bad.toml:14:") == true)
        #expect(message?.contains("unknown type 'simulated-annealing'") == true)
        #expect(message?.contains("aging-evolution") == true)
    }

    @Test(arguments: ["evaluations = 0", "evaluations = -5", "simulated_seconds = -1.0"])
    func nonPositiveBudgetIsRejectedAtItsLine(budget: String) {
        let message = problem(base(budget: budget))
        #expect(message?.hasPrefix("bad.toml:10:") == true)
        #expect(message?.contains("must be positive") == true)
    }

    @Test func unknownMetricNamesTheObjectivesLine() {
        let message = problem(base(objectives: "[\"cifar_accuracy:max\"]"))
        #expect(message?.hasPrefix("bad.toml:6:") == true)
        #expect(message?.contains("unknown metric 'cifar_accuracy'") == true)
    }

    @Test func mutationVariantTheSpaceLacksIsRejected() {
        let message = problem(base(algorithm: "type = \"aging-evolution\"\nmutation = \"nasbench\""))
        #expect(message?.hasPrefix("bad.toml:15:") == true)
        #expect(message?.contains("not a NATS topology variant") == true)
    }

    @Test func theGCNSurrogateIsAnOptionOfTheDervisiVariantOnly() {
        let pan = problem(base(algorithm: "type = \"nas-ea-fa\"\nsurrogate = \"gcn\""))
        #expect(pan?.hasPrefix("bad.toml:15:") == true)
        #expect(pan?.contains("dervisi-2022") == true)
        #expect(problem(base(algorithm: "type = \"nas-ea-fa\"\nvariant = \"dervisi-2022\"\nsurrogate = \"gcn\"")) == nil)
        #expect(problem(base(algorithm: "type = \"nas-ea-fa\"\nsurrogate = \"xgboost\"")) == nil)
        #expect(problem(base(algorithm: "type = \"nas-ea-fa\"\nsurrogate = \"forest\""))?.contains("bad.toml:15:") == true)
    }

    @Test func unknownKeysAreErrorsNotIgnored() {
        let message = problem(base(algorithm: "type = \"aging-evolution\"\npopulaton = 10"))
        #expect(message?.hasPrefix("bad.toml:15:") == true)
        #expect(message?.contains("unknown key 'populaton'") == true)
        let top = problem("trails = 3\n" + base())
        #expect(top?.contains("bad.toml:1:") == true && top?.contains("unknown key 'trails'") == true)
    }

    @Test func tomlSyntaxErrorsCarryTheLine() {
        let message = problem("name = \"x\"\ntrials = = 3\n")
        #expect(message?.hasPrefix("bad.toml:2:") == true)
    }

    @Test func simulatedSecondsNeedACostColumn() {
        #expect(problem(base(budget: "simulated_seconds = 1000.0"))?.contains("no training-time column") == true)
    }

    @Test func messagesAreOneLine() {
        for text in [base(algorithm: "type = \"nope\""), base(budget: "evaluations = 0"), base(objectives: "[\"x:max\"]")] {
            #expect(problem(text).map { !$0.contains("\n") } == true)
        }
    }
}

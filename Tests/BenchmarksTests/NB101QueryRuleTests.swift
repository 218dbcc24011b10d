import Foundation
import NASCore
import SearchSpaces
import Testing
@testable import Benchmarks

/// `NASBench.query` semantics (ALGORITHMS.md §4.1) on an imported fixture table.
@Suite struct NB101QueryRuleTests {
    static let bench: NB101Benchmark = {
        let input = TestTables.temporaryFile("rules_fixture.tfrecord")
        let output = TestTables.temporaryFile("nb101-rules.h5")
        do {
            try NB101Fixture.write(NB101Fixture.runs(cells: 5, budgets: [4, 12, 36, 108]), to: input)
            try NB101TFRecordImporter.importFile(input, to: output)
            return try NB101Benchmark.load(output)
        } catch { fatalError("\(error)") }
    }()
    static let cell: NB101Cell = {
        let csv = NB101Fixture.source
        guard let c = try? NB101Cell(adjacency: csv.rows[0][2], ops: csv.rows[0][3]) else { fatalError("bad fixture row") }
        return c
    }()

    @Test func randomRuleDrawsRepeatsFromTheSeededGeneratorAndVaries() throws {
        let bench = Self.bench
        let rules = NB101QueryRules()
        try bench.validate(rules)
        var rng = Xoshiro256StarStar(seed: 7)
        let answers = (0..<60).compactMap { _ in bench.query(Self.cell, rules: rules, using: &rng) }
        #expect(answers.count == 60)
        #expect(Set(answers.compactMap(\.repeatIndex)) == [0, 1, 2], "every repeat is drawn")
        #expect(Set(answers.map(\.validationAccuracy)).count == 3, "answers vary with the repeat")
        // The draw is the generator's: same seed, same sequence; expected repeat = nextInt(below: 3).
        var replay = Xoshiro256StarStar(seed: 7)
        for a in answers { #expect(a.repeatIndex == replay.nextInt(below: 3)) }
        let column = try #require(bench.repeats?.column("final_validation_accuracy@108ep"))
        let row = try #require(bench.row(of: Self.cell))
        for a in answers { #expect(a.validationAccuracy == Double(column[row * 3 + a.repeatIndex!])) }
        for a in answers { #expect(a.epochsCharged == 108) }
    }

    @Test func meanRuleEqualsTheMeanOverRepeats() throws {
        let bench = Self.bench
        var rng = Xoshiro256StarStar(seed: 1)
        let rules = NB101QueryRules(epochs: 36, repeats: .mean)
        let a = try #require(bench.query(Self.cell, rules: rules, using: &rng))
        let row = a.row
        for (field, value) in [("validation_accuracy", a.validationAccuracy), ("test_accuracy", a.testAccuracy),
                               ("train_accuracy", a.trainAccuracy), ("training_time", a.trainingTime)] {
            let c = try #require(bench.repeats?.column("final_\(field)@36ep"))
            #expect(value == Double((c[row * 3] + c[row * 3 + 1] + c[row * 3 + 2]) / 3), "\(field)")
        }
        #expect(a.repeatIndex == nil)
        var untouched = Xoshiro256StarStar(seed: 1)
        #expect(rng.next() == untouched.next(), "the mean rule draws nothing")
    }

    @Test func stopHalfwayAnswersAndChargesTheHalfwayRun() throws {
        let bench = Self.bench
        var rng = Xoshiro256StarStar(seed: 3)
        let rules = NB101QueryRules(epochs: 108, stopHalfway: true)
        let a = try #require(bench.query(Self.cell, rules: rules, using: &rng))
        let r = try #require(a.repeatIndex)
        let time = try #require(bench.repeats?.value("halfway_training_time@108ep", row: a.row, repeat: r))
        let valid = try #require(bench.repeats?.value("halfway_validation_accuracy@108ep", row: a.row, repeat: r))
        #expect(a.trainingTime == Double(time) && a.validationAccuracy == Double(valid))
        #expect(a.epochsCharged == 54)
    }

    @Test func repeatEvaluatorIsReproduciblePerSeedAndChargesTheDrawnRun() throws {
        let bench = Self.bench
        let objectives = [Objective(metric: "validation_accuracy", direction: .max)]
        func run(seed: UInt64) throws -> [Evaluation] {
            let e = try bench.repeatEvaluator(objectives: objectives, reported: ["test_accuracy", "trainable_parameters"],
                                              rules: NB101QueryRules(), seed: seed)
            return (0..<30).compactMap { _ in e.evaluate(Self.cell) }
        }
        let a = try run(seed: 11), b = try run(seed: 11), c = try run(seed: 12)
        #expect(a == b)
        #expect(a != c)
        let column = try #require(bench.repeats?.column("final_validation_accuracy@108ep"))
        let time = try #require(bench.repeats?.column("final_training_time@108ep"))
        for e in a {
            let row = try #require(e.row)
            let r = try #require((0..<3).first { Double(column[row * 3 + $0]) == e.objectives[0] })
            #expect(e.cost == Double(time[row * 3 + r]), "cost is the same repeat's training time")
        }
        // Under a simulated-seconds budget the trial stops once the drawn times add up.
        let evaluator = try bench.repeatEvaluator(objectives: objectives, reported: [], rules: NB101QueryRules(), seed: 5)
        let trial = TrialEvaluator(evaluator, budget: .simulatedSeconds(10_000), cache: .charge)
        while trial.evaluate(Self.cell) != nil {}
        #expect(trial.spentSeconds >= 10_000 && trial.evaluations > 1)
    }

    @Test func rulesOutsideTheTableAreErrors() {
        #expect(throws: BenchmarkError.self) { try Self.bench.validate(NB101QueryRules(epochs: 200)) }
        #expect(throws: BenchmarkError.self) {
            try Self.bench.repeatEvaluator(objectives: [Objective(metric: "no_such_metric", direction: .max)],
                                           reported: [], rules: NB101QueryRules(), seed: 1)
        }
    }
}

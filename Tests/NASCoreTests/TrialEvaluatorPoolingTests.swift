import Testing
@testable import NASCore

/// Pan's pooled query (`TrialEvaluator.evaluate(pooling:using:)`).
@Suite struct TrialEvaluatorPoolingTests {
    /// Architecture i answers objective 10·i, reported i and 100·i, cost i; architectures
    /// ≥ `rows` are off the table, those in `projected` are answered by a projection.
    struct Table: Evaluator {
        typealias Architecture = Int
        var rows = 10
        var projected: Set<Int> = []
        var objectives: [Objective] { [Objective(metric: "acc", direction: .max)] }
        var reported: [String] { ["test", "other"] }
        func evaluate(_ i: Int) -> Evaluation? {
            guard i < rows else { return nil }
            return Evaluation(row: i, objectives: [10 * Double(i)], reported: [Double(i), 100 * Double(i)], cost: Double(i),
                              answer: projected.contains(i) ? .nearest(distance: 1) : .exact)
        }
    }

    @Test("one drawn record is charged; the reported metrics are the pool's mean")
    func aPooledAnswerIsOneDrawnRecordWithThePoolMeanReported() {
        var seen = Set<Int>()
        for seed in 0..<64 as Range<UInt64> {
            let trial = TrialEvaluator(Table(), budget: .evaluations(5), cache: .charge)
            var rng = Xoshiro256StarStar(seed: seed)
            let answer = trial.evaluate(pooling: [2, 4, 9], using: &rng)
            let drawn = try! #require(answer?.row)
            seen.insert(drawn)
            #expect([2, 4, 9].contains(drawn))
            #expect(answer?.objectives == [10 * Double(drawn)] && answer?.cost == Double(drawn))
            #expect(answer?.reported == [5, 500])
            #expect(trial.evaluations == 1 && trial.records[0].reported == [5, 500] && trial.spentSeconds == Double(drawn))
        }
        #expect(seen == [2, 4, 9], "every member is drawn")
    }

    @Test("members without an exact row are left out of the pool")
    func membersOffTheTableAreNotPooled() {
        let trial = TrialEvaluator(Table(rows: 10, projected: [3]), budget: .evaluations(5), cache: .charge)
        var rng = Xoshiro256StarStar(seed: 1)
        let answer = trial.evaluate(pooling: [3, 6, 8, 12], using: &rng)
        #expect(answer?.reported == [7, 700])
        #expect([6, 8].contains(answer?.row ?? -1))
        // One row left: answered as its own query, with no draw.
        var before = Xoshiro256StarStar(seed: 1), after = before
        #expect(trial.evaluate(pooling: [6, 12], using: &after)?.reported == [6, 600])
        #expect(before.next() == after.next())
        #expect(trial.evaluate(pooling: [12, 13], using: &after) == nil && trial.unanswered == 1)
        #expect(trial.evaluations == 2)
    }

    @Test func aPooledQueryRespectsTheBudget() {
        let trial = TrialEvaluator(Table(), budget: .evaluations(1), cache: .charge)
        var rng = Xoshiro256StarStar(seed: 3)
        #expect(trial.evaluate(pooling: [1, 2], using: &rng) != nil)
        #expect(trial.evaluate(pooling: [1, 2], using: &rng) == nil)
        #expect(trial.evaluations == 1)
    }
}

import Testing
@testable import NASCore

/// How a trial charges simulated seconds (TrialEvaluator's doc comment).
@Suite struct TrialEvaluatorCostTests {
    /// Architecture i answers with cost `costs[i]` and objective i.
    struct CostList: Evaluator {
        typealias Architecture = Int
        var costs: [Double]
        var objectives: [Objective] { [Objective(metric: "acc", direction: .max)] }
        var reported: [String] { [] }
        func evaluate(_ i: Int) -> Evaluation? { Evaluation(row: i, objectives: [Double(i)], reported: [], cost: costs[i]) }
    }

    @Test func aSecondsBudgetLetsTheEvaluationThatCrossesItFinishThenStops() {
        let trial = TrialEvaluator(CostList(costs: [10, 10, 10, 10]), budget: .simulatedSeconds(25), cache: .charge)
        #expect(trial.evaluate(0)?.cost == 10)
        #expect(trial.evaluate(1)?.cost == 10)
        #expect(!trial.isExhausted)
        #expect(trial.evaluate(2)?.cost == 10)      // 30 s ≥ 25 s: it finishes, and the trial ends
        #expect(trial.isExhausted)
        #expect(trial.evaluate(3) == nil)
        #expect(trial.records.map(\.cumulativeCost) == [10, 20, 30])
    }

    @Test func aSecondsBudgetNeverChargesANaNOrNegativeCost() {
        let trial = TrialEvaluator(CostList(costs: [10, .nan, -5, .infinity, 20]), budget: .simulatedSeconds(25), cache: .free)
        #expect(trial.evaluate(0) != nil)
        #expect(trial.evaluate(1) == nil)           // no training time: no answer, as off-table `reject`
        #expect(trial.evaluate(2) == nil)
        #expect(trial.evaluate(3) == nil)
        #expect(trial.unanswered == 3)
        #expect(trial.spentSeconds == 10)
        #expect(trial.evaluate(4) != nil)
        #expect(trial.records.map(\.row) == [0, 4])
        #expect(trial.records.map(\.cumulativeCost) == [10, 30])
        #expect(trial.isExhausted)
    }

    @Test func anEvaluationBudgetKeepsAnswersWhateverTheirCost() {
        let trial = TrialEvaluator(CostList(costs: [10, .nan, 20]), budget: .evaluations(3), cache: .charge)
        #expect(trial.evaluate(1)?.cost.isNaN == true)
        #expect(trial.unanswered == 0)
        #expect(trial.evaluations == 1)
    }
}

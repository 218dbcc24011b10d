import NASCore
import Testing
@testable import Analysis

/// Curves against simulated time: the incumbent at time t is the best evaluation whose
/// cumulative cost is ≤ t.
@Suite struct SimulatedTimeGridTests {
    @Test func theIncumbentAtTimeTIsTheLastValueFinishedByT() {
        // Evaluations trained 10 s, 30 s, 20 s: finished at 10, 40 and 60 s.
        let grid = SimulatedTimeGrid(horizon: 60, points: 6)
        #expect(grid.times == [10, 20, 30, 40, 50, 60])
        #expect(grid.sample([0.91, 0.93, 0.94], cumulativeCost: [10, 40, 60]) == [0.91, 0.91, 0.91, 0.93, 0.93, 0.94])
    }

    @Test func beforeTheFirstEvaluationFinishesThereIsNoValueAndAfterTheLastItStays() {
        let grid = SimulatedTimeGrid(times: [5, 15, 100])
        let sampled = grid.sample([0.5, 0.7, .nan], cumulativeCost: [12, 14])   // curve NaN-padded past the log
        #expect(sampled[0].isNaN)
        #expect(Array(sampled.dropFirst()) == [0.7, 0.7])
    }

    @Test func checkpointsAreGridStepsSoTheyAreSampledExactly() {
        let grid = SimulatedTimeGrid(horizon: 100, points: 4, including: [30, 50, 500])
        #expect(grid.times == [25, 30, 50, 75, 100])
        #expect(grid.steps(of: [30, 100, 42]) == [2, 5])
    }

    @Test func theHorizonIsTheBudgetOrTheQuickestTrialsEnd() {
        #expect(SimulatedTimeGrid.horizon(finalCumulativeCosts: [300, 200], budget: 250) == 250)
        #expect(SimulatedTimeGrid.horizon(finalCumulativeCosts: [300, 200], budget: nil) == 200)
        #expect(SimulatedTimeGrid.horizon(finalCumulativeCosts: [0, 0], budget: nil) == nil)
        #expect(SimulatedTimeGrid.horizon(finalCumulativeCosts: [300, .nan], budget: nil) == nil)
    }

    @Test func aReportOnTheTimeGridCountsSecondsNotEvaluations() {
        let a = ComparisonData.Algorithm(label: "rs", curves: ["best_signal": [[1, 2, 3], [2, 2, 4]]], parameters: "",
                                         cumulativeCost: [[10, 20, 30], [15, 25, 35]])
        let b = ComparisonData.Algorithm(label: "ga", curves: ["best_signal": [[1, 1, 5], [3, 3, 3]]], parameters: "",
                                         cumulativeCost: [[5, 10, 40], [5, 10, 40]])
        let data = ComparisonData(experiment: "x", benchmark: "b", trials: 2, budget: "40.0 simulated seconds", objectives: [Objective(metric: "acc", direction: .max)],
                                  reported: [], hypervolumeConvention: nil, checkpoints: [],
                                  metrics: [.init(curve: "best_signal", title: "Best", direction: .max)], algorithms: [a, b])
        #expect(data.hasSimulatedTime)
        let timed = data.onTimeGrid(SimulatedTimeGrid(horizon: 40, points: 4), checkpointSeconds: [20, 40])
        #expect(timed.timeGrid == [10, 20, 30, 40])
        #expect(timed.checkpoints == [2, 4])
        #expect(timed.algorithms[0].curves["best_signal"]?[0] == [1, 2, 3, 3])
        #expect(timed.algorithms[0].curves["best_signal"]?[1].dropFirst() == [2, 2, 4])
        #expect(timed.algorithms[1].curves["best_signal"]?[1] == [3, 3, 3, 3])
        let markdown = ComparisonReport(timed).markdown
        #expect(markdown.contains("| algorithm | @20 | @40 |"))
        #expect(markdown.contains("Simulated seconds to reach"))
        #expect(markdown.contains("Pairwise at 40 simulated seconds"))
        #expect(!markdown.contains("evaluations"))
    }
}

import Indicators
import NASCore
import SearchSpaces
import Testing
@testable import Optimizers

/// MOTPE as Optuna 5.1.0's `TPESampler` runs in a multi-objective study with default
/// settings, behind `examples/algorithms/optuna_motpe.py`.
@Suite struct MOTPETests {
    @Test(arguments: [1, 10, 11, 120, 250])
    func evaluatesExactlyTheBudget(budget: Int) {
        for suggestion in MOTPE.Suggestion.allCases {
            var rng = Xoshiro256StarStar(seed: 71)
            let trial = TrialEvaluator(ToyNATSEvaluator(), budget: .evaluations(budget), cache: .charge)
            MOTPE(suggestion: suggestion).run(space: NATSTopologySpace(), trial: trial, rng: &rng)
            #expect(trial.evaluations == budget)
        }
    }

    @Test func sameSeedSameEvaluationSequenceOtherSeedAnother() {
        func rows(_ seed: UInt64, _ motpe: MOTPE = MOTPE()) -> [Int] {
            var rng = Xoshiro256StarStar(seed: seed)
            let trial = TrialEvaluator(ToyNATSEvaluator(), budget: .evaluations(150), cache: .charge)
            motpe.run(space: NATSTopologySpace(), trial: trial, rng: &rng)
            return trial.records.map(\.row)
        }
        #expect(rows(7) == rows(7))
        #expect(rows(7) != rows(8))
        #expect(rows(9, MOTPE(suggestion: .int)) == rows(9, MOTPE(suggestion: .int)))
    }

    @Test func unansweredArchitecturesAreFailedTrialsTheSamplerNeverSees() {
        // Off-table cells (first edge op 0) cost no evaluation and do not count toward the
        // 10 startup trials; the budget is still met exactly.
        var rng = Xoshiro256StarStar(seed: 72)
        let trial = TrialEvaluator(ToyNATSEvaluator(rejectFirstEdgeZero: true), budget: .evaluations(100), cache: .charge)
        MOTPE().run(space: NATSTopologySpace(), trial: trial, rng: &rng)
        #expect(trial.evaluations == 100)
        #expect(trial.unanswered > 0)
    }

    @Test func startupTrialsAreUniformThenTPEConcentratesOnTheBelowChoices() {
        let bounds: [ClosedRange<Int>] = [0...4, 0...4]
        var history = MOTPE.History()
        var rng = Xoshiro256StarStar(seed: 73)
        // Nine trials: still random, every choice appears.
        var seen = Set<Int>()
        for _ in 0..<200 { seen.insert(MOTPE().suggest(bounds: bounds, history: history, objectiveCount: 2, using: &rng)[0]) }
        #expect(seen == [0, 1, 2, 3, 4])
        // 30 trials where gene 0 = 2 is the only non-dominated choice: TPE picks it nearly always.
        for i in 0..<30 {
            let g0 = i % 5, g1 = (i / 5) % 5
            history.genes.append([g0, g1])
            history.losses.append(g0 == 2 ? [0, 0] : [Double(10 + i), Double(10 + i)])
        }
        var twos = 0
        for _ in 0..<200 where MOTPE().suggest(bounds: bounds, history: history, objectiveCount: 2, using: &rng)[0] == 2 { twos += 1 }
        #expect(twos > 190)
    }

    @Test func singleValueGenesAreFixedWithoutADraw() {
        var a = Xoshiro256StarStar(seed: 74), b = a
        let genes = MOTPE().suggest(bounds: [3...3, 0...4], history: .init(), objectiveCount: 2, using: &a)
        #expect(genes[0] == 3)
        _ = Int.random(in: 0...4, using: &b)
        #expect(a == b)
    }

    @Test func findsABetterFrontThanRandomSearchOnTheToyProblem() {
        // Mean hypervolume of the evaluated points (sum maximised, cost minimised; reference
        // (1, 30)) over 20 seeds at 150 evaluations.
        func volume(_ optimizer: any Optimizer, seed: UInt64) -> Double {
            var rng = Xoshiro256StarStar(seed: seed)
            let trial = TrialEvaluator(ToyNATSEvaluator(), budget: .evaluations(150), cache: .charge)
            optimizer.run(space: NATSTopologySpace(), trial: trial, rng: &rng)
            return Hypervolume.compute(trial.records.map { [-$0.objectives[0], $0.objectives[1]] }, reference: [1, 30])
        }
        let tpe = (0..<20).map { volume(MOTPE(), seed: $0) }.reduce(0, +)
        let random = (0..<20).map { volume(RandomSearch(), seed: $0) }.reduce(0, +)
        #expect(tpe > random)
    }
}

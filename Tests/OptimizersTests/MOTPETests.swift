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

    /// A two-objective study (maximize, minimize) with 40 completed trials of six
    /// categorical genes over `range(5)`: the trials below and every choice's
    /// log l(x) − log g(x) for the next trial are Optuna 5.1.0's (`TPESampler._split_trials`
    /// and `_build_parzen_estimator`, printed by `scripts/motpe_optuna_oracle.py`; genes and
    /// values are its `RandomState(21)` draws).
    @Test func acquisitionOfARecordedStudyMatchesOptuna() {
        let genes: [[Int]] = [
        [1, 0, 4, 0, 0, 0],
        [3, 4, 2, 1, 2, 0],
        [4, 1, 2, 0, 4, 4],
        [3, 4, 4, 0, 1, 2],
        [2, 0, 4, 2, 0, 0],
        [2, 3, 0, 0, 3, 1],
        [4, 0, 2, 4, 2, 4],
        [1, 0, 0, 3, 1, 3],
        [4, 4, 4, 1, 0, 2],
        [2, 2, 0, 0, 1, 2],
        [1, 1, 0, 2, 2, 0],
        [1, 3, 0, 1, 4, 3],
        [2, 0, 4, 2, 2, 0],
        [1, 3, 1, 0, 3, 1],
        [3, 1, 3, 1, 0, 2],
        [2, 1, 1, 3, 1, 1],
        [1, 1, 1, 3, 3, 4],
        [1, 1, 3, 1, 4, 3],
        [4, 0, 1, 1, 1, 4],
        [0, 3, 1, 0, 3, 2],
        [1, 4, 4, 0, 2, 1],
        [0, 0, 1, 1, 4, 2],
        [0, 0, 3, 0, 0, 3],
        [4, 2, 3, 4, 4, 3],
        [2, 2, 2, 0, 1, 2],
        [2, 3, 2, 4, 4, 1],
        [2, 2, 1, 4, 3, 3],
        [3, 3, 2, 3, 0, 2],
        [4, 3, 1, 2, 0, 2],
        [2, 0, 3, 3, 4, 1],
        [3, 2, 2, 2, 0, 3],
        [1, 1, 2, 4, 0, 1],
        [1, 2, 1, 3, 3, 3],
        [4, 3, 1, 1, 0, 2],
        [3, 3, 1, 1, 0, 2],
        [2, 1, 0, 3, 3, 0],
        [1, 2, 3, 1, 0, 2],
        [4, 4, 3, 2, 0, 0],
        [0, 1, 4, 4, 4, 3],
        [1, 4, 1, 1, 4, 1],
        ]
        let values: [[Double]] = [
        [36.81, 96.18],
        [74.02, 19.39],
        [23.54, 60.62],
        [11.43, 4.22],
        [19.19, 10.34],
        [25.95, 84.76],
        [77.96, 76.49],
        [21.9, 12.41],
        [97.91, 19.91],
        [64.11, 51.93],
        [84.98, 91.4],
        [61.36, 98.94],
        [12.11, 89.41],
        [86.27, 23.24],
        [29.63, 34.69],
        [0.19, 72.92],
        [24.43, 93.55],
        [43.48, 51.5],
        [8.95, 33.56],
        [19.16, 73.26],
        [50.79, 37.27],
        [85.57, 49.15],
        [38.09, 25.01],
        [74.22, 33.46],
        [97.08, 7.08],
        [39.15, 62.6],
        [57.76, 88.95],
        [93.64, 75.19],
        [56.79, 36.0],
        [65.96, 68.93],
        [41.78, 90.57],
        [38.7, 41.72],
        [91.52, 2.6],
        [59.28, 75.35],
        [44.33, 53.64],
        [42.12, 21.23],
        [77.96, 2.46],
        [51.52, 54.46],
        [90.63, 98.26],
        [4.02, 23.39],
        ]
        let optuna: [[Double]] = [
        [-0.15915881882689065, 0.1705980930978952, -0.10634588050763139, -0.24342036246293075, 0.13755097358427792],
        [-0.5952898283335419, -0.7557654635156523, 1.13282545683135, -0.7972532270072827, 0.5633891699519089],
        [-0.32811534979650037, -0.4220694849603248, 0.2733907579457391, 0.11364519529500372, 0.49480679996671606],
        [0.12951871470210907, 0.22506378949607386, -0.3910582348240996, 0.15586297862914478, -0.43579464389252953],
        [0.09077522554964146, 0.4805001830402207, -0.08504970434671799, 0.18503204174682342, -0.7662998828949088],
        [-0.24845822508685544, -0.6868800643955559, 0.4969975049797153, -0.10318129383836672, 0.10320990072113734],
        ]
        var history = MOTPE.History()
        history.genes = genes
        history.losses = values.map { [-$0[0], $0[1]] }
        let bounds = [ClosedRange<Int>](repeating: 0...4, count: 6)
        #expect(MOTPESplit.below(history.losses, count: 4).indices.filter { MOTPESplit.below(history.losses, count: 4)[$0] } == [8, 24, 32, 36])
        let estimators = MOTPE().estimators(bounds: bounds, history: history, objectiveCount: 2)
        #expect(estimators.map(\.genes) == (0..<6).map { [$0] })
        for (d, (_, l, g)) in estimators.enumerated() {
            for c in 0..<5 {
                let acquisition = l.logDensity([c]) - g.logDensity([c])
                #expect(abs(acquisition - optuna[d][c]) < 1e-12, "gene \(d) choice \(c)")
            }
        }
    }
}

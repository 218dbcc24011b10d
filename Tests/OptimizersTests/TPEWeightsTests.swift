import Testing
@testable import Optimizers

/// Optuna 5.1.0's `default_weights`, `default_gamma` and `default_gamma_multiobjective`,
/// as printed by `scripts/motpe_optuna_oracle.py`.
@Suite struct TPEWeightsTests {
    @Test func gammaIsATenthRoundedUpCappedAt25ForOneObjectiveOnly() {
        let ns = [10, 11, 100, 249, 300]
        #expect(ns.map { TPEWeights.belowCount(completed: $0, objectiveCount: 2) } == [1, 2, 10, 25, 30])
        #expect(ns.map { TPEWeights.belowCount(completed: $0, objectiveCount: 1) } == [1, 2, 10, 25, 25])
    }

    @Test func defaultWeightsRampTheOldestFromOneOverN() {
        #expect(TPEWeights.defaultWeights(24) == [Double](repeating: 1, count: 24))
        #expect(TPEWeights.defaultWeights(26) == [0.038461538461538464] + [Double](repeating: 1, count: 25))
        let w30 = TPEWeights.defaultWeights(30)
        let optuna = [0.03333333333333333, 0.275, 0.5166666666666667, 0.7583333333333333] + [Double](repeating: 1, count: 26)
        #expect(w30.count == 30)
        for (w, o) in zip(w30, optuna) { #expect(abs(w - o) < 1e-15) }
    }
}

import Foundation

/// How many trials form l(x), and how much each observation weighs: Optuna 5.1.0's
/// `default_gamma`, `default_gamma_multiobjective` and `default_weights`
/// (`optuna/samplers/_tpe/sampler.py`).
///
/// ```swift
/// TPEWeights.belowCount(completed: 250, objectiveCount: 2)   // 25
/// TPEWeights.defaultWeights(30)                              // 5 ramping up from 1/30, then 25 ones
/// ```
public enum TPEWeights {
    /// Optuna's gamma: ⌈0.1 n⌉ trials below, capped at 25 for one objective only.
    ///
    /// - Complexity: O(1)
    public static func belowCount(completed n: Int, objectiveCount: Int) -> Int {
        let tenth = Int((0.1 * Double(n)).rounded(.up))
        return objectiveCount <= 1 ? min(tenth, 25) : tenth
    }

    /// Optuna's `default_weights(n)`: all ones below 25 observations, else
    /// `linspace(1/n, 1, n − 25)` for the oldest then 25 ones, so older trials weigh less.
    /// It weighs g(x)'s observations (in trial order); in a multi-objective study l(x)'s are
    /// uniform, and in a single-objective one l(x) uses it too.
    ///
    /// - Complexity: O(n)
    public static func defaultWeights(_ n: Int) -> [Double] {
        if n < 25 { return [Double](repeating: 1, count: n) }
        let rampCount = n - 25
        let start = 1 / Double(n)
        let ramp: [Double] = (0..<rampCount).map { i in
            // numpy's linspace: start + i·step, with the endpoint set exactly.
            if i == rampCount - 1 && rampCount > 1 { return 1 }
            return rampCount == 1 ? start : start + Double(i) * (1 - start) / Double(rampCount - 1)
        }
        return ramp + [Double](repeating: 1, count: 25)
    }
}

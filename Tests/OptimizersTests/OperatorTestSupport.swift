import NASCore
@testable import Optimizers

/// Shared helpers for the operator tests: a seeded stream per test and a binomial
/// tolerance, so each statistical check states its expected rate and its slack.
enum OperatorTestSupport {
    /// Five standard deviations of a proportion estimated from `trials` draws at rate `p`.
    static func tolerance(rate p: Double, trials: Int) -> Double {
        5 * (p * (1 - p) / Double(trials)).squareRoot()
    }

    static func bounds(_ count: Int, _ range: ClosedRange<Int>) -> GeneBounds {
        GeneBounds(Array(repeating: range, count: count))
    }
}

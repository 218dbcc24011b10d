import Foundation
import NASCore

/// Spearman's rank correlation ρ with its t-distribution p-value.
///
/// ```swift
/// let r = try SpearmanTest.test(predicted, measured, alternative: .greater)
/// ```
///
/// Matches scipy 1.17 `stats.spearmanr(x, y, alternative)`: ρ is Pearson's r of the
/// average ranks (NASCore ``RankCorrelation/spearmanRho(_:_:)``) and
/// t = ρ √((n−2)/((1+ρ)(1−ρ))) is referred to Student's t with n − 2 degrees of freedom
/// (|ρ| = 1 gives p = 0). This is the only p-value scipy offers, so `.exact` is refused.
///
/// - Complexity: O(n log n)
public enum SpearmanTest {
    public static func test(_ x: [Double], _ y: [Double], alternative: Alternative = .twoSided,
                            method: PValueMethod = .auto) throws -> TestResult {
        let name = "Spearman"
        try SampleValidation.requireFinite([x, y], test: name)
        try SampleValidation.requireEqualLengths([x, y], test: name)
        try SampleValidation.requireMinimumLength([x, y], 3, test: name)
        if method == .exact {
            throw StatisticsError.unsupported(test: name, reason: "only the t-distribution p-value is available; use --method auto or asymptotic")
        }
        let rho = RankCorrelation.spearmanRho(x, y)
        guard rho.isFinite else {
            throw StatisticsError.unsupported(test: name, reason: "a sample is constant, so rho is undefined")
        }
        let dof = Double(x.count - 2)
        let t = rho * max(0, dof / ((rho + 1) * (1 - rho))).squareRoot()
        let p: Double
        switch alternative {
        case .less: p = StudentTDistribution.cdf(t, degreesOfFreedom: dof)
        case .greater: p = StudentTDistribution.sf(t, degreesOfFreedom: dof)
        case .twoSided: p = 2 * StudentTDistribution.sf(abs(t), degreesOfFreedom: dof)
        }
        return TestResult(statistic: rho, pValue: min(1, max(0, p)), method: .asymptotic, extras: ["t": t, "df": dof])
    }
}

import Foundation

/// The χ² distribution with k degrees of freedom.
///
/// ```swift
/// let p = ChiSquaredDistribution.sf(7.92, degreesOfFreedom: 3)   // 0.04769…
/// ```
///
/// sf(x; k) = Q(k/2, x/2), the regularized upper incomplete gamma function (scipy
/// `stats.chi2.sf`, which calls `special.chdtrc`).
public enum ChiSquaredDistribution {
    public static func sf(_ x: Double, degreesOfFreedom k: Double) -> Double {
        guard k > 0, !x.isNaN else { return .nan }
        if x <= 0 { return 1 }
        return SpecialFunctions.regularizedGammaQ(k / 2, x / 2)
    }

    public static func cdf(_ x: Double, degreesOfFreedom k: Double) -> Double {
        guard k > 0, !x.isNaN else { return .nan }
        if x <= 0 { return 0 }
        return SpecialFunctions.regularizedGammaP(k / 2, x / 2)
    }
}

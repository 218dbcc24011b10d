import Foundation

/// The standard normal distribution.
///
/// ```swift
/// let p = 2 * NormalDistribution.sf(abs(z))     // two-sided p-value of a z statistic
/// let z975 = NormalDistribution.quantile(0.975) // 1.959963984540054
/// ```
///
/// The CDF and survival function come from `erfc`, as scipy's `special.ndtr` does, so
/// tail probabilities keep full relative precision down to ~1e-300.
public enum NormalDistribution {
    /// Φ(z) = P(Z ≤ z).
    public static func cdf(_ z: Double) -> Double {
        0.5 * erfc(-z / 2.0.squareRoot())
    }

    /// 1 − Φ(z) = P(Z > z), without cancellation for large z.
    public static func sf(_ z: Double) -> Double {
        0.5 * erfc(z / 2.0.squareRoot())
    }

    /// φ(z), the density.
    public static func pdf(_ z: Double) -> Double {
        exp(-0.5 * z * z) / (2 * Double.pi).squareRoot()
    }

    /// Φ⁻¹(p). A rational starting point (Abramowitz & Stegun 26.2.23, error < 4.5e-4)
    /// is polished by Halley steps on the erfc-based CDF, which reach full precision in
    /// two or three iterations.
    public static func quantile(_ p: Double) -> Double {
        guard p > 0, p < 1 else {
            if p == 0 { return -.infinity }
            if p == 1 { return .infinity }
            return .nan
        }
        // Work in the lower tail so the target probability is never rounded towards 1.
        let lowerTail = p < 0.5
        let q = lowerTail ? p : 1 - p
        let t = (-2 * log(q)).squareRoot()
        var z = -(t - (2.515517 + 0.802853 * t + 0.010328 * t * t)
                  / (1 + 1.432788 * t + 0.189269 * t * t + 0.001308 * t * t * t))
        for _ in 0..<6 {
            let error = cdf(z) - q
            let density = pdf(z)
            guard density > 0 else { break }
            let step = error / density
            // Halley's correction uses φ'(z) = −z φ(z).
            let halley = step / (1 + 0.5 * z * step)
            z -= halley
            if abs(halley) <= 1e-15 * max(1, abs(z)) { break }
        }
        return lowerTail ? z : -z
    }
}

import NASCore

/// Seeded percentile-bootstrap confidence intervals.
///
/// ```swift
/// let ci = try BootstrapInterval.percentile(finalHV, seed: 7)                 // mean, 95 %
/// let median = try BootstrapInterval.percentile(finalHV, resamples: 5000, seed: 7) { s in
///     let t = s.sorted(); return (t[(t.count - 1) / 2] + t[t.count / 2]) / 2
/// }
/// let diff = try BootstrapInterval.percentileDifference(a, b, seed: 7)        // mean(a) − mean(b)
/// ```
///
/// The percentile method (Efron & Tibshirani, *An Introduction to the Bootstrap*, 1993,
/// ch. 13): draw `resamples` samples of size n with replacement, evaluate the statistic on
/// each, and report the α/2 and 1 − α/2 quantiles of those replicates. Determinism: one
/// ``Xoshiro256StarStar`` seeded with `seed` drives everything; replicate r draws its n
/// indices in order with `nextInt(below: n)` (for two samples, all of x's indices, then
/// all of y's). Quantiles interpolate linearly between order statistics (Hyndman & Fan
/// type 7, numpy's default `percentile`). The same seed always gives the same interval.
///
/// - Complexity: O(resamples · (n + cost of the statistic))
public enum BootstrapInterval {
    public struct Interval: Sendable, Equatable {
        /// The statistic on the original sample(s).
        public var estimate: Double
        public var lower: Double
        public var upper: Double
        public var level: Double
        public var resamples: Int
    }

    public static func percentile(_ sample: [Double], level: Double = 0.95, resamples: Int = 10_000,
                                  seed: UInt64, statistic: ([Double]) -> Double = mean) throws -> Interval {
        let name = "bootstrap interval"
        try validate(level: level, resamples: resamples, name: name)
        try SampleValidation.requireFinite([sample], test: name)
        try SampleValidation.requireMinimumLength([sample], 1, test: name)
        var rng = Xoshiro256StarStar(seed: seed)
        var replicates = [Double](repeating: 0, count: resamples)
        var buffer = sample
        for r in 0..<resamples {
            for i in 0..<sample.count { buffer[i] = sample[rng.nextInt(below: sample.count)] }
            replicates[r] = statistic(buffer)
        }
        return interval(estimate: statistic(sample), replicates: replicates, level: level)
    }

    /// Two independent samples, each resampled on its own; the default statistic is the
    /// difference of means.
    public static func percentileDifference(_ x: [Double], _ y: [Double], level: Double = 0.95,
                                            resamples: Int = 10_000, seed: UInt64,
                                            statistic: ([Double], [Double]) -> Double = { mean($0) - mean($1) })
        throws -> Interval
    {
        let name = "bootstrap interval"
        try validate(level: level, resamples: resamples, name: name)
        try SampleValidation.requireFinite([x, y], test: name)
        try SampleValidation.requireMinimumLength([x, y], 1, test: name)
        var rng = Xoshiro256StarStar(seed: seed)
        var replicates = [Double](repeating: 0, count: resamples)
        var bufferX = x, bufferY = y
        for r in 0..<resamples {
            for i in 0..<x.count { bufferX[i] = x[rng.nextInt(below: x.count)] }
            for i in 0..<y.count { bufferY[i] = y[rng.nextInt(below: y.count)] }
            replicates[r] = statistic(bufferX, bufferY)
        }
        return interval(estimate: statistic(x, y), replicates: replicates, level: level)
    }

    public static func mean(_ values: [Double]) -> Double {
        values.reduce(0, +) / Double(values.count)
    }

    /// The q-quantile of sorted values by linear interpolation (numpy `method='linear'`).
    public static func quantile(sorted values: [Double], _ q: Double) -> Double {
        guard !values.isEmpty else { return .nan }
        let position = q * Double(values.count - 1)
        let below = Int(position.rounded(.down))
        let above = min(below + 1, values.count - 1)
        let fraction = position - Double(below)
        return values[below] + fraction * (values[above] - values[below])
    }

    static func interval(estimate: Double, replicates: [Double], level: Double) -> Interval {
        let sorted = replicates.sorted()
        let alpha = 1 - level
        return Interval(estimate: estimate, lower: quantile(sorted: sorted, alpha / 2),
                        upper: quantile(sorted: sorted, 1 - alpha / 2), level: level, resamples: replicates.count)
    }

    static func validate(level: Double, resamples: Int, name: String) throws {
        guard level > 0, level < 1 else {
            throw StatisticsError.invalidParameter("\(name): the level must lie strictly between 0 and 1, got \(level)")
        }
        guard resamples >= 1 else {
            throw StatisticsError.invalidParameter("\(name): resamples must be at least 1, got \(resamples)")
        }
    }
}

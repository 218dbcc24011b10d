/// Student-t confidence intervals for a mean, the error bars of NASReplay's curves.
///
/// ```swift
/// let ci = try ConfidenceIntervals.tInterval(finalHV)       // 95 %
/// print("\(ci.mean) ± \(ci.halfWidth)")
/// ```
///
/// halfWidth = t_{1−α/2, n−1} · s / √n with s the sample standard deviation (ddof = 1):
/// `scipy.stats.t.ppf(0.975, n-1) * numpy.std(x, ddof=1) / sqrt(n)` at level 0.95.
///
/// - Complexity: O(n)
public enum ConfidenceIntervals {
    public struct TInterval: Sendable, Equatable {
        public var mean: Double
        public var standardDeviation: Double
        public var count: Int
        public var tQuantile: Double
        public var halfWidth: Double
        public var lower: Double { mean - halfWidth }
        public var upper: Double { mean + halfWidth }
    }

    public static func tInterval(_ sample: [Double], level: Double = 0.95) throws -> TInterval {
        let name = "t confidence interval"
        guard level > 0, level < 1 else {
            throw StatisticsError.invalidParameter("\(name): the level must lie strictly between 0 and 1, got \(level)")
        }
        try SampleValidation.requireFinite([sample], test: name)
        try SampleValidation.requireMinimumLength([sample], 2, test: name)
        let n = Double(sample.count)
        let mean = sample.reduce(0, +) / n
        let sumOfSquares = sample.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
        let sd = (sumOfSquares / (n - 1)).squareRoot()
        let t = StudentTDistribution.quantile(0.5 + level / 2, degreesOfFreedom: n - 1)
        return TInterval(mean: mean, standardDeviation: sd, count: sample.count, tQuantile: t,
                         halfWidth: t * sd / n.squareRoot())
    }
}

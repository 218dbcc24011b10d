/// A centre line with a band around it, one value per step: what a ``CurveSeries`` draws.
public struct BandSummary: Sendable, Equatable {
    public var centre: [Double]
    public var lower: [Double]
    public var upper: [Double]

    public init(centre: [Double], lower: [Double], upper: [Double]) {
        self.centre = centre
        self.lower = lower
        self.upper = upper
    }
}

/// Per-step summaries of many trials' curves, for the bands of a ``CurveFigure``.
///
/// ```swift
/// // regret[trial][step], every trial sampled on the same grid of evaluations
/// let ci = try SeriesSummary.meanWithConfidenceInterval(regret)        // mean, 95 % t-interval
/// let iqr = try SeriesSummary.medianWithInterquartileRange(regret)     // median, 25–75 %
/// let series = CurveSeries(name: "GA", x: grid, summary: ci)
/// ```
///
/// The matrix is `[trial][step]` and must be rectangular, because the curves are first
/// put on a shared grid (evaluations or simulated seconds); a ragged matrix means that
/// step was never done and silently averaging fewer trials there would bend the curve.
///
/// - Mean: the t-interval of ``ConfidenceIntervals/tInterval(_:level:)`` at each step.
///   With one trial there is no interval, so the band is NaN (drawn as nothing).
/// - Median and quartiles: numpy's default `linear` quantiles (`np.median`, and
///   `np.quantile(x, [0.25, 0.75])`), so plots match what a user computes from the csv.
///
/// - Complexity: O(trials · steps · log trials)
public enum SeriesSummary {
    /// What a non-finite value in a trial's curve means.
    public enum MissingValues: Sendable {
        /// An error: the curves should be complete.
        case reject
        /// "Not defined yet" (an incumbent's metric before any finite-fitness incumbent
        /// exists): a step where any trial lacks a value is left out (NaN, a gap in the
        /// figure), so no step averages fewer trials than the others.
        case gap
    }

    public static func meanWithConfidenceInterval(_ values: [[Double]], level: Double = 0.95,
                                                  missing: MissingValues = .reject) throws -> BandSummary {
        let columns = try stepColumns(values, summary: "mean with confidence interval", missing: missing)
        guard level > 0, level < 1 else {
            throw StatisticsError.invalidParameter("mean with confidence interval: the level must lie strictly between 0 and 1, got \(level)")
        }
        var out = BandSummary(centre: [], lower: [], upper: [])
        for column in columns {
            if column.contains(where: { !$0.isFinite }) {
                out.centre.append(.nan); out.lower.append(.nan); out.upper.append(.nan)
                continue
            }
            if column.count < 2 {
                out.centre.append(column[0]); out.lower.append(.nan); out.upper.append(.nan)
                continue
            }
            let ci = try ConfidenceIntervals.tInterval(column, level: level)
            out.centre.append(ci.mean); out.lower.append(ci.lower); out.upper.append(ci.upper)
        }
        return out
    }

    public static func medianWithInterquartileRange(_ values: [[Double]], missing: MissingValues = .reject) throws -> BandSummary {
        let columns = try stepColumns(values, summary: "median with interquartile range", missing: missing)
        var out = BandSummary(centre: [], lower: [], upper: [])
        for column in columns {
            if column.contains(where: { !$0.isFinite }) {
                out.centre.append(.nan); out.lower.append(.nan); out.upper.append(.nan)
                continue
            }
            let sorted = column.sorted()
            out.centre.append(median(sorted: sorted))
            out.lower.append(quantile(sorted: sorted, 0.25))
            out.upper.append(quantile(sorted: sorted, 0.75))
        }
        return out
    }

    /// numpy's `linear` quantile (Hyndman & Fan type 7) of ascending `sorted`, `p` in [0, 1].
    public static func quantile(sorted: [Double], _ p: Double) -> Double {
        precondition(!sorted.isEmpty && p >= 0 && p <= 1, "quantile needs a non-empty sample and 0 ≤ p ≤ 1")
        let h = Double(sorted.count - 1) * p
        let below = Int(h.rounded(.down))
        if below >= sorted.count - 1 { return sorted[sorted.count - 1] }
        let a = sorted[below], b = sorted[below + 1], t = h - Double(below)
        // numpy interpolates from the nearer end, so the result is exact at t = 1 and
        // monotone in t; matching that keeps our csv bit-identical to np.quantile.
        let diff = b - a
        return t >= 0.5 ? b - diff * (1 - t) : a + diff * t
    }

    /// `np.median`: the middle value, or the mean of the two middle values.
    public static func median(sorted: [Double]) -> Double {
        precondition(!sorted.isEmpty, "median of an empty sample")
        let n = sorted.count
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2
    }

    /// Transposes `[trial][step]` into one column per step, after checking it.
    private static func stepColumns(_ values: [[Double]], summary: String, missing: MissingValues) throws -> [[Double]] {
        guard let steps = values.first?.count, steps > 0 else {
            throw StatisticsError.invalidParameter("\(summary): needs at least one trial with at least one step")
        }
        for (t, trial) in values.enumerated() {
            if trial.count != steps {
                throw StatisticsError.invalidParameter("\(summary): trial \(t + 1) has \(trial.count) steps but trial 1 has \(steps); put all trials on one grid first")
            }
            if missing == .reject, let s = trial.firstIndex(where: { !$0.isFinite }) {
                throw StatisticsError.invalidParameter("\(summary): trial \(t + 1) has a NaN or infinite value at step \(s + 1)")
            }
        }
        return (0..<steps).map { s in values.map { $0[s] } }
    }
}

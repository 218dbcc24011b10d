/// A shared grid of simulated seconds on which per-evaluation curves (best so far, the
/// incumbent's metric, hypervolume) of many trials can be compared and averaged.
///
/// ```swift
/// // One trial evaluated three architectures that trained for 10 s, 30 s and 20 s:
/// // they finished at 10, 40 and 60 simulated seconds.
/// let grid = SimulatedTimeGrid(horizon: 60, points: 6)          // 10, 20, 30, 40, 50, 60
/// grid.sample([0.91, 0.93, 0.94], cumulativeCost: [10, 40, 60])
/// // [0.91, 0.91, 0.91, 0.93, 0.93, 0.94]
/// ```
///
/// Trials spend their evaluations at different times, so step i of one trial and step i of
/// another are not the same moment; a grid of times is (SeriesSummary needs a rectangular
/// matrix). The value at time t is the curve's value after the last evaluation that had
/// finished by t (cumulative cost ≤ t): a step function, as an incumbent is. Before a
/// trial's first evaluation finishes it has no value (NaN). A trial that stopped before t
/// (its budget ended, or its search did) keeps its last value, which is what it would have
/// returned.
public struct SimulatedTimeGrid: Sendable, Equatable {
    /// Ascending, distinct, positive times in seconds.
    public let times: [Double]

    public init(times: [Double]) {
        self.times = Array(Set(times.filter { $0 > 0 && $0.isFinite })).sorted()
    }

    /// `points` evenly spaced times up to `horizon` (the last one is `horizon` itself), plus
    /// the times in `including` (a spec's checkpoints) so they are sampled exactly.
    public init(horizon: Double, points: Int = 200, including extra: [Double] = []) {
        let n = max(1, points)
        self.init(times: (1...n).map { horizon * Double($0) / Double(n) } + extra.filter { $0 <= horizon })
    }

    /// The step function of `values` (one per evaluation) at every grid time.
    ///
    /// `values` may be longer than `cumulativeCost` (curves NaN-padded to the longest
    /// trial); only the first `cumulativeCost.count` are read.
    /// - Complexity: O(evaluations + grid points)
    public func sample(_ values: [Double], cumulativeCost: [Double]) -> [Double] {
        let n = min(values.count, cumulativeCost.count)
        var out: [Double] = []
        out.reserveCapacity(times.count)
        var finished = 0   // evaluations with cumulative cost ≤ the current time
        for t in times {
            while finished < n && cumulativeCost[finished] <= t { finished += 1 }
            out.append(finished == 0 ? .nan : values[finished - 1])
        }
        return out
    }

    /// The 1-based grid step of each time in `checkpoints` that lies on the grid.
    public func steps(of checkpoints: [Double]) -> [Int] {
        checkpoints.compactMap { c in times.firstIndex(of: c).map { $0 + 1 } }
    }

    /// How far a time axis can reach when every trial is to be shown: the budget of a
    /// simulated-seconds run (every trial ran until it crossed it), or else the time the
    /// quickest trial finished, so no trial is extrapolated past its end. Nil when a trial
    /// has a non-finite or no positive time (the run charged no cost).
    public static func horizon(finalCumulativeCosts: [Double], budget: Double?) -> Double? {
        if let budget { return budget }
        guard let shortest = finalCumulativeCosts.min(), shortest > 0,
              finalCumulativeCosts.allSatisfy(\.isFinite) else { return nil }
        return shortest
    }
}

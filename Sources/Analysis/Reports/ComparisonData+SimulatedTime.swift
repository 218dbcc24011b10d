import Foundation

extension ComparisonData {
    /// What a curve step counts: `evaluations`, or `simulated seconds` on a time grid.
    public var stepUnit: String { timeGrid == nil ? "evaluations" : "simulated seconds" }

    /// A 1-based curve step as the report prints it: the evaluation count, or the grid's
    /// simulated seconds.
    public func stepLabel(_ step: Int) -> String {
        guard let grid = timeGrid, step >= 1, step <= grid.count else { return "\(step)" }
        let t = grid[step - 1]
        return t == t.rounded() ? String(format: "%.0f", t) : String(format: "%.1f", t)
    }

    /// Whether every trial logged a finite, non-decreasing simulated time with some cost: a
    /// time axis then means something.
    public var hasSimulatedTime: Bool {
        var charged = false
        for a in algorithms {
            guard !a.cumulativeCost.isEmpty else { return false }
            for trial in a.cumulativeCost {
                guard let last = trial.last, last.isFinite, zip(trial, trial.dropFirst()).allSatisfy({ $0 <= $1 }) else { return false }
                if last > 0 { charged = true }
            }
        }
        return charged
    }

    /// The same comparison with every curve sampled on `grid` (`SimulatedTimeGrid.sample`)
    /// and the checkpoints given in seconds turned into grid steps; a checkpoint that is not
    /// on the grid is dropped.
    ///
    /// - Precondition: `cumulativeCost` holds one row per trial of every curve.
    /// - Complexity: O(curves · trials · (evaluations + grid points))
    public func onTimeGrid(_ grid: SimulatedTimeGrid, checkpointSeconds: [Double]) -> ComparisonData {
        var out = self
        out.algorithms = algorithms.map { a in
            var resampled = a
            resampled.curves = a.curves.mapValues { rows in
                rows.enumerated().map { t, row in
                    grid.sample(row, cumulativeCost: t < a.cumulativeCost.count ? a.cumulativeCost[t] : [])
                }
            }
            return resampled
        }
        out.timeGrid = grid.times
        out.checkpoints = grid.steps(of: checkpointSeconds)
        return out
    }
}

import Foundation
import NASCore

/// Many algorithms over many benchmarks at a glance (`nasreplay report --across A B …`):
/// the algorithms the runs share, ranked per run (benchmark) and checkpoint, then the
/// Friedman test over the runs with Nemenyi and Holm-corrected Wilcoxon signed-rank
/// post-hoc tests, and the critical difference of Demšar's diagram.
///
/// ```swift
/// let across = try AcrossRunsComparison(runs: [nats, pixel3, ofa])
/// print(across.markdown)
/// try CriticalDifferenceFigure(across).write(name: "critical-difference", in: "results/across")
/// ```
///
/// Each run is one block (Demšar, JMLR 7 (2006) §3.2.2): an algorithm's value in a run is
/// its mean over trials of the run's first metric (normalised HV for multi-objective runs)
/// at the run's last checkpoint, ranks are 1 for the best in the metric's direction, and
/// ties share their average rank.
public struct AcrossRunsComparison: Sendable {
    public let runs: [ComparisonData]
    /// The labels every run has, in the first run's order.
    public let algorithms: [String]
    /// values[run][algorithm]: the mean at the run's last checkpoint.
    public let values: [[Double]]
    /// ranks[run][algorithm], 1 = best.
    public let ranks: [[Double]]
    public let meanRanks: [Double]
    /// nil with fewer than 3 algorithms (Friedman needs 3).
    public let friedman: TestResult?
    public let nemenyi: PostHocComparison?
    /// Holm-corrected two-sided Wilcoxon signed-rank p per pair over the runs' values, in
    /// `pairs` order; nil where the test cannot run (identical differences, too few runs).
    public let wilcoxonHolm: [Double?]
    public let significance: Double

    /// Each unordered pair of algorithm indices, in row-major order of the upper triangle.
    public var pairs: [(Int, Int)] {
        algorithms.indices.flatMap { i in ((i + 1)..<algorithms.count).map { (i, $0) } }
    }

    /// The critical difference of mean ranks at `significance` (Nemenyi): q_α √(k(k+1)/(6N)),
    /// q_α the studentized-range quantile (∞ degrees of freedom) divided by √2.
    public let criticalDifference: Double

    /// `criticalDifference` for k algorithms over n runs; a bisection on the studentized
    /// range's survival function, so it is computed once, in `init`.
    static func criticalDifference(algorithms k: Int, runs n: Int, significance: Double) -> Double {
        guard k >= 2, n > 0 else { return .nan }
        var lo = 0.0, hi = 20.0
        for _ in 0..<200 {
            let mid = (lo + hi) / 2
            if StudentizedRangeDistribution.sf(mid, groups: k) > significance { lo = mid } else { hi = mid }
        }
        let q = (lo + hi) / 2 / 2.0.squareRoot()
        return q * (Double(k * (k + 1)) / (6 * Double(n))).squareRoot()
    }

    /// - Throws: `StatisticsError.invalidParameter` when the runs share fewer than two
    ///   algorithms, or fewer than two runs are given.
    public init(runs: [ComparisonData], significance: Double = 0.05) throws {
        guard runs.count >= 2 else {
            throw StatisticsError.invalidParameter("--across needs at least two results folders (one per benchmark), got \(runs.count)")
        }
        let shared = runs[0].algorithms.map(\.label).filter { label in runs.allSatisfy { $0.algorithms.contains { $0.label == label } } }
        guard shared.count >= 2 else {
            throw StatisticsError.invalidParameter("the runs share \(shared.count) algorithm label(s) (\(shared.joined(separator: ", "))); --across ranks the algorithms every run has, so at least two must be common")
        }
        self.runs = runs
        self.algorithms = shared
        self.significance = significance
        criticalDifference = Self.criticalDifference(algorithms: shared.count, runs: runs.count, significance: significance)
        var values: [[Double]] = []
        var ranks: [[Double]] = []
        for data in runs {
            guard let metric = data.metrics.first, let checkpoint = data.checkpoints.last else {
                throw StatisticsError.invalidParameter("\(data.experiment): no metric or checkpoint to compare")
            }
            let report = ComparisonReport(data)
            let row = shared.map { label -> Double in
                let v = report.values(data.algorithms.first { $0.label == label }!, metric.curve, at: checkpoint)
                return v.isEmpty ? .nan : v.reduce(0, +) / Double(v.count)
            }
            guard row.allSatisfy(\.isFinite) else {
                throw StatisticsError.invalidParameter("\(data.experiment): an algorithm has no value at \(checkpoint); every shared algorithm needs one")
            }
            values.append(row)
            // Rank 1 = best: rank the values as minimised.
            ranks.append(RankCorrelation.averageRanks(row.map { metric.direction == .max ? -$0 : $0 }))
        }
        self.values = values
        self.ranks = ranks
        let k = shared.count
        meanRanks = (0..<k).map { a in ranks.map { $0[a] }.reduce(0, +) / Double(runs.count) }
        // Friedman and Nemenyi on the within-run ranks (the minimised values rank the same).
        let groups = (0..<k).map { a in ranks.map { $0[a] } }
        friedman = k >= 3 ? try? Friedman.test(groups) : nil
        nemenyi = k >= 3 ? try? Friedman.nemenyi(groups) : nil
        let pairList = shared.indices.flatMap { i in ((i + 1)..<k).map { (i, $0) } }
        // Wilcoxon on the values themselves (Demšar §3.1.3), not their ranks.
        let byAlgorithm = (0..<k).map { a in values.map { $0[a] } }
        let raw = pairList.map { i, j in try? WilcoxonSignedRank.test(byAlgorithm[i], byAlgorithm[j]).pValue }
        let testable = raw.compactMap { $0 }
        let adjusted = MultipleComparisons.holm(testable)
        var next = 0
        wilcoxonHolm = raw.map { p in
            guard p != nil else { return nil }
            defer { next += 1 }
            return adjusted[next]
        }
    }

    /// Groups of algorithms whose mean ranks differ by less than the critical difference:
    /// the bars of the diagram, maximal and in rank order, as index ranges into `order`.
    public var cliques: [ClosedRange<Int>] {
        let order = rankOrder
        let cd = criticalDifference
        var out: [ClosedRange<Int>] = []
        for start in order.indices {
            var end = start
            while end + 1 < order.count, meanRanks[order[end + 1]] - meanRanks[order[start]] < cd { end += 1 }
            if end > start, !out.contains(where: { $0.contains(start) && $0.contains(end) }) { out.append(start...end) }
        }
        return out
    }

    /// Algorithm indices from the best mean rank to the worst.
    public var rankOrder: [Int] { algorithms.indices.sorted { (meanRanks[$0], $0) < (meanRanks[$1], $1) } }

    public var markdown: String {
        let f = ComparisonReport.format, p = ComparisonReport.formatP
        var out = ["# Across \(runs.count) runs", ""]
        out.append("Algorithms every run has: \(algorithms.map { "`\($0)`" }.joined(separator: ", ")). Each run is one block: its first metric's mean over trials at its last checkpoint; rank 1 = best (Demšar 2006).")
        out.append("")
        out.append("| run | metric @ checkpoint | " + algorithms.joined(separator: " | ") + " |")
        out.append("|---|---|" + String(repeating: "---|", count: algorithms.count))
        for (r, data) in runs.enumerated() {
            let metric = data.metrics[0].curve, checkpoint = data.stepLabel(data.checkpoints.last!)
            let cells = algorithms.indices.map { "\(f(values[r][$0])) (\(f(ranks[r][$0])))" }
            out.append("| \(data.experiment) (`\(data.benchmark)`) | \(metric) @\(checkpoint) | " + cells.joined(separator: " | ") + " |")
        }
        out.append("| **mean rank** | | " + meanRanks.map { "**\(f($0))**" }.joined(separator: " | ") + " |")
        out.append("")
        if let friedman {
            out.append("Friedman over \(runs.count) runs: χ²_F = \(f(friedman.statistic)), p = \(p(friedman.pValue)). Critical difference (Nemenyi, α = \(significance)): \(f(criticalDifference)).")
        } else {
            out.append("Two algorithms: no Friedman test (it needs three); the Wilcoxon signed-rank test below compares them.")
        }
        out.append("")
        out.append("| pair | mean ranks | Nemenyi p | Wilcoxon p (Holm) |")
        out.append("|---|---|---|---|")
        for (k, (i, j)) in pairs.enumerated() {
            let nemenyiP = nemenyi.map { p($0.pValues[i][j]) } ?? "—"
            let wilcoxon = wilcoxonHolm[k].map(p) ?? "—"
            out.append("| \(algorithms[i]) vs \(algorithms[j]) | \(f(meanRanks[i])) vs \(f(meanRanks[j])) | \(nemenyiP) | \(wilcoxon) |")
        }
        out.append("")
        out.append("With \(runs.count) runs as blocks the tests have little power: a difference they miss is not shown to be absent.")
        return out.joined(separator: "\n") + "\n"
    }

    /// `report --across --json`: the same as `markdown`, numbers exact.
    public var jsonObject: [String: Any] {
        func number(_ x: Double) -> Any { x.isFinite ? x : NSNull() }
        let runRows: [[String: Any]] = runs.enumerated().map { r, data in
            ["experiment": data.experiment, "benchmark": data.benchmark, "metric": data.metrics[0].curve,
             "checkpoint": data.checkpoints.last ?? 0, "values": values[r].map(number), "ranks": ranks[r]]
        }
        let pairRows: [[String: Any]] = pairs.enumerated().map { k, pair in
            ["first": algorithms[pair.0], "second": algorithms[pair.1],
             "nemenyi_p": nemenyi.map { number($0.pValues[pair.0][pair.1]) } ?? NSNull(),
             "wilcoxon_p_holm": wilcoxonHolm[k].map(number) ?? NSNull()]
        }
        return ["algorithms": algorithms, "runs": runRows, "mean_ranks": meanRanks,
                "friedman": friedman.map { ["statistic": number($0.statistic), "p": number($0.pValue)] as [String: Any] } ?? NSNull(),
                "critical_difference": number(criticalDifference), "significance": significance, "pairs": pairRows,
                "cliques": cliques.map { range in range.map { algorithms[rankOrder[$0]] } }]
    }
}

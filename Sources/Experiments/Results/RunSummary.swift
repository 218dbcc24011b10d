import Foundation
import NASCore

/// The plain-text summary printed after a run and saved as `summary.md`: per algorithm, at
/// each checkpoint, the incumbent's reported metric (mean ± std, median) and, for
/// multi-objective runs, the normalised hypervolume. Statistical tests come from
/// `nasreplay report`.
struct RunSummary {
    let spec: ExperimentSpec
    let labels: [String]
    let results: [[TrialResult]]
    let front: TableParetoFront?

    /// Index of the last evaluation within a checkpoint.
    private func index(_ t: TrialResult, at checkpoint: Double) -> Int? {
        switch spec.budget {
        case .evaluations: return t.evaluations == 0 ? nil : min(Int(checkpoint), t.evaluations) - 1
        case .simulatedSeconds: return t.cumulativeCost.lastIndex { $0 <= checkpoint }
        }
    }

    private func cell(_ values: [Double]) -> String {
        let v = values.filter { !$0.isNaN }
        guard !v.isEmpty else { return "—" }
        let mean = v.reduce(0, +) / Double(v.count)
        let sd = v.count > 1 ? (v.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(v.count - 1)).squareRoot() : 0
        let sorted = v.sorted()
        let median = sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
        return "\(format(mean)) ± \(format(sd)) (median \(format(median)))"
    }

    private func format(_ x: Double) -> String {
        abs(x) >= 100 ? String(format: "%.2f", x) : abs(x) >= 1 ? String(format: "%.3f", x) : String(format: "%.4f", x)
    }

    private func table(title: String, value: (TrialResult, Int) -> Double) -> String {
        let unit: String
        switch spec.budget {
        case .evaluations: unit = ""
        case .simulatedSeconds: unit = " s"
        }
        var lines = ["### \(title)", "", "| algorithm | " + spec.checkpoints.map { "@\(Int($0))\(unit)" }.joined(separator: " | ") + " |",
                     "|---|" + String(repeating: "---|", count: spec.checkpoints.count)]
        for (label, trials) in zip(labels, results) {
            let cells = spec.checkpoints.map { c in cell(trials.compactMap { t in index(t, at: c).map { value(t, $0) } }) }
            lines.append("| \(label) | " + cells.joined(separator: " | ") + " |")
        }
        return lines.joined(separator: "\n")
    }

    var markdown: String {
        var parts = ["# \(spec.name)", ""]
        if !spec.summary.isEmpty { parts += [spec.summary, ""] }
        parts.append("Benchmark `\(spec.benchmark.name)`, \(spec.trials) trials per algorithm, budget \(spec.budget); search signal \(spec.benchmark.objectives.map { "`\($0)`" }.joined(separator: ", "))\(spec.benchmark.report.isEmpty ? "" : "; reported \(spec.benchmark.report.map { "`\($0)`" }.joined(separator: ", "))"). Values are mean ± standard deviation over trials (median).")
        parts.append("")
        let r = spec.benchmark.report.count
        if front == nil {
            for (j, metric) in spec.benchmark.report.enumerated() {
                parts += [table(title: "Incumbent's `\(metric)` (incumbent = best `\(spec.benchmark.objectives[0].metric)` so far)") { t, i in t.incumbentReported[i * r + j] }, ""]
            }
            parts += [table(title: "Best `\(spec.benchmark.objectives[0])` so far") { t, i in t.bestSignal[i] }, ""]
        } else if let front {
            parts += [table(title: "Normalised hypervolume") { t, i in t.normalizedHypervolume[i] }, ""]
            parts += ["Hypervolume convention: \(front.conventionNote).", ""]
        }
        let offTable = results.flatMap { $0 }.reduce(0) { $0 + $1.exact.filter { $0 == 0 }.count }
        let total = results.flatMap { $0 }.reduce(0) { $0 + $1.evaluations }
        if offTable > 0 { parts += ["Off-table answers: \(offTable) of \(total) evaluations (\(format(100 * Double(offTable) / Double(max(1, total))))%).", ""] }
        let stalled = results.flatMap { $0 }.filter(\.stalled).count
        if stalled > 0 { parts += ["\(stalled) trials stopped early: the algorithm kept revisiting known architectures under `cache = \"free\"`.", ""] }
        return parts.joined(separator: "\n")
    }
}
